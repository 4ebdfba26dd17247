"""The A–Z index (a-z/index.md): every page and glossary term, in this language's order.

Search needs JavaScript; this page does not. It is linked from the header where the
search button would be (without JavaScript only: theme partials/header.html) and from
the navigation. Entries are filed under letters as this language's dictionaries file
them (collation.py), so Е and Ё are one letter in Russian and Œ is under O in French.

The markup is ``templates/a-z.md.j2``; this module lists and sorts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_scripts.content.notes import Item, Notes
from build_scripts.render import collation
from build_scripts.render.links import INDEX_PAGE, SECTIONS, STATUS_PAGE, page_path
from build_scripts.render.strings import Strings

if TYPE_CHECKING:
    from build_scripts.render.pages import Page


class IndexPage:
    """The A–Z index of one language (a mixin of pages.Renderer)."""

    notes: Notes
    language: str
    locale: str
    t: Strings
    all_status: Any

    if TYPE_CHECKING:  # the rest of pages.Renderer that the index uses
        def start(self, path: str, title: str, item_id: str = "") -> None: ...
        def render(self, name: str, note: Item | None = None, **extra: Any) -> str: ...
        def href(self, target: str, anchor: str = "") -> str: ...
        def item_href(self, kind: str, item_id: str) -> str: ...

    def a_to_z(self) -> Page:
        from build_scripts.render.pages import Page

        title = self.t("index.title")
        self.start(INDEX_PAGE, title)
        groups = self.index_groups(self.index_entries())
        body = self.render("a-z", groups=groups,
                           letters=[(group["letter"], group["id"]) for group in groups])
        return Page(INDEX_PAGE, title, self.t("index.intro"), body)

    def index_entries(self) -> list[dict[str, str]]:
        """Every page but the home page (the logo's) and every glossary term: title, link and
        where it is ('Actors'), in this language's alphabetical order."""
        entries = [{"title": self.t(f"nav.{section}"), "href": self.href(page_path(section)), "where": ""}
                   for section in SECTIONS if section != "home"]
        if self.all_status is not None:
            entries.append({"title": self.t("status.title"), "href": self.href(STATUS_PAGE), "where": ""})
        for kind, section in (("actor", "actors"), ("scenario", "scenarios"), ("term", "glossary")):
            entries += [
                {"title": str(item.text(self.language, "title")), "href": self.item_href(kind, item.id),
                 "where": self.t(f"nav.{section}")}
                for item in self.notes.of(kind)
            ]
        key = collation.sort_key(self.locale)
        return sorted(entries, key=lambda entry: (key(entry["title"]), key(entry["where"])))

    def index_groups(self, entries: list[dict[str, str]]) -> list[dict[str, Any]]:
        """The sorted entries under their letters: [{'letter', 'id', 'entries'}, ...]."""
        groups: list[dict[str, Any]] = []
        for entry in entries:
            initial = collation.letter(self.locale, entry["title"]) or "#"
            if not groups or not collation.same_letter(self.locale, initial, groups[-1]["letter"]):
                groups.append({"letter": initial, "id": f"letter-{len(groups) + 1}", "entries": []})
            groups[-1]["entries"].append(entry)
        return groups
