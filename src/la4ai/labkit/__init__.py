"""The toolkit lab checks import inside a learner's kernel (or plain Jupyter).

It stands alone: NumPy and the standard library only (matplotlib lazily, for reading
plots), nothing from the rest of ``la4ai``. Checks use :mod:`la4ai.labkit.testing`;
a notebook grades its lab with :func:`check` (:mod:`la4ai.labkit.notebook`).
"""

from __future__ import annotations

from la4ai.labkit.failures import CheckFailed
from la4ai.labkit.notebook import check

__all__ = ["CheckFailed", "check"]  # checks: la4ai.labkit.checks; comparators: la4ai.labkit.testing
