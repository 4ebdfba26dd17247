"""The search index, made to find names and terms in the forms readers type them.

Material's search matches what a reader types as the beginning of an indexed word
("Лукашенку" as лукашенку*), and it does not stem: its results must contain each
typed word as the start of a word of the page, which a stemmed index would break
(Material's language files leave lunr's stemmer out for that reason). So a reader who
types an inflected form of a name finds only the pages with that very form.

Here every page that mentions a glossary term or an actor, in any of the forms its note
lists (`forms:`, and the title), gets the words of those forms it does not already
contain, in a field of its own (`forms`) on the page's first document, which Material's
worker indexes like any other field but never shows. The forms an editor lists for a
language are what the search of that language finds, in any language, with or without a
stemmer. Only the missing words are added, each once per page: the worker builds its
index on the reader's phone when search is first opened, so every word it need not
index shortens the wait for the first result.

The index is written as UTF-8, not with \\u escapes: a Cyrillic index is a third
smaller that way, compressed or not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from build_scripts import pipeline

FORMS_FIELD = "forms"
FORMS_BOOST = 10.0  # a name or term in its own field: above running text, below titles


def name_forms(sources: pipeline.Sources, language: str) -> list[list[str]]:
    """Each glossary term's and each actor's forms in `language` (title first), as groups."""
    groups = []
    for item in [*sources.notes.of("term"), *sources.notes.of("actor")]:
        forms = [item.text(language, "title") or "", *(item.text(language, "forms") or [])]
        unique = list(dict.fromkeys(form.strip() for form in forms if form and form.strip()))
        if unique:
            groups.append(unique)
    return groups


WORD = re.compile(r"\w+")
WORD_CHAR = re.compile(r"\w")


class Forms:
    r"""Every group's forms, found in a page's text in one pass over its words.

    What `(?<!\w)form(?!\w)` finds for each form, without a search per form and page
    (thousands of each on a large site): each form is filed under its first word, and a
    page's words are looked up there, then the form is compared where the word starts."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.by_first: dict[str, list[tuple[str, int]]] = {}
        self.odd: list[tuple[re.Pattern[str], int]] = []  # forms that do not start with a letter
        for number, group in enumerate(groups):
            for form in dict.fromkeys(form.casefold() for form in group):
                first = WORD.match(form)
                if first is not None:
                    self.by_first.setdefault(first.group(), []).append((form, number))
                elif form:
                    self.odd.append((re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)"), number))

    def groups_in(self, text: str) -> set[int]:
        """The numbers of the groups a form of which is a whole word (or words) of `text`."""
        found: set[int] = set()
        for word in WORD.finditer(text):
            for form, number in self.by_first.get(word.group(), ()):
                if number in found:
                    continue
                end = word.start() + len(form)
                if text.startswith(form, word.start()) and not WORD_CHAR.match(text, end):
                    found.add(number)
        found.update(number for pattern, number in self.odd if number not in found and pattern.search(text))
        return found


TAG = re.compile(r"<[^>]*>")
EDGES = re.compile(r"^\W+|\W+$")  # "Путина," in running text is the word путина


def _words(text: str, separator: re.Pattern[str]) -> list[str]:
    return [word for word in (EDGES.sub("", part) for part in separator.split(text)) if word]


def add_forms(index: dict, groups: list[list[str]]) -> None:
    """Give every page that mentions a group's form the words of that group's forms it
    lacks, on the page's first document (Material's result for the page as a whole)."""
    separator = re.compile(index.get("config", {}).get("separator") or r"[\s\-]+")
    # Each group's words, split once for every page that mentions the group.
    words_of = [[word for form in group for word in _words(form.casefold(), separator)] for group in groups]
    forms = Forms(groups)
    pages: dict[str, list[dict]] = {}
    for document in index.get("docs", []):
        pages.setdefault(str(document.get("location", "")).split("#")[0], []).append(document)
    for documents in pages.values():
        text = TAG.sub(" ", " ".join(f"{document.get('title', '')} {document.get('text', '')}"
                                     for document in documents)).casefold()
        present = set(_words(text, separator))
        missing: dict[str, None] = {}
        for number in sorted(forms.groups_in(text)):  # in the groups' order, as listed
            missing.update((word, None) for word in words_of[number] if word not in present)
        if missing:
            documents[0][FORMS_FIELD] = " ".join(missing)
    fields = index.setdefault("config", {}).setdefault("fields", {})
    fields.setdefault(FORMS_FIELD, {"boost": FORMS_BOOST})


def rewrite(site: Path, groups: list[list[str]]) -> None:
    """Add the forms to the language build's index in `site` and write it as UTF-8."""
    path = site / "search" / "search_index.json"
    if not path.is_file():  # the project builds without Material's search plugin
        return
    index = json.loads(path.read_text("utf-8"))
    add_forms(index, groups)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
