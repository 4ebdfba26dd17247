"""The pictures of a page, from the notes, in the page's language.

Each function takes the page's renderer (pages.Renderer) and returns the picture's HTML
(inline SVG), or '' where there is nothing to draw. The drawings themselves know
nothing of notes: they get names, links and labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import babel.dates
import babel.units

from build_scripts.content.notes import Item
from build_scripts.render import collation, maps
from build_scripts.render.pictures import camps as camps_module
from build_scripts.render.pictures import ego as ego_module
from build_scripts.render.pictures import locator as locator_module
from build_scripts.render.pictures import overview as overview_module
from build_scripts.render.pictures import timeline as timeline_module
from build_scripts.render.pictures.camps import Relation
from build_scripts.render.pictures.styles import Styles
from build_scripts.render.strings import Strings, in_language

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


def _words(relations: list[Relation], names: dict[str, str], labels: dict[str, str], t: Strings) -> str:
    """The relations as the text alternative lists them, punctuated as the language does."""
    return t.join((f"{names[r.source]} → {labels[r.type]} → {names[r.target]}" for r in relations),
                  series=True)


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
    listed = t.join((t.label(camp.label or names[camp.members[0]]) + " "
                     + t.join(names[member] for member in camp.members) for camp in found), series=True)
    words = overview_module.Words(
        title=t("figures.relations_title"),
        description=t("figures.relations_description", relations=_words(relations_, names, labels, t))
        + " " + t("figures.camps_description", camps=listed),
        within=t("figures.within_camp"), more=t("figures.more_actors", count="{count}"),
        legend=t("figures.legend"))
    return overview_module.overview(found, relations_, names=names, labels=labels,
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
            other, names[other],
            [(kind, out, back) for kind, (out, back) in types]))
    t = renderer.t
    name = names[item.id]
    return ego_module.ego(
        name, neighbours, labels=labels, styles_=_styles(renderer), order=list(vocabulary.ids),
        title=t("figures.actor_title", actor=name),
        description=t("figures.relations_description", relations=_words(relations_, names, labels, t)),
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
                      events=t.join((f"{t.label(m.when)} {m.label}" for m in moments), series=True)),
        gap_label=t("figures.gap", duration="{duration}").replace("{duration}", "{years}"),
        duration=lambda years: babel.units.format_unit(years, "duration-year", locale=locale, length="long"),
    )


def _name(renderer: Renderer, name: maps.Name) -> str:
    if name.labels:
        return in_language(dict(name.labels), renderer.language, renderer.default)[0]
    return _title(renderer, "term", name.term) if name.term else ""


def country_names(renderer: Renderer, codes: list[str]) -> dict[str, str]:
    """Each country's name on the map: map.yml's `names:`, else a glossary term that names the
    country (its title or a form is the country's name, as Babel has it, in a language of the
    site), else Babel's in the page's language."""
    locator = renderer.sources.map
    assert locator is not None
    languages = renderer.sources.project.languages
    spelled: dict[str, str] = {}
    for term in renderer.notes.of("term"):
        for language in languages:
            words = [term.text(language, "title", ""), *(term.text(language, "forms", []) or [])]
            for word in words:
                spelled.setdefault(f"{language}:{str(word).casefold()}", term.id)
    names = {}
    for code in codes:
        if code in locator.names:
            names[code] = _name(renderer, locator.names[code])
            continue
        keys = [f"{language}:{maps.country_name(code, language).casefold()}" for language in languages]
        term = next((spelled[key] for key in keys if key in spelled), None)
        names[code] = _title(renderer, "term", term) if term else maps.country_name(code, renderer.language)
    return names


def place_names(renderer: Renderer) -> list[str]:
    """Each place's name: the project's own; for the capital without one, CLDR's name of its
    time zone's city where that is the capital (Europe/Minsk), else GeoNames' (English)."""
    locator = renderer.sources.map
    assert locator is not None
    names = []
    for place in locator.places:
        name = _name(renderer, place.name)
        if not name and place.capital:
            city = babel.dates.get_timezone_location(locator.capital_zone, locale="en", return_city=True) \
                if locator.capital_zone else ""
            name = babel.dates.get_timezone_location(locator.capital_zone, return_city=True,
                                                     locale=renderer.language.replace("-", "_")) \
                if city == place.geonames else place.geonames
        names.append(name)
    return names


def locator(renderer: Renderer) -> str:
    """The locator map of the background page."""
    found = renderer.sources.map
    if found is None:
        return ""
    t = renderer.t
    names = country_names(renderer, sorted(found.countries))
    groups = {group.key: _name(renderer, maps.Name(group.term, group.labels)) or group.term
              for group in found.groups}
    country = names[found.focus]
    members = t.join((t.label(groups[group.key]) + " "
                      + t.join(names.get(code, code) for code in group.members)
                      for group in found.groups), series=True)
    places = place_names(renderer)
    marked = t.join(f"{name} ({t('figures.map_capital')})" if place.capital else name
                    for place, name in zip(found.places, places, strict=True))
    description = t("figures.map_description", country=country, members=members)
    if marked:
        description += " " + t("figures.map_places", places=marked)
    words = locator_module.Words(
        title=t("figures.map_title", country=country), description=description, focus=country,
        capital=t("figures.map_capital"), credit=t("figures.map_credit"), names=names, places=places,
        groups=groups)
    return locator_module.locator_map(found, words)
