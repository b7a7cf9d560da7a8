"""Learner code kept on the server with its history: a lab's ``lab.py`` and the runnable
cells of a lesson, each saved as numbered versions that can be listed, read, restored and
reset to the course's original code."""

from la4ai.workspaces.saves import CodeSaves

__all__ = ["CodeSaves"]
