import { describe, expect, it } from "vitest";
import {
  applyOp,
  classify,
  describeOp,
  equationText,
  fmtFrac,
  frac,
  fromNumber,
  lineInView,
  nextStep,
  numpyMatrix,
  numpyOp,
  rank,
  solution,
  toMatrix,
  toNumber,
  type Matrix,
} from "./rowReductionMath";

const LESSON = toMatrix([
  [1, 2, 4],
  [3, -1, 5],
]);
const show = (m: Matrix) => m.map((row) => row.map((x) => fmtFrac(x, "-")));
const point = (m: Matrix) => solution(m)?.map((x) => fmtFrac(x, "-"));

function reduce(m: Matrix, limit = 20): { final: Matrix; steps: string[] } {
  let current = m;
  const steps: string[] = [];
  for (let k = 0; k < limit; k++) {
    const step = nextStep(current);
    if (!step) return { final: current, steps };
    steps.push(describeOp(step.op));
    current = applyOp(current, step.op) ?? current;
  }
  throw new Error("elimination did not finish");
}

describe("fractions", () => {
  it("keep lowest terms and a positive denominator", () => {
    expect(frac(6, -4)).toEqual({ n: -3n, d: 2n });
    expect(fmtFrac(frac(-3, 2))).toBe("−3/2");
    expect(fmtFrac(frac(8, 4))).toBe("2");
    expect(fromNumber(-0.25)).toEqual(frac(-1, 4));
    expect(toNumber(frac(1, 3))).toBeCloseTo(0.3333, 4);
  });

  it("refuse a zero denominator", () => {
    expect(() => frac(1, 0)).toThrow(RangeError);
  });
});

describe("row operations", () => {
  it("swap, scale and add a multiple of a row, exactly", () => {
    expect(show(applyOp(LESSON, { kind: "swap", i: 0, j: 1 }) ?? [])).toEqual([
      ["3", "-1", "5"],
      ["1", "2", "4"],
    ]);
    expect(show(applyOp(LESSON, { kind: "scale", i: 1, c: frac(1, 3) }) ?? [])).toEqual([
      ["1", "2", "4"],
      ["1", "-1/3", "5/3"],
    ]);
    expect(show(applyOp(LESSON, { kind: "add", target: 1, source: 0, c: frac(-3) }) ?? [])).toEqual([
      ["1", "2", "4"],
      ["0", "-7", "-7"],
    ]);
  });

  it("refuse scaling by 0 and adding a row to itself", () => {
    expect(applyOp(LESSON, { kind: "scale", i: 0, c: frac(0) })).toBeNull();
    expect(applyOp(LESSON, { kind: "add", target: 0, source: 0, c: frac(1) })).toBeNull();
    expect(applyOp(LESSON, { kind: "swap", i: 0, j: 2 })).toBeNull();
  });

  it("never move the solution point", () => {
    const ops = [
      { kind: "swap", i: 0, j: 1 },
      { kind: "scale", i: 0, c: frac(-2, 3) },
      { kind: "add", target: 1, source: 0, c: frac(5, 4) },
    ] as const;
    let m = LESSON;
    for (const op of ops) {
      m = applyOp(m, op) ?? m;
      expect(point(m)).toEqual(["2", "1"]);
    }
  });

  it("read as R-notation (from 1) and as NumPy (from 0)", () => {
    const op = { kind: "add", target: 1, source: 0, c: frac(-3) } as const;
    expect(describeOp(op)).toBe("R2 ← R2 − 3·R1");
    expect(numpyOp(op)).toBe("M[1] = M[1] - 3 * M[0]");
    expect(numpyOp({ kind: "add", target: 2, source: 1, c: frac(1, 2) })).toBe("M[2] = M[2] + 0.5 * M[1]");
    expect(numpyOp({ kind: "add", target: 0, source: 1, c: frac(-1) })).toBe("M[0] = M[0] - M[1]");
    expect(numpyOp({ kind: "swap", i: 0, j: 1 })).toBe("M[[0, 1]] = M[[1, 0]]");
    expect(numpyOp({ kind: "scale", i: 1, c: frac(-1, 7) })).toBe("M[1] = M[1] / -7");
    expect(numpyOp({ kind: "scale", i: 0, c: frac(2, 3) })).toBe("M[0] = 2/3 * M[0]");
    expect(numpyOp({ kind: "scale", i: 0, c: frac(-1) })).toBe("M[0] = -1 * M[0]");
    expect(numpyMatrix(LESSON)).toBe("M = np.array([[1, 2, 4],\n              [3, -1, 5]], dtype=float)");
  });
});

describe("elimination with partial pivoting", () => {
  it("swaps up the largest entry first, then clears, then scales", () => {
    const first = nextStep(LESSON);
    expect(first?.op).toEqual({ kind: "swap", i: 0, j: 1 });
    expect(first?.reason).toContain("largest entry in the x column");
    const { final, steps } = reduce(LESSON);
    expect(steps[0]).toBe("R1 ↔ R2");
    expect(steps[1]).toBe("R2 ← R2 − 1/3·R1");
    expect(show(final)).toEqual([
      ["1", "0", "2"],
      ["0", "1", "1"],
    ]);
  });

  it("swaps around a zero pivot", () => {
    const m = toMatrix([
      [0, 2, 2],
      [1, 1, 3],
    ]);
    expect(nextStep(m)?.op).toEqual({ kind: "swap", i: 0, j: 1 });
    expect(show(reduce(m).final)).toEqual([
      ["1", "0", "2"],
      ["0", "1", "1"],
    ]);
  });

  it("continues from whatever the learner did by hand", () => {
    const byHand = applyOp(LESSON, { kind: "scale", i: 1, c: frac(5) }) ?? LESSON;
    expect(show(reduce(byHand).final)).toEqual([
      ["1", "0", "2"],
      ["0", "1", "1"],
    ]);
  });

  it("ends with 0 = c for three lines with no common point", () => {
    const triangle = toMatrix([
      [1, 1, 3],
      [1, -1, 1],
      [1, 2, 5],
    ]);
    const { final } = reduce(triangle);
    expect(show(final).slice(0, 2).map((row) => row.slice(0, 2))).toEqual([
      ["1", "0"],
      ["0", "1"],
    ]);
    expect(equationText(final[2] ?? [])).toMatch(/^0 = −?\d/);
    expect(classify(final)).toBe("none");
  });

  it("skips a column without a pivot", () => {
    const sameLine = toMatrix([
      [1, 2, 4],
      [2, 4, 8],
    ]);
    const { final } = reduce(sameLine);
    expect(show(final)).toEqual([
      ["1", "2", "4"],
      ["0", "0", "0"],
    ]);
  });
});

describe("classification", () => {
  it("compares rank A with rank [A | b] and the number of unknowns", () => {
    expect(classify(LESSON)).toBe("unique");
    const parallel = toMatrix([
      [1, 2, 4],
      [2, 4, 5],
    ]);
    expect(rank(parallel, 2)).toBe(1);
    expect(rank(parallel, 3)).toBe(2);
    expect(classify(parallel)).toBe("none");
    expect(classify(toMatrix([[1, 2, 4], [2, 4, 8]]))).toBe("infinite");
    expect(classify(toMatrix([[1, 1, 2], [1, -1, 0], [2, 1, 3]]))).toBe("unique");
    expect(solution(parallel)).toBeNull();
  });
});

describe("the picture", () => {
  it("clips a line to the visible square", () => {
    const line = lineInView(LESSON[0] ?? [], 6);
    expect(line.kind).toBe("line");
    if (line.kind === "line") {
      for (const [x, y] of [line.from, line.to]) {
        expect(x + 2 * y).toBeCloseTo(4);
        expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(6 + 1e-9);
      }
    }
    expect(lineInView(toMatrix([[0, 1, 2]])[0] ?? [], 6)).toEqual({ kind: "line", from: [-6, 2], to: [6, 2] });
  });

  it("tells 0 = 0, 0 = c and lines out of view apart", () => {
    expect(lineInView(toMatrix([[0, 0, 0]])[0] ?? [], 6).kind).toBe("everywhere");
    expect(lineInView(toMatrix([[0, 0, 3]])[0] ?? [], 6).kind).toBe("nowhere");
    expect(lineInView(toMatrix([[1, 0, 9]])[0] ?? [], 6).kind).toBe("outside");
  });

  it("writes equations the way a learner would", () => {
    expect(equationText(LESSON[0] ?? [])).toBe("x + 2y = 4");
    expect(equationText(LESSON[1] ?? [])).toBe("3x − y = 5");
    expect(equationText(toMatrix([[0, -7, -7]])[0] ?? [])).toBe("−7y = −7");
    expect(equationText(toMatrix([[0, 0, 5]])[0] ?? [])).toBe("0 = 5");
    expect(equationText(toMatrix([[0.5, 0, 1]])[0] ?? [])).toBe("(1/2)x = 1");
  });
});
