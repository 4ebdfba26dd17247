"""The source page: the article paragraph by paragraph, with its translation and who cites it.

The markup is ``templates/source.md.j2`` (its pieces in ``partials/source.md.j2``);
this module lines up the article's blocks with the translation and the citations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_scripts.content.notes import Item, Notes
from build_scripts.pipeline import Sources
from build_scripts.render import collation
from build_scripts.render.links import page_path
from build_scripts.render.strings import Strings
from build_scripts.render.templates import Templates

if TYPE_CHECKING:
    from build_scripts.render.pages import Page


class SourcePage:
    """The source page of one language (a mixin of pages.Renderer)."""

    sources: Sources
    notes: Notes
    language: str
    locale: str
    t: Strings
    templates: Templates
    cited: dict[str, dict[str, str]]

    if TYPE_CHECKING:  # the rest of pages.Renderer that the source page uses
        def start(self, path: str, title: str, item_id: str = "") -> None: ...
        def render(self, name: str, note: Item | None = None, **extra: Any) -> str: ...
        def url(self, target: str, anchor: str = "") -> str: ...

    def source(self) -> Page:
        from build_scripts.render.pages import Page

        title = self.t("nav.source")
        self.start(page_path("source"), title)
        seed = self.sources.seed
        translation_item = self.notes.get("source", "article")
        translation: dict[str, str] = {}
        translated_title = seed.title
        if self.language != seed.language and translation_item is not None \
                and translation_item.is_translated(self.language):
            note = translation_item.versions[self.language]
            translation = {str(k): v for k, v in (note.doc.data.get("translation") or {}).items()}
            translated_title = note.doc.data.get("title", seed.title)
        blocks = [block for block in (self.source_block(block, translation)
                                      for block in self.sources.article.blocks) if block]
        body = self.render("source", translation_item, seed=seed, translated_title=translated_title,
                           blocks=blocks)
        available = self.language == seed.language or bool(translation)
        return Page(page_path("source"), title, seed.title, body, available)

    def source_block(self, block: Any, translation: dict[str, str]) -> dict[str, Any] | None:
        """What partials/source.md.j2 shows of one block of the article (None: nothing)."""
        shown: dict[str, Any] = {"id": block.id, "original": block.text,
                                 "translated": translation.get(block.id)}
        if block.kind == "heading":
            headline = self.notes.inserted(block.text)
            if headline is None:
                return {**shown, "type": "heading"}
            if headline.show != "related":
                return None
            # The translation's words where it gives them, the original's after them.
            return {**shown, "type": "inserted", "url": headline.url}
        cited = self.cited.get(block.id, {})
        order = collation.sort_key(self.locale)
        links = [self.templates.macro("source", "cited_link")(self.url(path), title)
                 for path, title in sorted(cited.items(), key=lambda entry: order(entry[1]))]
        return {**shown, "type": "paragraph", "number": block.number,
                "cited_by": self.t.join(links) if links else ""}

    def _source_translated(self) -> bool:
        seed = self.sources.seed
        item = self.notes.get("source", "article")
        if self.language == seed.language:
            return True
        return item is not None and item.is_translated(self.language) \
            and bool(item.versions[self.language].doc.data.get("translation"))
