"""Raw HTML that Python-Markdown set aside, read as a browser reads it: tags and text, with offsets.

Python-Markdown does not parse raw HTML: it keeps each inline tag (``<span lang="nl">``),
character reference (``&amp;``) and raw block (the source page's paragraphs) in its
HTML stash and leaves a placeholder in the document tree. An extension that works on
text must read those strings itself. `read` does it with the standard library's HTML
tokenizer (the one Python-Markdown's own md_in_html builds on) and returns what it met
in order, each with its offset in the string, so that a caller can put markup around a
piece of text without changing a byte of the rest.

Where ``html.parser`` reads differently from a browser, it is told to read as one:
<textarea> and <title> hold raw text like <script> and <style> (an end tag inside them
closes nothing), and a marked section of no known kind, ``<![foo[``, ends at the next
">" (``html.parser`` raises).
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from typing import NamedTuple

# A character reference as html.unescape reads one (its own pattern, html._charref).
CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


class Tag(NamedTuple):
    """A start tag (`end` false) or an end tag, at `position`; `closed` for ``<br/>``."""

    name: str
    attrs: dict[str, str | None]
    position: int
    end: bool = False
    closed: bool = False


class Text(NamedTuple):
    """Text (character references and all) from `start` to `end`.

    Not `plain` where a browser may read it as markup: after a "<" that html.parser took
    for text, "/x", "!x", "?x" or a letter start a tag or comment for a browser (at the
    end of the page, say), and markup put there would be read into it.
    """

    start: int
    end: int
    plain: bool = True


# What a browser starts markup with after "<".
MARKUP_START = re.compile(r"[/!?a-zA-Z]")
# Elements whose content is text up to their end tag (html.parser: script and style only).
RAW_TEXT = ("script", "style", "textarea", "title")


class _Reader(HTMLParser):
    CDATA_CONTENT_ELEMENTS = RAW_TEXT

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.position = 0
        # (position, tag or None for text, or "" for a comment or declaration)
        self.found: list[tuple[int, Tag | str | None]] = []

    def updatepos(self, i: int, j: int) -> int:
        # html.parser calls this after each construct, with where the next one starts:
        # the offset of the construct being handled, without counting lines as it does.
        self.position = j
        return j

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.position, Tag(tag, dict(attrs), self.position)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.position, Tag(tag, dict(attrs), self.position, closed=True)))

    def handle_endtag(self, tag: str) -> None:
        self.found.append((self.position, Tag(tag, {}, self.position, end=True)))

    def handle_data(self, data: str) -> None:
        self.found.append((self.position, None))

    def handle_comment(self, data: str) -> None:
        self.found.append((self.position, ""))

    handle_decl = handle_pi = unknown_decl = handle_comment

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # a keyword html.parser does not know: a bogus comment
            end = self.rawdata.find(">", i + 2)
            return end + 1 if end >= 0 else -1


# Most stashed strings are single inline tags, and the same ones recur on every page
# (</a>, <span class="explainer-kind">): short ones are read once per process.
CACHED_LENGTH = 600


def read(source: str) -> tuple[Tag | Text, ...] | None:
    """The tags and texts of `source` in order, or None where it cannot be read (shared: not
    to be changed)."""
    return _read_cached(source) if len(source) <= CACHED_LENGTH else _read(source)


@functools.lru_cache(maxsize=4096)
def _read_cached(source: str) -> tuple[Tag | Text, ...] | None:
    return _read(source)


def _read(source: str) -> tuple[Tag | Text, ...] | None:
    reader = _Reader()
    # One pass over the whole string, as feed() and close() make together (positions
    # stay offsets in `source`: feed() would cut what it read off before close()).
    reader.rawdata = source
    try:
        reader.goahead(True)
    except (AssertionError, ValueError, IndexError):  # markup the tokenizer gives up on
        return None
    found = reader.found
    items: list[Tag | Text] = []
    for index, (position, item) in enumerate(found):
        if item is None:  # a text runs up to what comes next (a lone "<" is a text of its own)
            end = found[index + 1][0] if index + 1 < len(found) else len(source)
            after_lone = position > 0 and source[position - 1] == "<"
            items.append(Text(position, end, not (after_lone and MARKUP_START.match(source, position))))
        elif item:
            items.append(item)
    return tuple(items)


def references(source: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The character references in source[start:end]: (start, end, what each stands for)."""
    return [(match.start(), match.end(), html.unescape(match.group()))
            for match in CHARACTER_REFERENCE.finditer(source, start, end)]


def decode(source: str, start: int, end: int, units: list[tuple[int, int, str]]
           ) -> tuple[str, list[int], list[int]]:
    """The text source[start:end] with each unit (start, end, text) read as its text, and
    where each character of the result is in `source`.

    Units are character references, or placeholders that stand for them. ``starts[i]``
    is the offset in `source` where character i starts and ``ends[i]`` where the text up
    to character i ends; -1 inside a unit that stands for more than one character (a
    link may not cut it in two).
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = [start]
    position = start
    for unit_start, unit_end, text in units:
        if unit_start > position:
            pieces.append(source[position:unit_start])
            starts.extend(range(position, unit_start))
            ends.extend(range(position + 1, unit_start + 1))
        pieces.append(text)
        starts.extend([unit_start] + [-1] * (len(text) - 1))
        ends.extend([-1] * (len(text) - 1) + [unit_end])
        position = unit_end
    pieces.append(source[position:end])
    starts.extend(range(position, end))
    ends.extend(range(position + 1, end + 1))
    starts.append(end)
    return "".join(pieces), starts, ends
