import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseServerEvent, sessionUrl, type ClientMessage, type ServerEvent } from "./protocol";
import { segmentsFor } from "./runPlan";
import { KernelSession, type SocketHandlers } from "./session";

class FakeServer {
  sockets: { url: string; handlers: SocketHandlers; sent: ClientMessage[]; closed: boolean }[] = [];

  readonly factory = (url: string, handlers: SocketHandlers) => {
    const socket = { url, handlers, sent: [] as ClientMessage[], closed: false };
    this.sockets.push(socket);
    return {
      send: (text: string) => {
        socket.sent.push(JSON.parse(text) as ClientMessage);
      },
      close: () => {
        socket.closed = true;
      },
    };
  };

  get last() {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error("no socket was opened");
    return socket;
  }

  emit(...events: ServerEvent[]) {
    for (const event of events) this.last.handlers.onMessage(JSON.stringify(event));
    vi.advanceTimersByTime(20);
  }
}

const done = (cellId: string, status: "ok" | "error" | "skipped" = "ok"): ServerEvent => ({
  type: "done",
  cell_id: cellId,
  status,
  execution_count: null,
  duration_ms: 1,
});

describe("a kernel session", () => {
  let server: FakeServer;
  let session: KernelSession;

  beforeEach(() => {
    vi.useFakeTimers();
    server = new FakeServer();
    session = new KernelSession({ url: "ws://test/ws", createSocket: server.factory, backoffMs: [100, 1000] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("connects on the first run and sends queued runs once open", () => {
    expect(server.sockets).toHaveLength(0);
    session.run("cell-1", "print(1)");
    expect(server.sockets).toHaveLength(1);
    expect(session.getState().connection).toBe("connecting");
    expect(session.getState().cells["cell-1"]?.phase).toBe("queued");
    session.run("cell-2", "print(2)");
    expect(server.last.sent).toEqual([]);
    server.last.handlers.onOpen();
    expect(server.last.sent).toEqual([
      { type: "run", cell_id: "cell-1", code: "print(1)" },
      { type: "run", cell_id: "cell-2", code: "print(2)" },
    ]);
    expect(server.sockets).toHaveLength(1);
  });

  it("applies a burst of events in one update", () => {
    const listener = vi.fn();
    session.subscribe(listener);
    session.run("cell-1", "x");
    server.last.handlers.onOpen();
    listener.mockClear();
    for (let i = 0; i < 50; i++) server.last.handlers.onMessage(JSON.stringify({ type: "stream", cell_id: "cell-1", name: "stdout", text: "." }));
    expect(listener).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(session.getState().cells["cell-1"]?.outputs).toEqual([{ kind: "stream", name: "stdout", text: ".".repeat(50) }]);
  });

  it("reconnects with backoff after the socket drops, and ends the cell that was running", () => {
    session.run("cell-1", "while True: pass");
    server.last.handlers.onOpen();
    server.emit({ type: "status", state: "busy", cell_id: "cell-1" });
    server.last.handlers.onClose();
    const state = session.getState();
    expect(state.connection).toBe("reconnecting");
    expect(state.cells["cell-1"]).toMatchObject({ phase: "done", status: "died" });
    vi.advanceTimersByTime(99);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(2);
    server.last.handlers.onClose(); // the server is still down: wait longer
    vi.advanceTimersByTime(999);
    expect(server.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(3);
    server.last.handlers.onOpen();
    expect(session.getState().connection).toBe("open");
  });

  it("connects at once when the learner runs a cell while waiting to reconnect", () => {
    session.run("cell-1", "1");
    server.last.handlers.onOpen();
    server.last.handlers.onClose();
    session.run("cell-1", "2");
    expect(server.sockets).toHaveLength(2);
    server.last.handlers.onOpen();
    expect(server.last.sent).toEqual([{ type: "run", cell_id: "cell-1", code: "2" }]);
    vi.advanceTimersByTime(5000);
    expect(server.sockets).toHaveLength(2);
  });

  it("runs all in segments that end at cells raising on purpose", () => {
    const cells = [
      { cellId: "cell-1", code: "a", raises: null },
      { cellId: "cell-2", code: "b", raises: "ValueError" },
      { cellId: "cell-3", code: "c", raises: null },
    ];
    expect(segmentsFor(cells).map((s) => s.map((c) => c.cellId))).toEqual([["cell-1", "cell-2"], ["cell-3"]]);
    session.runAll(cells);
    server.last.handlers.onOpen();
    expect(server.last.sent).toEqual([
      { type: "run_all", cells: [{ type: "run", cell_id: "cell-1", code: "a" }, { type: "run", cell_id: "cell-2", code: "b" }] },
    ]);
    server.emit(done("cell-1"), {
      type: "error",
      cell_id: "cell-2",
      ename: "ValueError",
      evalue: "no",
      traceback: [],
      explanation: null,
    });
    expect(server.last.sent).toHaveLength(1);
    server.emit(done("cell-2", "error"));
    expect(server.last.sent.at(-1)).toEqual({ type: "run_all", cells: [{ type: "run", cell_id: "cell-3", code: "c" }] });
  });

  it("stops run all when a cell fails unexpectedly and reports the rest skipped", () => {
    session.runAll([
      { cellId: "cell-1", code: "a", raises: null },
      { cellId: "cell-2", code: "b", raises: "ValueError" },
      { cellId: "cell-3", code: "c", raises: null },
    ]);
    server.last.handlers.onOpen();
    server.emit(
      { type: "error", cell_id: "cell-2", ename: "NameError", evalue: "x", traceback: [], explanation: null },
      done("cell-2", "error"),
    );
    expect(server.last.sent).toHaveLength(1);
    expect(session.getState().cells["cell-3"]).toMatchObject({ phase: "done", status: "skipped" });
  });

  it("interrupt drops unsent runs and tells the server to stop the running one", () => {
    session.run("cell-1", "a");
    session.interrupt();
    expect(session.getState().cells["cell-1"]).toMatchObject({ phase: "done", status: "interrupted" });
    server.last.handlers.onOpen();
    expect(server.last.sent).toEqual([]);
    session.run("cell-2", "b");
    session.interrupt();
    expect(server.last.sent).toEqual([{ type: "run", cell_id: "cell-2", code: "b" }, { type: "interrupt" }]);
  });

  it("disconnect closes the socket, and a later run connects again", () => {
    session.run("cell-1", "a");
    server.last.handlers.onOpen();
    session.disconnect();
    expect(server.last.closed).toBe(true);
    expect(session.getState().connection).toBe("idle");
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
    session.run("cell-1", "a");
    expect(server.sockets).toHaveLength(2);
  });

  it("ignores frames that are not server events", () => {
    session.run("cell-1", "a");
    server.last.handlers.onOpen();
    server.last.handlers.onMessage("not json");
    server.last.handlers.onMessage(JSON.stringify({ type: "surprise" }));
    vi.advanceTimersByTime(20);
    expect(session.getState().cells["cell-1"]?.outputs).toEqual([]);
    expect(parseServerEvent(new ArrayBuffer(2))).toBeNull();
  });
});

describe("the session URL", () => {
  it("uses the page's host and wss on https", () => {
    expect(sessionUrl("lesson", "vectors", { protocol: "http:", host: "127.0.0.1:8421" })).toBe(
      "ws://127.0.0.1:8421/api/sessions/lesson/vectors/ws",
    );
    expect(sessionUrl("lab", "a b", { protocol: "https:", host: "la4ai.example" })).toBe(
      "wss://la4ai.example/api/sessions/lab/a%20b/ws",
    );
  });
});
