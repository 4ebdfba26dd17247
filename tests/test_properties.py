"""Whatever an editor saves, loading the project ends in a clean result or clean problems.

Hypothesis writes generated text, bytes or YAML into one file of a project at a time
(a note, a translation, references.yml, article.yml, the seed and its metadata, an
interface-strings file). Loading must then either succeed (and the result render) or
raise `InvalidContent` whose every line is one printable ``file:line: ...`` line;
any other exception is a bug.

The last properties hold the safe list to its promise: Markdown it lets through (in a
note or an interface string), rendered by Python-Markdown with the project's
extensions, has no script in it; and any Markdown at all has none once the output's
sanitizer (`safe_html`) has cleaned it.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts import pipeline, project
from build_scripts.content import markup, sanitize
from build_scripts.errors import InvalidContent
from build_scripts.render import pages, safe_html

from .conftest import FIXTURES, copy_project

NOTE = "content/actors/council.en.md"
TRANSLATION = "content/actors/council.de.md"
TARGETS = (NOTE, TRANSLATION, "content/references.yml", "content/article.yml", "seeds/story.yml",
           "seeds/story.txt", "content/locales/de.yml")
# path, an optional :line, then the message; paths are the project's own files.
PROBLEM = re.compile(r"^(content|seeds)/[^\n]*?(:\d+)?: \S.*$")

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# The pieces editors' mistakes are made of: YAML syntax, field names, Markdown, HTML,
# citations, links, odd characters and line endings.
TOKENS = [
    "title", "summary", "kind", "role", "aims", "relations", "sources", "order", "type", "actor",
    "paragraph", "quote", "reference", "translation", "translated_from", "seed", "publisher",
    "date", "url", "note", "language", "outlet", "inserted_headlines", "text", "show", "nav",
    ": ", ":", "\n", "  ", "    ", "- ", "[", "]", "{", "}", ", ", '"', "'", "&a ", "*a", "&b ",
    "*b", "!!str ", "!!int ", "!!bool ", "!!binary ", "!!python/object ", "!foo ", "|\n", ">-\n",
    "? ", "# ", "\t", "---", "...", "%YAML 1.1\n", "<<: ", "~", "null", "yes", "No", "1.5", "-0",
    "1e309", "0x1F", ".nan", "2021-02-30", "2021-03", "p2", "p9", "h1", "person", "opponent",
    "fishers", "council", "harbour-plan", "https://x.org/(a)", "javascript:alert(1)", "[@p2]",
    '[@p4 "wants a temporary quay"]', "[@harbour-plan]", "[x](actor:fishers)", "[x](term:nope)",
    "[x](source:h2)", "](", "<script>", "</div>", "<b onclick=x>", '<abbr title="t">', "{: .x }",
    "{ onclick=y }", "<https://x.org>", "<a@b.nl>", "![i](data:x)", "`", "\\", "&#106;", "\ufeff",
    "\u2028", "\x85", "\x00", "\x1b[31m", "\r\n", "\r", "é", "Кремль", "„", "”", "«", "»", "\u200b",
]
yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=60).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                    st.sampled_from(TOKENS))
keys = st.one_of(st.sampled_from(TOKENS[:26]), st.text(max_size=10))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=12)
mappings = st.dictionaries(keys, values, max_size=8)


def dumped(mapping: dict[Any, Any], unicode: bool) -> str:
    return yaml.safe_dump(mapping, allow_unicode=unicode, sort_keys=False)


yaml_documents = st.builds(dumped, mappings, st.booleans())
notes = st.builds(lambda front, body, fence: f"---\n{front}\n{fence}\n{body}",
                  st.one_of(yamlish, yaml_documents), st.one_of(yamlish, st.text(max_size=300)),
                  st.sampled_from(["---", "--- ", "", "...", "----"]))
texts = st.one_of(yamlish, st.text(max_size=500), yaml_documents, notes)
contents = st.one_of(
    st.binary(max_size=500),
    st.builds(lambda text, encoding: text.encode(encoding, "surrogatepass"), texts,
              st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])),
    st.builds(lambda mapping, unicode: dumped(mapping, unicode).encode("utf-8", "surrogatepass"),
              mappings, st.booleans()),
)


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The mini project in a folder of its own, and the original bytes of every target."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("properties") / "mini")
    return root, {target: (root / target).read_bytes() for target in TARGETS}


def load_with(playground: tuple[Path, dict[str, bytes]], target: str, content: bytes) -> list[str]:
    """Write `content` into `target` (every other file as shipped); the problem lines, if any."""
    root, originals = playground
    for name, original in originals.items():
        (root / name).write_bytes(content if name == target else original)
    try:
        sources = pipeline.load(project.load(root / "mkdocs.yml"))
    except InvalidContent as error:
        lines = error.problems.lines()
        assert lines, "InvalidContent without a problem"
        return lines
    pages.render_site(sources)  # whatever passes the check must also render
    return []


def assert_clean(lines: list[str]) -> None:
    for line in lines:
        assert PROBLEM.match(line), line
        assert line.isprintable(), line


@SETTINGS
@given(target=st.sampled_from([NOTE, TRANSLATION]), text=st.one_of(notes, texts))
def test_any_note_text(playground: tuple[Path, dict[str, bytes]], target: str, text: str) -> None:
    assert_clean(load_with(playground, target, text.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(target=st.sampled_from(TARGETS), where=st.floats(0, 1), insertion=yamlish)
def test_any_edit_of_a_file(
    playground: tuple[Path, dict[str, bytes]], target: str, where: float, insertion: str
) -> None:
    # Most edits of a working file keep it working: these reach validation and rendering.
    original = playground[1][target].decode("utf-8")
    at = round(where * len(original))
    edited = original[:at] + insertion + original[at:]
    assert_clean(load_with(playground, target, edited.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(target=st.sampled_from(TARGETS), content=contents)
def test_any_content_in_any_file(
    playground: tuple[Path, dict[str, bytes]], target: str, content: bytes
) -> None:
    assert_clean(load_with(playground, target, content))


def test_the_project_loads_cleanly_as_shipped(playground: tuple[Path, dict[str, bytes]]) -> None:
    # The properties above would pass vacuously if the untouched project did not load.
    assert load_with(playground, NOTE, playground[1][NOTE]) == []


# -- the safe list: what passes it renders without script -------------------------------------

HTML_TOKENS = [
    "<", ">", "/", "=", '"', "'", "`", " ", "\n", "\n\n", "\t", "{", "}", "{: ", ":", "[", "]", "(",
    ")", "!", "#", ".", "script", "img", "b", "span", "abbr", "a", "svg", "on", "onclick", "onerror",
    "src", "href", "title", "style", "javascript", "java", "&#106;", "&colon;", "&#09;", "alert(1)",
    "http", "https", "//", "mailto", "data", "vbscript", "*", "_", "\\", "<!--", "-->", "<![CDATA[",
    "<?", "?>", "    ", "- ", "> ", "## ", "!!! note", "markdown", "@", "<br>", "</b>", "<b ",
    "<https://x/", "[x](", "](", "[1]: ", "[x][1]", '<div markdown="1">', "</div>", "<javascript:",
    "![i](", "lang=", "#id", ".cls",
]
# Elements and attributes through which a page runs script or loads active content.
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "input", "meta", "link",
               "base", "template", "style", "frame", "frameset", "applet", "button", "textarea"}
ACTIVE_ATTRIBUTES = {"style", "srcdoc", "formaction", "action", "xlink:href", "data"}
MARKDOWN = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "toc"])


class ActiveContent(HTMLParser):
    """Collects what in a piece of HTML could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.found.append((tag,))
        for name, value in attrs:
            if name.startswith("on") or name in ACTIVE_ATTRIBUTES:
                self.found.append((tag, name))
            # Note links (actor:id, ...) are the renderer's to rewrite, or validation's to refuse.
            elif name in ("href", "src") and sanitize.scheme(value or "") not in (
                    "", *sanitize.SAFE_SCHEMES, "ftp", *markup.LINK_KINDS):
                self.found.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


# The ways Markdown makes a link, each with an address in one of the forms a browser
# reads as a scheme: entities, controls and spaces inside it, capitals, data:, vbscript:.
SCHEMES = ["javascript:", "JaVaScRiPt:", "jav&#x61;script:", "&#106;avascript:", "java&#09;script:",
           "java\tscript:", "java\nscript:", " javascript:", "\x01javascript:", "javascript&colon;",
           "vbscript:", "VBScript:", "data:text/html,", "DATA:", "https://x.org/", "mailto:a@b.nl",
           "#top", "../x/", "actor:council"]
addresses = st.builds(str.__add__, st.sampled_from(SCHEMES), st.sampled_from(["alert(1)", "x", ""]))
labels = st.sampled_from(["1", "x", "Ref", "a b"])
# What a line may start with before a link definition: quotes, list items, indentation.
containers = st.lists(st.sampled_from(["> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "    ", "  ", "\t"]),
                      max_size=3).map("".join)
definitions = st.builds(lambda where, label, address: f"{where}[{label}]: {address}",
                        containers, labels, addresses)
references = st.builds(str.format, st.sampled_from(["[x][{}]", "[{}]", "[{}][]", "![i][{}]"]), labels)
inline_links = st.builds(str.format, st.sampled_from([
    "[x]({})", "[x](<{}>)", "<{}>", "![i]({})", '<a href="{}">x</a>', '<b title="{}">x</b>',
    '<abbr title="t" href="{}">x</abbr>', '<span title="t" src={}>x</span>',
    "[x](https://x.org){{ href={} }}", '[x](https://x.org){{: href="{}" }}']), addresses)
blocks = st.one_of(definitions, references, inline_links, st.sampled_from(HTML_TOKENS))
documents = st.lists(st.tuples(blocks, st.sampled_from(["\n", "\n\n", " ", "\n> ", "\n- "])),
                     max_size=8).map(lambda parts: "".join(block + after for block, after in parts))
markdown_texts = st.one_of(st.lists(st.sampled_from(HTML_TOKENS), max_size=50).map("".join), documents)


def script_in(html_text: str) -> list[tuple[str, ...]]:
    parser = ActiveContent()
    parser.feed(html_text)
    parser.close()
    return parser.found


@settings(max_examples=300, deadline=None)
@given(text=markdown_texts)
def test_what_the_safe_list_lets_through_renders_without_script(text: str) -> None:
    if sanitize.unsafe(text):
        return
    MARKDOWN.reset()
    assert script_in(MARKDOWN.convert(text)) == [], text


class OutputScript(HTMLParser):
    """What could run script in a page's sanitized body: hooks, active tags, addresses."""

    TAGS = ACTIVE_TAGS - {"svg"}  # our pictures are inline SVG, with their attributes allowlisted

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.TAGS:
            self.found.append((tag,))
        for name, value in attrs:
            # As a browser reads an address: every space and control inside it dropped.
            address = re.sub(r"[\x00-\x20\x7f]", "", value or "")
            if name.startswith("on") or name in ACTIVE_ATTRIBUTES - {"style"}:
                self.found.append((tag, name))
            elif name in ("href", "src", "cite", "poster") and sanitize.scheme(address) not in (
                    "", *sanitize.SAFE_SCHEMES):
                self.found.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


@settings(max_examples=300, deadline=None)
@given(text=markdown_texts)
def test_any_markdown_renders_without_script_once_sanitized(text: str) -> None:
    # The guarantee at the output holds whatever the check would have said.
    MARKDOWN.reset()
    parser = OutputScript()
    parser.feed(safe_html.clean(MARKDOWN.convert(text)))
    parser.close()
    assert parser.found == [], text


interface_strings = st.one_of(
    st.builds(str.format, st.sampled_from(["[Quellen]({})", "Quellen [x]({})", "<{}>", "[Q][1]\n\n[1]: {}",
                                           "Quellen {{ href={} }}", "[Quellen](<{}>)"]), addresses),
    st.lists(st.sampled_from(HTML_TOKENS), min_size=1, max_size=12).map("".join))


@settings(max_examples=60, deadline=None)
@given(value=interface_strings)
def test_an_interface_string_the_check_accepts_renders_without_script(
    playground: tuple[Path, dict[str, bytes]], value: str
) -> None:
    # The strings are set into the generated Markdown (headings, notices) of every page.
    root, originals = playground
    locale = originals["content/locales/de.yml"].decode("utf-8")
    edited = locale.replace("  sources: Quellen", "  sources: " + json.dumps(value), 1)
    for name, original in originals.items():
        (root / name).write_bytes(edited.encode("utf-8") if name == "content/locales/de.yml" else original)
    try:
        sources = pipeline.load(project.load(root / "mkdocs.yml"))
    except InvalidContent:
        return
    files, _ = pages.render_site(sources)
    for path, text in files.items():
        if path.startswith("de/"):
            MARKDOWN.reset()
            body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
            # The renderer's own pictures are inline SVG: anything else is the string's.
            found = [item for item in script_in(MARKDOWN.convert(body)) if item != ("svg",)]
            assert found == [], (path, value)


def test_the_safe_list_refuses_the_usual_vectors() -> None:
    # The property above would pass vacuously if everything were refused, or nothing.
    assert sanitize.unsafe('<abbr title="t">EU</abbr> [x](https://x.org) {.note}') == []
    for vector in ("<script>alert(1)</script>", "<b onclick=x>", "[x](javascript:x)",
                   "{: onclick=x }", "<svg/onload=x>", "![i](data:text/html,x)"):
        assert sanitize.unsafe(vector), vector
