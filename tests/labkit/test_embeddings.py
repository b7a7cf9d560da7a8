"""Live sentence embeddings (the `ai` extra): they reproduce the vectors the Module 1 lab
ships, and without the extra the error says what to install."""

from __future__ import annotations

import json

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
