/**
 * One page's connection to its kernel: a WebSocket opened on the first run, runs queued
 * while it connects, reconnection with backoff when it drops, and the page's state (see
 * outputs.ts) as an external store for React.
 */
import { INITIAL_STATE, reduce, type Action, type SessionState } from "./outputs";
import { parseServerEvent, type ClientMessage, type ServerEvent } from "./protocol";
import { runRequests, segmentsFor, segmentSucceeded, type PlannedCell } from "./runPlan";

export type SocketHandlers = {
  onOpen: () => void;
  onMessage: (data: unknown) => void;
  onClose: () => void;
};
export type SocketLink = { send: (text: string) => void; close: () => void };
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLink;

export type SessionOptions = {
  url: string;
  createSocket?: SocketFactory;
  /** Waits before each reconnection attempt; the last repeats. */
  backoffMs?: readonly number[];
  /** Events arriving within this window are applied together (one render). */
  batchMs?: number;
};

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const LOST = "The connection to the server was lost before this cell finished. Run it again.";

export const browserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = handlers.onOpen;
  socket.onmessage = (event) => {
    handlers.onMessage(event.data);
  };
  socket.onclose = handlers.onClose;
  return {
    send: (text) => {
      socket.send(text);
    },
    close: () => {
      socket.onclose = null;
      socket.close();
    },
  };
};

type RunAllPlan = { last: PlannedCell; remaining: PlannedCell[][] };

export class KernelSession {
  private state: SessionState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private socket: SocketLink | null = null;
  private open = false;
  private outbox: ClientMessage[] = [];
  private pending: ServerEvent[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private plan: RunAllPlan | null = null;
  private readonly createSocket: SocketFactory;
  private readonly backoffMs: readonly number[];
  private readonly batchMs: number;
  readonly url: string;

  constructor(options: SessionOptions) {
    this.url = options.url;
    this.createSocket = options.createSocket ?? browserSocket;
    this.backoffMs = options.backoffMs ?? BACKOFF_MS;
    this.batchMs = options.batchMs ?? 16;
  }

  // -- the store -----------------------------------------------------------------------

  readonly getState = (): SessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private apply(actions: readonly Action[]): void {
    if (actions.length === 0) return;
    for (const action of actions) {
      this.state = reduce(this.state, action);
      if (action.type === "done") this.continuePlan(action.cell_id);
    }
    for (const listener of this.listeners) listener();
  }

  private dispatch(action: Action): void {
    this.flushEvents();
    this.apply([action]);
  }

  // -- what the page asks for ------------------------------------------------------------

  run(cellId: string, code: string): void {
    this.dispatch({ type: "local/queued", cellIds: [cellId] });
    this.send({ type: "run", cell_id: cellId, code });
  }

  /** Run `cells` in order; stop at the first that fails (a cell with `raises` may fail as planned). */
  runAll(cells: readonly PlannedCell[]): void {
    const [first, ...rest] = segmentsFor(cells);
    if (!first) return;
    this.cancelPlan("skipped");
    this.dispatch({ type: "local/queued", cellIds: cells.map((c) => c.cellId) });
    this.sendSegment(first, rest);
  }

  interrupt(): void {
    this.cancelPlan("interrupted");
    const unsent = this.outbox.flatMap((m) => (m.type === "run" ? [m] : m.type === "run_all" ? m.cells : []));
    this.outbox = this.outbox.filter((m) => m.type !== "run" && m.type !== "run_all");
    if (unsent.length > 0) {
      this.dispatch({ type: "local/cancelled", cellIds: unsent.map((r) => r.cell_id), status: "interrupted" });
    }
    if (this.open) this.send({ type: "interrupt" });
  }

  restart(): void {
    this.cancelPlan("skipped");
    this.send({ type: "restart" });
  }

  dismissNotice(noticeId: number): void {
    this.dispatch({ type: "local/dismiss", noticeId });
  }

  /** Close the socket and forget queued work; a later run connects again. */
  disconnect(): void {
    this.cancelPlan("interrupted");
    this.clearTimers();
    this.outbox = [];
    this.pending = [];
    this.socket?.close();
    this.socket = null;
    this.open = false;
    this.attempts = 0;
    this.apply([{ type: "local/lost", retryAt: null, message: "Stopped: the page was closed." }, { type: "local/idle" }]);
  }

  // -- run all, segment by segment ---------------------------------------------------------

  private sendSegment(segment: PlannedCell[], remaining: PlannedCell[][]): void {
    const last = segment.at(-1);
    if (!last) return;
    this.plan = { last, remaining };
    this.send({ type: "run_all", cells: runRequests(segment) });
  }

  private continuePlan(doneCellId: string): void {
    const plan = this.plan;
    if (plan?.last.cellId !== doneCellId) return;
    this.plan = null;
    const [next, ...rest] = plan.remaining;
    if (!next) return;
    if (segmentSucceeded(plan.last, this.state.cells[doneCellId])) {
      this.sendSegment(next, rest);
    } else {
      const skipped = plan.remaining.flat().map((c) => c.cellId);
      this.state = reduce(this.state, { type: "local/cancelled", cellIds: skipped, status: "skipped" });
    }
  }

  private cancelPlan(status: "interrupted" | "skipped"): void {
    const plan = this.plan;
    this.plan = null;
    if (plan && plan.remaining.length > 0) {
      this.dispatch({ type: "local/cancelled", cellIds: plan.remaining.flat().map((c) => c.cellId), status });
    }
  }

  // -- the socket --------------------------------------------------------------------------

  private send(message: ClientMessage): void {
    if (this.open && this.socket) {
      this.socket.send(JSON.stringify(message));
      return;
    }
    this.outbox.push(message);
    // Waiting to reconnect: the learner asked for something, so try now.
    if (!this.socket) {
      if (this.retryTimer !== null) clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  private connect(): void {
    this.retryTimer = null;
    this.dispatch({ type: "local/connecting" });
    const socket = this.createSocket(this.url, {
      onOpen: () => {
        if (this.socket !== socket) return;
        this.open = true;
        this.dispatch({ type: "local/open" });
        const queued = this.outbox;
        this.outbox = [];
        for (const message of queued) socket.send(JSON.stringify(message));
      },
      onMessage: (data) => {
        if (this.socket !== socket) return;
        const event = parseServerEvent(data);
        if (!event) return;
        if (event.type === "hello") this.attempts = 0;
        this.pending.push(event);
        this.flushTimer ??= setTimeout(() => {
          this.flushEvents();
        }, this.batchMs);
      },
      onClose: () => {
        if (this.socket !== socket) return;
        this.flushEvents();
        this.socket = null;
        this.open = false;
        this.plan = null;
        const wait = this.backoffMs[Math.min(this.attempts, this.backoffMs.length - 1)] ?? 1000;
        this.attempts += 1;
        this.retryTimer = setTimeout(() => {
          this.connect();
        }, wait);
        this.dispatch({ type: "local/lost", retryAt: Date.now() + wait, message: LOST });
      },
    });
    this.socket = socket;
  }

  private flushEvents(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const events = this.pending;
    this.pending = [];
    this.apply(events);
  }

  private clearTimers(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.flushTimer = null;
    this.retryTimer = null;
  }
}
