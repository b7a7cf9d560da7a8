"""parse_lesson: lesson.md into typed blocks, and every authoring mistake with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from la4ai.course.lesson import Lesson, parse_lesson
from la4ai.course.markdown import MathSource
from la4ai.course.views import (
    AdmonitionBlock,
    Block,
    CodeBlock,
    HeadingBlock,
    MathBlock,
    ProseBlock,
    WidgetBlock,
)

FILE = Path("modules/01-vectors/lesson.md")


def lines(*rows: str) -> str:
    """A lesson written one line per argument, so tests can point at line numbers."""
    return "\n".join(rows) + "\n"


def parse(text: str) -> Lesson:
    lesson, problems = parse_lesson(text, file=FILE)
    assert problems == []
    return lesson


def problems_in(text: str) -> list[tuple[int | None, str]]:
    _, problems = parse_lesson(text, file=FILE)
    assert all(p.file == FILE for p in problems)
    return [(p.line, p.message) for p in problems]


def all_html(blocks: list[Block]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if isinstance(block, HeadingBlock | ProseBlock):
            found.append(block.html)
        elif isinstance(block, AdmonitionBlock):
            found += [b.html for b in block.blocks if isinstance(b, ProseBlock)]
    return found


# --- blocks -------------------------------------------------------------------------------


def test_headings_become_heading_blocks_with_unique_anchors() -> None:
    lesson = parse(lines("## Intro", "", "## Intro", "", "### Intro", "", "#### What is a vector?"))
    headings = [b for b in lesson.blocks if isinstance(b, HeadingBlock)]
    assert [(h.level, h.text, h.anchor) for h in headings] == [
        (2, "Intro", "intro"),
        (2, "Intro", "intro-2"),
        (3, "Intro", "intro-3"),
        (4, "What is a vector?", "what-is-a-vector"),
    ]


def test_heading_html_typesets_inline_math() -> None:
    heading = parse(lines("## The norm $\\lVert v \\rVert$")).blocks[0]
    assert isinstance(heading, HeadingBlock)
    assert heading.html == 'The norm <span class="la-math">\\lVert v \\rVert</span>'
    assert heading.anchor == "the-norm-lvert-v-rvert"


def test_prose_becomes_html_with_inline_math_spans() -> None:
    lesson = parse(lines("## Dot", "", "The dot product $u \\cdot v$ is a **number**."))
    assert lesson.blocks[1] == ProseBlock(
        html='<p>The dot product <span class="la-math">u \\cdot v</span> is a '
        "<strong>number</strong>.</p>\n"
    )


def test_consecutive_paragraphs_form_one_prose_block() -> None:
    lesson = parse(lines("## A", "", "First.", "", "- one", "- two"))
    assert lesson.blocks[1:] == [
        ProseBlock(html="<p>First.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    ]


def test_display_math_becomes_a_math_block() -> None:
    lesson = parse(lines("## Pythagoras", "", "$$", "a^2 + b^2 = c^2", "$$", "", "Done."))
    assert lesson.blocks[1] == MathBlock(tex="a^2 + b^2 = c^2")
    assert lesson.blocks[2] == ProseBlock(html="<p>Done.</p>\n")


def test_python_fences_are_runnable_cells_numbered_in_reading_order() -> None:
    lesson = parse(
        lines(
            "## Cells",  # 1
            "",
            "```python",  # 3
            "x = 1",
            "```",
            "",
            "```python static",  # 7
            "for each row: ...",
            "```",
            "",
            "```python",  # 11
            "y = x + 1",
            "```",
        )
    )
    code = [b for b in lesson.blocks if isinstance(b, CodeBlock)]
    assert [(c.id, c.runnable, c.line, c.source) for c in code] == [
        ("cell-1", True, 3, "x = 1\n"),
        ("", False, 7, "for each row: ...\n"),
        ("cell-2", True, 11, "y = x + 1\n"),
    ]
    assert [c.id for c in lesson.cells] == ["cell-1", "cell-2"]


def test_output_block_attaches_to_the_cell_before_it() -> None:
    lesson = parse(lines("## A", "", "```python", "print(2 + 2)", "```", "```output", "4", "```"))
    assert lesson.blocks[1:] == [
        CodeBlock(
            id="cell-1",
            language="python",
            source="print(2 + 2)\n",
            runnable=True,
            expected_output="4\n",
            line=3,
        )
    ]


def test_python_static_is_shown_but_not_run() -> None:
    lesson = parse(lines("## A", "", "```python static", "import nothing", "```"))
    block = lesson.blocks[1]
    assert isinstance(block, CodeBlock)
    assert (block.language, block.runnable, block.id) == ("python", False, "")
    assert lesson.cells == []


def test_python_raises_marks_a_runnable_cell_that_fails_on_purpose() -> None:
    lesson = parse(
        lines("## A", "", "```python raises=ValueError", "np.ones(2) @ np.ones(3)", "```")
    )
    assert [(c.id, c.raises, c.runnable) for c in lesson.cells] == [("cell-1", "ValueError", True)]


def test_dotted_exception_names_are_accepted_for_raises() -> None:
    lesson = parse(lines("## A", "", "```python raises=numpy.linalg.LinAlgError", "x", "```"))
    assert lesson.cells[0].raises == "numpy.linalg.LinAlgError"


def test_other_languages_are_highlighted_and_never_run() -> None:
    lesson = parse(lines("## A", "", "```text", "plain", "```", "", "```", "bare", "```"))
    code = [b for b in lesson.blocks if isinstance(b, CodeBlock)]
    assert [(c.language, c.runnable) for c in code] == [("text", False), ("text", False)]


def test_widget_directive_becomes_a_widget_block_with_its_props() -> None:
    lesson = parse(
        lines(
            "## Play",
            "",
            ":::{widget} vector-playground",
            "u: [3, 1]",
            "v: [1, 2]",
            "show: [sum, dot]",
            "caption: Drag the arrow heads.",
            ":::",
        )
    )
    expected_props = {
        "u": [3, 1],
        "v": [1, 2],
        "show": ["sum", "dot"],
        "caption": "Drag the arrow heads.",
    }
    assert lesson.blocks[1] == WidgetBlock(name="vector-playground", props=expected_props)
    assert lesson.widgets == [WidgetBlock(name="vector-playground", props=expected_props)]
    # Plain containers, so the props serialize to JSON for the browser.
    assert type(lesson.widgets[0].props["u"]) is list


def test_widget_without_a_body_gets_empty_props() -> None:
    lesson = parse(lines("## Play", "", ":::{widget} vector-playground", ":::"))
    assert lesson.blocks[1] == WidgetBlock(name="vector-playground", props={})


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("note", "Note"),
        ("tip", "Tip"),
        ("warning", "Warning"),
        ("pitfall", "Common pitfall"),
        ("connection", "The ML connection"),
        ("try-it", "Try it"),
    ],
)
def test_admonition_without_a_title_gets_its_default_title(kind: str, title: str) -> None:
    block = parse(lines("## A", "", f":::{{{kind}}}", "Body text.", ":::")).blocks[1]
    assert isinstance(block, AdmonitionBlock)
    assert (block.kind, block.title) == (kind, title)
    assert block.blocks == [ProseBlock(html="<p>Body text.</p>\n")]


def test_admonition_takes_a_custom_title() -> None:
    lesson = parse(lines("## A", "", ":::{pitfall} Lists are not vectors", "Use arrays.", ":::"))
    block = lesson.blocks[1]
    assert isinstance(block, AdmonitionBlock)
    assert (block.kind, block.title) == ("pitfall", "Lists are not vectors")


def test_admonition_holds_math_cells_and_widgets_numbered_with_the_lesson() -> None:
    lesson = parse(
        lines(
            "## A",  # 1
            "",
            "```python",  # 3
            "a = 1",
            "```",
            "",
            "::::{try-it}",  # 7
            "Run this:",
            "",
            "$$",
            "x = 2",
            "$$",
            "",
            "```python",  # 14
            "print(a)",
            "```",
            "```output",
            "1",
            "```",
            "",
            ":::{widget} vector-playground",
            "u: [1, 0]",
            ":::",
            "::::",
            "",
            "```python",  # 26
            "b = 2",
            "```",
        )
    )
    admonition = lesson.blocks[2]
    assert isinstance(admonition, AdmonitionBlock)
    assert [type(b) for b in admonition.blocks] == [ProseBlock, MathBlock, CodeBlock, WidgetBlock]
    assert [(c.id, c.line, c.expected_output) for c in lesson.cells] == [
        ("cell-1", 3, None),
        ("cell-2", 14, "1\n"),
        ("cell-3", 26, None),
    ]
    assert lesson.widgets == [WidgetBlock(name="vector-playground", props={"u": [1, 0]})]


def test_raw_html_is_escaped_in_every_block() -> None:
    attack = "<script>alert(1)</script>"
    lesson = parse(
        lines(
            f"## Title {attack}",
            "",
            attack,
            "",
            f"Inline {attack} and <img src=x onerror=alert(1)> here.",
            "",
            ":::{note}",
            attack,
            ":::",
            "",
            f"- {attack}",
        )
    )
    html = all_html(lesson.blocks)
    assert len(html) == 4  # heading, prose, the admonition's prose, prose
    for fragment in html:
        assert "<script" not in fragment
        assert "<img" not in fragment
    assert sum(fragment.count("&lt;script&gt;") for fragment in html) == 5


def test_math_is_escaped_inside_its_span() -> None:
    lesson = parse(lines("## A", "", "Compare $a < b$ and $</span><script>x</script>$."))
    html = all_html(lesson.blocks)[1]
    assert '<span class="la-math">a &lt; b</span>' in html
    assert "<script" not in html


def test_word_count_counts_running_text_but_not_code_math_or_widget_props() -> None:
    lesson = parse(
        lines(
            "## Two words",  # 2
            "",
            "One two `skipped code` three $x + y = z$ four.",  # 4
            "",
            "```python",
            "not_counted = 'at all'",
            "```",
            "",
            "$$",
            "e = mc^2",
            "$$",
            "",
            ":::{widget} vector-playground",
            "caption: these caption words are props",
            ":::",
            "",
            ":::{tip}",
            "Five six seven.",  # 3
            ":::",
            "",
            "- isn't counted-twice",  # 2
        )
    )
    assert lesson.word_count == 11


def test_math_sources_are_collected_with_their_lines() -> None:
    lesson = parse(
        lines(
            "## The norm $\\lVert v \\rVert$",  # 1
            "",
            "A paragraph with $a$ and $$b$$.",  # 3
            "",
            "- a list item with $c$",  # 5
            "",
            "$$",  # 7
            "d = 1",
            "$$",
            "",
            ":::{note}",
            "Inside: $f$",  # 12
            ":::",
        )
    )
    assert sorted(lesson.math, key=lambda m: (m.line, m.tex)) == [
        MathSource(1, "\\lVert v \\rVert", False),
        MathSource(3, "a", False),
        MathSource(3, "b", True),
        MathSource(5, "c", False),
        MathSource(7, "d = 1", True),
        MathSource(12, "f", False),
    ]


# --- problems, each with its line ---------------------------------------------------------


def test_level_one_heading_is_rejected() -> None:
    assert problems_in(lines("## Fine", "", "# Title")) == [
        (3, "use ## for sections: the module title is the page's heading")
    ]


def test_level_five_heading_is_rejected() -> None:
    assert problems_in(lines("## Fine", "", "##### Deep")) == [
        (3, "heading level 5 is too deep (use ##, ### or ####)")
    ]


def test_heading_inside_an_admonition_is_rejected() -> None:
    text = lines("## A", "", ":::{note}", "Text.", "", "### Inside", ":::")
    assert problems_in(text) == [(6, "headings are not allowed inside an admonition")]


def test_nested_admonition_is_rejected() -> None:
    text = lines("## A", "", "::::{tip}", "Outer.", "", ":::{note}", "Inner.", ":::", "::::")
    assert problems_in(text) == [(6, "admonitions cannot be nested")]


def test_unknown_directive_is_rejected_with_the_known_ones() -> None:
    assert problems_in(lines("## A", "", ":::{sidebar}", "x", ":::")) == [
        (
            3,
            "unknown directive {sidebar} (known: widget, note, tip, warning, pitfall, "
            "connection, try-it)",
        )
    ]


def test_directive_without_braces_is_rejected() -> None:
    assert problems_in(lines("## A", "", "Text.", "", ":::note", "x", ":::")) == [
        (
            5,
            "directives are written :::{name}; got :::note (known: widget, note, tip, "
            "warning, pitfall, connection, try-it)",
        )
    ]


def test_unknown_widget_is_rejected_with_the_known_widgets() -> None:
    text = lines("## A", "", ":::{widget} matrix-thing", "u: [1, 2]", ":::")
    [(line, message)] = problems_in(text)
    assert line == 3
    assert message.startswith("unknown widget 'matrix-thing' (known widgets: ")
    for known in ("vector-playground", "grid-warp", "pca-projection"):
        assert known in message


def test_widget_props_failing_the_schema_are_reported_on_their_lines() -> None:
    text = lines(
        "## A",
        "",
        ":::{widget} vector-playground",  # 3
        "caption: fine",
        "u: [1, 2, 3]",  # 5
        "v: [1, 99]",  # 6
        ":::",
    )
    assert problems_in(text) == [
        (5, "widget 'vector-playground': u: [1, 2, 3] is too long"),
        (6, "widget 'vector-playground': v.1: 99 is greater than the maximum of 6"),
    ]


def test_unknown_widget_prop_is_rejected() -> None:
    text = lines("## A", "", ":::{widget} vector-playground", "colour: red", ":::")
    assert problems_in(text) == [
        (
            4,
            "widget 'vector-playground': colour: unknown prop (allowed: caption, show, u, v)",
        )
    ]


def test_unknown_widget_prop_is_reported_on_its_own_line() -> None:
    text = lines(
        "## A",
        "",
        ":::{widget} vector-playground",  # 3
        "u: [3, 1]",  # 4
        "v: [1, 2]",
        "colour: red",  # 6
        ":::",
    )
    assert [line for line, _ in problems_in(text)] == [6]


def test_widget_props_inside_an_admonition_are_reported_on_file_lines() -> None:
    text = lines(
        "## A",
        "",
        "Some text.",
        "",
        "::::{tip}",  # 5
        "Play with it:",
        "",
        ":::{widget} vector-playground",  # 8
        "u: [1, -7]",  # 9
        ":::",
        "::::",
    )
    assert problems_in(text) == [
        (9, "widget 'vector-playground': u.1: -7 is less than the minimum of -6")
    ]


def test_broken_yaml_in_a_widget_body_is_reported_on_its_line() -> None:
    text = lines(
        "## A", "", ":::{widget} vector-playground", "caption: x", "u: [1, 2", "v: [1]", ":::"
    )
    [(line, message)] = problems_in(text)
    assert line == 6
    assert message.startswith("YAML syntax error: ")


def test_widget_body_that_is_not_a_mapping_is_rejected() -> None:
    text = lines("## A", "", ":::{widget} vector-playground", "- 1", ":::")
    assert problems_in(text) == [
        (4, "widget 'vector-playground': its body must be props as key: value")
    ]


@pytest.mark.parametrize(
    "before",
    [
        ["Some prose."],
        ["```python static", "x", "```"],
        ["```text", "x", "```"],
    ],
    ids=["after-prose", "after-static-cell", "after-text-fence"],
)
def test_output_block_without_a_runnable_cell_before_it_is_rejected(before: list[str]) -> None:
    text = lines("## A", "", *before, "```output", "1", "```")
    assert problems_in(text) == [
        (3 + len(before), "an ```output block must follow a runnable ```python cell")
    ]


def test_output_block_at_the_start_is_rejected() -> None:
    text = lines("```output", "1", "```", "", "## A")
    assert problems_in(text) == [(1, "an ```output block must follow a runnable ```python cell")]


def test_second_output_block_for_one_cell_is_rejected() -> None:
    text = lines(
        "## A", "", "```python", "print(1)", "```", "```output", "1", "```", "```output", "1", "```"
    )
    assert problems_in(text) == [(9, "this cell already has an ```output block")]


def test_unknown_python_fence_option_is_rejected() -> None:
    assert problems_in(lines("## A", "", "```python hidden", "x = 1", "```")) == [
        (3, "unknown option 'hidden' for a python cell (known: static, raises=ExceptionName)")
    ]


def test_options_on_a_non_python_fence_are_rejected() -> None:
    assert problems_in(lines("## A", "", "```text wrap", "x", "```")) == [
        (3, "code fences in 'text' take no options")
    ]


@pytest.mark.parametrize("name", ["1Error", "", "Value-Error", "ValueError()"])
def test_raises_option_needs_an_exception_name(name: str) -> None:
    assert problems_in(lines("## A", "", f"```python raises={name}", "x", "```")) == [
        (3, f"raises= needs an exception name, got {name!r}")
    ]


def test_lesson_without_sections_is_rejected() -> None:
    assert problems_in(lines("Just prose, no headings.")) == [(1, "the lesson has no ## sections")]


def test_lesson_with_only_subsections_is_rejected() -> None:
    assert problems_in(lines("### Only a subsection", "", "Text.")) == [
        (1, "the lesson has no ## sections")
    ]


def test_python_cell_nested_in_a_list_is_not_silently_dropped() -> None:
    lesson, problems = parse_lesson(
        lines("## A", "", "- Step one:", "", "  ```python", "  print(1)", "  ```"), file=FILE
    )
    assert problems or lesson.cells


def test_every_problem_in_a_lesson_is_reported() -> None:
    text = lines(
        "# Title",  # 1
        "",
        "## Fine",
        "",
        ":::{sidebar}",  # 5
        "x",
        ":::",
        "",
        "```python nope",  # 9
        "x = 1",
        "```",
    )
    assert [line for line, _ in problems_in(text)] == [1, 5, 9]
