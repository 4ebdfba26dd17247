"""The translation status page (about/translations.md): how complete every language is.

The markup is ``templates/translations.md.j2``; this module counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import babel.numbers

from build_scripts.content.notes import Item, Notes
from build_scripts.content.translations import Entry, counts
from build_scripts.render.links import SECTIONS, STATUS_PAGE, page_path
from build_scripts.render.strings import Strings, native_name

if TYPE_CHECKING:
    from build_scripts.render.context import NoteView
    from build_scripts.render.pages import Page


class StatusPage:
    """The translation status page of one language (a mixin of pages.Renderer)."""

    all_status: dict[str, list[Entry]] | None
    notes: Notes
    language: str
    t: Strings

    if TYPE_CHECKING:  # the rest of pages.Renderer that the status page uses
        def start(self, path: str, title: str, item_id: str = "") -> None: ...
        def render(self, name: str, note: Item | None = None, **extra: Any) -> str: ...
        def href(self, target: str, anchor: str = "") -> str: ...
        def item_href(self, kind: str, item_id: str) -> str: ...
        def view(self, item: Item) -> NoteView: ...

    def translation_status(self) -> Page:
        from build_scripts.render.pages import Page

        assert self.all_status is not None
        title = self.t("status.title")
        self.start(STATUS_PAGE, title)
        rows = []
        locale = self.language.replace("-", "_")
        for code, entries in self.all_status.items():
            count = counts(entries)
            done = (count["up_to_date"] + count["outdated"]) / len(entries) if entries else 1.0
            rows.append({"name": native_name(code), **count,
                         "complete": babel.numbers.format_percent(done, locale=locale)})
        mine = self.all_status.get(self.language)
        lists = None if mine is None else [
            {"heading": heading, "entries": [self.status_entry(e) for e in mine if e.state == state]}
            for state, heading in (("outdated", "status.outdated_list"), ("missing", "status.missing_list"))]
        body = self.render("translations", rows=rows, lists=lists)
        return Page(STATUS_PAGE, title, self.t("status.summary"), body)

    def status_entry(self, entry: Entry) -> dict[str, Any]:
        """One note of the lists of outdated and missing translations."""
        item = self.notes.get(entry.kind, entry.id)
        target = {"actor": page_path("actors", entry.id), "scenario": page_path("scenarios", entry.id),
                  "page": page_path(entry.id) if entry.id in SECTIONS else "",
                  "source": page_path("source")}.get(entry.kind)
        if entry.kind in ("term", "event"):
            link = self.item_href(entry.kind, entry.id)
        else:
            link = self.href(target) if target else ""
        return {"id": entry.id, "note": self.view(item) if item else None, "link": link,
                "path": entry.path, "since": entry.since}
