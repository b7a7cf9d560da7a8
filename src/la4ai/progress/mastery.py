"""When a module counts as mastered: the lesson read, the lab passed, the quiz at 80 %.

*Read* is not a click: the learner has scrolled to the end of the lesson (90 % of it) AND
spent active time on it — half the time its words take at 200 words a minute, at most 10
minutes. A module without a lab (or a quiz) needs nothing for it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "QUIZ_MASTERY",
    "READ_FRACTION",
    "Mastery",
    "mastery",
    "reading_seconds_needed",
]

READ_FRACTION = 0.9
QUIZ_MASTERY = 0.8
WORDS_PER_MINUTE = 200
_MAX_READING_SECONDS = 600


def reading_seconds_needed(words: int) -> int:
    """Active seconds on a lesson of ``words`` words before it counts as read."""
    return min(_MAX_READING_SECONDS, round(0.5 * words / WORDS_PER_MINUTE * 60))


@dataclass(frozen=True)
class Mastery:
    lesson_read: bool
    lab_passed: bool | None  # None: the module has no lab
    quiz_passed: bool | None  # None: the module has no quiz
    mastered: bool


def mastery(
    *,
    read_fraction: float,
    active_seconds: int,
    words: int,
    has_lab: bool,
    lab_passed: bool,
    quiz_total: int,
    quiz_correct: int,
) -> Mastery:
    lesson_read = read_fraction >= READ_FRACTION and active_seconds >= reading_seconds_needed(words)
    lab = lab_passed if has_lab else None
    quiz = (quiz_correct / quiz_total >= QUIZ_MASTERY) if quiz_total else None
    done = lesson_read and lab is not False and quiz is not False
    return Mastery(lesson_read=lesson_read, lab_passed=lab, quiz_passed=quiz, mastered=done)
