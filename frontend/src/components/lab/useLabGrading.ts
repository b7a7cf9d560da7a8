import { useCallback, useEffect, useRef, useState } from "react";
import { labs, type LabHints, type LabStatus, type SubmitResponse } from "../../api/client";
import { announce, rungLabel } from "./results";

export type Revealed = { readonly fn: string; readonly index: number; readonly seq: number };

export type LabGrading = {
  /** The learner's attempts so far and whether the lab is complete (null until loaded). */
  readonly status: LabStatus | null;
  readonly hints: LabHints | null;
  readonly hintsError: Error | null;
  /** The latest check's answer: from this visit, or the last stored attempt on page open. */
  readonly last: SubmitResponse | null;
  /** `last` was checked during this visit (so it may take focus), not restored on open. */
  readonly lastIsFresh: boolean;
  readonly checking: boolean;
  readonly checkError: Error | null;
  /** The function whose next hint is being fetched. */
  readonly revealing: string | null;
  readonly revealError: { readonly fn: string; readonly message: string } | null;
  /** The rung revealed last (the ladder moves focus to it). */
  readonly revealed: Revealed | null;
  readonly check: (code: string) => void;
  readonly reveal: (fn: string) => void;
  readonly reloadHints: () => void;
};

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A lab's checks and hints: the status and hint ladder are fetched on mount (so revealed
 * hints survive a reload); `check` submits the file; `reveal` climbs one rung.
 * `say` puts a sentence in the page's live region.
 */
export function useLabGrading(moduleId: string, say: (message: string) => void): LabGrading {
  const [status, setStatus] = useState<LabStatus | null>(null);
  const [hints, setHints] = useState<LabHints | null>(null);
  const [hintsError, setHintsError] = useState<Error | null>(null);
  const [hintsGeneration, setHintsGeneration] = useState(0);
  const [last, setLast] = useState<SubmitResponse | null>(null);
  const [lastIsFresh, setLastIsFresh] = useState(false);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<Error | null>(null);
  const [revealing, setRevealing] = useState<string | null>(null);
  const [revealError, setRevealError] = useState<LabGrading["revealError"]>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const busy = useRef(false);
  const seq = useRef(0);
  const sayRef = useRef(say);
  useEffect(() => {
    sayRef.current = say;
  }, [say]);

  useEffect(() => {
    let current = true;
    labs.status(moduleId).then(
      (data) => {
        if (!current) return;
        setStatus(data);
        const latest = data.attempts.at(-1);
        if (!latest) return;
        // Show the last attempt's results again, as they were (unless a check already ran).
        labs.attempt(moduleId, latest.number).then(
          (attempt) => {
            if (current) setLast((shown) => shown ?? { attempt, completed_now: false, hints: { functions: [] } });
          },
          () => undefined,
        );
      },
      () => undefined, // the badge, count and last results are extras: the page works without them
    );
    return () => {
      current = false;
    };
  }, [moduleId]);

  useEffect(() => {
    let current = true;
    labs.hints(moduleId).then(
      (data) => {
        if (!current) return;
        setHints(data);
        setHintsError(null);
      },
      (error: unknown) => {
        if (current) setHintsError(asError(error));
      },
    );
    return () => {
      current = false;
    };
  }, [moduleId, hintsGeneration]);

  const reloadHints = useCallback(() => {
    setHintsGeneration((g) => g + 1);
  }, []);

  const check = useCallback(
    (code: string) => {
      if (busy.current) return;
      busy.current = true;
      setChecking(true);
      setCheckError(null);
      sayRef.current("Checking your code…");
      labs.submit(moduleId, code).then(
        (response) => {
          busy.current = false;
          setChecking(false);
          setLast(response);
          setLastIsFresh(true);
          setHints(response.hints);
          setHintsError(null);
          setRevealError(null);
          sayRef.current(announce(response.attempt.number, response.attempt.result, response.completed_now));
          labs.status(moduleId).then(setStatus, () => undefined);
        },
        (error: unknown) => {
          busy.current = false;
          setChecking(false);
          const failure = asError(error);
          setCheckError(failure);
          sayRef.current(`Could not check your code: ${failure.message}`);
        },
      );
    },
    [moduleId],
  );

  const reveal = useCallback(
    (fn: string) => {
      setRevealing(fn);
      setRevealError(null);
      labs.revealHint(moduleId, fn).then(
        (data) => {
          setRevealing(null);
          setHints(data);
          const ladder = data.functions.find((f) => f.function === fn);
          if (ladder && ladder.revealed.length > 0) {
            const index = ladder.revealed.length - 1;
            seq.current += 1;
            setRevealed({ fn, index, seq: seq.current });
            sayRef.current(`${rungLabel(index, ladder.total)} for ${fn}: ${ladder.revealed[index] ?? ""}`);
          }
        },
        (error: unknown) => {
          setRevealing(null);
          const message = asError(error).message;
          setRevealError({ fn, message });
          sayRef.current(`No hint for ${fn}: ${message}`);
        },
      );
    },
    [moduleId],
  );

  return {
    status,
    hints,
    hintsError,
    last,
    lastIsFresh,
    checking,
    checkError,
    revealing,
    revealError,
    revealed,
    check,
    reveal,
    reloadHints,
  };
}
