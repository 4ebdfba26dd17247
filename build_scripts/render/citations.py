"""Citations of the article's paragraphs and of named references, and the lists of sources.

The markup is in ``templates/partials/citations.md.j2``; this module decides what goes
in it, and remembers which pages cite each paragraph (the source page lists them).
"""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any

from build_scripts.content import markup
from build_scripts.content.notes import Item, Notes, Reference
from build_scripts.pipeline import Sources
from build_scripts.render.links import page_path
from build_scripts.render.strings import Strings, direction, writing_direction
from build_scripts.render.templates import Templates, md

# How many words of a paragraph a source entry shows where it cites the paragraph alone.
OPENING_WORDS = 8


class Citations:
    """Citations from the page being rendered (a mixin of pages.Renderer)."""

    sources: Sources
    notes: Notes
    language: str
    current: str
    t: Strings
    templates: Templates
    cited: dict[str, dict[str, str]]
    _current_title: str

    if TYPE_CHECKING:  # the rest of pages.Renderer that citations use
        def href(self, target: str, anchor: str = "") -> str: ...
        def url(self, target: str, anchor: str = "") -> str: ...
        def lang(self, language: str) -> str: ...

    def cite(self, citation: markup.Citation) -> str:
        """A citation in an editor's text (``[@p3]``, ``[@treaty]``)."""
        if citation.is_paragraph:
            return self.cite_paragraph(citation.key, citation.quote)
        reference = self.notes.references[citation.key]
        return self.templates.macro("citations", "reference")(
            self.t("cite.reference_mark"), self.href(page_path("about"), "ref-" + reference.id),
            self.reference_text(reference))

    def mark_ends_with_stop(self, citation: markup.Citation) -> bool:
        """Whether the citation's mark ends with a full stop (the reference mark "ist.")."""
        return not citation.is_paragraph and self.t("cite.reference_mark").endswith(".")

    def cite_paragraph(self, paragraph: str, quote: str = "") -> str:
        number = paragraph[1:]
        self.cited[paragraph][self.current] = self._current_title
        anchor = paragraph
        if quote:
            # A text fragment points the reader's browser at the exact words cited.
            anchor += ":~:text=" + urllib.parse.quote(" ".join(quote.split()), safe="")
            title = self.t("cite.quote", number=number, quote=quote.strip())
        else:
            title = self.t("cite.paragraph", number=number)
        # The paragraph id itself was validated by `explainer check`.
        return self.templates.macro("citations", "paragraph")(
            self.url(page_path("source"), anchor), title, number)

    def cite_source(self, source: dict[str, Any]) -> str:
        """One entry of a note's `sources` as a citation mark."""
        if "paragraph" in source:
            return self.cite_paragraph(source["paragraph"], source.get("quote", ""))
        return self.cite(markup.Citation(source["reference"], "", 0))

    def reference_text(self, reference: Reference) -> str:
        return self.t("cite.reference", publisher=reference.text("publisher", self.language)[0],
                      title=reference.title, date=self.t.date(reference.date))

    def reference_note(self, reference: Reference) -> str:
        """The note on a reference in this language, marked with its own where it is another."""
        note, language = reference.text("note", self.language)
        if not note:
            return ""
        return self.templates.macro("citations", "note")(
            self.lang(language) if language != self.language else "", note)

    def reference_entry(self, reference: Reference) -> str:
        # A reference names a work as published ("Treaty on European Union"): no glossary links.
        text = md(self.t("cite.reference", publisher=reference.text("publisher", self.language)[0],
                         title="\x00", date=self.t.date(reference.date)))
        title = md(reference.title)
        if writing_direction(reference.title) not in ("", direction(self.language)):
            # A French title on an Arabic page: isolated, or its words and the date around it mix.
            title = self.templates.macro("citations", "isolated")(title)
        return self.templates.macro("citations", "entry")(text.replace("\x00", title), reference.url,
                                                          reference.archive_url, self.t("cite.archived"))

    def paragraph_opening(self, paragraph: str, count: int = OPENING_WORDS) -> tuple[str, str]:
        """The first words of a paragraph of the article, with an ellipsis where it goes on,
        in the site's translation where there is one, else in the original: (words, language)."""
        block = self.sources.article.block(paragraph) if self.sources.article is not None else None
        if block is None:
            return "", ""
        text, language = block.text, self.sources.seed.language
        translation = self.notes.get("source", "article")
        if self.language != language and translation is not None and translation.is_translated(self.language):
            texts = translation.versions[self.language].doc.data.get("translation") or {}
            translated = texts.get(paragraph)
            if isinstance(translated, str) and translated.strip():
                text, language = translated, self.language
        words = text.split()
        return " ".join(words[:count]) + ("…" if len(words) > count else ""), language

    def source_entries(self, item: Item) -> list[str]:
        """The entries of a note's list of sources (partials/sources.md.j2)."""
        entries = []
        for source in item.neutral("sources") or []:
            if "paragraph" in source:
                quote = source.get("quote", "")
                entry = self.cite_paragraph(source["paragraph"], quote)
                if quote:
                    entry += " " + self.templates.macro("citations", "quote")(
                        self.lang(self.sources.seed.language), quote.strip())
                else:  # "¶1" alone says nothing: the paragraph's first words tell which it is
                    words, language = self.paragraph_opening(source["paragraph"])
                    if words:
                        entry += " " + self.templates.macro("citations", "opening")(
                            self.lang(language) if language != self.language else "", words)
            else:
                entry = self.reference_entry(self.notes.references[source["reference"]])
            if source.get("note"):
                entry += f" ({md(source['note'])})"
            entries.append(entry)
        return entries
