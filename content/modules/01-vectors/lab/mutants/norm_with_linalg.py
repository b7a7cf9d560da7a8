"""Mutant: NumPy's norm instead of the square root of v · v."""

import math

import numpy as np


def dot(u, v) -> float:
    u, v = np.asarray(u, dtype=float).ravel(), np.asarray(v, dtype=float).ravel()
    if len(u) != len(v):
        raise ValueError(f"vectors of lengths {len(u)} and {len(v)} have no dot product")
    total = 0.0
    for a, b in zip(u, v, strict=True):
        total += float(a) * float(b)
    return total


def norm(v) -> float:
    return float(np.linalg.norm(v))


def cosine_similarity(u, v) -> float:
    length_u, length_v = norm(u), norm(v)
    if len(np.ravel(u)) != len(np.ravel(v)):
        raise ValueError("vectors of different lengths cannot be compared")
    if length_u == 0 or length_v == 0:
        raise ValueError("a zero vector has no direction")
    return dot(u, v) / (length_u * length_v)


def most_similar(query, docs, k=1) -> list[int]:
    scores = [cosine_similarity(query, row) for row in np.asarray(docs, dtype=float)]
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    return order[:k]
