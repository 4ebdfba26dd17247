"""What a page template is given: the page, its note, the interface strings and helpers.

EDITING.md ("Page templates") lists these names for editors; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jinja2

from build_scripts.content.notes import Item

if TYPE_CHECKING:
    from build_scripts.render.pages import Renderer


class NoteView:
    """A note as a template sees it: ``note.title``, ``note.role``, ``note.sources``...

    A field of the note's kind is its text in the page's language (the original's where
    the note has no translation yet), or its one language-neutral value; a field the note
    leaves out is None. A name that is no field of the kind is undefined (an error where the
    template shows it).
    """

    def __init__(self, item: Item, language: str) -> None:
        self._item = item
        self._language = language

    @property
    def id(self) -> str:
        return self._item.id

    @property
    def type(self) -> str:
        """The kind of note: 'actor', 'scenario', 'term', 'event', 'page' or 'source'."""
        return self._item.kind.name

    @property
    def body(self) -> str:
        """The Markdown below the front matter."""
        return self._item.body(self._language)

    @property
    def translated(self) -> bool:
        """Whether the note has a text in the page's language."""
        return self._item.is_translated(self._language)

    def __getattr__(self, name: str) -> Any:
        field = self._item.kind.field(name)
        if field is None:
            if name.startswith("__"):  # Python's own questions (copy, pickle): not a field
                raise AttributeError(name)
            # Undefined, not an error yet: `note.role is defined` works on any kind of note.
            kind = self._item.kind
            return jinja2.StrictUndefined(hint=f"{kind.name} notes have no field {name!r} (their fields: "
                                          + ", ".join(["id", "body", "translated", "type"]
                                                      + [each.name for each in kind.fields]) + ")")
        if field.translatable:
            return self._item.text(self._language, name)
        return self._item.neutral(name)

    def __repr__(self) -> str:
        return f"<{self._item.kind.name} note {self._item.id!r}>"


def context(renderer: Renderer, note: Item | None = None, **extra: Any) -> dict[str, Any]:
    """The names a template of the page being rendered can use (EDITING.md lists them)."""
    view = renderer.view
    helpers: dict[str, Callable[..., Any]] = {
        "text": renderer.text,
        "wrap": renderer.wrap_template,
        "lang": renderer.lang,
        "note_lang": lambda shown: "" if shown.translated else renderer.lang(renderer.default),
        "href": renderer.href,
        "url": renderer.url,
        "note_href": lambda shown: renderer.item_href(shown.type, shown.id),
        "note_link": renderer.note_link,
        "note_links": lambda shown: [renderer.note_link(each) for each in shown],
        "notes": lambda kind, ids: [view(item) for item in
                                    (renderer.notes.get(kind, each) for each in ids or []) if item],
        "bullet_list": renderer.bullet_list,
        "cite_sources": lambda shown: " ".join(
            renderer.cite_source(source) for source in shown.sources or []),
        "source_entries": lambda shown: renderer.source_entries(shown._item),
        "reference_entry": renderer.reference_entry,
        "reference_note": renderer.reference_note,
    }
    return {
        "page": {"path": renderer.current, "title": renderer._current_title},
        "note": view(note) if note is not None else None,
        "t": renderer.t,
        "language": renderer.language,
        "default_language": renderer.default,
        **helpers,
        **extra,
    }
