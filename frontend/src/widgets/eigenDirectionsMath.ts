/** The arithmetic behind the eigen-directions widget (pure, so it is unit-tested). */

export type Vec2 = readonly [number, number];
export type Mat2 = readonly [Vec2, Vec2]; // rows

/** What a 2×2 matrix's eigen-structure looks like. */
export type Eigen =
  | { kind: "distinct"; values: [number, number]; vectors: [Vec2, Vec2] }
  | { kind: "defective"; value: number; vector: Vec2 }
  | { kind: "scalar"; value: number }
  | { kind: "complex"; re: number; im: number; modulus: number; angleDegrees: number };

const EPS = 1e-9;

export const IDENTITY: Mat2 = [
  [1, 0],
  [0, 1],
];

export const apply = (m: Mat2, v: Vec2): Vec2 => [
  m[0][0] * v[0] + m[0][1] * v[1],
  m[1][0] * v[0] + m[1][1] * v[1],
];

export const norm = (v: Vec2): number => Math.hypot(v[0], v[1]);

export const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/** The matrix the slider shows: (1 − t) I + t A, so t = 0 is "do nothing" and t = 1 is A. */
export function between(a: Mat2, t: number): Mat2 {
  const s = 1 - t;
  return [
    [s + t * a[0][0], t * a[0][1]],
    [t * a[1][0], s + t * a[1][1]],
  ];
}

export const trace = (a: Mat2): number => a[0][0] + a[1][1];
export const det = (a: Mat2): number => a[0][0] * a[1][1] - a[0][1] * a[1][0];

/** The unit vector at `degrees` counter-clockwise from the positive x axis. */
export function unitAt(degrees: number): Vec2 {
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

/** Direction of v in degrees, in (−180, 180]. */
export const directionDegrees = (v: Vec2): number => (Math.atan2(v[1], v[0]) * 180) / Math.PI;

/** An angle in degrees wrapped into [0, 360). */
export function wrapDegrees(degrees: number): number {
  const wrapped = ((degrees % 360) + 360) % 360;
  return Number(wrapped.toFixed(6)) === 360 ? 0 : Number(wrapped.toFixed(6));
}

/** A unit vector with a fixed sign: first non-zero entry positive (NumPy may return either). */
function unitWithSign(v: Vec2): Vec2 {
  const n = norm(v);
  const flip = v[0] < -EPS || (Math.abs(v[0]) <= EPS && v[1] < 0) ? -1 : 1;
  return [(flip * v[0]) / n, (flip * v[1]) / n];
}

/** A non-zero solution of (A − λI) v = 0 for a real eigenvalue λ, or null if there is none
 * (both rows of A − λI vanish). Either row gives one; the longer candidate is the safe pick. */
function kernelVector(a: Mat2, lambda: number): Vec2 | null {
  const fromTop: Vec2 = [a[0][1], lambda - a[0][0]];
  const fromBottom: Vec2 = [lambda - a[1][1], a[1][0]];
  const best = norm(fromTop) >= norm(fromBottom) ? fromTop : fromBottom;
  return norm(best) <= EPS * Math.max(1, Math.abs(lambda)) ? null : unitWithSign(best);
}

/** Eigenvalues and eigenvector lines of a 2×2 matrix, from λ² − tr(A) λ + det(A) = 0. */
export function eigen(a: Mat2): Eigen {
  const t = trace(a);
  const d = det(a);
  const disc = t * t - 4 * d;
  const scale = Math.max(1, t * t, Math.abs(d));
  if (disc < -EPS * scale) {
    const re = t / 2;
    const im = Math.sqrt(-disc) / 2;
    return { kind: "complex", re, im, modulus: Math.hypot(re, im), angleDegrees: (Math.atan2(im, re) * 180) / Math.PI };
  }
  if (disc <= EPS * scale) {
    const value = t / 2;
    const vector = kernelVector(a, value);
    return vector === null ? { kind: "scalar", value } : { kind: "defective", value, vector };
  }
  const root = Math.sqrt(disc);
  const values: [number, number] = [(t + root) / 2, (t - root) / 2];
  // With two different eigenvalues, at least one row of A − λI is non-zero for each λ; the
  // axes are only a fallback against rounding.
  const v1 = kernelVector(a, values[0]) ?? ([1, 0] as Vec2);
  const v2 = kernelVector(a, values[1]) ?? ([0, 1] as Vec2);
  return { kind: "distinct", values, vectors: [v1, v2] };
}

/** Directions (degrees in [0, 180)) of the real eigenvector lines; every direction (null)
 * when A is a multiple of I; none for complex eigenvalues. */
export function eigenLineDirections(e: Eigen): number[] | null {
  if (e.kind === "scalar") return null;
  if (e.kind === "complex") return [];
  const vectors = e.kind === "distinct" ? e.vectors : [e.vector];
  return vectors.map((v) => wrapDegrees(directionDegrees(v)) % 180);
}

/** The signed angle (degrees, in (−180, 180]) from x to A x; null when A x = 0. */
export function turnDegrees(a: Mat2, x: Vec2): number | null {
  const ax = apply(a, x);
  if (norm(ax) <= EPS) return null;
  const cross = x[0] * ax[1] - x[1] * ax[0];
  const dot = x[0] * ax[0] + x[1] * ax[1];
  return (Math.atan2(cross, dot) * 180) / Math.PI;
}

/** The smaller angle (degrees, 0–180) between two directions. */
export function circularGap(a: number, b: number): number {
  const gap = wrapDegrees(a - b);
  return Math.min(gap, 360 - gap);
}

/** How far (degrees, 0–90) the line through x is from the line at `lineDegrees`. */
export function offLine(lineDegrees: number, xDegrees: number): number {
  const gap = circularGap(lineDegrees, xDegrees);
  return Math.min(gap, 180 - gap);
}

/** Snap an angle to the nearest eigenvector direction (either way along the line) when it is
 * within `within` degrees; otherwise return it unchanged. */
export function snapToLines(xDegrees: number, lines: readonly number[], within: number): number {
  for (const line of lines) {
    if (offLine(line, xDegrees) <= within) {
      const back = wrapDegrees(line + 180);
      return circularGap(line, xDegrees) <= circularGap(back, xDegrees) ? wrapDegrees(line) : back;
    }
  }
  return xDegrees;
}

/** Numbers as a learner reads them: at most `digits` decimals, no trailing zeros, no −0. */
export function fmt(x: number, digits = 2): string {
  const rounded = Number(x.toFixed(digits));
  return Object.is(rounded, -0) || rounded === 0 ? "0" : String(rounded);
}

/** A number as written in NumPy source: 2 → "2.0", 0.5 → "0.5". */
export function npNumber(x: number, digits = 3): string {
  const text = fmt(x, digits);
  return text.includes(".") ? text : `${text}.0`;
}

/** A number as NumPy prints it inside an array: 3 → "3.", 0.707 → "0.707". */
function npPrinted(x: number, digits = 3): string {
  const text = fmt(x, digits);
  return text.includes(".") ? text : `${text}.`;
}

export const npMatrix = (a: Mat2): string =>
  `np.array([[${npNumber(a[0][0])}, ${npNumber(a[0][1])}], [${npNumber(a[1][0])}, ${npNumber(a[1][1])}]])`;

export const npVector = (v: Vec2): string => `np.array([${npNumber(v[0])}, ${npNumber(v[1])}])`;

/** What NumPy prints for a small real array, e.g. "array([3., 1.])". */
export const npArrayResult = (xs: readonly number[]): string => `array([${xs.map((x) => npPrinted(x)).join(", ")}])`;

/** A complex number as Python prints it: "0.866+0.5j". */
export function npComplex(re: number, im: number): string {
  const sign = im < 0 || Object.is(im, -0) ? "-" : "+";
  return `${npPrinted(re)}${sign}${npPrinted(Math.abs(im))}j`;
}

/** A complex conjugate pair as plain text, "0.87 ± 0.5i". */
export function complexPairText(re: number, im: number, digits = 2): string {
  return `${fmt(re, digits)} ± ${fmt(im, digits)}i`;
}
