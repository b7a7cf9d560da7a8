import { describe, expect, it } from "vitest";
import {
  apply,
  column,
  describe as describeMap,
  det,
  IDENTITY,
  multiply,
  npMatrix,
  npNumber,
  npVector,
  PRESETS,
  projection,
  reflection,
  rotation,
  scaling,
  shear,
  warpedGrid,
  withColumn,
  withEntry,
  type Mat2,
  type Vec2,
} from "./gridWarpMath";

const close = (got: Vec2, want: Vec2) => {
  expect(got[0]).toBeCloseTo(want[0], 9);
  expect(got[1]).toBeCloseTo(want[1], 9);
};
const closeMatrix = (got: Mat2, want: Mat2) => {
  close(got[0], want[0]);
  close(got[1], want[1]);
};
const A: Mat2 = [
  [2, 1],
  [0, 1],
];

describe("grid warp: a matrix moves vectors", () => {
  it("sends x to x1 times the first column plus x2 times the second", () => {
    expect(apply(A, [1, 2])).toEqual([4, 2]);
    expect(apply(A, [1, 0])).toEqual(column(A, 0));
    expect(apply(A, [0, 1])).toEqual(column(A, 1));
  });

  it("edits a column when a basis arrow is dragged, and an entry when one is typed", () => {
    expect(withColumn(A, 0, [3, -1])).toEqual([
      [3, 1],
      [-1, 1],
    ]);
    expect(withColumn(A, 1, [0.5, 2])).toEqual([
      [2, 0.5],
      [0, 2],
    ]);
    expect(withEntry(A, 1, 0, 7)).toEqual([
      [2, 1],
      [7, 1],
    ]);
    expect(A).toEqual([
      [2, 1],
      [0, 1],
    ]); // never mutated
  });

  it("multiplies in the order B first, then A, and AB differs from BA", () => {
    const turn = rotation(Math.PI / 2);
    const x: Vec2 = [1, 2];
    close(apply(multiply(turn, A), x), apply(turn, apply(A, x)));
    expect(multiply(turn, A)).not.toEqual(multiply(A, turn));
    expect(multiply(A, IDENTITY)).toEqual(A);
  });
});

describe("grid warp: the standard moves", () => {
  it("rotates counter-clockwise and composes rotations by adding angles", () => {
    close(apply(rotation(Math.PI / 2), [1, 0]), [0, 1]);
    closeMatrix(multiply(rotation(0.5), rotation(0.7)), rotation(1.2));
    expect(det(rotation(1))).toBeCloseTo(1, 12);
  });

  it("scales each axis by its own factor and shears with kx in the first row", () => {
    expect(apply(scaling(3, 0.5), [2, 2])).toEqual([6, 1]);
    expect(apply(shear(2), [1, 1])).toEqual([3, 1]);
    expect(apply(shear(0, 2), [1, 1])).toEqual([1, 3]);
    expect(det(shear(2.5))).toBe(1);
  });

  it("reflects with the double angle: the line stays, the perpendicular flips", () => {
    const t = Math.PI / 6;
    close(apply(reflection(t), [Math.cos(t), Math.sin(t)]), [Math.cos(t), Math.sin(t)]);
    close(apply(reflection(t), [-Math.sin(t), Math.cos(t)]), [Math.sin(t), -Math.cos(t)]);
    closeMatrix(multiply(reflection(t), reflection(t)), IDENTITY);
    expect(det(reflection(t))).toBeCloseTo(-1, 12);
  });

  it("projects so that projecting twice changes nothing", () => {
    const p = projection(Math.PI / 4);
    closeMatrix(multiply(p, p), p);
    close(apply(p, [3, 4]), [3.5, 3.5]);
    expect(det(p)).toBeCloseTo(0, 12);
  });

  it("builds each preset from its slider values, with the lab's function in the code", () => {
    closeMatrix(PRESETS.rotation.matrix([90]), rotation(Math.PI / 2));
    closeMatrix(PRESETS.reflection.matrix([45]), [
      [0, 1],
      [1, 0],
    ]);
    expect(PRESETS.scaling.matrix([2, 0.5])).toEqual(scaling(2, 0.5));
    expect(PRESETS.shear.code([1, 0])).toBe("A = shear(kx=1, ky=0)");
    expect(PRESETS.rotation.code([30])).toBe("A = rotation(np.radians(30))");
    expect(PRESETS.identity.matrix([])).toEqual(IDENTITY);
  });
});

describe("grid warp: describing a map in words", () => {
  it("names rotations, reflections, projections, shears and scalings", () => {
    expect(describeMap(IDENTITY)).toMatch(/^identity/);
    expect(describeMap(rotation(Math.PI / 6))).toBe("rotation by 30°: keeps lengths and angles");
    expect(describeMap(reflection(0.3))).toMatch(/^reflection/);
    expect(describeMap(projection(0.3))).toMatch(/^projection onto a line/);
    expect(describeMap(shear(1.5))).toMatch(/^shear/);
    expect(describeMap(scaling(2, 3))).toMatch(/^scaling/);
    expect(describeMap(A)).toBe("general linear map");
    expect(
      describeMap([
        [1, 2],
        [2, 4],
      ]),
    ).toMatch(/^flattens the plane/);
    expect(
      describeMap([
        [0, 0],
        [0, 0],
      ]),
    ).toMatch(/^zero map/);
  });
});

describe("grid warp: drawing and code", () => {
  it("moves both ends of every grid line by M", () => {
    const lines = warpedGrid(A, 3);
    expect(lines).toHaveLength(14);
    expect(lines[0]).toEqual([apply(A, [-3, -3]), apply(A, [-3, 3])]);
    expect(lines[1]).toEqual([apply(A, [-3, -3]), apply(A, [3, -3])]);
  });

  it("writes NumPy source and results without float noise", () => {
    expect(npMatrix(A)).toBe("np.array([[2.0, 1.0], [0.0, 1.0]])");
    expect(npMatrix(rotation(Math.PI / 6))).toBe("np.array([[0.866, -0.5], [0.5, 0.866]])");
    expect(npNumber(-0.00001)).toBe("0.0");
    expect(npVector([4, 2.5])).toBe("array([4, 2.5])");
  });
});
