"""Module 1 lab: semantic search with cosine similarity.

Fill in the four functions. Use loops and sums (and math.sqrt); do not call np.dot, @ or
np.linalg.norm inside dot and norm.
"""

import math

import numpy as np


def dot(u, v) -> float:
    """The dot product u · v. Raise ValueError when the lengths differ."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    # TODO: add up u[i] * v[i] over every i.
    raise NotImplementedError


def norm(v) -> float:
    """The length of v: the square root of v · v."""
    # TODO
    raise NotImplementedError


def cosine_similarity(u, v) -> float:
    """cos of the angle between u and v. Raise ValueError for a zero vector or unequal lengths."""
    # TODO
    raise NotImplementedError


def most_similar(query, docs, k=1) -> list[int]:
    """Indices of the k rows of docs most similar to query, best first."""
    # TODO: score every row with cosine_similarity, then sort.
    raise NotImplementedError




if __name__ == "__main__":
    # Run the file: rank real sentences against three questions, using all-MiniLM-L6-v2
    # sentence embeddings computed for this lab (384 numbers per sentence).
    import json
    import os
    from pathlib import Path

    data = Path(os.environ.get("LA4AI_COURSE_DATA", "data")) / "vectors"
    sentences = json.loads((data / "sentences.json").read_text())
    documents, queries = np.load(data / "documents.npy"), np.load(data / "queries.npy")
    try:
        for question, query in zip(sentences["queries"], queries):
            print("Q:", question["text"])
            for rank, i in enumerate(most_similar(query, documents, k=3), start=1):
                score = cosine_similarity(query, documents[i])
                print(f"  {rank}. {score:.3f}  {sentences['documents'][i]}")
        # With the `ai` extra installed, ask a question of your own: the same model embeds it
        # live (the first call loads the model, a few seconds).
        from la4ai.labkit.embeddings import embed_sentences, embedder_available

        if embedder_available():
            mine = "Where do I find my bill?"
            [query] = embed_sentences([mine])
            best = most_similar(query, documents, k=1)[0]
            print("Q:", mine, "->", sentences["documents"][best])
    except NotImplementedError:
        print("Fill in the four functions first, then run the file again.")
