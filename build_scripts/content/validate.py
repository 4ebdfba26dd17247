"""Checks across files: every id, paragraph and quote a note cites must exist.

Single-file checks (syntax, fields, types) happen while loading (`notes.load`);
this module checks what needs the whole picture: the article and all notes.
"""

from __future__ import annotations

from typing import Any

from build_scripts.content import markup, relation_types, sanitize, schema
from build_scripts.content.article import Article, normalise, quote_occurs
from build_scripts.content.notes import Item, Note, Notes
from build_scripts.errors import Problems
from build_scripts.project import Project

# Kinds whose every note must cite at least one source; free pages may cite none.
SOURCED_KINDS = ("actor", "scenario", "term", "event")
TEXT_TYPES = ("string", "markdown", "strings")
# Fields the renderer shows as plain text, escaped. Every other text (the body, summary,
# aims, drivers, ...) is rendered as Markdown, which passes raw HTML and attribute lists
# through, so it must keep to the safe list of `sanitize`.
PLAIN_TEXT_FIELDS = ("title", "role", "forms", "translated_from")


def check(project: Project, article: Article | None, notes: Notes, problems: Problems) -> None:
    """Record every cross-file problem."""
    for name in schema.REQUIRED_PAGES:
        original = project.content_dir / "pages" / f"{name}.{project.default_language}.md"
        # A page whose file is there but broken has its own message already.
        if notes.get("page", name) is None and not original.exists():
            problems.add(project.content_dir / "pages", 0, "", f"the {name} page is missing",
                         f"content/pages/{name}.{project.default_language}.md")
    if article is not None:
        _check_headlines(article, notes, problems)
    for kind_items in notes.items.values():
        for item in kind_items.values():
            _check_item(item, article, notes, problems)


def _check_headlines(article: Article, notes: Notes, problems: Problems) -> None:
    headings = {normalise(block.text): block for block in article.headings}
    for headline in notes.headlines:
        if normalise(headline.text) not in headings:
            problems.add(notes.article_file, headline.line, "inserted_headlines.text",
                         f"no heading {headline.text!r} in the article",
                         "one of: " + "; ".join(repr(block.text) for block in article.headings)
                         if article.headings else "a heading of the article (it has none)")


def _check_item(item: Item, article: Article | None, notes: Notes, problems: Problems) -> None:
    original = item.original
    data = original.doc.data
    has_source = bool(data.get("sources"))
    # A field of the wrong type is reported while loading; here it is only passed over.
    for index, source in enumerate(_list(data.get("sources"))):
        _check_source(source, f"sources[{index}]", original, article, notes, problems)
    for index, relation in enumerate(_list(data.get("relations"))):
        if not isinstance(relation, dict):
            continue
        here = f"relations[{index}]"
        kind = relation.get("type")
        if isinstance(kind, str) and kind not in notes.relation_types.ids:
            problems.add(original.path, original.doc.line(f"{here}.type"), f"{here}.type",
                         f"{schema.describe(kind)} is not allowed",
                         "one of: " + ", ".join(notes.relation_types.ids)
                         + f", or a type declared in content/{relation_types.FILE_NAME}")
        target = relation.get("actor")
        if isinstance(target, str) and schema.ID.match(target):
            if target == item.id:
                problems.add(original.path, original.doc.line(f"{here}.actor"), f"{here}.actor",
                             "an actor cannot be related to itself", "another actor's id")
            else:
                _check_id("actor", target, f"{here}.actor", original, notes, problems)
        for number, source in enumerate(_list(relation.get("sources"))):
            _check_source(source, f"{here}.sources[{number}]", original, article, notes, problems)
    for field in item.kind.fields:
        if field.refers_to and isinstance(data.get(field.name), list):
            for index, target in enumerate(data[field.name]):
                if isinstance(target, str) and schema.ID.match(target):
                    _check_id(field.refers_to, target, f"{field.name}[{index}]", original, notes,
                              problems)
    camp = data.get("camp")
    if item.kind.name == "actor" and isinstance(camp, str) and schema.ID.match(camp) \
            and notes.get("actor", camp) is None and notes.get("term", camp) is None \
            and not {("actor", camp), ("term", camp)} & notes.broken:
        problems.add(original.path, original.doc.line("camp"), "camp", f"unknown actor or term {camp!r}",
                     "the id of an actor or a glossary term that names the camp, such as "
                     + ", ".join(sorted(notes.items.get("actor", {}))[:3]))
    for note in item.versions.values():
        cited = _check_text(note, article, notes, problems)
        has_source = has_source or (cited and note is original)
        if item.kind.name == "source" and article is not None:
            translation = note.doc.data.get("translation")
            for block_id in translation if isinstance(translation, dict) else {}:
                if schema.PARAGRAPH_ID.match(str(block_id)) and article.block(str(block_id)) is None:
                    key = f"translation.{block_id}"
                    problems.add(note.path, note.doc.line(key), key,
                                 f"the article has no paragraph or heading {block_id}",
                                 f"ids of the article: p1-p{len(article.paragraphs)}"
                                 + (f", h1-h{len(article.headings)}" if article.headings else ""))
    _check_story_fields(item, problems)
    if item.kind.name in SOURCED_KINDS and not has_source:
        problems.add(original.path, original.doc.line(""), "sources",
                     "no source for this note",
                     "'sources:' or a citation such as [@p3] in the text")


def _check_id(kind: str, target: str, key: str, note: Note, notes: Notes,
              problems: Problems) -> None:
    if notes.get(kind, target) is None and (kind, target) not in notes.broken:
        known = sorted(notes.items.get(kind, {}))
        problems.add(note.path, note.doc.line(key), key, f"unknown {kind} {target!r}",
                     "one of: " + ", ".join(known) if known else f"{_a(kind)} in content/")


def _check_source(source: Any, key: str, note: Note, article: Article | None, notes: Notes,
                  problems: Problems) -> None:
    if not isinstance(source, dict):
        return
    paragraph, quote, reference = source.get("paragraph"), source.get("quote"), source.get("reference")
    if isinstance(paragraph, str) and schema.PARAGRAPH_ID.match(paragraph):
        _check_paragraph(paragraph, quote if isinstance(quote, str) else "",
                         (f"{key}.paragraph", f"{key}.quote"), note.doc.line(f"{key}.paragraph"),
                         note, article, problems, note.doc.line(f"{key}.quote"))
    if isinstance(reference, str) and schema.ID.match(reference):
        _check_reference(reference, f"{key}.reference", note.doc.line(f"{key}.reference"), note,
                         notes, problems)


def _check_paragraph(paragraph: str, quote: str, fields: tuple[str, str], line: int, note: Note,
                     article: Article | None, problems: Problems, quote_line: int = 0) -> None:
    """`fields` names the paragraph's field and the quote's (the same for inline citations)."""
    if article is None:
        return
    block = article.block(paragraph)
    if block is None or block.kind == "heading":
        problems.add(note.path, line, fields[0], f"the article has no paragraph {paragraph}",
                     f"p1 to p{len(article.paragraphs)}")
    elif quote and not quote_occurs(quote, block.text):
        problems.add(note.path, quote_line or line, fields[1],
                     f"quote not found in {paragraph}: {quote[:60]!r}",
                     "the exact words of that paragraph (only whitespace, quote marks and "
                     "dashes may differ)")


def _check_reference(reference: str, key: str, line: int, note: Note, notes: Notes,
                     problems: Problems) -> None:
    if reference not in notes.references and not {("reference", reference),
                                                  ("reference", "*")} & notes.broken:
        known = sorted(notes.references)
        problems.add(note.path, line, key, f"unknown reference {reference!r}",
                     "an id from content/references.yml" + (": " + ", ".join(known) if known else ""))


def _check_text(note: Note, article: Article | None, notes: Notes, problems: Problems) -> bool:
    """Check citations and links in every text of a note; True if it cites anything."""
    cited = False
    for key, text, line in _texts(note):
        # Markdown keeps raw HTML and attribute lists: only the safe list may reach a page.
        # Bidi controls reorder what a reader sees, in plain text as in Markdown.
        plain = key.partition("[")[0] in PLAIN_TEXT_FIELDS
        for found in sanitize.bidi_controls(text) + ([] if plain else sanitize.unsafe(text)):
            problems.add(note.path, line + markup.line_of(text, found.offset), key, found.message,
                         found.expected)
        for citation in markup.citations(text):
            cited = True
            at = line + markup.line_of(text, citation.offset)
            if citation.is_paragraph:
                _check_paragraph(citation.key, citation.quote, (key, key), at, note, article,
                                 problems)
            elif citation.quote:
                problems.add(note.path, at, key, f"a quote cites a reference: [@{citation.key}]",
                             "quotes only with paragraph citations such as [@p3 \"...\"]")
            else:
                _check_reference(citation.key, key, at, note, notes, problems)
        for link in markup.links(text):
            at = line + markup.line_of(text, link.offset)
            if link.kind == "source":
                block = article.block(link.id) if article is not None else None
                if article is not None and block is None:
                    problems.add(note.path, at, key, f"the article has no paragraph {link.id!r}",
                                 "(source:pN) with N from 1 to " + str(len(article.paragraphs)))
                elif block is not None and _omitted(block.text, notes):
                    # The source page leaves the heading out, so the link would have no target.
                    problems.add(note.path, at, key,
                                 f"the heading {link.id} is omitted from the source page",
                                 "a paragraph (source:pN), or a heading not marked 'show: omit' "
                                 "in content/article.yml")
            elif notes.get(link.kind, link.id) is None and (link.kind, link.id) not in notes.broken:
                known = sorted(notes.items.get(link.kind, {}))
                problems.add(note.path, at, key, f"link to unknown {link.kind} {link.id!r}",
                             "one of: " + ", ".join(known) if known else f"{_a(link.kind)} in content/")
    return cited


def _check_story_fields(item: Item, problems: Problems) -> None:
    """The home page's key points (each sourced), and a scenario's outcome (only with hindsight)."""
    original = item.original
    if item.kind.name == "page" and item.id != "home":
        for name in ("key_points", "as_of"):
            if name in original.doc.data:
                problems.add(original.path, original.doc.line(name), name,
                             f"{name} is shown on the home page only", "the field in content/pages/home.*.md")
    if item.kind.name == "page" and item.id == "home":
        for note in item.versions.values():
            for index, point in enumerate(_list(note.doc.data.get("key_points"))):
                if isinstance(point, str) and not markup.citations(point):
                    key = f"key_points[{index}]"
                    problems.add(note.path, note.doc.text_line(key), key, "a key point without a source",
                                 "a citation in the point, such as [@p3 \"...\"] or [@reference-id]")
    if item.kind.name == "scenario" and "outcome" in original.doc.data \
            and not str(original.doc.data.get("hindsight") or "").strip():
        problems.add(original.path, original.doc.line("outcome"), "outcome",
                     "an outcome without hindsight", "a sourced 'hindsight' that says what happened")


def _a(kind: str) -> str:
    """'an actor', 'an event', 'a term': the article an English reader expects."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _omitted(heading: str, notes: Notes) -> bool:
    """True when an inserted headline marked 'show: omit' is this heading (as render matches it)."""
    return any(headline.show == "omit" and headline.text.split() == heading.split()
               for headline in notes.headlines)


def _texts(note: Note) -> list[tuple[str, str, int]]:
    """(field, text, first line) of every text the reader sees in a note."""
    texts = [("body", note.doc.body, note.doc.body_line)] if note.doc.body.strip() else []
    for field in note.kind.fields:
        value = note.doc.data.get(field.name)
        if field.type in ("string", "markdown") and isinstance(value, str):
            texts.append((field.name, value, note.doc.text_line(field.name)))
        elif field.type == "strings" and isinstance(value, list):
            texts.extend((f"{field.name}[{index}]", item, note.doc.text_line(f"{field.name}[{index}]"))
                         for index, item in enumerate(value) if isinstance(item, str))
    return texts
