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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from build_scripts.content.markup import LINK_KINDS

SAFE_TAGS = ("abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
             "small", "span", "strong", "sub", "sup", "u")
SAFE_ATTRIBUTES = ("class", "dir", "lang", "title")
SAFE_SCHEMES = ("http", "https", "mailto")

TAGS_EXPECTED = "Markdown, or one of the tags: " + ", ".join(SAFE_TAGS)
ATTRIBUTES_EXPECTED = "only the attributes: " + ", ".join(SAFE_ATTRIBUTES)
LIST_EXPECTED = "only .class, #id, " + ", ".join(SAFE_ATTRIBUTES) + " in { }, or \\{ for a brace"
ADDRESS_EXPECTED = ("a note link such as (actor:id), (page:about) or (source:p3), "
                    "or an http://, https:// or mailto: address")
IMAGE_EXPECTED = ("text only: content/ has no pictures of its own, and one from another site "
                  "would make every reader's browser contact that site")

# `<` and a letter starts a tag for a browser; its name runs to a space, '/' or '>'.
TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)")
# <scheme:...> as an editor writes an autolink; Python-Markdown itself links (and so
# escapes) only <http(s)://...>, <ftp://...> and <a@b.nl>: anything else stays a tag.
ANY_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]*)>", re.IGNORECASE)
AUTOMAIL = re.compile(r"<(?:mailto:)?[\w.!#$%&'*+=?^`{|}~-]+@[\w.-]+>", re.IGNORECASE)
# Markdown links and images: the address after '](' (and after optional '<'); line
# breaks and tabs count, since a browser drops them from an address.
INLINE_LINK = re.compile(r"\]\(\s*<?\s*((?:[^)\s<>\]]|[\t\n\r])*)")
IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*(?=\]\()")
# A link definition ([x]: address) counts wherever Markdown reads one: also inside
# quotes and list items ("> [x]: ...", "- [x]: ...", nested, or indented under an
# item), so a line is read past any '>', list markers and indentation before its '['.
# The label may run over lines, as Python-Markdown's does.
REFERENCE_LINK = re.compile(r"^[ \t>]*+(?:(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t])[ \t>]*+)*+"
                            r"\[[^\[\]]*\]:\s*<?\s*([^\s<>]*)", re.MULTILINE)
# attr_list reads '{', an optional ':', then up to the last '}' on the line, as
# key="value", key='value', key=value, .class, #id or a bare key, until nothing matches.
ATTRIBUTE = re.compile(r"""([^ =}]+)=".*?"|([^ =}]+)='.*?'|([^ =}]+)=[^ =}]+|([^ =}]+)| """)
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Each '{' is read until attr_list would stop, usually at the next '}'; only a line built
# to defeat that ({a="{a="{a="...) comes near this many characters, and is refused.
BRACE_BUDGET = 5_000_000
# Bidirectional embeddings, overrides and isolates: they make a text display in another
# order than it is stored ("Trojan Source"), so a reader sees words no editor reviewed.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_EXPECTED = "remove it; write right-to-left text without override characters"
# A Markdown link in a text meant to be plain: [x](...), [x][ref], [x]: address.
MARKDOWN_LINK = re.compile(r"\]\s*[(\[]|^[ \t>]*+\[[^\[\]]*\]:", re.MULTILINE)
# Of each kind (tags, attribute lists, links), the first this many are reported: enough
# to fix a text by, and a pasted page of HTML does not take long to refuse.
MAX_FINDINGS = 50


@dataclass(frozen=True)
class Unsafe:
    """Something in a text that could run script or change the page: where, what, expected."""

    offset: int
    message: str
    expected: str


def unsafe(text: str) -> list[Unsafe]:
    """Everything in Markdown `text` that is not on the safe list, in text order."""
    found = [found for scan in (_tags(text), _attribute_lists(text), _links(text))
             for found in islice(scan, MAX_FINDINGS)]
    return sorted(found, key=lambda item: item.offset)


def bidi_controls(text: str) -> list[Unsafe]:
    """Every bidirectional control character in `text`, named by its code point."""
    return [Unsafe(match.start(), f"bidirectional control character U+{ord(match.group()):04X} "
                                  f"({unicodedata.name(match.group())}) in the text", BIDI_EXPECTED)
            for match in islice(BIDI_CONTROLS.finditer(text), MAX_FINDINGS)]


def scheme(address: str) -> str:
    """The scheme of a link address as a browser reads it ('' for a relative one).

    >>> scheme("jav&#x61;script:alert(1)"), scheme(" https://x.org"), scheme("../a:b")
    ('javascript', 'https', '')
    """
    # As a browser's URL parser: tabs and line breaks go, and leading controls and spaces.
    address = re.sub(r"^[\x00-\x20]+", "", re.sub(r"[\t\n\r]", "", html.unescape(address)))
    match = SCHEME.match(address)
    return match.group(1).lower() if match else ""


def _short(text: str) -> str:
    """`text` for a message: on one line, at most 40 characters long."""
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _printable(text: str) -> str:
    """`text` with invisible characters written as escapes, as repr() would show them."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _address(offset: int, address: str, what: str, shown: str = "") -> Iterator[Unsafe]:
    """Refuse `address` (`shown` as the editor wrote it) unless its scheme is on the safe list."""
    found = scheme(address)
    written = _short(shown or address)
    if what == "image":
        yield Unsafe(offset, f"image {written!r} is not allowed", IMAGE_EXPECTED)
    elif not found:
        # docs/ is generated: a relative path or #anchor would point into its layout, which
        # editors do not see, and MkDocs would report it against the generated file.
        yield Unsafe(offset, f"{what} {written!r}: relative links and #anchors cannot be "
                             "resolved from content/", ADDRESS_EXPECTED)
    elif found not in SAFE_SCHEMES and found not in LINK_KINDS:
        yield Unsafe(offset, f"{what} {written!r} is not allowed", ADDRESS_EXPECTED)


def _written(text: str, start: int) -> str:
    """The address as the editor wrote it from `start`, for a message: up to a space or '>'."""
    written = re.sub(r"[\t\n\r]", "", text[start: start + 200])
    depth = 0
    for index, char in enumerate(written):
        if char in " <>" or (char == ")" and depth == 0):  # a ')' of its own ends a link
            return written[:index]
        depth += {"(": 1, ")": -1}.get(char, 0)
    return written


# -- raw HTML ---------------------------------------------------------------------------------

def _tags(text: str) -> Iterator[Unsafe]:
    refused: set[str] = set()
    for match in TAG.finditer(text):
        start, closing, name = match.start(), match.group(1), match.group(2).lower()
        if not closing:
            autolink = ANY_AUTOLINK.match(text, start)
            if autolink and scheme(autolink.group(1)) not in SAFE_SCHEMES:
                # [x](<javascript:...>) is reported once, as the link it is.
                if not re.search(r"\]\(\s*$", text[max(start - 20, 0): start]):
                    yield from _address(start, autolink.group(1), "link to")
                continue
            if AUTOLINK.match(text, start):
                yield from _autolink(start, autolink.group(1) if autolink else "")
                continue
            if AUTOMAIL.match(text, start):
                continue
        if name not in SAFE_TAGS:
            # An end tag alone is reported (a stray </div> breaks the page), but not
            # again after its start tag.
            if not closing or name not in refused:
                yield Unsafe(start, f"raw HTML <{closing}{_printable(_short(name))}> is not allowed",
                             TAGS_EXPECTED)
            refused.add(name)
        elif not closing:
            yield from _attributes(text, match.end(), start, name)


def _autolink(start: int, address: str) -> Iterator[Unsafe]:
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
    line_end = close = -1
    for brace in re.finditer(r"\{", text):
        start = brace.start()
        before = start
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # \{ is a literal brace: Markdown escapes it first
            continue
        if start > line_end:  # attr_list reads up to the last '}' on the line
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            close = text.rfind("}", start, line_end)
        inner = start + 1 + (text[start + 1: start + 2] == ":")
        while inner < close and text[inner] == " ":
            inner += 1
        if inner >= close:
            continue
        names, index = _attribute_names(text, inner, close)
        budget -= index - inner
        if budget < 0:
            yield Unsafe(start, "too many '{' to check for attribute lists",
                         "fewer '{' braces, or \\{ for a literal one")
            return
        for name in names:
            if name[:1] in (".", "#") or name.lower() in SAFE_ATTRIBUTES:
                continue
            what = "runs script and is" if name.lower().startswith("on") else "is"
            yield Unsafe(start, f"attribute {_short(name)!r} in {{...}} {what} not allowed",
                         LIST_EXPECTED)


def _attribute_names(text: str, index: int, end: int) -> tuple[list[str], int]:
    """The names attr_list reads in text[index:end], and where it stops reading."""
    names = []
    while index < end:
        match = ATTRIBUTE.match(text, index, end)
        if not match or match.end() == index:
            break
        name = next((group for group in match.groups() if group), "")
        if name:
            names.append(name)
        index = match.end()
    return names, index


# -- link and image addresses ----------------------------------------------------------------

def _links(text: str) -> Iterator[Unsafe]:
    images = {match.end() for match in IMAGE.finditer(text)}
    for match in INLINE_LINK.finditer(text):
        what = "image" if match.start() in images else "link to"
        yield from _address(match.start(), match.group(1), what, _written(text, match.start(1)))
    for match in REFERENCE_LINK.finditer(text):
        yield from _address(match.start(1), match.group(1), "link to")
