import { describe, expect, it } from "vitest";
import type { CheckView, FunctionHints, GradeView } from "../../api/client";
import { announce, hintState, inlineCode, lineCount, pointsText, scoreText, summarize } from "./results";

function check(name: string, fn: string, passed: boolean, points = passed ? 1 : 0): CheckView {
  return { name, function: fn, passed, points, message: passed ? "" : `${name} went wrong` };
}

function grade(checks: CheckView[], extra: Partial<GradeView> = {}): GradeView {
  const score = checks.reduce((sum, c) => sum + c.points, 0);
  return {
    lab: "vectors",
    passed: checks.every((c) => c.passed),
    score,
    max_score: checks.length,
    checks,
    error: null,
    duration_ms: 120,
    seed: 7,
    output: "",
    ...extra,
  };
}

function ladder(revealed: number, total: number, failed: number, next: boolean): FunctionHints {
  return {
    function: "dot",
    total,
    revealed: Array.from({ length: revealed }, (_, i) => `rung ${i + 1}`),
    failed_attempts: failed,
    next_available: next,
  };
}

describe("summarize", () => {
  const checks = [
    check("dot a", "dot", false),
    check("dot b", "dot", false),
    check("dot c", "dot", true),
    check("norm a", "norm", true),
    check("norm b", "norm", false),
  ];

  it("puts the failures first, each group in file order", () => {
    const summary = summarize(grade(checks));
    expect(summary.failed.map((c) => c.name)).toEqual(["dot a", "dot b", "norm b"]);
    expect(summary.passed.map((c) => c.name)).toEqual(["dot c", "norm a"]);
    expect(summary.failed.map((c) => c.index)).toEqual([0, 1, 4]);
  });

  it("counts the failures in its headline", () => {
    expect(summarize(grade(checks)).headline).toBe("3 of 5 checks failed");
    expect(summarize(grade(checks.filter((c) => c.passed))).headline).toBe("Every check passed");
    expect(summarize(grade(checks.filter((c) => !c.passed))).headline).toBe("All 3 checks failed");
    expect(summarize(grade([check("one", "dot", false)])).headline).toBe("The check failed");
  });

  it("offers a hint on the first failure of each function only", () => {
    expect([...summarize(grade(checks)).hintRows]).toEqual([0, 4]);
  });

  it("says no check ran when the file did not load, and offers no hint rows", () => {
    const failed = checks.map((c) => ({ ...c, passed: false, points: 0, message: "Not run" }));
    const summary = summarize(grade(failed, { error: "Your file has a syntax error on line 3." }));
    expect(summary.ran).toBe(false);
    expect(summary.headline).toBe("Your file did not load, so no check ran");
    expect(summary.hintRows.size).toBe(0);
  });
});

describe("announce", () => {
  it("gives the attempt, the outcome and the score", () => {
    const result = grade([check("a", "dot", true), check("b", "dot", false)]);
    expect(announce(3, result, false)).toBe("Attempt 3: 1 of 2 checks failed. 1 / 2 points.");
  });

  it("celebrates a first pass", () => {
    const result = grade([check("a", "dot", true), check("b", "dot", true)]);
    expect(announce(4, result, true)).toBe("Attempt 4: Every check passed. 2 / 2 points. Lab complete!");
  });

  it("repeats the load error instead of a score", () => {
    const result = grade([check("a", "dot", false)], { error: "Syntax error on line 1." });
    expect(announce(1, result, false)).toBe(
      "Attempt 1: Your file did not load, so no check ran. Syntax error on line 1.",
    );
  });
});

describe("points", () => {
  it("reads naturally", () => {
    expect(scoreText(11, 14)).toBe("11 / 14 points");
    expect(scoreText(1.5, 2)).toBe("1.5 / 2 points");
    expect(scoreText(2 / 3, 1)).toBe("0.67 / 1 point");
    expect(pointsText(1)).toBe("1 point");
    expect(pointsText(0)).toBe("0 points");
  });
});

describe("hintState", () => {
  it("says whether the next rung is open, and why not", () => {
    expect(hintState(ladder(0, 3, 0, false))).toEqual({ kind: "none-yet" });
    expect(hintState(ladder(0, 3, 1, true))).toEqual({ kind: "available", next: 0 });
    expect(hintState(ladder(1, 3, 1, false))).toEqual({ kind: "waiting" });
    expect(hintState(ladder(3, 3, 5, false))).toEqual({ kind: "all-shown" });
  });
});

describe("inlineCode", () => {
  it("splits backtick spans from plain text", () => {
    expect(inlineCode("Use `math.sqrt` on `dot(v, v)`.")).toEqual([
      { code: false, text: "Use " },
      { code: true, text: "math.sqrt" },
      { code: false, text: " on " },
      { code: true, text: "dot(v, v)" },
      { code: false, text: "." },
    ]);
  });

  it("keeps an unmatched backtick and markup as plain text", () => {
    expect(inlineCode("a ` b <b>c</b>")).toEqual([{ code: false, text: "a ` b <b>c</b>" }]);
  });

  it("reads a double fence holding a single backtick", () => {
    expect(inlineCode("type `` ` `` here")).toEqual([
      { code: false, text: "type " },
      { code: true, text: "`" },
      { code: false, text: " here" },
    ]);
  });
});

describe("lineCount", () => {
  it("counts printed lines", () => {
    expect(lineCount("")).toBe(0);
    expect(lineCount("hi\n")).toBe(1);
    expect(lineCount("a\nb")).toBe(2);
  });
});
