import { describe, expect, it } from "vitest";
import {
  apply,
  between,
  complexPairText,
  eigen,
  eigenLineDirections,
  fmt,
  type Mat2,
  npArrayResult,
  npComplex,
  npMatrix,
  offLine,
  snapToLines,
  turnDegrees,
  unitAt,
  type Vec2,
  wrapDegrees,
} from "./eigenDirectionsMath";

const close = (v: Vec2, w: Vec2) => {
  expect(v[0]).toBeCloseTo(w[0], 9);
  expect(v[1]).toBeCloseTo(w[1], 9);
};

describe("eigen-directions arithmetic", () => {
  it("finds two eigenvalues, largest first, and their unit eigenvectors", () => {
    const e = eigen([
      [2, 1],
      [1, 2],
    ]);
    expect(e.kind).toBe("distinct");
    if (e.kind !== "distinct") return;
    expect(e.values[0]).toBeCloseTo(3);
    expect(e.values[1]).toBeCloseTo(1);
    close(e.vectors[0], [Math.SQRT1_2, Math.SQRT1_2]);
    close(e.vectors[1], [Math.SQRT1_2, -Math.SQRT1_2]); // first entry made positive
  });

  it("gives eigenvectors that A only stretches, for a non-symmetric matrix", () => {
    const a: Mat2 = [
      [1, 2],
      [0, 3],
    ];
    const e = eigen(a);
    if (e.kind !== "distinct") throw new Error(e.kind);
    const [l1, l2] = e.values;
    const [v1, v2] = e.vectors;
    close(apply(a, v1), [l1 * v1[0], l1 * v1[1]]);
    close(apply(a, v2), [l2 * v2[0], l2 * v2[1]]);
  });

  it("handles triangular and diagonal matrices, where one row of A − λI is zero", () => {
    for (const a of [
      [
        [2, 0],
        [3, 5],
      ],
      [
        [2, 0],
        [0, 5],
      ],
    ] as Mat2[]) {
      const e = eigen(a);
      if (e.kind !== "distinct") throw new Error(e.kind);
      const [l1, l2] = e.values;
      const [v1, v2] = e.vectors;
      expect(Math.hypot(v1[0], v1[1])).toBeCloseTo(1);
      expect(Math.hypot(v2[0], v2[1])).toBeCloseTo(1);
      close(apply(a, v1), [l1 * v1[0], l1 * v1[1]]);
      close(apply(a, v2), [l2 * v2[0], l2 * v2[1]]);
    }
  });

  it("says plainly that a rotation has complex eigenvalues and no real direction", () => {
    const r = (30 * Math.PI) / 180;
    const e = eigen([
      [Math.cos(r), -Math.sin(r)],
      [Math.sin(r), Math.cos(r)],
    ]);
    expect(e.kind).toBe("complex");
    if (e.kind !== "complex") return;
    expect(e.re).toBeCloseTo(0.866, 3);
    expect(e.im).toBeCloseTo(0.5, 9);
    expect(e.modulus).toBeCloseTo(1, 9);
    expect(e.angleDegrees).toBeCloseTo(30, 9);
    expect(eigenLineDirections(e)).toEqual([]);
    expect(complexPairText(e.re, e.im)).toBe("0.87 ± 0.5i");
  });

  it("finds one line for a shear and every line for a multiple of I", () => {
    const shear = eigen([
      [1, 1],
      [0, 1],
    ]);
    expect(shear).toEqual({ kind: "defective", value: 1, vector: [1, 0] });
    expect(eigenLineDirections(shear)).toEqual([0]);
    const scalar = eigen([
      [1.5, 0],
      [0, 1.5],
    ]);
    expect(scalar).toEqual({ kind: "scalar", value: 1.5 });
    expect(eigenLineDirections(scalar)).toBeNull();
  });

  it("keeps the eigenvector lines fixed as the slider mixes I and A", () => {
    const a: Mat2 = [
      [2, 1],
      [1, 2],
    ];
    for (const t of [0.25, 0.5, 0.9]) {
      const lines = eigenLineDirections(eigen(between(a, t)));
      expect(lines?.[0]).toBeCloseTo(45);
      expect(lines?.[1]).toBeCloseTo(135);
    }
    expect(between(a, 0)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(between(a, 1)).toEqual(a);
  });

  it("measures how far A turns a vector, with its sign", () => {
    const a: Mat2 = [
      [2, 1],
      [1, 2],
    ];
    expect(turnDegrees(a, unitAt(45))).toBeCloseTo(0);
    expect(turnDegrees(a, unitAt(0))).toBeCloseTo(26.565, 3); // (1, 0) → (2, 1)
    expect(turnDegrees(a, unitAt(90))).toBeCloseTo(-26.565, 3);
    expect(
      turnDegrees(
        [
          [-1, 0],
          [0, -1],
        ],
        [1, 0],
      ),
    ).toBeCloseTo(180);
    expect(
      turnDegrees(
        [
          [1, 0],
          [0, 0],
        ],
        [0, 1],
      ),
    ).toBeNull(); // crushed to 0: no direction to compare
  });

  it("snaps an angle to the nearest end of an eigenvector line, and only when close", () => {
    expect(snapToLines(43.5, [45, 135], 2)).toBe(45);
    expect(snapToLines(226, [45, 135], 2)).toBe(225);
    expect(snapToLines(300, [135], 2)).toBe(300);
    expect(snapToLines(316, [135], 2)).toBe(315);
    expect(offLine(45, 225)).toBe(0);
    expect(offLine(0, 100)).toBe(80);
    expect(wrapDegrees(-30)).toBe(330);
    expect(wrapDegrees(360)).toBe(0);
  });

  it("writes NumPy lines the way NumPy prints them", () => {
    expect(
      npMatrix([
        [2, 1],
        [1, 2],
      ]),
    ).toBe("np.array([[2.0, 1.0], [1.0, 2.0]])");
    expect(npArrayResult([3, 1])).toBe("array([3., 1.])");
    expect(npArrayResult([0.70710678, -0.5])).toBe("array([0.707, -0.5])");
    expect(npComplex(0.8660254, -0.5)).toBe("0.866-0.5j");
    expect(fmt(-0.0001)).toBe("0");
  });
});
