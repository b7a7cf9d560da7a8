"""Judging the tutor against its question bank (``bench/tutor_bank.jsonl``).

A bank item holds a question and what a right answer must be. :func:`judge` compares one
``la4ai ask --json`` answer with it and says ``correct``, ``declined`` (an answer was
expected, the tutor declined: honest, but not a success) or ``wrong``. Numbers match
within a relative 1e-6 or an absolute 1e-8. Results whose form is free are compared by
what they mean: multisets in any order, subspaces by span, eigenvectors by eigenspace,
a QR factorization by being one of the question's matrix. :func:`summarise` turns the
verdicts and latencies into the report the benchmark and the regression test print.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

__all__ = ["BankItem", "Verdict", "judge", "load_bank", "summarise"]

REL_TOL = 1e-6
ABS_TOL = 1e-8
NOTATIONS = ("python", "matlab", "latex", "words")
VALUELESS = ("no_solution", "infinite_solutions", "no_inverse")

VerdictKind = Literal["correct", "declined", "wrong"]


@dataclass(frozen=True)
class BankItem:
    """One question of the bank and the answer it must get.

    ``result`` is the expected ``result`` object (``None`` when the question must be
    declined); ``modules`` the course modules a conceptual answer must cite; ``matrix``
    the question's matrix (QR is judged against it); ``orthonormal`` asks that a subspace
    answer be the Gram–Schmidt basis (orthonormal, the k-th vector in the span of the
    first k expected ones)."""

    id: str
    topic: str
    notation: str
    q: str
    status: Literal["answered", "declined"]
    result: dict[str, Any] | None = None
    modules: tuple[str, ...] = ()
    matrix: list[list[float]] | None = None
    orthonormal: bool = False


@dataclass(frozen=True)
class Verdict:
    item_id: str
    topic: str
    verdict: VerdictKind
    reason: str = ""


class BankError(ValueError):
    """The bank file is malformed; the message names the line."""


class Mismatch(Exception):
    """An answered value differs from the expected one; the message says how."""


# --- the bank --------------------------------------------------------------------------


def load_bank(path: Path) -> list[BankItem]:
    """The items of a bank file (JSON Lines), checked for the fields :func:`judge` needs."""
    items: list[BankItem] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            data = json.loads(line)
            item = _item(data)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise BankError(f"{where}: {exc}") from exc
        if item.id in seen:
            raise BankError(f"{where}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    return items


def _item(data: dict[str, Any]) -> BankItem:
    expect = data["expect"]
    status = expect["status"]
    if status not in ("answered", "declined"):
        raise ValueError(f"expect.status must be answered or declined, not {status!r}")
    if data["notation"] not in NOTATIONS:
        raise ValueError(f"notation must be one of {NOTATIONS}, not {data['notation']!r}")
    result = expect.get("result")
    if (status == "answered") != isinstance(result, dict):
        raise ValueError("an answered item needs expect.result, a declined one has none")
    if result is not None and result["type"] == "qr" and data.get("matrix") is None:
        raise ValueError("a qr item needs the question's matrix")
    if result is not None and result["type"] == "text" and not expect.get("modules"):
        raise ValueError("a text item needs expect.modules")
    return BankItem(
        id=str(data["id"]),
        topic=str(data["topic"]),
        notation=data["notation"],
        q=str(data["q"]),
        status=status,
        result=result,
        modules=tuple(expect.get("modules", ())),
        matrix=data.get("matrix"),
        orthonormal=bool(expect.get("orthonormal", False)),
    )


# --- judging ---------------------------------------------------------------------------


def judge(answer: dict[str, Any], item: BankItem) -> Verdict:
    """The verdict on one answer (a ``la4ai ask --json`` object) to ``item``."""

    def verdict(kind: VerdictKind, reason: str = "") -> Verdict:
        return Verdict(item.id, item.topic, kind, reason)

    status = answer.get("status")
    if item.result is None:
        if status == "declined":
            return verdict("correct")
        return verdict("wrong", f"answered a question that must be declined: {_brief(answer)}")
    if status == "declined":
        return verdict("declined", _first_line(str(answer.get("text", ""))))
    if status != "answered":
        return verdict("wrong", f"status {status!r} is neither answered nor declined")
    result = answer.get("result")
    if not isinstance(result, dict):
        return verdict("wrong", "answered without a result")
    expected_type = item.result["type"]
    if result.get("type") != expected_type:
        return verdict("wrong", f"type {result.get('type')!r}, expected {expected_type!r}")
    try:
        _COMPARE[expected_type](answer, item)
    except Mismatch as exc:
        return verdict("wrong", str(exc))
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        return verdict("wrong", f"malformed {expected_type} value: {exc}")
    return verdict("correct")


def _brief(answer: dict[str, Any]) -> str:
    result = answer.get("result")
    return json.dumps(result)[:120] if result is not None else "no result"


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:200] if lines else "declined without a reason"


def _close(a: complex, b: complex) -> bool:
    return abs(a - b) <= max(REL_TOL * max(abs(a), abs(b)), ABS_TOL)


def _number(x: Any) -> complex:
    """A JSON number, or ``[re, im]`` for a complex one."""
    if isinstance(x, bool):
        raise TypeError(f"{x!r} is a boolean, not a number")
    if isinstance(x, int | float):
        if not math.isfinite(x):
            raise ValueError(f"{x!r} is not finite")
        return complex(x)
    if isinstance(x, list) and len(x) == 2:
        return complex(_real(x[0]), _real(x[1]))
    raise TypeError(f"{x!r} is not a number")


def _real(x: Any) -> float:
    z = _number(x)
    if z.imag != 0 or isinstance(x, list):
        raise TypeError(f"{x!r} is not a real number")
    return z.real


def _vector(x: Any) -> np.ndarray[Any, np.dtype[np.complex128]]:
    if not isinstance(x, list) or not x:
        raise TypeError(f"{x!r} is not a vector")
    return np.array([_number(e) for e in x], dtype=complex)


def _rows(x: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
    if not isinstance(x, list) or not x or not all(isinstance(row, list) for row in x):
        raise TypeError(f"{str(x)[:80]} is not a list of rows")
    if len({len(row) for row in x}) != 1:
        raise ValueError("rows of different lengths")
    return np.array([[_real(e) for e in row] for row in x], dtype=float)


def _all_close(got: np.ndarray[Any, Any], want: np.ndarray[Any, Any], what: str) -> None:
    if got.shape != want.shape:
        raise Mismatch(f"{what}: shape {got.shape}, expected {want.shape}")
    for index in np.ndindex(want.shape):
        a, b = complex(got[index]), complex(want[index])
        if not _close(a, b):
            where = f" at {list(index)}" if want.ndim else ""
            raise Mismatch(f"{what}{where}: {_show_one(a)}, expected {_show_one(b)}")


def _value(answer: dict[str, Any]) -> Any:
    return answer["result"].get("value")


def _expected(item: BankItem) -> Any:
    assert item.result is not None
    return item.result.get("value")


def _compare_scalar(answer: dict[str, Any], item: BankItem) -> None:
    _all_close(np.array(_number(_value(answer))), np.array(_number(_expected(item))), "value")


def _compare_vector(answer: dict[str, Any], item: BankItem) -> None:
    _all_close(_vector(_value(answer)), _vector(_expected(item)), "vector")


def _compare_matrix(answer: dict[str, Any], item: BankItem) -> None:
    _all_close(_rows(_value(answer)), _rows(_expected(item)), "matrix")


def _compare_polynomial(answer: dict[str, Any], item: BankItem) -> None:
    got, want = _vector(_value(answer)), _vector(_expected(item))
    if got.shape != want.shape:
        raise Mismatch(f"degree {len(got) - 1}, expected {len(want) - 1}")
    _all_close(got, want, "coefficients (highest degree first)")


def _compare_boolean(answer: dict[str, Any], item: BankItem) -> None:
    value = _value(answer)
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    if value is not _expected(item):
        raise Mismatch(f"{str(value).lower()}, expected {str(_expected(item)).lower()}")


def _compare_valueless(answer: dict[str, Any], item: BankItem) -> None:
    del answer, item  # the type alone is the answer, and it already matched


def _compare_solution(answer: dict[str, Any], item: BankItem) -> None:
    got, want = _value(answer), _expected(item)
    if not isinstance(got, dict):
        raise TypeError(f"{str(got)[:80]} is not an object of unknowns")
    if set(got) != set(want):
        raise Mismatch(f"unknowns {sorted(got)}, expected {sorted(want)}")
    for name, expected in want.items():
        if isinstance(expected, list):
            _all_close(_vector(got[name]), _vector(expected), name)
        else:
            _all_close(np.array(_number(got[name])), np.array(_number(expected)), name)


def _compare_multiset(answer: dict[str, Any], item: BankItem) -> None:
    got = [_number(x) for x in _list(_value(answer))]
    want = [_number(x) for x in _list(_expected(item))]
    if len(got) != len(want):
        raise Mismatch(f"{len(got)} values, expected {len(want)} (repeated by multiplicity)")
    missing = _unmatched(want, got)
    if missing:
        raise Mismatch(f"{_show(missing)} missing from {_show(got)}")


def _list(x: Any) -> list[Any]:
    if not isinstance(x, list):
        raise TypeError(f"{x!r} is not a list")
    return x


def _unmatched(want: list[complex], got: list[complex]) -> list[complex]:
    """The expected values left over by a maximum matching with the given ones (each
    given value stands for one expected value: multiplicities count)."""
    match: dict[int, int] = {}  # given index -> expected index

    def place(i: int, tried: set[int]) -> bool:
        for j, value in enumerate(got):
            if j in tried or not _close(want[i], value):
                continue
            tried.add(j)
            if j not in match or place(match[j], tried):
                match[j] = i
                return True
        return False

    return [w for i, w in enumerate(want) if not place(i, set())]


def _show(values: list[complex]) -> str:
    return "[" + ", ".join(_show_one(z) for z in values) + "]"


def _show_one(z: complex) -> str:
    return f"{z.real:.10g}" if z.imag == 0 else f"{z.real:.10g}{z.imag:+.10g}i"


# --- spans -----------------------------------------------------------------------------

Vectors = np.ndarray[Any, np.dtype[np.complex128]]


def _basis(x: Any, length: int, what: str) -> Vectors:
    """Basis vectors as the rows of a matrix (complex entries allowed)."""
    rows = [_vector(v) for v in _list(x)]
    if any(len(v) != length for v in rows):
        lengths = sorted({len(v) for v in rows})
        raise Mismatch(f"{what}: vectors of length {lengths}, expected {length}")
    return np.array(rows, dtype=complex).reshape(len(rows), length)


def _rank(rows: Vectors) -> int:
    if rows.shape[0] == 0:
        return 0
    singular = np.linalg.svd(rows, compute_uv=False)
    return int(np.sum(singular > REL_TOL * max(1.0, float(singular[0]))))


def _in_span(vector: Vectors, rows: Vectors) -> bool:
    if rows.shape[0] == 0:
        return bool(np.linalg.norm(vector) <= ABS_TOL)
    coefficients = np.linalg.lstsq(rows.T, vector, rcond=None)[0]
    residual = np.linalg.norm(rows.T @ coefficients - vector)
    return bool(residual <= REL_TOL * max(1.0, float(np.linalg.norm(vector))))


def _same_span(got: Vectors, want: Vectors, what: str) -> None:
    if _rank(got) != got.shape[0]:
        raise Mismatch(f"{what}: the {got.shape[0]} vectors given are not independent")
    if got.shape[0] != want.shape[0]:
        raise Mismatch(f"{what}: dimension {got.shape[0]}, expected {want.shape[0]}")
    for vector in got:
        if not _in_span(vector, want):
            raise Mismatch(f"{what}: {_show(list(vector))} is not in the expected span")
    for vector in want:
        if not _in_span(vector, got):
            raise Mismatch(f"{what}: the answer's span misses {_show(list(vector))}")


def _compare_subspace(answer: dict[str, Any], item: BankItem) -> None:
    want = _expected(item)
    length = len(want[0]) if want else _length_of(_value(answer))
    got_rows = _basis(_value(answer), length, "basis")
    want_rows = _basis(want, length, "basis")
    _same_span(got_rows, want_rows, "span")
    if item.orthonormal:
        gram = got_rows.conj() @ got_rows.T
        _all_close(gram, np.eye(len(got_rows)), "Gram matrix of the basis (orthonormal)")
        for k in range(1, len(want_rows)):  # Gram–Schmidt keeps every leading span
            _same_span(got_rows[:k], want_rows[:k], f"span of the first {k}")


def _length_of(x: Any) -> int:
    vectors = _list(x)
    return len(_list(vectors[0])) if vectors else 0


def _compare_eigenpairs(answer: dict[str, Any], item: BankItem) -> None:
    want = _eigenspaces(_expected(item), "expected")
    got = _eigenspaces(_value(answer), "answer")
    length = len(want[0][1][0])
    unmatched = list(range(len(got)))
    for value, vectors in want:
        found = next((g for g in unmatched if _close(got[g][0], value)), None)
        if found is None:
            raise Mismatch(f"no eigenpair for eigenvalue {_show_one(value)}")
        unmatched.remove(found)
        _same_span(
            _basis(got[found][1], length, "eigenvectors"),
            _basis(vectors, length, "eigenvectors"),
            f"eigenspace of {_show_one(value)}",
        )
    if unmatched:
        raise Mismatch(f"eigenvalues {_show([got[g][0] for g in unmatched])} are not eigenvalues")


def _eigenspaces(pairs: Any, what: str) -> list[tuple[complex, list[Any]]]:
    """Eigenvectors grouped by eigenvalue (an eigenvalue listed twice is one eigenspace)."""
    spaces: list[tuple[complex, list[Any]]] = []
    for pair in _list(pairs):
        if not isinstance(pair, dict):
            raise TypeError(f"{what}: {pair!r} is not an eigenpair object")
        value = _number(pair["eigenvalue"])
        vectors = _list(pair["eigenvectors"])
        same = next((s for s in spaces if _close(s[0], value)), None)
        if same is None:
            spaces.append((value, list(vectors)))
        else:
            same[1].extend(vectors)
    return spaces


def _compare_qr(answer: dict[str, Any], item: BankItem) -> None:
    value = _value(answer)
    if not isinstance(value, dict):
        raise TypeError("a qr value is an object with Q and R")
    q, r = _rows(value["Q"]), _rows(value["R"])
    assert item.matrix is not None
    a = np.array(item.matrix, dtype=float)
    if q.shape[0] != a.shape[0] or r.shape[1] != a.shape[1] or q.shape[1] != r.shape[0]:
        raise Mismatch(f"Q is {q.shape}, R is {r.shape}: no QR of a {a.shape} matrix")
    _all_close(q.T @ q, np.eye(q.shape[1]), "QᵀQ (orthonormal columns)")
    below = np.tril(r, -1)
    _all_close(below, np.zeros_like(below), "R below the diagonal (upper triangular)")
    _all_close(q @ r, a, "QR (the question's matrix)")


def _compare_text(answer: dict[str, Any], item: BankItem) -> None:
    if not str(answer.get("text", "")).strip():
        raise Mismatch("a conceptual answer with no text")
    cited = [s.get("module") for s in answer.get("sources", []) if isinstance(s, dict)]
    if not set(cited) & set(item.modules):
        raise Mismatch(f"sources {cited} cite none of the modules {list(item.modules)}")


_COMPARE: dict[str, Callable[[dict[str, Any], BankItem], None]] = {
    "scalar": _compare_scalar,
    "vector": _compare_vector,
    "matrix": _compare_matrix,
    "multiset": _compare_multiset,
    "boolean": _compare_boolean,
    "solution": _compare_solution,
    "no_solution": _compare_valueless,
    "infinite_solutions": _compare_valueless,
    "no_inverse": _compare_valueless,
    "subspace": _compare_subspace,
    "eigenpairs": _compare_eigenpairs,
    "polynomial": _compare_polynomial,
    "qr": _compare_qr,
    "text": _compare_text,
}


# --- the report ------------------------------------------------------------------------


def _row(counts: Counter[str]) -> dict[str, int]:
    return {"questions": counts.total(), **{k: counts[k] for k in ("correct", "declined", "wrong")}}


def summarise(verdicts: Sequence[Verdict], latencies: Sequence[float] = ()) -> dict[str, Any]:
    """Counts, percentages, a per-topic table and latency percentiles.

    ``latencies`` are seconds per question (in any order; may be empty). The result's
    ``not_correct`` lists every verdict that is not ``correct`` with its reason."""
    overall: Counter[str] = Counter(v.verdict for v in verdicts)
    topics: dict[str, Counter[str]] = {}
    for v in verdicts:
        topics.setdefault(v.topic, Counter())[v.verdict] += 1
    total = len(verdicts)
    summary: dict[str, Any] = _row(overall)
    for kind in ("correct", "declined", "wrong"):
        summary[f"{kind}_pct"] = round(100 * summary[kind] / total, 2) if total else 0.0
    summary["by_topic"] = {topic: _row(counts) for topic, counts in sorted(topics.items())}
    summary["latency"] = _percentiles(latencies)
    summary["not_correct"] = [
        {"id": v.item_id, "topic": v.topic, "verdict": v.verdict, "reason": v.reason}
        for v in verdicts
        if v.verdict != "correct"
    ]
    return summary


def _percentiles(latencies: Sequence[float]) -> dict[str, float] | None:
    if not latencies:
        return None
    ms = sorted(s * 1000 for s in latencies)
    p95 = statistics.quantiles(ms, n=100, method="inclusive")[94] if len(ms) > 1 else ms[0]
    return {
        "p50_ms": round(statistics.median(ms), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ms[-1], 3),
        "questions": len(ms),
    }
