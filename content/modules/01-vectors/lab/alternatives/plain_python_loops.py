"""A correct solution with plain Python only: index loops, no NumPy, a hand-rolled top-k."""

import math


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("different lengths")
    total = 0
    for i in range(len(u)):
        total = total + u[i] * v[i]
    return float(total)


def norm(v):
    squares = 0.0
    for x in v:
        squares += x * x
    return math.sqrt(squares)


def cosine_similarity(u, v):
    if len(u) != len(v):
        raise ValueError("different lengths")
    nu, nv = norm(u), norm(v)
    if nu == 0.0 or nv == 0.0:
        raise ValueError("zero vector")
    return dot(u, v) / (nu * nv)


def most_similar(query, docs, k=1):
    scores = [cosine_similarity(query, list(row)) for row in docs]
    chosen = []
    for _ in range(min(k, len(scores))):
        best = None
        for i, score in enumerate(scores):
            if i not in chosen and (best is None or score > scores[best]):
                best = i
        chosen.append(best)
    return chosen
