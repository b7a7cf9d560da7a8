"""The questions of the tutor's bank, by topic: a notation, a template and its inputs.

Numbers in inputs are ints, floats (read as the decimals they spell) or fraction strings
such as ``"1/2"``. Inputs a template does not show (``kind``, ``scheme``, ``ask`` …) tell
the answer which variant is asked. See ``bench/make_tutor_bank.py`` for the notations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["QUESTIONS", "Question"]


@dataclass(frozen=True)
class Question:
    style: str
    template: str
    inputs: dict[str, Any] = field(default_factory=dict)


def q(style: str, template: str, **inputs: Any) -> Question:
    return Question(style, template, inputs)


FIB = [[1, 1], [1, 0]]
SHEAR = [[1, 1], [0, 1]]
ROTATE90 = [[0, -1], [1, 0]]
SINGULAR3 = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
TRIDIAGONAL = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
STRANG = [[1, 0], [1, 1], [1, 2]]  # the least-squares line through (0, 6), (1, 0), (2, 0)

QUESTIONS: dict[str, list[Question]] = {
    "determinant": [
        q("python", "What is the determinant of {A}?", A=[[2, 1], [7, 4]]),
        q("matlab", "what's det {A}?", A=[[1, 2], [3, 4]]),
        q("pmatrix", "Compute the determinant of {A}.", A=[[2, 0, 1], [1, 3, 2], [1, 1, 1]]),
        q(
            "python",
            "find det(A) for A = {A}",
            A=[[1, 2, 0, 1], [0, 1, 3, 2], [2, 0, 1, 0], [1, 1, 1, 1]],
        ),
        q(
            "bmatrix",
            "determinant of the 5x5 matrix {A}",
            A=[[2, 1, 0, 0, 3], [1, 3, 1, 0, 0], [0, 1, 4, 1, 0], [0, 0, 1, 5, 1], [1, 0, 0, 1, 6]],
        ),
        q("python", "Calculate the determinant of {A}", A=[[0.5, 1.5], [2.0, -1.25]]),
        q("matlab", "determinant of {A}", A=[["1/2", "1/3"], ["1/4", "1/5"]]),
        q("python", "Compute the determinant of A = {A}", A=[[3, 8], [4, 6]]),
        q("bmatrix", "det {A}", A=[[1, 2], [3, 4]]),
        q(
            "python",
            "What is the determinant of 2A for A = {A}?",
            A=[[1, 2], [3, 4]],
            apply="double",
        ),
        q("python", "determinant of the inverse of {A}", A=[[1, 2], [3, 4]], apply="inverse"),
        q(
            "python",
            "What is the determinant of A^3 for A = {A}?",
            A=[[1, 2], [3, 4]],
            k=3,
            apply="cube",
        ),
    ],
    "inverse": [
        q("matlab", "inverse of {A}", A=[[2, 0], [0, 4]]),
        q("python", "Invert {A}", A=[[2, 4], [1, 2]]),
        q("python", "Find the inverse of {A}", A=[[1, 2, 3], [0, 1, 4], [5, 6, 0]]),
        q("pmatrix", "What is A^{-1} for A = {A}?", A=[[4, 7], [2, 6]]),
        q("matlab", "compute the inverse of the matrix {A}", A=[[0.5, 0.25], [1.0, 1.5]]),
        q("bmatrix", "what's the inverse of {A}", A=SINGULAR3),
        q("python", "inverse of {A}", A=[["1/2", 0, 0], [0, "1/3", 0], [1, 0, 1]]),
        q("python", "find the inverse of {A}", A=[[1, 1], [1, 2]]),
        q("python", "inverse of the transpose of {A}", A=[[1, 2], [3, 4]], apply="transpose"),
        q("python", "inverse of 2 times {A}", A=[[1, 0], [0, 1]], apply="double"),
    ],
    "product": [
        q("python", "{A} times {B}", A=[[1, 2], [3, 4]], B=[[5, 6], [7, 8]]),
        q("matlab", "Multiply {A} by {B}", A=[[1, 0, 2], [-1, 3, 1]], B=[[3, 1], [2, 1], [1, 0]]),
        q(
            "pmatrix",
            "Compute AB where A = {A} and B = {B}",
            A=[[2, -1], [0, 3]],
            B=[[1, 4], [5, -2]],
        ),
        q(
            "python",
            "What is {A} @ {B}?",
            A=[[0.5, 1.0, 0.0], [2.0, -1.5, 1.0], [0.0, 0.25, 4.0]],
            B=[[1.0, 0.0, 2.0], [0.5, 1.0, 0.0], [-1.0, 3.0, 1.0]],
        ),
        q("python", "multiply the matrix {A} by the vector {B}", A=[[1, 2], [3, 4]], B=[1, 1]),
        q("bmatrix", "product of {A} and {B}", A=[["1/2", 1], [0, "2/3"]], B=[[2, 0], [3, "3/2"]]),
        q("matlab", "A = {A}, B = {B}. What is A*B?", A=[[1, 2], [3, 4]], B=[[0, 1], [1, 0]]),
    ],
    "power": [
        q("python", "{A}^3", A=SHEAR, k=3),
        q("matlab", "Compute A^5 for A = {A}", A=FIB, k=5),
        q("pmatrix", "What is the square of the matrix {A}?", A=[[2, -1], [1, 0]], k=2),
        q("python", "raise {A} to the 4th power", A=[[0, 1, 0], [0, 0, 1], [1, 0, 0]], k=4),
        q("python", "cube of the matrix {A}", A=SHEAR, k=3),
    ],
    "transpose": [
        q("matlab", "transpose of {A}", A=[[1, 2, 3], [4, 5, 6]]),
        q("python", "What is A^T when A = {A}?", A=[[1, 0, 2], [-3, 4, 5], [6, 7, -8]]),
        q("bmatrix", "Find the transpose of {A}", A=[["1/2", 0, 1.5, -2], [3, "-1/4", 0, 7]]),
        q("python", "transpose {A}", A=[[1, 2], [3, 4]]),
    ],
    "trace": [
        q("python", "trace of {A}", A=[[1, 2], [3, 4]]),
        q("matlab", "what's the trace of {A}?", A=[[5, 1, 0], [2, -3, 4], [0, 1, 9]]),
        q(
            "pmatrix",
            "Compute tr(A) for A = {A}",
            A=[[1.5, 0, 0, 2], [0, -0.25, 1, 0], [3, 0, 2.75, 0], [0, 1, 0, 0.5]],
        ),
        q("python", "What is the trace of A^T A for A = {A}?", A=[[1, 2], [3, 4]], apply="gram"),
    ],
    "rank": [
        q("python", "What is the rank of {A}?", A=[[1, 2], [2, 4]]),
        q("matlab", "rank of {A}", A=SINGULAR3),
        q(
            "pmatrix",
            "Find the rank of the matrix {A}",
            A=[[1, 2, 0, 1], [2, 4, 1, 3], [3, 6, 1, 4]],
        ),
        q(
            "python",
            "compute the rank of {A}",
            A=[[1, 0, 1, 2, 0], [0, 1, 1, 0, 1], [1, 1, 2, 2, 1], [2, 1, 3, 4, 1], [0, 2, 2, 0, 2]],
        ),
        q("matlab", "rank {A}", A=[[0, 0], [0, 0]]),
        q("python", "what is the rank of the matrix {A}", A=[[1, 2, 3], [2, 4, 6]]),
    ],
    "rref": [
        q("python", "Row reduce {A} to reduced row echelon form", A=[[1, 2, 3], [4, 5, 6]]),
        q("matlab", "rref of {A}", A=[[1, 2, 1], [2, 4, 0], [3, 6, 1]]),
        q(
            "bmatrix",
            "What is the RREF of {A}?",
            A=[[2, 1, -1, 8], [-3, -1, 2, -11], [-2, 1, 2, -3]],
        ),
        q("python", "Find the reduced row echelon form of {A}", A=[["1/2", 1], [1, 2]]),
    ],
    "null-space": [
        q("python", "basis for the null space of {A}", A=[[1, 1], [2, 2]]),
        q("matlab", "Find the null space of {A}", A=SINGULAR3),
        q("pmatrix", "What is a basis of the kernel of {A}?", A=[[1, 2, 0, -1], [0, 0, 1, 3]]),
        q("python", "null space of {A}", A=[[2, 1], [1, 3]]),
        q(
            "matlab",
            "compute a basis for the nullspace of {A}",
            A=[[1, 2, 0, 1], [2, 4, 1, 3], [3, 6, 1, 4]],
        ),
        q("matlab", "null space basis of {A}", A=[[1, 2], [2, 4]]),
        q("python", "Is {x:tuple} in the null space of {A}?", x=[2, 4, 6], A=[[1, 1, -1]]),
        q(
            "python",
            "What is the null space of A^T for A = {A}?",
            A=[[1, 2], [3, 6]],
            apply="transpose",
        ),
    ],
    "column-space": [
        q("python", "basis for the column space of {A}", A=[[1, 2], [2, 4]]),
        q("matlab", "Find a basis of the column space of {A}", A=[[1, 0, 1], [0, 1, 1], [1, 1, 2]]),
        q(
            "bmatrix",
            "Give a basis for the image (column space) of {A}",
            A=[[2, 1, 0], [0, 1, 1], [1, 0, 3]],
        ),
        q("python", "column space of {A}", A=[[1, 2, 0, 1], [2, 4, 1, 3], [3, 6, 1, 4]]),
    ],
    "linear-system": [
        q("words", "Solve {eqs:and}", eqs=["2x - y = 3", "x + y = 6"]),
        q("words", "Solve {eqs} for a.", eqs=["-4*a + 3*b = 11", "2*a - b = -5"], ask=["a"]),
        q("words", "solve {eqs}", eqs=["x + y + z = 6", "2x - y + z = 3", "x + 2y - z = 2"]),
        q("words", "Solve {eqs:and}", eqs=["x + y = 1", "x + y = 3"]),
        q("words", "Solve the system {eqs}", eqs=["x + 2y = 4", "2x + 4y = 8"]),
        q("words", "What are x and y if {eqs:and}?", eqs=["3x + 2y = 7", "x - y = -1"]),
        q("words", "Find y: {eqs}", eqs=["0.5x + 1.5y = 4", "x - y = 0"], ask=["y"]),
        q("words", "solve {eqs}", eqs=["x - y + z = 1", "2x - 2y + 2z = 5", "x + y = 0"]),
        q("words", "Solve for p and q: {eqs}", eqs=["p/2 + q/3 = 1", "p - q = 2"]),
        q("words", "Solve the equations {eqs:and}", eqs=["3a + b = 5", "a - b = -1"]),
        q("words", "Solve {eqs} for x", eqs=["x + y = 2", "x - y = 0"], ask=["x"]),
        q("words", "How many solutions does {eqs} have?", eqs=["x + y = 1", "2x + 2y = 2"]),
    ],
    "matrix-system": [
        q("python", "Solve Ax = b for A = {A} and b = {b}", A=[[1, 2], [3, 4]], b=[5, 6]),
        q(
            "matlab",
            "Solve A x = b where A = {A}, b = {b}",
            A=[[2, 1, -1], [-3, -1, 2], [-2, 1, 2]],
            b=[8, -11, -3],
        ),
        q("pmatrix", "Find x such that Ax = b, A = {A}, b = {b}", A=[[1, 2], [2, 4]], b=[3, 6]),
        q("python", "solve Ax=b with A={A} and b={b}", A=[[1, 2], [2, 4]], b=[3, 5]),
        q(
            "bmatrix",
            "Solve the system Ax = b with A = {A} and b = {b}",
            A=[[0.5, -1.0], [2.0, 1.5]],
            b=[1.0, 4.75],
        ),
        q(
            "python",
            "Solve (A + I)x = b for A = {A} and b = {b}",
            A=[[1, 2], [3, 4]],
            b=[1, 1],
            apply="plus identity",
        ),
    ],
    "least-squares": [
        q(
            "python",
            "Find the least squares solution of Ax = b for A = {A} and b = {b}",
            A=STRANG,
            b=[6, 0, 0],
        ),
        q(
            "matlab",
            "least-squares solution to Ax = b, A = {A}, b = {b}",
            A=[[1, 1], [1, -1], [2, 1]],
            b=[2, 1, 4],
        ),
        q(
            "pmatrix",
            "Solve Ax = b in the least squares sense for A = {A}, b = {b}",
            A=[[1, 0], [0, 1], [1, 1]],
            b=[1, 1, 0],
        ),
        q(
            "words",
            "Fit the line y = m*t + c to the points {pts:tuple} by least squares.",
            pts=[[0, 6], [1, 0], [2, 0]],
        ),
    ],
    "projection": [
        q("tuple", "Project {u} onto {v}.", u=[1, 2], v=[3, 4]),
        q("python", "What is the projection of {u} onto {v}?", u=[2, 1, 3], v=[1, 1, 0]),
        q(
            "matlab",
            "orthogonal projection of b = {b} onto the column space of A = {A}",
            A=STRANG,
            b=[6, 0, 0],
        ),
        q("pmatrix", "Project {u} onto the line spanned by {v}", u=[2, 3], v=[1, 1]),
        q("python", "projection of {u} onto {v}", u=[3, 4], v=[1, 0]),
    ],
    "projection-matrix": [
        q("python", "projection matrix onto the column space of {A}", A=STRANG),
        q("tuple", "Find the projection matrix onto the line through {v}", v=[1, 2, 2]),
        q("matlab", "What is the matrix that projects onto the span of {v}?", v=[1, 1]),
    ],
    "eigenvalues": [
        q("pmatrix", "eigenvalues of {A}", A=[[1, 2], [2, 1]]),
        q("python", "eigenvalues of {A}", A=[[0, -2], [2, 0]]),
        q("matlab", "Find the eigenvalues of {A}", A=[[1, -2], [1, 3]]),
        q("python", "What are the eigenvalues of {A}?", A=[[2, 1], [0, 2]]),
        q("bmatrix", "compute the eigenvalues of {A}", A=[[4, 1, -1], [2, 5, -2], [1, 1, 2]]),
        q(
            "python",
            "eigenvalues of the 4x4 matrix {A}",
            A=[[0, -1, 0, 0], [1, 0, 0, 0], [0, 0, 2, 1], [0, 0, 1, 2]],
        ),
        q(
            "matlab",
            "What are the eigenvalues of {A}",
            A=[[1, 2, 0, 1, 0], [0, 2, 3, 0, 1], [0, 0, 2, 1, 0], [0, 0, 0, 3, 4], [0, 0, 0, 0, 1]],
        ),
        q("python", "Find the eigenvalues of {A}", A=[[0.5, 0.25], [0.25, 0.5]]),
        q("python", "eigenvalues of {A}", A=[[4, -2], [1, 1]]),
        q("python", "Find the eigenvalues of the matrix A = {A}", A=[[2, 0], [0, 2]]),
        q("python", "eigenvalues of the inverse of {A}", A=[[2, 0], [0, 4]], apply="inverse"),
        q("python", "eigenvalues of 3 times {A}", A=[[1, 0], [0, 2]], apply="triple"),
        q("python", "What is the sum of the eigenvalues of {A}?", A=[[1, 2], [3, 4]], kind="sum"),
        q(
            "python",
            "What is the product of the eigenvalues of {A}?",
            A=[[1, 2], [3, 4]],
            kind="product",
        ),
    ],
    "eigenvectors": [
        q("python", "eigenvectors of {A}", A=[[3, 0], [0, 5]]),
        q("matlab", "Find the eigenvalues and eigenvectors of {A}", A=[[2, 1], [1, 2]]),
        q("pmatrix", "What are the eigenvectors of {A}?", A=SHEAR),
        q("python", "eigenvectors of {A}", A=[[2, 0, 0], [0, 2, 0], [0, 0, 3]]),
        q("python", "Find the eigenvectors of {A}", A=ROTATE90),
        q("python", "Is the vector {x:tuple} an eigenvector of {A}?", x=[1, 1], A=[[2, 1], [1, 2]]),
    ],
    "characteristic-polynomial": [
        q("python", "characteristic polynomial of {A}", A=[[1, 1], [0, 2]]),
        q("matlab", "What is the characteristic polynomial of {A}?", A=[[2, 1], [1, 2]]),
        q(
            "pmatrix",
            "Find the characteristic polynomial of {A}",
            A=[[1, 2, 0], [0, 3, 1], [1, 0, 2]],
        ),
        q("python", "characteristic polynomial of the matrix {A}", A=[["1/2", 1], [2, "-3/2"]]),
        q("python", "What is the characteristic polynomial of {A}?", A=[[0, 1], [-2, -3]]),
    ],
    "diagonalizability": [
        q("python", "Is {A} diagonalizable?", A=[[2, 1], [0, 2]]),
        q("matlab", "is the matrix {A} diagonalizable", A=[[1, 2], [2, 1]]),
        q("bmatrix", "Can {A} be diagonalized?", A=[[2, 0, 0], [0, 2, 0], [0, 0, 3]]),
        q("python", "Is A = {A} diagonalisable?", A=[[1, 1, 0], [0, 1, 0], [0, 0, 2]]),
        q("python", "Is the matrix {A} diagonalizable?", A=[[1, 2], [2, 4]]),
    ],
    "singular-values": [
        q("python", "singular values of {A}", A=[[3, 0], [0, -2]]),
        q("matlab", "What are the singular values of {A}?", A=[[1, 1], [1, 1]]),
        q("pmatrix", "Find the singular values of {A}", A=[[3, 2, 2], [2, 3, -2]]),
        q("python", "compute the singular values of {A}", A=SHEAR),
        q("python", "Compute the singular values of {A}", A=[[2, 0], [0, 3]]),
    ],
    "condition-number": [
        q("python", "condition number of {A}", A=[[1, 2], [3, 4]]),
        q("matlab", "What is the 2-norm condition number of {A}?", A=[[1, 0], [0, 0.001]]),
        q("bmatrix", "Compute cond(A) for A = {A}", A=[[1, 1], [1, 1.0001]]),
        q("python", "condition number of {A}", A=[[2, 0], [0, 1]]),
    ],
    "qr": [
        q("python", "QR decomposition of {A}", A=SHEAR),
        q("matlab", "Find the QR factorization of {A}", A=[[3, 1], [4, 2]]),
        q("pmatrix", "Compute a QR decomposition of {A}", A=[[1, 1], [1, 0], [0, 1]]),
        q("python", "QR of {A}", A=TRIDIAGONAL),
    ],
    "gram-schmidt": [
        q("tuple", "Apply Gram-Schmidt to {u} and {v}", u=[1, 1, 0], v=[1, 0, 1]),
        q("python", "Use Gram–Schmidt to orthonormalize the vectors {u}, {v}", u=[3, 1], v=[2, 2]),
        q(
            "matlab",
            "Orthonormalise the columns of {A} with Gram-Schmidt",
            A=[[1, 1, 0], [1, 0, 1], [0, 1, 1]],
        ),
    ],
    "dot": [
        q("tuple", "dot product of {u} and {v}", u=[1, 2, 3], v=[4, 5, 6]),
        q("python", "What is {u} · {v}?", u=[2, -1], v=[3, 4]),
        q("matlab", "compute the dot product of {u} and {v}", u=[1, 0, -2, 3], v=[2, 5, 1, 1]),
        q("pmatrix", "inner product of {u} and {v}", u=[0.5, 1.5, -2.0], v=[4.0, 2.0, 0.25]),
    ],
    "cross": [
        q("tuple", "cross product of {u} and {v}", u=[1, 0, 0], v=[0, 1, 0]),
        q("python", "What is {u} × {v}?", u=[1, 2, 3], v=[4, 5, 6]),
        q("matlab", "compute the cross product of {u} and {v}", u=[2, -1, "1/2"], v=[0, 3, 1]),
        q("python", "What's the cross product of {u} and {v}?", u=[0, 0, 1], v=[1, 0, 0]),
    ],
    "norm": [
        q("tuple", "norm of {u}", u=[3, 4]),
        q("python", "What is the length of {u}?", u=[1, 2, 2]),
        q("matlab", "L1 norm of {u}", u=[1, -2, 3], kind="1"),
        q("pmatrix", "infinity norm of {u}", u=[1, -7, 3], kind="inf"),
        q("python", "Frobenius norm of {A}", A=[[1, 2], [3, 4]], kind="fro"),
        q("python", "What is the L2 norm of {u}?", u=[6, 8]),
        q("tuple", "squared norm of {u}", u=[3, 4], kind="squared"),
    ],
    "angle": [
        q("tuple", "angle between {u} and {v}", u=[1, 0], v=[1, 1]),
        q("python", "What is the angle between {u} and {v} in degrees?", u=[1, 2, 2], v=[2, 1, -2]),
        q("matlab", "angle between {u} and {v} in radians", u=[1, 1], v=[0, 1], radians=True),
        q("pmatrix", "Find the angle between {u} and {v}", u=[1, 0], v=[-1, 0]),
        q("python", "angle between {u} and {v}", u=[1, 0, 0], v=[0, 0, 1]),
    ],
    "distance": [
        q("tuple", "distance between {u} and {v}", u=[1, 2], v=[4, 6]),
        q("python", "Euclidean distance between {u} and {v}", u=[1, 0, 0], v=[0, 1, 0]),
        q("bmatrix", "How far apart are {u} and {v}?", u=[0.5, 2.0, -1.0], v=[1.5, 0.0, 1.0]),
        q("tuple", "what is the distance from {u} to {v}?", u=[0, 0, 0], v=[1, 2, 2]),
        q(
            "tuple",
            "squared Euclidean distance between {u} and {v}",
            u=[1, 2],
            v=[4, 6],
            kind="squared",
        ),
    ],
    "cosine-similarity": [
        q("python", "cosine similarity of {u} and {v}", u=[1, 2, 3], v=[4, 5, 6]),
        q("tuple", "What is the cosine similarity between {u} and {v}?", u=[1, 0], v=[0, 1]),
        q("matlab", "cos similarity between {u} and {v}", u=[1, 1, 0, 1], v=[1, 1, 1, 0]),
        q("python", "cosine similarity between {u} and {v}", u=[1, 1], v=[-1, -1]),
        q("tuple", "cosine distance between {u} and {v}", u=[1, 0], v=[0, 1], kind="distance"),
    ],
    "normalization": [
        q("tuple", "normalize {u}", u=[3, 4]),
        q("python", "unit vector in the direction of {u}", u=[1, 1, 1]),
        q("matlab", "Normalise {u}", u=[2, 0, -1, 2]),
        q("python", "normalize the vector {u}", u=[0, 3, 4]),
    ],
    "independence": [
        q(
            "tuple",
            "Are {u}, {v} and {w} linearly independent?",
            u=[1, 2, 3],
            v=[4, 5, 6],
            w=[7, 8, 9],
        ),
        q("python", "are the vectors {u} and {v} linearly independent", u=[1, 2], v=[3, 4]),
        q("matlab", "Are the columns of {A} linearly independent?", A=[[1, 2], [2, 4]]),
        q(
            "pmatrix",
            "Is the set {u}, {v}, {w} linearly independent?",
            u=[1, 0, 1],
            v=[0, 1, 1],
            w=[1, 1, 0],
        ),
        q(
            "python",
            "Are {u}, {v} and {w} linearly independent?",
            u=[1, 0, 0],
            v=[0, 1, 0],
            w=[0, 0, 1],
        ),
    ],
    "span-membership": [
        q("tuple", "Is {b} in the span of {u} and {v}?", b=[1, 2, 3], u=[1, 0, 1], v=[0, 1, 1]),
        q("python", "Is {b} in the span of {u} and {v}?", b=[1, 1, 0], u=[1, 0, 0], v=[0, 0, 1]),
        q("matlab", "Is b = {b} in the column space of {A}?", b=[5, 6], A=[[1, 2], [2, 4]]),
        q(
            "tuple",
            "Can {b} be written as a linear combination of {u} and {v}?",
            b=[2, 4, 6],
            u=[1, 2, 3],
            v=[0, 1, 0],
        ),
    ],
    "orthogonality": [
        q("tuple", "Are {u} and {v} orthogonal?", u=[1, 1], v=[1, -1]),
        q("python", "Is {u} orthogonal to {v}?", u=[1, 2, 3], v=[1, 1, 1]),
        q("matlab", "Is the matrix {A} orthogonal?", A=[[0, 1], [1, 0]]),
        q("pmatrix", "Is {A} an orthogonal matrix?", A=SHEAR),
        q(
            "tuple",
            "Are {u}, {v} and {w} mutually orthogonal?",
            u=[1, 0, 1],
            v=[1, 0, -1],
            w=[0, 1, 0],
        ),
    ],
    "positive-definite": [
        q("python", "Is {A} positive definite?", A=[[2, -1], [-1, 2]]),
        q("matlab", "is {A} positive definite", A=[[1, 2], [2, 1]]),
        q("bmatrix", "Is the matrix {A} positive definite?", A=TRIDIAGONAL),
        q("python", "Is {A} positive definite?", A=[[1, 0], [0, 0]]),
        q("python", "is the symmetric matrix {A} positive definite?", A=[[0.5, 0.1], [0.1, 0.3]]),
        q("python", "Is {A} positive definite?", A=[[4, 2], [2, 3]]),
    ],
    "invertibility": [
        q("python", "Is {A} invertible?", A=[[1, 2], [2, 4]]),
        q("matlab", "Is A = {A} invertible?", A=[[1, 2], [3, 4]]),
        q("pmatrix", "Is {A} singular?", A=SINGULAR3, singular=True),
        q("python", "does {A} have an inverse?", A=[[1, 2, 3], [0, 1, 4], [5, 6, 0]]),
    ],
    "lora": [
        q(
            "words",
            "How many trainable parameters does a rank {r} LoRA adapter add to a "
            "{d_out} x {d_in} weight matrix?",
            r=8,
            d_out=4096,
            d_in=4096,
        ),
        q(
            "words",
            "LoRA with r = {r} on a {d_out} × {d_in} weight (d_out × d_in): "
            "number of trainable parameters?",
            r=16,
            d_out=768,
            d_in=3072,
        ),
        q(
            "words",
            "What is the LoRA parameter count for rank {r} on a weight with "
            "d_in = {d_in} and d_out = {d_out}?",
            r=4,
            d_out=512,
            d_in=1024,
        ),
        q(
            "words",
            "a rank-{r} LoRA on a {d_out} × {d_in} matrix: how many parameters does it train?",
            r=2,
            d_out=10,
            d_in=20,
        ),
        q(
            "words",
            "How many parameters does LoRA with rank {r} add to a {d_out} x {d_in} layer?",
            r=8,
            d_out=1024,
            d_in=1024,
        ),
    ],
    "quantization": [
        q(
            "python",
            "What is the symmetric int8 absmax scale for the weights {w}?",
            w=[0.5, -1.27, 0.8],
            scheme="symmetric scale",
        ),
        q(
            "matlab",
            "asymmetric uint8 scale for {w}",
            w=[-1.0, 0.5, 2.0],
            scheme="asymmetric scale",
        ),
        q(
            "python",
            "asymmetric uint8 zero point for the weights {w}",
            w=[-0.3, 0.9, 0.1],
            scheme="asymmetric zero point",
        ),
        q(
            "tuple",
            "Quantize {w} to int8 with symmetric absmax quantization",
            w=[0.5, -1.27, 0.8],
            scheme="symmetric quantize",
        ),
        q(
            "python",
            "symmetric int8 absmax scale for the matrix {w}",
            w=[[0.2, -0.5], [2.54, 1.0]],
            scheme="symmetric scale",
        ),
    ],
    "softmax": [
        q("python", "softmax of {z}", z=[1, 2, 3]),
        q("tuple", "apply softmax to {z}", z=[0, 0, 0, 0]),
        q("matlab", "What is softmax {z}?", z=[2, 1, 0.1]),
        q("python", "softmax of {z} with temperature {T}", z=[1, 2, 3], T=2),
    ],
    "attention": [
        q(
            "python",
            "Compute the attention output softmax(Q K^T / sqrt(d_k)) V "
            "for Q = {Q}, K = {K}, V = {V}",
            Q=[[1, 0]],
            K=[[1, 0], [0, 1]],
            V=[[1, 2], [3, 4]],
        ),
        q(
            "matlab",
            "scaled dot-product attention with Q = {Q}, K = {K} and V = {V}",
            Q=[[1, 1], [0, 2]],
            K=[[2, 0], [0, 2]],
            V=[[1, 0], [0, 1]],
        ),
        q(
            "python",
            "attention(Q, K, V) for Q = {Q}, K = {K}, V = {V}",
            Q=[[1, 0, 1, 0], [0, 2, 0, 0]],
            K=[[1, 1, 0, 0], [0, 0, 1, 1], [2, 0, 0, 0]],
            V=[[1, 2], [0, 1], [3, 0]],
        ),
    ],
    "conceptual": [
        q("words", "Why does PCA use the eigenvectors of the covariance matrix?", modules=["pca"]),
        q("words", "Why do we centre the data before doing PCA?", modules=["pca"]),
        q("words", "What does the explained variance ratio tell me in PCA?", modules=["pca"]),
        q(
            "words",
            "What does cosine similarity measure, and why do embeddings use it?",
            modules=["vectors"],
        ),
        q("words", "Why is * not matrix multiplication in NumPy?", modules=["transformations"]),
        q(
            "words",
            "why does stacking linear layers without a nonlinearity collapse into one matrix?",
            modules=["transformations"],
        ),
        q(
            "words",
            "What does the determinant of a matrix mean geometrically?",
            modules=["determinants"],
        ),
        q(
            "words",
            "Why shouldn't I compute the inverse to solve Ax = b?",
            modules=["determinants", "gaussian-elimination"],
        ),
        q(
            "words",
            "What is partial pivoting and why do we need it?",
            modules=["gaussian-elimination"],
        ),
        q("words", "What does the rank-nullity theorem say?", modules=["kernel-and-image"]),
        q("words", "What is a defective matrix?", modules=["eigenvectors"]),
        q(
            "words",
            "what does it mean for vectors to be linearly independent?",
            modules=["span-and-basis"],
        ),
        q(
            "words",
            "Why aren't the columns of the RREF a basis for the column space?",
            modules=["span-and-basis", "kernel-and-image"],
        ),
        q("words", "How does PageRank use eigenvectors?", modules=["eigenvectors"]),
    ],
    "off-topic": [
        q("words", "What is the capital of France?"),
        q("words", "integrate x^2 from 0 to 1"),
        q("words", "who wins the world cup"),
        q("words", "What's the derivative of sin(x)?"),
        q("words", "Write a haiku about autumn"),
        q("words", "How do I reverse a linked list in Java?"),
        q("words", "What's the weather in Paris tomorrow?"),
        q("words", "Who is the president of the United States?"),
    ],
    "ill-posed": [
        q("python", "determinant of {A}", A=[[1, 2, 3], [4, 5, 6]]),
        q("python", "inverse of [[1,2],[3]]"),  # ragged: cannot be written from an input
        q("python", "multiply {A} by {B}", A=[[1, 2], [3, 4]], B=[[1, 2, 3]]),
        q("matlab", "eigenvalues of {A}", A=[[1, 2, 3], [4, 5, 6]]),
        q("pmatrix", "trace of {A}", A=[[1, 2, 3], [4, 5, 6]]),
        q("tuple", "cross product of {u} and {v}", u=[1, 2, 3, 4], v=[5, 6, 7, 8]),
        q("tuple", "angle between {u} and {v}", u=[0, 0], v=[1, 1]),
        q("python", "normalize {u}", u=[0, 0, 0]),
        q("python", "dot product of {u} and {v}", u=[1, 2], v=[1, 2, 3]),
        q("python", "Solve Ax = b for A = {A} and b = {b}", A=[[1, 2], [3, 4]], b=[1, 2, 3]),
        q("python", "eigenvalues of {A}", A=[[1, 2], [3, 4], [5, 6]]),
    ],
}
