from __future__ import annotations

import pytest

from la4ai.course.markdown import render
from la4ai.tutor.numbers import Evidence, find_numbers, mark_unverified, unverified_numbers

MARK = '<span class="unverified" data-unverified title="Not verified by code">'


def shown(markdown: str) -> list[str]:
    return [m.text for m in find_numbers(markdown)]


def values(markdown: str) -> list[float]:
    return [round(m.value, 6) for m in find_numbers(markdown)]


# --- finding numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("The rank is 3.", [3.0]),
        ("It comes to 0.25, or .5 of it.", [0.25, 0.5]),
        ("The determinant is -2.", [-2.0]),
        ("The determinant is −2.", [-2.0]),  # Unicode minus
        ("The entries are (-1, 2) and [-3.5].", [-1.0, 2.0, -3.5]),
        ("A ratio of 3/4 and -1/2.", [0.75, -0.5]),
        ("Tiny: 1.5e-3 and 2E4.", [0.0015, 20000.0]),
        ("About 40% of the variance.", [40.0]),
        ("Roughly √2 or sqrt(3), or 2√3.", [1.414214, 1.732051, 3.464102]),
    ],
)
def test_finds_numbers_in_prose(markdown: str, expected: list[float]) -> None:
    assert values(markdown) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (r"$\det A = -2$", [-2.0]),
        (r"$x = \frac{1}{3}$ and $y = -\frac{3}{4}$", [0.333333, -0.75]),
        (r"$\frac{\sqrt{2}}{2}$", [0.707107]),
        (r"$\sqrt{2}$ and $2\sqrt{3}$", [1.414214, 3.464102]),
        (r"$1.5 \times 10^{-3}$ and $10^{3}$", [0.0015, 1000.0]),
        ("$$\n\\begin{bmatrix} 1 & -2 \\\\ 3.5 & 4 \\end{bmatrix}\n$$", [1.0, -2.0, 3.5, 4.0]),
        (r"$2x + 3 = 7$", [2.0, 3.0, 7.0]),  # a coefficient in TeX is a number
    ],
)
def test_finds_numbers_in_latex(markdown: str, expected: list[float]) -> None:
    assert values(markdown) == expected


def test_a_minus_between_operands_subtracts_and_is_not_a_sign() -> None:
    assert values("4 - 6 = -2, and x-2 is zero at 2") == [4.0, 6.0, -2.0, 2.0, 2.0]


def test_keeps_the_text_as_shown() -> None:
    assert shown(r"So −0.50 and $\frac{1}{3}$ and 40 %.") == ["−0.50", r"\frac{1}{3}", "40 %"]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("See [the 42 examples](/modules/determinants#step-3) for 7.", ["7"]),
        ("Read https://example.org/v2/page?id=42 then 7.", ["7"]),
        ("Run `np.zeros(3)` to get 7.", ["7"]),
        ("```python\nA = np.eye(3)\nprint(42)\n```\nIt prints 7.", ["7"]),
        ("1. first 7\n2. second\n", ["7"]),
        ("## 2. Eigenvalues of 7\n\n### 3.1 More", ["7"]),
        ("In step 2, look at row 1 and column 3 of module 5: 7.", ["7"]),
        ("Call x1, R2 and v_3 in 3D; the 2nd one is 7.", ["7"]),
        (r"$x_1 + x_{12} = \mathbb{R}^3$ but $A^{-1}$ is 7", ["7"]),
        ("x^2 is 7", ["7"]),
        ("A 2×2 matrix, a 3x3 grid, a 2 x 4 array: 7.", ["7"]),
        ("![a plot of 42 points](plot-2.png) shows 7.", ["7"]),
    ],
)
def test_skips_what_is_not_a_stated_number(markdown: str, expected: list[str]) -> None:
    assert shown(markdown) == expected


def test_a_shape_followed_by_an_equals_sign_is_arithmetic() -> None:
    assert values("2 × 3 = 6") == [2.0, 3.0, 6.0]


# --- backing numbers with evidence -------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "evidence"),
    [
        ("about 0.33", "0.333333"),
        ("about 0.3333", "0.33333333"),
        ("it is 2", "2.0000000000000004"),
        ("it is 2.00", "2"),
        ("exactly 1/3", "0.3333"),
        ("exactly 1/3", "Rational: 1/3"),
        (r"$\frac{1}{3}$", "0.333333333"),
        ("-2 it is", '{"value": -2.0}'),
        ("the sign: −2", "det = -2"),
        ("40% of it", "0.4"),
        ("40% of it", "40.0"),
        ("small: 1.5e-3", "0.0015"),
        (r"$\sqrt{2}$", "1.4142135623730951"),
        (r"$\sqrt{2}$", "sqrt(2)"),
        (r"$\frac{\sqrt{2}}{2}$", "0.7071067811865476"),
        ("1000", "1e3"),
        ("the entry 3", "[[1. 2.]\n [3. 4.]]"),
    ],
)
def test_a_number_is_backed_by_evidence_at_its_shown_precision(
    markdown: str, evidence: str
) -> None:
    assert unverified_numbers(markdown, [evidence]) == []


@pytest.mark.parametrize(
    ("markdown", "evidence"),
    [
        ("it is 2", "1"),  # the wrong number
        ("it is 2", "2.6"),  # rounds to 3, not 2
        ("about 0.3333", "0.33"),  # more precision than the evidence has
        ("about 0.34", "0.333333"),
        ("it is -2", "2"),  # the sign is part of the claim
        ("it is 2", "-2"),
        ("exactly 1/3", "0.34"),  # 0.34 is not 1/3 at two places
        ("40% of it", "0.5"),
        (r"$\sqrt{3}$", "1.4142135623730951"),
        ("no evidence for 7", ""),
    ],
)
def test_a_number_without_matching_evidence_is_unverified(markdown: str, evidence: str) -> None:
    assert len(unverified_numbers(markdown, [evidence])) == 1


def test_unverified_numbers_are_listed_once_in_order() -> None:
    reply = "First 5, then 2, then 5 again, then the backed 1."
    assert unverified_numbers(reply, ["1"]) == ["5", "2"]


def test_evidence_reads_identifiers_and_labels_generously() -> None:
    # In a tool's output "x1 = 3" states 3 and "step 2" states 2: both back a claim.
    evidence = Evidence(["x1 = 3", "step 2 of 9"])
    assert unverified_numbers("x is 3, in 2 steps of 9", evidence) == []


def test_many_evidence_numbers_are_searched_quickly() -> None:
    evidence = Evidence([" ".join(str(i / 7) for i in range(20000))])
    assert len(evidence) >= 20000
    assert unverified_numbers("It is 1428.571 and 0.1429 and 99999.", evidence) == ["99999"]


# --- marking the HTML --------------------------------------------------------------------


def test_marks_unverified_numbers_in_text() -> None:
    html = render("The determinant is 2, not 1.")
    assert mark_unverified(html, ["2"]) == f"<p>The determinant is {MARK}2</span>, not 1.</p>\n"


def test_marking_nothing_returns_the_html_unchanged() -> None:
    html = render("The determinant is 2 &amp; more.")
    assert mark_unverified(html, []) == html


def test_marks_whole_numbers_only() -> None:
    html = mark_unverified(render("12 and 2 and 2.5"), ["2"])
    assert html == f"<p>12 and {MARK}2</span> and 2.5</p>\n"


def test_never_marks_inside_tags_attributes_code_or_links() -> None:
    markdown = "[see 2](/modules/vectors#part-2) and `x = 2` and 2\n\n```python\nprint(2)\n```\n"
    html = mark_unverified(render(markdown), ["2"])
    assert '<a href="/modules/vectors#part-2">see 2</a>' in html
    assert "<code>x = 2</code>" in html
    assert "print(2)" in html
    assert html.count(MARK) == 1
    assert f"and {MARK}2</span></p>" in html


def test_marks_a_math_element_as_a_whole() -> None:
    html = mark_unverified(render(r"So $\det A = 7$ and $x = 1$."), ["7"])
    assert (
        '<span class="la-math unverified" data-unverified title="Not verified by code">'
        r"\det A = 7</span>" in html
    )
    assert '<span class="la-math">x = 1</span>' in html


def test_marks_display_math_as_a_whole() -> None:
    html = mark_unverified(render("$$\n\\begin{bmatrix} 1 & 9 \\end{bmatrix}\n$$"), ["9"])
    assert html.startswith('<div class="la-math la-math-display unverified" data-unverified')
    assert "&amp;" in html  # the TeX inside is left exactly as it was


def test_keeps_escaped_text_escaped() -> None:
    html = mark_unverified(render("If a < 3 & b > 4: 3 <b>x</b>"), ["3"])
    assert html.count(MARK) == 2
    assert "&lt;" in html
    assert "&amp;" in html
    assert "&lt;b&gt;" in html


def test_leaves_a_heading_number_alone_like_find_numbers() -> None:
    html = mark_unverified(render("## 2. The answer is 2"), ["2"])
    assert html == f"<h2>2. The answer is {MARK}2</span></h2>\n"


def test_marks_what_the_list_of_unverified_numbers_names() -> None:
    reply = "Step 1: the trace is 5 and the determinant is −6; 1/3 of it is 7.5."
    unverified = unverified_numbers(reply, ["trace: 5"])
    assert unverified == ["−6", "1/3", "7.5"]
    html = mark_unverified(render(reply), unverified)
    assert html.count(MARK) == 3
    assert "Step 1:" in html
    assert "is 5 " in html
