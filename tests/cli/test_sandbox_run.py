"""`la4ai sandbox run FILE [--json] [--timeout S]`: the operator's view of the sandbox, with
its JSON output validated against the published contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO
from tests.runtime.conftest import need_isolation

SCHEMA = json.loads((REPO / "tests" / "contracts" / "sandbox-run.schema.json").read_text())


def sandbox_run(tmp_path: Path, source: str, *args: str) -> tuple[int, dict[str, Any], str]:
    need_isolation("sandbox")
    program = tmp_path / "program.py"
    program.write_text(source)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    env.update(LA4AI_DATA_DIR=str(tmp_path / "data"), LA4AI_SECRET_FOR_TEST="do-not-leak")
    result = subprocess.run(
        [sys.executable, "-m", "la4ai", "sandbox", "run", str(program), "--json", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    payload = json.loads(result.stdout)  # stdout is exactly one JSON object
    jsonschema.validate(payload, SCHEMA)
    return result.returncode, payload, result.stderr


def test_a_successful_program(tmp_path: Path) -> None:
    code, out, _ = sandbox_run(tmp_path, "import numpy as np\nprint(np.dot([1, 2], [3, 4]))")
    assert code == 0
    assert out["status"] == "ok"
    assert out["stdout"] == "11\n"
    assert out["exit_code"] == 0
    assert out["truncated"] is False


def test_a_failing_program_reports_its_traceback(tmp_path: Path) -> None:
    code, out, _ = sandbox_run(tmp_path, "print('STARTED')\nraise ValueError('nope')")
    assert code == 1
    assert out["status"] == "error"
    assert out["exit_code"] == 1
    assert "ValueError: nope" in out["stderr"]


def test_the_timeout_option_stops_a_hanging_program(tmp_path: Path) -> None:
    source = "print('STARTED', flush=True)\nimport time\ntime.sleep(60)"
    code, out, _ = sandbox_run(tmp_path, source, "--timeout", "1")
    assert code == 1
    assert out["status"] == "timeout"
    assert out["stdout"] == "STARTED\n"
    assert out["exit_code"] is None
    assert 900 <= out["duration_ms"] < 10_000


def test_memory_exhaustion_is_reported_as_memory(tmp_path: Path) -> None:
    source = "print('STARTED', flush=True)\nx = []\nwhile True:\n    x.append(bytearray(2**26))"
    _, out, _ = sandbox_run(tmp_path, source)
    assert out["stdout"] == "STARTED\n"
    assert out["status"] == "memory"


def test_output_is_truncated_at_the_limit(tmp_path: Path) -> None:
    _, out, _ = sandbox_run(tmp_path, "print('STARTED')\nprint('y' * 5_000_000)")
    assert out["truncated"] is True
    assert out["stdout"].startswith("STARTED")
    assert len(out["stdout"]) < 1024 * 1024 + 200
    assert out["stdout"].endswith("[output truncated: more than 1048576 bytes]\n")


def test_a_killed_program_is_reported_as_killed(tmp_path: Path) -> None:
    source = "import os, signal\nprint('STARTED', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)"
    _, out, _ = sandbox_run(tmp_path, source)
    assert out["status"] == "killed"
    assert out["exit_code"] == -9


def test_no_secret_from_the_environment_reaches_the_program(tmp_path: Path) -> None:
    _, out, _ = sandbox_run(tmp_path, "import os\nprint(sorted(os.environ))")
    assert "LA4AI" not in out["stdout"]
    assert "do-not-leak" not in out["stdout"]


@pytest.mark.parametrize("flag", ["--json", ""])
def test_a_missing_file_is_a_clear_usage_error(tmp_path: Path, flag: str) -> None:
    args = [sys.executable, "-m", "la4ai", "sandbox", "run", str(tmp_path / "nope.py")]
    result = subprocess.run(
        [*args, *([flag] if flag else [])], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert result.stdout == ""


def test_learner_code_can_import_labkit_but_not_the_server(tmp_path: Path) -> None:
    """`la4ai.labkit` (the checks' toolkit) is bound into the sandbox; in a checkout the rest
    of la4ai is not reachable from learner code."""
    program = (
        "import la4ai.labkit.testing as t\n"
        "print('LABKIT', callable(t.assert_close))\n"
        "try:\n"
        "    import la4ai.grading\n"
        "    print('SERVER-CODE-IMPORTABLE')\n"
        "except ImportError:\n"
        "    print('SERVER-CODE-ABSENT')\n"
    )
    code, out, _ = sandbox_run(tmp_path, program)
    assert code == 0, out
    assert "LABKIT True" in out["stdout"]
    import la4ai

    if not Path(la4ai.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()):
        assert "SERVER-CODE-ABSENT" in out["stdout"]  # an editable install: src/ is not bound
