import { describe, expect, it } from "vitest";
import type { CellRun, OutputItem } from "../kernel/outputs";
import { labContext, runOutputText } from "./context";

function finished(outputs: readonly OutputItem[]): CellRun {
  return { phase: "done", status: "error", executionCount: 3, durationMs: 12, outputs, streamChars: 0, droppedChars: 0 };
}

const FAILING_RUN = finished([
  { kind: "stream", name: "stdout", text: "loading\n" },
  { kind: "display", data: { "text/plain": "array([1, 2])", "text/html": "<b>no</b>" }, executionCount: 3 },
  { kind: "stream", name: "stderr", text: "a warning\n" },
  {
    kind: "error",
    ename: "ValueError",
    evalue: "shapes (2,) and (3,) not aligned",
    traceback: ["Traceback (most recent call last):", '  File "lab.py", line 4'],
    explanation: "The two vectors have different lengths.",
  },
  { kind: "limit", limit: "time", message: "Stopped after 10 s." },
]);

describe("a run's output for the tutor", () => {
  it("is what the learner saw, as text: prints, plain values, the traceback and error, limits", () => {
    expect(runOutputText(FAILING_RUN)).toBe(
      [
        "loading",
        "array([1, 2])",
        "a warning",
        "Traceback (most recent call last):",
        '  File "lab.py", line 4',
        "ValueError: shapes (2,) and (3,) not aligned",
        "Stopped after 10 s.",
        "",
      ].join("\n"),
    );
  });

  it("is nothing when there was no run or it printed nothing", () => {
    expect(runOutputText(undefined)).toBeNull();
    expect(runOutputText(finished([]))).toBeNull();
  });

  it("keeps the end (where the error is) when it is longer than the server takes", () => {
    const run = finished([
      { kind: "stream", name: "stdout", text: "x".repeat(500) },
      { kind: "error", ename: "KeyError", evalue: "'w'", traceback: [], explanation: null },
    ]);
    const text = runOutputText(run, 100);
    expect(text).toHaveLength(100);
    expect(text).toMatch(/^\[…earlier output left out\]\nx+/);
    expect(text?.endsWith("KeyError: 'w'\n")).toBe(true);
  });
});

describe("a lab page's context", () => {
  it("sends the module, the file as it is and the last run's output", () => {
    expect(labContext("vectors", "def dot(u, v):\n    pass\n", FAILING_RUN)).toMatchObject({
      page: "lab",
      module_id: "vectors",
      code: "def dot(u, v):\n    pass\n",
      output: expect.stringContaining("ValueError") as string,
    });
  });

  it("leaves out what the page does not have yet", () => {
    expect(labContext("vectors", undefined, undefined)).toEqual({ page: "lab", module_id: "vectors" });
  });
});
