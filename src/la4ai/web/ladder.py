"""The grading service's hint ladders, as the tutor sees them (the tutor may not import
grading: both are services, and the web layer composes them)."""

from __future__ import annotations

from la4ai.grading import LabGrading
from la4ai.grading.views import LabHints
from la4ai.tutor.service import HintState

__all__ = ["GradingHintLadder"]


def _states(hints: LabHints) -> list[HintState]:
    return [
        HintState(
            function=f.function,
            total=f.total,
            revealed=list(f.revealed),
            next_available=f.next_available,
            failed_attempts=f.failed_attempts,
        )
        for f in hints.functions
    ]


class GradingHintLadder:
    def __init__(self, grading: LabGrading) -> None:
        self.grading = grading

    def states(self, learner_id: int, module_id: str) -> list[HintState]:
        return _states(self.grading.hints(learner_id, module_id))

    def reveal(self, learner_id: int, module_id: str, function: str) -> list[HintState]:
        return _states(self.grading.reveal_hint(learner_id, module_id, function))
