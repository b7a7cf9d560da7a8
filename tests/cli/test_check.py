"""`la4ai check LAB_ID FILE [--json]`: a learner's file graded from the command line, with
its JSON output validated against the published contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema

from tests.conftest import CONTENT, REPO
from tests.runtime.conftest import need_isolation

SCHEMA = json.loads((REPO / "tests" / "contracts" / "check.schema.json").read_text())
LAB = CONTENT / "modules" / "01-vectors" / "lab"


def la4ai_check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    need_isolation("sandbox")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    env.update(LA4AI_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        [sys.executable, "-m", "la4ai", "check", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def json_result(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(done.stdout)  # stdout is exactly one JSON object
    jsonschema.validate(payload, SCHEMA)
    return payload


def test_the_reference_solution_passes(tmp_path: Path) -> None:
    done = la4ai_check(tmp_path, "vectors", str(LAB / "solution.py"), "--json", "--seed", "9")
    payload = json_result(done)
    assert done.returncode == 0
    assert payload["passed"] is True
    assert payload["score"] == payload["max_score"] == 14
    assert payload["seed"] == 9
    assert payload["error"] is None


def test_a_mutant_fails_with_its_diagnosis_and_exit_status_1(tmp_path: Path) -> None:
    done = la4ai_check(tmp_path, "vectors", str(LAB / "mutants" / "squared_norm.py"), "--json")
    payload = json_result(done)
    assert done.returncode == 1
    assert payload["passed"] is False
    failed = {c["name"]: c["message"] for c in payload["checks"] if not c["passed"]}
    assert "square root is missing" in failed["norm of a random vector is its length"]


def test_a_syntax_error_is_a_result_not_a_traceback(tmp_path: Path) -> None:
    learner = tmp_path / "lab.py"
    learner.write_text("def dot(u, v):\n    return sum(\n")
    done = la4ai_check(tmp_path, "vectors", str(learner), "--json")
    payload = json_result(done)
    assert done.returncode == 1
    assert "syntax error" in payload["error"]
    assert "Traceback" not in done.stdout + done.stderr


def test_the_text_report_lists_each_check(tmp_path: Path) -> None:
    done = la4ai_check(tmp_path, "vectors", str(LAB / "starter.py"))
    assert done.returncode == 1
    assert done.stdout.startswith("vectors: 0/14 points")
    assert "✗ dot of two random vectors (dot, 0 pt)" in done.stdout
    assert "still the starter's placeholder" in done.stdout
    assert "not passed yet" in done.stdout


def test_an_unknown_lab_is_a_clear_error(tmp_path: Path) -> None:
    done = la4ai_check(tmp_path, "no-such-lab", str(LAB / "solution.py"), "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "no-such-lab" in done.stderr
    assert "Traceback" not in done.stderr
