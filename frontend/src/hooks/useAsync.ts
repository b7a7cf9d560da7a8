import { useCallback, useEffect, useState } from "react";

export type AsyncState<T> =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "ready"; data: T };

const LOADING = { status: "loading" } as const;

/** Run `load` when `key` changes; `reload` runs it again. Stale answers are ignored. */
export function useAsync<T>(load: () => Promise<T>, key: string): [AsyncState<T>, () => void] {
  const [generation, setGeneration] = useState(0);
  const request = `${key}#${generation}`;
  const [settled, setSettled] = useState<{ request: string; state: AsyncState<T> } | null>(null);
  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => {
        if (current) setSettled({ request, state: { status: "ready", data } });
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        if (current) setSettled({ request, state: { status: "error", error: failure } });
      },
    );
    return () => {
      current = false;
    };
    // `load` is recreated on every render; `request` says when the data it fetches changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  return [settled?.request === request ? settled.state : LOADING, reload];
}
