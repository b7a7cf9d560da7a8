import { useEffect, useState, useSyncExternalStore } from "react";
import type { CellRun, SessionState } from "./outputs";
import { sessionUrl, type WorkspaceKind } from "./protocol";
import { KernelSession } from "./session";

/** The page's kernel session (connected on its first run, closed when the page goes). */
export function useKernelSession(kind: WorkspaceKind, moduleId: string): KernelSession {
  const [session] = useState(() => new KernelSession({ url: sessionUrl(kind, moduleId, window.location) }));
  useEffect(
    () => () => {
      session.disconnect();
    },
    [session],
  );
  return session;
}

/** A slice of the session's state; re-renders only when that slice changes. */
export function useSessionState<T>(session: KernelSession, select: (state: SessionState) => T): T {
  return useSyncExternalStore(session.subscribe, () => select(session.getState()));
}

export function useCellRun(session: KernelSession, cellId: string): CellRun | undefined {
  return useSessionState(session, (state) => state.cells[cellId]);
}
