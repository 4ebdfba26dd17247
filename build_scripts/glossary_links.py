"""Glossary links: the first occurrence of each term on a page links to its glossary entry.

A `GlossaryLinker` is built once per language from that language's terms: it compiles
ONE regular expression of every form of every term and reuses it for every page.
`link(html)` walks the page's text nodes once and wraps the first occurrence of each
term in ``<a class="explainer-term" href="..." title="summary">form</a>``.

Matching rules:

- Forms match case-sensitively, exactly as the editors list them (they list the case
  variants and inflected forms: Кремль, Кремля, Кремлю, ...).
- A form matches only as whole words: the characters just before and after it must not
  be letters or digits (Unicode ``\\w``, so Latin and Cyrillic alike), nor a soft hyphen,
  zero-width joiner or combining accent (a Russian stress mark belongs to its word).
  A hyphen, an apostrophe or punctuation is a boundary: "NAVO" links the NAVO of
  "NAVO-troepen", "anti-NAVO" and "NAVO's"; a closed compound ("bufferstaatconcept")
  links only if the editors list it. Forms that contain a hyphen ("Wit-Rusland") match
  as a whole.
- Whitespace inside a form matches any run of whitespace, line breaks and no-break
  spaces included ("fluwelen&nbsp;revolutie").
- At any position the longest form wins, and the text it covers is used up even where
  its term is not linked there, so "revolutie" never links inside a second
  "fluwelen Armeense revolutie".
- A form matches within one text node: markup (<em>, a tag boundary) separates words.
- Never inside EXCLUDED_TAGS (headings, links, code, scripts, <time>, ...), nor inside
  an element with a class in EXCLUDED_CLASSES or the attribute ``data-no-glossary``.
  Text there does not count as an occurrence: the next plain one links.
- An existing link to a term's entry (the editors' ``[text](term:id)``) counts as that
  term's first occurrence: no second link to it on the page.
- If two terms list the same form, the first term listed gets it (see `conflicts`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

EXCLUDED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style",
    "time", "abbr", "button", "textarea", "select", "option", "label", "svg", "math", "template",
    "title", "noscript",
})
EXCLUDED_CLASSES = frozenset({"explainer-cite", "explainer-term"})
NO_GLOSSARY = "data-no-glossary"
LINK_CLASS = "explainer-term"
HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements that never have an end tag: they are not pushed on the open-element stack.
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
# Characters that belong to a word: letters and digits (\w), the soft hyphen, zero-width
# (non-)joiners and combining accents, so that no form ends inside a word.
WORD = r"\w\u00ad\u200c\u200d\u0300-\u036f\u0483-\u0489"

HrefFor = Callable[[str], str] | str


@dataclass(frozen=True)
class Term:
    """A glossary term in one language: its id, word forms and one-sentence summary."""

    id: str
    forms: Sequence[str]
    summary: str = ""


@dataclass
class Stats:
    """How much work the linker did: compiled patterns, regex scans of text, pages."""

    patterns_compiled: int = 0
    text_scans: int = 0
    pages: int = 0


def normalise(form: str) -> str:
    """A form or matched text with each run of whitespace as one space."""
    return " ".join(form.split())


def alternation(forms: Iterable[str]) -> str:
    """One regular expression matching any of `forms`, longest first, as whole words.

    Python's `re` tries the branches of an alternation one after another, so a flat
    ``a|b|c...`` of thousands of forms costs time per form at every position. The forms
    are therefore merged into a trie, ``K(?:reml(?:in|...)|...)``, whose branches differ
    in their first character: the work at a position depends on the alphabet, not on the
    number of terms. An optional tail is greedy, so the longest form is tried first and
    a shorter one only where the longer one does not match as a whole word.
    """
    trie: dict[str | None, dict] = {}
    for form in {normalise(form) for form in forms if form.strip()}:
        node = trie
        for unit in form:  # a normalised form: each space stands for a run of whitespace
            node = node.setdefault(unit, {})
        node[None] = {}
    if not trie:
        return ""
    # The left boundary comes first: inside a word (most positions) it fails at once,
    # before any branch is tried.
    branches = [_unit(unit) + _emit(child) for unit, child in sorted(trie.items(), key=_key)]
    return f"(?<![{WORD}])(?:" + "|".join(branches) + f")(?![{WORD}])"


def _unit(unit: str | None) -> str:
    return r"\s+" if unit == " " else re.escape(unit or "")


def _key(entry: tuple[str | None, dict]) -> str:
    return entry[0] or ""


def _emit(node: dict[str | None, dict]) -> str:
    """The pattern for a trie node's continuations (chains of single children inline)."""
    parts: list[str] = []
    while len(node) == 1 and None not in node:
        unit, node = next(iter(node.items()))
        parts.append(_unit(unit))
    children = sorted(((unit, child) for unit, child in node.items() if unit is not None), key=_key)
    if children:
        tails = [_unit(unit) + _emit(child) for unit, child in children]
        tail = tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"
        # A node that also ends a form: the continuation is optional, tried first (greedy).
        parts.append(f"(?:{tail})?" if None in node else tail)
    return "".join(parts)


class GlossaryLinker:
    """Links the first occurrence of each term on a page; build once per language."""

    def __init__(self, terms: Iterable[Term], href_for: HrefFor) -> None:
        self.terms: dict[str, Term] = {}
        self.href_for = href_for
        self.stats = Stats()
        # form (whitespace normalised) -> term id; forms listed by more than one term
        self.by_form: dict[str, str] = {}
        self.conflicts: dict[str, list[str]] = {}
        for term in terms:
            self.terms.setdefault(term.id, term)
            # A single form given as a string is one form, not a list of letters.
            for form in [term.forms] if isinstance(term.forms, str) else term.forms:
                key = normalise(form)
                if not key:
                    continue
                owner = self.by_form.setdefault(key, term.id)
                if owner != term.id:
                    self.conflicts.setdefault(key, [owner])
                    if term.id not in self.conflicts[key]:
                        self.conflicts[key].append(term.id)
        self._titles = {term_id: html.escape(normalise(term.summary), quote=True)
                        for term_id, term in self.terms.items()}
        source = alternation(self.by_form)
        self.pattern: re.Pattern[str] | None = None
        if source:
            self.pattern = re.compile(source)
            self.stats.patterns_compiled += 1

    def link(self, source: str, skip: Collection[str] = (), *, href_for: HrefFor | None = None,
             glossary_page: bool = False) -> str:
        """`source` (a page's HTML) with the first occurrence of each term linked.

        `skip`: ids of terms not linked anywhere on this page. `href_for`: the link to a
        term's entry from this page (a function of the term id, or a template with
        ``{id}``), if not the linker's own. `glossary_page`: on the glossary itself, a
        heading whose id is a term's id starts that term's entry (up to the next heading
        of the same or a higher level), and inside it that term is not linked.
        """
        self.stats.pages += 1
        if self.pattern is None:
            return source
        page = _Page(self, source, set(skip), href_for or self.href_for, glossary_page)
        return page.run()

    def open_tag(self, term_id: str, href_for: HrefFor) -> str:
        """The start tag of a link to `term_id`'s entry."""
        href = html.escape(_href(href_for, term_id), quote=True)
        title = self._titles[term_id]
        title_attr = f' title="{title}"' if title else ""
        return f'<a class="{LINK_CLASS}" href="{href}"{title_attr}>'


def _href(href_for: HrefFor, term_id: str) -> str:
    return href_for.replace("{id}", term_id) if isinstance(href_for, str) else href_for(term_id)


@dataclass
class _Event:
    kind: str  # "text", "ref", "start", "startend", "end" or "other"
    offset: int
    tag: str = ""
    attrs: dict[str, str | None] = field(default_factory=dict)


class _Events(HTMLParser):
    """Every construct of a document with its offset, in document order."""

    def __init__(self, source: str) -> None:
        # Character references are reported on their own, so the text keeps its bytes.
        super().__init__(convert_charrefs=False)
        self.lines = [0] + [match.end() for match in re.finditer("\n", source)]
        self.events: list[_Event] = []
        self.feed(source)
        self.close()

    def _add(self, kind: str, tag: str = "", attrs: list[tuple[str, str | None]] | None = None) -> None:
        # getpos() is where the construct being reported starts.
        line, column = self.getpos()
        self.events.append(_Event(kind, self.lines[line - 1] + column, tag, dict(attrs or [])))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("startend", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        # Text never starts with "<": that is markup the parser could not read; keep it as is.
        self._add("other" if data.startswith("<") else "text")

    def handle_entityref(self, name: str) -> None:
        self._add("ref")

    def handle_charref(self, name: str) -> None:
        self._add("ref")

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


class _Page:
    """One call of `GlossaryLinker.link`: the walk over one page's events."""

    def __init__(self, linker: GlossaryLinker, source: str, skip: set[str], href_for: HrefFor,
                 glossary_page: bool) -> None:
        self.linker = linker
        self.source = source
        self.skip = skip
        self.href_for = href_for
        self.glossary_page = glossary_page
        self.used: set[str] = set()
        self.stack: list[tuple[str, bool]] = []
        self.excluded = 0
        self.entry: tuple[int, str] | None = None  # (heading level, term id) on the glossary page
        self.out: list[str] = []
        self._hrefs: dict[str, str] | None = None

    def run(self) -> str:
        events = _Events(self.source).events
        ends = [event.offset for event in events[1:]] + [len(self.source)]
        if not events or any(event.offset > end for event, end in zip(events, ends, strict=True)):
            return self.source  # positions out of order (never seen): leave the page as it is
        self.out.append(self.source[:events[0].offset])
        run_from: int | None = None
        for index, event in enumerate(events):
            if event.kind in ("text", "ref"):
                if run_from is None:
                    run_from = index
                continue
            if run_from is not None:
                self.text(events[run_from:index], ends[index - 1])
                run_from = None
            self.out.append(self.source[event.offset:ends[index]])
            self.markup(event)
        if run_from is not None:
            self.text(events[run_from:], len(self.source))
        return "".join(self.out)

    def markup(self, event: _Event) -> None:
        """Keep track of the open elements: are we inside an excluded one, or an entry?"""
        if event.kind == "end":
            if any(tag == event.tag for tag, _ in self.stack):
                while self.stack:
                    tag, excluded = self.stack.pop()
                    self.excluded -= excluded
                    if tag == event.tag:
                        break
            return
        if event.kind not in ("start", "startend"):
            return
        attrs = event.attrs
        if event.tag == "a" and attrs.get("href"):
            term_id = self.term_of_href(attrs["href"] or "")
            if term_id:
                self.used.add(term_id)
        if self.glossary_page and event.tag in HEADINGS:
            level = HEADINGS[event.tag]
            if self.entry and level <= self.entry[0]:
                self.entry = None
            if attrs.get("id") in self.linker.terms:
                self.entry = (level, attrs["id"] or "")
        if event.kind == "startend" or event.tag in VOID:
            return
        excluded = (event.tag in EXCLUDED_TAGS or NO_GLOSSARY in attrs
                    or not EXCLUDED_CLASSES.isdisjoint((attrs.get("class") or "").split()))
        self.stack.append((event.tag, excluded))
        self.excluded += excluded

    def term_of_href(self, href: str) -> str | None:
        """The term whose entry `href` links to, if any."""
        if isinstance(self.href_for, str):
            prefix, _, suffix = self.href_for.partition("{id}")
            if href.startswith(prefix) and href.endswith(suffix) and len(href) > len(prefix + suffix):
                term_id = href[len(prefix):len(href) - len(suffix)]
                return term_id if term_id in self.linker.terms else None
            return None
        if self._hrefs is None:  # built once per page, and only for pages with links
            self._hrefs = {}
            for term_id in self.linker.terms:
                self._hrefs.setdefault(self.href_for(term_id), term_id)
        return self._hrefs.get(href)

    def text(self, events: list[_Event], end: int) -> None:
        """Copy one text node (text and character references), linking what it may."""
        start = events[0].offset
        raw = self.source[start:end]
        if self.excluded or not raw.strip():
            self.out.append(raw)
            return
        if all(event.kind == "text" for event in events):
            text, starts, ends = raw, None, None
        else:
            text, starts, ends = _decode(self.source, events, end)
        linker = self.linker
        assert linker.pattern is not None
        linker.stats.text_scans += 1
        done = 0
        own = self.entry[1] if self.entry else None
        for match in linker.pattern.finditer(text):
            term_id = linker.by_form.get(normalise(match.group()))
            if term_id is None or term_id in self.used or term_id in self.skip or term_id == own:
                continue
            first, last = match.start(), match.end()
            if starts is not None and ends is not None:
                first, last = starts[first], ends[last]
                if first < 0 or last < 0:  # inside a reference that stands for two characters
                    continue
            self.used.add(term_id)
            self.out.append(raw[done:first])
            self.out.append(linker.open_tag(term_id, self.href_for) + raw[first:last] + "</a>")
            done = last
        self.out.append(raw[done:])


def _decode(source: str, events: list[_Event], end: int) -> tuple[str, list[int], list[int]]:
    """A text node's text with references decoded, and where each character is in `source`.

    ``starts[i]`` is the offset (in the node's raw text) where decoded character i starts
    and ``ends[i]`` where the text up to character i ends; -1 inside a reference that
    decodes to more than one character.
    """
    base = events[0].offset
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = [0]
    for index, event in enumerate(events):
        stop = events[index + 1].offset if index + 1 < len(events) else end
        raw = source[event.offset:stop]
        offset = event.offset - base
        if event.kind == "text":
            pieces.append(raw)
            starts.extend(range(offset, offset + len(raw)))
            ends.extend(range(offset + 1, offset + len(raw) + 1))
        else:
            decoded = html.unescape(raw)
            pieces.append(decoded)
            starts.extend([offset] + [-1] * (len(decoded) - 1))
            ends.extend([-1] * (len(decoded) - 1) + [offset + len(raw)])
    starts.append(end - base)
    return "".join(pieces), starts, ends
