"""What the learner has done: lessons read, quiz attempts; the course seen through it."""

from la4ai.progress.service import ProgressService

__all__ = ["ProgressService"]
