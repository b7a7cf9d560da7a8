/** The arithmetic behind the grid-warp widget (kept pure so it is unit-tested). */
import { fmt, type Vec2 } from "./vectorMath";

export type { Vec2 };
/** A 2×2 matrix as two rows: [[a11, a12], [a21, a22]]. */
export type Mat2 = readonly [Vec2, Vec2];

export const IDENTITY: Mat2 = [
  [1, 0],
  [0, 1],
];

/** M x: x1 times the first column plus x2 times the second. */
export function apply(m: Mat2, x: Vec2): Vec2 {
  return [m[0][0] * x[0] + m[0][1] * x[1], m[1][0] * x[0] + m[1][1] * x[1]];
}

/** Column j of M: where the basis vector e_j lands. */
export function column(m: Mat2, j: 0 | 1): Vec2 {
  return [m[0][j], m[1][j]];
}

/** M with column j replaced by v (dragging the tip of a basis arrow). */
export function withColumn(m: Mat2, j: 0 | 1, v: Vec2): Mat2 {
  return j === 0
    ? [
        [v[0], m[0][1]],
        [v[1], m[1][1]],
      ]
    : [
        [m[0][0], v[0]],
        [m[1][0], v[1]],
      ];
}

/** M with the entry in row i, column j set to value (typing into the matrix). */
export function withEntry(m: Mat2, i: 0 | 1, j: 0 | 1, value: number): Mat2 {
  const rows: [[number, number], [number, number]] = [
    [m[0][0], m[0][1]],
    [m[1][0], m[1][1]],
  ];
  rows[i][j] = value;
  return rows;
}

/** The product A B: "B first, then A". */
export function multiply(a: Mat2, b: Mat2): Mat2 {
  const first = apply(a, column(b, 0));
  const second = apply(a, column(b, 1));
  return [
    [first[0], second[0]],
    [first[1], second[1]],
  ];
}

/** The signed area of the unit square after the move (the determinant, Module 5). */
export const det = (m: Mat2): number => m[0][0] * m[1][1] - m[0][1] * m[1][0];

export function rotation(theta: number): Mat2 {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [
    [c, -s],
    [s, c],
  ];
}

export function scaling(sx: number, sy: number): Mat2 {
  return [
    [sx, 0],
    [0, sy],
  ];
}

export function shear(kx: number, ky = 0): Mat2 {
  return [
    [1, kx],
    [ky, 1],
  ];
}

/** The mirror across the line through 0 at angle theta (note the double angle). */
export function reflection(theta: number): Mat2 {
  const c = Math.cos(2 * theta);
  const s = Math.sin(2 * theta);
  return [
    [c, s],
    [s, -c],
  ];
}

/** The orthogonal projection onto the line through 0 at angle theta: d dᵀ. */
export function projection(theta: number): Mat2 {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [
    [c * c, c * s],
    [c * s, s * s],
  ];
}

export type PresetName = "identity" | "rotation" | "scaling" | "shear" | "reflection" | "projection";
export const PRESET_NAMES: readonly PresetName[] = [
  "identity",
  "rotation",
  "scaling",
  "shear",
  "reflection",
  "projection",
];

export type Parameter = {
  key: string;
  /** The symbol shown by the slider, e.g. "θ" or "s" with subscript "x". */
  symbol: string;
  subscript: string;
  min: number;
  max: number;
  step: number;
  initial: number;
  unit: "°" | "";
};

export type Preset = {
  name: PresetName;
  label: string;
  parameters: readonly Parameter[];
  /** The matrix for the parameter values (angles in degrees, as the sliders show them). */
  matrix: (values: readonly number[]) => Mat2;
  /** The NumPy line that builds the same matrix, as in the lab. */
  code: (values: readonly number[]) => string;
};

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const angle = (initial: number): Parameter => ({
  key: "theta",
  symbol: "θ",
  subscript: "",
  min: -180,
  max: 180,
  step: 5,
  initial,
  unit: "°",
});
const factor = (symbol: "s" | "k", axis: "x" | "y", initial: number, min: number): Parameter => ({
  key: `${symbol}${axis}`,
  symbol,
  subscript: axis,
  min,
  max: 3,
  step: 0.25,
  initial,
  unit: "",
});

export const PRESETS: Record<PresetName, Preset> = {
  identity: {
    name: "identity",
    label: "Identity",
    parameters: [],
    matrix: () => IDENTITY,
    code: () => "A = np.eye(2)",
  },
  rotation: {
    name: "rotation",
    label: "Rotation",
    parameters: [angle(30)],
    matrix: ([t = 0]) => rotation(radians(t)),
    code: ([t = 0]) => `A = rotation(np.radians(${fmt(t)}))`,
  },
  scaling: {
    name: "scaling",
    label: "Scaling",
    parameters: [factor("s", "x", 2, -3), factor("s", "y", 0.5, -3)],
    matrix: ([sx = 1, sy = 1]) => scaling(sx, sy),
    code: ([sx = 1, sy = 1]) => `A = scaling(${fmt(sx)}, ${fmt(sy)})`,
  },
  shear: {
    name: "shear",
    label: "Shear",
    parameters: [factor("k", "x", 1, -3), factor("k", "y", 0, -3)],
    matrix: ([kx = 0, ky = 0]) => shear(kx, ky),
    code: ([kx = 0, ky = 0]) => `A = shear(kx=${fmt(kx)}, ky=${fmt(ky)})`,
  },
  reflection: {
    name: "reflection",
    label: "Reflection",
    parameters: [angle(30)],
    matrix: ([t = 0]) => reflection(radians(t)),
    code: ([t = 0]) => `A = reflection(np.radians(${fmt(t)}))`,
  },
  projection: {
    name: "projection",
    label: "Projection",
    parameters: [angle(30)],
    matrix: ([t = 0]) => projection(radians(t)),
    code: ([t = 0]) => `A = projection(np.radians(${fmt(t)}))`,
  },
};

const near = (x: number, y: number) => Math.abs(x - y) < 1e-9;
const isIdentity = (m: Mat2) => near(m[0][0], 1) && near(m[0][1], 0) && near(m[1][0], 0) && near(m[1][1], 1);

/** A short plain-words description of what M does to the plane. */
export function describe(m: Mat2): string {
  const d = det(m);
  if (isIdentity(m)) return "identity: nothing moves";
  const mm = multiply(m, m);
  const orthogonal =
    near(m[0][0] * m[0][0] + m[1][0] * m[1][0], 1) &&
    near(m[0][1] * m[0][1] + m[1][1] * m[1][1], 1) &&
    near(m[0][0] * m[0][1] + m[1][0] * m[1][1], 0);
  if (orthogonal && near(d, 1)) {
    const degrees = (Math.atan2(m[1][0], m[0][0]) * 180) / Math.PI;
    return `rotation by ${fmt(degrees, 1)}°: keeps lengths and angles`;
  }
  if (orthogonal && near(d, -1)) return "reflection: keeps lengths, flips orientation";
  if (near(d, 0)) {
    if (m.every((row) => row.every((x) => near(x, 0)))) return "zero map: everything lands on 0";
    const idempotent =
      near(mm[0][0], m[0][0]) && near(mm[0][1], m[0][1]) && near(mm[1][0], m[1][0]) && near(mm[1][1], m[1][1]);
    const symmetric = near(m[0][1], m[1][0]);
    return idempotent && symmetric
      ? "projection onto a line: flattens the plane, cannot be undone"
      : "flattens the plane onto a line: cannot be undone";
  }
  if (near(m[0][1], 0) && near(m[1][0], 0)) return "scaling: stretches each axis";
  if (near(d, 1) && near(m[0][0], 1) && near(m[1][1], 1)) return "shear: slants the grid, keeps areas";
  return d < 0 ? "general linear map: flips orientation" : "general linear map";
}

/** The grid lines x = k and y = k for |k| ≤ extent, each as its two ends, moved by M. */
export function warpedGrid(m: Mat2, extent: number): [Vec2, Vec2][] {
  const lines: [Vec2, Vec2][] = [];
  for (let k = -extent; k <= extent; k += 1) {
    lines.push([apply(m, [k, -extent]), apply(m, [k, extent])]);
    lines.push([apply(m, [-extent, k]), apply(m, [extent, k])]);
  }
  return lines;
}

/** A number as typed into NumPy source: 2 → "2.0", 0.5 → "0.5", -0.0001 → "0.0". */
export function npNumber(x: number, digits = 3): string {
  const text = fmt(x, digits);
  return text.includes(".") ? text : `${text}.0`;
}

/** np.array([[a, b], [c, d]]) for M. */
export function npMatrix(m: Mat2): string {
  const row = (r: Vec2) => `[${npNumber(r[0])}, ${npNumber(r[1])}]`;
  return `np.array([${row(m[0])}, ${row(m[1])}])`;
}

/** What NumPy prints for a 2-vector, shortened: array([4, 2.5]). */
export function npVector(v: Vec2): string {
  return `array([${fmt(v[0], 3)}, ${fmt(v[1], 3)}])`;
}

/** A vector as (x, y) with at most two decimals. */
export const pair = (v: Vec2): string => `(${fmt(v[0])}, ${fmt(v[1])})`;
