"""The course as data: models of the content files, their loader and validator, and the
quiz logic (drawing randomized items, checking answers). Imports nothing from the server."""

from la4ai.course.loader import Course, Module, check_course, load_course

__all__ = ["Course", "Module", "check_course", "load_course"]
