import { describe, expect, it } from "vitest";
import {
  columns,
  combine,
  imageBasis,
  kernelBasis,
  matVec,
  npMatrix,
  npVector,
  orthonormalize,
  parseMatrix,
  project,
  rank,
  rref,
  subspaceName,
  vecText,
} from "./kernelImageMath";

const RANK_TWO = [
  [1, 0, 1],
  [0, 1, 1],
  [1, 1, 2],
];

describe("kernel and image arithmetic", () => {
  it("row-reduces with pivots where the independent columns are", () => {
    const { R, pivots } = rref(RANK_TWO);
    expect(pivots).toEqual([0, 1]);
    expect(R[0]).toEqual([1, 0, 1]);
    expect(R[1]).toEqual([0, 1, 1]);
    expect(R[2]?.every((x) => Math.abs(x) < 1e-12)).toBe(true);
    // A free column in the middle: column 1 is twice column 0.
    expect(rref([[1, 2, 0], [2, 4, 1]]).pivots).toEqual([0, 2]);
  });

  it("finds special solutions that A sends to zero, one per free column", () => {
    expect(kernelBasis(RANK_TWO)).toEqual([[-1, -1, 1]]);
    const A = [[1, 2, -1], [2, 4, -2], [-1, -2, 1]];
    const K = kernelBasis(A);
    expect(K).toHaveLength(2);
    for (const k of K) expect(matVec(A, k).every((x) => Math.abs(x) < 1e-12)).toBe(true);
    expect(kernelBasis([[1, 2, 0], [2, 4, 1]])).toEqual([[-2, 1, 0]]);
  });

  it("gives an invertible matrix an empty kernel basis and the zero map a full one", () => {
    expect(kernelBasis([[2, 1, 0], [0, 1, 1], [1, 0, 1]])).toEqual([]);
    expect(kernelBasis([[0, 0, 0], [0, 0, 0]])).toHaveLength(3);
  });

  it("takes the image basis from A's own pivot columns, not the RREF's", () => {
    const A = [[1, 2, 0], [2, 4, 1], [3, 6, 1]];
    const image = imageBasis(A);
    expect(image.indices).toEqual([0, 2]);
    expect(image.vectors).toEqual([[1, 2, 3], [0, 1, 1]]);
    expect(columns(A)[1]).toEqual([2, 4, 6]);
  });

  it("satisfies rank + nullity = n for every shape", () => {
    const examples = [RANK_TWO, [[1, 0, -1], [0, 1, -1]], [[0, 0, 0], [0, 0, 0], [0, 0, 0]], [[1, 2, 3], [2, 4, 6]]];
    for (const A of examples) expect(rank(A) + kernelBasis(A).length).toBe(3);
    expect(rank([[1, 2, 3], [2, 4, 6]])).toBe(1);
  });

  it("treats round-off as zero", () => {
    const third = 0.1 + 0.2; // 0.30000000000000004
    expect(rank([[0.1, 0.2, third], [1, 2, 3]])).toBe(1);
  });

  it("orthonormalizes spanning vectors and drops dependent ones", () => {
    const basis = orthonormalize([[1, 0, 1], [2, 0, 2], [0, 3, 0]]);
    expect(basis).toHaveLength(2);
    expect(basis[0]?.[0]).toBeCloseTo(Math.SQRT1_2);
    expect(basis[1]).toEqual([0, 1, 0]);
  });

  it("names subspaces by their dimension", () => {
    expect(subspaceName(0, 3)).toBe("just the zero vector");
    expect(subspaceName(1, 3)).toBe("a line through 0");
    expect(subspaceName(2, 3)).toBe("a plane through 0");
    expect(subspaceName(2, 2)).toBe("all of ℝ²");
    expect(subspaceName(3, 3)).toBe("all of ℝ³");
  });

  it("projects with z up, and turning the view keeps lengths on the screen plane", () => {
    expect(project([0, 0, 1], { yaw: 0.7, pitch: 0 })).toMatchObject({ x: 0, y: 1 });
    const seen = project([1, 0, 0], { yaw: Math.PI / 2, pitch: 0 });
    expect(seen.x).toBeCloseTo(0);
    expect(seen.depth).toBeCloseTo(-1); // the x axis now points away from the viewer
    expect(project([0, 1, 0], { yaw: 0, pitch: Math.PI / 2 }).y).toBeCloseTo(1); // seen from above
  });

  it("combines vectors and writes NumPy the way a learner would type it", () => {
    expect(combine([1, [1, 1, 0.5]], [2, [0, 0, 1]])).toEqual([1, 1, 2.5]);
    expect(npMatrix(RANK_TWO)).toBe("np.array([[1, 0, 1], [0, 1, 1], [1, 1, 2]])");
    expect(npVector([0, -0.0000001, 1.23456])).toBe("array([0, 0, 1.235])");
    expect(vecText([-1, 0.5, 2])).toBe("(-1, 0.5, 2)");
  });

  it("accepts a matrix prop of two or three rows of three numbers only", () => {
    expect(parseMatrix([[1, 2, 3], [4, 5, 6]])).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(parseMatrix([[1, 2], [3, 4]])).toBeNull();
    expect(parseMatrix([[1, 2, 3]])).toBeNull();
    expect(parseMatrix([[1, 2, "x"], [1, 2, 3]])).toBeNull();
    expect(parseMatrix("A")).toBeNull();
  });
});
