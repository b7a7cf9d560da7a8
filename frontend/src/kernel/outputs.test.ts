import { describe, expect, it } from "vitest";
import { INITIAL_STATE, kernelStateLabel, MAX_STREAM_CHARS, reduce, type Action, type SessionState } from "./outputs";

function run(actions: Action[], state: SessionState = INITIAL_STATE): SessionState {
  return actions.reduce(reduce, state);
}

const queued: Action = { type: "local/queued", cellIds: ["cell-1"] };

describe("the output reducer", () => {
  it("concatenates consecutive stream text of the same name", () => {
    const state = run([
      queued,
      { type: "stream", cell_id: "cell-1", name: "stdout", text: "a" },
      { type: "stream", cell_id: "cell-1", name: "stdout", text: "b\n" },
      { type: "stream", cell_id: "cell-1", name: "stderr", text: "warn\n" },
      { type: "stream", cell_id: "cell-1", name: "stdout", text: "c" },
    ]);
    expect(state.cells["cell-1"]?.outputs).toEqual([
      { kind: "stream", name: "stdout", text: "ab\n" },
      { kind: "stream", name: "stderr", text: "warn\n" },
      { kind: "stream", name: "stdout", text: "c" },
    ]);
  });

  it("keeps at most MAX_STREAM_CHARS of text and counts the rest", () => {
    const big = "x".repeat(MAX_STREAM_CHARS - 10);
    const state = run([
      queued,
      { type: "stream", cell_id: "cell-1", name: "stdout", text: big },
      { type: "stream", cell_id: "cell-1", name: "stdout", text: "y".repeat(25) },
      { type: "stream", cell_id: "cell-1", name: "stderr", text: "z".repeat(5) },
    ]);
    const cell = state.cells["cell-1"];
    expect(cell?.outputs).toHaveLength(1);
    expect(cell?.outputs[0]).toEqual({ kind: "stream", name: "stdout", text: big + "y".repeat(10) });
    expect(cell?.streamChars).toBe(MAX_STREAM_CHARS);
    expect(cell?.droppedChars).toBe(20);
  });

  it("adds rich display data and errors in order", () => {
    const state = run([
      queued,
      { type: "display", cell_id: "cell-1", data: { "image/png": "iVBOR" }, execution_count: null },
      {
        type: "error",
        cell_id: "cell-1",
        ename: "ValueError",
        evalue: "shapes (2,) and (3,) not aligned",
        traceback: ["Traceback", "ValueError: shapes"],
        explanation: "The vectors have different lengths.",
      },
    ]);
    expect(state.cells["cell-1"]?.outputs).toEqual([
      { kind: "display", data: { "image/png": "iVBOR" }, executionCount: null },
      {
        kind: "error",
        ename: "ValueError",
        evalue: "shapes (2,) and (3,) not aligned",
        traceback: ["Traceback", "ValueError: shapes"],
        explanation: "The vectors have different lengths.",
      },
    ]);
  });

  it("shows a cell's limit notice in the cell and a page-wide one as a page notice", () => {
    const state = run([
      queued,
      { type: "limit", cell_id: "cell-1", limit: "time", message: "Stopped after 10 s." },
      { type: "limit", cell_id: null, limit: "rate", message: "Slow down." },
    ]);
    expect(state.cells["cell-1"]?.outputs).toEqual([{ kind: "limit", limit: "time", message: "Stopped after 10 s." }]);
    expect(state.notices).toEqual([{ id: 1, kind: "limit", message: "Slow down." }]);
  });

  it("moves a cell from queued to running to done", () => {
    let state = run([queued]);
    expect(state.cells["cell-1"]?.phase).toBe("queued");
    state = run([{ type: "status", state: "busy", cell_id: "cell-1" }], state);
    expect(state.kernel).toBe("busy");
    expect(state.cells["cell-1"]?.phase).toBe("running");
    state = run(
      [
        { type: "done", cell_id: "cell-1", status: "timeout", execution_count: 3, duration_ms: 10_002 },
        { type: "status", state: "idle", cell_id: null },
      ],
      state,
    );
    expect(state.cells["cell-1"]).toMatchObject({ phase: "done", status: "timeout", executionCount: 3, durationMs: 10_002 });
    expect(state.kernel).toBe("idle");
  });

  it("marks a skipped cell done without output", () => {
    const state = run([
      { type: "local/queued", cellIds: ["cell-1", "cell-2"] },
      { type: "done", cell_id: "cell-2", status: "skipped", execution_count: null, duration_ms: 0 },
    ]);
    expect(state.cells["cell-2"]).toMatchObject({ phase: "done", status: "skipped", outputs: [] });
    expect(state.cells["cell-1"]?.phase).toBe("queued");
  });

  it("clears a cell's previous output when it is run again", () => {
    const first = run([
      queued,
      { type: "stream", cell_id: "cell-1", name: "stdout", text: "old" },
      { type: "done", cell_id: "cell-1", status: "ok", execution_count: 1, duration_ms: 4 },
    ]);
    const again = run([queued], first);
    expect(again.cells["cell-1"]).toMatchObject({ phase: "queued", status: null, outputs: [], executionCount: null });
  });

  it("leaves other cells' state untouched (same object) so they do not re-render", () => {
    const before = run([
      { type: "local/queued", cellIds: ["cell-1", "cell-2"] },
      { type: "done", cell_id: "cell-2", status: "ok", execution_count: 1, duration_ms: 1 },
    ]);
    const after = run([{ type: "stream", cell_id: "cell-1", name: "stdout", text: "x" }], before);
    expect(after.cells["cell-2"]).toBe(before.cells["cell-2"]);
  });

  it("ends unfinished cells when the kernel dies or the connection is lost", () => {
    const busy = run([{ type: "local/queued", cellIds: ["cell-1", "cell-2"] }, { type: "status", state: "busy", cell_id: "cell-1" }]);
    const dead = run([{ type: "status", state: "dead", cell_id: null }], busy);
    expect(dead.cells["cell-1"]).toMatchObject({ phase: "done", status: "died" });
    expect(dead.cells["cell-2"]).toMatchObject({ phase: "done", status: "died" });

    const lost = run([{ type: "local/lost", retryAt: 5, message: "Connection lost." }], busy);
    expect(lost.connection).toBe("reconnecting");
    expect(lost.cells["cell-1"]?.outputs).toEqual([{ kind: "notice", message: "Connection lost." }]);
  });

  it("records hello and protocol errors", () => {
    const state = run([
      {
        type: "hello",
        session_id: "s1",
        backend: "local",
        sandboxed: false,
        notice: "Not sandboxed.",
        time_limit_s: 10,
        memory_limit_mb: 512,
        output_limit_bytes: 1 << 20,
      },
      { type: "protocol_error", message: "bad message" },
    ]);
    expect(state.connection).toBe("open");
    expect(state.hello?.sandboxed).toBe(false);
    expect(state.notices.map((n) => n.message)).toEqual(["bad message"]);
    expect(run([{ type: "local/dismiss", noticeId: state.notices[0]?.id ?? -1 }], state).notices).toEqual([]);
  });
});

describe("the kernel state label", () => {
  it("names the connection until the kernel reports its state", () => {
    expect(kernelStateLabel(INITIAL_STATE)).toBe("not started");
    expect(kernelStateLabel(run([{ type: "local/connecting" }]))).toBe("starting");
    expect(kernelStateLabel(run([{ type: "local/open" }]))).toBe("idle");
    expect(kernelStateLabel(run([{ type: "local/open" }, { type: "status", state: "restarting", cell_id: null }]))).toBe(
      "restarting",
    );
    expect(kernelStateLabel(run([{ type: "local/lost", retryAt: 1, message: "x" }]))).toBe("disconnected — reconnecting");
  });
});
