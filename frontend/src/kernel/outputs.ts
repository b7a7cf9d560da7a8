/**
 * What a page knows about its kernel session, and the pure reducer that turns server events
 * (and a few local happenings: a run queued, the connection lost) into it.
 */
import type { CellStatus, Hello, KernelState, LimitNotice, ServerEvent } from "./protocol";

/** Stream text kept per cell for the page; the rest is counted, not shown. */
export const MAX_STREAM_CHARS = 100_000;

export type OutputItem =
  | { kind: "stream"; name: "stdout" | "stderr"; text: string }
  | { kind: "display"; data: Readonly<Record<string, string>>; executionCount: number | null }
  | { kind: "error"; ename: string; evalue: string; traceback: readonly string[]; explanation: string | null }
  | { kind: "limit"; limit: LimitNotice["limit"]; message: string }
  /** Said by the page itself, e.g. that the connection was lost mid-run. */
  | { kind: "notice"; message: string };

/** queued: sent (or waiting to be), running: the kernel is on it, done: `status` says how it ended. */
export type CellPhase = "queued" | "running" | "done";

export type CellRun = {
  readonly phase: CellPhase;
  readonly status: CellStatus | null;
  readonly executionCount: number | null;
  readonly durationMs: number | null;
  readonly outputs: readonly OutputItem[];
  /** Characters of stream text kept in `outputs`. */
  readonly streamChars: number;
  /** Characters of stream text dropped past MAX_STREAM_CHARS. */
  readonly droppedChars: number;
};

export type Connection = "idle" | "connecting" | "open" | "reconnecting";

export type PageNotice = { readonly id: number; readonly kind: "limit" | "protocol"; readonly message: string };

export type SessionState = {
  readonly connection: Connection;
  readonly kernel: KernelState | null;
  readonly hello: Hello | null;
  /** When connection is "reconnecting": the next attempt's time (ms since the epoch). */
  readonly retryAt: number | null;
  readonly cells: Readonly<Record<string, CellRun>>;
  readonly notices: readonly PageNotice[];
};

export type LocalAction =
  | { type: "local/queued"; cellIds: readonly string[] }
  | { type: "local/connecting" }
  | { type: "local/open" }
  | { type: "local/lost"; retryAt: number | null; message: string }
  | { type: "local/idle" }
  | { type: "local/cancelled"; cellIds: readonly string[]; status: "interrupted" | "skipped" }
  | { type: "local/dismiss"; noticeId: number };

export type Action = ServerEvent | LocalAction;

export const INITIAL_STATE: SessionState = {
  connection: "idle",
  kernel: null,
  hello: null,
  retryAt: null,
  cells: {},
  notices: [],
};

const FRESH_RUN: CellRun = {
  phase: "queued",
  status: null,
  executionCount: null,
  durationMs: null,
  outputs: [],
  streamChars: 0,
  droppedChars: 0,
};

function withCell(state: SessionState, cellId: string, update: (run: CellRun) => CellRun): SessionState {
  const run = state.cells[cellId] ?? FRESH_RUN;
  return { ...state, cells: { ...state.cells, [cellId]: update(run) } };
}

function push(run: CellRun, item: OutputItem): CellRun {
  return { ...run, outputs: [...run.outputs, item] };
}

function appendStream(run: CellRun, name: "stdout" | "stderr", text: string): CellRun {
  const room = Math.max(0, MAX_STREAM_CHARS - run.streamChars);
  const kept = text.length > room ? text.slice(0, room) : text;
  const dropped = text.length - kept.length;
  const counted = { ...run, streamChars: run.streamChars + kept.length, droppedChars: run.droppedChars + dropped };
  if (kept === "") return counted;
  const last = run.outputs.at(-1);
  if (last?.kind === "stream" && last.name === name) {
    return { ...counted, outputs: [...run.outputs.slice(0, -1), { ...last, text: last.text + kept }] };
  }
  return push(counted, { kind: "stream", name, text: kept });
}

function finish(run: CellRun, status: CellStatus, message: string | null): CellRun {
  const finished = { ...run, phase: "done" as const, status };
  return message === null ? finished : push(finished, { kind: "notice", message });
}

/** Cells still waiting or running end with `status` (and `message`, when given). */
function endUnfinished(state: SessionState, status: CellStatus, message: string | null): SessionState {
  let cells = state.cells;
  for (const [id, run] of Object.entries(state.cells)) {
    if (run.phase !== "done") cells = { ...cells, [id]: finish(run, status, message) };
  }
  return cells === state.cells ? state : { ...state, cells };
}

function notice(state: SessionState, kind: PageNotice["kind"], message: string): SessionState {
  const id = (state.notices.at(-1)?.id ?? 0) + 1;
  return { ...state, notices: [...state.notices.slice(-4), { id, kind, message }] };
}

export function reduce(state: SessionState, action: Action): SessionState {
  switch (action.type) {
    case "local/queued": {
      let cells = state.cells;
      for (const id of action.cellIds) cells = { ...cells, [id]: FRESH_RUN };
      return { ...state, cells };
    }
    case "local/cancelled": {
      let cells = state.cells;
      for (const id of action.cellIds) {
        const run = cells[id];
        if (run && run.phase !== "done") cells = { ...cells, [id]: finish(run, action.status, null) };
      }
      return { ...state, cells };
    }
    case "local/connecting":
      return { ...state, connection: "connecting", retryAt: null };
    case "local/open":
      return { ...state, connection: "open", retryAt: null };
    case "local/lost":
      return {
        ...endUnfinished(state, "died", action.message),
        connection: action.retryAt === null ? "idle" : "reconnecting",
        kernel: null,
        retryAt: action.retryAt,
      };
    case "local/idle":
      return { ...state, connection: "idle", kernel: null, retryAt: null };
    case "local/dismiss":
      return { ...state, notices: state.notices.filter((n) => n.id !== action.noticeId) };
    case "hello":
      return { ...state, hello: action, connection: "open", retryAt: null };
    case "status": {
      const next = { ...state, kernel: action.state };
      if (action.state === "dead") return endUnfinished(next, "died", null);
      if (action.state === "busy" && action.cell_id !== null) {
        return withCell(next, action.cell_id, (run) => (run.phase === "queued" ? { ...run, phase: "running" } : run));
      }
      return next;
    }
    case "stream":
      return withCell(state, action.cell_id, (run) => appendStream(run, action.name, action.text));
    case "display":
      return withCell(state, action.cell_id, (run) =>
        push(run, { kind: "display", data: action.data, executionCount: action.execution_count }),
      );
    case "error":
      return withCell(state, action.cell_id, (run) =>
        push(run, {
          kind: "error",
          ename: action.ename,
          evalue: action.evalue,
          traceback: action.traceback,
          explanation: action.explanation,
        }),
      );
    case "limit":
      if (action.cell_id === null) return notice(state, "limit", action.message);
      return withCell(state, action.cell_id, (run) =>
        push(run, { kind: "limit", limit: action.limit, message: action.message }),
      );
    case "done":
      return withCell(state, action.cell_id, (run) => ({
        ...run,
        phase: "done",
        status: action.status,
        executionCount: action.execution_count,
        durationMs: action.duration_ms,
      }));
    case "protocol_error":
      return notice(state, "protocol", action.message);
  }
}

/** The exception a finished cell raised, if any. */
export function raisedName(run: CellRun | undefined): string | null {
  if (!run) return null;
  for (const item of run.outputs) if (item.kind === "error") return item.ename;
  return null;
}

/** What the page says about the kernel: one of its states, or where the connection is. */
export function kernelStateLabel(state: Pick<SessionState, "connection" | "kernel">): string {
  switch (state.connection) {
    case "idle":
      return "not started";
    case "connecting":
      return "starting";
    case "reconnecting":
      return "disconnected — reconnecting";
    case "open":
      // The server reports a state when it changes; until then the session waits for work.
      return state.kernel ?? "idle";
  }
}
