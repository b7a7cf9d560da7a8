"""The tutor's question bank through the offline tutor, in process: verdicts and latency.

Every question of ``bench/tutor_bank.jsonl`` is asked ``--repeats`` times through one
:class:`OfflineTutor` (process start, course loading and the sandbox pool's start are
outside the timings; one warm-up question of each kind first), and the median of its
latencies is its latency. The first answer is judged against the bank
(:mod:`la4ai.tutor.evaluation`).

Baseline in the same run, question by question: the same call with ``verify=False``, the
solver without its sandboxed receipt, so the ratio of the p50s is what receipts cost.
Targets: ≥ 95% correct, no wrong answer, p50 < 300 ms. Writes bench/results/tutor.json;
exits 1 if any answer is wrong.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

from bench.common import write_result
from la4ai.tutor.evaluation import BankItem, Verdict, judge, load_bank, summarise
from la4ai.tutor.offline import OfflineTutor

BANK = Path(__file__).resolve().parent / "tutor_bank.jsonl"
TARGET_CORRECT_PCT = 95.0
TARGET_P50_MS = 300.0
WARM_UP = (  # the first of each kind pays for lazy imports and the course index
    "What is the determinant of [[2, 1], [7, 4]]?",
    "Solve 2x - y = 3 and x + y = 6",
    "Why does PCA use the eigenvectors of the covariance matrix?",
)


def quick_subset(items: list[BankItem]) -> list[BankItem]:
    """The first question of every topic."""
    seen: set[str] = set()
    subset = []
    for item in items:
        if item.topic not in seen:
            seen.add(item.topic)
            subset.append(item)
    return subset


class Run:
    """Verdicts and median latencies (seconds) of one mode, in bank order."""

    def __init__(self) -> None:
        self.verdicts: list[Verdict] = []
        self.latencies: list[float] = []

    def ask(self, tutor: OfflineTutor, item: BankItem, *, verify: bool, repeats: int) -> None:
        samples: list[float] = []
        first: dict[str, Any] | None = None
        for _ in range(repeats):
            start = time.perf_counter()
            answer = tutor.ask(item.q, verify=verify)
            samples.append(time.perf_counter() - start)
            if first is None:
                first = answer.contract()
        assert first is not None
        self.verdicts.append(judge(first, item))
        self.latencies.append(statistics.median(samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="asks per question (median)")
    parser.add_argument("--quick", action="store_true", help="one question per topic (for CI)")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    started = time.perf_counter()
    items = load_bank(BANK)
    if args.quick:
        items = quick_subset(items)
    opening = time.perf_counter()
    with OfflineTutor.open() as tutor:
        open_s = time.perf_counter() - opening
        for question in WARM_UP:
            tutor.ask(question)
            tutor.ask(question, verify=False)
        verified, baseline = Run(), Run()
        for item in items:  # interleaved, so that drift in the machine's load hits both
            verified.ask(tutor, item, verify=True, repeats=args.repeats)
            baseline.ask(tutor, item, verify=False, repeats=args.repeats)
    ours = summarise(verified.verdicts, verified.latencies)
    base = summarise(baseline.verdicts, baseline.latencies)
    p50, base_p50 = ours["latency"]["p50_ms"], base["latency"]["p50_ms"]
    met = {
        "correct_pct": ours["correct_pct"] >= TARGET_CORRECT_PCT,
        "no_wrong": ours["wrong"] == 0,
        "p50_ms": p50 < TARGET_P50_MS,
    }
    write_result(
        "tutor",
        {
            "bank": BANK.name,
            "quick": args.quick,
            "repeats": args.repeats,
            "target": {
                "correct_pct_at_least": TARGET_CORRECT_PCT,
                "wrong": 0,
                "p50_ms_below": TARGET_P50_MS,
            },
            "met": {**met, "all": all(met.values())},
            "verified": ours,
            "baseline_no_receipt": {
                key: base[key]
                for key in ("questions", "correct", "declined", "wrong", "correct_pct", "latency")
            },
            "receipt_cost_p50_ratio": round(p50 / base_p50, 2),
            "tutor_open_s": round(open_s, 2),
            "wall_s": round(time.perf_counter() - started, 1),
        },
    )
    print(
        f"tutor: {ours['correct']}/{ours['questions']} correct ({ours['correct_pct']:.1f}%), "
        f"{ours['declined']} declined, {ours['wrong']} wrong; p50 {p50:.1f} ms, "
        f"p95 {ours['latency']['p95_ms']:.1f} ms (target < {TARGET_P50_MS:g} ms: "
        f"{'met' if met['p50_ms'] else 'MISSED'}); without receipts p50 {base_p50:.1f} ms "
        f"({p50 / base_p50:.1f}× for the receipts)",
        file=sys.stderr,
    )
    for row in ours["not_correct"]:
        print(f"  {row['verdict']:8} {row['id']}: {row['reason']}", file=sys.stderr)
    if ours["wrong"]:
        sys.exit(f"tutor: {ours['wrong']} wrong answers")


if __name__ == "__main__":
    main()
