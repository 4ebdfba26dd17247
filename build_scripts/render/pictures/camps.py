"""Camps: the groups the relations overview draws instead of a hairball of actors.

An actor's camp is what its note says (``camp: <id>`` names an actor or a glossary term,
whose title labels the camp in each language). Actors without one are grouped by the
relations that bind them: ties of alliance, support, leadership or membership (the
`support` and `member` tones) join two actors into one camp, labelled by its most
connected member; an actor with no such tie stands alone. Past `MOST` camps, the ones
that stand alone share one box, then the smallest camps join it: the overview stays
legible at any number of actors. Nothing here depends on the notes' `order`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

MOST = 8  # camps in one overview
BINDING_TONES = ("support", "member")


@dataclass(frozen=True)
class Relation:
    source: str
    target: str
    type: str


@dataclass
class Camp:
    key: str  # the id that names it, or '' for a camp of its own (derived, or the others)
    label: str  # '' for one actor alone: the box is the actor
    members: list[str] = field(default_factory=list)


def _find(parent: dict[str, str], node: str) -> str:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def camps(actors: list[str], relations: list[Relation], *, declared: dict[str, str],
          label_of: Callable[[str], str], tone_of: Callable[[str], str], others: str,
          sort_key: Callable[[str], object]) -> list[Camp]:
    """The camps of `actors` (ids), each with its members, most connected first.

    `declared`: {actor: camp id} from the notes; `label_of`: the title of an actor or term
    in the page's language; `others`: the label of the box for everyone else;
    `sort_key`: an actor's place among equals (its name as this language sorts).
    """
    degree = Counter[str]()
    for relation in relations:
        degree[relation.source] += 1
        degree[relation.target] += 1
    parent = {actor: actor for actor in actors}
    for relation in relations:
        if tone_of(relation.type) in BINDING_TONES and relation.source in parent \
                and relation.target in parent and relation.source not in declared \
                and relation.target not in declared:
            parent[_find(parent, relation.source)] = _find(parent, relation.target)

    def rank(actor: str) -> tuple[int, object, str]:
        return -degree[actor], sort_key(actor), actor

    groups: dict[str, list[str]] = {}
    for actor in actors:
        key = f"camp:{declared[actor]}" if actor in declared else f"derived:{_find(parent, actor)}"
        groups.setdefault(key, []).append(actor)
    found = []
    for key, members in groups.items():
        members.sort(key=rank)
        if key.startswith("camp:"):
            found.append(Camp(key[5:], label_of(key[5:]), members))
        else:
            found.append(Camp("", label_of(members[0]) if len(members) > 1 else "", members))
    # Larger camps first, then by their first member: the same order in every build.
    found.sort(key=lambda camp: (-len(camp.members), rank(camp.members[0])))
    if len(found) > MOST:
        kept = [camp for camp in found if len(camp.members) > 1 or camp.key][: MOST - 1]
        rest = sorted((actor for camp in found if camp not in kept for actor in camp.members), key=rank)
        found = [*kept, Camp("", others, rest)]
    return found
