"""How a lab's checks are written and run: named checks, each targeting one learner function.

In a lab's ``checks.py``::

    from la4ai.labkit.checks import Context, check
    from la4ai.labkit.testing import assert_close

    @check("cosine_similarity of parallel vectors is 1", function="cosine_similarity")
    def parallel_vectors(ctx: Context) -> None:
        u = ctx.rng.normal(size=5)
        with ctx.counterexample(u=u, v=3 * u):
            assert_close(ctx.fn("cosine_similarity")(u, 3 * u), 1.0)

``ctx.fn(name)`` is the learner's function wrapped so that anything it raises is reported as
the learner's error (with the call that raised it), not as a broken check; ``ctx.source`` is
the learner's file (for "do not call X" rules); ``ctx.rng`` is seeded per attempt and the
seed appears in every counterexample, so the learner can reproduce it.

:func:`run_checks` runs them in order and never raises: each check becomes a
:class:`CheckResult`. In this module everything is in-process; the grader
(``la4ai.grading``) gives the context proxies of functions that live in a sandboxed
checker process instead, so checks never share a process with learner code.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from la4ai.labkit.failures import CheckFailed, counterexample, show

__all__ = [
    "Check",
    "CheckAborted",
    "CheckResult",
    "Context",
    "LearnerError",
    "NotAFunction",
    "check",
    "collect_checks",
    "run_check",
    "run_checks",
]

_ATTRIBUTE = "__la4ai_check__"
_CheckFunction = TypeVar("_CheckFunction", bound=Callable[..., None])


@dataclass(frozen=True)
class Check:
    name: str
    function: str
    points: float
    body: Callable[[Context], None]


def check(
    name: str, *, function: str, points: float = 1
) -> Callable[[_CheckFunction], _CheckFunction]:
    """Register the decorated ``body(ctx)`` as a check named ``name`` (what the learner reads)
    of the learner function ``function``, worth ``points``."""
    if not name.strip():
        raise ValueError("a check needs a name the learner can read")
    if points <= 0:
        raise ValueError("a check is worth a positive number of points")

    def register(body: _CheckFunction) -> _CheckFunction:
        setattr(body, _ATTRIBUTE, Check(name=name, function=function, points=points, body=body))
        return body

    return register


def collect_checks(namespace: Mapping[str, Any]) -> list[Check]:
    """The checks defined in a module's namespace, in the order they were written.
    Raises ValueError for two checks with the same name."""
    found = [getattr(v, _ATTRIBUTE) for v in namespace.values() if hasattr(v, _ATTRIBUTE)]
    names = [c.name for c in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"checks with the same name: {', '.join(duplicates)}")
    return found


class LearnerError(CheckFailed):
    """The learner's function raised (or is missing): the learner's problem, not the check's."""


class CheckAborted(BaseException):
    """The learner's code can no longer be called (it ran out of time, crashed its process or
    garbled the channel): ends the check with ``message``. A ``BaseException`` so that no
    ``except Exception`` in a check swallows it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NotAFunction:
    """Stands for a learner's name that is bound to something other than a function
    (``kind`` is its type's name), where the value itself lives in another process."""

    kind: str


def _raised_text(exc: BaseException) -> str:
    """``"ValueError: message (line 7 of your file)"``: what a learner's call raised."""
    name = getattr(exc, "learner_type", None) or type(exc).__name__
    line = getattr(exc, "learner_line", None)
    where = f" (line {line} of your file)" if line else ""
    if name == "NotImplementedError":
        return f"NotImplementedError{where}: it is still the starter's placeholder — write its body"
    return f"{name}: {exc}{where}" if str(exc) else f"{name}{where}"


def _call_text(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
    shown = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(shown)})"


@dataclass
class Context:
    """What a check sees: the learner's functions and source, and a seeded generator."""

    functions: Mapping[str, Any]
    source: str
    seed: int
    rng: np.random.Generator = field(init=False)

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)

    def fn(self, name: str) -> Callable[..., Any]:
        """The learner's function ``name``; its exceptions become :class:`LearnerError`."""
        target = self.raw(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return target(*args, **kwargs)
            except Exception as exc:
                where = _call_text(name, args, kwargs)
                raise LearnerError(f"{where} raised {_raised_text(exc)}") from exc

        return call

    def raw(self, name: str) -> Callable[..., Any]:
        """The learner's function itself, for checks that expect it to raise
        (``assert_raises``); fails when it is missing or not a function."""
        target = self.functions.get(name)
        if target is None:
            missing = f"Define a function named `{name}` (it is missing from your file)."
            raise LearnerError(missing, reproduced=True)  # no inputs to reproduce
        if isinstance(target, NotAFunction) or not callable(target):
            kind = target.kind if isinstance(target, NotAFunction) else type(target).__name__
            raise LearnerError(f"`{name}` should be a function, but it is {kind}.", reproduced=True)
        function: Callable[..., Any] = target
        return function

    @contextmanager
    def counterexample(self, **inputs: object) -> Iterator[None]:
        """Failures inside name these inputs and this attempt's seed."""
        with counterexample(seed=self.seed, inputs=inputs):
            yield


@dataclass(frozen=True)
class CheckResult:
    name: str
    function: str
    passed: bool
    points: float
    message: str
    duration_ms: float

    def contract(self) -> dict[str, Any]:
        """The entry of ``la4ai check --json``'s ``checks`` list."""
        return {
            "name": self.name,
            "function": self.function,
            "passed": self.passed,
            "points": self.points,
            "message": self.message,
        }


def run_check(item: Check, context: Context) -> CheckResult:
    """Run one check; never raises (except KeyboardInterrupt and SystemExit)."""
    started = time.perf_counter()
    try:
        item.body(context)
    except CheckFailed as failure:
        passed, message = False, str(failure)
    except CheckAborted as aborted:
        passed, message = False, aborted.message
    except Exception as exc:  # the check itself broke: say so, do not blame the learner
        passed = False
        message = f"This check could not run ({type(exc).__name__}: {exc}); please report it."
    else:
        passed, message = True, ""
    duration = round((time.perf_counter() - started) * 1000, 2)
    points = item.points if passed else 0
    return CheckResult(item.name, item.function, passed, points, message, duration)


def run_checks(checks: list[Check], context: Context) -> list[CheckResult]:
    """Run every check; a failure or an error in one never stops the others."""
    return [run_check(item, context) for item in checks]
