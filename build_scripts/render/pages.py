"""Rendering: validated sources to Markdown pages, one set per language.

Each page type is a template (render/templates/, overridable by the project: see
render/templates.py); this module decides which pages there are and what each
template is given. Links are in render/links.py, citations in render/citations.py,
the source and translation status pages in their own modules.

A note without a translation is rendered from the default language's text, inside
a block marked ``data-translation="missing"`` and ``lang`` of the original.
"""

from __future__ import annotations

import functools
import html
import json
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from build_scripts.content import markup, translations
from build_scripts.content.notes import Item, reading_order
from build_scripts.content.relation_types import mutual
from build_scripts.content.translations import Entry
from build_scripts.errors import InvalidContent, Problems
from build_scripts.pipeline import Sources
from build_scripts.render import collation, glossary_links, templates
from build_scripts.render.citations import Citations
from build_scripts.render.context import NoteView, context
from build_scripts.render.index_page import IndexPage
from build_scripts.render.links import INDEX_PAGE, SECTIONS, STATUS_PAGE, Links, origin, page_path
from build_scripts.render.pictures import figures
from build_scripts.render.source_page import SourcePage
from build_scripts.render.status_page import StatusPage
from build_scripts.render.strings import Strings, direction, writing_direction
from build_scripts.render.templates import TemplateProblem, chomp, md
from build_scripts.site import offline

__all__ = ["SECTIONS", "Page", "Renderer", "nav", "origin", "page_path", "render_pages", "render_site",
           "unlisted_sections"]


@dataclass
class Page:
    path: str
    title: str
    description: str
    body: str
    translated: bool = True
    meta: dict[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        if self.path == NOT_FOUND:
            # Not a page of the engine's: the theme's 404 template shows it (site/notfound.py).
            return self.body.strip() + "\n"
        # Themes print front-matter values into HTML unescaped (MkDocs' Jinja does not
        # autoescape), so editors' text is escaped here, once.
        front = {"title": html.escape(self.title), "description": html.escape(self.description),
                 **self.meta}
        lines = ["---"]
        for key, value in front.items():
            lines.append(f"{key}: {_yaml_string(value)}")
        lines.append("---")
        # Where the page is, for the glossary links (a Markdown extension, not told by MkDocs).
        return ("\n".join(lines) + "\n\n" + glossary_links.page_reference(self.path) + "\n\n"
                + self.body.strip() + "\n")


def _yaml_string(value: Any) -> str:
    # JSON strings are valid YAML scalars, with every special character escaped.
    return json.dumps(value, ensure_ascii=False)


# The page for a missing address: the body of the theme's 404.html, not a page of its own.
NOT_FOUND = "404.md"


class Renderer(Citations, IndexPage, Links, SourcePage, StatusPage):
    """Renders every page of one language."""

    def __init__(self, sources: Sources, language: str,
                 status: dict[tuple[str, str], Entry] | None = None) -> None:
        self.sources = sources
        # (kind, id) -> translation status of that note in this language
        self.status = status or {}
        # every translated language's status, for the translation status page
        self.all_status: dict[str, list[Entry]] | None = None
        self.current_item = ""
        self.language = language
        self.default = sources.project.default_language
        self.t: Strings = sources.strings[language]
        self.notes = sources.notes
        self.current = ""
        self._current_title = ""
        # paragraph id -> {page path: page title}: which pages cite a paragraph
        self.cited: dict[str, dict[str, str]] = defaultdict(dict)
        self._incoming: dict[str, list[tuple[Item, dict[str, Any]]]] | None = None
        self.locale = sources.project.locale(language)
        self._listed: dict[str, list[Item]] = {}
        self.templates = templates.for_project(sources.project.root)
        # An override that cannot be rendered: reported with the content's problems.
        self.problems = Problems(sources.project.root)

    def listed(self, kind: str) -> list[Item]:
        """The notes of a kind in this language's reading order: by the editors' `order` and
        date where they give them, then alphabetically by the title in this language, as
        its readers sort (collation), not by the default language's titles."""
        if kind not in self._listed:
            key = collation.sort_key(self.locale)
            self._listed[kind] = sorted(self.notes.of(kind), key=lambda item: reading_order(
                item, key(str(item.text(self.language, "title", "")))))
        return self._listed[kind]

    def view(self, item: Item) -> NoteView:
        return NoteView(item, self.language)

    # -- helpers of the templates (context.py) ------------------------------------------------

    def lang(self, language: str) -> str:
        """The attributes of text in `language`: its code, and its direction where that is not the
        page's (a French original on an Arabic page reads left to right)."""
        written = direction(language)
        return f' lang="{language}"' + (f' dir="{written}"' if written != direction(self.language) else "")

    def text(self, value: str) -> str:
        """Editor's Markdown with citations and note links rendered."""
        return markup.render(value, self.cite, lambda link: self.item_href(link.kind, link.id),
                             self.mark_ends_with_stop)

    def note_link(self, note: NoteView) -> str:
        """A Markdown link to a note's page (or entry), named by its title."""
        return f"[{md(note.title)}]({self.item_href(note.type, note.id)})"

    def bullet_list(self, values: list[str] | None) -> str:
        return "\n".join(f"- {self.text(value)}" for value in values or [])

    def wrap_template(self, note: NoteView, caller: Callable[[], str]) -> str:
        """``{% call wrap(note) %}...{% endcall %}``: the text between, marked where needed."""
        return self.wrap(note._item, chomp(caller()))

    def wrap(self, item: Item, markdown: str) -> str:
        """Mark text shown in the original language, or translated from an older original
        (partials/notice.md.j2)."""
        if not item.is_translated(self.language):
            notice = self.t("notice.missing",
                            language=self.t.language_name(self.language, "notice.missing"),
                            original=self.t.language_name(self.default, "notice.missing"))
            return self.templates.macro("notice", "missing")(notice, self.lang(self.default), markdown)
        entry = self.status.get((item.kind.name, item.id))
        if entry is None or entry.state != "outdated":
            return markdown + "\n"
        key = "notice.outdated" if entry.since else "notice.outdated_undated"
        notice = self.t(key, original=self.t.language_name(self.default, key),
                        **({"date": self.t.date(entry.since)} if entry.since else {}))
        return self.templates.macro("notice", "outdated")(
            notice, self.original_url(self.current), self.default, self.t("notice.read_original"),
            markdown)

    # -- pages -------------------------------------------------------------------------------

    def start(self, path: str, title: str, item_id: str = "") -> None:
        self.current = path
        self._current_title = title
        self.current_item = item_id

    def render(self, name: str, note: Item | None = None, **extra: Any) -> str:
        """The page template `name` for the page being rendered; '' (and a problem) when an
        override cannot be rendered."""
        try:
            return self.templates.page(name, context(self, note, **extra))
        except TemplateProblem as problem:
            self.problems.add(problem.path, problem.line, "", problem.message)
            return ""

    def free_page(self, section: str, **extra: Any) -> Page:
        item = self.notes.get("page", section)
        assert item is not None
        title = item.text(self.language, "title")
        self.start(page_path(section), title)
        return Page(page_path(section), title, item.text(self.language, "summary"),
                    self.render(section, item, **extra), item.is_translated(self.language))

    def home(self) -> Page:
        # The key points describe the story as of a date: the editors', or the article's.
        item = self.notes.get("page", "home")
        as_of = item.neutral("as_of") if item is not None else None
        seed = self.sources.seed
        return self.free_page("home", as_of=str(as_of or (seed.date if seed is not None else "")))

    def background(self) -> Page:
        events = self.notes.of("event")
        item = self.notes.get("page", "background")
        assert item is not None
        self.start(page_path("background"), item.text(self.language, "title"))  # for the pictures
        return self.free_page("background", events=[self.view(event) for event in events],
                              timeline=figures.timeline(self, events) if events else "",
                              map=figures.locator(self))

    def relation_label(self, kind: str) -> str:
        """'ally of', in this language: the project's own label where it declares one."""
        own = self.notes.relation_types.label(kind, self.language, self.sources.project.default_language)
        return own if own is not None else self.t(f"relations.{kind}")

    def overview(self, section: str, kind: str) -> Page:
        item = self.notes.get("page", section)
        title = self.t(f"nav.{section}")
        self.start(page_path(section), title)
        listed = self.listed(kind)
        body = self.render(section, item, notes=[self.view(note) for note in listed],
                           relations_figure=figures.relations(self) if kind == "actor" else "")
        description = " · ".join(note.text(self.language, "title") for note in listed)
        return Page(page_path(section), title, description[:300], body)

    def actor(self, item: Item) -> Page:
        title = item.text(self.language, "title")
        path = page_path("actors", item.id)
        self.start(path, title, item.id)
        relations = self.relations(item)
        body = self.render("actor", item, relations=relations,
                           relations_figure=figures.actor(self, item) if relations else "")
        return Page(path, title, item.text(self.language, "summary"), body,
                    item.is_translated(self.language))

    def incoming(self, actor_id: str) -> list[tuple[Item, dict[str, Any]]]:
        """The relations other actors have to `actor_id`, in reading order."""
        if self._incoming is None:  # gathered once: every actor page asks
            self._incoming = defaultdict(list)
            for other in self.notes.of("actor"):
                for relation in other.neutral("relations") or []:
                    target = relation.get("actor")
                    if isinstance(target, str) and target != other.id:
                        self._incoming[target].append((other, relation))
        return self._incoming.get(actor_id, [])

    def relations(self, item: Item) -> list[dict[str, Any]]:
        """An actor's relations, its own first, then the others' to it. A pair that says one
        thing both ways (A opposes B, B opposes A) is one line, A ↔ opponent of ↔ B, with the
        sources of both: the same relation twice reads as two facts."""
        own = item.neutral("relations") or []
        incoming = self.incoming(item.id)
        partners: dict[int, int] = {}  # own relation -> the incoming one it merges with
        for exact in (True, False):  # the same type first, then a counterpart
            for mine, relation in enumerate(own):
                for theirs, (other, back) in enumerate(incoming):
                    if (mine in partners or theirs in partners.values() or other.id != relation["actor"]
                            or not (back["type"] == relation["type"] if exact
                                    else mutual(relation["type"], back["type"]))):
                        continue
                    partners[mine] = theirs
        lines = [self.relation(item, relation, incoming[partners[mine]][1] if mine in partners else None)
                 for mine, relation in enumerate(own)]
        return lines + [self.relation(other, back) for theirs, (other, back) in enumerate(incoming)
                        if theirs not in partners.values()]

    def relation(self, subject: Item, relation: dict[str, Any],
                 back: dict[str, Any] | None = None) -> dict[str, Any]:
        """One relation as a triple, subject → relation → object, so that no language has
        to inflect a name to fit a sentence (partials/relation.md.j2); with `back`, the
        object's relation to the subject that says the same, subject ↔ relation ↔ object."""
        target = self.notes.get("actor", relation["actor"])
        assert target is not None
        if back is not None:
            kind = mutual(relation["type"], back["type"]) or relation["type"]
            sources = list(relation.get("sources") or [])
            sources += [source for source in back.get("sources") or [] if source not in sources]
            return {"subject": self.view(subject), "object": self.view(target), "type": kind,
                    "label": self.relation_label(kind), "arrow": "↔",
                    "cites": " ".join(self.cite_source(source) for source in sources)}
        line = direction(self.language)
        shown = self.notes.get("actor", self.current_item) if self.current_item else None
        if shown is not None and not shown.is_translated(self.language):
            # In the original's block (see wrap) each line reads the way its first name is written.
            line = writing_direction(subject.text(self.language, "title")) or line
        return {"subject": self.view(subject), "object": self.view(target), "type": relation["type"],
                "label": self.relation_label(relation["type"]), "arrow": self.arrow(line),
                "cites": " ".join(self.cite_source(source) for source in relation.get("sources") or [])}

    def arrow(self, line: str = "") -> str:
        """From subject to object in reading order: '→', and '←' in a line (by default the
        page's) that runs right to left."""
        return "←" if (line or direction(self.language)) == "rtl" else "→"

    def scenario(self, item: Item) -> Page:
        title = item.text(self.language, "title")
        path = page_path("scenarios", item.id)
        self.start(path, title)
        return Page(path, title, item.text(self.language, "summary"), self.render("scenario", item),
                    item.is_translated(self.language))

    def glossary(self) -> Page:
        title = self.t("nav.glossary")
        self.start(page_path("glossary"), title)
        description = self.t.join(term.text(self.language, "title") for term in self.listed("term"))
        body = self.render("glossary", self.notes.get("page", "glossary"),
                           terms=[self.view(term) for term in self.listed("term")], letters=self.letters())
        return Page(page_path("glossary"), title, description[:300], body)

    def letters(self) -> list[tuple[str, str]]:
        """The glossary's A–Z: each initial once, as this language's dictionaries file it (Е and Ё
        are one letter in Russian, Œ is filed under O in French), with its first term's id."""
        links: list[tuple[str, str]] = []
        for term in self.listed("term"):
            initial = collation.letter(self.locale, str(term.text(self.language, "title")))
            if initial and not any(collation.same_letter(self.locale, initial, seen) for seen, _ in links):
                links.append((initial, term.id))
        return links

    def about(self) -> Page:
        references = sorted(self.notes.references.values(), key=lambda ref: (ref.date, ref.id))
        # The marker is filled in after the build, when the offline zip and its checksum exist.
        return self.free_page("about", references=references, offline_marker=offline.MARKER)

    def not_found(self) -> Page:
        """404.md: this language's "page not found", and at the site's root every language's
        (GitHub Pages shows the root's for any missing address, /ru/... included)."""
        project = self.sources.project
        codes = [self.language]
        if not project.url_prefix(self.language):
            codes += [code for code in project.languages if code != self.language]
        languages = []
        for code in codes:
            t = self.sources.strings[code]
            languages.append({"code": code, "lang": self.lang(code), "title": t("notfound.title"),
                              "text": t("notfound.text"), "home_label": t("notfound.home"),
                              "home": project.url_prefix(code) or "./"})
        self.current, self._current_title = NOT_FOUND, self.t("notfound.title")
        return Page(NOT_FOUND, self._current_title, "", self.render("404", languages=languages))

    # -- all ---------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        making: list[Callable[[], Page]] = [self.home, self.background,
                                            lambda: self.overview("actors", "actor")]
        making += [functools.partial(self.actor, item) for item in self.notes.of("actor")]
        making.append(lambda: self.overview("scenarios", "scenario"))
        making += [functools.partial(self.scenario, item) for item in self.notes.of("scenario")]
        making += [self.glossary, self.about]
        if self.all_status is not None:
            making.append(self.translation_status)
        making += [self.a_to_z, self.not_found]
        making.append(self.source)  # last: it lists the pages that cite each paragraph
        pages = []
        for make in making:
            try:
                pages.append(make())
            except TemplateProblem as problem:  # in a piece Python put together (a citation)
                self.problems.add(problem.path, problem.line, "", problem.message)
        return pages

    def translated_paths(self) -> list[str]:
        """The paths of the pages `pages` marks as translated, without rendering them."""
        paths = [page_path(section) for section in ("home", "background", "about")
                 if self._page_translated(section)]
        paths += [page_path("actors"), page_path("scenarios"), page_path("glossary")]
        for folder, kind in (("actors", "actor"), ("scenarios", "scenario")):
            paths += [page_path(folder, item.id) for item in self.notes.of(kind)
                      if item.is_translated(self.language)]
        if self.all_status is not None:
            paths.append(STATUS_PAGE)
        paths.append(INDEX_PAGE)
        if self._source_translated():
            paths.append(page_path("source"))
        return [*paths, NOT_FOUND]

    def _page_translated(self, section: str) -> bool:
        item = self.notes.get("page", section)
        return item is not None and item.is_translated(self.language)

    def nav(self) -> list[dict[str, Any]]:
        """The navigation, titled in this language (MkDocs' nav format)."""
        def section(name: str, kind: str) -> dict[str, Any]:
            children: list[Any] = [page_path(name)]
            if name not in unlisted_sections(self.sources):
                children += [{html.escape(item.text(self.language, "title")): page_path(name, item.id)}
                             for item in self.listed(kind)]
            return {self.t(f"nav.{name}"): children}

        return [
            {self.t("nav.home"): page_path("home")},
            {self.t("nav.background"): page_path("background")},
            section("actors", "actor"),
            section("scenarios", "scenario"),
            {self.t("nav.glossary"): page_path("glossary")},
            {self.t("nav.source"): page_path("source")},
            {self.t("nav.about"): [page_path("about"), {self.t("status.title"): STATUS_PAGE},
                                   {self.t("index.title"): INDEX_PAGE}]},
        ]


def render_pages(sources: Sources, only: Collection[str] | None = None) -> dict[str, list[Page]]:
    """Every language's pages (or those of `only`), each knowing where it is really translated.

    Raises InvalidContent when a template the project overrides cannot be rendered."""
    status = translations.status(sources)
    pages: dict[str, list[Page]] = {}
    available: dict[str, list[str]] = {}
    problems = Problems(sources.project.root)
    for language in sources.project.languages:
        by_item = {(entry.kind, entry.id): entry for entry in status.get(language, [])}
        renderer = Renderer(sources, language, by_item)
        renderer.all_status = status
        if only is not None and language not in only:
            # Not rendered (a preview of other languages), but its translations are linked.
            for path in renderer.translated_paths():
                available.setdefault(path, []).append(language)
            continue
        pages[language] = renderer.pages()
        problems.items += renderer.problems.items
        for page in pages[language]:
            if page.translated:
                available.setdefault(page.path, []).append(language)
    if problems:
        raise InvalidContent(problems)
    for language_pages in pages.values():
        for page in language_pages:
            # Read by the templates: hreflang links, the sitemap and the language selector.
            page.meta["translations"] = available.get(page.path, [])
    return pages


def nav(sources: Sources, language: str) -> list[dict[str, Any]]:
    return Renderer(sources, language).nav()


# The navigation is part of every page. A section lists its notes there while they can
# be taken in at a glance; beyond that its overview page (the cards) lists them, so
# that no page grows heavier as the site grows (and the build with it, page by page).
NAV_ITEMS_MAX = 30


def unlisted_sections(sources: Sources) -> list[str]:
    """The sections ('actors', 'scenarios') whose notes the navigation leaves to the overview."""
    return [section for section, kind in (("actors", "actor"), ("scenarios", "scenario"))
            if len(sources.notes.of(kind)) > NAV_ITEMS_MAX]


def render_site(sources: Sources, only: Collection[str] | None = None
                ) -> tuple[dict[str, str], dict[str, str]]:
    """Every language's pages (or those of `only`) as ({docs path: Markdown}, {docs path: where
    to edit it})."""
    files: dict[str, str] = {}
    origins: dict[str, str] = {}
    for language, pages in render_pages(sources, only).items():
        prefix = sources.project.url_prefix(language)
        for page in pages:
            files[prefix + page.path] = page.markdown()
            origins[prefix + page.path] = origin(page.path, language)
    return files, origins
