"""`la4ai ask`: the tutor from a terminal — one question or a batch, its JSON output
validated against the published contract and its examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np

from tests.conftest import REPO
from tests.runtime.conftest import need_isolation

CONTRACTS = REPO / "tests" / "contracts"
SCHEMA = json.loads((CONTRACTS / "ask.schema.json").read_text())
EXAMPLES = [
    json.loads(line) for line in (CONTRACTS / "ask-examples.jsonl").read_text().splitlines()
]


def la4ai_ask(
    tmp_path: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    need_isolation("sandbox")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    clean.update(LA4AI_DATA_DIR=str(tmp_path / "data"), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "la4ai", "ask", *args],
        input=stdin, capture_output=True, text=True, env=clean, timeout=300, check=False,
    )  # fmt: skip


def same(got: Any, want: Any) -> bool:
    if isinstance(want, dict):
        return (
            isinstance(got, dict)
            and got.keys() == want.keys()
            and all(same(got[k], want[k]) for k in want)
        )
    if isinstance(want, list) and want and isinstance(want[0], dict):
        return len(got) == len(want) and all(same(g, w) for g, w in zip(got, want, strict=True))
    return bool(np.allclose(np.array(got, dtype=float), np.array(want, dtype=float)))


def test_the_contract_examples_in_one_batch(tmp_path: Path) -> None:
    done = la4ai_ask(tmp_path, "--batch", str(CONTRACTS / "ask-examples.jsonl"), "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(EXAMPLES)  # one object per question, nothing else on stdout
    for line, example in zip(lines, EXAMPLES, strict=True):
        answer = json.loads(line)
        jsonschema.validate(answer, SCHEMA)
        assert answer["question"] == example["q"]  # in order
        want = example["result"]
        assert answer["status"] == "answered", answer["text"]
        assert answer["result"]["type"] == want["type"], example["q"]
        if want["type"] == "text":
            assert answer["sources"]
            assert answer["sources"][0]["module"] == "pca"
            continue
        assert answer["verification"]["passed"] is True
        if "value" in want:
            assert same(answer["result"]["value"], want["value"]), (example["q"], answer["result"])
        if "exact" in want:
            assert answer["result"]["exact"] == want["exact"]


def test_plain_lines_from_stdin_and_a_declined_question(tmp_path: Path) -> None:
    done = la4ai_ask(
        tmp_path, "--batch", "-", "--json", stdin="norm of (3, 4)\n\nwho wins the world cup?\n"
    )
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["result"] == {"type": "scalar", "value": 5.0, "exact": "5"}
    assert second["status"] == "declined"
    assert second["result"] is None
    assert second["verification"] is None
    jsonschema.validate(second, SCHEMA)


def test_one_question_for_a_person(tmp_path: Path) -> None:
    done = la4ai_ask(tmp_path, "eigenvalues of [[2, 1], [1, 2]]", "--receipt")
    assert done.returncode == 0, done.stderr
    assert "result (multiset): [1.0, 3.0]" in done.stdout
    assert "receipt: verified ✓" in done.stdout
    assert "np.linalg.eigvals" in done.stdout  # --receipt prints the code
    declined = la4ai_ask(tmp_path, "determinant of [[1, 2, 3], [4, 5, 6]]")
    assert declined.returncode == 1
    assert "square" in declined.stdout


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    both = la4ai_ask(tmp_path, "norm of (3, 4)", "--batch", "-", stdin="")
    assert both.returncode == 2
    assert "either a QUESTION or --batch" in both.stderr
    broken = la4ai_ask(
        tmp_path, "--batch", "-", "--json", stdin='{"q": "norm of (3, 4)"}\n{"q": 3}\n'
    )
    assert broken.returncode != 0
    assert 'line 2: a JSON line needs a string "q" field' in broken.stderr
    assert "Traceback" not in broken.stderr


def test_a_misconfigured_llm_is_one_line_per_problem_without_the_key(tmp_path: Path) -> None:
    done = la4ai_ask(
        tmp_path,
        "norm of (3, 4)",
        env={"LA4AI_TUTOR_PROVIDER": "openai", "LA4AI_TUTOR_API_KEY": "sk-very-secret"},
    )
    assert done.returncode == 2
    assert "configuration error: LA4AI_TUTOR_BASE_URL" in done.stderr
    assert "configuration error: LA4AI_TUTOR_MODEL" in done.stderr
    assert "sk-very-secret" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
