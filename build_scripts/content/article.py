"""The source article: a plain-text seed parsed into dated, numbered blocks.

The seed format: the first line is ``date YYYY-MM`` followed by the standfirst;
blocks are separated by blank lines; a short single line without closing
punctuation is a heading. Paragraphs (the standfirst first) get the stable ids
p1, p2, ...; headings get h1, h2, ... They never share a counter, so marking a
heading as a headline the publisher inserted never renumbers a paragraph.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from build_scripts.content.textfile import read_text
from build_scripts.errors import Problems

DATE_LINE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:\s+(.*))?$")
# Sentence-closing punctuation in the scripts we expect; a heading never ends in one.
CLOSING = tuple(".!?:;…\"'”»“›)]؟۔।。？！")
HEADING_MAX_CHARS = 100


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of the article."""

    id: str
    kind: str  # "standfirst", "paragraph" or "heading"
    text: str
    line: int

    @property
    def number(self) -> int:
        return int(self.id[1:])


@dataclass(frozen=True)
class Article:
    """A parsed seed article."""

    path: Path
    date: str  # "YYYY-MM"
    blocks: tuple[Block, ...]

    @functools.cached_property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind != "heading")

    @functools.cached_property
    def headings(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "heading")

    @functools.cached_property
    def _by_id(self) -> dict[str, Block]:
        return {block.id: block for block in self.blocks}

    def block(self, block_id: str) -> Block | None:
        # By id, not by a walk through the blocks: `explainer check` looks up every
        # citation and every key of a translation, as many as there are paragraphs.
        return self._by_id.get(block_id)


def is_heading(text: str) -> bool:
    """A short one-line block that does not end like a sentence.

    >>> is_heading("Vervreemden"), is_heading("Militair ingrijpen dus.")
    (True, False)
    """
    return (
        "\n" not in text
        and len(text) <= HEADING_MAX_CHARS
        and not text.endswith(CLOSING)
    )


def parse(text: str, path: Path, problems: Problems) -> Article | None:
    """Parse seed text; record a problem (with its line) and return None if it is not a seed."""
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        problems.add(path, 1, "", "the article is empty", "a first line 'date YYYY-MM <standfirst>'")
        return None
    match = DATE_LINE.match(lines[first])
    if not match:
        problems.add(
            path, first + 1, "date", f"first line does not start with a date: {lines[first][:40]!r}",
            "'date YYYY-MM' followed by the standfirst",
        )
        return None
    year, month, standfirst = match.group(1), match.group(2), (match.group(3) or "").strip()
    if not 1 <= int(month) <= 12:
        problems.add(path, first + 1, "date", f"month {month} does not exist", "a month 01 to 12")
        return None

    blocks: list[Block] = []
    counters = {"p": 0, "h": 0}

    def add(kind: str, text: str, line: int) -> None:
        prefix = "h" if kind == "heading" else "p"
        counters[prefix] += 1
        blocks.append(Block(f"{prefix}{counters[prefix]}", kind, text, line))

    if standfirst:
        add("standfirst", standfirst, first + 1)
    chunk: list[str] = []
    chunk_line = 0
    for number, line in enumerate([*lines[first + 1 :], ""], start=first + 2):
        if line.strip():
            if not chunk:
                chunk_line = number
            chunk.append(line.strip())
            continue
        if chunk:
            body = " ".join(chunk)
            add("heading" if len(chunk) == 1 and is_heading(body) else "paragraph", body, chunk_line)
            chunk = []
    if not any(block.kind != "heading" for block in blocks):
        problems.add(path, first + 1, "", "the article has no paragraphs", "text after the date line")
        return None
    return Article(path, f"{year}-{month}", tuple(blocks))


def load(path: Path, problems: Problems) -> Article | None:
    """Read and parse a seed file."""
    text = read_text(path, problems)
    return None if text is None else parse(text, path, problems)


_QUOTES = str.maketrans(
    {
        "„": '"', "“": '"', "”": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‚": "'", "‘": "'", "’": "'", "‛": "'", "‹": "'", "›": "'", "′": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "\u00a0": " ", "\u202f": " ",
    }
)


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Fold what a quote may legitimately differ in: whitespace, quote marks, dashes.

    Nothing fuzzier: a dropped "not" or a changed number must not match.

    >>> normalise("„Ik  moet” — nu")
    '"Ik moet" - nu'
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return " ".join(text.split())


def quote_occurs(quote: str, paragraph: str) -> bool:
    """True when `quote` occurs in `paragraph`, after normalising both."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(paragraph)
