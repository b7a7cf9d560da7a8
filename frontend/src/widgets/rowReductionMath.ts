/**
 * The arithmetic behind the row-reduction widget (kept pure so it is unit-tested).
 *
 * Entries are exact fractions (bigint numerator and denominator), so the matrix shows
 * 1/3 rather than 0.3333 and the solution point never drifts by round-off. A system is
 * two or three augmented rows [a, b, c], each meaning a·x + b·y = c.
 */

export type Frac = { readonly n: bigint; readonly d: bigint };
export type Row = readonly Frac[];
export type Matrix = readonly Row[];

export type RowOp =
  | { kind: "swap"; i: number; j: number }
  | { kind: "scale"; i: number; c: Frac }
  | { kind: "add"; target: number; source: number; c: Frac };

export type Classification = "unique" | "infinite" | "none";

// ---- fractions --------------------------------------------------------------------------

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** n/d in lowest terms with a positive denominator. */
export function frac(n: bigint | number, d: bigint | number = 1n): Frac {
  let [num, den] = [BigInt(n), BigInt(d)];
  if (den === 0n) throw new RangeError("division by zero");
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { n: num / g, d: den / g };
}

export const ZERO = frac(0);
export const ONE = frac(1);
export const add = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Frac, b: Frac): Frac => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);
export const div = (a: Frac, b: Frac): Frac => frac(a.n * b.d, a.d * b.n);
export const neg = (a: Frac): Frac => frac(-a.n, a.d);
export const isZero = (a: Frac): boolean => a.n === 0n;
export const equals = (a: Frac, b: Frac): boolean => a.n === b.n && a.d === b.d;
export const toNumber = (a: Frac): number => Number(a.n) / Number(a.d);
/** Compare |a| and |b|: negative, zero or positive. */
export const compareAbs = (a: Frac, b: Frac): number => {
  const gap = abs(a.n) * b.d - abs(b.n) * a.d;
  return gap === 0n ? 0 : gap > 0n ? 1 : -1;
};

/** A slider value (a multiple of 1/4, or any short decimal) as a fraction. */
export function fromNumber(x: number, denominator = 1000): Frac {
  return frac(Math.round(x * denominator), denominator);
}

/** "3", "-1/2": how the matrix shows an entry (a real minus sign for display). */
export function fmtFrac(a: Frac, minus = "−"): string {
  const sign = a.n < 0n ? minus : "";
  return a.d === 1n ? `${sign}${abs(a.n)}` : `${sign}${abs(a.n)}/${a.d}`;
}

/** An entry as Python would be written: 3, -0.5, or (2/3) when no short decimal exists. */
export function pyNumber(a: Frac): string {
  if (a.d === 1n) return String(a.n);
  let d = a.d;
  for (const p of [2n, 5n]) while (d % p === 0n) d /= p;
  if (d === 1n) return String(toNumber(a));
  return `${a.n}/${a.d}`;
}

// ---- matrices and row operations ----------------------------------------------------------

export function toMatrix(rows: readonly (readonly number[])[]): Matrix {
  return rows.map((row) => row.map((x) => fromNumber(x)));
}

/** A row operation applied to a copy of M; null for a move that is not allowed (scaling by 0,
 * adding a row to itself, a row that does not exist). */
export function applyOp(m: Matrix, op: RowOp): Matrix | null {
  const valid = (i: number) => Number.isInteger(i) && i >= 0 && i < m.length;
  switch (op.kind) {
    case "swap":
      if (!valid(op.i) || !valid(op.j)) return null;
      return m.map((row, k) => (k === op.i ? (m[op.j] ?? row) : k === op.j ? (m[op.i] ?? row) : row));
    case "scale":
      if (!valid(op.i) || isZero(op.c)) return null;
      return m.map((row, k) => (k === op.i ? row.map((x) => mul(op.c, x)) : row));
    case "add": {
      const source = m[op.source];
      if (!valid(op.target) || !source || op.target === op.source) return null;
      return m.map((row, k) =>
        k === op.target ? row.map((x, j) => add(x, mul(op.c, source[j] ?? ZERO))) : row,
      );
    }
  }
}

/** How a learner reads the move: "R2 ← R2 − 3·R1" (rows counted from 1). */
export function describeOp(op: RowOp): string {
  switch (op.kind) {
    case "swap":
      return `R${op.i + 1} ↔ R${op.j + 1}`;
    case "scale":
      return `R${op.i + 1} ← ${fmtFrac(op.c)}·R${op.i + 1}`;
    case "add": {
      const negative = op.c.n < 0n;
      const size = negative ? neg(op.c) : op.c;
      const factor = equals(size, ONE) ? "" : `${fmtFrac(size)}·`;
      return `R${op.target + 1} ← R${op.target + 1} ${negative ? "−" : "+"} ${factor}R${op.source + 1}`;
    }
  }
}

/** The same move as a NumPy line on the augmented matrix M (rows counted from 0). */
export function numpyOp(op: RowOp): string {
  switch (op.kind) {
    case "swap":
      return `M[[${op.i}, ${op.j}]] = M[[${op.j}, ${op.i}]]`;
    case "scale": {
      const inverse = div(ONE, op.c);
      if (inverse.d === 1n && !equals(op.c, ONE) && inverse.n !== -1n) {
        return `M[${op.i}] = M[${op.i}] / ${pyNumber(inverse)}`;
      }
      return `M[${op.i}] = ${pyNumber(op.c)} * M[${op.i}]`;
    }
    case "add": {
      const negative = op.c.n < 0n;
      const size = negative ? neg(op.c) : op.c;
      const factor = equals(size, ONE) ? "" : `${pyNumber(size)} * `;
      return `M[${op.target}] = M[${op.target}] ${negative ? "-" : "+"} ${factor}M[${op.source}]`;
    }
  }
}

/** The starting matrix as NumPy code. */
export function numpyMatrix(m: Matrix): string {
  const rows = m.map((row) => `[${row.map(pyNumber).join(", ")}]`);
  return `M = np.array([${rows.join(",\n              ")}], dtype=float)`;
}

// ---- elimination ----------------------------------------------------------------------------

export type Step = { op: RowOp; reason: string };

/**
 * The next move of Gauss–Jordan elimination with partial pivoting on the two unknowns'
 * columns, or null when that part is in reduced form. Per column: swap up the largest
 * entry, clear the column in every other row, then scale the pivot to 1. Computed afresh
 * from the current matrix, so it continues from whatever the learner did by hand.
 */
export function nextStep(m: Matrix): Step | null {
  const unknowns = ["x", "y"];
  let r = 0;
  for (let col = 0; col < 2 && r < m.length; col++) {
    const entry = (i: number) => m[i]?.[col] ?? ZERO;
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (compareAbs(entry(i), entry(best)) > 0) best = i;
    if (isZero(entry(best))) continue; // no pivot in this column: a free variable
    const name = unknowns[col] ?? "";
    if (best !== r) {
      return {
        op: { kind: "swap", i: r, j: best },
        reason: `Swap R${r + 1} and R${best + 1}: R${best + 1} has the largest entry in the ${name} column (partial pivoting).`,
      };
    }
    for (let i = 0; i < m.length; i++) {
      if (i !== r && !isZero(entry(i))) {
        const c = neg(div(entry(i), entry(r)));
        return {
          op: { kind: "add", target: i, source: r, c },
          reason: `Clear the ${name} entry of R${i + 1} using the pivot in R${r + 1}.`,
        };
      }
    }
    if (!equals(entry(r), ONE)) {
      return {
        op: { kind: "scale", i: r, c: div(ONE, entry(r)) },
        reason: `Divide R${r + 1} by its pivot ${fmtFrac(entry(r))} so that the pivot is 1.`,
      };
    }
    r += 1;
  }
  return null;
}

/** Number of pivots among the first `columns` columns (exact elimination on a copy). */
export function rank(m: Matrix, columns: number): number {
  let rows: Matrix = m.map((row) => row.slice(0, columns));
  let r = 0;
  for (let col = 0; col < columns && r < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= r && !isZero(row[col] ?? ZERO));
    if (pivot < 0) continue;
    const swapped = applyOp(rows, { kind: "swap", i: r, j: pivot }) ?? rows;
    rows = swapped.map((row, i) => {
      const top = swapped[r];
      if (i <= r || !top) return row;
      const c = neg(div(row[col] ?? ZERO, top[col] ?? ONE));
      return row.map((x, j) => add(x, mul(c, top[j] ?? ZERO)));
    });
    r += 1;
  }
  return r;
}

/** How many solutions the system has: compare rank A with rank [A | b] and the 2 unknowns. */
export function classify(m: Matrix): Classification {
  const rankA = rank(m, 2);
  if (rank(m, 3) > rankA) return "none";
  return rankA === 2 ? "unique" : "infinite";
}

/** The solution (x, y) when it is unique, else null. */
export function solution(m: Matrix): readonly [Frac, Frac] | null {
  if (classify(m) !== "unique") return null;
  for (let i = 0; i < m.length; i++) {
    for (let j = i + 1; j < m.length; j++) {
      const [a, b] = [m[i], m[j]];
      if (!a || !b) continue;
      const [a1, b1, c1] = [a[0] ?? ZERO, a[1] ?? ZERO, a[2] ?? ZERO];
      const [a2, b2, c2] = [b[0] ?? ZERO, b[1] ?? ZERO, b[2] ?? ZERO];
      const det = sub(mul(a1, b2), mul(a2, b1));
      if (isZero(det)) continue;
      return [div(sub(mul(c1, b2), mul(c2, b1)), det), div(sub(mul(a1, c2), mul(a2, c1)), det)];
    }
  }
  return null;
}

// ---- the picture ----------------------------------------------------------------------------

export type Point = readonly [number, number];
export type Line =
  | { kind: "line"; from: Point; to: Point }
  | { kind: "everywhere" } // 0 = 0: every point satisfies it
  | { kind: "nowhere" } // 0 = c, c ≠ 0: no point does
  | { kind: "outside" }; // a real line that misses the visible square

/** The part of a·x + b·y = c inside the square [−range, range]². */
export function lineInView(row: Row, range: number): Line {
  const [a, b, c] = [row[0] ?? ZERO, row[1] ?? ZERO, row[2] ?? ZERO].map(toNumber) as [number, number, number];
  if (a === 0 && b === 0) return c === 0 ? { kind: "everywhere" } : { kind: "nowhere" };
  const found: Point[] = [];
  const push = (p: Point) => {
    const inside = Math.abs(p[0]) <= range + 1e-9 && Math.abs(p[1]) <= range + 1e-9;
    if (inside && !found.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 1e-9)) found.push(p);
  };
  if (b !== 0) {
    for (const x of [-range, range]) push([x, (c - a * x) / b]);
  }
  if (a !== 0) {
    for (const y of [-range, range]) push([(c - b * y) / a, y]);
  }
  const [from, to] = found;
  if (!from || !to) return { kind: "outside" };
  return { kind: "line", from, to };
}

/** The equation of a row as text: "x + 2y = 4", "−3y = −7", "0 = 5". */
export function equationText(row: Row): string {
  const [a, b, c] = [row[0] ?? ZERO, row[1] ?? ZERO, row[2] ?? ZERO];
  const term = (k: Frac, name: string, first: boolean): string => {
    if (isZero(k)) return "";
    const negative = k.n < 0n;
    const size = negative ? neg(k) : k;
    const coefficient = equals(size, ONE) ? "" : size.d === 1n ? fmtFrac(size) : `(${fmtFrac(size)})`;
    const sign = first ? (negative ? "−" : "") : negative ? " − " : " + ";
    return `${sign}${coefficient}${name}`;
  };
  const left = term(a, "x", true) + term(b, "y", isZero(a));
  return `${left || "0"} = ${fmtFrac(c)}`;
}

/** Whether the two unknowns' part is in reduced row echelon form (nothing left to do). */
export const isReduced = (m: Matrix): boolean => nextStep(m) === null;
