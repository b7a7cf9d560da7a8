"""check_course / load_course: a small valid course built in tmp_path, broken one thing per
test; every problem must name its file and line."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from la4ai.course import Course, check_course, load_course
from la4ai.course.models import PathModuleItem
from la4ai.errors import ContentInvalid, ContentProblem, ModuleNotFound, PathNotFound

VECTORS_META = """\
id: vectors
title: Vectors
tagline: Arrows and arrays
minutes: 30
prerequisites: []
objectives:
  - Add vectors
"""
MATRICES_META = """\
id: matrices
title: Matrices
tagline: Grids of numbers
minutes: 45
prerequisites:
  - vectors
objectives:
  - Multiply matrices
"""
LESSON = """\
## Adding vectors

Add matching entries: $(1, 2) + (3, 4) = (4, 6)$.
"""
QUIZ = """\
items:
  - id: dot-by-hand
    kind: numeric
    prompt: What is $(1, 2) \\cdot (3, 4)$?
    answer: 11
    explanation: Multiply matching entries and add them up.
"""
PATH = """\
id: foundations
title: Foundations
tagline: Everything in order
items:
  - module: vectors
  - resource: Essence of Linear Algebra, chapter 1
    url: https://www.youtube.com/watch?v=fNk_zzaMoSs
    minutes: 10
    id: essence-vectors
  - module: matrices
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def with_item(item: str) -> str:
    """The valid quiz plus one more item (written unindented)."""
    return QUIZ + textwrap.indent(textwrap.dedent(item), "  ")


def write_course(root: Path) -> Path:
    """A valid two-module course with one path; returns its content folder."""
    content = root / "content"
    for folder, meta in [("01-vectors", VECTORS_META), ("02-matrices", MATRICES_META)]:
        write(content / "modules" / folder / "module.yaml", meta)
        write(content / "modules" / folder / "lesson.md", LESSON)
        write(content / "modules" / folder / "quiz.yaml", QUIZ)
    write(content / "paths" / "foundations.yaml", PATH)
    return content


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_course(tmp_path)


def vectors(content: Path) -> Path:
    return content / "modules" / "01-vectors"


def matrices(content: Path) -> Path:
    return content / "modules" / "02-matrices"


def all_problems(content: Path) -> list[ContentProblem]:
    course, problems = check_course(content)
    assert course is None
    return problems


def problems_in(content: Path, file: Path) -> list[ContentProblem]:
    """The problems reported for ``file`` (others may follow from it, e.g. in paths)."""
    return [p for p in all_problems(content) if p.file == file]


def assert_reports(content: Path, file: Path, line: int | None, message: str) -> None:
    """``file`` has exactly this one problem, and it reads ``path:line: message``."""
    [problem] = problems_in(content, file)
    assert (problem.line, problem.message) == (line, message)
    where = f"{file}:{line}" if line is not None else f"{file}"
    assert str(problem) == f"{where}: {message}"


# --- the valid course ---------------------------------------------------------------------


def test_valid_course_loads_modules_in_folder_order(content: Path) -> None:
    course, problems = check_course(content)
    assert problems == []
    assert course is not None
    assert [(m.number, m.id, m.dir.name) for m in course.modules] == [
        (1, "vectors", "01-vectors"),
        (2, "matrices", "02-matrices"),
    ]
    first = course.module("vectors")
    assert first.meta.title == "Vectors"
    assert first.meta.prerequisites == []
    assert course.module("matrices").meta.prerequisites == ["vectors"]
    assert first.quiz is not None
    assert first.quiz.item("dot-by-hand") is not None
    assert first.lab is None
    assert [b.type for b in first.lesson.blocks] == ["heading", "prose"]


def test_valid_course_has_its_paths(content: Path) -> None:
    course = load_course(content)
    path = course.path("foundations")
    assert path.title == "Foundations"
    modules = [item.module for item in path.items if isinstance(item, PathModuleItem)]
    assert modules == ["vectors", "matrices"]
    assert len(path.items) == 3


def test_neighbours_are_the_modules_before_and_after(content: Path) -> None:
    course = load_course(content)
    first, second = course.modules
    assert course.neighbours("vectors") == (None, second)
    assert course.neighbours("matrices") == (first, None)


def test_unknown_module_and_path_raise_not_found(content: Path) -> None:
    course = load_course(content)
    with pytest.raises(ModuleNotFound, match=r"^no module named 'tensors'$") as module_error:
        course.module("tensors")
    assert module_error.value.module_id == "tensors"
    with pytest.raises(ModuleNotFound):
        course.neighbours("tensors")
    with pytest.raises(PathNotFound, match=r"^no learning path named 'advanced'$") as path_error:
        course.path("advanced")
    assert path_error.value.path_id == "advanced"


def test_quiz_is_optional(content: Path) -> None:
    (vectors(content) / "quiz.yaml").unlink()
    assert load_course(content).module("vectors").quiz is None


def test_hidden_and_underscore_folders_are_skipped(content: Path) -> None:
    write(content / "modules" / "_drafts" / "notes.md", "not a module")
    write(content / "modules" / ".cache" / "x", "")
    write(content / "modules" / "README.md", "stray file")
    assert [m.id for m in load_course(content).modules] == ["vectors", "matrices"]


# --- YAML ---------------------------------------------------------------------------------


def test_yaml_syntax_error_is_reported_on_its_line(content: Path) -> None:
    file = write(
        vectors(content) / "module.yaml",
        """\
        id: vectors
        title: Vectors
        tagline: [Arrows and arrays
        minutes: 30
        """,
    )
    [problem] = problems_in(content, file)
    assert problem.line == 4
    assert problem.message.startswith("YAML syntax error: ")
    assert str(problem).startswith(f"{file}:4: YAML syntax error: ")


def test_duplicate_yaml_key_is_reported_on_the_second_key(content: Path) -> None:
    file = write(vectors(content) / "module.yaml", VECTORS_META + "title: Vectors again\n")
    [problem] = problems_in(content, file)
    assert problem.line == 8
    assert problem.message.startswith("YAML syntax error: duplicate key")
    assert "'title'" in problem.message


def test_non_utf8_yaml_is_reported(content: Path) -> None:
    file = vectors(content) / "quiz.yaml"
    file.write_bytes(b"items:\n  - id: caf\xe9\n")
    assert_reports(content, file, 2, "not UTF-8 text (save the file as UTF-8)")


def test_non_utf8_lesson_is_reported(content: Path) -> None:
    file = vectors(content) / "lesson.md"
    file.write_bytes(b"## Caf\xe9\n\nText.\n")
    assert_reports(content, file, 1, "not UTF-8 text (save the file as UTF-8)")


# --- module.yaml --------------------------------------------------------------------------


def test_unknown_key_in_module_yaml_is_reported_on_its_line(content: Path) -> None:
    file = write(matrices(content) / "module.yaml", MATRICES_META + "colour: blue\n")
    assert_reports(content, file, 9, "unknown key 'colour'")


def test_missing_required_key_in_module_yaml_is_reported(content: Path) -> None:
    file = write(matrices(content) / "module.yaml", MATRICES_META.replace("title: Matrices\n", ""))
    assert_reports(content, file, 1, "missing required key 'title'")


def test_invalid_value_in_module_yaml_is_reported_on_its_line(content: Path) -> None:
    text = MATRICES_META.replace("minutes: 45", "minutes: -5")
    file = write(matrices(content) / "module.yaml", text)
    assert_reports(content, file, 4, "minutes: Input should be greater than 0")


def test_module_id_must_match_the_folder(content: Path) -> None:
    text = MATRICES_META.replace("id: matrices", "id: matrix")
    file = write(matrices(content) / "module.yaml", text)
    assert_reports(
        content,
        file,
        1,
        "id 'matrix' does not match the folder name '02-matrices' (expected id 'matrices')",
    )


@pytest.mark.parametrize("name", ["2-matrices", "02_matrices", "02-Matrices", "matrices"])
def test_badly_named_module_folder_is_reported(content: Path, name: str) -> None:
    folder = matrices(content).rename(content / "modules" / name)
    assert_reports(content, folder, None, "module folders are named NN-id, e.g. 01-vectors")


def test_duplicate_module_number_is_reported(content: Path) -> None:
    copy = content / "modules" / "02-tensors"
    shutil.copytree(matrices(content), copy)
    write(copy / "module.yaml", MATRICES_META.replace("id: matrices", "id: tensors"))
    assert_reports(content, copy, None, "module number 02 is also used by 02-matrices")


def test_missing_module_yaml_is_reported(content: Path) -> None:
    file = matrices(content) / "module.yaml"
    file.unlink()
    assert_reports(content, file, None, "missing module.yaml")


def test_missing_lesson_is_reported(content: Path) -> None:
    file = matrices(content) / "lesson.md"
    file.unlink()
    assert_reports(content, file, None, "missing lesson.md")


def test_lesson_problems_are_reported_with_their_lines(content: Path) -> None:
    file = write(matrices(content) / "lesson.md", LESSON + "\n# A title\n")
    assert_reports(content, file, 5, "use ## for sections: the module title is the page's heading")


def test_missing_prerequisite_is_reported(content: Path) -> None:
    text = MATRICES_META.replace("  - vectors", "  - tensors")
    file = write(matrices(content) / "module.yaml", text)
    assert_reports(content, file, 6, "prerequisite 'tensors' is not a module")


def test_prerequisite_that_comes_later_is_reported(content: Path) -> None:
    text = VECTORS_META.replace("prerequisites: []", "prerequisites:\n  - matrices")
    file = write(vectors(content) / "module.yaml", text)
    assert_reports(content, file, 6, "prerequisite 'matrices' comes after this module")


def test_module_cannot_be_its_own_prerequisite(content: Path) -> None:
    text = MATRICES_META.replace("  - vectors", "  - matrices")
    file = write(matrices(content) / "module.yaml", text)
    assert_reports(content, file, 6, "prerequisite 'matrices' comes after this module")


# --- quiz.yaml ----------------------------------------------------------------------------


def test_quiz_answer_of_the_wrong_shape_is_reported_on_its_line(content: Path) -> None:
    file = write(
        vectors(content) / "quiz.yaml",
        """\
        items:
          - id: sum
            kind: vector
            prompt: Add them.
            answer: 3
            explanation: Entry by entry.
        """,
    )
    assert_reports(content, file, 5, "items[0].answer: Input should be a valid list")


def test_quiz_generated_answer_of_the_wrong_shape_is_reported_on_its_item(content: Path) -> None:
    file = write(
        vectors(content) / "quiz.yaml",
        with_item(
            """\
            - id: sum
              kind: matrix
              prompt: Add them.
              generate: |
                answer = rng.integers(0, 5, size=3)
              explanation: Entry by entry.
            """
        ),
    )
    assert_reports(
        content,
        file,
        7,
        "item 'sum': a matrix item needs a matrix (2-D) as its answer; got shape (3,)",
    )


DUPLICATE_IDS = """\
items:
  - id: dot-by-hand
    kind: numeric
    prompt: First.
    answer: 11
    explanation: e
  - id: dot-by-hand
    kind: numeric
    prompt: Second.
    answer: 12
    explanation: e
"""


def test_duplicate_quiz_item_ids_are_reported(content: Path) -> None:
    file = write(vectors(content) / "quiz.yaml", DUPLICATE_IDS)
    [problem] = problems_in(content, file)
    assert problem.message == "quiz item id 'dot-by-hand' is already used on line 2"


def test_duplicate_quiz_item_id_is_reported_on_the_second_item(content: Path) -> None:
    file = write(vectors(content) / "quiz.yaml", DUPLICATE_IDS)
    assert_reports(content, file, 7, "quiz item id 'dot-by-hand' is already used on line 2")


def test_choice_item_without_a_correct_choice_is_reported(content: Path) -> None:
    file = write(
        vectors(content) / "quiz.yaml",
        with_item(
            """\
            - id: pick
              kind: choice
              prompt: Which?
              explanation: e
              choices:
                - text: This
                - text: That
            """
        ),
    )
    assert_reports(content, file, 7, "items[1]: no choice is marked `correct: true`")


def test_quiz_item_with_both_answer_and_generate_is_reported(content: Path) -> None:
    file = write(
        vectors(content) / "quiz.yaml",
        with_item(
            """\
            - id: both
              kind: numeric
              prompt: p
              answer: 1
              generate: |
                answer = 2
              explanation: e
            """
        ),
    )
    message = "items[1]: give `answer` or `generate`, not both: `generate` sets `answer`"
    assert_reports(content, file, 7, message)


def test_quiz_item_with_neither_answer_nor_generate_is_reported(content: Path) -> None:
    file = write(vectors(content) / "quiz.yaml", QUIZ.replace("    answer: 11\n", ""))
    assert_reports(
        content, file, 2, "items[0]: give either `answer` or `generate` (code that sets `answer`)"
    )


def test_quiz_item_of_unknown_kind_is_reported(content: Path) -> None:
    file = write(vectors(content) / "quiz.yaml", QUIZ.replace("kind: numeric", "kind: essay"))
    [problem] = problems_in(content, file)
    assert problem.line == 2
    assert problem.message == (
        "items[0]: Input tag 'essay' found using 'kind' does not match any of the expected "
        "tags: 'numeric', 'vector', 'matrix', 'choice'"
    )


def test_choice_texts_yes_and_no_are_text(content: Path) -> None:
    write(
        vectors(content) / "quiz.yaml",
        with_item(
            """\
            - id: unit
              kind: choice
              prompt: Is the zero vector a unit vector?
              explanation: Its length is 0, not 1.
              choices:
                - text: Yes
                - text: No
                  correct: true
            """
        ),
    )
    course, problems = check_course(content)
    assert problems == []
    assert course is not None
    quiz = course.module("vectors").quiz
    assert quiz is not None
    view = quiz.instance("unit", 0).view
    assert view.choices is not None
    assert [c.html for c in view.choices] == ["Yes", "No"]


# --- paths --------------------------------------------------------------------------------


def test_path_naming_a_missing_module_is_reported_on_that_item(content: Path) -> None:
    file = write(content / "paths" / "foundations.yaml", PATH + "  - module: tensors\n")
    assert_reports(content, file, 11, "path names module 'tensors', which does not exist")


def test_path_id_must_match_the_file_name(content: Path) -> None:
    text = PATH.replace("id: foundations", "id: basics")
    file = write(content / "paths" / "foundations.yaml", text)
    assert_reports(content, file, 1, "id 'basics' does not match the file name 'foundations.yaml'")


def test_module_appearing_twice_in_a_path_is_reported(content: Path) -> None:
    file = write(content / "paths" / "foundations.yaml", PATH + "  - module: vectors\n")
    assert_reports(content, file, 11, "module 'vectors' appears twice")


def test_unknown_key_in_a_path_item_is_reported(content: Path) -> None:
    text = PATH.replace("  - module: matrices", "  - module: matrices\n    notes: typo")
    file = write(content / "paths" / "foundations.yaml", text)
    [problem] = problems_in(content, file)
    assert problem.message.startswith("unknown key 'notes' in items[2]")


def test_invalid_url_in_a_path_resource_is_reported(content: Path) -> None:
    text = PATH.replace("url: https://www.youtube.com/watch?v=fNk_zzaMoSs", "url: not-a-url")
    file = write(content / "paths" / "foundations.yaml", text)
    [problem] = problems_in(content, file)
    assert "url: Input should be a valid URL" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "  - module: matrices",
            "  - module: matrices\n    notes: typo",
            11,
            "unknown key 'notes' in items[2]",
        ),
        (
            "url: https://www.youtube.com/watch?v=fNk_zzaMoSs",
            "url: not-a-url",
            7,
            "items[1].url: Input should be a valid URL, relative URL without a base",
        ),
    ],
    ids=["module-item", "resource-item"],
)
def test_problems_inside_a_path_item_are_reported_on_their_own_line(
    content: Path, old: str, new: str, line: int, message: str
) -> None:
    file = write(content / "paths" / "foundations.yaml", PATH.replace(old, new))
    assert_reports(content, file, line, message)


# --- labs ---------------------------------------------------------------------------------


def test_lab_problems_are_part_of_the_course_check(content: Path) -> None:
    lab = vectors(content) / "lab"
    lab.mkdir()
    write(lab / "lab.yaml", "title: Dot\nfunctions: [dot]\n")
    problems = all_problems(content)
    assert {p.file.name for p in problems} == {
        "lab.md",
        "starter.py",
        "solution.py",
        "checks.py",
        "hints.yaml",
    }
    assert {p.message for p in problems} == {"missing lab file"}


# --- all problems at once -----------------------------------------------------------------


def break_three_things(content: Path) -> list[ContentProblem]:
    """Three independent problems in three files; returns them as they should be reported."""
    quiz_a = write(vectors(content) / "quiz.yaml", QUIZ.replace("answer: 11", 'answer: "eleven"'))
    quiz_b = write(matrices(content) / "quiz.yaml", QUIZ.replace("kind: numeric", "kind: vector"))
    path = write(content / "paths" / "foundations.yaml", PATH.replace("id: foundations", "id: x"))
    return [
        ContentProblem(
            quiz_a,
            2,
            "item 'dot-by-hand': Unknown name 'eleven'. Use digits, a fraction like 3/4, or an "
            "expression such as sqrt(2)/2 or 2*pi.",
        ),
        ContentProblem(quiz_b, 5, "items[0].answer: Input should be a valid list"),
        ContentProblem(path, 1, "id 'x' does not match the file name 'foundations.yaml'"),
    ]


def test_every_problem_is_reported_at_once(content: Path) -> None:
    expected = break_three_things(content)
    assert sorted(all_problems(content)) == sorted(expected)


def test_load_course_raises_content_invalid_listing_every_problem(content: Path) -> None:
    expected = break_three_things(content)
    with pytest.raises(ContentInvalid) as caught:
        load_course(content)
    problems = caught.value.problems
    assert problems == sorted(expected, key=lambda p: (str(p.file), p.line or 0, p.message))
    assert str(caught.value) == "course content has 3 problems:\n" + "\n".join(
        f"  {p}" for p in problems
    )


def test_content_invalid_says_one_problem_in_the_singular(content: Path) -> None:
    (matrices(content) / "lesson.md").unlink()
    (content / "paths" / "foundations.yaml").unlink()
    with pytest.raises(ContentInvalid) as caught:
        load_course(content)
    lesson = matrices(content) / "lesson.md"
    assert str(caught.value) == f"course content has 1 problem:\n  {lesson}: missing lesson.md"


def test_content_without_a_modules_folder_is_invalid(tmp_path: Path) -> None:
    with pytest.raises(ContentInvalid) as caught:
        load_course(tmp_path)
    assert caught.value.problems == [
        ContentProblem(tmp_path / "modules", None, "no modules/ folder in the content")
    ]


def test_a_broken_module_is_not_also_reported_as_missing(content: Path) -> None:
    file = write(vectors(content) / "module.yaml", VECTORS_META + "colour: blue\n")
    assert all_problems(content) == [ContentProblem(file, 8, "unknown key 'colour'")]


# --- the shipped course -------------------------------------------------------------------


def test_shipped_course_loads_with_every_path_module_resolvable(course: Course) -> None:
    assert course.modules
    assert [m.number for m in course.modules] == sorted({m.number for m in course.modules})
    foundations = course.path("foundations")
    for item in foundations.items:
        if isinstance(item, PathModuleItem):
            assert course.module(item.module).id == item.module


def test_shipped_course_starts_with_vectors(course: Course) -> None:
    vectors_module = course.module("vectors")
    assert vectors_module.number == 1
    assert vectors_module.dir.name == "01-vectors"
    assert vectors_module.quiz is not None
    assert vectors_module.lesson.cells


def test_shipped_course_neighbours_follow_course_order(course: Course) -> None:
    modules = course.modules
    for index, module in enumerate(modules):
        before, after = course.neighbours(module.id)
        assert before is (modules[index - 1] if index > 0 else None)
        assert after is (modules[index + 1] if index + 1 < len(modules) else None)


def test_shipped_course_raises_not_found_for_unknown_ids(course: Course) -> None:
    with pytest.raises(ModuleNotFound):
        course.module("no-such-module")
    with pytest.raises(PathNotFound):
        course.path("no-such-path")
