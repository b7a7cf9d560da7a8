"""Okapi BM25 over short passages, with a light English analyzer made for this course.

:func:`analyze` turns prose into index terms: lower case, math and Markdown syntax dropped,
stop words removed, a light suffix-stripping stemmer (``eigenvectors`` → ``eigenvector``,
``centred``/``centring`` → ``centr``). :func:`expand_query` spells out the abbreviations and
synonyms learners type (``eigvec``, ``det``, ``SVD``, ``null space``) before analysis, so a
question meets the words the lessons use.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["Bm25", "analyze", "expand_query", "plain_text", "stem"]

# Standard English function words, the words every question is made of ("what",
# "explain", "mean") and TeX's layout commands: they say nothing about which passage
# answers a question.
_STOP_LIST = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    else etc ever every few for from further get gets got had has have having he her here hers
    him his how however i if in into is it its itself just let lets like many may me might more
    most much must my no nor not now of off often on once one only or other our ours out over
    own per please quite rather really same say says see seen shall she should so some such
    than that the their theirs them then there these they thing things this those though
    through thus to too under until up upon us very via was we were what when where whether
    which while who whom whose why will with within without would yes yet you your yours vs
    anyone anything somebody someone something
    explain explains explained tell know understand mean means meant meaning define defined
    definition describe question questions actually exactly basically simply simple
    mathbf mathbb mathrm operatorname frac tfrac dfrac begin end bmatrix pmatrix vmatrix
    cdot cdots ldots quad qquad lvert rvert
"""
_STOP_WORDS = frozenset(_STOP_LIST.split())

# Irregular plurals, and American spellings of words the course spells the British way:
# mapped before stemming.
_IRREGULAR = {
    "matrices": "matrix",
    "vertices": "vertex",
    "indices": "index",
    "bases": "basis",
    "axes": "axis",
    "analyses": "analysis",
    "hypotheses": "hypothesis",
    "centers": "centre",
    "center": "centre",
    "centered": "centred",
    "centering": "centring",
    "normalize": "normalise",
    "normalized": "normalised",
    "normalizing": "normalising",
    "normalization": "normalisation",
    "standardize": "standardise",
    "standardized": "standardised",
}

# Longest first; (suffix, replacement, shortest stem left).
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("ational", "ate", 3),
    ("ization", "ize", 3),
    ("isation", "ize", 3),
    ("ations", "ate", 3),
    ("ation", "ate", 3),
    ("ions", "", 4),
    ("ion", "", 4),
    ("nesses", "", 3),
    ("ness", "", 3),
    ("ments", "ment", 3),
    ("sses", "ss", 2),
    ("ies", "y", 3),
    ("ied", "y", 3),
    ("ing", "", 3),
    ("ed", "", 3),
    ("izable", "ize", 3),
    ("able", "", 4),
    ("ible", "", 4),
    ("ly", "", 4),
    ("s", "", 3),
)


def stem(word: str) -> str:
    """A light stemmer: strips common inflections so that the forms of one word meet
    (``rotation``/``rotate``/``rotated`` → ``rotat``). Not a linguist's stemmer; it only has
    to send a question's words and a lesson's words to the same key."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith(("ize", "ate")) and len(word) > 8:
        word = word[:-3]  # diagonalization → diagonal, transformation → transform
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # scaled → scal, but stopping → stop
    return word


_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"\$[^$\n]+\$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[a-z0-9]+")


def plain_text(markdown: str) -> str:
    """Prose without its math and Markdown syntax: what the words of a passage are."""
    text = _DISPLAY_MATH.sub(" ", markdown)
    text = _INLINE_MATH.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    return re.sub(r"[*_`#>|]+", " ", text)


def analyze(text: str) -> list[str]:
    """The index terms of ``text`` (Markdown is fine: math and syntax are dropped)."""
    words = _WORD.findall(plain_text(text).lower().replace("’", "'").replace("'s ", " "))
    return [stem(w) for w in words if w not in _STOP_WORDS and len(w) > 1 and not w.isdigit()]


# Abbreviations learners type, replaced by the words the lessons use (the abbreviation
# itself appears nowhere in the course, so keeping it would only make the question look
# off-topic).
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\beig(en)?vecs?\b|\bevecs?\b", "eigenvector"),
    (r"\beig(en)?vals?\b|\bevals?\b", "eigenvalue"),
    (r"\bnullspaces?\b", "null space"),
    (r"\bdim\b", "dimension"),
    (r"\bcos ?sim\b", "cosine similarity"),
    (r"\bmatmul\b", "matrix multiplication"),
    (r"\bvar\b", "variance"),
    (r"\bortho\b", "orthogonal"),
    (r"\bchar ?poly\b", "characteristic polynomial"),
    (r"\blin ?comb(o|s)?\b", "linear combination"),
    (r"\blin ?indep(endent)?\b", "linearly independent"),
    (r"\bnn\b|\bneural net\b", "neural network"),
)
# Synonyms and related words, added next to the learner's own words (and abbreviations
# that the course uses too, as NumPy's names: `det`, `inv`, `np.cov`).
_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\beigen\b|\beigen(de)?composition\b", "eigenvector eigenvalue"),
    (r"\bdet\b", "determinant"),
    (r"\binv\b", "inverse"),
    (r"\brref\b", "echelon"),
    (r"\bcov\b", "covariance"),
    (r"\bpca\b", "principal component analysis"),
    (r"\bprincipal components?\b", "pca"),
    (r"\bsvd\b", "singular value decomposition"),
    (r"\bdeterminant", "det"),
    (r"\binvert|\binverse", "inverse invertible"),
    (r"\bnon-?invertible\b", "singular"),
    (r"\bnull ?spaces?\b", "kernel"),
    (r"\bkernels?\b", "null space"),
    (r"\branges?\b", "image column space"),
    (r"\brow[- ]reduc", "elimination row operation"),
    (r"\bgaussian elimination\b", "row operation pivot"),
    (r"\b(inner|scalar) product\b", "dot product"),
    (r"\bmagnitude\b", "norm length"),
    (r"\bperpendicular\b", "orthogonal"),
    (r"\bdiagonali[sz]", "diagonalization diagonal"),
    (r"\blstsq\b", "least squares"),
    (r"\bdimensionality reduction\b", "pca principal component"),
)
_ABBREVIATION_PATTERNS = tuple((re.compile(p), words) for p, words in _ABBREVIATIONS)
_SYNONYM_PATTERNS = tuple((re.compile(p), words) for p, words in _SYNONYMS)


def expand_query(question: str) -> str:
    """The question in the course's words: abbreviations spelled out (``eigvec`` →
    ``eigenvector``, ``det`` → ``determinant``) and synonyms added (``null space`` also
    asks for ``kernel``)."""
    text = re.sub(r"[$\\]", " ", question.lower())  # a question's math is words too: $\det A$
    for pattern, words in _ABBREVIATION_PATTERNS:
        text = pattern.sub(words, text)
    extra = [words for pattern, words in _SYNONYM_PATTERNS if pattern.search(text)]
    return " ".join([text, *extra])


class Bm25:
    """Okapi BM25 (``k1``, ``b``) over documents given as term lists."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.5, b: float = 0.75):
        if not documents:
            raise ValueError("BM25 needs at least one document")
        self.k1, self.b = k1, b
        lengths = np.array([len(d) for d in documents], dtype=np.float64)
        self._norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1.0))
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for index, document in enumerate(documents):
            for term, count in Counter(document).items():
                self._postings.setdefault(term, []).append((index, count))
        n = len(documents)
        self._idf = {
            term: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self._postings.items()
        }
        self.size = n

    def idf(self, term: str) -> float:
        """How rare ``term`` is (0 for a term no document has)."""
        return self._idf.get(term, 0.0)

    def rarity(self, term: str) -> float:
        """Like :meth:`idf`, but a term no document has counts as the rarest of all."""
        return self._idf.get(term, math.log(1 + (self.size + 0.5) / 0.5))

    def scores(self, terms: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The BM25 score of every document for the query ``terms`` (each counted once)."""
        scores = np.zeros(self.size)
        for term in dict.fromkeys(terms):
            for index, count in self._postings.get(term, ()):
                scores[index] += (
                    self._idf[term] * count * (self.k1 + 1) / (count + self._norm[index])
                )
        return scores

    def ceiling(self, terms: Sequence[str]) -> float:
        """The score a document would get if it matched every query term very often: the
        yardstick that makes scores of different questions comparable."""
        return sum(self.rarity(t) for t in dict.fromkeys(terms)) * (self.k1 + 1)
