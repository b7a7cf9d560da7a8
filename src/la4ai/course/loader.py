"""Loading the whole course from its folder, checking everything, reporting every problem.

``load_course`` either returns a :class:`Course` or raises :class:`ContentInvalid` listing
each problem with its file and line; ``la4ai content validate`` and ``la4ai serve`` both go
through it, so they say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from la4ai.course.lab import Lab, load_lab
from la4ai.course.lesson import Lesson, parse_lesson
from la4ai.course.markdown import MathSource
from la4ai.course.models import (
    LearningPath,
    ModuleMeta,
    ModulePathItem,
    PathCheckpointItem,
    PathLabItem,
    PathModuleItem,
    QuizFile,
)
from la4ai.course.quiz import CompiledQuiz
from la4ai.course.yamlio import YamlDocument, load_yaml, read_source, validate_yaml
from la4ai.errors import ContentInvalid, ContentProblem, ModuleNotFound, PathNotFound

__all__ = ["Course", "Module", "check_course", "load_course"]

_MODULE_ITEMS = (PathModuleItem, PathLabItem, PathCheckpointItem)
_MODULE_DIR = re.compile(r"^(?P<number>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True)
class Module:
    number: int
    meta: ModuleMeta
    dir: Path
    lesson: Lesson
    quiz: CompiledQuiz | None
    lab: Lab | None

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class Course:
    content_dir: Path
    modules: list[Module]
    paths: list[LearningPath]
    _by_id: dict[str, Module] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {m.id: m for m in self.modules})

    def module(self, module_id: str) -> Module:
        try:
            return self._by_id[module_id]
        except KeyError:
            raise ModuleNotFound(module_id) from None

    def path(self, path_id: str) -> LearningPath:
        for path in self.paths:
            if path.id == path_id:
                return path
        raise PathNotFound(path_id)

    def neighbours(self, module_id: str) -> tuple[Module | None, Module | None]:
        """The modules before and after this one in course order."""
        index = self.modules.index(self.module(module_id))
        before = self.modules[index - 1] if index > 0 else None
        after = self.modules[index + 1] if index + 1 < len(self.modules) else None
        return before, after

    def math(self) -> list[tuple[Path, MathSource]]:
        """Every piece of TeX in lessons and quizzes, with its file."""
        found: list[tuple[Path, MathSource]] = []
        for module in self.modules:
            found += [(module.dir / "lesson.md", m) for m in module.lesson.math]
            if module.quiz is not None:
                found += [(module.quiz.file, m) for m in module.quiz.math()]
        return found


def _read_yaml(path: Path, problems: list[ContentProblem]) -> YamlDocument | None:
    text = read_source(path)
    if isinstance(text, ContentProblem):
        problems.append(text)
        return None
    doc = load_yaml(text, file=path)
    if isinstance(doc, ContentProblem):
        problems.append(doc)
        return None
    return doc


def _item_lines(doc: YamlDocument, quiz: QuizFile, text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    source_lines = text.splitlines()
    for index, item in enumerate(quiz.items):
        lines[item.id] = doc.line_of(("items", index))
        if getattr(item, "generate", None) is not None:
            key_line = doc.line_of(("items", index, "generate"))
            raw = source_lines[key_line - 1].rstrip() if key_line <= len(source_lines) else ""
            block = re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", raw) is not None
            lines[f"{item.id}.generate"] = key_line + 1 if block else key_line
    return lines


def _load_quiz(path: Path, problems: list[ContentProblem]) -> CompiledQuiz | None:
    doc = _read_yaml(path, problems)
    if doc is None:
        return None
    quiz, found = validate_yaml(QuizFile, doc)
    problems += found
    if quiz is None:
        return None
    first_use: dict[str, int] = {}
    for index, item in enumerate(quiz.items):
        if item.id in first_use:
            earlier = doc.line_of(("items", first_use[item.id], "id"))
            problems.append(
                doc.problem(
                    ("items", index, "id"),
                    f"quiz item id {item.id!r} is already used on line {earlier}",
                )
            )
        first_use.setdefault(item.id, index)
    if len(first_use) < len(quiz.items):
        return None
    compiled = CompiledQuiz(path, quiz, _item_lines(doc, quiz, path.read_text("utf-8")))
    found = compiled.compile()
    problems += found
    return None if found else compiled


def _load_module(module_dir: Path, number: int, problems: list[ContentProblem]) -> Module | None:
    meta_path = module_dir / "module.yaml"
    if not meta_path.is_file():
        problems.append(ContentProblem(meta_path, None, "missing module.yaml"))
        return None
    doc = _read_yaml(meta_path, problems)
    meta: ModuleMeta | None = None
    slug = module_dir.name[3:]
    if doc is not None:
        meta, found = validate_yaml(ModuleMeta, doc)
        problems += found
        if meta is not None and meta.id != slug:
            message = (
                f"id {meta.id!r} does not match the folder name {module_dir.name!r} "
                f"(expected id {slug!r})"
            )
            problems.append(doc.problem(["id"], message))
            meta = None

    lesson_path = module_dir / "lesson.md"
    lesson: Lesson | None = None
    if not lesson_path.is_file():
        problems.append(ContentProblem(lesson_path, None, "missing lesson.md"))
    elif isinstance(text := read_source(lesson_path), ContentProblem):
        problems.append(text)
    else:
        lesson, found = parse_lesson(text, file=lesson_path)
        problems += found
        lesson = None if found else lesson

    quiz_path = module_dir / "quiz.yaml"
    quiz = _load_quiz(quiz_path, problems) if quiz_path.is_file() else None
    lab: Lab | None = None
    if (module_dir / "lab").is_dir():
        lab, found = load_lab(module_dir / "lab")
        problems += found
    if meta is None or lesson is None:
        return None
    return Module(number=number, meta=meta, dir=module_dir, lesson=lesson, quiz=quiz, lab=lab)


def _check_module_item(
    doc: YamlDocument,
    index: int,
    item: ModulePathItem,
    modules: dict[str, Module | None],
    seen: dict[tuple[str, str], int],
) -> ContentProblem | None:
    loc: tuple[int | str, ...] = ("items", index, item.kind)
    if item.module_id not in modules:
        return doc.problem(loc, f"path names module {item.module_id!r}, which does not exist")
    if (item.kind, item.module_id) in seen:
        return doc.problem(loc, f"{item.kind} {item.module_id!r} appears twice")
    seen[item.kind, item.module_id] = index
    module = modules[item.module_id]  # None: it failed to load, and says why elsewhere
    if module is not None and module.lab is None and not isinstance(item, PathModuleItem):
        what = "a lab item" if isinstance(item, PathLabItem) else "a checkpoint"
        return doc.problem(loc, f"module {item.module_id!r} has no lab, so it cannot be {what}")
    return None


def _check_requires(doc: YamlDocument, path: LearningPath) -> list[ContentProblem]:
    """Each ``requires`` names an item before this one, so requirements never form a cycle."""
    problems: list[ContentProblem] = []
    position: dict[str, int] = {}
    for index, item in enumerate(path.items):
        position.setdefault(item.item_id, index)  # a duplicate id is reported on its own
    for index, item in enumerate(path.items):
        for r, required in enumerate(item.requires):
            at = position.get(required)
            if at is None:
                message = f"requires {required!r}, which is not the id of an item in this path"
                module_ids = {i.module_id for i in path.items if isinstance(i, _MODULE_ITEMS)}
                if required in module_ids:
                    message += f" (a module's item is 'module:{required}')"
            elif at == index:
                message = f"item {required!r} requires itself"
            elif at > index:
                line = doc.line_of(("items", at))
                message = (
                    f"requires {required!r}, which comes later (line {line}): "
                    "an item can only require items before it"
                )
            else:
                continue
            problems.append(doc.problem(["items", index, "requires", r], message))
    return problems


def _check_weeks(doc: YamlDocument, path: LearningPath) -> list[ContentProblem]:
    """Weeks are optional; once there is one, the first item needs one, and they never go
    back (items without ``week:`` stay in the week of the item before)."""
    if not path.has_weeks:
        return []
    if path.items[0].week is None:
        message = "the first item needs a week: later items have one"
        return [doc.problem(["items", 0], message)]
    problems: list[ContentProblem] = []
    current = 0
    for index, item in enumerate(path.items):
        if item.week is None:
            continue
        if item.week < current:
            message = f"week {item.week} comes after week {current}: list items week by week"
            problems.append(doc.problem(["items", index, "week"], message))
        current = max(current, item.week)
    return problems


def _check_path(
    doc: YamlDocument, path: LearningPath, modules: dict[str, Module | None]
) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    seen_modules: dict[tuple[str, str], int] = {}
    seen_ids: dict[str, int] = {}
    for index, item in enumerate(path.items):
        if isinstance(item, _MODULE_ITEMS):
            problem = _check_module_item(doc, index, item, modules, seen_modules)
            if problem is not None:
                problems.append(problem)
                continue
        if item.item_id in seen_ids:
            earlier = doc.line_of(("items", seen_ids[item.item_id]))
            message = f"id {item.item_id!r} is already used on line {earlier}"
            problems.append(doc.problem(["items", index, "id"], message))
        seen_ids.setdefault(item.item_id, index)
    return problems + _check_requires(doc, path) + _check_weeks(doc, path)


def _load_paths(
    paths_dir: Path, modules: dict[str, Module | None], problems: list[ContentProblem]
) -> list[LearningPath]:
    paths: list[LearningPath] = []
    for file in sorted(paths_dir.glob("*.yaml")):
        doc = _read_yaml(file, problems)
        if doc is None:
            continue
        path, found = validate_yaml(LearningPath, doc)
        problems += found
        if path is None:
            continue
        if path.id != file.stem:
            problems.append(
                doc.problem(["id"], f"id {path.id!r} does not match the file name {file.name!r}")
            )
        problems += _check_path(doc, path, modules)
        paths.append(path)
    return paths


def check_course(content_dir: Path) -> tuple[Course | None, list[ContentProblem]]:
    """Load everything under ``content_dir``; the course, or ``None`` and the problems."""
    problems: list[ContentProblem] = []
    modules_dir = content_dir / "modules"
    if not modules_dir.is_dir():
        return None, [ContentProblem(modules_dir, None, "no modules/ folder in the content")]
    modules: list[Module] = []
    numbers: dict[int, Path] = {}
    for entry in sorted(modules_dir.iterdir()):
        if entry.name.startswith((".", "_")) or not entry.is_dir():
            continue
        match = _MODULE_DIR.match(entry.name)
        if match is None:
            problems.append(
                ContentProblem(entry, None, "module folders are named NN-id, e.g. 01-vectors")
            )
            continue
        number = int(match["number"])
        if number in numbers:
            problems.append(
                ContentProblem(
                    entry,
                    None,
                    f"module number {number:02d} is also used by {numbers[number].name}",
                )
            )
            continue
        numbers[number] = entry
        module = _load_module(entry, number, problems)
        if module is not None:
            modules.append(module)

    # Every well-named folder counts as a module here, even one that failed to load: its
    # own problems are reported already, and echoing them wherever it is named would bury them.
    order = {entry.name[3:]: number for number, entry in numbers.items()}
    ids = set(order)
    for module in modules:
        for index, prerequisite in enumerate(module.meta.prerequisites):
            if prerequisite not in ids:
                message = f"prerequisite {prerequisite!r} is not a module"
            elif order[prerequisite] >= module.number:
                message = f"prerequisite {prerequisite!r} comes after this module"
            else:
                continue
            doc = _read_yaml(module.dir / "module.yaml", [])  # only re-read to locate it
            assert doc is not None  # it parsed a moment ago
            problems.append(doc.problem(["prerequisites", index], message))
    paths_dir = content_dir / "paths"
    known: dict[str, Module | None] = dict.fromkeys(ids)
    known.update((module.id, module) for module in modules)
    paths = _load_paths(paths_dir, known, problems) if paths_dir.is_dir() else []
    if problems:
        return None, problems
    return Course(content_dir=content_dir, modules=modules, paths=paths), []


def load_course(content_dir: Path) -> Course:
    """The course under ``content_dir``, or :class:`ContentInvalid` with every problem."""
    course, problems = check_course(content_dir)
    if course is None:
        raise ContentInvalid(problems or [ContentProblem(content_dir, None, "no content")])
    return course
