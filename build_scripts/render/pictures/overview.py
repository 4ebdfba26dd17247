"""The relations overview: camps as boxes listing their actors, relations between camps bundled.

All the relations between two camps are one link, drawn as one line per type (colour
and dashes of its own, an arrowhead at the camp it points to) and labelled with every
type; relations within a camp are listed in its box. Each actor's own picture, on its
page, shows its relations one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.render.pictures import canvas as canvases
from build_scripts.render.pictures import geometry, layout, styles
from build_scripts.render.pictures.camps import Camp, Relation
from build_scripts.render.pictures.canvas import Canvas
from build_scripts.render.pictures.geometry import Rect
from build_scripts.render.pictures.styles import Style, Styles
from build_scripts.render.pictures.text import label, width, wrap

MEMBERS_SHOWN = 7  # a longer camp lists six and says how many more
SWATCH = 22.0
STRAND = 4.5  # between the lines of one link
LABEL_WIDTH = {"wide": 210.0, "narrow": 150.0}  # the widest a link's label grows


@dataclass(frozen=True)
class Words:
    """The overview's texts in the page's language."""

    title: str
    description: str
    within: str  # heading of a camp's own relations: 'Within the camp'
    more: str  # '{count} more'
    legend: str


@dataclass
class Bundle:
    a: int
    b: int
    # type -> (a points to b, b points to a)
    types: dict[str, list[bool]]


def _bundles(camps: list[Camp], relations: list[Relation], order: list[str]
             ) -> tuple[list[Bundle], list[list[str]]]:
    where = {actor: index for index, camp in enumerate(camps) for actor in camp.members}
    bundles: dict[tuple[int, int], Bundle] = {}
    within: list[list[str]] = [[] for _ in camps]
    for relation in relations:
        a, b = where.get(relation.source), where.get(relation.target)
        if a is None or b is None:
            continue
        if a == b:
            if relation.type not in within[a]:
                within[a].append(relation.type)
            continue
        key = (min(a, b), max(a, b))
        bundle = bundles.setdefault(key, Bundle(key[0], key[1], {}))
        directions = bundle.types.setdefault(relation.type, [False, False])
        directions[0 if a == key[0] else 1] = True
    rank = {kind: index for index, kind in enumerate(order)}
    for bundle in bundles.values():
        bundle.types = dict(sorted(bundle.types.items(), key=lambda item: rank.get(item[0], len(rank))))
    for types in within:
        types.sort(key=lambda kind: rank.get(kind, len(rank)))
    return sorted(bundles.values(), key=lambda bundle: (bundle.a, bundle.b)), within


class _Box:
    """The lines of one camp's box at a given width."""

    def __init__(self, camp: Camp, names: dict[str, str], within: list[str], labels: dict[str, str],
                 words: Words, canvas: Canvas) -> None:
        self.camp, self.names, self.within, self.labels = camp, names, within, labels
        self.words, self.canvas = words, canvas

    def lines(self, box_width: float) -> list[tuple[str, str, str]]:
        """(what, text, actor or type) per line: 'head', 'member', 'more', 'within', 'type'."""
        size, room = self.canvas.font, box_width - 16
        lines: list[tuple[str, str, str]] = []
        if self.camp.label:
            lines += [("head", text, "") for text in wrap(self.camp.label, size, room, bold=True, most=2)]
        members = self.camp.members
        shown = members if len(members) <= MEMBERS_SHOWN else members[: MEMBERS_SHOWN - 1]
        for actor in shown:
            bold = not self.camp.label and len(members) == 1
            lines += [("member", text, actor) for text in wrap(self.names[actor], size, room, bold=bold,
                                                               most=3)]
        if len(shown) < len(members):
            lines.append(("more", self.words.more.format(count=len(members) - len(shown)), ""))
        if self.within:
            lines += [("within", text, "") for text in wrap(self.words.within, size, room, most=2)]
            for kind in self.within:
                for number, text in enumerate(wrap(self.labels[kind], size, room - SWATCH - 6, most=2)):
                    lines.append(("type", text, kind if number == 0 else ""))
        return lines

    def height(self, box_width: float) -> float:
        lines = self.lines(box_width)
        gaps = sum(1 for number in range(1, len(lines)) if lines[number][0] != lines[number - 1][0]
                   and lines[number][0] in ("member", "within"))
        return len(lines) * self.canvas.line + gaps * 6 + 12


def _label_lines(bundle: Bundle, labels: dict[str, str], canvas: Canvas) -> list[tuple[str, str]]:
    """(type, or '' on a continued line; text): a link's label, wrapped."""
    room = LABEL_WIDTH[canvas.name] - SWATCH - 6
    return [(kind if number == 0 else "", text) for kind in bundle.types
            for number, text in enumerate(wrap(labels[kind], canvas.font, room, most=2))]


def _label_size(lines: list[tuple[str, str]], canvas: Canvas) -> tuple[float, float]:
    swatch = SWATCH + 6 if any(kind for kind, _ in lines) else 0
    return swatch + max(width(text, canvas.font) for _, text in lines) + 8, len(lines) * canvas.line + 6


def _draw_box(box: _Box, rect: Rect, styles_: Styles, ident: str) -> str:
    canvas = box.canvas
    parts = [f'<g class="explainer-node"><rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.w:.1f}" '
             f'height="{rect.h:.1f}" rx="5"/>']
    y = rect.y + 6
    previous = ""
    for what, text, key in box.lines(rect.w):
        if previous and what != previous and what in ("member", "within"):
            y += 6
        baseline = y + canvas.line * 0.78
        x = rect.x + 8
        if what == "head":
            parts.append(label(x, baseline, text, bold=True, css="explainer-camp"))
        elif what == "member":
            line = label(x, baseline, text, bold=not box.camp.label and len(box.camp.members) == 1)
            # No link: the cards above link every actor, and the theme's scripts rewrite
            # the links of a page, which an SVG link's read-only href would break.
            parts.append(line)
        elif what in ("more", "within"):
            parts.append(label(x, baseline, text, css="explainer-note"))
        else:
            if key:
                parts.append(styles.swatch(styles_.of(key), x, y + canvas.line / 2, SWATCH, ident))
            parts.append(label(x + SWATCH + 6, baseline, text))
        y += canvas.line
        previous = what
    parts.append("</g>")
    return "".join(parts)


def _draw_label(lines: list[tuple[str, str]], rect: Rect, styles_: Styles, canvas: Canvas,
                ident: str) -> str:
    parts = [f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.w:.1f}" height="{rect.h:.1f}" '
             f'rx="3" class="explainer-label-ground"/>']
    swatches = any(kind for kind, _ in lines)
    for number, (kind, text) in enumerate(lines):
        top = rect.y + 3 + number * canvas.line
        if kind:
            parts.append(styles.swatch(styles_.of(kind), rect.x + 4, top + canvas.line / 2, SWATCH, ident))
        parts.append(label(rect.x + 4 + (SWATCH + 6 if swatches else 0), top + canvas.line * 0.78, text,
                           bold=not swatches))
    return "".join(parts)


def _draw_strands(bundle: Bundle, route: list[geometry.Point], hole: Rect, styles_: Styles,
                  ident: str) -> str:
    parts = ['<g class="explainer-link">']
    count = len(bundle.types)
    for number, (kind, (forward, backward)) in enumerate(bundle.types.items()):
        style: Style = styles_.of(kind)
        line = geometry.offset(route, (number - (count - 1) / 2) * STRAND)
        pieces = geometry.cut(line, [hole.grown(2)])
        for index, piece in enumerate(pieces):
            first, last = index == 0, index == len(pieces) - 1
            parts.append(f'<path d="{geometry.path(piece)}"'
                         f'{style.stroke(ident, start=first and backward, end=last and forward)}/>')
    return "".join(parts) + "</g>"


def legend(kinds: list[str], labels: dict[str, str], styles_: Styles, canvas: Canvas, top: float,
           heading: str, ident: str) -> tuple[str, float]:
    """The types shown, each with its line, flowing in rows; (SVG, its height)."""
    if not kinds:
        return "", 0.0
    size, line = canvas.font, canvas.line
    parts = ['<g class="explainer-legend">', label(layout.PAD, top + line * 0.78, heading, bold=True)]
    x, y = layout.PAD, top + line + 4
    for kind in kinds:
        texts = wrap(labels[kind], size, canvas.width - 2 * layout.PAD - SWATCH - 8, most=2)
        item = SWATCH + 6 + max(width(text, size) for text in texts) + 18
        if x > layout.PAD and x + item > canvas.width - layout.PAD:
            x, y = layout.PAD, y + line * 1.15
        parts.append(styles.swatch(styles_.of(kind), x, y + line / 2, SWATCH, ident))
        for number, text in enumerate(texts):
            parts.append(label(x + SWATCH + 6, y + line * (0.78 + number), text))
        if len(texts) > 1:
            x, y = layout.PAD, y + line * (len(texts) + 0.15)
        else:
            x += item
    return "".join(parts) + "</g>", y + line * 1.15 - top + 4


Keyed = list[tuple[str, list[tuple[str, str]]]]


def plan(boxes: list[_Box], bundles: list[Bundle], texts: list[list[tuple[str, str]]], canvas: Canvas
         ) -> tuple[layout.Placement, Keyed]:
    """The layout of the boxes and links; `texts` (the links' labels) may become numbers."""
    narrow = canvas is canvases.NARROW

    def arranged() -> layout.Placement:
        edges = [layout.Edge(bundle.a, bundle.b, _label_size(lines, canvas),
                             (len(bundle.types) - 1) / 2 * STRAND + styles.STROKE)
                 for bundle, lines in zip(bundles, texts, strict=True)]
        return layout.best(lambda box, box_width: boxes[box].height(box_width), len(boxes), edges,
                           width=canvas.width, columns=(2, 1) if narrow else (3, 2), narrow=narrow,
                           widest=170 if narrow else 230, narrowest=120 if narrow else 175)

    placement = arranged()
    # A label with no room on its link (many camps, many types) becomes a number there,
    # and its types are listed under the picture beside that number.
    keyed: Keyed = []
    if placement.unplaced:
        for index in placement.unplaced:
            keyed.append((str(len(keyed) + 1), texts[index]))
            texts[index] = [("", keyed[-1][0])]
        placement = arranged()
    return placement, keyed


def drawing(camps: list[Camp], relations: list[Relation], canvas: Canvas, *, names: dict[str, str],
            labels: dict[str, str], styles_: Styles, order: list[str],
            words: Words, ident: str) -> str:
    bundles, within = _bundles(camps, relations, order)
    own = f"{ident}-{canvas.name}"
    boxes = [_Box(camp, names, within[index], labels, words, canvas) for index, camp in enumerate(camps)]
    texts = [_label_lines(bundle, labels, canvas) for bundle in bundles]
    placement, keyed = plan(boxes, bundles, texts, canvas)
    parts = []
    for bundle, route, hole in zip(bundles, placement.routes, placement.labels, strict=True):
        parts.append(_draw_strands(bundle, route, hole, styles_, own))
    for box, rect in zip(boxes, placement.boxes, strict=True):
        parts.append(_draw_box(box, rect, styles_, own))
    for lines, rect in zip(texts, placement.labels, strict=True):
        parts.append(_draw_label(lines, rect, styles_, canvas, own))
    shown = [kind for kind in order if any(kind in bundle.types for bundle in bundles)
             or any(kind in types for types in within)]
    top = placement.height + 8
    for number, lines in keyed:
        parts.append(label(layout.PAD, top + canvas.line * 0.78, f"{number}:", bold=True))
        parts.append(_draw_label(lines, Rect(layout.PAD + 24, top - 3, canvas.width - 40,
                                             len(lines) * canvas.line + 6), styles_, canvas, own))
        top += len(lines) * canvas.line + 10
    key, key_height = legend(shown, labels, styles_, canvas, top, words.legend, own)
    return canvases.svg(canvas, "relations", ident, top + key_height, words.title,
                        words.description, "".join(parts) + key, styles.markers(own))


def overview(camps: list[Camp], relations: list[Relation], **options: object) -> str:
    """The overview as a picture (both drawings)."""
    return canvases.picture("relations", [drawing(camps, relations, canvas, **options)  # type: ignore[arg-type]
                                          for canvas in canvases.CANVASES])
