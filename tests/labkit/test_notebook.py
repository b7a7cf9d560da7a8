"""``la4ai.labkit.check``: collecting a notebook's code into a lab file, grading it with
``la4ai check``, and showing the result.

Notebook cells are imitated the way IPython runs them: each cell's source is registered in
``linecache`` under its own file name and executed with ``__name__ == "__main__"``, so
``inspect.getsource`` finds definitions exactly as it does in Jupyter."""

from __future__ import annotations

import linecache
import os
from pathlib import Path
from typing import Any

import pytest

from la4ai.labkit import check
from la4ai.labkit.notebook import SourceNotFound, collect_source, render_html, render_text
from tests.conftest import CONTENT
from tests.runtime.conftest import need_isolation

LAB = CONTENT / "modules" / "01-vectors" / "lab"


def run_cells(*cells: str, register: bool = True) -> dict[str, Any]:
    """A notebook namespace after running ``cells`` in order."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for source in cells:
        filename = f"<la4ai-test-cell-{abs(hash(source))}>"
        if register:
            lines = source.splitlines(keepends=True)
            linecache.cache[filename] = (len(source), None, lines, filename)
        exec(compile(source, filename, "exec"), namespace)
    return namespace


def rerun(source: str) -> dict[str, Any]:
    """Run a collected file on its own, as the grader does."""
    namespace: dict[str, Any] = {"__name__": "lab"}
    exec(compile(source, "lab.py", "exec"), namespace)
    return namespace


CELLS = (
    "import math\nimport numpy as np\nfrom math import sqrt as root\n"
    "from collections import OrderedDict",
    "SCALE = 2.5\nNAMES = ('a', 'b')\nLIMITS = [1, None, True, -0.5]\nMISSING = float('nan')\n"
    "_hidden = 1\nIn = ['IPython history']\nOut = {}\ndata = np.zeros(3)",
    "def double(x):\n    return SCALE * x\n\ntwice = double",
    # Python 3.11 cannot locate a class of "__main__" by itself: this takes the fallback.
    "class Scaler:\n    def __init__(self, k):\n        self.k = k\n\n"
    "    def __call__(self, x):\n        return self.k * x",
    "square = lambda x: x * x",
)


def test_definitions_imports_and_constants_are_collected() -> None:
    source = collect_source(run_cells(*CELLS))
    for line in (
        "import math",
        "import numpy as np",
        "from math import sqrt as root",
        "from collections import OrderedDict",
        "SCALE = 2.5",
        "NAMES = ('a', 'b')",
        "LIMITS = [1, None, True, -0.5]",
        "MISSING = float('nan')",
        "def double(x):\n    return SCALE * x",
        "twice = double",
        "class Scaler:\n    def __init__(self, k):",
        "square = lambda x: x * x",
    ):
        assert line in source, line
    for left_out in ("_hidden", "In =", "Out =", "data =", "__name__", "__builtins__"):
        assert left_out not in source, left_out


def test_the_collected_file_runs_on_its_own() -> None:
    lab = rerun(collect_source(run_cells(*CELLS)))
    assert lab["double"](3) == 7.5
    assert lab["twice"](2) == 5.0
    assert lab["Scaler"](3)(4) == 12
    assert lab["square"](5) == 25
    assert lab["root"](9) == 3.0
    assert lab["np"].zeros(2).shape == (2,)
    assert lab["MISSING"] != lab["MISSING"]  # nan survives the trip


def test_a_redefined_function_keeps_its_current_version() -> None:
    namespace = run_cells(
        "def score():\n    return 1", "old_score = score", "def score():\n    return 2"
    )
    lab = rerun(collect_source(namespace))
    assert lab["score"]() == 2
    assert lab["old_score"]() == 1


def test_a_function_without_source_is_a_clear_error() -> None:
    namespace = run_cells("import numpy as np")
    namespace.update(run_cells("def mystery(v):\n    return v", register=False))
    with pytest.raises(SourceNotFound, match=r"cannot find the source code of 'mystery'") as err:
        collect_source(namespace)
    assert "run that cell again" in str(err.value)
    with pytest.raises(SourceNotFound):  # before anything is graded
        check("vectors", namespace=namespace)


def test_a_class_without_methods_is_a_clear_error() -> None:
    with pytest.raises(SourceNotFound, match="'Empty'"):
        collect_source(run_cells("class Empty:\n    pass"))


RESULT: dict[str, Any] = {
    "lab": "vectors",
    "passed": False,
    "score": 2,
    "max_score": 3,
    "checks": [
        {"name": "dot <works>", "function": "dot", "passed": True, "points": 2, "message": ""},
        {
            "name": "norm's length",
            "function": "norm",
            "passed": False,
            "points": 0,
            "message": "norm([3, 4]) returned <script>alert(1)</script>",
        },
    ],
    "error": None,
    "duration_ms": 12.0,
    "seed": 42,
    "output": "hello <b>\n",
}


def test_the_html_summary_escapes_everything_it_shows() -> None:
    html = render_html(RESULT)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "dot &lt;works&gt;" in html
    assert "norm&#x27;s length" in html
    assert "hello &lt;b&gt;" in html
    assert "✓" in html
    assert "✗" in html
    assert "Not passed yet" in html
    assert "seed 42" in html
    assert "Lab complete" not in html
    done = render_html({**RESULT, "passed": True, "error": "the <checker> crashed"})
    assert "Lab complete — every check passed" in done
    assert "the &lt;checker&gt; crashed" in done


def test_the_text_summary_lists_every_check() -> None:
    text = render_text(RESULT).splitlines()
    assert text[0] == "vectors: 2/3 points"
    assert "  ✓ dot <works> (dot, 2 pt)" in text
    assert "  ✗ norm's length (norm, 0 pt)" in text
    assert "      norm([3, 4]) returned <script>alert(1)</script>" in text
    assert text[-1] == "Not passed yet · seed 42"


@pytest.fixture
def grader_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [k for k in os.environ if k.startswith("LA4AI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("LA4AI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LA4AI_CONTENT_DIR", str(CONTENT))
    monkeypatch.setenv("LA4AI_EXECUTION_BACKEND", "sandbox")


@pytest.mark.usefixtures("grader_env")
def test_check_grades_with_la4ai_check_and_prints_outside_ipython(
    capsys: pytest.CaptureFixture[str],
) -> None:
    need_isolation("sandbox")
    solution = (LAB / "solution.py").read_text()
    result = check("vectors", seed=7, namespace=run_cells(solution))
    assert result["passed"] is True
    assert result["seed"] == 7
    assert result["score"] == result["max_score"]
    printed = capsys.readouterr().out
    assert printed.startswith(f"vectors: {result['score']:g}/{result['max_score']:g} points")
    assert "Lab complete — every check passed · seed 7" in printed


@pytest.mark.usefixtures("grader_env")
def test_check_of_an_unknown_lab_raises_with_the_graders_message() -> None:
    with pytest.raises(RuntimeError, match="no module named 'nope'"):
        check("nope", namespace={})
