"""Grading lab submissions: the lab's checks here, the learner's code in a sandboxed
checker process, results that explain the mistake, attempts and hints stored."""

from la4ai.grading.grader import Grader, GradeResult
from la4ai.grading.service import LabGrading, checker_isolation, grader_from_settings

__all__ = ["GradeResult", "Grader", "LabGrading", "checker_isolation", "grader_from_settings"]
