"""The content model, declared once.

Every kind of note (actor, scenario, term, event, page, source translation) is a
list of `Field`s. The same declaration drives validation (`check_fields`), the
published JSON Schema (`json_schema.document`, written to ``schema/content.schema.json``)
and the editor's reference, so the three cannot drift apart.

A field is either *translatable* (text, written in every language's file) or
*language-neutral* (ids, dates, relations, sources: written once, in the default
language's file).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_scripts.content.frontmatter import Document
from build_scripts.errors import Problems

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PARAGRAPH_ID = re.compile(r"^[ph][1-9][0-9]*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

RELATION_TYPES = (
    "ally", "opponent", "supports", "opposes", "depends_on", "member_of",
    "leads", "part_of", "pressures", "negotiates_with",
)
ACTOR_KINDS = ("person", "organisation", "group", "state", "alliance", "media")
HEADLINE_SHOW = ("omit", "related")
# How a scenario compares with what happened next (shown on the scenarios overview).
OUTCOMES = ("happened", "closest", "partly", "not-happened")


@dataclass(frozen=True)
class Field:
    """One front-matter field of a kind of note."""

    name: str
    type: str  # a key of TYPES
    description: str
    example: Any
    required: bool = False
    translatable: bool = True
    refers_to: str = ""  # the collection an id field points into
    choices: tuple[str, ...] = ()

    @property
    def neutral(self) -> bool:
        return not self.translatable


@dataclass(frozen=True)
class Kind:
    """A kind of note: where its files live and which fields they have."""

    name: str
    folder: str
    description: str
    fields: tuple[Field, ...]
    has_body: bool = True
    body_description: str = ""

    def field(self, name: str) -> Field | None:
        return next((field for field in self.fields if field.name == name), None)


SOURCES = Field(
    "sources", "sources",
    "Where the note's facts come from: paragraphs of the article (with an exact quote "
    "where the note paraphrases it) or named references from content/references.yml.",
    [{"paragraph": "p2", "quote": "voted on Monday to close the harbour"},
     {"reference": "harbour-plan"}],
    translatable=False,
)
TITLE = Field("title", "string", "The name shown as the page or card heading.",
              "Ana Silva", required=True)
SUMMARY = Field("summary", "string",
                "One sentence for overviews, tooltips and the page's meta description.",
                "Chair of the fishers' association, who opposes the plan.", required=True)
ORDER = Field("order", "integer", "Position in overviews (lower first; then by title).", 1,
              translatable=False)
REVISED = Field("translated_from", "string",
                "Translations only: fingerprint of the default-language text this translation "
                "was made from. Written by `explainer mark-revised`; do not edit by hand.",
                "3f9a1c0d2b7e", translatable=True)

ACTOR = Kind(
    "actor", "actors", "A person, group, organisation or state that plays a part in the story.",
    (
        TITLE, SUMMARY,
        Field("kind", "choice", "What sort of actor this is.", "person", required=True,
              translatable=False, choices=ACTOR_KINDS),
        Field("role", "string", "Who they are, in a few words.",
              "Chair of the fishers' association", required=True),
        Field("forms", "strings",
              "The forms of the actor's name in running text in this language (inflected "
              "forms too): search finds the actor's pages by any of them.",
              ["Anna Visser", "Visser", "Vissers"]),
        Field("aims", "strings", "What they want in this crisis, one aim an item.",
              ["a temporary quay for the fleet"]),
        Field("in_the_article", "markdown", "What the source article says of them, with citations.",
              "She called the plan a disaster [@p4]."),
        Field("relations", "relations",
              "Typed links to other actors: who supports, opposes or depends on whom.",
              [{"type": "opposes", "actor": "town-council", "sources": [{"paragraph": "p4"}]}],
              translatable=False),
        Field("camp", "id",
              "The camp the actor stands in, for the relations overview: the id of an actor or a "
              "glossary term, whose title names the camp in each language. Without it, actors tied "
              "by alliance, support, leadership or membership form a camp of their own.",
              "fishers", translatable=False, refers_to="actor or term"),
        SOURCES, ORDER, REVISED,
    ),
    body_description="Who they are: background in a few paragraphs, with citations.",
)
SCENARIO = Kind(
    "scenario", "scenarios", "A way the crisis could go, as it looked at the time of the article.",
    (
        TITLE, SUMMARY,
        Field("actors", "ids", "The actors involved.", ["town-council", "fishers"],
              translatable=False, refers_to="actor"),
        Field("drivers", "strings", "What drives this scenario, one driver an item.",
              ["the fleet has nowhere else to moor [@p4]"], required=True),
        Field("signposts", "strings", "What to watch for: signs that it is happening.",
              ["a council vote on a temporary quay"], required=True),
        Field("in_the_article", "markdown", "What the source article says of it, with citations.",
              "The fishers ask for a quay [@p4 \"wants a temporary quay\"]."),
        Field("hindsight", "markdown",
              "What happened next, written with hindsight and sourced to named references. "
              "Shown apart from the rest and labelled as hindsight.",
              "The council published its plan [@harbour-plan]."),
        Field("outcome", "choice",
              "With hindsight: whether it happened (happened), came closest of the scenarios to "
              "what happened (closest), happened in part (partly) or did not happen "
              "(not-happened). Shown on the scenarios overview in every language; only with a "
              "sourced `hindsight`, which says why.",
              "closest", translatable=False, choices=OUTCOMES),
        SOURCES, ORDER, REVISED,
    ),
    body_description="The scenario in a few paragraphs, with citations.",
)
TERM = Kind(
    "term", "glossary", "A word or name a reader may not know; linked where it occurs.",
    (
        TITLE, SUMMARY,
        Field("forms", "strings",
              "The word forms in which the term occurs in running text in this language "
              "(inflected forms too); each is linked to the glossary where it first occurs.",
              ["quay", "quays"], required=True),
        Field("related", "ids", "Related terms.", ["harbour"], translatable=False, refers_to="term"),
        SOURCES, REVISED,
    ),
    body_description="The explanation, with citations.",
)
EVENT = Kind(
    "event", "timeline", "A dated event on the background page's timeline.",
    (
        TITLE, SUMMARY,
        Field("date", "date", "When it happened: YYYY, YYYY-MM or YYYY-MM-DD.", "2020-08-09",
              required=True, translatable=False),
        Field("actors", "ids", "The actors involved.", ["town-council"], translatable=False,
              refers_to="actor"),
        SOURCES, REVISED,
    ),
    body_description="Optional detail, with citations.",
)
PAGE = Kind(
    "page", "pages", "A free page: home, background and about (each required).",
    (
        TITLE, SUMMARY,
        Field("key_points", "strings",
              "Home page only: the story in three to five points, each sourced like every "
              "statement, shown first in a dated box, before the page text.",
              ["The council voted on Monday to close the harbour for a year [@p2]."]),
        Field("as_of", "date",
              "Home page only: the date the key points describe (YYYY, YYYY-MM or YYYY-MM-DD); "
              "without it, the article's date.", "2021-03-14", translatable=False),
        SOURCES, REVISED,
    ),
    body_description="The page text, with citations and links to notes.",
)
SOURCE = Kind(
    "source", "source",
    "A translation of the source article, paragraph by paragraph (file source/article.<lang>.md).",
    (
        TITLE,
        Field("translation", "translation",
              "The translated text of every paragraph (p1, p2, ...) and heading (h1, ...).",
              {"p1": "Der Hafen von Northport schließt für ein Jahr."}, required=True),
        REVISED,
    ),
    body_description="Optional translator's note.",
)

KINDS: dict[str, Kind] = {kind.name: kind for kind in (ACTOR, SCENARIO, TERM, EVENT, PAGE, SOURCE)}
REQUIRED_PAGES = ("home", "background", "about")


# -- value checks -------------------------------------------------------------------------------

Check = Callable[[Any, str, Document, Problems, Field], None]


def _string(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if isinstance(value, str) and not value.strip():
        problems.add(doc.path, doc.line(key), key, "the text is empty", "a non-empty text")
    elif not isinstance(value, str):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not a text", "a non-empty text")


def _markdown(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, str):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not a text", "Markdown text")


def _strings(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, list) or not value:
        problems.add(doc.path, doc.line(key), key,
                     "the list is empty" if value == [] else f"{describe(value)} is not a list",
                     "a list of texts, one '- item' a line")
        return
    for index, item in enumerate(value):
        _string(item, f"{key}[{index}]", doc, problems, field)


def _integer(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not a whole number",
                     "a whole number")


def _choice(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if value not in field.choices:
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not allowed",
                     "one of: " + ", ".join(field.choices))


def _id(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, str) or not ID.match(value):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not an id",
                     "lower-case letters, digits and hyphens, such as 'town-council'")


def _ids(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, list):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not a list",
                     f"a list of {field.refers_to} ids")
        return
    for index, item in enumerate(value):
        _id(item, f"{key}[{index}]", doc, problems, field)


def check_date(value: Any) -> str:
    """'' when `value` is a valid YYYY, YYYY-MM or YYYY-MM-DD date, else what is wrong."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return f"{describe(value)} is not a date"
    match = DATE.match(str(value))
    if not match:
        return f"{describe(value)} is not a date"
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        datetime.date(year or 1, month or 1, day or 1)
    except ValueError:
        return f"{value!s} does not exist"
    return ""


def _date(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    wrong = check_date(value)
    if wrong:
        problems.add(doc.path, doc.line(key), key, wrong, "YYYY, YYYY-MM or YYYY-MM-DD")


def _sources(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, list):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not a list",
                     "a list of '- paragraph: pN' or '- reference: id' items")
        return
    for index, item in enumerate(value):
        here = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.add(doc.path, doc.line(here), here, f"{describe(item)} is not a source",
                         "'paragraph: pN' (with an optional 'quote') or 'reference: id'")
            continue
        allowed = {"paragraph", "quote", "reference", "note"}
        for name in item:
            if name not in allowed:
                problems.add(doc.path, doc.line(f"{here}.{name}"), f"{here}.{name}",
                             "unknown field", "one of: " + ", ".join(sorted(allowed)))
        has_paragraph, has_reference = "paragraph" in item, "reference" in item
        if has_paragraph == has_reference:
            problems.add(doc.path, doc.line(here), here,
                         "a source names either a paragraph or a reference",
                         "exactly one of 'paragraph' and 'reference'")
        if has_paragraph and not (isinstance(item["paragraph"], str)
                                  and PARAGRAPH_ID.match(item["paragraph"])):
            problems.add(doc.path, doc.line(f"{here}.paragraph"), f"{here}.paragraph",
                         f"{describe(item['paragraph'])} is not a paragraph id", "p1, p2, ...")
        if has_reference:
            _id(item["reference"], f"{here}.reference", doc, problems, field)
        if "quote" in item:
            if not has_paragraph:
                problems.add(doc.path, doc.line(f"{here}.quote"), f"{here}.quote",
                             "a quote needs a paragraph", "'paragraph: pN' beside 'quote'")
            _string(item["quote"], f"{here}.quote", doc, problems, field)
        if "note" in item:
            _string(item["note"], f"{here}.note", doc, problems, field)


def _relations(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, list):
        problems.add(doc.path, doc.line(key), key, f"{describe(value)} is not a list",
                     "a list of 'type' and 'actor' items")
        return
    for index, item in enumerate(value):
        here = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.add(doc.path, doc.line(here), here, f"{describe(item)} is not a relation",
                         "'type: ...' and 'actor: id'")
            continue
        for name in item:
            if name not in ("type", "actor", "sources"):
                problems.add(doc.path, doc.line(f"{here}.{name}"), f"{here}.{name}",
                             "unknown field", "one of: actor, sources, type")
        for name in ("type", "actor"):
            if name not in item:
                problems.add(doc.path, doc.line(here), f"{here}.{name}", "missing",
                             "one of: " + ", ".join(RELATION_TYPES) if name == "type"
                             else "an actor id")
        # Which types exist is checked with the project's own (validate): here only the shape.
        if "type" in item and not isinstance(item["type"], str):
            problems.add(doc.path, doc.line(f"{here}.type"), f"{here}.type",
                         f"{describe(item['type'])} is not allowed", "one of: " + ", ".join(RELATION_TYPES))
        if "actor" in item:
            _id(item["actor"], f"{here}.actor", doc, problems, field)
        if "sources" in item:
            _sources(item["sources"], f"{here}.sources", doc, problems, field)


def _translation(value: Any, key: str, doc: Document, problems: Problems, field: Field) -> None:
    if not isinstance(value, dict) or not value:
        problems.add(doc.path, doc.line(key), key,
                     "the mapping is empty" if value == {} else f"{describe(value)} is not a mapping",
                     "'p1: text' lines, one per paragraph or heading")
        return
    for block_id, text in value.items():
        here = f"{key}.{block_id}"
        if not PARAGRAPH_ID.match(str(block_id)):
            problems.add(doc.path, doc.line(here), here, f"{block_id!r} is not a paragraph id",
                         "p1, p2, ... or h1, h2, ...")
        _string(text, here, doc, problems, field)


TYPES: dict[str, tuple[Check, dict[str, Any]]] = {
    "string": (_string, {"type": "string", "minLength": 1}),
    "markdown": (_markdown, {"type": "string"}),
    "strings": (_strings, {"type": "array", "minItems": 1,
                           "items": {"type": "string", "minLength": 1}}),
    "integer": (_integer, {"type": "integer"}),
    "choice": (_choice, {"type": "string"}),
    "id": (_id, {"type": "string", "pattern": ID.pattern}),
    "ids": (_ids, {"type": "array", "items": {"type": "string", "pattern": ID.pattern}}),
    "date": (_date, {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
    "sources": (_sources, {"$ref": "#/$defs/sources"}),
    "relations": (_relations, {"$ref": "#/$defs/relations"}),
    "translation": (_translation, {
        "type": "object", "minProperties": 1,
        "propertyNames": {"pattern": PARAGRAPH_ID.pattern},
        "additionalProperties": {"type": "string", "minLength": 1},
    }),
}


def describe(value: Any) -> str:
    """How a value of the wrong type is named in a message: 'a list', ''42'', 'an empty value'."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def check_fields(kind: Kind, doc: Document, problems: Problems, *, is_default: bool,
                 default_file: str) -> None:
    """Check a note's front matter against its kind: unknown, missing, misplaced and ill-typed fields."""
    # Name only the fields this file may have: a translation holds the texts alone, and
    # only a translation records what it was translated from.
    allowed = sorted(f.name for f in kind.fields
                     if (f.name != "translated_from" if is_default else f.translatable))
    for name, value in doc.data.items():
        field = kind.field(name)
        if field is None:
            problems.add(doc.path, doc.line(name), name, "unknown field", "one of: " + ", ".join(allowed))
            continue
        if field.neutral and not is_default:
            problems.add(doc.path, doc.line(name), name,
                         "language-neutral field in a translation",
                         f"it only in {default_file}")
            continue
        if field.name == "translated_from" and is_default:
            problems.add(doc.path, doc.line(name), name, "only translations have this field",
                         "no 'translated_from' in the default language's file")
            continue
        TYPES[field.type][0](value, name, doc, problems, field)
    for field in kind.fields:
        if field.required and field.name not in doc.data and (is_default or field.translatable):
            problems.add(doc.path, doc.line(""), field.name, "missing", _hint(field))


def _hint(field: Field) -> str:
    hints = {
        "string": "a text", "strings": "a list of texts", "date": "YYYY, YYYY-MM or YYYY-MM-DD",
        "choice": "one of: " + ", ".join(field.choices), "translation": "'p1: text' lines",
    }
    return hints.get(field.type, field.type)
