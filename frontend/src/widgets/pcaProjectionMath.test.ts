import { describe, expect, it } from "vitest";
import { IRIS } from "./pcaProjectionData";
import {
  angleOf,
  centre,
  covariance,
  direction,
  fmt,
  lineAngle,
  mean,
  nearestArrow,
  normaliseDegrees,
  npVector,
  principalAxes,
  projectedVariance,
  sampleVariance,
  scores,
  shadows,
  snapDegrees,
  totalVariance,
  varianceCurve,
  type Point,
} from "./pcaProjectionMath";

// Sepal length and petal length of the 150 flowers: the lesson's cloud.
const PAIR: Point[] = IRIS.map((row) => [row[0], row[2]] as const);

describe("centring and covariance", () => {
  it("moves the mean to the origin", () => {
    const [mx, my] = mean(PAIR);
    expect(mx).toBeCloseTo(5.843, 3);
    expect(my).toBeCloseTo(3.758, 3);
    const [cx, cy] = mean(centre(PAIR));
    expect(cx).toBeCloseTo(0, 12);
    expect(cy).toBeCloseTo(0, 12);
  });

  it("divides by n - 1, like np.cov, and matches the lesson's matrix", () => {
    const c = covariance(centre(PAIR));
    expect(c.xx).toBeCloseTo(0.686, 3);
    expect(c.xy).toBeCloseTo(1.274, 3);
    expect(c.yy).toBeCloseTo(3.116, 3);
    expect(covariance(centre([[1, 0], [-1, 0]])).xx).toBe(2); // (1 + 1) / (2 - 1), not / 2
  });

  it("gives no spread for fewer than two points", () => {
    expect(covariance([[1, 2]])).toEqual({ xx: 0, xy: 0, yy: 0 });
    expect(sampleVariance([3])).toBe(0);
  });
});

describe("variance along a direction", () => {
  const centred = centre(PAIR);
  const c = covariance(centred);

  it("equals the sample variance of the projected points", () => {
    for (const degrees of [0, 45, 90, 135, 200]) {
      expect(projectedVariance(c, degrees)).toBeCloseTo(sampleVariance(scores(centred, degrees)), 10);
    }
    expect(projectedVariance(c, 45)).toBeCloseTo(3.175, 3);
    expect(projectedVariance(c, 135)).toBeCloseTo(0.627, 3);
  });

  it("is the same for w and -w, the same line", () => {
    expect(projectedVariance(c, 30)).toBeCloseTo(projectedVariance(c, 210), 12);
  });

  it("adds up with the perpendicular direction to the total variance", () => {
    for (const degrees of [0, 17, 66.8, 123]) {
      const kept = projectedVariance(c, degrees);
      const lost = projectedVariance(c, degrees + 90);
      expect(kept + lost).toBeCloseTo(totalVariance(c), 10);
    }
    expect(totalVariance(c)).toBeCloseTo(3.802, 3);
  });

  it("puts every shadow on the line, at its score", () => {
    const [wx, wy] = direction(30);
    const points = shadows([[2, 1], [-1, 3]], 30);
    for (const [x, y] of points) expect(x * wy - y * wx).toBeCloseTo(0, 12);
    const [first] = points;
    expect(first && Math.hypot(first[0], first[1])).toBeCloseTo(Math.abs(2 * wx + 1 * wy), 12);
  });
});

describe("principal axes", () => {
  it("finds PC1 of the lesson's cloud at 66.8 degrees with variance 3.662", () => {
    const axes = principalAxes(covariance(centre(PAIR)));
    expect(axes.lambda1).toBeCloseTo(3.662, 3);
    expect(axes.lambda2).toBeCloseTo(0.14, 3);
    expect(axes.angle1).toBeCloseTo(66.8, 1);
    expect(axes.angle2).toBeCloseTo(156.8, 1);
  });

  it("is the maximum of the variance curve, and PC2 its minimum", () => {
    const c = { xx: 2, xy: -1.5, yy: 4 };
    const axes = principalAxes(c);
    const curve = varianceCurve(c, 3601);
    const values = curve.map(([, v]) => v);
    expect(Math.max(...values)).toBeCloseTo(axes.lambda1, 6);
    expect(Math.min(...values)).toBeCloseTo(axes.lambda2, 6);
    expect(projectedVariance(c, axes.angle1)).toBeCloseTo(axes.lambda1, 10);
    expect(projectedVariance(c, axes.angle2)).toBeCloseTo(axes.lambda2, 10);
  });

  it("gives the eigenvalues of a diagonal matrix along the axes", () => {
    expect(principalAxes({ xx: 1, xy: 0, yy: 5 })).toEqual({ lambda1: 5, lambda2: 1, angle1: 90, angle2: 0 });
    expect(principalAxes({ xx: 5, xy: 0, yy: 1 })).toMatchObject({ angle1: 0, angle2: 90 });
  });

  it("returns eigenvectors: C w = lambda w", () => {
    const c = { xx: 3, xy: 1.2, yy: 0.5 };
    const { lambda1, angle1 } = principalAxes(c);
    const [wx, wy] = direction(angle1);
    expect(c.xx * wx + c.xy * wy).toBeCloseTo(lambda1 * wx, 10);
    expect(c.xy * wx + c.yy * wy).toBeCloseTo(lambda1 * wy, 10);
  });
});

describe("angles", () => {
  it("folds into [0, 360) and lines into [0, 180)", () => {
    expect(normaliseDegrees(-10)).toBe(350);
    expect(normaliseDegrees(720)).toBe(0);
    expect(normaliseDegrees(359.9999999)).toBe(0);
    expect(lineAngle(246.8)).toBeCloseTo(66.8, 10);
  });

  it("snaps to the arrow of a line that is closer to the current one", () => {
    expect(nearestArrow(10, 66.8)).toBeCloseTo(66.8, 10);
    expect(nearestArrow(200, 66.8)).toBeCloseTo(246.8, 10);
    expect(nearestArrow(350, 156.8)).toBeCloseTo(336.8, 10);
  });

  it("reads an arrow's angle from a point, snapped to a step", () => {
    expect(angleOf([0, 2], 1)).toBe(90);
    expect(angleOf([-1, -1], 1)).toBe(225);
    expect(angleOf([1, 0.0175], 1)).toBe(1);
    expect(angleOf([1, 0.0175], 0.1)).toBe(1);
  });

  it("steps by tenths of a degree without floating-point noise", () => {
    expect(snapDegrees(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(snapDegrees(359.9 + 0.2, 0.1)).toBe(0.1);
    expect(snapDegrees(359.96, 0.1)).toBe(0);
    expect(snapDegrees(-1, 1)).toBe(359);
  });
});

describe("formatting", () => {
  it("rounds without noise or negative zero and writes NumPy vectors", () => {
    expect(fmt(0.1 + 0.2)).toBe("0.3");
    expect(fmt(-0.0001)).toBe("0");
    expect(fmt(3.66249, 3)).toBe("3.662");
    expect(npVector([0.3939, 0.9192])).toBe("np.array([0.394, 0.919])");
  });
});
