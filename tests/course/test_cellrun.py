"""run_cells: a lesson's cells run in order in a fresh interpreter and are held to their
output blocks and raises= options."""

from __future__ import annotations

from pathlib import Path

from la4ai.course.cellrun import CellOutcome, normalise_output, run_cells
from la4ai.course.views import CodeBlock


def cell(
    number: int, source: str, *, output: str | None = None, raises: str | None = None
) -> CodeBlock:
    return CodeBlock(
        id=f"cell-{number}",
        language="python",
        source=source,
        runnable=True,
        expected_output=output,
        raises=raises,
        line=number * 10,
    )


def run(tmp_path: Path, *cells: CodeBlock) -> list[CellOutcome]:
    outcomes = run_cells(list(cells), cwd=tmp_path, timeout=60)
    assert [o.cell for o in outcomes] == list(cells)
    return outcomes


def test_cells_share_one_namespace_in_order(tmp_path: Path) -> None:
    outcomes = run(
        tmp_path,
        cell(1, "x = 2\n"),
        cell(2, "def double(v):\n    return 2 * v\n"),
        cell(3, "print(double(x) + 1)\n", output="5\n"),
    )
    assert [(o.output, o.error_type, o.problem) for o in outcomes] == [
        ("", None, None),
        ("", None, None),
        ("5\n", None, None),
    ]


def test_cells_run_in_a_fresh_interpreter_in_the_given_folder(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_text("from the folder", "utf-8")
    [outcome] = run(
        tmp_path,
        cell(
            1,
            "print(open('data.txt').read())\nprint('x' in globals())\n",
            output="from the folder\nFalse\n",
        ),
    )
    assert outcome.problem is None


def test_output_that_differs_from_the_output_block_is_a_problem(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "print(1 + 1)\nprint('done')\n", output="3\ndone\n"))
    assert outcome.output == "2\ndone\n"
    assert outcome.problem == (
        "cell-1 printed something else than its output block.\n"
        "--- expected\n3\ndone\n"
        "--- actual\n2\ndone"
    )


def test_trailing_spaces_and_blank_lines_do_not_count_as_differences(tmp_path: Path) -> None:
    [outcome] = run(
        tmp_path, cell(1, "print('a   ')\nprint('b')\nprint()\n", output="\na\nb   \n\n")
    )
    assert outcome.problem is None


def test_leading_spaces_do_count_as_differences(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "print('  a')\n", output="a\n"))
    assert outcome.problem is not None
    assert outcome.problem.startswith("cell-1 printed something else than its output block.")


def test_normalise_output_strips_only_trailing_whitespace_per_line() -> None:
    assert normalise_output("\n\n  a  \n b\t\n\n") == "  a\n b"


def test_cell_that_prints_without_an_output_block_is_a_problem(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "print('surprise')\nprint(42)\n"))
    assert outcome.problem == (
        "cell-1 prints output but has no ```output block after it:\nsurprise\n42"
    )


def test_cell_that_prints_nothing_needs_no_output_block(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "x = 1\nprint(end='')\n"))
    assert outcome.problem is None


def test_stderr_counts_as_output(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "import sys\nprint('warned', file=sys.stderr)\n"))
    assert outcome.output == "warned\n"
    assert outcome.problem is not None


def test_raises_option_is_satisfied_by_that_exception(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "int('seven')\n", raises="ValueError"))
    assert (outcome.error_type, outcome.problem) == ("ValueError", None)
    assert outcome.error == "invalid literal for int() with base 10: 'seven'"


def test_dotted_raises_option_matches_the_exception_class_name(tmp_path: Path) -> None:
    source = "import numpy as np\nnp.linalg.inv(np.zeros((2, 2)))\n"
    [outcome] = run(tmp_path, cell(1, source, raises="numpy.linalg.LinAlgError"))
    assert (outcome.error_type, outcome.problem) == ("LinAlgError", None)


def test_raises_option_with_another_exception_is_a_problem(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "1 / 0\n", raises="ValueError"))
    assert outcome.problem == "cell-1 should raise ValueError but raised ZeroDivisionError"


def test_raises_option_without_an_exception_is_a_problem(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "x = 1\n", raises="ValueError"))
    assert outcome.problem == "cell-1 should raise ValueError but raised nothing"


def test_raises_option_does_not_accept_a_subclass(tmp_path: Path) -> None:
    [outcome] = run(tmp_path, cell(1, "{}['missing']\n", raises="LookupError"))
    assert outcome.problem == "cell-1 should raise LookupError but raised KeyError"


def test_unexpected_exception_is_a_problem_naming_it(tmp_path: Path) -> None:
    outcomes = run(
        tmp_path,
        cell(1, "values = {'a': 1}\n"),
        cell(2, "print(values['b'])\n", output="1\n"),
        cell(3, "print('still runs')\n", output="still runs\n"),
    )
    assert [o.problem for o in outcomes] == [None, "cell-2 raised KeyError: 'b'", None]


def test_exit_in_a_cell_is_an_exception_not_the_end_of_the_run(tmp_path: Path) -> None:
    outcomes = run(tmp_path, cell(1, "raise SystemExit(3)\n"), cell(2, "print(1)\n", output="1\n"))
    assert [o.problem for o in outcomes] == ["cell-1 raised SystemExit: 3", None]
