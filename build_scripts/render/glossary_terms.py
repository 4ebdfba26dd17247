"""A language's glossary as one compiled pattern: which words on a page name which term.

`Glossary` is built once per language from that language's terms (and its actors'
names) and reused for every page: ONE regular expression of every form of every term.
It only finds words in plain text; where a page may be linked, and how, is
`glossary_links` (the Markdown extension).

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
- `names` (actors' names) take part in the longest match but never link: the term
  "Sahel" stays unlinked inside "Alliance des États du Sahel".
- If two terms list the same form, the first term listed gets it (see `conflicts`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

# Characters that belong to a word: letters and digits (\w), the soft hyphen, zero-width
# (non-)joiners and combining accents, so that no form ends inside a word.
WORD = r"\w\u00ad\u200c\u200d\u0300-\u036f\u0483-\u0489"


@dataclass(frozen=True)
class Term:
    """A glossary term in one language: its id, word forms and one-sentence summary."""

    id: str
    forms: Sequence[str]
    summary: str = ""


@dataclass
class Stats:
    """How much work a glossary did: compiled patterns, scans of text, pages."""

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


class Glossary:
    """The terms of one language, compiled once: which term each matched word names."""

    def __init__(self, terms: Iterable[Term], *, names: Iterable[str] = (), language: str = "") -> None:
        self.terms: dict[str, Term] = {}
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
        # The tooltip: the summary on one line ('' for none). Escaped for raw HTML where
        # a link goes into HTML the Markdown parser set aside.
        self.titles = {term_id: normalise(term.summary) for term_id, term in self.terms.items()}
        self.escaped_titles = {term_id: html.escape(title, quote=True)
                               for term_id, title in self.titles.items()}
        # No form crosses a tag: a text with its tags left in has every match it has alone.
        self.angle_free = not any("<" in form or ">" in form for form in self.by_form)
        source = alternation(self.by_form)
        self.pattern: re.Pattern[str] | None = None
        if source:
            self.pattern = re.compile(source)
            self.stats.patterns_compiled += 1

    def occurrences(self, text: str, used: Collection[str], own: str = "") -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of each term in `text`, but those in `used` and `own`.

        `used` is read as the caller goes: a term it adds (the one it just linked) is not
        yielded again further on.
        """
        if self.pattern is None:
            return
        self.stats.text_scans += 1
        by_form = self.by_form
        for match in self.pattern.finditer(text):
            term_id = by_form.get(normalise(match.group()))
            if term_id and term_id != own and term_id not in used:
                yield match.start(), match.end(), term_id
