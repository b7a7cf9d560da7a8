import { describe, expect, it } from "vitest";
import {
  columnsOf,
  det2,
  detExpansion,
  fromColumns,
  inverse2,
  npMatrix,
  npResultMatrix,
  orientation,
  parallelogram,
  pushAcross,
  pyNumber,
  signed,
  signedArea,
  type Mat2,
} from "./determinantAreaMath";

const A: Mat2 = [
  [2, 0.5],
  [1, 1.5],
];

describe("determinant-area arithmetic", () => {
  it("reads the columns of a matrix given by rows, and builds it back", () => {
    expect(columnsOf(A)).toEqual([
      [2, 1],
      [0.5, 1.5],
    ]);
    expect(fromColumns([2, 1], [0.5, 1.5])).toEqual(A);
  });

  it("computes ad - bc, not ad + bc or the product along the rows", () => {
    expect(det2(A)).toBe(2.5);
    expect(
      det2([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(-1);
    expect(
      det2([
        [2, 1],
        [4, 2],
      ]),
    ).toBe(0);
  });

  it("equals the signed area of the parallelogram of the columns", () => {
    expect(signedArea(parallelogram(A))).toBeCloseTo(det2(A));
    const mirror: Mat2 = [
      [-1, 0.5],
      [1, 1.5],
    ];
    expect(signedArea(parallelogram(mirror))).toBeCloseTo(det2(mirror));
    expect(det2(mirror)).toBeLessThan(0);
  });

  it("names the orientation, treating rounding noise as singular", () => {
    expect(orientation(2.5)).toBe("kept");
    expect(orientation(-0.01)).toBe("flipped");
    expect(orientation(0)).toBe("singular");
    expect(orientation(1e-16)).toBe("singular");
  });

  it("inverts with 1/(ad - bc) [[d, -b], [-c, a]] and refuses a singular matrix", () => {
    const inv = inverse2(A);
    expect(inv).not.toBeNull();
    const [[p, q], [r, s]] = inv ?? [
      [0, 0],
      [0, 0],
    ];
    expect([p, q, r, s].map((x) => Number(x.toFixed(10)))).toEqual([0.6, -0.2, -0.4, 0.8]);
    expect(
      inverse2([
        [2, 1],
        [4, 2],
      ]),
    ).toBeNull();
  });

  it("pushes the second column across the first's line: det goes (1 - t) det A", () => {
    const [a1, a2] = columnsOf(A);
    for (const t of [0, 0.25, 0.5, 1, 1.5, 2]) {
      expect(det2(fromColumns(a1, pushAcross(a1, a2, t)))).toBeCloseTo((1 - t) * det2(A), 10);
    }
    // t = 1 lands on the line of a1 (its projection), t = 2 on its mirror image.
    expect(pushAcross(a1, a2, 1)).toEqual([1, 0.5]);
    const mirrored = pushAcross(a1, a2, 2);
    expect(mirrored[0]).toBeCloseTo(1.5);
    expect(mirrored[1]).toBeCloseTo(-0.5);
    // A zero first column has no line to push toward: nothing moves.
    expect(pushAcross([0, 0], a2, 1)).toEqual(a2);
  });

  it("writes the matrix and results the way NumPy code reads", () => {
    expect(npMatrix(A)).toBe("np.array([[2.0, 0.5], [1.0, 1.5]])");
    expect(pyNumber(-3)).toBe("-3.0");
    expect(pyNumber(1 / 3)).toBe("0.333");
    const inv = inverse2(A);
    expect(inv && npResultMatrix(inv)).toBe("array([[0.6, -0.2], [-0.4, 0.8]])");
    expect(detExpansion(A)).toBe("ad − bc = (2)(1.5) − (0.5)(1)");
  });

  it("shows signed areas with an explicit sign and no negative zero", () => {
    expect(signed(2.5)).toBe("+2.5");
    expect(signed(-1.25)).toBe("−1.25");
    expect(signed(-1e-12)).toBe("0");
  });
});
