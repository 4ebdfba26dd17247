"""The source page's paragraph blocks, set aside by raw_blocks, come out exactly as md_in_html's.

Every case is converted with the shipped extensions, with and without the preprocessor:
the HTML (and the table of contents) must be the same, whether the preprocessor takes
a block or leaves it to md_in_html.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from build_scripts import pipeline, project
from build_scripts.render import pages, raw_blocks


def convert(text: str, *, ours: bool) -> tuple[str, str]:
    extensions: list[object] = ["attr_list", "md_in_html", "admonition", "toc"]
    if ours:
        extensions.append(raw_blocks.ParagraphBlocksExtension())
    md = markdown.Markdown(extensions=extensions, extension_configs={"toc": {"permalink": True}})
    return md.convert(text), md.toc  # type: ignore[attr-defined]


def paragraph(number: int, text: str = "Tekst &amp; meer.", extra: str = "") -> str:
    return (f'<div class="explainer-paragraph" id="p{number}"><a class="explainer-permalink" '
            f'href="#p{number}" title="Link">¶{number}</a><p class="explainer-original" lang="nl">'
            f"{text}</p>{extra}</div>")


CITED = '<p class="explainer-cited-by"><span>Cited by:</span> <a href="../actors/x/">X</a></p>'

CASES = {
    "many, with headings": "# Bron\n\n" + "\n\n".join(
        paragraph(n) if n % 4 else f"## Kop {n} {{ #h{n} }}" for n in range(1, 14)) + "\n",
    "blank lines of spaces between, text after": paragraph(1) + "\n \n\n" + paragraph(2)
        + "\n   \n" + paragraph(3) + "\n\n\nText.\n",
    "first and last on the page": paragraph(1) + "\n\n" + paragraph(2, extra=CITED),
    "last, then a trailing blank line": paragraph(1) + "\n\n" + paragraph(2) + "\n\n",
    "spaces on the blank lines": paragraph(1) + "\n   \n" + paragraph(2) + "\n \n\ntext\n",
    "a translation with a line break": paragraph(1, "one line\nand the next") + "\n\n" + paragraph(2),
    "a translation with a blank line (left to md_in_html)":
        paragraph(1, "one\n\ntwo") + "\n\n" + paragraph(2),
    "right after a paragraph (left to md_in_html)": "Some text\n" + paragraph(1) + "\n\nMore.\n",
    "text right after it (left to md_in_html)": paragraph(1) + "\nMore text.\n\n" + paragraph(2),
    "text after it on its line (left to md_in_html)": paragraph(1) + " tail\n\n" + paragraph(2),
    "another div inside (left to md_in_html)": paragraph(1, extra="<div>x</div>") + "\n\n" + paragraph(2),
    "unclosed (left to md_in_html)": paragraph(1)[: -len("</div>")] + "\n\n" + paragraph(2),
    "inside a markdown div (left to md_in_html)": '<div class="wrap" markdown>\n\n' + paragraph(1)
        + "\n\n*x*\n\n</div>\n",
    "after a markdown div (left to md_in_html)": '<div markdown="1">\n\n*x*\n\n</div>\n\n'
        + paragraph(1),
    "inside a comment (left to md_in_html)": "<!-- a\n\n" + paragraph(1) + "\n\n-->\n\n" + paragraph(2),
    "after closed HTML blocks": '<p class="meta">a<br>b</p>\n\n<aside id="h1">x</aside>\n\n'
        + paragraph(1) + "\n\n<hr>\n\n" + paragraph(2),
    "inside a raw div (left to md_in_html)": '<div class="wrap">\n\n' + paragraph(1)
        + "\n\n</div>\n\n" + paragraph(2),
    "in an indented code block": "Code:\n\n    " + paragraph(1) + "\n\n" + paragraph(2),
    "in a code span": "`" + paragraph(1) + "`\n\n" + paragraph(2),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_same_html_as_md_in_html(text: str) -> None:
    assert convert(text, ours=True) == convert(text, ours=False)


def test_every_generated_page_is_the_same(mini: Path) -> None:
    sources = pipeline.load(project.load(mini / "mkdocs.yml"))
    files, _ = pages.render_site(sources)
    assert any(raw_blocks.PREFIX in text for text in files.values())
    for path, text in files.items():
        if path.endswith("404.md"):  # the 404's text, without front matter or paragraphs
            continue
        body = text.split("---\n", 2)[2]
        assert convert(body, ours=True) == convert(body, ours=False), path


def test_the_blocks_are_taken() -> None:
    """The source page's blocks reach md_in_html's quadratic path no more, and consecutive ones
    are one Markdown block (Markdown's block parser is quadratic in their number)."""
    md = markdown.Markdown(extensions=["md_in_html", raw_blocks.ParagraphBlocksExtension()])
    lines = CASES["after closed HTML blocks"].split("\n")
    out = md.preprocessors["explainer_paragraph_blocks"].run(lines)
    assert md.htmlStash.rawHtmlBlocks == [paragraph(1) + "\n", paragraph(2)]
    assert out == [*lines[:4], md.htmlStash.get_placeholder(0), "", "<hr>", "",
                   md.htmlStash.get_placeholder(1)]
    md.reset()
    lines = ("# Bron\n\n" + paragraph(1) + "\n\n" + paragraph(2) + "\n  \n\n" + paragraph(3)
             + "\n\ntext\n").split("\n")
    out = md.preprocessors["explainer_paragraph_blocks"].run(lines)
    assert md.htmlStash.rawHtmlBlocks == [
        paragraph(1) + "\n\n" + paragraph(2) + "\n\n" + paragraph(3) + "\n"]
    assert out == ["# Bron", "", md.htmlStash.get_placeholder(0), "", "text", ""]
