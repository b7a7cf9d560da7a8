"""The toolkit lab checks import inside a learner's kernel (or plain Jupyter).

It stands alone: NumPy and the standard library only (matplotlib lazily, for reading
plots), nothing from the rest of ``la4ai``. Checks use :mod:`la4ai.labkit.testing`.
"""

from __future__ import annotations

from la4ai.labkit.failures import CheckFailed

__all__ = ["CheckFailed"]  # checks: la4ai.labkit.checks; comparators: la4ai.labkit.testing
