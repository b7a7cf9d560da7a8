"""A correct solution with generator expressions, `** 0.5` and sorted(), normalising each
vector first and comparing unit vectors."""


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return float(sum(a * b for a, b in zip(u, v)))


def norm(v):
    return dot(v, v) ** 0.5


def _unit(v):
    length = norm(v)
    if length == 0:
        raise ValueError("a zero vector has no direction")
    return [x / length for x in v]


def cosine_similarity(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return dot(_unit(u), _unit(v))


def most_similar(query, docs, k=1):
    ranked = sorted(
        range(len(docs)), key=lambda i: cosine_similarity(query, docs[i]), reverse=True
    )
    return [int(i) for i in ranked[:k]]
