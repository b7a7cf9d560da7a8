"""Grading a submission: the lab's checks here, the learner's code in a checker process.

The checks (``checks.py``) run in this process and call the learner's functions through
:class:`RemoteFunction` proxies: arguments and results cross as plain data
(:mod:`la4ai.labkit.wire`), so learner code can neither read the checks nor patch them.
Each check has the lab's time limit; when the learner's code overruns it, crashes its
process or garbles the channel, that check fails with a plain message, the process is
replaced, and the remaining checks still run.
"""

from __future__ import annotations

import builtins
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from la4ai.course.lab import Lab
from la4ai.labkit.checks import (
    Check,
    CheckAborted,
    CheckResult,
    Context,
    NotAFunction,
    collect_checks,
    run_check,
)
from la4ai.labkit.guards import describe_call
from la4ai.labkit.wire import decode, encode
from la4ai.runtime.checker import CheckerLost, CheckerPool, CheckerProcess
from la4ai.runtime.limits import Limits

__all__ = ["GradeResult", "Grader", "LabChecks", "load_checks"]

OUTPUT_LIMIT = 8000
_NOT_RUN = "Not run: your file could not be loaded (see the error above)."


@dataclass(frozen=True)
class GradeResult:
    """One graded submission, as ``la4ai check --json`` reports it."""

    lab: str
    passed: bool
    score: float
    max_score: float
    checks: list[CheckResult]
    error: str | None
    duration_ms: float
    seed: int
    output: str = ""

    def contract(self) -> dict[str, Any]:
        """The JSON object of ``la4ai check --json`` (contracts/check.schema.json), plus the
        attempt's ``seed`` and what the learner's code printed (``output``)."""
        return {
            "lab": self.lab,
            "passed": self.passed,
            "score": self.score,
            "max_score": self.max_score,
            "checks": [c.contract() for c in self.checks],
            "error": self.error,
            "duration_ms": self.duration_ms,
            "seed": self.seed,
            "output": self.output,
        }


@dataclass(frozen=True)
class LabChecks:
    """A lab's checks, loaded once."""

    lab_id: str
    functions: list[str]
    time_limit_s: float
    checks: list[Check]

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.checks)


def load_checks(lab_id: str, lab: Lab) -> LabChecks:
    """Execute the lab's ``checks.py`` (trusted course content) and collect its checks."""
    path: Path = lab.checks_path
    namespace: dict[str, Any] = {"__name__": f"la4ai_checks_{lab_id.replace('-', '_')}"}
    namespace["__file__"] = str(path)
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    checks = collect_checks(namespace)
    unknown = sorted({c.function for c in checks} - set(lab.meta.functions))
    if unknown:
        raise ValueError(f"{path}: checks of functions the lab does not have: {unknown}")
    return LabChecks(lab_id, list(lab.meta.functions), lab.meta.time_limit_s, checks)


def _learner_exception(raised: dict[str, Any]) -> Exception:
    """The exception a learner's call raised, rebuilt here: the same built-in class when it
    is one (so ``assert_raises(ValueError, …)`` works), else a stand-in named like it."""
    name = str(raised.get("type", "Exception"))
    message = str(raised.get("message", ""))
    candidate = getattr(builtins, name, None)
    exc: Exception
    if isinstance(candidate, type) and issubclass(candidate, Exception):
        try:
            exc = candidate(message)
        except Exception:
            exc = Exception(message)
    else:
        exc = Exception(message)
    exc.learner_type = name  # type: ignore[attr-defined]
    line = raised.get("line")
    exc.learner_line = line if isinstance(line, int) else None  # type: ignore[attr-defined]
    return exc


@dataclass
class _Submission:
    """One submission's connection to checker processes: loads the learner's file into
    one, and into a fresh one after a check lost the previous."""

    pool: CheckerPool
    source: str
    functions: list[str]
    time_limit_s: float
    limits: Limits
    deadline: float = 0.0
    checker: CheckerProcess | None = None
    printed: list[str] = field(default_factory=list)
    truncated: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _retire(self, checker: CheckerProcess) -> None:
        """Close ``checker`` and keep what the learner's code printed in it."""
        checker.close()
        self.printed.append(checker.stderr())
        self.truncated |= checker.stderr_truncated

    def output(self) -> str:
        """What the learner's code printed, across checkers, truncated."""
        text = "".join(self.printed)
        if self.truncated or len(text) > OUTPUT_LIMIT:
            text = (
                text[:OUTPUT_LIMIT] + f"\n[output truncated: more than {OUTPUT_LIMIT} characters]\n"
            )
        return text

    def load(self) -> dict[str, str] | str:
        """Load the file into a fresh checker: the kinds of the lab's names it defines, or
        the error that loading it raised (in the learner's words)."""
        self.checker = self.pool.take()
        deadline = time.monotonic() + self.time_limit_s
        try:
            reply = self.checker.request(
                {"op": "load", "source": self.source, "functions": self.functions},
                deadline=deadline,
            )
        except CheckerLost as lost:
            self._retire(self.checker)
            self.checker = None
            return self._lost_text(lost, "Loading your file")
        if "error" in reply:
            error = reply["error"] if isinstance(reply["error"], dict) else {}
            line = error.get("line")
            where = f" on line {line}" if isinstance(line, int) else ""
            return (
                f"Your file raised {error.get('type')}{where} while loading: {error.get('message')}"
            )
        kinds = reply.get("kinds")
        if not isinstance(kinds, dict):
            return "Loading your file gave the checker an answer it cannot read."
        return {str(k): str(v) for k, v in kinds.items()}

    def _lost_text(self, lost: CheckerLost, what: str) -> str:
        if lost.reason == "timeout":
            return (
                f"{what} did not finish within the {self.time_limit_s:g} s limit, so it was "
                "stopped — look for a loop that never ends, or work that grows too fast with "
                "the input."
            )
        if lost.reason == "memory":
            mib = self.limits.memory_bytes // (1024 * 1024)
            return f"{what} used more than {mib} MiB of memory, so it was stopped."
        if lost.reason == "died":
            return (
                f"{what} ended the process it ran in ({lost.detail or 'it exited'}) — does your "
                "code call os._exit() or crash Python?"
            )
        return f"{what} interfered with the checker's channel, so it could not be checked."

    def call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        with self.lock:
            call = describe_call(name, args, kwargs)
            if self.checker is None:
                raise CheckAborted(
                    f"{call} was not run: your code stopped the checker earlier in this check."
                )
            try:
                payload = {"op": "call", "function": name}
                payload["args"] = encode(list(args))
                payload["kwargs"] = encode(dict(kwargs))
                reply = self.checker.request(payload, deadline=self.deadline)
            except CheckerLost as lost:
                self._retire(self.checker)
                self.checker = None
                raise CheckAborted(self._lost_text(lost, f"`{call}`")) from None
            if "raised" in reply and isinstance(reply["raised"], dict):
                raise _learner_exception(reply["raised"])
            if "unencodable" in reply:
                raise _Unreadable(f"{call} returned {reply['unencodable']}")
            if reply.get("ok") is not True or "value" not in reply:
                raise CheckAborted(f"`{call}` gave the checker an answer it cannot read.")
            try:
                return decode(reply["value"])
            except ValueError as exc:
                raise CheckAborted(
                    f"`{call}` sent back a value that cannot be read ({exc})."
                ) from None

    def close(self) -> None:
        if self.checker is not None:
            self._retire(self.checker)
            self.checker = None


class _Unreadable(Exception):
    """A learner's function returned something that cannot cross (e.g. a generator)."""


class RemoteFunction:
    """A learner's function that lives in a checker process: calling it sends the
    arguments there and brings the result (or the exception) back."""

    def __init__(self, submission: _Submission, name: str) -> None:
        self._submission = submission
        self.__name__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._submission.call(self.__name__, args, kwargs)
        except _Unreadable as exc:
            raise CheckAborted(
                f"{exc}, which cannot be checked — return numbers, lists, tuples, dicts or "
                "NumPy arrays."
            ) from None


class Grader:
    """Grades submissions of the labs in ``labs`` using checkers from ``pool``."""

    def __init__(self, labs: dict[str, Lab], pool: CheckerPool, limits: Limits) -> None:
        self.labs = labs
        self.pool = pool
        self.limits = limits
        self._checks: dict[str, LabChecks] = {}
        self._checks_lock = threading.Lock()

    def checks(self, lab_id: str) -> LabChecks:
        """The lab's loaded checks (KeyError for an unknown lab)."""
        with self._checks_lock:
            if lab_id not in self._checks:
                self._checks[lab_id] = load_checks(lab_id, self.labs[lab_id])
            return self._checks[lab_id]

    def grade(self, lab_id: str, source: str, *, seed: int | None = None) -> GradeResult:
        """Grade ``source`` (the learner's whole file) against the lab's checks."""
        started = time.perf_counter()
        lab = self.checks(lab_id)
        seed = secrets.randbelow(2**31) if seed is None else seed

        def result(checks: list[CheckResult], error: str | None, output: str = "") -> GradeResult:
            score = sum(c.points for c in checks if c.passed)
            passed = error is None and all(c.passed for c in checks)
            duration = round((time.perf_counter() - started) * 1000, 1)
            return GradeResult(
                lab_id, passed, score, lab.max_score, checks, error, duration, seed, output
            )

        def not_run(message: str) -> list[CheckResult]:
            return [CheckResult(c.name, c.function, False, 0, message, 0.0) for c in lab.checks]

        try:
            compile(source, "lab.py", "exec")  # compiling runs nothing: safe to do here
        except SyntaxError as exc:
            error = f"Your file has a syntax error on line {exc.lineno}: {exc.msg}."
            return result(not_run(_NOT_RUN), error)
        except ValueError as exc:  # e.g. a null byte
            return result(not_run(_NOT_RUN), f"Your file cannot be read as Python: {exc}.")

        submission = _Submission(self.pool, source, lab.functions, lab.time_limit_s, self.limits)
        try:
            loaded = submission.load()
            if isinstance(loaded, str):
                submission.close()
                return result(not_run(_NOT_RUN), loaded, submission.output())
            functions: dict[str, Any] = {}
            for name in lab.functions:
                kind = loaded.get(name)
                if kind == "function":
                    functions[name] = RemoteFunction(submission, name)
                elif kind is not None:
                    functions[name] = NotAFunction(kind)
            context = Context(functions=functions, source=source, seed=seed)
            results: list[CheckResult] = []
            for item in lab.checks:
                if submission.checker is None:
                    reloaded = submission.load()
                    if isinstance(reloaded, str):
                        results.append(
                            CheckResult(item.name, item.function, False, 0, reloaded, 0.0)
                        )
                        continue
                submission.deadline = time.monotonic() + lab.time_limit_s
                results.append(run_check(item, context))
            submission.close()
            return result(results, None, submission.output())
        finally:
            submission.close()
