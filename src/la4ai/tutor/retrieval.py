"""Course questions: conceptual questions answered with the course's own words.

:class:`CourseIndex` searches the course's passages (:mod:`la4ai.tutor.passages`) with
Okapi BM25 (:mod:`la4ai.tutor.bm25`), always available, and, with the ``ai`` extra, with
all-MiniLM-L6-v2 sentence embeddings (the model the package ships, loaded offline by
:mod:`la4ai.labkit.embeddings`). ``method="auto"`` combines both when it can and uses BM25
alone when it cannot.

:meth:`CourseIndex.answer` quotes the best passage or two word for word, with links to
their sections; when nothing in the course is relevant enough it returns None, so that the
tutor declines rather than quote something beside the point. It generates no language of
its own: apart from the line that says so, every sentence of an answer is the course's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from la4ai.course.loader import Course
from la4ai.labkit import embeddings
from la4ai.tutor.bm25 import Bm25, analyze, expand_query, plain_text
from la4ai.tutor.models import Answer, Result, Source
from la4ai.tutor.passages import Passage, course_passages, defined_terms
from la4ai.tutor.quotes import best_quote

__all__ = ["BM25_RELEVANT", "EVIDENCE_RELEVANT", "CourseIndex", "Method", "Passage"]

Method = Literal["auto", "bm25", "minilm"]
_METHODS = ("auto", "bm25", "minilm")

# How relevant the best passage must be to be quoted, calibrated on the shipped course
# (docs/tutor.md, "Course questions"). The evidence for a passage is, with BM25 alone, its
# share of the BM25 score a passage matching every word of the question would get; with
# embeddings, its MiniLM cosine similarity plus half that share. A question must also use
# at least one word the course is about (see _topic_terms).
BM25_RELEVANT = 0.25
EVIDENCE_RELEVANT = 0.5
_SECOND_WITHIN = 0.9  # a second passage is quoted when its evidence is this close


@dataclass(frozen=True)
class _Ranking:
    """One query against every passage: the order (best first), the score that ordered
    them, and each passage's evidence (comparable across questions)."""

    order: list[int]
    scores: np.ndarray[Any, np.dtype[np.float64]]
    evidence: np.ndarray[Any, np.dtype[np.float64]]
    on_topic: bool


class CourseIndex:
    """A search index over the course's passages. Build it once per loaded course with
    :meth:`build`; it never changes afterwards.

    ``method`` is what it ranks with: ``bm25``, ``minilm`` (cosine similarity of the
    embeddings) or ``hybrid`` (cosine similarity plus half the BM25 share)."""

    def __init__(
        self,
        passages: Sequence[Passage],
        *,
        method: Literal["bm25", "minilm", "hybrid"],
        vectors: np.ndarray[Any, np.dtype[np.float32]] | None = None,
    ) -> None:
        if not passages:
            raise ValueError("there are no passages to index")
        if (vectors is None) != (method == "bm25"):
            raise ValueError(f"method {method!r} needs {'no ' if method == 'bm25' else ''}vectors")
        if vectors is not None and vectors.shape[0] != len(passages):
            raise ValueError(f"{vectors.shape[0]} vectors for {len(passages)} passages")
        self.passages = list(passages)
        self.method = method
        self.build_seconds = 0.0
        self._bm25 = Bm25([analyze(_indexed_text(p)) for p in self.passages])
        self._vectors = vectors
        self._topics = _topic_terms(self.passages)
        self._threshold = BM25_RELEVANT if vectors is None else EVIDENCE_RELEVANT

    @classmethod
    def build(cls, course: Course, *, method: Method = "auto") -> CourseIndex:
        """Index ``course``: ``bm25`` alone; ``minilm`` embeddings (RuntimeError, saying
        what to install, without the ``ai`` extra); ``auto`` both (``hybrid``) when the
        extra is installed, else BM25 alone. Embedding the course takes seconds."""
        if method not in _METHODS:
            raise ValueError(f"unknown retrieval method {method!r} (known: {', '.join(_METHODS)})")
        started = time.perf_counter()
        passages = course_passages(course)
        vectors = None
        resolved: Literal["bm25", "minilm", "hybrid"] = "bm25"
        if method == "minilm" or (method == "auto" and embeddings.embedder_available()):
            vectors = embeddings.embed_sentences([_embedded_text(p) for p in passages])
            resolved = "minilm" if method == "minilm" else "hybrid"
        index = cls(passages, method=resolved, vectors=vectors)
        index.build_seconds = time.perf_counter() - started
        return index

    def search(self, query: str, k: int = 3) -> list[Passage]:
        """The ``k`` passages that best match ``query``, best first, each with the score
        that ranked it (see ``method``). With BM25 alone, only passages that share a word
        with the query. ValueError for a blank query."""
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        ranking = self._rank(query)
        return [
            replace(self.passages[i], score=float(ranking.scores[i])) for i in ranking.order[:k]
        ]

    def answer(self, question: str) -> Answer | None:
        """The course's answer to a conceptual question: the best passage (and a second one
        nearly as relevant, from another section) quoted with links to their sections.
        None when no passage is relevant enough to quote (or the question is blank)."""
        if not question.strip():
            return None
        ranking = self._rank(question)
        if not ranking.on_topic or not ranking.order:
            return None
        best = ranking.order[0]
        if ranking.evidence[best] < self._threshold:
            return None
        chosen = [best]
        needed = max(self._threshold, _SECOND_WITHIN * ranking.evidence[best])
        for other in ranking.order[1:3]:
            elsewhere = self.passages[other].anchor != self.passages[best].anchor
            if elsewhere and ranking.evidence[other] >= needed:
                chosen.append(other)
                break
        terms = analyze(expand_query(question))
        sources = [self._source(self.passages[i], terms) for i in chosen]
        text = _answer_text(sources, [self.passages[i] for i in chosen])
        return Answer(
            question=question,
            status="answered",
            text=text,
            result=Result(type="text", value=text),
            sources=sources,
        )

    def _rank(self, query: str) -> _Ranking:
        if not query.strip():
            raise ValueError("the query is empty")
        expanded = expand_query(query)
        terms = analyze(expanded)
        bm25 = self._bm25.scores(terms)
        ceiling = self._bm25.ceiling(terms)
        share = bm25 / ceiling if ceiling > 0 else bm25
        on_topic = not self._topics.isdisjoint(terms)
        if self._vectors is None:
            order = [i for i in np.argsort(-bm25, kind="stable").tolist() if bm25[i] > 0]
            return _Ranking(order, bm25, share, on_topic)
        query_vector = embeddings.embed_sentences([expanded])[0]
        cosines = (self._vectors @ query_vector).astype(np.float64)
        # Meaning and words together: MiniLM finds a "nearest" passage for anything and
        # calls some unrelated ones near; BM25 is fooled by a word or two in common.
        evidence = cosines + share / 2
        ranked_by = cosines if self.method == "minilm" else evidence
        return _Ranking(
            np.argsort(-ranked_by, kind="stable").tolist(), ranked_by, evidence, on_topic
        )

    def _source(self, passage: Passage, terms: list[str]) -> Source:
        return Source(
            module=passage.module_id,
            title=_label(passage),
            url=passage.url,
            quote=best_quote(passage.text, terms, self._bm25.idf),
        )


def _topic_terms(passages: Sequence[Passage]) -> frozenset[str]:
    """The words the course is about: those of its module titles, section headings and
    the terms it defines. A question that uses none of them is not a course question,
    however many of its other words some passage happens to contain ("what is love")."""
    found: set[str] = set()
    for passage in passages:
        for text in (passage.module_title, passage.section, *defined_terms(passage.text)):
            found.update(analyze(text))
    return frozenset(found)


def _indexed_text(passage: Passage) -> str:
    # The module's id and title name its topic; a term the passage defines counts thrice.
    defined = " ".join(defined_terms(passage.text))
    topic = f"{passage.module_id.replace('-', ' ')}\n{passage.module_title}"
    return f"{topic}\n{passage.section}\n{defined}\n{defined}\n{passage.text}"


def _embedded_text(passage: Passage) -> str:
    return f"{passage.section}. {' '.join(plain_text(passage.text).split())}"


def _label(passage: Passage) -> str:
    """``<module title> — <section>`` (just the title for a module's overview)."""
    if passage.section == passage.module_title:
        return passage.module_title
    return f"{passage.module_title} — {passage.section}"


def _link_text(text: str) -> str:
    return re.sub(r"([\[\]])", r"\\\1", text)


def _answer_text(sources: list[Source], passages: list[Passage]) -> str:
    parts = ["Quoted from the course:"]
    for source, passage in zip(sources, passages, strict=True):
        parts.append("\n".join(f"> {line}".rstrip() for line in source.quote.splitlines()))
        label = f"From *{passage.module_title}*"
        if passage.section != passage.module_title:
            label += f" — {passage.section}"
        parts.append(f"[{_link_text(label)}]({passage.url})")
    return "\n\n".join(parts)
