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
- Never inside EXCLUDED_TAGS (headings, links, code, scripts, <time>, the title of a
  work in <cite>, ...), nor inside an element with a class in EXCLUDED_CLASSES or the
  attribute ``data-no-glossary`` (reference entries), nor inside one whose ``lang`` is
  another language than the linker's (a quote in the original, a page shown in the
  original with a notice). Text there does not count as an occurrence: the next plain
  one links.
- `names` (actors' names) take part in the longest match but never link: the term
  "Sahel" stays unlinked inside "Alliance des États du Sahel".
- An existing link to a term's entry (the editors' ``[text](term:id)``) counts as that
  term's first occurrence: no second link to it on the page.
- If two terms list the same form, the first term listed gets it (see `conflicts`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

EXCLUDED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style",
    "time", "abbr", "button", "textarea", "select", "option", "label", "svg", "math", "template",
    "title", "noscript", "cite",
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

    def __init__(self, terms: Iterable[Term], href_for: HrefFor, *, names: Iterable[str] = (),
                 language: str = "") -> None:
        self.terms: dict[str, Term] = {}
        self.href_for = href_for
        # The primary language subtag: text marked as another language is not linked.
        self.language = language.split("-")[0].lower()
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
        for name in names:  # owned by no term (""): they use up their text, never link
            key = normalise(name)
            if key:
                self.by_form.setdefault(key, "")
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


# -- reading the page --------------------------------------------------------------------------
#
# One regular expression splits a page into text, tags and other markup, the way Python
# 3.11's html.parser split it when the linker was built on that parser, construct for
# construct: pages link exactly as they did, without a Python call per tag, attribute
# and character reference. html.parser's own patterns are copied here, so that another
# Python's parser changes nothing. Where html.parser went wrong, the page is read as a
# browser reads it instead: a "&#" that starts no reference is text (html.parser could
# read the rest of the page, tags and all, as text from there and link inside tags);
# a marked section of no known kind, "<![foo[", ends at the next ">" (html.parser
# raised); <textarea> and <title> hold raw text like <script> and <style> (an end tag
# in them closed elements around them, and text after it inside them was linked).

_NAME = r"[a-zA-Z][^\t\n\r\f />\x00]*"
_SEP = r"(?:\s|/(?!>))*"  # after a tag's name or attribute: spaces, or a slash not ending the tag
_VALUE = r"""(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)"""
_ATTRIBUTE = rf"""(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*{_VALUE})?{_SEP}"""
_TOKEN = re.compile("|".join([
    # Text and character references up to the next markup. An end tag without a name,
    # "</>", is nothing: it does not end the text it stands in.
    r"(?P<text>(?:[^<&]+|&(?![a-zA-Z]\Z))(?:[^<&]+|&|</>)*)",
    # A start tag as most are written: a plain name and attributes with quoted values,
    # each after a space. Quicker to match than the next one, and read the same way.
    r"""(?P<tag><(?P<tag_name>[a-zA-Z][-a-zA-Z0-9]*+)"""
    r"""(?:[ \t\n\r\f]++[-a-zA-Z0-9_:.]++(?:="[^"]*+"|='[^']*+')?+)*+[ \t\n\r\f]*+(?P<tag_slash>/?)>)""",
    # Any start tag, read attribute by attribute. The atomic group (nothing in it is given
    # back) ends the tag where html.parser's loop over the attributes ended it.
    rf"(?P<start>(?><(?P<name>{_NAME}){_SEP}(?:{_ATTRIBUTE})*)\s*(?P<slash>/?)>)",
    rf"(?P<end></\s*(?P<end_name>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|</(?P<end_other>{_NAME})[^>]*>)",
    # Comments, unfinished start tags and marked sections (<![CDATA[...]]>): see `_Page.slow`.
    r"(?P<slow><!--|<[a-zA-Z]|<!\[)",
    # Markup without effect: declarations, processing instructions and bogus comments; an
    # unfinished one up to the next "<"; a "<" that starts nothing; and an "&" before the
    # page's last letter (html.parser left it out of the text).
    r"(?P<other><[!?/][^>]*>|<[!?/][^<]*(?=<)|<|&)",
]))
# html.parser's patterns for what `_TOKEN` leaves to `_Page.slow` and for attributes.
_LOCATE_START_TAG_END = re.compile(r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*
      (?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*
    )*
  )?
  \s*
""", re.VERBOSE)
_TAG_NAME = re.compile(f"({_NAME}){_SEP}")
_ATTRIBUTE_PARTS = re.compile(rf"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*({_VALUE}))?{_SEP}""")
_COMMENT_END = re.compile(r"--\s*>")
_DECLARATION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_MARKED_SECTION_END = re.compile(r"]\s*]\s*>")
_MS_MARKED_SECTION_END = re.compile(r"]\s*>")
_REFERENCE = re.compile(r"&(?:#(?:[0-9]+|[xX][0-9a-fA-F]+)(?:;|(?=[^0-9a-fA-F]))"
                        r"|[a-zA-Z][-.a-zA-Z0-9]*(?:;|(?=[^a-zA-Z0-9])))")
# Elements whose content is text up to their end tag, not markup (html.parser: only
# script and style). The letters of the end tag compare in ASCII: "</scrıpt>" is text.
_RAW_TEXT = ("script", "style", "textarea", "title")
_RAW_TEXT_END = {name: re.compile(r"</\s*" + "".join(f"[{c}{c.upper()}]" for c in name) + r"\s*>")
                 for name in _RAW_TEXT}
# A start tag's attributes are read only if it may be excluded by them: if it has the
# attribute data-no-glossary (in any case), an excluded class, or a reference ("&") that
# might stand for a letter of one.
_EXCLUDING_ATTRIBUTE = re.compile("|".join([f"(?i:{NO_GLOSSARY})", "&", r"(?i:\blang\s*=)",
                                            *map(re.escape, sorted(EXCLUDED_CLASSES))]))
# Start tags that matter by their name (the others only by their attributes, if at all).
_NOTED = EXCLUDED_TAGS | VOID  # with <a>, the headings and the raw text elements
_INCOMPLETE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _attributes(source: str, start: int, end: int) -> tuple[dict[str, str | None], int]:
    """The attributes of the start tag source[start:end] and where they end (html.parser's loop)."""
    k = _TAG_NAME.match(source, start + 1).end()
    attrs: dict[str, str | None] = {}
    while k < end:
        match = _ATTRIBUTE_PARTS.match(source, k)
        if not match:
            break
        name, rest, value = match.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = html.unescape(value)
        attrs[name.lower()] = value  # a repeated attribute: the last one counts
        k = match.end()
    return attrs, k


def _after_unfinished(source: str, start: int) -> int:
    """Where markup that does not end properly ends: its first ">", else the next "<"."""
    end = source.find(">", start + 1)
    if end >= 0:
        return end + 1
    end = source.find("<", start + 1)
    return end if end >= 0 else start + 1


class _Page:
    """One call of `GlossaryLinker.link`: one pass over one page."""

    def __init__(self, linker: GlossaryLinker, source: str, skip: set[str], href_for: HrefFor,
                 glossary_page: bool) -> None:
        self.linker = linker
        self.source = source
        self.skip = skip
        self.href_for = href_for
        self.glossary_page = glossary_page
        self.used: set[str] = set()
        # The open elements, and how many of them exclude their content. An element
        # opened inside an excluded one is not itself marked: it closes before that one.
        self.names: list[str] = []
        self.excluding: list[bool] = []
        self.excluded = 0
        self.entry: tuple[int, str] | None = None  # (heading level, term id) on the glossary page
        self.out: list[str] = []
        self.copied = 0  # source[:copied] is in `out`
        self._hrefs: dict[str, str] | None = None
        # What every link to an entry starts with (if the links are made from a template).
        self.entry_prefix = href_for.partition("{id}")[0] if isinstance(href_for, str) else None

    def run(self) -> str:
        """The page with its links."""
        source = self.source
        names, excluding = self.names, self.excluding
        position, size = 0, len(source)
        while position < size:
            # Most constructs are handled here, without a call; the rare ones that move the
            # position (raw text, unfinished markup) start a new scan after them.
            for match in _TOKEN.finditer(source, position):
                kind = match.lastgroup
                if kind == "text":
                    if not self.excluded:
                        self.text(*match.span())
                    continue
                if kind == "end":
                    name = (match.group("end_name") or match.group("end_other")).lower()
                    if names and names[-1] == name:  # the usual case: the last element opened
                        names.pop()
                        self.excluded -= excluding.pop()
                    elif name in names:
                        self.end_tag(name)
                    continue
                if kind == "tag":
                    name, slash = match.group("tag_name", "tag_slash")
                elif kind == "start":
                    name, slash = match.group("name", "slash")
                elif kind == "slow":
                    position = self.slow(match.start())
                    break
                else:
                    continue
                name = name.lower()
                if name in _NOTED:
                    start, end = match.span()
                    if name in _RAW_TEXT and not slash:
                        position = self.raw_text(name, start, end)
                        break
                    self.start_tag(name, start, end, bool(slash))
                elif not slash:  # an element that may exclude its content only by its attributes
                    start, end = match.span()
                    excludes = (not self.excluded and _EXCLUDING_ATTRIBUTE.search(source, start, end)
                                is not None and self.excluded_by_attributes(start, end))
                    names.append(name)
                    excluding.append(excludes)
                    self.excluded += excludes
            else:
                break
        self.out.append(source[self.copied:])
        return "".join(self.out)

    def start_tag(self, name: str, start: int, end: int, startend: bool) -> None:
        """Note a start tag: a link to a term's entry, a glossary entry, an excluded element."""
        attrs: dict[str, str | None] | None = None
        if name == "a" and self.may_link_to_entry(start, end):
            attrs = _attributes(self.source, start, end)[0]
            href = attrs.get("href")
            if href:
                term_id = self.term_of_href(href)
                if term_id:
                    self.used.add(term_id)
        if self.glossary_page and name in HEADINGS:
            if attrs is None:
                attrs = _attributes(self.source, start, end)[0]
            level = HEADINGS[name]
            if self.entry and level <= self.entry[0]:
                self.entry = None
            if attrs.get("id") in self.linker.terms:
                self.entry = (level, attrs["id"] or "")
        if startend or name in VOID:
            return
        if name in EXCLUDED_TAGS:
            excludes = True
        else:
            excludes = (not self.excluded and _EXCLUDING_ATTRIBUTE.search(self.source, start, end) is not None
                        and self.excluded_by_attributes(start, end))
        self.names.append(name)
        self.excluding.append(excludes)
        self.excluded += excludes

    def excluded_by_attributes(self, start: int, end: int) -> bool:
        """Whether the start tag source[start:end] excludes its element: class or data-no-glossary."""
        attrs = _attributes(self.source, start, end)[0]
        lang = (attrs.get("lang") or "").split("-")[0].lower()
        if lang and self.linker.language and lang != self.linker.language:
            return True
        return NO_GLOSSARY in attrs or not EXCLUDED_CLASSES.isdisjoint((attrs.get("class") or "").split())

    def may_link_to_entry(self, start: int, end: int) -> bool:
        """Whether the <a> tag source[start:end] may link to a term's entry (else its href is not read)."""
        if self.entry_prefix is None:
            return True
        # The href is unescaped: without a reference it holds the entries' address as written.
        return self.source.find(self.entry_prefix, start, end) >= 0 or self.source.find("&", start, end) >= 0

    def end_tag(self, name: str) -> None:
        """Close the open element `name` and those opened inside it; a stray end tag does nothing."""
        if name in self.names:
            while self.names:
                self.excluded -= self.excluding.pop()
                if self.names.pop() == name:
                    break

    def raw_text(self, name: str, start: int, end: int) -> int:
        """A <script>, <style>, <textarea> or <title>: its text is never linked; where to go on."""
        self.start_tag(name, start, end, False)
        close = _RAW_TEXT_END[name].search(self.source, end)
        if close is None:  # never closed: the rest of the page is its text
            return len(self.source)
        self.end_tag(name)
        return close.end()

    def slow(self, start: int) -> int:
        """Read a comment, an unfinished start tag or a marked section as html.parser did; where to go on.

        Where html.parser raised (a marked section of an unknown kind), it is a bogus
        comment up to the next ">", as in a browser.
        """
        source = self.source
        if source.startswith("<!--", start):  # searched for here: quicker than in `_TOKEN`
            close = _COMMENT_END.search(source, start + 4)
            return close.end() if close else _after_unfinished(source, start)
        if source.startswith("<![", start):
            name = _DECLARATION_NAME.match(source, start + 3)
            if start + 3 == len(source) or (name and name.end() == len(source)):
                return _after_unfinished(source, start)
            keyword = name.group().strip().lower() if name else ""
            if keyword in ("temp", "cdata", "ignore", "include", "rcdata"):
                close = _MARKED_SECTION_END.search(source, start + 3)
            elif keyword in ("if", "else", "endif"):
                close = _MS_MARKED_SECTION_END.search(source, start + 3)
            else:
                end = source.find(">", start + 2)
                return end + 1 if end >= 0 else _after_unfinished(source, start)
            return close.end() if close else _after_unfinished(source, start)
        # A start tag that `_TOKEN` did not read: html.parser's check_for_whole_start_tag.
        located = _LOCATE_START_TAG_END.match(source, start).end()
        after = source[located:located + 1]
        if after == ">":
            end = located + 1
        elif after == "/" and source.startswith("/>", located):
            end = located + 2
        elif not after or after in _INCOMPLETE:  # the page ends in the tag, or a quote never closes
            return _after_unfinished(source, start)
        else:  # markup that is not a tag: kept as it is
            end = located
        k = _attributes(source, start, end)[1]
        rest = source[k:end].strip()
        if rest not in (">", "/>"):
            return end
        name = _TAG_NAME.match(source, start + 1).group(1).lower()
        if name in _RAW_TEXT and rest == ">":
            return self.raw_text(name, start, end)
        self.start_tag(name, start, end, rest == "/>")
        return end

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

    def text(self, start: int, end: int) -> None:
        """Link what may be linked in the text (and character references) source[start:end]."""
        raw = self.source[start:end]
        if raw.isspace():
            return
        if "&" in raw:
            text, starts, ends = _decode(self.source, start, end)
        else:
            text, starts, ends = raw, None, None
        linker = self.linker
        assert linker.pattern is not None
        linker.stats.text_scans += 1
        own = self.entry[1] if self.entry else None
        for match in linker.pattern.finditer(text):
            term_id = linker.by_form.get(normalise(match.group()))
            if not term_id or term_id in self.used or term_id in self.skip or term_id == own:
                continue
            first, last = match.start(), match.end()
            if starts is not None and ends is not None:
                first, last = starts[first], ends[last]
                if first < 0 or last < 0:  # inside a reference that stands for two characters
                    continue
            self.used.add(term_id)
            self.out.append(self.source[self.copied:start + first])
            self.out.append(linker.open_tag(term_id, self.href_for) + raw[first:last] + "</a>")
            self.copied = start + last


def _decode(source: str, start: int, end: int) -> tuple[str, list[int], list[int]]:
    """The text source[start:end] with references decoded, and where each character is in it.

    ``starts[i]`` is the offset (in the raw text) where decoded character i starts and
    ``ends[i]`` where the text up to character i ends; -1 inside a reference that decodes
    to more than one character. What html.parser added to a reference stays with it: a
    "</>" after it, and the "&" of a page that ends in "&" and a letter.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = [0]
    last = len(source) - 2
    position = start
    while position < end:
        amp = source.find("&", position, end)
        plain_end = end if amp < 0 else amp
        if plain_end == position and amp >= 0:
            reference = _REFERENCE.match(source, amp)
            if reference is None:  # a bare "&": text
                plain_end = amp + 1
            else:
                stop = reference.end()
                while stop < end:
                    if source.startswith("</>", stop):
                        stop += 3
                    elif stop == last and source[stop] == "&" and source[stop + 1] in _ASCII_LETTERS:
                        stop += 1
                    else:
                        break
                raw = source[amp:stop]
                offset = amp - start
                decoded = html.unescape(raw)
                pieces.append(decoded)
                starts.extend([offset] + [-1] * (len(decoded) - 1))
                ends.extend([-1] * (len(decoded) - 1) + [offset + len(raw)])
                position = stop
                continue
        offset = position - start
        pieces.append(source[position:plain_end])
        starts.extend(range(offset, plain_end - start))
        ends.extend(range(offset + 1, plain_end - start + 1))
        position = plain_end
    starts.append(end - start)
    return "".join(pieces), starts, ends
