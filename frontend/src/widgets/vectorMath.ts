/** The arithmetic behind the vector playground (kept pure so it is unit-tested). */

export type Vec2 = readonly [number, number];

export const add = (u: Vec2, v: Vec2): Vec2 => [u[0] + v[0], u[1] + v[1]];
export const scale = (c: number, v: Vec2): Vec2 => [c * v[0], c * v[1]];
export const dot = (u: Vec2, v: Vec2): number => u[0] * v[0] + u[1] * v[1];
export const norm = (v: Vec2): number => Math.hypot(v[0], v[1]);

/** Cosine of the angle between u and v; null when either is the zero vector. */
export function cosine(u: Vec2, v: Vec2): number | null {
  const denominator = norm(u) * norm(v);
  if (denominator < 1e-12) return null;
  return Math.max(-1, Math.min(1, dot(u, v) / denominator));
}

/** The angle between u and v in degrees (0–180); null for a zero vector. */
export function angleDegrees(u: Vec2, v: Vec2): number | null {
  const c = cosine(u, v);
  return c === null ? null : (Math.acos(c) * 180) / Math.PI;
}

/** The projection of u onto the line of v: (u·v / v·v) v; null when v is zero. */
export function projection(u: Vec2, v: Vec2): Vec2 | null {
  const vv = dot(v, v);
  if (vv < 1e-12) return null;
  return scale(dot(u, v) / vv, v);
}

/** Numbers as a learner reads them: at most `digits` decimals, no trailing zeros, no -0. */
export function fmt(x: number, digits = 2): string {
  const rounded = Number(x.toFixed(digits));
  return Object.is(rounded, -0) || rounded === 0 ? "0" : String(rounded);
}

/** A vector as NumPy would be written: np.array([3.0, 1.0]) style, short. */
export function npArray(v: Vec2): string {
  const entry = (x: number) => (Number.isInteger(x) ? `${x}.0` : fmt(x, 2));
  return `np.array([${entry(v[0])}, ${entry(v[1])}])`;
}

export const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/** Snap to a grid step, avoiding floating noise (0.30000000000000004). */
export function snap(x: number, step: number): number {
  return Number((Math.round(x / step) * step).toFixed(6));
}

/** What NumPy prints for a small float array, e.g. array([4. , 3.5]) → "array([4, 3.5])". */
export function npResult(v: Vec2): string {
  return `array([${fmt(v[0], 3)}, ${fmt(v[1], 3)}])`;
}
