import { describe, expect, it } from "vitest";
import { add, angleDegrees, cosine, dot, fmt, norm, npArray, projection, snap } from "./vectorMath";

describe("vector playground arithmetic", () => {
  it("adds and takes dot products entry by entry", () => {
    expect(add([3, 1], [1, 2])).toEqual([4, 3]);
    expect(dot([3, 1], [1, 2])).toBe(5);
  });

  it("measures length with the Euclidean norm", () => {
    expect(norm([3, 4])).toBe(5);
  });

  it("gives cosine 1 for parallel, 0 for perpendicular, -1 for opposite vectors", () => {
    expect(cosine([2, 0], [5, 0])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 3])).toBeCloseTo(0);
    expect(cosine([1, 1], [-2, -2])).toBeCloseTo(-1);
  });

  it("refuses an angle or cosine with the zero vector instead of dividing by zero", () => {
    expect(cosine([0, 0], [1, 2])).toBeNull();
    expect(angleDegrees([1, 2], [0, 0])).toBeNull();
  });

  it("measures the angle in degrees", () => {
    expect(angleDegrees([1, 0], [1, 1])).toBeCloseTo(45);
    expect(angleDegrees([1, 0], [-1, 0])).toBeCloseTo(180);
  });

  it("projects u onto the line of v, not v onto u", () => {
    expect(projection([3, 1], [1, 0])).toEqual([3, 0]);
    const p = projection([3, 1], [1, 2]);
    expect(p?.[0]).toBeCloseTo(1);
    expect(p?.[1]).toBeCloseTo(2);
    expect(projection([1, 1], [0, 0])).toBeNull();
  });

  it("formats numbers without noise or negative zero", () => {
    expect(fmt(0.1 + 0.2)).toBe("0.3");
    expect(fmt(-0.0001)).toBe("0");
    expect(fmt(2.5)).toBe("2.5");
    expect(snap(0.30000000000000004, 0.1)).toBe(0.3);
    expect(npArray([3, 1.5])).toBe("np.array([3.0, 1.5])");
  });
});
