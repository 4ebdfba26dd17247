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

# Every name a template is given (EDITING.md lists them from here; a test checks the two agree).
CONTEXT_NAMES = {
    "page": "the page: `page.path` (`actors/putin.md`) and `page.title`",
    "note": "the page's note, its fields in the page's language: `note.title`, `note.role`, "
            "`note.summary`, `note.body`... as the tables above list them; `note.id`, `note.type` "
            "(actor, term...) and `note.translated`; a field the note leaves out is empty (`note` "
            "itself is none on an overview page without a text of its own)",
    "t": "the interface strings: `t(\"headings.aims\")`, `t.date(\"2020-08\")`, `t.join(texts)`, "
         "`t.label(text)`, `t.language_name(code, key)`",
    "language": "the page's language code",
    "default_language": "the site's default language code",
    "text": "`text(markdown)`: an editor's text with its citations and links to notes made",
    "wrap": "`{% call wrap(note) %}...{% endcall %}`: the text between, with the notice where the "
            "note is not (or no longer) translated",
    "lang": "`lang(code)`: the `lang` (and `dir`) attributes of text in that language",
    "note_lang": "`note_lang(note)`: the same for a note shown in the original (nothing if translated)",
    "href": "`href(path, anchor)`: the address of another page (`glossary/index.md`) from this one, "
            "for a Markdown link",
    "url": "`url(path, anchor)`: the same for an HTML link (`<a href>`)",
    "note_href": "`note_href(note)`: the address of a note's page (or its entry on one)",
    "note_link": "`note_link(note)`: a Markdown link to a note, named by its title",
    "note_links": "`note_links(notes)`: a list of them (`t.join` joins them as the language does)",
    "notes": "`notes(kind, ids)`: the notes of `kind` with those ids (those that exist), as `note` is",
    "bullet_list": "`bullet_list(texts)`: a Markdown list of editors' texts",
    "cite_sources": "`cite_sources(note)`: the note's `sources` as citation marks (¶3 ...)",
    "source_entries": "`source_entries(note)`: the note's `sources` as list entries "
                      "(what `partials/sources.md.j2` lists)",
    "reference_entry": "`reference_entry(ref)`: a reference of content/references.yml as listed",
    "reference_note": "`reference_note(ref)`: its note, in the page's language where it has one",
}


# What each page template is given besides the names above (the page's own data).
PAGE_NAMES = {
    "home": "`as_of` (the date the key points describe: the note's `as_of`, or the article's date; "
            "`note` is content/pages/home)",
    "background": "`events` (the timeline's notes), `timeline` and `map` (the pictures, ready HTML)",
    "actors": "`notes` (the actors, in reading order), `relations_figure` (the picture)",
    "actor": "`relations` (each with `subject`, `object`, `type`, `label`, `arrow`, `cites`), "
             "`relations_figure`",
    "scenarios": "`notes` (the scenarios, in reading order), `relations_figure` (empty)",
    "scenario": "nothing more: `note.actors`, `note.drivers`... are the note's fields",
    "glossary": "`terms` (in this language's alphabetical order), `letters` ((initial, term id) pairs)",
    "source": "`seed` (the article's `title`, `date`, `outlet`, `language`), `translated_title`, "
              "`blocks` (headings, inserted headlines and paragraphs)",
    "about": "`references` (content/references.yml), `offline_marker` (where the offline copy's link goes)",
    "404": "`languages`: this page's language first, then (at the site's root, which the host "
           "shows for any missing address) every other; each with `code`, `lang`, `title`, `text`, "
           "`home_label` and `home` (its home page)",
    "a-z": "`groups` (a letter each, with its `letter`, `id` and `entries`: `title`, `href`, `where`), "
           "`letters` ((letter, id) pairs)",
    "translations": "`rows` (a language each), `lists` (the outdated and missing notes; none in the "
                    "default language)",
}

REFERENCE = """
## Page templates

Every page is written from a template (Jinja2, in a sandbox) that a project can replace.
The package's are in `build_scripts/render/templates/`, named after the page type:

TEMPLATE_LIST

with the pieces pages share in `partials/` (`partials/sources.md.j2`, the list of sources;
`partials/role.md.j2`, an actor's kind and role; `partials/notice.md.j2`, the notice on a
note not yet translated; `partials/citations.md.j2`, `partials/source.md.j2`...). To change
one, copy it to the same name under `overrides/explainer/` in the project (the convention
of Material's `custom_dir: overrides`) and edit the copy; what is not there is the
package's. `explainer serve` rebuilds when a file in `overrides/` is saved.

A template writes Markdown (HTML where Markdown has no form for it), for every language
at once. Nothing is escaped unless a filter says so: `| md` for text in Markdown, `| attr`
for text in HTML (an element or an attribute), `| link_title` inside a link's `"title"`.
Each block of a page is a paragraph of its own: keep the blank line between them. A mistake
(a syntax error, a name or filter that does not exist) stops the build with one line,
`overrides/explainer/actor.md.j2:3: what is wrong`, and the last good site stays.

Every template is given:

| name | what it is |
| --- | --- |
CONTEXT_TABLE

and the page's own data:

| template | also given |
| --- | --- |
PAGE_TABLE

The pictures (relation maps, timeline, locator map) are drawn in Python and given as
ready HTML; a template places them or leaves them out.

For example, to show an actor's role above the name on every actor page, in every
language, copy `build_scripts/render/templates/actor.md.j2` to
`overrides/explainer/actor.md.j2` and move the role's line above the title:

```jinja
{% from "partials/role.md.j2" import role with context %}
{% call wrap(note) %}
{% set lead = (note.body | trim) or note.summary %}
{{ role(note, lead.split(". ")[0]) }}

# {{ page.title | md }}

{{ text(lead) }}
...
```
"""


def reference() -> str:
    """The "Page templates" section of EDITING.md."""
    from build_scripts.render.templates import PACKAGE, SUFFIX

    names = ", ".join(f"`{path.name}`" for path in sorted(PACKAGE.glob("*" + SUFFIX)))
    table = "\n".join(f"| `{name}{SUFFIX}` | {given} |" for name, given in PAGE_NAMES.items())
    names_table = "\n".join(f"| `{name}` | {what} |" for name, what in CONTEXT_NAMES.items())
    return (REFERENCE.replace("TEMPLATE_LIST", names).replace("PAGE_TABLE", table)
            .replace("CONTEXT_TABLE", names_table))
