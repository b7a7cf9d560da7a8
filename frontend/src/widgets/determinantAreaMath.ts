/** The arithmetic behind the determinant-area widget (kept pure so it is unit-tested). */
import { fmt, type Vec2 } from "./vectorMath";

export type { Vec2 };

/** A 2×2 matrix as two rows, [[a, b], [c, d]]. Its columns are (a, c) and (b, d). */
export type Mat2 = readonly [Vec2, Vec2];

/** Below this |det A| the matrix counts as singular (rounding leaves ~1e-16, not 0). */
export const SINGULAR_TOL = 1e-9;

export const columnsOf = (m: Mat2): [Vec2, Vec2] => [
  [m[0][0], m[1][0]],
  [m[0][1], m[1][1]],
];

export const fromColumns = (a1: Vec2, a2: Vec2): Mat2 => [
  [a1[0], a2[0]],
  [a1[1], a2[1]],
];

/** det A = ad − bc: the signed area of the parallelogram spanned by the columns. */
export const det2 = (m: Mat2): number => m[0][0] * m[1][1] - m[0][1] * m[1][0];

export type Orientation = "kept" | "flipped" | "singular";

/** Whether A keeps the plane's orientation, mirrors it, or squashes it flat. */
export function orientation(det: number, tol = SINGULAR_TOL): Orientation {
  if (Math.abs(det) < tol) return "singular";
  return det > 0 ? "kept" : "flipped";
}

/** A⁻¹ = 1/(ad − bc) · [[d, −b], [−c, a]], or null when A is singular. */
export function inverse2(m: Mat2, tol = SINGULAR_TOL): Mat2 | null {
  const d = det2(m);
  if (Math.abs(d) < tol) return null;
  return [
    [m[1][1] / d, -m[0][1] / d],
    [-m[1][0] / d, m[0][0] / d],
  ];
}

/**
 * The second column pushed toward (t = 1) and through (t = 2) the line of the first: a₂ minus
 * t times its part perpendicular to a₁. The determinant is then exactly (1 − t) det A, so it
 * shrinks steadily to 0 at t = 1 and comes out mirrored at t = 2.
 */
export function pushAcross(a1: Vec2, a2: Vec2, t: number): Vec2 {
  const a1a1 = a1[0] * a1[0] + a1[1] * a1[1];
  if (a1a1 < 1e-12) return a2;
  const along = (a1[0] * a2[0] + a1[1] * a2[1]) / a1a1;
  const perp: Vec2 = [a2[0] - along * a1[0], a2[1] - along * a1[1]];
  return [a2[0] - t * perp[0], a2[1] - t * perp[1]];
}

/** The corners of the image of the unit square, in order: 0, a₁, a₁ + a₂, a₂. */
export function parallelogram(m: Mat2): Vec2[] {
  const [a1, a2] = columnsOf(m);
  return [[0, 0], a1, [a1[0] + a2[0], a1[1] + a2[1]], a2];
}

/** Signed area of a polygon by the shoelace formula (positive when counter-clockwise). */
export function signedArea(points: readonly Vec2[]): number {
  let twice = 0;
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length] ?? p; // the last vertex pairs with the first
    twice += p[0] * q[1] - q[0] * p[1];
  });
  return twice / 2;
}

/** A number as it would appear in Python source: 2 → "2.0", 0.375 → "0.375". */
export function pyNumber(x: number, digits = 3): string {
  const text = fmt(x, digits);
  return text.includes(".") || text.includes("e") ? text : `${text}.0`;
}

/** `np.array([[2.0, 0.5], [1.0, 1.5]])` */
export function npMatrix(m: Mat2): string {
  const row = (r: Vec2) => `[${pyNumber(r[0])}, ${pyNumber(r[1])}]`;
  return `np.array([${row(m[0])}, ${row(m[1])}])`;
}

/** What NumPy prints for a 2×2 result, shortened: `array([[0.6, -0.2], [-0.4, 0.8]])`. */
export function npResultMatrix(m: Mat2): string {
  const row = (r: Vec2) => `[${fmt(r[0], 3)}, ${fmt(r[1], 3)}]`;
  return `array([${row(m[0])}, ${row(m[1])}])`;
}

/** "ad − bc = (2)(1.5) − (0.5)(1)": the formula with the numbers filled in. */
export function detExpansion(m: Mat2): string {
  const n = (x: number) => `(${fmt(x)})`;
  return `ad − bc = ${n(m[0][0])}${n(m[1][1])} − ${n(m[0][1])}${n(m[1][0])}`;
}

/** A signed number with an explicit plus sign: "+2.5", "−1.25", "0". */
export function signed(x: number, digits = 2): string {
  const text = fmt(x, digits);
  if (text === "0") return "0";
  return x > 0 ? `+${text}` : `−${text.slice(1)}`;
}
