"""`la4ai export notebook LAB_ID`: the notebook's shape, and the notebook run for real in a
Jupyter kernel, where its check cell grades the learner's code with the lab's checks."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient
from nbformat import NotebookNode

from la4ai.cli.export import build_notebook, strip_main_block
from la4ai.cli.main import cli
from la4ai.course import Course, load_course
from la4ai.course.cellrun import normalise_output
from la4ai.errors import LabNotFound
from tests.conftest import CONTENT
from tests.runtime.conftest import need_isolation

LAB = CONTENT / "modules" / "01-vectors" / "lab"
NBFORMAT: Any = nbformat  # untyped library: read notebooks through `read` below
CHECK_CELL = 'from la4ai.labkit import check\n\nresult = check("vectors")'


def export(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["export", "notebook", *args, "--content-dir", str(CONTENT)],
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout, result.stderr


def read(text: str) -> NotebookNode:
    return cast(NotebookNode, NBFORMAT.reads(text, as_version=4))


def code_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def markdown_text(nb: NotebookNode) -> str:
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def starter_cell(nb: NotebookNode) -> NotebookNode:
    return code_cells(nb)[-2]


# --- the notebook's shape ------------------------------------------------------------------


def test_the_exported_notebook_is_valid_and_follows_the_page(
    tmp_path: Path, course: Course
) -> None:
    target = tmp_path / "out.ipynb"
    code, out, err = export("vectors", "-o", str(target))
    assert (code, out) == (0, "")
    assert err.strip() == f"wrote {target}"
    nb = read(target.read_text())
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    module = course.module("vectors")
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(f"# Module 1: {module.meta.title}")

    lesson_cells = [cell.source for cell in code_cells(nb)[:-2]]
    assert lesson_cells == [cell.source.rstrip("\n") for cell in module.lesson.cells]
    raising = [c for c in code_cells(nb) if c.metadata.get("tags") == ["raises-exception"]]
    assert [c.source for c in raising] == [
        "a = np.array([1.0, 2.0, 3.0])\nb = np.array([4.0, 5.0])\na + b"
    ]

    text = markdown_text(nb)
    assert "$$\n\\mathbf{v} = (v_1, v_2, \\ldots, v_n) \\in \\mathbb{R}^n\n$$" in text
    assert "The vector $(3, 1)$ is an instruction" in text
    assert "**Interactive figure** (*vector-playground*)" in text
    assert "> **Note: Order matters for projection**" in text
    assert "```" not in text  # python cells became code cells, output blocks are dropped
    assert ":::" not in text
    assert module.lab is not None
    assert module.lab.task_markdown.strip() in text


def test_the_starter_cell_has_no_main_block_and_the_last_cell_checks() -> None:
    code, out, _ = export("vectors", "-o", "-")
    assert code == 0
    nb = read(out)  # stdout is exactly the notebook's JSON
    starter = (LAB / "starter.py").read_text()
    assert "if __name__" in starter  # otherwise this test tests nothing
    assert starter_cell(nb).source == strip_main_block(starter).rstrip("\n")
    assert "def most_similar(query, docs, k=1)" in starter_cell(nb).source
    assert "__main__" not in starter_cell(nb).source
    assert nb.cells[-1].cell_type == "code"
    assert nb.cells[-1].source == CHECK_CELL
    assert "## Check your work" in nb.cells[-2].source


def test_stdout_output_is_json_and_the_default_file_is_named_after_the_lab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = export("vectors", "-o", "-")
    assert code == 0
    assert json.loads(out)["nbformat"] == 4
    assert "stdout" in err
    monkeypatch.chdir(tmp_path)
    code, out, err = export("vectors")
    assert (code, out) == (0, "")
    assert err.strip() == "wrote vectors.ipynb"
    assert read((tmp_path / "vectors.ipynb").read_text()).cells[-1].source == CHECK_CELL


def test_an_unknown_lab_exits_1_with_a_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "la4ai", "export", "notebook", "nope", "--content-dir", CONTENT],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == "error: no module named 'nope'"


def test_a_module_without_a_lab_has_no_notebook(tmp_path: Path) -> None:
    module = tmp_path / "modules" / "01-tiny"
    module.mkdir(parents=True)
    (module / "module.yaml").write_text(
        "id: tiny\ntitle: T\ntagline: t\nminutes: 5\nobjectives: [a]\n"
    )
    (module / "lesson.md").write_text("## A\n\nText.\n")
    with pytest.raises(LabNotFound, match="module 'tiny' has no lab"):
        build_notebook(load_course(tmp_path).module("tiny"))


def test_strip_main_block_removes_only_the_main_guard() -> None:
    source = (
        "import os\n\n"
        'if os.name == "posix":\n    A = 1\n\n'
        'if "__main__" == __name__:\n    print("demo")\n\n'
        "def f():\n    return 1\n\n"
        'if __name__ == "__main__":\n    f()\n'
    )
    assert strip_main_block(source) == (
        'import os\n\nif os.name == "posix":\n    A = 1\n\n\ndef f():\n    return 1\n'
    )


# --- running the notebook in a real kernel -----------------------------------------------


@pytest.fixture
def kernel_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A python3 kernel spec running this interpreter (the venv's, where la4ai is installed),
    the sandbox backend for grading, and a throwaway data directory."""
    need_isolation("sandbox")
    for name in [k for k in os.environ if k.startswith("LA4AI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("LA4AI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LA4AI_CONTENT_DIR", str(CONTENT))
    monkeypatch.setenv("LA4AI_EXECUTION_BACKEND", "sandbox")
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3 (la4ai tests)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))  # searched first
    work = tmp_path / "work"
    work.mkdir()
    return work


def run_notebook(nb: NotebookNode, cwd: Path) -> tuple[list[str], NotebookNode]:
    """Execute every cell, then print the check's verdict; the printed words and the
    executed check cell."""
    verdict = copy.deepcopy(nb.cells[-1])  # a fresh code cell, like the check cell
    verdict.id = "verdict"
    verdict.source = (
        "import json\n"
        'print(result["passed"], result["score"], result["max_score"])\n'
        'print(json.dumps([c["name"] for c in result["checks"] if not c["passed"]]))'
    )
    nb.cells.append(verdict)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    printed = "".join(o.text for o in nb.cells[-1].outputs if o.output_type == "stream")
    return printed.splitlines(), nb.cells[-2]


def stdout_of(cell: NotebookNode) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def shown(cell: NotebookNode) -> dict[str, Any]:
    displays = [o for o in cell.outputs if o.output_type == "display_data"]
    assert len(displays) == 1, cell.outputs
    return dict(displays[0].data)


def test_the_notebook_runs_and_passes_with_the_reference_solution(
    kernel_env: Path, course: Course
) -> None:
    nb = build_notebook(course.module("vectors"))
    starter_cell(nb).source = strip_main_block((LAB / "solution.py").read_text())
    lines, check_cell = run_notebook(nb, kernel_env)

    passed, score, max_score = lines[0].split()
    assert passed == "True"
    assert score == max_score
    assert float(max_score) > 0
    assert json.loads(lines[1]) == []
    data = shown(check_cell)
    assert "Lab complete — every check passed" in data["text/html"]
    assert "✗" not in data["text/html"]
    assert "Lab complete — every check passed" in data["text/plain"]

    # The lesson's cells ran in the kernel and printed what the lesson says they print.
    lesson = course.module("vectors").lesson.cells
    ran = code_cells(nb)[: len(lesson)]
    for block, cell in zip(lesson, ran, strict=True):
        if block.raises is not None:
            assert [o.ename for o in cell.outputs if o.output_type == "error"] == [block.raises]
        else:
            assert not [o for o in cell.outputs if o.output_type == "error"], block.line
            expected = normalise_output(block.expected_output or "")
            assert normalise_output(stdout_of(cell)) == expected, block.line


def test_the_notebook_reports_the_failing_checks_of_the_starter(
    kernel_env: Path, course: Course
) -> None:
    nb = build_notebook(course.module("vectors"))
    lines, check_cell = run_notebook(nb, kernel_env)

    passed, score, max_score = lines[0].split()
    assert passed == "False"
    assert float(score) < float(max_score)
    failing = json.loads(lines[1])
    assert "dot of two random vectors" in failing
    lab = course.module("vectors").lab
    assert lab is not None
    for function in lab.meta.functions:  # every placeholder fails a check
        assert any(name.startswith(function) for name in failing), function
    html = shown(check_cell)["text/html"]
    assert "Lab complete" not in html
    assert "Not passed yet" in html
    for name in failing:
        assert f"✗</span> <strong>{name}</strong>" in html.replace("&#x27;", "'")
    assert "NotImplementedError" in html
