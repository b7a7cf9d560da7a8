/** The linear algebra and the 3-D view behind the span explorer (pure, so it is unit-tested). */

export type Vec3 = readonly [number, number, number];

export const add3 = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const scale3 = (c: number, a: Vec3): Vec3 => [c * a[0], c * a[1], c * a[2]];
export const dot3 = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const norm3 = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const cross3 = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** Entries smaller than this (relative to the largest entry) count as zero. */
const RELATIVE_TOL = 1e-9;

function tolerance(vectors: readonly Vec3[]): number {
  const biggest = Math.max(1, ...vectors.flatMap((v) => v.map(Math.abs)));
  return RELATIVE_TOL * biggest;
}

/** The part of x that is orthogonal to the orthonormal vectors in q (Gram–Schmidt, twice). */
function newDirection(q: readonly Vec3[], x: Vec3): Vec3 {
  let r: Vec3 = x;
  for (let pass = 0; pass < 2; pass++) {
    for (const e of q) r = add3(r, scale3(-dot3(e, r), e));
  }
  return r;
}

/** An orthonormal basis of the span, built greedily, and which vectors added a direction. */
export function orthonormalBasis(vectors: readonly Vec3[]): { basis: Vec3[]; kept: number[] } {
  const tol = tolerance(vectors);
  const basis: Vec3[] = [];
  const kept: number[] = [];
  vectors.forEach((v, i) => {
    const r = newDirection(basis, v);
    const length = norm3(r);
    if (length > tol) {
      basis.push(scale3(1 / length, r));
      kept.push(i);
    }
  });
  return { basis, kept };
}

/** The number of independent directions: what np.linalg.matrix_rank(np.column_stack(vectors)) says. */
export function rank(vectors: readonly Vec3[]): number {
  return orthonormalBasis(vectors).basis.length;
}

export type SpanKind = "point" | "line" | "plane" | "space";

export function spanKind(r: number): SpanKind {
  if (r <= 0) return "point";
  if (r === 1) return "line";
  return r === 2 ? "plane" : "space";
}

export const SPAN_TEXT: Record<SpanKind, string> = {
  point: "just the origin",
  line: "a line through the origin",
  plane: "a plane through the origin",
  space: "all of 3-D space",
};

/** Solve the small least-squares system B c ≈ x for the columns in `columns` (1 or 2 of them). */
function coefficientsOf(columns: readonly Vec3[], x: Vec3): number[] {
  const [a, b] = columns;
  if (!a || columns.length > 2) return [];
  if (!b) return [dot3(a, x) / dot3(a, a)];
  const [aa, ab, bb] = [dot3(a, a), dot3(a, b), dot3(b, b)];
  const [ax, bx] = [dot3(a, x), dot3(b, x)];
  const det = aa * bb - ab * ab;
  return [(ax * bb - bx * ab) / det, (aa * bx - ab * ax) / det];
}

/** A vector that adds no direction, written as a combination of the vectors kept before it. */
export type Relation = { target: number; terms: { index: number; coefficient: number }[] };

/** For each vector that is a combination of earlier ones, that combination (in order). */
export function relations(vectors: readonly Vec3[]): Relation[] {
  const { kept } = orthonormalBasis(vectors);
  const found: Relation[] = [];
  const earlier: { index: number; vector: Vec3 }[] = [];
  vectors.forEach((vector, i) => {
    if (kept.includes(i)) {
      earlier.push({ index: i, vector });
      return;
    }
    const c = coefficientsOf(
      earlier.map((e) => e.vector),
      vector,
    );
    const terms = earlier
      .map((e, j) => ({ index: e.index, coefficient: snapNoise(c[j] ?? 0) }))
      .filter((t) => t.coefficient !== 0);
    found.push({ target: i, terms });
  });
  return found;
}

/** Round away floating noise (1.0000000002 → 1) while keeping real decimals. */
function snapNoise(x: number): number {
  const rounded = Number(x.toFixed(6));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Numbers as a learner reads them: at most `digits` decimals, no trailing zeros, no -0. */
export function fmt3(x: number, digits = 2): string {
  const rounded = Number(x.toFixed(digits));
  return rounded === 0 ? "0" : String(rounded);
}

/** "w = u + v", "v = 2u", "w = 1.5u − 0.5v", "u = 0" (− is a real minus sign). */
export function relationText(relation: Relation, names: readonly string[]): string {
  const lhs = names[relation.target] ?? "?";
  if (relation.terms.length === 0) return `${lhs} = 0`;
  const parts = relation.terms.map(({ index, coefficient }, j) => {
    const size = Math.abs(coefficient);
    const body = `${size === 1 ? "" : fmt3(size)}${names[index] ?? "?"}`;
    if (j === 0) return coefficient < 0 ? `−${body}` : body;
    return coefficient < 0 ? `− ${body}` : `+ ${body}`;
  });
  return `${lhs} = ${parts.join(" ")}`;
}

/** A vector written as NumPy source: np.array([2.0, 1.0, 0.0]). */
export function npArray3(v: Vec3): string {
  const entry = (x: number) => (Number.isInteger(x) ? `${x}.0` : fmt3(x, 2));
  return `np.array([${v.map(entry).join(", ")}])`;
}

// ---- the view -------------------------------------------------------------------------

/** Turn about the vertical (z) axis and tilt towards the viewer, in degrees. */
export type View = { yaw: number; pitch: number };

/** The camera's right, up and towards-the-viewer directions, in world coordinates. */
export function cameraAxes(view: View): { right: Vec3; up: Vec3; toward: Vec3 } {
  const y = (view.yaw * Math.PI) / 180;
  const p = (view.pitch * Math.PI) / 180;
  const [cy, sy, cp, sp] = [Math.cos(y), Math.sin(y), Math.cos(p), Math.sin(p)];
  return {
    right: [cy, -sy, 0],
    up: [sp * sy, sp * cy, cp],
    toward: [-cp * sy, -cp * cy, sp],
  };
}

/** Orthographic projection: screen x to the right, screen y UP, depth towards the viewer. */
export function project(point: Vec3, view: View): { x: number; y: number; depth: number } {
  const { right, up, toward } = cameraAxes(view);
  return { x: dot3(point, right), y: dot3(point, up), depth: dot3(point, toward) };
}

/** A move on the screen (right, up) as a move in the world, parallel to the screen. */
export function screenToWorld(dx: number, dy: number, view: View): Vec3 {
  const { right, up } = cameraAxes(view);
  return add3(scale3(dx, right), scale3(dy, up));
}

/** The view that looks along `direction` (it points at the viewer). */
export function viewAlong(direction: Vec3): View {
  const n = norm3(direction);
  if (n < 1e-12) return { yaw: 0, pitch: 0 };
  const [tx, ty, tz] = scale3(1 / n, direction);
  const pitch = (Math.asin(Math.max(-1, Math.min(1, tz))) * 180) / Math.PI;
  const yaw = Math.abs(tx) + Math.abs(ty) < 1e-12 ? 0 : (Math.atan2(-tx, -ty) * 180) / Math.PI;
  return { yaw: Number(yaw.toFixed(6)), pitch: Number(pitch.toFixed(6)) };
}

/** Keep an angle in (−180, 180]. */
export function wrapDegrees(angle: number): number {
  let a = angle % 360;
  if (a <= -180) a += 360;
  if (a > 180) a -= 360;
  return a;
}

/** The corners of the square patch ±size·e1 ± size·e2 of the plane spanned by e1, e2. */
export function planePatch(e1: Vec3, e2: Vec3, size: number): Vec3[] {
  const corner = (a: number, b: number) => add3(scale3(a * size, e1), scale3(b * size, e2));
  return [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)];
}

/**
 * A view that sees the plane of e1, e2 edge-on (as a line), looking along the in-plane
 * direction that is farthest from every vector, so that no vector shrinks to a dot and no
 * two tips land on the same spot if it can be helped.
 */
export function edgeOnView(e1: Vec3, e2: Vec3, vectors: readonly Vec3[]): View {
  let best: Vec3 = e1;
  let bestScore = Infinity;
  for (let k = 0; k < 24; k++) {
    const angle = (k * Math.PI) / 24;
    const d = add3(scale3(Math.cos(angle), e1), scale3(Math.sin(angle), e2));
    const score = Math.max(0, ...vectors.filter((v) => norm3(v) > 1e-9).map((v) => Math.abs(dot3(d, v)) / norm3(v)));
    if (score < bestScore - 1e-12) {
      best = d;
      bestScore = score;
    }
  }
  return viewAlong(best);
}
