/**
 * The arithmetic behind the PCA projection widget, kept pure so that it is unit-tested:
 * centring, the 2×2 covariance matrix (divided by n − 1, as `np.cov` does), the variance of
 * the data projected onto a direction (wᵀCw), and the principal axes in closed form.
 * Angles are in degrees, counter-clockwise from the horizontal axis.
 */

export type Point = readonly [number, number];

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]]. */
export interface Cov2 {
  readonly xx: number;
  readonly xy: number;
  readonly yy: number;
}

export interface PrincipalAxes {
  /** Largest and smallest eigenvalue: the variances along PC1 and PC2. */
  readonly lambda1: number;
  readonly lambda2: number;
  /** Directions of PC1 and PC2 in degrees, in [0, 180). */
  readonly angle1: number;
  readonly angle2: number;
}

export function mean(points: readonly Point[]): Point {
  if (points.length === 0) return [0, 0];
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  return [sx / points.length, sy / points.length];
}

/** The points minus their mean, so that the cloud's centre sits at the origin. */
export function centre(points: readonly Point[]): Point[] {
  const [mx, my] = mean(points);
  return points.map(([x, y]) => [x - mx, y - my] as const);
}

/** Covariance of already-centred points: XᵀX / (n − 1). */
export function covariance(centred: readonly Point[]): Cov2 {
  const n = centred.length;
  if (n < 2) return { xx: 0, xy: 0, yy: 0 };
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (const [x, y] of centred) {
    xx += x * x;
    xy += x * y;
    yy += y * y;
  }
  return { xx: xx / (n - 1), xy: xy / (n - 1), yy: yy / (n - 1) };
}

/** The unit vector at `degrees`. */
export function direction(degrees: number): Point {
  const theta = (degrees * Math.PI) / 180;
  return [Math.cos(theta), Math.sin(theta)];
}

/** wᵀCw: the variance of the data projected onto the unit vector at `degrees`. */
export function projectedVariance(c: Cov2, degrees: number): number {
  const [wx, wy] = direction(degrees);
  return c.xx * wx * wx + 2 * c.xy * wx * wy + c.yy * wy * wy;
}

/** Each point's signed position along the line at `degrees` (its score, x · w). */
export function scores(centred: readonly Point[], degrees: number): number[] {
  const [wx, wy] = direction(degrees);
  return centred.map(([x, y]) => x * wx + y * wy);
}

/** The foot of each point's perpendicular on the line: its shadow (x · w) w. */
export function shadows(centred: readonly Point[], degrees: number): Point[] {
  const [wx, wy] = direction(degrees);
  return scores(centred, degrees).map((s) => [s * wx, s * wy] as const);
}

/** Sample variance (divided by n − 1) of values that may not have mean zero. */
export function sampleVariance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = values.reduce((a, b) => a + b, 0) / n;
  return values.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1);
}

/** The total variance, the trace of C: kept + lost for every direction. */
export const totalVariance = (c: Cov2): number => c.xx + c.yy;

/** An angle in degrees folded into [0, 360). */
export function normaliseDegrees(degrees: number): number {
  const folded = ((degrees % 360) + 360) % 360;
  return 360 - folded < 1e-6 ? 0 : folded; // 359.9999999… from rounding is 0
}

/** The line's angle in [0, 180): w and −w span the same line. */
export const lineAngle = (degrees: number): number => normaliseDegrees(degrees) % 180;

/** Eigenvalues and eigenvector directions of a symmetric 2×2 matrix, largest first. */
export function principalAxes(c: Cov2): PrincipalAxes {
  const half = (c.xx + c.yy) / 2;
  const radius = Math.hypot((c.xx - c.yy) / 2, c.xy);
  // The direction θ that maximises wᵀCw satisfies tan 2θ = 2c_xy / (c_xx − c_yy).
  const angle1 = lineAngle((Math.atan2(2 * c.xy, c.xx - c.yy) * 90) / Math.PI);
  return { lambda1: half + radius, lambda2: half - radius, angle1, angle2: lineAngle(angle1 + 90) };
}

/** Of the two arrows along the line at `target` (θ and θ + 180), the one closer to `current`. */
export function nearestArrow(current: number, target: number): number {
  const a = normaliseDegrees(target);
  const b = normaliseDegrees(target + 180);
  const gap = (x: number) => {
    const d = Math.abs(normaliseDegrees(x - current));
    return Math.min(d, 360 - d);
  };
  return gap(a) <= gap(b) ? a : b;
}

/** `degrees` rounded to a multiple of `step` and folded into [0, 360), without float noise. */
export function snapDegrees(degrees: number, step: number): number {
  const snapped = Number((Math.round(normaliseDegrees(degrees) / step) * step).toFixed(6));
  return snapped >= 360 ? snapped - 360 : snapped;
}

/** The angle of the arrow from the origin to `p`, in [0, 360), snapped to `step` degrees. */
export function angleOf(p: Point, step: number): number {
  return snapDegrees((Math.atan2(p[1], p[0]) * 180) / Math.PI, step);
}

/** Samples of the variance-versus-angle curve over half a turn, [angle, variance] pairs. */
export function varianceCurve(c: Cov2, samples = 181): [number, number][] {
  return Array.from({ length: samples }, (_, i) => {
    const degrees = (180 * i) / (samples - 1);
    return [degrees, projectedVariance(c, degrees)];
  });
}

/** Numbers as a learner reads them: at most `digits` decimals, no trailing zeros, no -0. */
export function fmt(x: number, digits = 3): string {
  const rounded = Number(x.toFixed(digits));
  return Object.is(rounded, -0) || rounded === 0 ? "0" : String(rounded);
}

/** A 2-vector as NumPy source, e.g. np.array([0.394, 0.919]). */
export function npVector(v: Point, digits = 3): string {
  return `np.array([${fmt(v[0], digits)}, ${fmt(v[1], digits)}])`;
}
