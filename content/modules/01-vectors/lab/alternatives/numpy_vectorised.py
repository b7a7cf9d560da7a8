"""A correct solution with NumPy vectorised arithmetic (no np.dot / @ in dot), scores for
all documents at once and argsort for the ranking."""

import numpy as np


def dot(u, v):
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    if u.shape != v.shape:
        raise ValueError(f"shapes {u.shape} and {v.shape} differ")
    return float(np.sum(u * v))


def norm(v):
    v = np.asarray(v, dtype=float)
    return float(np.sqrt(np.sum(v**2)))


def cosine_similarity(u, v):
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    if u.shape != v.shape:
        raise ValueError("vectors of different lengths")
    lengths = norm(u) * norm(v)
    if lengths == 0:
        raise ValueError("a zero vector has no direction")
    return dot(u, v) / lengths


def most_similar(query, docs, k=1):
    docs = np.asarray(docs, dtype=float)
    query = np.asarray(query, dtype=float)
    scores = (docs * query).sum(axis=1) / (np.sqrt((docs**2).sum(axis=1)) * norm(query))
    return np.argsort(-scores, kind="stable")[:k].tolist()
