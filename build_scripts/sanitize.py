"""The safe list for raw HTML, attributes and link addresses in editors' Markdown.

Fields shown as plain text are escaped where they are rendered, but Markdown passes
raw HTML through, the ``attr_list`` extension lets ``{ key=value }`` set any
attribute, and a link may point at ``javascript:``. Any of these would let a content
file run script in a reader's browser. `unsafe` finds what is not on the safe list so
that ``explainer check`` refuses it, naming the line.

The scan is deliberately stricter than Python-Markdown: it looks at every ``<`` and
``{`` in the text (inside code spans and comments too), so that no difference between
how Markdown and a browser read a text can smuggle a tag or attribute past it. Each
of its loops is linear in the length of the text, or bounded by `BRACE_BUDGET`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder

from .markup import LINK_KINDS

SAFE_TAGS = ("abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
             "small", "span", "strong", "sub", "sup", "u")
SAFE_ATTRIBUTES = ("class", "dir", "lang", "title")
SAFE_SCHEMES = ("http", "https", "mailto")

TAGS_EXPECTED = "Markdown, or one of the tags: " + ", ".join(SAFE_TAGS)
ATTRIBUTES_EXPECTED = "only the attributes: " + ", ".join(SAFE_ATTRIBUTES)
LIST_EXPECTED = "only .class, #id, " + ", ".join(SAFE_ATTRIBUTES) + " in { }"
ADDRESS_EXPECTED = ("an http://, https:// or mailto: address, a relative path, "
                    "or a note link such as (actor:id)")

# `<` and a letter starts a tag for a browser; its name runs to a space, '/' or '>'.
TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)")
# What Python-Markdown turns into a link itself (and so escapes): <https://...>, <a@b.nl>.
AUTOLINK = re.compile(r"<(https?://[^\s<>]*)>", re.IGNORECASE)
AUTOMAIL = re.compile(r"<(?:mailto:)?[\w.!#$%&'*+=?^`{|}~-]+@[\w.-]+>", re.IGNORECASE)
# Markdown links and images: the address after '](' (and after optional '<'); line
# breaks and tabs count, since a browser drops them from an address.
INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^)\s<>\]]|[\t\n\r])*)")
REFERENCE_LINK = re.compile(r"^[ ]{0,3}\[[^\]\n]*\]:\s*<?([^\s<>]*)", re.MULTILINE)
# attr_list's own pattern: '{', an optional ':', then up to the last '}' on the line.
ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n ][^\n]*)\}")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Checking every '{' up to the end of its line is quadratic on a line of braces; no
# editor's text comes near this many characters of attribute lists.
BRACE_BUDGET = 200_000


@dataclass(frozen=True)
class Unsafe:
    """Something in a text that could run script or change the page: where, what, expected."""

    offset: int
    message: str
    expected: str


def unsafe(text: str) -> list[Unsafe]:
    """Everything in Markdown `text` that is not on the safe list, in text order."""
    found = [*_tags(text), *_attribute_lists(text), *_links(text)]
    return sorted(found, key=lambda item: item.offset)


def scheme(address: str) -> str:
    """The scheme of a link address as a browser reads it ('' for a relative one).

    >>> scheme("jav&#x61;script:alert(1)"), scheme(" https://x.org"), scheme("../a:b")
    ('javascript', 'https', '')
    """
    address = re.sub(r"[\t\n\r]", "", html.unescape(address)).lstrip("\x00- ")
    match = SCHEME.match(address)
    return match.group(1).lower() if match else ""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _address(offset: int, address: str, what: str) -> Iterator[Unsafe]:
    found = scheme(address)
    if found and found not in SAFE_SCHEMES and found not in LINK_KINDS:
        yield Unsafe(offset, f"{what} {_short(address)!r} is not allowed", ADDRESS_EXPECTED)


# -- raw HTML ---------------------------------------------------------------------------------

def _tags(text: str) -> Iterator[Unsafe]:
    refused: set[str] = set()
    for match in TAG.finditer(text):
        start, closing, name = match.start(), match.group(1), match.group(2).lower()
        if not closing:
            autolink = AUTOLINK.match(text, start)
            if autolink:
                yield from _autolink(start, autolink.group(1))
                continue
            if AUTOMAIL.match(text, start):
                continue
        if name not in SAFE_TAGS:
            # An end tag alone is reported (a stray </div> breaks the page), but not
            # again after its start tag.
            if not closing or name not in refused:
                yield Unsafe(start, f"raw HTML <{closing}{_short(name)}> is not allowed", TAGS_EXPECTED)
            refused.add(name)
        elif not closing:
            yield from _attributes(text, match.end(), start, name)


def _autolink(start: int, address: str) -> Iterator[Unsafe]:
    yield from _address(start, address, "link to")
    # Were it ever read as a tag, '/' would separate attributes: <https://x/onclick=...>.
    for part in address.split("/"):
        if part.lower().startswith("on") and "=" in part:
            yield Unsafe(start, f"link {_short(address)!r} looks like a tag with a script attribute",
                         ADDRESS_EXPECTED)
            return


def _attributes(text: str, index: int, start: int, tag: str) -> Iterator[Unsafe]:
    """Check the attributes of a start tag, read as a browser reads them, up to its '>'.

    A '<', a '>' inside a quoted value, a '`' or a missing closing quote is refused: where
    Markdown and a browser disagree on the end of a tag, editor's text could become
    attributes the check did not see.
    """
    end = len(text)

    def malformed(what: str) -> Unsafe:
        return Unsafe(start, f"raw HTML <{tag}> with {what} is not allowed",
                      f'a tag such as <{tag} title="...">, with &lt; and &gt; for < and >')

    while index < end:
        while index < end and (text[index].isspace() or text[index] == "/"):
            index += 1
        if index >= end or text[index] == ">":
            return
        if text[index] in "<`":
            yield malformed(f"{text[index]!r} inside it")
            return
        name_start = index
        index += 1
        while index < end and not text[index].isspace() and text[index] not in "/>=<`":
            index += 1
        name = text[name_start:index].lower()
        after = index
        while after < end and text[after].isspace():
            after += 1
        if after < end and text[after] == "=":
            index = after + 1
            while index < end and text[index].isspace():
                index += 1
            if index < end and text[index] in "\"'":
                close = text.find(text[index], index + 1)
                value = text[index + 1: close if close >= 0 else end]
                if close < 0:
                    yield malformed("an attribute value without its closing quote")
                    return
                if any(char in value for char in "<>`"):
                    yield malformed("'<', '>' or '`' in an attribute value")
                    return
                index = close + 1
            else:
                while index < end and not text[index].isspace() and text[index] not in ">":
                    if text[index] in "<`":
                        yield malformed(f"{text[index]!r} inside it")
                        return
                    index += 1
        if name.startswith("on"):
            yield Unsafe(start, f"attribute {name!r} on <{tag}> runs script and is not allowed",
                         ATTRIBUTES_EXPECTED)
        elif name not in SAFE_ATTRIBUTES:
            yield Unsafe(start, f"attribute {_short(name)!r} on <{tag}> is not allowed", ATTRIBUTES_EXPECTED)


# -- attribute lists: { .class #id key=value } -----------------------------------------------

def _attribute_lists(text: str) -> Iterator[Unsafe]:
    budget = BRACE_BUDGET
    for brace in re.finditer(r"\{", text):
        line_end = text.find("\n", brace.start())
        line_end = len(text) if line_end < 0 else line_end
        budget -= line_end - brace.start()
        if budget < 0:
            yield Unsafe(brace.start(), "too many '{' to check for attribute lists",
                         "fewer '{' braces, or &#123; for a literal one")
            return
        match = ATTRIBUTE_LIST.match(text, brace.start(), line_end)
        if not match:
            continue
        attributes, _ = get_attrs_and_remainder(match.group(1))
        for name, _value in attributes:
            if name in (".", "id") or name.lower() in SAFE_ATTRIBUTES:
                continue
            what = "runs script and is" if name.lower().startswith("on") else "is"
            yield Unsafe(brace.start(), f"attribute {_short(name)!r} in {{...}} {what} not allowed",
                         LIST_EXPECTED)


# -- link and image addresses ----------------------------------------------------------------

def _links(text: str) -> Iterator[Unsafe]:
    for match in INLINE_LINK.finditer(text):
        opening = _opening_bracket(text, match.start())
        what = "image" if opening > 0 and text[opening - 1] == "!" else "link to"
        yield from _address(match.start(), match.group(1), what)
    for match in REFERENCE_LINK.finditer(text):
        yield from _address(match.start(), match.group(1), "link to")


def _opening_bracket(text: str, close: int) -> int:
    """The '[' that the ']' at `close` closes, on the same line or the ones before (-1 if none)."""
    depth = 0
    for index in range(close, max(close - 2000, 0) - 1, -1):
        char = text[index]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index
    return -1
