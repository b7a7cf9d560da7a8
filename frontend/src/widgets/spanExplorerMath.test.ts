import { describe, expect, it } from "vitest";
import {
  cameraAxes,
  dot3,
  edgeOnView,
  norm3,
  npArray3,
  orthonormalBasis,
  planePatch,
  project,
  rank,
  relationText,
  relations,
  screenToWorld,
  spanKind,
  viewAlong,
  wrapDegrees,
  type Vec3,
  type View,
} from "./spanExplorerMath";

const names = ["u", "v", "w"];

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("expected a value");
  return value;
}

describe("rank and span", () => {
  it("grows from a line to a plane to all of space", () => {
    const u: Vec3 = [2, 1, 0];
    const v: Vec3 = [0, 1, 2];
    expect(rank([u])).toBe(1);
    expect(rank([u, v])).toBe(2);
    expect(rank([u, v, [1, -1, 2]])).toBe(3);
    expect(spanKind(rank([u, v]))).toBe("plane");
  });

  it("does not grow when a vector is a combination of the others", () => {
    expect(rank([[2, 1, 0], [0, 1, 2], [2, 2, 2]])).toBe(2);
    expect(rank([[1, 2, 3], [2, 4, 6], [-0.5, -1, -1.5]])).toBe(1);
  });

  it("catches three pairwise non-parallel vectors in one plane", () => {
    // no two are parallel, yet the third is the sum of the first two
    expect(rank([[2, 0, 1], [0, 2, 1], [2, 2, 2]])).toBe(2);
  });

  it("treats rounding error as zero but a real step as a new direction", () => {
    const a: Vec3 = [0.1, 0.2, 0.3];
    const b: Vec3 = [0.2, 0.9, -0.1];
    const c: Vec3 = [0.3 * a[0] + 0.7 * b[0], 0.3 * a[1] + 0.7 * b[1], 0.3 * a[2] + 0.7 * b[2]];
    expect(rank([a, b, c])).toBe(2);
    expect(rank([a, b, [c[0], c[1], c[2] + 0.1]])).toBe(3);
  });

  it("gives the zero vector rank 0: its span is just the origin", () => {
    expect(rank([[0, 0, 0]])).toBe(0);
    expect(spanKind(0)).toBe("point");
    expect(rank([[0, 0, 0], [1, 0, 0]])).toBe(1);
  });

  it("builds an orthonormal basis of the span", () => {
    const { basis, kept } = orthonormalBasis([[2, 1, 0], [4, 2, 0], [0, 1, 2]]);
    expect(kept).toEqual([0, 2]);
    const [e1, e2] = [defined(basis[0]), defined(basis[1])];
    expect(norm3(e1)).toBeCloseTo(1);
    expect(norm3(e2)).toBeCloseTo(1);
    expect(dot3(e1, e2)).toBeCloseTo(0);
  });
});

describe("relations between the vectors", () => {
  it("writes a redundant vector as a combination of the earlier ones", () => {
    const found = relations([[2, 1, 0], [0, 1, 2], [2, 2, 2]]);
    expect(found).toEqual([{ target: 2, terms: [{ index: 0, coefficient: 1 }, { index: 1, coefficient: 1 }] }]);
    expect(relationText(defined(found[0]), names)).toBe("w = u + v");
  });

  it("uses decimals and real minus signs", () => {
    const found = relations([[2, 0, 0], [0, 2, 0], [3, -1, 0]]);
    expect(relationText(defined(found[0]), names)).toBe("w = 1.5u − 0.5v");
    expect(relationText(defined(relations([[1, 2, 3], [-2, -4, -6]])[0]), names)).toBe("v = −2u");
  });

  it("says a zero vector is zero", () => {
    expect(relationText(defined(relations([[0, 0, 0], [1, 0, 0]])[0]), names)).toBe("u = 0");
  });

  it("finds nothing for independent vectors", () => {
    expect(relations([[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toEqual([]);
  });
});

describe("the rotatable view", () => {
  const view: View = { yaw: -35, pitch: 20 };

  it("has orthonormal camera axes", () => {
    const { right, up, toward } = cameraAxes(view);
    for (const axis of [right, up, toward]) expect(norm3(axis)).toBeCloseTo(1);
    expect(dot3(right, up)).toBeCloseTo(0);
    expect(dot3(right, toward)).toBeCloseTo(0);
    expect(dot3(up, toward)).toBeCloseTo(0);
  });

  it("shows z pointing up and x to the right when seen from the front", () => {
    const front: View = { yaw: 0, pitch: 0 };
    expect(project([0, 0, 1], front)).toEqual({ x: 0, y: 1, depth: 0 });
    expect(project([1, 0, 0], front).x).toBeCloseTo(1);
    expect(project([0, 1, 0], front).depth).toBeCloseTo(-1); // y points away from the viewer
  });

  it("turns a drag on the screen into a move parallel to the screen", () => {
    const move = screenToWorld(2, -1, view);
    const seen = project(move, view);
    expect(seen.x).toBeCloseTo(2);
    expect(seen.y).toBeCloseTo(-1);
    expect(seen.depth).toBeCloseTo(0);
  });

  it("looks along a direction: a plane seen along one of its vectors is edge-on", () => {
    const e1: Vec3 = [1, 0, 0];
    const e2: Vec3 = [0, 1 / Math.SQRT2, 1 / Math.SQRT2];
    const edgeOn = viewAlong(e1);
    const corners = planePatch(e1, e2, 4).map((p) => project(p, edgeOn));
    const along = project(e2, edgeOn);
    expect(Math.hypot(along.x, along.y)).toBeCloseTo(1);
    // every corner lands on one line through the centre: the patch collapses to a segment
    for (const c of corners) expect(c.x * along.y - c.y * along.x).toBeCloseTo(0);
    const faceOn = viewAlong([0, -1 / Math.SQRT2, 1 / Math.SQRT2]);
    for (const c of planePatch(e1, e2, 4).map((p) => project(p, faceOn))) {
      expect(c.depth).toBeCloseTo(0);
    }
  });

  it("picks an edge-on view in which no vector shrinks to a dot", () => {
    const u: Vec3 = [2, 1, 0];
    const v: Vec3 = [0, 1, 2];
    const w: Vec3 = [2, 2, 2];
    const { basis } = orthonormalBasis([u, v]);
    const view = edgeOnView(defined(basis[0]), defined(basis[1]), [u, v, w]);
    const seen = [u, v, w].map((p) => project(p, view));
    const n = project([2, -4, 2], view); // the plane's normal lies across the screen
    expect(Math.hypot(n.x, n.y)).toBeCloseTo(Math.hypot(2, -4, 2));
    for (const p of seen) {
      expect(Math.hypot(p.x, p.y)).toBeGreaterThan(0.5); // nothing hidden behind the origin
      expect(p.x * n.x + p.y * n.y).toBeCloseTo(0); // and every tip on the plane's line
    }
  });

  it("keeps angles in (−180, 180]", () => {
    expect(wrapDegrees(190)).toBe(-170);
    expect(wrapDegrees(-180)).toBe(180);
    expect(wrapDegrees(45)).toBe(45);
  });
});

describe("NumPy text", () => {
  it("writes vectors as np.array calls", () => {
    expect(npArray3([2, 1, 0])).toBe("np.array([2.0, 1.0, 0.0])");
    expect(npArray3([0.5, -1.25, 3])).toBe("np.array([0.5, -1.25, 3.0])");
  });
});
