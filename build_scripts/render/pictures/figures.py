"""The pictures of a page, from the notes, in the page's language.

Each function takes the page's renderer (pages.Renderer) and returns the picture's HTML
(inline SVG), or '' where there is nothing to draw. The drawings themselves know
nothing of notes: they get names, links and labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import babel.units

from build_scripts.content.notes import Item
from build_scripts.render import collation
from build_scripts.render.pictures import camps as camps_module
from build_scripts.render.pictures import ego as ego_module
from build_scripts.render.pictures import overview as overview_module
from build_scripts.render.pictures import timeline as timeline_module
from build_scripts.render.pictures.camps import Relation
from build_scripts.render.pictures.styles import Styles

if TYPE_CHECKING:
    from build_scripts.render.pages import Renderer

TONE_ORDER = ("support", "member", "depend", "oppose")


def _styles(renderer: Renderer) -> Styles:
    vocabulary = renderer.notes.relation_types
    return Styles(vocabulary.ids, {kind: vocabulary.tone(kind) for kind in vocabulary.ids})


def _relations(renderer: Renderer) -> list[Relation]:
    actors = {actor.id for actor in renderer.notes.of("actor")}
    return [Relation(actor.id, relation["actor"], relation["type"])
            for actor in renderer.notes.of("actor") for relation in actor.neutral("relations") or []
            if relation.get("actor") in actors and relation["actor"] != actor.id]


def _words(renderer: Renderer, relations: list[Relation], names: dict[str, str],
           labels: dict[str, str]) -> str:
    return "; ".join(f"{names[r.source]} → {labels[r.type]} → {names[r.target]}" for r in relations)


def _title(renderer: Renderer, kind: str, note_id: str) -> str:
    item = renderer.notes.get(kind, note_id)
    return str(item.text(renderer.language, "title")) if item else note_id


def relations(renderer: Renderer) -> str:
    """The relations overview of the actors page."""
    relations_ = _relations(renderer)
    if not relations_:
        return ""
    t = renderer.t
    actors = renderer.notes.of("actor")
    names = {actor.id: str(actor.text(renderer.language, "title")) for actor in actors}
    vocabulary = renderer.notes.relation_types
    labels = {kind: renderer.relation_label(kind) for kind in vocabulary.ids}
    sort_key = collation.sort_key(renderer.locale)
    declared = {actor.id: actor.neutral("camp") for actor in actors if actor.neutral("camp")}
    found = camps_module.camps(
        [actor.id for actor in actors], relations_, declared=declared,
        label_of=lambda note_id: _title(renderer, "actor", note_id) if renderer.notes.get("actor", note_id)
        else _title(renderer, "term", note_id),
        tone_of=vocabulary.tone, others=t("figures.other_actors"), sort_key=lambda a: sort_key(names[a]))
    listed = "; ".join(f"{camp.label or names[camp.members[0]]}: "
                       + ", ".join(names[member] for member in camp.members) for camp in found)
    words = overview_module.Words(
        title=t("figures.relations_title"),
        description=t("figures.relations_description", relations=_words(renderer, relations_, names, labels))
        + " " + t("figures.camps_description", camps=listed),
        within=t("figures.within_camp"), more=t("figures.more_actors", count="{count}"),
        legend=t("figures.legend"))
    hrefs = {actor.id: renderer.url(f"actors/{actor.id}.md") for actor in actors}
    return overview_module.overview(found, relations_, names=names, hrefs=hrefs, labels=labels,
                                    styles_=_styles(renderer), order=list(vocabulary.ids), words=words,
                                    ident="relations")


def actor(renderer: Renderer, item: Item) -> str:
    """The actor's own picture: its relations, one related actor a row."""
    relations_ = [r for r in _relations(renderer) if item.id in (r.source, r.target)]
    if not relations_:
        return ""
    vocabulary = renderer.notes.relation_types
    labels = {kind: renderer.relation_label(kind) for kind in vocabulary.ids}
    names = {actor.id: str(actor.text(renderer.language, "title")) for actor in renderer.notes.of("actor")}
    found: dict[str, dict[str, list[bool]]] = {}
    for relation in relations_:
        other = relation.target if relation.source == item.id else relation.source
        directions = found.setdefault(other, {}).setdefault(relation.type, [False, False])
        directions[0 if relation.source == item.id else 1] = True
    rank = {kind: index for index, kind in enumerate(vocabulary.ids)}
    sort_key = collation.sort_key(renderer.locale)

    def place(other: str) -> tuple[Any, ...]:
        # Friends first, then opponents; by name within each: never by the notes' `order`.
        tone = min(TONE_ORDER.index(vocabulary.tone(kind)) if vocabulary.tone(kind) in TONE_ORDER else 9
                   for kind in found[other])
        return tone, sort_key(names[other]), other

    neighbours = []
    for other in sorted(found, key=place):
        types = sorted(found[other].items(), key=lambda entry: rank.get(entry[0], len(rank)))
        neighbours.append(ego_module.Neighbour(
            other, names[other], renderer.url(f"actors/{other}.md"),
            [(kind, out, back) for kind, (out, back) in types]))
    t = renderer.t
    name = names[item.id]
    return ego_module.ego(
        name, neighbours, labels=labels, styles_=_styles(renderer), order=list(vocabulary.ids),
        title=t("figures.actor_title", actor=name),
        description=t("figures.relations_description", relations=_words(renderer, relations_, names, labels)),
        legend_heading=t("figures.legend"), ident=f"actor-{item.id}")


def timeline(renderer: Renderer, events: list[Item]) -> str:
    """The timeline of the background page."""
    t = renderer.t
    moments = [timeline_module.Moment(event.id, str(event.neutral("date")),
                                      t.date(str(event.neutral("date"))),
                                      str(event.text(renderer.language, "title"))) for event in events]
    locale = renderer.language.replace("-", "_")
    return timeline_module.timeline(
        moments,
        title=t("figures.timeline_title", first=moments[0].when, last=moments[-1].when),
        description=t("figures.timeline_description",
                      events="; ".join(f"{m.when}: {m.label}" for m in moments)),
        gap_label=t("figures.gap", duration="{duration}").replace("{duration}", "{years}"),
        duration=lambda years: babel.units.format_unit(years, "duration-year", locale=locale, length="long"),
    )
