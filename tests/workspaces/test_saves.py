"""CodeSaves: learner code kept with its versions, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from la4ai.course import Course, load_course
from la4ai.errors import (
    InvalidSubmission,
    LabNotFound,
    ModuleNotFound,
    SaveConflict,
    VersionNotFound,
    WorkspaceFileNotAllowed,
)
from la4ai.store import Database
from la4ai.store import repositories as repo
from la4ai.workspaces import CodeSaves
from la4ai.workspaces.saves import MAX_FILE_BYTES, MAX_VERSIONS_LISTED
from la4ai.workspaces.views import WorkspaceKind
from tests.conftest import FIXTURES

LAB = WorkspaceKind.LAB
LESSON = WorkspaceKind.LESSON
MODULE = "grids"


@pytest.fixture(scope="module")
def grids_course() -> Course:
    """The fixture course: module `grids` has two runnable cells and a lab."""
    return load_course(FIXTURES / "browser-course")


@pytest.fixture
def saves(grids_course: Course, database: Database) -> CodeSaves:
    return CodeSaves(grids_course, database)


@pytest.fixture
def learner(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


def starter(course: Course) -> str:
    lab = course.module(MODULE).lab
    assert lab is not None
    return lab.starter


def save_lab(saves: CodeSaves, learner: int, content: str, base: int | None = None) -> int:
    state = saves.save(
        learner, LAB, module_id=MODULE, name="lab.py", content=content, base_version=base
    )
    return state.version


def test_a_lab_never_saved_is_its_starter_at_version_0(
    saves: CodeSaves, learner: int, grids_course: Course
) -> None:
    view = saves.workspace(learner, LAB, module_id=MODULE)
    assert view.kind is LAB
    assert view.module_id == MODULE
    assert [f.model_dump() for f in view.files] == [
        {
            "name": "lab.py",
            "content": starter(grids_course),
            "original": starter(grids_course),
            "version": 0,
            "saved_at": None,
        }
    ]
    assert "def transpose(a: ArrayLike)" in view.files[0].content
    assert saves.versions(learner, LAB, module_id=MODULE, name="lab.py") == []


def test_a_lesson_has_one_file_per_runnable_cell(
    saves: CodeSaves, learner: int, grids_course: Course
) -> None:
    view = saves.workspace(learner, LESSON, module_id=MODULE)
    cells = grids_course.module(MODULE).lesson.cells
    assert [f.name for f in view.files] == ["cell-1", "cell-2"]
    assert [f.original for f in view.files] == [c.source for c in cells]
    assert "A.T.T == A" not in "".join(f.original for f in view.files)  # the static block
    assert all(f.version == 0 and f.content == f.original for f in view.files)


def test_saves_are_numbered_from_1_per_file(saves: CodeSaves, learner: int) -> None:
    before = datetime.now(UTC)
    assert save_lab(saves, learner, "x = 1\n") == 1
    assert save_lab(saves, learner, "x = 2\n") == 2
    cell = saves.save(learner, LESSON, module_id=MODULE, name="cell-2", content="print(2)\n")
    assert cell.version == 1
    lab = saves.workspace(learner, LAB, module_id=MODULE).files[0]
    assert (lab.content, lab.version) == ("x = 2\n", 2)
    assert lab.saved_at is not None
    assert lab.saved_at >= before.replace(microsecond=0)
    lesson = saves.workspace(learner, LESSON, module_id=MODULE).files
    assert [(f.name, f.version, f.content == f.original) for f in lesson] == [
        ("cell-1", 0, True),
        ("cell-2", 1, False),
    ]
    assert lesson[1].content == "print(2)\n"


def test_saving_the_current_text_again_adds_no_version(saves: CodeSaves, learner: int) -> None:
    assert save_lab(saves, learner, "same\n") == 1
    assert save_lab(saves, learner, "same\n", base=1) == 1
    assert len(saves.versions(learner, LAB, module_id=MODULE, name="lab.py")) == 1


def test_a_stale_base_version_is_a_conflict_carrying_the_current_file(
    saves: CodeSaves, learner: int, grids_course: Course
) -> None:
    assert save_lab(saves, learner, "first\n", base=0) == 1
    assert save_lab(saves, learner, "second\n", base=1) == 2
    with pytest.raises(SaveConflict, match="you edited version 1, the current version is 2") as e:
        save_lab(saves, learner, "from a stale tab\n", base=1)
    assert e.value.current["content"] == "second\n"
    assert e.value.current["version"] == 2
    assert e.value.current["original"] == starter(grids_course)
    assert saves.workspace(learner, LAB, module_id=MODULE).files[0].content == "second\n"
    assert save_lab(saves, learner, "overwrite\n") == 3  # no base_version: always saved


def test_base_version_0_only_saves_a_file_never_saved(saves: CodeSaves, learner: int) -> None:
    with pytest.raises(SaveConflict) as e:
        save_lab(saves, learner, "x\n", base=3)
    assert e.value.current["version"] == 0
    assert e.value.current["saved_at"] is None
    assert save_lab(saves, learner, "x\n", base=0) == 1
    with pytest.raises(SaveConflict):
        save_lab(saves, learner, "y\n", base=0)


def test_versions_are_listed_newest_first_with_size_and_preview(
    saves: CodeSaves, learner: int
) -> None:
    save_lab(saves, learner, "\n\n   # first version\nx = 1\n")
    save_lab(saves, learner, "é = 'ü'\n")
    save_lab(saves, learner, "y = " + "9" * 200 + "\n")
    listed = saves.versions(learner, LAB, module_id=MODULE, name="lab.py")
    assert [v.version for v in listed] == [3, 2, 1]
    assert [v.reason for v in listed] == ["save", "save", "save"]
    assert listed[2].preview == "# first version"
    assert listed[1].size == len("é = 'ü'\n".encode()) == 10
    assert listed[0].preview == "y = " + "9" * 75 + "…"
    assert len(listed[0].preview) == 80
    assert listed[0].created_at >= listed[1].created_at >= listed[2].created_at


def test_at_most_100_versions_are_listed(saves: CodeSaves, learner: int) -> None:
    for n in range(MAX_VERSIONS_LISTED + 5):
        save_lab(saves, learner, f"x = {n}\n")
    listed = saves.versions(learner, LAB, module_id=MODULE, name="lab.py")
    assert len(listed) == MAX_VERSIONS_LISTED
    assert (listed[0].version, listed[-1].version) == (105, 6)
    old = saves.version_content(learner, LAB, module_id=MODULE, name="lab.py", version=1)
    assert old.content == "x = 0\n"  # older versions are kept, only not listed


def test_a_version_is_read_back_whole_and_unknown_ones_are_not_found(
    saves: CodeSaves, learner: int
) -> None:
    big = "v = [\n" + "    1.0,\n" * 1000 + "]\n"
    save_lab(saves, learner, big)
    save_lab(saves, learner, "small\n")
    found = saves.version_content(learner, LAB, module_id=MODULE, name="lab.py", version=1)
    assert (found.version, found.content, found.reason) == (1, big, "save")
    for missing in (0, 3, 99):
        with pytest.raises(VersionNotFound, match=f"'lab.py' has no saved version {missing}"):
            saves.version_content(learner, LAB, module_id=MODULE, name="lab.py", version=missing)


def test_restore_makes_old_text_current_as_a_new_version(saves: CodeSaves, learner: int) -> None:
    save_lab(saves, learner, "good\n")
    save_lab(saves, learner, "broken\n")
    state = saves.restore(learner, LAB, module_id=MODULE, name="lab.py", version=1)
    assert (state.version, state.content) == (3, "good\n")
    listed = saves.versions(learner, LAB, module_id=MODULE, name="lab.py")
    assert [(v.version, v.reason) for v in listed] == [(3, "restore"), (2, "save"), (1, "save")]
    with pytest.raises(VersionNotFound):
        saves.restore(learner, LAB, module_id=MODULE, name="lab.py", version=7)


def test_reset_brings_back_the_starter_and_the_cell_code(
    saves: CodeSaves, learner: int, grids_course: Course
) -> None:
    save_lab(saves, learner, "mine\n")
    state = saves.reset(learner, LAB, module_id=MODULE, name="lab.py")
    assert (state.version, state.content) == (2, starter(grids_course))
    assert state.content == state.original
    reasons = [v.reason for v in saves.versions(learner, LAB, module_id=MODULE, name="lab.py")]
    assert reasons == ["reset", "save"]
    saves.save(learner, LESSON, module_id=MODULE, name="cell-1", content="print('changed')\n")
    cell = saves.reset(learner, LESSON, module_id=MODULE, name="cell-1")
    assert cell.content == grids_course.module(MODULE).lesson.cells[0].source
    assert cell.version == 2


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (LAB, "../../x"),
        (LAB, "/etc/passwd"),
        (LAB, "starter.py"),
        (LAB, "solution.py"),
        (LAB, "LAB.PY"),
        (LAB, "cell-1"),
        (LAB, ""),
        (LESSON, "cell-999"),
        (LESSON, "cell-0"),
        (LESSON, "lab.py"),
        (LESSON, "../cell-1"),
    ],
)
def test_names_the_lesson_or_lab_does_not_have_are_refused(
    saves: CodeSaves, learner: int, database: Database, kind: WorkspaceKind, name: str
) -> None:
    with pytest.raises(WorkspaceFileNotAllowed, match="is not a file of the") as e:
        saves.save(learner, kind, module_id=MODULE, name=name, content="x = 1\n")
    assert isinstance(e.value, InvalidSubmission)
    with pytest.raises(WorkspaceFileNotAllowed):
        saves.versions(learner, kind, module_id=MODULE, name=name)
    with pytest.raises(WorkspaceFileNotAllowed):
        saves.reset(learner, kind, module_id=MODULE, name=name)
    with database.session() as session:
        for k in ("lab", "lesson"):
            assert (
                repo.current_code_versions(session, learner_id=learner, kind=k, module_id=MODULE)
                == {}
            )


def test_the_refusal_names_the_files_there_are(saves: CodeSaves, learner: int) -> None:
    with pytest.raises(WorkspaceFileNotAllowed) as e:
        saves.save(learner, LAB, module_id=MODULE, name="../../x", content="")
    assert (
        str(e.value) == "'../../x' is not a file of the lab of module 'grids' (its files: lab.py)"
    )
    with pytest.raises(WorkspaceFileNotAllowed, match=r"\(its files: cell-1, cell-2\)"):
        saves.save(learner, LESSON, module_id=MODULE, name="cell-999", content="")


def test_content_over_256_kib_is_refused(saves: CodeSaves, learner: int) -> None:
    assert save_lab(saves, learner, "#" * MAX_FILE_BYTES) == 1  # exactly the limit is fine
    with pytest.raises(InvalidSubmission, match=r"262,145 bytes; .* at most 256 KiB"):
        save_lab(saves, learner, "#" * (MAX_FILE_BYTES + 1))
    # The limit is in bytes of UTF-8, not characters: 131,073 × "é" is 262,146 bytes.
    with pytest.raises(InvalidSubmission, match="262,146 bytes"):
        save_lab(saves, learner, "é" * (MAX_FILE_BYTES // 2 + 1))
    assert [v.version for v in saves.versions(learner, LAB, module_id=MODULE, name="lab.py")] == [1]


@pytest.mark.parametrize(
    ("content", "message"),
    [("x = 1\x00\n", "contains a NUL character"), ("x = '\ud800'\n", "not valid Unicode")],
)
def test_content_that_is_not_text_is_refused(
    saves: CodeSaves, learner: int, content: str, message: str
) -> None:
    with pytest.raises(InvalidSubmission, match=message):
        save_lab(saves, learner, content)
    assert saves.versions(learner, LAB, module_id=MODULE, name="lab.py") == []


def test_unknown_modules_and_missing_labs_are_not_found(
    saves: CodeSaves, learner: int, grids_course: Course, database: Database
) -> None:
    with pytest.raises(ModuleNotFound):
        saves.workspace(learner, LESSON, module_id="no-such-module")
    with pytest.raises(ModuleNotFound):
        saves.save(learner, LAB, module_id="no-such-module", name="lab.py", content="")
    module = dataclasses.replace(grids_course.module(MODULE), lab=None)
    without_lab = CodeSaves(Course(grids_course.content_dir, [module], []), database)
    with pytest.raises(LabNotFound, match="module 'grids' has no lab"):
        without_lab.workspace(learner, LAB, module_id=MODULE)
    with pytest.raises(LabNotFound):
        without_lab.save(learner, LAB, module_id=MODULE, name="lab.py", content="")
    assert [f.name for f in without_lab.workspace(learner, LESSON, module_id=MODULE).files] == [
        "cell-1",
        "cell-2",
    ]


def test_learners_never_see_each_others_code(
    saves: CodeSaves, learner: int, database: Database, grids_course: Course
) -> None:
    with database.session() as session:
        other = repo.add_learner(session, "ada", "Ada")
    save_lab(saves, learner, "mine\n")
    save_lab(saves, learner, "mine again\n")
    assert save_lab(saves, other, "hers\n") == 1  # her own numbering
    mine = saves.workspace(learner, LAB, module_id=MODULE).files[0]
    hers = saves.workspace(other, LAB, module_id=MODULE).files[0]
    assert (mine.content, mine.version) == ("mine again\n", 2)
    assert (hers.content, hers.version) == ("hers\n", 1)
    assert [v.version for v in saves.versions(other, LAB, module_id=MODULE, name="lab.py")] == [1]
    with pytest.raises(VersionNotFound):
        saves.version_content(other, LAB, module_id=MODULE, name="lab.py", version=2)
    saves.reset(other, LAB, module_id=MODULE, name="lab.py")
    assert saves.workspace(learner, LAB, module_id=MODULE).files[0].content == "mine again\n"
    assert saves.workspace(other, LAB, module_id=MODULE).files[0].content == starter(grids_course)


def run_concurrently(count: int, work: Callable[[int], object]) -> list[BaseException]:
    """Run ``work(i)`` in ``count`` threads started together; the exceptions raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            work(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_saves_each_get_their_own_version(saves: CodeSaves, learner: int) -> None:
    def work(i: int) -> None:
        for j in range(5):
            save_lab(saves, learner, f"writer {i} save {j}\n")

    assert run_concurrently(6, work) == []
    listed = saves.versions(learner, LAB, module_id=MODULE, name="lab.py")
    assert [v.version for v in listed] == list(range(30, 0, -1))
    texts = {
        saves.version_content(learner, LAB, module_id=MODULE, name="lab.py", version=n).content
        for n in range(1, 31)
    }
    assert texts == {f"writer {i} save {j}\n" for i in range(6) for j in range(5)}


def test_of_concurrent_saves_from_one_base_exactly_one_wins(saves: CodeSaves, learner: int) -> None:
    errors = run_concurrently(6, lambda i: save_lab(saves, learner, f"tab {i}\n", base=0))
    assert len(errors) == 5
    assert all(isinstance(e, SaveConflict) for e in errors)
    listed = saves.versions(learner, LAB, module_id=MODULE, name="lab.py")
    assert [v.version for v in listed] == [1]
