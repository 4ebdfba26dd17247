"""One page's glossary links: a walk over its document tree and the raw HTML stashed in it.

`PageLinks` reads a page in the order its HTML will have and wraps the first occurrence
of each term in a link (`glossary_links`, the Markdown extension, says where links go
and configures it). Its rules:

- Never inside EXCLUDED_TAGS (headings, links, code, scripts, <time>, the title of a
  work in <cite>, ...), nor inside an element with a class in EXCLUDED_CLASSES or the
  attribute ``data-no-glossary`` (reference entries), nor inside one whose ``lang`` is
  another language than the pages' (a quote in the original, a page shown in the
  original with a notice). Text there does not count as an occurrence: the next plain
  one links. This holds for elements of the tree and for raw HTML alike: an inline
  ``<span data-no-glossary>`` excludes the text up to its ``</span>``.
- A form matches within one text: an element or tag boundary separates words, a
  character reference does not (``Procter &amp; Gamble``, ``fluwelen&nbsp;revolutie``).
- Raw HTML (inline tags; blocks such as the source page's paragraphs, set aside by
  `raw_blocks`) is read with `raw_html` and linked in place, every other byte kept.
- An existing link to a term's entry (the editors' ``[text](term:id)``) counts as that
  term's first occurrence: no second link to it on the page.
- On the glossary page itself, a heading whose id is a term's id starts that term's
  entry (up to the next heading of the same or a higher level), and inside it that term
  is not linked.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping

from markdown import Markdown, util

from build_scripts.render import raw_blocks, raw_html
from build_scripts.render.glossary_terms import Glossary

EXCLUDED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style",
    "time", "abbr", "button", "textarea", "select", "option", "label", "svg", "math", "template",
    "title", "noscript", "cite",
})
EXCLUDED_CLASSES = frozenset({"explainer-cite", "explainer-term"})
NO_GLOSSARY = "data-no-glossary"
LINK_CLASS = "explainer-term"
HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements that never have an end tag: raw HTML does not open them.
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
# What Python-Markdown leaves in the tree's text: a placeholder for stashed raw HTML, or
# a backslash-escaped character (its code point).
MARKER = re.compile(f"{util.STX}(?:wzxhzdk:([0-9]+)|([0-9]+)){util.ETX}")
PLACEHOLDER = re.compile(f"{util.STX}wzxhzdk:([0-9]+){util.ETX}")
# What RawHtmlPostprocessor reads a stashed block's first tag by (its BLOCK_LEVEL_REGEX).
BLOCK_START = re.compile(r"^\<\/?([^ >]+)")
# Markdown stashes each character reference on its own (its ENTITY_RE).
REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")




class PageLinks:
    """One page, read in the order its HTML will have: what is linked, which elements are open.

    Tree elements and raw HTML tags open and close elements on one stack, as the page's
    HTML will: a raw ``<span data-no-glossary>`` may close with the tree element around
    it, and a raw end tag may close tree elements (misnested raw HTML reads as a browser
    reads it). `excluded` counts the open elements that exclude their content.
    """

    skim = True  # pass over raw blocks with nothing to link (`nothing_in`); tests turn it off

    def __init__(self, md: Markdown, glossary: Glossary, link_prefix: str, url_prefix: str, *,
                 glossary_page: bool = False, skip: Iterable[str] = ()) -> None:
        """`link_prefix` + id: an entry as a Markdown link; `url_prefix` + id: as a URL."""
        self.md = md
        self.glossary = glossary
        self.stash = md.htmlStash.rawHtmlBlocks
        self.used: set[str] = set(skip)  # a term skipped is as good as linked
        self.glossary_page = glossary_page
        self.link_prefix, self.url_prefix = link_prefix, url_prefix
        self.entry: tuple[int, str] | None = None  # (heading level, term id) on the glossary page
        self.names: list[str] = []
        self.excluding: list[bool] = []
        self.excluded = 0
        # An open raw <script>, <style>, <textarea> or <title>: up to its end tag, what
        # looks like tags in other stashed pieces is its text, to the end of the page if
        # need be (as a browser reads it), whatever tree elements end meanwhile.
        self.raw_text = ""
        self.read: set[int] = set()

    # -- elements ----------------------------------------------------------------------------

    def element(self, element: etree.Element) -> None:
        """Link the text inside `element` (not its tail)."""
        tag = element.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        # <p>placeholder</p>, for a raw HTML block: Markdown writes the block without the <p>.
        block = self.raw_block(element) if tag == "p" else None
        if block is not None and self.skim and self.nothing_in(block):
            self.read.add(block)
            return
        if block is None:
            self.open(tag, element.attrib)
        self.content(element)
        if block is None:
            self.close(tag)

    def content(self, element: etree.Element) -> None:
        """Link the text and children of `element`: the links become its children."""
        children = list(element)
        links: dict[int, list[etree.Element]] = {}  # -1: after the text, i: after child i
        if element.text:
            element.text = self.string(element.text, links, -1)
        for index, child in enumerate(children):
            self.element(child)
            if child.tail:
                child.tail = self.string(child.tail, links, index)
        if links:
            new = links.get(-1, [])
            for index, child in enumerate(children):
                new += [child, *links.get(index, [])]
            element[:] = new

    def raw_block(self, element: etree.Element) -> int | None:
        """The stash index of the raw HTML block `element` is the <p> around (which
        RawHtmlPostprocessor drops), if it is one."""
        match = PLACEHOLDER.fullmatch(element.text or "") if len(element) == 0 else None
        if match is None or int(match.group(1)) >= len(self.stash):
            return None
        stashed = self.stash[int(match.group(1))]
        name = BLOCK_START.match(stashed) if isinstance(stashed, str) else None
        if name is None or not (name.group(1)[0] in "!?@%" or self.md.is_block_level(name.group(1))):
            return None
        return int(match.group(1))

    def nothing_in(self, index: int) -> bool:
        """Whether raw HTML block `index` may go unread: a paragraph block with nothing to link.

        Reading a block (html.parser) costs more than the regular expression of the
        terms, and after the first paragraphs of a long source page there is nothing
        left to link. The source page's paragraph blocks (`raw_blocks`) are whole
        elements with escaped text, so they leave open what was open; what reading one
        could do is link a term not yet linked (its text with references decoded, tags
        and all, has none: no form crosses a tag) or note a link to an entry (none in it).
        """
        source = self.stash[index]
        if (not isinstance(source, str) or not source.startswith(raw_blocks.PREFIX) or self.glossary_page
                or self.raw_text or not self.glossary.angle_free or util.STX in source):
            return False
        text = html.unescape(source) if "&" in source else source
        if self.link_prefix in text or self.url_prefix in text:
            return False
        if self.excluded:
            return True
        return next(self.glossary.occurrences(text, self.used, self.entry[1] if self.entry else ""),
                    None) is None

    def open(self, tag: str, attrs: Mapping[str, str | None], closed: bool = False) -> None:
        """An element starts: note it, and open it (its content excluded or not)."""
        if self.raw_text:  # text of a raw <script>, not an element
            return
        self.start(tag, attrs)
        if closed or tag in VOID:
            return
        # An element opened inside an excluded one need not be marked: it closes first.
        excludes = not self.excluded and self.excludes(tag, attrs)
        self.names.append(tag)
        self.excluding.append(excludes)
        self.excluded += excludes

    def close(self, name: str) -> None:
        """Close the open element `name` and those opened inside it; a stray end tag does nothing."""
        if self.raw_text:
            if name == self.raw_text:
                self.close_to(len(self.names) - 1)
                self.raw_text = ""
            return
        for index in range(len(self.names) - 1, -1, -1):
            if self.names[index] == name:
                self.close_to(index)
                return

    def close_to(self, size: int) -> None:
        while len(self.names) > size:
            self.names.pop()
            self.excluded -= self.excluding.pop()

    def start(self, tag: str, attrs: Mapping[str, str | None]) -> None:
        """Note an element: a link to a term's entry, or an entry of the glossary page."""
        if tag == "a":
            term_id = self.term_of(attrs.get("href") or "")
            if term_id:
                self.used.add(term_id)
        elif self.glossary_page and tag in HEADINGS:
            level = HEADINGS[tag]
            if self.entry and level <= self.entry[0]:
                self.entry = None
            heading = attrs.get("id") or ""
            if heading in self.glossary.terms:
                self.entry = (level, heading)

    def excludes(self, tag: str, attrs: Mapping[str, str | None]) -> bool:
        """Whether an element's content is never linked: its tag, language, class or mark."""
        if tag in EXCLUDED_TAGS or NO_GLOSSARY in attrs:
            return True
        lang = (attrs.get("lang") or "").split("-")[0].lower()
        if lang and self.glossary.language and lang != self.glossary.language:
            return True
        return not EXCLUDED_CLASSES.isdisjoint((attrs.get("class") or "").split())

    def term_of(self, href: str) -> str:
        """The term whose entry `href` links to (as a Markdown link or as a URL), if any."""
        for prefix in (self.link_prefix, self.url_prefix):
            if href.startswith(prefix) and href[len(prefix):] in self.glossary.terms:
                return href[len(prefix):]
        return ""

    # -- text of the tree --------------------------------------------------------------------

    def string(self, text: str, links: dict[int, list[etree.Element]], after: int) -> str:
        """Link the tree's `text` (an element's text or a tail); return what stays in place.

        The links, each with the text up to the next one as its tail, go to links[after].
        """
        spans: list[tuple[int, int, str]] = []
        if util.STX not in text:  # plain text, as most is
            self.run(text, 0, len(text), [], spans)
        else:
            self.marked(text, spans)
        if not spans:
            return text
        made = links.setdefault(after, [])
        for number, (start, end, term_id) in enumerate(spans):
            link = etree.Element("a", {"class": LINK_CLASS, "href": self.link_prefix + term_id})
            title = self.glossary.titles[term_id]
            if title:
                # Python-Markdown writes "&" as it is where it starts a reference: say "&amp;".
                link.set("title", title.replace("&", "&amp;"))
            link.text = text[start:end]
            link.tail = text[end:spans[number + 1][0] if number + 1 < len(spans) else len(text)]
            made.append(link)
        return text[:spans[0][0]]

    def marked(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        """Link text with placeholders: references join the text, raw tags end it."""
        units: list[tuple[int, int, str]] = []
        start = 0
        for match in MARKER.finditer(text):
            if match.group(2) is not None:  # a backslash-escaped character
                units.append((match.start(), match.end(), chr(int(match.group(2)))))
                continue
            index = int(match.group(1))
            stashed = self.stash[index] if index < len(self.stash) else None
            if isinstance(stashed, str) and REFERENCE.fullmatch(stashed):
                units.append((match.start(), match.end(), html.unescape(stashed)))
                continue
            self.run(text, start, match.start(), units, spans)
            units, start = [], match.end()
            self.stashed(index)
        self.run(text, start, len(text), units, spans)

    def run(self, source: str, start: int, end: int, units: list[tuple[int, int, str]],
            spans: list[tuple[int, int, str]]) -> None:
        """Link what may be linked in source[start:end], a text read as `units` say."""
        if self.excluded or start >= end or source[start:end].isspace():
            return
        if units:
            text, starts, ends = raw_html.decode(source, start, end, units)
        else:
            text, starts, ends = source[start:end], None, None
        own = self.entry[1] if self.entry else ""
        for first, last, term_id in self.glossary.occurrences(text, self.used, own):
            if starts is not None and ends is not None:
                first, last = starts[first], ends[last]
                if first < 0 or last < 0:  # inside a reference that stands for two characters
                    continue
            else:
                first, last = start + first, start + last
            self.used.add(term_id)
            spans.append((first, last, term_id))

    # -- raw HTML ----------------------------------------------------------------------------

    def stashed(self, index: int) -> None:
        """Read (and link) what placeholder `index` stands for, where it stands."""
        if index in self.read or index >= len(self.stash):
            return
        self.read.add(index)
        stashed = self.stash[index]
        if isinstance(stashed, etree.Element):  # md_in_html keeps some blocks as elements
            self.element(stashed)
            return
        items = raw_html.read(stashed)
        if items is None:  # unreadable: left as it is, and nothing in it linked
            return
        spans: list[tuple[int, int, str]] = []
        for item in items:
            if isinstance(item, raw_html.Text):
                if item.plain:
                    self.raw_html_text(stashed, item, spans)
            elif item.end:
                self.close(item.name)
            else:
                self.open(item.name, item.attrs, item.closed)
                if item.name in raw_html.RAW_TEXT and not item.closed and not self.raw_text:
                    self.raw_text = item.name
        if spans:
            self.stash[index] = self.splice(stashed, spans)

    def raw_html_text(self, source: str, text: raw_html.Text, spans: list[tuple[int, int, str]]) -> None:
        """A text of raw HTML: its references join it; placeholders in it (nested) end it."""
        start = text.start
        for match in PLACEHOLDER.finditer(source, text.start, text.end):
            self.raw_run(source, start, match.start(), spans)
            self.stashed(int(match.group(1)))
            start = match.end()
        self.raw_run(source, start, text.end, spans)

    def raw_run(self, source: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> None:
        if not self.excluded:
            self.run(source, start, end, raw_html.references(source, start, end) if "&" in source[start:end]
                     else [], spans)

    def splice(self, source: str, spans: list[tuple[int, int, str]]) -> str:
        """`source` with a link around each span, every other byte as it was."""
        out: list[str] = []
        done = 0
        for start, end, term_id in spans:
            title = self.glossary.escaped_titles[term_id]
            href = html.escape(self.url_prefix + term_id, quote=True)
            out += [source[done:start], f'<a class="{LINK_CLASS}" href="{href}"',
                    f' title="{title}">' if title else ">", source[start:end], "</a>"]
            done = end
        out.append(source[done:])
        return "".join(out)
