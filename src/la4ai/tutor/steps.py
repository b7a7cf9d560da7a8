"""Worked steps in exact arithmetic: named row operations, cofactor expansion, Gram–Schmidt.

Everything here works on SymPy matrices of rationals, records each step as Markdown with
LaTeX, and returns the result beside the steps. These are the *solver's* computations;
the receipts check them with independent NumPy code (:mod:`la4ai.tutor.receipts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

__all__ = [
    "MAX_SHOWN_STEPS",
    "Elimination",
    "cofactor_steps",
    "eliminate",
    "tex",
]

MAX_SHOWN_STEPS = 14


def tex(value: object) -> str:
    """LaTeX for a number, vector (list) or matrix (SymPy Matrix or list of rows)."""
    if isinstance(value, sp.MatrixBase):
        rows = value.tolist()
        return tex_rows(rows)
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return tex_rows(value)
        return tex_rows([[entry] for entry in value])
    return str(sp.latex(value))


def tex_rows(rows: list[list[sp.Expr]], split: int | None = None) -> str:
    spec = ""
    if split is not None:
        width = len(rows[0])
        spec = "{" + "c" * split + "|" + "c" * (width - split) + "}"
        body = " \\\\ ".join(" & ".join(sp.latex(entry) for entry in row) for row in rows)
        return f"\\left[\\begin{{array}}{spec} {body} \\end{{array}}\\right]"
    body = " \\\\ ".join(" & ".join(sp.latex(entry) for entry in row) for row in rows)
    return f"\\begin{{bmatrix}} {body} \\end{{bmatrix}}"


def _coef(value: sp.Expr) -> str:
    text = sp.latex(value)
    return f"\\left({text}\\right)" if value.is_Rational and not value.is_Integer else text


@dataclass
class Elimination:
    """Gauss–Jordan elimination of ``matrix`` (with ``split`` columns on the left of an
    augmented bar, if any): the reduced row echelon form, the pivot columns, the row
    operations as text, and the determinant factor (swaps and scalings) for square
    left blocks."""

    rref: sp.Matrix
    pivots: list[int]
    operations: list[str] = field(default_factory=list)
    snapshots: list[sp.Matrix] = field(default_factory=list)
    swaps: int = 0
    scale: sp.Expr = field(default_factory=lambda: sp.Integer(1))  # rows were divided by it

    def markdown(self, split: int | None = None, *, limit: int = MAX_SHOWN_STEPS) -> str:
        lines = []
        for index, (operation, snapshot) in enumerate(
            zip(self.operations, self.snapshots, strict=True)
        ):
            if index == limit:
                lines.append(f"- … {len(self.operations) - limit} more row operations …")
                break
            lines.append(f"- ${operation}$: $$ {tex_rows(snapshot.tolist(), split)} $$")
        if not lines:
            lines.append("- It is already in reduced row echelon form.")
        return "\n".join(lines)


def eliminate(matrix: sp.Matrix, *, columns: int | None = None, reduce: bool = True) -> Elimination:
    """Row-reduce ``matrix``, choosing pivots only among the first ``columns`` columns
    (all by default). With ``reduce=False`` stops at row echelon form (no scaling, no
    clearing above pivots) — what a determinant needs."""
    work = sp.Matrix(matrix)
    rows, width = work.shape
    limit = width if columns is None else columns
    result = Elimination(rref=work, pivots=[])
    row = 0
    for col in range(limit):
        if row >= rows:
            break
        pivot = next((r for r in range(row, rows) if work[r, col] != 0), None)
        if pivot is None:
            continue
        if pivot != row:
            work.row_swap(pivot, row)
            result.swaps += 1
            result.operations.append(f"R_{{{row + 1}}} \\leftrightarrow R_{{{pivot + 1}}}")
            result.snapshots.append(sp.Matrix(work))
        if reduce and work[row, col] != 1:
            factor = work[row, col]
            result.scale *= factor
            work[row, :] = work[row, :] / factor
            result.operations.append(
                f"R_{{{row + 1}}} \\leftarrow R_{{{row + 1}}} \\div {_coef(factor)}"
            )
            result.snapshots.append(sp.Matrix(work))
        targets = range(rows) if reduce else range(row + 1, rows)
        for other in targets:
            if other == row or work[other, col] == 0:
                continue
            factor = work[other, col] / work[row, col]
            work[other, :] = work[other, :] - factor * work[row, :]
            sign = "-" if factor > 0 else "+"
            result.operations.append(
                f"R_{{{other + 1}}} \\leftarrow R_{{{other + 1}}} {sign} "
                f"{_coef(abs(factor))} R_{{{row + 1}}}"
            )
            result.snapshots.append(sp.Matrix(work))
        result.pivots.append(col)
        row += 1
    result.rref = work
    return result


def cofactor_steps(matrix: sp.Matrix) -> str:
    """The determinant of a 2×2 or 3×3 matrix written out (ad − bc, or expansion along
    the first row)."""
    n = matrix.shape[0]
    if n == 2:
        a, b, c, d = matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]
        return (
            f"For a 2×2 matrix, $\\det = ad - bc = ({sp.latex(a)})({sp.latex(d)}) - "
            f"({sp.latex(b)})({sp.latex(c)}) = {sp.latex(a * d - b * c)}$."
        )
    terms = []
    values = []
    for col in range(n):
        minor = matrix.minor_submatrix(0, col)
        sign = "+" if col % 2 == 0 else "-"
        det_minor = minor.det()
        terms.append(f"{sign} ({sp.latex(matrix[0, col])}) \\det{tex(minor)}")
        values.append(f"{sign} ({sp.latex(matrix[0, col])})({sp.latex(det_minor)})")
    return (
        "Expanding along the first row (signs $+,-,+$):\n\n"
        f"$$ \\det A = {' '.join(terms).lstrip('+ ')} $$\n\n"
        f"$$ = {' '.join(values).lstrip('+ ')} = {sp.latex(matrix.det())} $$"
    )
