"""load_lab: a lab folder's files, checked; the solution and checks never leave the folder."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from la4ai.course.lab import REQUIRED_FILES, load_lab
from la4ai.errors import ContentProblem

SOLUTION_MARKER = "reference_solution_marker_7f3a"

_INDENTED_FILES = {
    "lab.yaml": """\
        title: Cosine similarity
        functions: [dot, cosine]
        time_limit_s: 5
        forbidden:
          cosine: [sklearn.metrics.pairwise.cosine_similarity]
        mutants:
          - file: mutants/no_norm.py
            fails: cosine of parallel vectors is 1
            misconception: forgot to divide by the norms
        """,
    "lab.md": """\
        Write `dot` and then `cosine`.
        """,
    "starter.py": """\
        def dot(u, v):
            raise NotImplementedError


        def cosine(u, v):
            raise NotImplementedError
        """,
    "solution.py": f"""\
        # {SOLUTION_MARKER}
        def dot(u, v):
            return sum(a * b for a, b in zip(u, v))


        def cosine(u, v):
            return dot(u, v) / (dot(u, u) * dot(v, v)) ** 0.5
        """,
    "checks.py": """\
        def check_parallel(ns):
            assert ns["cosine"]([1, 0], [2, 0]) == 1
        """,
    "hints.yaml": """\
        dot:
          - Multiply matching entries.
          - Then add the products.
        cosine:
          - Divide by both lengths.
        """,
    "mutants/no_norm.py": """\
        def dot(u, v):
            return sum(a * b for a, b in zip(u, v))


        def cosine(u, v):
            return dot(u, v)
        """,
}
FILES = {name: textwrap.dedent(text) for name, text in _INDENTED_FILES.items()}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


@pytest.fixture
def lab_dir(tmp_path: Path) -> Path:
    """A valid lab folder."""
    for name, text in FILES.items():
        write(tmp_path / "lab" / name, text)
    return tmp_path / "lab"


def problems_of(lab_dir: Path) -> list[tuple[str, int | None, str]]:
    lab, problems = load_lab(lab_dir)
    assert lab is None
    return [(str(p.file.relative_to(lab_dir)), p.line, p.message) for p in problems]


def test_valid_lab_loads_task_starter_and_hints(lab_dir: Path) -> None:
    lab, problems = load_lab(lab_dir)
    assert problems == []
    assert lab is not None
    assert lab.meta.title == "Cosine similarity"
    assert lab.meta.functions == ["dot", "cosine"]
    assert lab.meta.time_limit_s == 5.0
    assert lab.meta.forbidden == {"cosine": ["sklearn.metrics.pairwise.cosine_similarity"]}
    assert [m.file for m in lab.meta.mutants] == ["mutants/no_norm.py"]
    assert lab.task_markdown == "Write `dot` and then `cosine`.\n"
    assert lab.starter.startswith("def dot(u, v):\n    raise NotImplementedError\n")
    assert lab.hints == {
        "dot": ["Multiply matching entries.", "Then add the products."],
        "cosine": ["Divide by both lengths."],
    }
    assert lab.solution_path == lab_dir / "solution.py"
    assert lab.checks_path == lab_dir / "checks.py"


def test_lab_never_holds_the_solution_or_checks_source(lab_dir: Path) -> None:
    lab, _ = load_lab(lab_dir)
    assert lab is not None
    names = {f.name for f in dataclasses.fields(lab)}
    assert names == {"dir", "meta", "task_markdown", "task_blocks", "starter", "hints"}
    for field in dataclasses.fields(lab):
        value = repr(getattr(lab, field.name))
        assert SOLUTION_MARKER not in value
        assert "check_parallel" not in value


def test_every_missing_lab_file_is_reported(tmp_path: Path) -> None:
    lab_dir = tmp_path / "lab"
    write(lab_dir / "lab.yaml", FILES["lab.yaml"])
    write(lab_dir / "starter.py", FILES["starter.py"])
    assert problems_of(lab_dir) == [
        ("lab.md", None, "missing lab file"),
        ("solution.py", None, "missing lab file"),
        ("checks.py", None, "missing lab file"),
        ("hints.yaml", None, "missing lab file"),
    ]


def test_empty_lab_folder_reports_all_required_files(tmp_path: Path) -> None:
    (tmp_path / "lab").mkdir()
    assert [name for name, _, _ in problems_of(tmp_path / "lab")] == list(REQUIRED_FILES)


def test_python_syntax_errors_are_reported_with_file_and_line(lab_dir: Path) -> None:
    write(lab_dir / "starter.py", "def dot(u, v):\n    return (\n")
    write(lab_dir / "solution.py", "def dot(u, v):\n    pass\n\ndef cosine(u v):\n    pass\n")
    write(lab_dir / "checks.py", "x = 1\ny = = 2\n")
    assert problems_of(lab_dir) == [
        ("starter.py", 2, "Python syntax error: '(' was never closed"),
        ("solution.py", 4, "Python syntax error: invalid syntax"),
        ("checks.py", 2, "Python syntax error: invalid syntax"),
    ]


def test_mutant_syntax_error_is_reported_with_file_and_line(lab_dir: Path) -> None:
    write(lab_dir / "mutants" / "no_norm.py", "def dot(u, v):\n    return 0\n\ndef cosine(:\n")
    assert problems_of(lab_dir) == [
        ("mutants/no_norm.py", 4, "Python syntax error: invalid syntax")
    ]


@pytest.mark.parametrize("name", ["starter.py", "solution.py"])
def test_function_missing_from_starter_or_solution_is_reported(lab_dir: Path, name: str) -> None:
    write(lab_dir / name, "def dot(u, v):\n    return 0\n")
    assert problems_of(lab_dir) == [(name, None, "does not define 'cosine' (listed in lab.yaml)")]


def test_function_without_hints_is_reported(lab_dir: Path) -> None:
    write(lab_dir / "hints.yaml", "dot:\n  - Multiply matching entries.\n")
    assert problems_of(lab_dir) == [("hints.yaml", 1, "no hints for 'cosine'")]


def test_hints_for_an_unknown_function_are_reported_on_their_line(lab_dir: Path) -> None:
    write(lab_dir / "hints.yaml", FILES["hints.yaml"] + "norm:\n  - Square root of dot.\n")
    assert problems_of(lab_dir) == [
        ("hints.yaml", 6, "hints for 'norm', which the lab does not have")
    ]


def test_empty_hint_is_reported_on_its_line(lab_dir: Path) -> None:
    write(lab_dir / "hints.yaml", FILES["hints.yaml"] + "  - '  '\n")
    assert problems_of(lab_dir) == [
        ("hints.yaml", 6, "cosine[1]: String should have at least 1 character")
    ]


def test_forbidden_calls_for_an_unknown_function_are_reported_on_their_line(
    lab_dir: Path,
) -> None:
    text = FILES["lab.yaml"].replace(
        "  cosine: [sklearn", "  norm: [np.linalg.norm]\n  cosine: [sklearn"
    )
    write(lab_dir / "lab.yaml", text)
    assert problems_of(lab_dir) == [
        ("lab.yaml", 5, "forbidden calls for 'norm', which the lab does not have")
    ]


def test_missing_mutant_file_is_reported_on_its_line(lab_dir: Path) -> None:
    (lab_dir / "mutants" / "no_norm.py").unlink()
    assert problems_of(lab_dir) == [("lab.yaml", 7, "mutants/no_norm.py does not exist")]


def test_unknown_key_in_lab_yaml_is_reported_on_its_line(lab_dir: Path) -> None:
    write(lab_dir / "lab.yaml", FILES["lab.yaml"] + "time_limit: 3\n")
    assert problems_of(lab_dir) == [("lab.yaml", 10, "unknown key 'time_limit'")]


def test_mutant_path_outside_mutants_folder_is_rejected(lab_dir: Path) -> None:
    write(lab_dir / "lab.yaml", FILES["lab.yaml"].replace("mutants/no_norm.py", "../solution.py"))
    [(name, line, message)] = problems_of(lab_dir)
    assert (name, line) == ("lab.yaml", 7)
    assert message.startswith("mutants[0].file: String should match pattern")


def test_broken_yaml_in_lab_yaml_is_reported(lab_dir: Path) -> None:
    write(lab_dir / "lab.yaml", "title: Cosine\nfunctions: [dot, cosine\n")
    [(name, line, message)] = problems_of(lab_dir)
    assert (name, line) == ("lab.yaml", 3)
    assert message.startswith("YAML syntax error: ")


def test_non_utf8_lab_file_is_reported(lab_dir: Path) -> None:
    (lab_dir / "starter.py").write_bytes(b"# caf\xe9\ndef dot(u, v): ...\n")
    lab, problems = load_lab(lab_dir)
    assert lab is None
    assert problems == [
        ContentProblem(lab_dir / "starter.py", 1, "not UTF-8 text (save the file as UTF-8)")
    ]
