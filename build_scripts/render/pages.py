"""Rendering: validated sources to Markdown pages, one set per language.

The page paths (slugs) are the same in every language::

    index.md  background/index.md  actors/index.md  actors/<id>.md
    scenarios/index.md  scenarios/<id>.md  glossary/index.md  source/index.md  about/index.md

A note without a translation is rendered from the default language's text, inside
a block marked ``data-translation="missing"`` and ``lang`` of the original.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import urllib.parse
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import babel.numbers

from build_scripts.content import markup, translations
from build_scripts.content.notes import Item, Reference, reading_order
from build_scripts.content.translations import Entry, counts
from build_scripts.pipeline import Sources
from build_scripts.render import collation, glossary_links
from build_scripts.render.pictures import figures
from build_scripts.render.strings import Strings, direction, native_name, writing_direction
from build_scripts.site import offline

SECTIONS = ("home", "background", "actors", "scenarios", "glossary", "source", "about")


def page_path(section: str, item_id: str = "") -> str:
    """The docs-relative path of a page: ``page_path("actors", "putin") == "actors/putin.md"``."""
    if section == "home":
        return "index.md"
    return f"{section}/{item_id}.md" if item_id else f"{section}/index.md"


@dataclass
class Page:
    path: str
    title: str
    description: str
    body: str
    translated: bool = True
    meta: dict[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
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


class Renderer:
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
        # paragraph id -> {page path: page title}: which pages cite a paragraph
        self.cited: dict[str, dict[str, str]] = defaultdict(dict)
        self._incoming: dict[str, list[tuple[Item, dict[str, Any]]]] | None = None
        self.locale = sources.project.locale(language)
        self._listed: dict[str, list[Item]] = {}

    def listed(self, kind: str) -> list[Item]:
        """The notes of a kind in this language's reading order: by the editors' `order` and
        date where they give them, then alphabetically by the title in this language, as
        its readers sort (collation), not by the default language's titles."""
        if kind not in self._listed:
            key = collation.sort_key(self.locale)
            self._listed[kind] = sorted(self.notes.of(kind), key=lambda item: reading_order(
                item, key(str(item.text(self.language, "title", "")))))
        return self._listed[kind]

    # -- links -------------------------------------------------------------------------------

    def href(self, target: str, anchor: str = "") -> str:
        """A link from the page being rendered to `target` (docs-relative)."""
        relative = _relpath(target, posixpath.dirname(self.current) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def item_href(self, kind: str, item_id: str) -> str:
        if kind == "actor":
            return self.href(page_path("actors", item_id))
        if kind == "scenario":
            return self.href(page_path("scenarios", item_id))
        if kind == "term":
            return self.href(page_path("glossary"), item_id)
        if kind == "event":
            return self.href(page_path("background"), f"event-{item_id}")
        if kind == "source":
            return self.href(page_path("source"), item_id)
        return self.href(page_path(item_id))

    def cite(self, citation: markup.Citation) -> str:
        if citation.is_paragraph:
            return self.cite_paragraph(citation.key, citation.quote)
        reference = self.notes.references[citation.key]
        return (f'[{self.t("cite.reference_mark")}]({self.href(page_path("about"), "ref-" + reference.id)} '
                f'"{_attr(self.reference_text(reference))}"){{ .explainer-cite .explainer-cite-reference }}')

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
        # Raw HTML: MkDocs would report a text fragment as a missing anchor. The
        # paragraph id itself was validated by `explainer check`.
        href = self.url(page_path("source"), anchor)
        return (f'<a class="explainer-cite" href="{html.escape(href)}" '
                f'title="{html.escape(title)}">¶{number}</a>')

    def url(self, target: str, anchor: str = "") -> str:
        """The URL of docs page `target` relative to the current page's URL (directory URLs)."""
        relative = _relpath(_directory(target) or ".", _directory(self.current) or ".")
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def reference_text(self, reference: Reference) -> str:
        return self.t("cite.reference", publisher=reference.text("publisher", self.language)[0],
                      title=reference.title, date=self.t.date(reference.date))

    def reference_note(self, reference: Reference) -> str:
        """The note on a reference in this language, marked with its own where it is another."""
        note, language = reference.text("note", self.language)
        if not note:
            return ""
        lang = self.lang(language) if language != self.language else ""
        return f"<span data-no-glossary{lang}>{_md_escape(note)}</span>"

    def lang(self, language: str) -> str:
        """The attributes of text in `language`: its code, and its direction where that is not the
        page's (a French original on an Arabic page reads left to right)."""
        written = direction(language)
        return f' lang="{language}"' + (f' dir="{written}"' if written != direction(self.language) else "")

    def text(self, value: str) -> str:
        """Editor's Markdown with citations and note links rendered."""
        return markup.render(value, self.cite, lambda link: self.item_href(link.kind, link.id))

    # -- pieces ------------------------------------------------------------------------------

    def sources_list(self, item: Item) -> str:
        entries = []
        for source in item.neutral("sources") or []:
            if "paragraph" in source:
                quote = source.get("quote", "")
                entry = self.cite_paragraph(source["paragraph"], quote)
                if quote:
                    # <q> lets the browser draw the quote marks of the quote's own language.
                    entry += (f' <q{self.lang(self.sources.seed.language)}>'
                              f"{html.escape(quote.strip())}</q>")
            else:
                reference = self.notes.references[source["reference"]]
                entry = self.reference_entry(reference)
            if source.get("note"):
                entry += f" ({_md_escape(source['note'])})"
            entries.append(f"- {entry}")
        if not entries:
            return ""
        return f"## {self.t('headings.sources')}\n\n" + "\n".join(entries)

    def reference_entry(self, reference: Reference) -> str:
        # A reference names a work as published ("Treaty on European Union"): no glossary links.
        text = _md_escape(self.t("cite.reference", publisher=reference.text("publisher", self.language)[0],
                                 title="\x00", date=self.t.date(reference.date)))
        title = _md_escape(reference.title)
        if writing_direction(reference.title) not in ("", direction(self.language)):
            # A French title on an Arabic page: isolated, or its words and the date around it mix.
            title = f"<bdi>{title}</bdi>"
        text = text.replace("\x00", title)
        entry = f"[{text}]({reference.url})" if reference.url else text
        return f"<span data-no-glossary>{entry}</span>"

    def wrap(self, item: Item, markdown: str) -> str:
        """Mark text shown in the original language, or translated from an older original."""
        if not item.is_translated(self.language):
            notice = self.t("notice.missing",
                            language=self.t.language_name(self.language, "notice.missing"),
                            original=self.t.language_name(self.default, "notice.missing"))
            return (
                f'<div class="explainer-notice" data-translation="missing" markdown>\n\n{notice}'
                f"\n\n</div>\n\n"
                f'<div{self.lang(self.default)} markdown>\n\n{markdown}\n\n</div>'
            )
        entry = self.status.get((item.kind.name, item.id))
        if entry is None or entry.state != "outdated":
            return markdown
        key = "notice.outdated" if entry.since else "notice.outdated_undated"
        notice = self.t(key, original=self.t.language_name(self.default, key),
                        **({"date": self.t.date(entry.since)} if entry.since else {}))
        link = self.original_url(self.current)
        return (
            f'<div class="explainer-notice" data-translation="outdated" markdown>\n\n{notice} '
            f'<a href="{html.escape(link)}" hreflang="{self.default}">'
            f"{html.escape(self.t('notice.read_original'))}</a>\n\n</div>\n\n{markdown}"
        )

    def original_url(self, path: str) -> str:
        """The URL of `path` in the default language, relative to the current page."""
        depth = _directory(self.current).count("/")
        if self.sources.project.url_prefix(self.language):
            depth += 1
        return ("../" * depth + _directory(path)) or "./"

    def bullet_list(self, values: list[str] | None) -> str:
        return "\n".join(f"- {self.text(value)}" for value in values or [])

    # -- pages -------------------------------------------------------------------------------

    def start(self, path: str, title: str, item_id: str = "") -> None:
        self.current = path
        self._current_title = title
        self.current_item = item_id

    def free_page(self, section: str, extra: str = "") -> Page:
        item = self.notes.get("page", section)
        assert item is not None
        title = item.text(self.language, "title")
        self.start(page_path(section), title)
        body = f"# {_md_escape(title)}\n\n{self.text(item.body(self.language))}"
        return Page(page_path(section), title, item.text(self.language, "summary"),
                    self.wrap(item, body) + (f"\n\n{extra}" if extra else ""),
                    item.is_translated(self.language))

    def home(self) -> Page:
        return self.free_page("home")

    def background(self) -> Page:
        events = self.notes.of("event")
        item = self.notes.get("page", "background")
        assert item is not None
        self.start(page_path("background"), item.text(self.language, "title"))
        entries = []
        for event in events:
            date = str(event.neutral("date"))
            title = _md_escape(event.text(self.language, "title"))
            detail = self.text(event.body(self.language)).strip()
            summary = self.text(event.text(self.language, "summary"))
            cites = " ".join(self.cite_source(s) for s in event.neutral("sources") or [])
            lang = "" if event.is_translated(self.language) else self.lang(self.default)
            entries.append(
                f'<li id="event-{event.id}" class="explainer-event"{lang} markdown>\n'
                f'<time datetime="{date}">{html.escape(self.t.date(date))}</time>\n\n'
                f"**{title}**\n\n{summary} {cites}\n\n{detail}\n\n</li>"
            )
        timeline = (f"## {self.t('headings.timeline')}\n\n{self.timeline_figure(events)}\n\n"
                    f'<ol class="explainer-timeline" markdown>\n\n' + "\n\n".join(entries) + "\n\n</ol>"
                    ) if entries else ""
        figure = self.map_figure()
        if figure:
            timeline = f"## {self.t('figures.map_heading')}\n\n{figure}\n\n{timeline}"
        return self.free_page("background", timeline)

    def timeline_figure(self, events: list[Item]) -> str:
        return figures.timeline(self, events)

    def map_figure(self) -> str:
        return figures.locator(self)

    def relations_figure(self) -> str:
        return figures.relations(self)

    def relation_label(self, kind: str) -> str:
        """'ally of', in this language: the project's own label where it declares one."""
        own = self.notes.relation_types.label(kind, self.language, self.sources.project.default_language)
        return own if own is not None else self.t(f"relations.{kind}")

    def overview(self, section: str, kind: str) -> Page:
        item = self.notes.get("page", section)
        title = self.t(f"nav.{section}")
        self.start(page_path(section), title)
        cards = []
        for note in self.listed(kind):
            name = _md_escape(note.text(self.language, "title"))
            role = note.text(self.language, "role") if kind == "actor" else ""
            lang = "" if note.is_translated(self.language) else self.lang(self.default)
            card = [f'<div class="explainer-card"{lang} markdown>',
                    f"### [{name}]({self.item_href(kind, note.id)})"]
            if role:
                label = self.t(f"actor_kinds.{note.neutral('kind')}")
                card.append(f'<p class="explainer-role"><span class="explainer-kind">{html.escape(label)}'
                            f"</span> {html.escape(role)}</p>")
            card += [self.text(note.text(self.language, "summary")), "</div>"]
            cards.append("\n\n".join(card))
        cards = ['<div class="explainer-cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>"]
        intro = self.text(item.body(self.language)) if item else ""
        figure = self.relations_figure() if kind == "actor" else ""
        body = f"# {_md_escape(title)}\n\n{intro}\n\n" + "\n".join(cards)
        if figure:
            body += f"\n\n## {self.t('figures.relations_title')}\n\n{figure}"
        description = " · ".join(note.text(self.language, "title") for note in self.listed(kind))
        return Page(page_path(section), title, description[:300], body)

    def actor(self, item: Item) -> Page:
        title = item.text(self.language, "title")
        path = page_path("actors", item.id)
        self.start(path, title, item.id)
        kind = self.t(f"actor_kinds.{item.neutral('kind')}")
        parts = [
            f"# {_md_escape(title)}",
            f'<p class="explainer-role"><span class="explainer-kind">{html.escape(kind)}</span> '
            f"{html.escape(item.text(self.language, 'role'))}</p>",
            self.text(item.text(self.language, "summary")),
            self.text(item.body(self.language)),
        ]
        if item.text(self.language, "aims"):
            aims = self.bullet_list(item.text(self.language, "aims"))
            parts.append(f"## {self.t('headings.aims')}\n\n{aims}")
        if item.text(self.language, "in_the_article"):
            parts.append(f"## {self.t('headings.in_the_article')}\n\n"
                         f"{self.text(item.text(self.language, 'in_the_article'))}")
        relations = [self.relation(item, relation) for relation in item.neutral("relations") or []]
        relations += [self.relation(other, relation) for other, relation in self.incoming(item.id)]
        if relations:
            parts.append(f"## {self.t('headings.relations')}\n\n{figures.actor(self, item)}\n\n"
                         + "\n".join(relations))
        body = self.wrap(item, "\n\n".join(part for part in parts if part.strip()))
        return Page(path, title, item.text(self.language, "summary"),
                    body + "\n\n" + self.sources_list(item), item.is_translated(self.language))

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

    def relation(self, subject: Item, relation: dict[str, Any]) -> str:
        """One relation as a triple, subject → relation → object, so that no language has
        to inflect a name to fit a sentence."""
        target = self.notes.get("actor", relation["actor"])
        assert target is not None
        cites = " ".join(self.cite_source(source) for source in relation.get("sources") or [])
        names = [
            f"[{_md_escape(actor.text(self.language, 'title'))}]({self.item_href('actor', actor.id)})"
            if actor.id != self.current_item else f"**{_md_escape(actor.text(self.language, 'title'))}**"
            for actor in (subject, target)
        ]
        label = html.escape(self.relation_label(relation["type"]))
        line = direction(self.language)
        shown = self.notes.get("actor", self.current_item) if self.current_item else None
        if shown is not None and not shown.is_translated(self.language):
            # In the original's block (see wrap) each line reads the way its first name is written.
            line = writing_direction(subject.text(self.language, "title")) or line
        arrow = self.arrow(line)
        return (f'- {names[0]} {arrow} <span class="explainer-relation" data-relation="{relation["type"]}">'
                f"{label}</span> {arrow} {names[1]}" + (f" {cites}" if cites else ""))

    def arrow(self, line: str = "") -> str:
        """From subject to object in reading order: '→', and '←' in a line (by default the
        page's) that runs right to left."""
        return "←" if (line or direction(self.language)) == "rtl" else "→"

    def cite_source(self, source: dict[str, Any]) -> str:
        if "paragraph" in source:
            return self.cite_paragraph(source["paragraph"], source.get("quote", ""))
        return self.cite(markup.Citation(source["reference"], "", 0))

    def scenario(self, item: Item) -> Page:
        title = item.text(self.language, "title")
        path = page_path("scenarios", item.id)
        self.start(path, title)
        parts = [
            f"# {_md_escape(title)}",
            self.text(item.text(self.language, "summary")),
            self.text(item.body(self.language)),
            f"## {self.t('headings.drivers')}\n\n{self.bullet_list(item.text(self.language, 'drivers'))}",
            f"## {self.t('headings.signposts')}\n\n{self.bullet_list(item.text(self.language, 'signposts'))}",
        ]
        actors = [self.notes.get("actor", actor_id) for actor_id in item.neutral("actors") or []]
        if actors:
            parts.append(f"## {self.t('headings.actors_involved')}\n\n" + "\n".join(
                f"- [{_md_escape(actor.text(self.language, 'title'))}]({self.item_href('actor', actor.id)})"
                for actor in actors if actor
            ))
        if item.text(self.language, "in_the_article"):
            parts.append(f"## {self.t('headings.in_the_article')}\n\n"
                         f"{self.text(item.text(self.language, 'in_the_article'))}")
        if item.text(self.language, "hindsight"):
            parts.append(
                '<section class="explainer-hindsight" data-hindsight markdown>\n\n'
                f"## {self.t('headings.hindsight')}\n\n"
                f"*{self.t('headings.hindsight_note')}*\n\n"
                f"{self.text(item.text(self.language, 'hindsight'))}\n\n</section>"
            )
        body = self.wrap(item, "\n\n".join(part for part in parts if part.strip()))
        return Page(path, title, item.text(self.language, "summary"),
                    body + "\n\n" + self.sources_list(item), item.is_translated(self.language))

    def glossary(self) -> Page:
        title = self.t("nav.glossary")
        self.start(page_path("glossary"), title)
        entries = []
        for term in self.listed("term"):
            name = _md_escape(term.text(self.language, "title"))
            parts = [
                f"## {name} {{ #{term.id} }}",
                self.text(term.text(self.language, "summary")),
                self.text(term.body(self.language)),
            ]
            related = [self.notes.get("term", other) for other in term.neutral("related") or []]
            if related:
                parts.append(f"*{self.t.label(self.t('headings.related_terms'))}* " + self.t.join(
                    f"[{_md_escape(other.text(self.language, 'title'))}]({self.item_href('term', other.id)})"
                    for other in related if other
                ))
            cites = " ".join(self.cite_source(s) for s in term.neutral("sources") or [])
            if cites:
                parts.append(f"{self.t.label(self.t('headings.sources'))} {cites}")
            entries.append(self.wrap(term, "\n\n".join(part for part in parts if part.strip())))
        page = self.notes.get("page", "glossary")
        intro = self.text(page.body(self.language)) if page else ""
        description = self.t.join(term.text(self.language, "title") for term in self.listed("term"))
        return Page(page_path("glossary"), title, description[:300],
                    f"# {_md_escape(title)}\n\n{intro}\n\n{self.letters()}\n\n" + "\n\n".join(entries))

    def letters(self) -> str:
        """The glossary's A–Z: each initial once, as this language's dictionaries file it (Е and Ё
        are one letter in Russian, Œ is filed under O in French), linked to its first term."""
        links: list[tuple[str, str]] = []
        for term in self.listed("term"):
            initial = collation.letter(self.locale, str(term.text(self.language, "title")))
            if initial and not any(collation.same_letter(self.locale, initial, seen) for seen, _ in links):
                links.append((initial, term.id))
        if not links:
            return ""
        return (f'<nav class="explainer-letters" aria-label="{html.escape(self.t("headings.letters"))}">'
                + " ".join(f'<a href="#{term_id}">{html.escape(initial)}</a>' for initial, term_id in links)
                + "</nav>")

    def about(self) -> Page:
        references = sorted(self.notes.references.values(), key=lambda ref: (ref.date, ref.id))
        listing = ""
        if references:
            listing = f"## {self.t('headings.references')}\n\n" + "\n".join(
                f'- <span id="ref-{ref.id}"></span>{self.reference_entry(ref)}'
                + (f" — {self.reference_note(ref)}" if ref.note else "")
                for ref in references
            )
        # Filled in after the build, when the offline zip and its checksum exist.
        download = (f"## {self.t('offline.heading')}\n\n{self.t('offline.intro')}\n\n"
                    f"{offline.MARKER}")
        return self.free_page("about", download + ("\n\n" + listing if listing else ""))

    def source(self) -> Page:
        title = self.t("nav.source")
        self.start(page_path("source"), title)
        article = self.sources.article
        seed = self.sources.seed
        translation_item = self.notes.get("source", "article")
        translation: dict[str, str] = {}
        translated_title = seed.title
        if self.language != seed.language and translation_item is not None \
                and translation_item.is_translated(self.language):
            note = translation_item.versions[self.language]
            translation = {str(k): v for k, v in (note.doc.data.get("translation") or {}).items()}
            translated_title = note.doc.data.get("title", seed.title)
        original_name = self.t.language_name(seed.language, "source.translation_note")
        parts = [
            f"# {_md_escape(title)}",
            f'<p class="explainer-source-meta"><strong{self.lang(seed.language)}>'
            f"{html.escape(seed.title)}</strong>"
            + (f"<br>{html.escape(translated_title)}" if translated_title != seed.title else "")
            + f"<br>{html.escape(self.t('source.dated', date=self.t.date(seed.date)))}"
            + f" · {html.escape(seed.outlet or self.t('source.outlet_unknown'))}</p>",
            html.escape(self.t("source.intro")),
        ]
        if self.language != seed.language:
            parts.append(html.escape(self.t("source.translation_note", language=original_name)))
        for block in article.blocks:
            if block.kind == "heading":
                headline = self.notes.inserted(block.text)
                if headline is not None:
                    if headline.show == "related":
                        # The translation's words where it gives them, the original's after them.
                        translated = translation.get(block.id)
                        text = html.escape(translated or block.text)
                        if headline.url:
                            text = f'<a href="{html.escape(headline.url)}">{text}</a>'
                        original = (f' <span class="explainer-original"{self.lang(seed.language)}>'
                                    f"{html.escape(block.text)}</span>") if translated else ""
                        parts.append(
                            f'<aside class="explainer-inserted" id="{block.id}">'
                            f'<span class="explainer-inserted-label">'
                            f"{html.escape(self.t('source.inserted_headline'))}</span> "
                            f'<span{self.lang(self.language if translated else seed.language)}>{text}</span>'
                            f"{original}</aside>"
                        )
                    continue
                heading = translation.get(block.id)
                shown = heading or block.text
                parts.append(f"## {_md_escape(shown)} {{ #{block.id} }}")
                continue
            parts.append(self.source_paragraph(block.id, block.number, block.text,
                                               translation.get(block.id), seed.language))
        available = self.language == seed.language or bool(translation)
        return Page(page_path("source"), title, seed.title, "\n\n".join(parts), available)

    def source_paragraph(self, block_id: str, number: int, original: str, translated: str | None,
                         original_language: str) -> str:
        permalink = (f'<a class="explainer-permalink" href="#{block_id}" '
                     f'title="{html.escape(self.t("source.permalink"))}">¶{number}</a>')
        cited = self.cited.get(block_id, {})
        cited_html = ""
        if cited:
            order = collation.sort_key(self.locale)
            links = self.t.join(
                f'<a href="{html.escape(self.url(path))}">{html.escape(title)}</a>'
                for path, title in sorted(cited.items(), key=lambda entry: order(entry[1]))
            )
            cited_html = (f'<p class="explainer-cited-by"><span>'
                          f'{html.escape(self.t.label(self.t("headings.cited_by")))}</span> {links}</p>')
        texts = f'<p class="explainer-original"{self.lang(original_language)}>{html.escape(original)}</p>'
        if translated:
            texts = (f'<p class="explainer-translation" lang="{self.language}">{html.escape(translated)}</p>'
                     + texts)
        return (f'<div class="explainer-paragraph" id="{block_id}">{permalink}'
                f"{texts}{cited_html}</div>")

    # -- all ---------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        pages = [self.home(), self.background(), self.overview("actors", "actor")]
        pages += [self.actor(item) for item in self.notes.of("actor")]
        pages.append(self.overview("scenarios", "scenario"))
        pages += [self.scenario(item) for item in self.notes.of("scenario")]
        pages += [self.glossary(), self.about()]
        if self.all_status is not None:
            pages.append(self.translation_status())
        pages.append(self.source())  # last: it lists the pages that cite each paragraph
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
            paths.append("about/translations.md")
        if self._source_translated():
            paths.append(page_path("source"))
        return paths

    def _page_translated(self, section: str) -> bool:
        item = self.notes.get("page", section)
        return item is not None and item.is_translated(self.language)

    def _source_translated(self) -> bool:
        seed = self.sources.seed
        item = self.notes.get("source", "article")
        if self.language == seed.language:
            return True
        return item is not None and item.is_translated(self.language) \
            and bool(item.versions[self.language].doc.data.get("translation"))

    def translation_status(self) -> Page:
        """about/translations.md: how complete every language is, and what is outdated."""
        assert self.all_status is not None
        title = self.t("status.title")
        path = "about/translations.md"
        self.start(path, title)
        original = self.t.language_name(self.default, "status.intro")
        head = (f"| {self.t('status.language')} | {self.t('status.complete')} | "
                f"{self.t('status.up_to_date')} | {self.t('status.outdated')} | "
                f"{self.t('status.missing')} |\n| --- | ---: | ---: | ---: | ---: |")
        rows = []
        locale = self.language.replace("-", "_")
        for code, entries in self.all_status.items():
            count = counts(entries)
            done = (count["up_to_date"] + count["outdated"]) / len(entries) if entries else 1.0
            rows.append(f"| {_md_escape(native_name(code))} | "
                        f"{babel.numbers.format_percent(done, locale=locale)} | "
                        f"{count['up_to_date']} | {count['outdated']} | {count['missing']} |")
        parts = [f"# {_md_escape(title)}",
                 _md_escape(self.t("status.intro", original=original)), head + "\n" + "\n".join(rows)]
        mine = self.all_status.get(self.language)
        if mine is None:
            parts.append(_md_escape(self.t("status.original_note")))
        else:
            for state, heading in (("outdated", "status.outdated_list"),
                                   ("missing", "status.missing_list")):
                listed = [entry for entry in mine if entry.state == state]
                lines = [self.status_line(entry) for entry in listed]
                parts.append(f"## {self.t(heading)}\n\n"
                             + ("\n".join(lines) if lines else self.t("status.nothing")))
        return Page(path, title, self.t("status.summary"), "\n\n".join(parts))

    def status_line(self, entry: Entry) -> str:
        item = self.notes.get(entry.kind, entry.id)
        name = _md_escape(item.text(self.language, "title")) if item else entry.id
        target = {"actor": page_path("actors", entry.id), "scenario": page_path("scenarios", entry.id),
                  "page": page_path(entry.id) if entry.id in SECTIONS else "",
                  "source": page_path("source")}.get(entry.kind)
        if entry.kind == "term":
            link = self.item_href("term", entry.id)
        elif entry.kind == "event":
            link = self.item_href("event", entry.id)
        else:
            link = self.href(target) if target else ""
        line = f"- [{name}]({link})" if link else f"- {name}"
        line += f" — `{entry.path}`"
        if entry.since:
            line += f" ({self.t('status.changed_on', date=self.t.date(entry.since))})"
        return line

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
            {self.t("nav.about"): [page_path("about"),
                                   {self.t("status.title"): "about/translations.md"}]},
        ]


def render_pages(sources: Sources, only: Collection[str] | None = None) -> dict[str, list[Page]]:
    """Every language's pages (or those of `only`), each knowing where it is really translated."""
    status = translations.status(sources)
    pages: dict[str, list[Page]] = {}
    available: dict[str, list[str]] = {}
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
        for page in pages[language]:
            if page.translated:
                available.setdefault(page.path, []).append(language)
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


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    # Pages link to the same few targets thousands of times; relpath is a third of rendering.
    return posixpath.relpath(target, start)


def _directory(path: str) -> str:
    """The directory URL MkDocs gives a docs page: 'actors/putin.md' -> 'actors/putin/'."""
    return path[: -len("index.md")] if path.endswith("index.md") else path[:-3] + "/"


def _attr(text: str) -> str:
    """Text safe inside a Markdown link title ("...")."""
    return text.replace("\\", "\\\\").replace('"', "&quot;").replace("\n", " ")


def _md_escape(text: str) -> str:
    """Plain text safe in Markdown: no emphasis, links or HTML from the editor's characters."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    for char in "\\`*_[]{}#|":
        text = text.replace(char, "\\" + char)
    return text


def origin(path: str, language: str) -> str:
    """Where the text of a generated page is edited: ``content/actors/putin.en.md``."""
    section, _, rest = path.partition("/")
    if path == "index.md":
        return f"content/pages/home.{language}.md"
    if path == "about/translations.md":
        return "the translations in content/ (this page is generated from their status)"
    if rest and rest != "index.md":
        return f"content/{section}/{rest[:-3]}.{language}.md"
    return {
        "background": f"content/pages/background.{language}.md or content/timeline/",
        "about": f"content/pages/about.{language}.md or content/references.yml",
        "source": f"seeds/ or content/source/article.{language}.md",
    }.get(section, f"content/{section}/")


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
