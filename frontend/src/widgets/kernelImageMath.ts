/** The linear algebra behind the kernel-and-image figure (kept pure so it is unit-tested). */
import { fmt } from "./vectorMath";

export type Vec = readonly number[];
export type Matrix = readonly (readonly number[])[];
export type Vec3 = readonly [number, number, number];

/** Entries smaller than this (times the largest entry) count as zero, as in the lab. */
export const TOLERANCE = 1e-10;

/** A[i][j], or 0 outside the matrix. */
export const entry = (A: Matrix, i: number, j: number): number => A[i]?.[j] ?? 0;

export function columns(A: Matrix): Vec[] {
  const n = A[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => A.map((row) => row[j] ?? 0));
}

export function matVec(A: Matrix, x: Vec): number[] {
  return A.map((row) => row.reduce((sum, a, j) => sum + a * (x[j] ?? 0), 0));
}

/** Reduced row echelon form with partial pivoting, and the pivot columns. */
export function rref(A: Matrix, tol = TOLERANCE): { R: number[][]; pivots: number[] } {
  let R = A.map((row) => [...row]);
  const m = R.length;
  const n = R[0]?.length ?? 0;
  const largest = Math.max(1, ...R.flat().map(Math.abs));
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < n && row < m; col++) {
    let best = row;
    for (let i = row + 1; i < m; i++) if (Math.abs(entry(R, i, col)) > Math.abs(entry(R, best, col))) best = i;
    const head = entry(R, best, col);
    if (Math.abs(head) <= tol * largest) continue;
    const pivotRow = (R[best] ?? []).map((x) => x / head);
    const top = R[row] ?? [];
    R[best] = top;
    R = R.map((r, i) => (i === row ? pivotRow : r.map((x, j) => x - (r[col] ?? 0) * (pivotRow[j] ?? 0))));
    pivots.push(col);
    row++;
  }
  return { R, pivots };
}

export const rank = (A: Matrix): number => rref(A).pivots.length;

/** The special solutions: one kernel vector per free column (1 there, 0 at the other free ones). */
export function kernelBasis(A: Matrix): number[][] {
  const { R, pivots } = rref(A);
  const n = A[0]?.length ?? 0;
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => !pivots.includes(j));
  return free.map((j) => {
    const k = Array.from({ length: n }, (_, i): number => (i === j ? 1 : 0));
    pivots.forEach((p, i) => {
      k[p] = -entry(R, i, j);
    });
    return k;
  });
}

/** The pivot columns of A itself: a basis of the image C(A). */
export function imageBasis(A: Matrix): { indices: number[]; vectors: Vec[] } {
  const { pivots } = rref(A);
  const all = columns(A);
  return { indices: pivots, vectors: pivots.map((j) => all[j] ?? []) };
}

const dot = (u: Vec, v: Vec) => u.reduce((s, x, i) => s + x * (v[i] ?? 0), 0);
export const length = (v: Vec): number => Math.sqrt(dot(v, v));

/** Gram–Schmidt: orthonormal vectors spanning the same space (dependent ones dropped). */
export function orthonormalize(vectors: readonly Vec[]): number[][] {
  const basis: number[][] = [];
  for (const v of vectors) {
    let w = [...v];
    for (const q of basis) {
      const c = dot(w, q);
      w = w.map((x, i) => x - c * (q[i] ?? 0));
    }
    const size = length(w);
    if (size > 1e-9 * Math.max(1, length(v))) basis.push(w.map((x) => x / size));
  }
  return basis;
}

/** How a learner names a subspace of dimension `dim` inside R^ambient. */
export function subspaceName(dim: number, ambient: number): string {
  if (dim === 0) return "just the zero vector";
  if (dim === ambient) return `all of ℝ${ambient === 2 ? "²" : "³"}`;
  return dim === 1 ? "a line through 0" : "a plane through 0";
}

export type View = { yaw: number; pitch: number };

/** Orthographic camera: turn by yaw about the vertical z axis, then tilt by pitch.
 *  Returns screen coordinates (x right, y up) and a depth (larger is nearer). */
export function project(p: Vec3, view: View): { x: number; y: number; depth: number } {
  const [cy, sy] = [Math.cos(view.yaw), Math.sin(view.yaw)];
  const [cp, sp] = [Math.cos(view.pitch), Math.sin(view.pitch)];
  const x1 = p[0] * cy - p[1] * sy;
  const y1 = p[0] * sy + p[1] * cy;
  return { x: x1, y: p[2] * cp + y1 * sp, depth: p[2] * sp - y1 * cp };
}

export const toVec3 = (v: Vec): Vec3 => [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0];

/** c₁v₁ + c₂v₂ + … as a point of R^3 (missing entries count as 0). */
export function combine(...terms: readonly (readonly [number, Vec])[]): Vec3 {
  const p = [0, 1, 2].map((i) => terms.reduce((sum, [c, v]) => sum + c * (v[i] ?? 0), 0));
  return toVec3(p);
}

/** A NumPy literal for a matrix, integers without a decimal point: np.array([[1, 0], [0, 1]]). */
export function npMatrix(A: Matrix): string {
  return `np.array([${A.map((row) => `[${row.map((x) => fmt(x, 2)).join(", ")}]`).join(", ")}])`;
}

/** What NumPy shows for a float vector, shortened: array([0, 0, 0]). */
export function npVector(v: Vec, digits = 3): string {
  return `array([${v.map((x) => fmt(x, digits)).join(", ")}])`;
}

/** A vector as a learner reads it: (1, -0.5, 2). */
export function vecText(v: Vec, digits = 2): string {
  return `(${v.map((x) => fmt(x, digits)).join(", ")})`;
}

/** Read a `matrix` prop: 2 or 3 rows of 3 finite numbers, or null. */
export function parseMatrix(value: unknown): number[][] | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
  const rows = value.map((row: unknown) =>
    Array.isArray(row) && row.length === 3 && row.every((x) => typeof x === "number" && Number.isFinite(x))
      ? (row as number[])
      : null,
  );
  const complete = rows.filter((row): row is number[] => row !== null);
  return complete.length === rows.length ? complete.map((row) => [...row]) : null;
}
