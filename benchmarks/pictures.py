"""Layout time of the relations pictures at 10, 50 and 200 actors (synthetic).

Synthetic actors, as the shipped ones: names of one to three words, three relations
each on average (the shipped types, to random others, seeded), either in five declared
camps or with camps derived from their relations. Prints, per size: the camps and links
of the overview, labels that found no place, links crossing, and the time to lay out
the overview (both drawings) and every actor's own picture (both drawings).

    python benchmarks/pictures.py [SIZES ...] [--html PAGE]   (PAGE: the overviews, to look at)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.content.relation_types import SHIPPED_TONES  # noqa: E402
from build_scripts.content.schema import RELATION_TYPES  # noqa: E402
from build_scripts.errors import Problems  # noqa: E402
from build_scripts.render import strings  # noqa: E402
from build_scripts.render.pictures import camps, canvas, ego, overview  # noqa: E402
from build_scripts.render.pictures.styles import Styles  # noqa: E402

WORDS = ("council", "union", "party", "front", "ministry", "guard", "press", "assembly", "movement",
         "alliance", "committee", "association")


def synthetic(count: int, declared: bool, seed: int = 13) -> tuple[list[str], dict[str, str],
                                                                   list[camps.Relation], dict[str, str]]:
    chance = random.Random(seed)
    actors = [f"a{number}" for number in range(count)]
    names = {actor: " ".join(chance.choice(WORDS).title() for _ in range(chance.randint(1, 3)))
             + f" {number}" for number, actor in enumerate(actors)}
    relations = []
    for actor in actors:
        for _ in range(chance.choice((1, 2, 3, 4, 5))):
            other = chance.choice(actors)
            if other != actor:
                relations.append(camps.Relation(actor, other, chance.choice(RELATION_TYPES)))
    camp_of = {actor: f"c{number % 5}" for number, actor in enumerate(actors)} if declared else {}
    return actors, names, relations, camp_of


def run(count: int, declared: bool, labels: dict[str, str], t: strings.Strings,
        pictures: list[str] | None = None) -> str:
    actors, names, relations, camp_of = synthetic(count, declared)
    styles = Styles(RELATION_TYPES, SHIPPED_TONES)
    order = list(RELATION_TYPES)
    words = overview.Words("Relations", "…", t("figures.within_camp"),
                           t("figures.more_actors", count="{count}"), t("figures.legend"))
    overview_times, ego_times = [], []
    for _ in range(3):
        start = time.perf_counter()
        found = camps.camps(actors, relations, declared=camp_of, label_of=lambda key: f"Camp {key}",
                            tone_of=lambda kind: SHIPPED_TONES[kind], others=t("figures.other_actors"),
                            sort_key=lambda actor: names[actor])
        picture = overview.overview(found, relations, names=names, labels=labels, styles_=styles,
                                    order=order, words=words, ident=f"relations-{count}-{declared}")
        overview_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for actor in actors:
            neighbours: dict[str, dict[str, list[bool]]] = {}
            for relation in relations:
                if actor in (relation.source, relation.target):
                    other = relation.target if relation.source == actor else relation.source
                    flags = neighbours.setdefault(other, {}).setdefault(relation.type, [False, False])
                    flags[0 if relation.source == actor else 1] = True
            rows = [ego.Neighbour(other, names[other], [(kind, a, b) for kind, (a, b) in types.items()])
                    for other, types in sorted(neighbours.items())]
            ego.ego(names[actor], rows,
                    labels=labels, styles_=styles, order=order, title="", description="", legend_heading="",
                    ident=actor)
        ego_times.append(time.perf_counter() - start)
    if pictures is not None:
        pictures.append(picture)
    # The wide drawing's layout, for its figures.
    bundles, within = overview._bundles(found, relations, order)
    drawn = canvas.WIDE
    boxes = [overview._Box(camp, names, within[n], labels, words, drawn) for n, camp in enumerate(found)]
    texts = [overview._label_lines(bundle, labels, drawn) for bundle in bundles]
    placement, keyed = overview.plan(boxes, bundles, texts, drawn)
    kind = "declared" if declared else "derived "
    return (f"{count:>4} actors {len(relations):>4} relations  {kind} camps: "
            f"{len(found)} camps, {len(bundles):>2} links, {len(keyed)} labels numbered, "
            f"{placement.failed} unplaced, "
            f"{placement.crossings} crossings; overview {statistics.median(overview_times) * 1000:7.1f} ms, "
            f"every actor's picture {statistics.median(ego_times) * 1000:7.1f} ms "
            f"({statistics.median(ego_times) * 1000 / count:.2f} ms each)")


def main() -> int:
    arguments = sys.argv[1:]
    html = Path(arguments.pop(arguments.index("--html") + 1)) if "--html" in arguments else None
    if html is not None:
        arguments.remove("--html")
    sizes = [int(arg) for arg in arguments] or [10, 50, 200]
    pictures: list[str] = []
    t = strings.load("en", ROOT / "content", Problems(ROOT))
    labels = {kind: t(f"relations.{kind}") for kind in RELATION_TYPES}
    print("Relations pictures, laid out (median of 3 runs, both drawings of each):")
    for count in sizes:
        for declared in (True, False):
            print(run(count, declared, labels, t, pictures))
    if html is not None:
        # The overviews in a page of their own, to look at (with the theme's CSS beside it).
        html.parent.mkdir(parents=True, exist_ok=True)
        css = (ROOT / "build_scripts/site/theme/assets/explainer.css").read_text("utf-8")
        page = (f"<!doctype html><meta charset=utf-8><style>{css}</style><body class=md-typeset "
                f"style='font-family: Helvetica, Arial, sans-serif'>{''.join(pictures)}</body>")
        html.write_text(page, "utf-8")
        print(f"wrote {html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
