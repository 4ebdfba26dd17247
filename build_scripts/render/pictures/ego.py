"""An actor's own picture: the actor in the middle, each actor it relates to beside it.

Every related actor has a row of its own: the relation's words on the row, and under
them the link, one line per relation type, from the actor's trunk to the other's box.
Wide, the rows stand on both sides of the actor; narrow, all on its right. Nothing
can overlap: each row has its own height.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.render.pictures import canvas as canvases
from build_scripts.render.pictures import overview, styles
from build_scripts.render.pictures.canvas import Canvas
from build_scripts.render.pictures.styles import Styles
from build_scripts.render.pictures.text import label, wrap

PAD = 6.0
SWATCH = overview.SWATCH
STRAND = overview.STRAND


@dataclass
class Neighbour:
    id: str
    name: str
    # (type, the actor points to this one, this one points to the actor)
    types: list[tuple[str, bool, bool]]


@dataclass
class _Row:
    neighbour: Neighbour
    labels: list[tuple[str, str]]  # (type or '' on a continued line, text)
    name: list[str]
    height: float
    link_y: float = 0.0  # relative to the row's top


def _row(neighbour: Neighbour, labels: dict[str, str], canvas: Canvas, label_room: float,
         box_width: float) -> _Row:
    size, line = canvas.font, canvas.line
    lines: list[tuple[str, str]] = []
    for kind, _, _ in neighbour.types:
        for number, text in enumerate(wrap(labels[kind], size, label_room - SWATCH - 6, most=2)):
            lines.append((kind if number == 0 else "", text))
    name = wrap(neighbour.name, size, box_width - 14, most=3)
    box = len(name) * line + 10
    strands = (len(neighbour.types) - 1) * STRAND
    link_y = len(lines) * line + 4 + max(box / 2, strands / 2 + 4)
    return _Row(neighbour, lines, name, link_y + max(box / 2, strands / 2) + 10, link_y)


def drawing(name: str, neighbours: list[Neighbour], canvas: Canvas, *, labels: dict[str, str],
            styles_: Styles, order: list[str], title: str, description: str, legend_heading: str,
            ident: str) -> str:
    own = f"{ident}-{canvas.name}"
    wide = canvas is canvases.WIDE
    size, line = canvas.font, canvas.line
    centre_width = 170.0 if wide else 112.0
    box_width = 165.0 if wide else 140.0
    if wide:
        centre_x = canvas.width / 2 - centre_width / 2
        spines = {"right": canvas.width / 2 + centre_width / 2 + 16,
                  "left": canvas.width / 2 - centre_width / 2 - 16}
    else:
        centre_x = PAD
        spines = {"right": PAD + centre_width + 14}
    rooms = {side: (canvas.width - PAD - spine - 8) if side == "right" else (spine - 8 - PAD)
             for side, spine in spines.items()}
    rows = {side: [] for side in spines}  # type: dict[str, list[_Row]]
    heights = dict.fromkeys(spines, 0.0)
    for neighbour in neighbours:
        side = min(spines, key=lambda s: (heights[s], s != "right"))
        row = _row(neighbour, labels, canvas, rooms[side], box_width)
        rows[side].append(row)
        heights[side] += row.height
    centre_lines = wrap(name, size, centre_width - 14, bold=True, most=4)
    centre_height = len(centre_lines) * line + 12
    total = max(max(heights.values()), centre_height + 8)
    parts: list[str] = []
    centre_y = PAD + total / 2
    for side, side_rows in rows.items():
        if not side_rows:
            continue
        spine = spines[side]
        edge = centre_x + centre_width if side == "right" else centre_x
        y = PAD + (total - heights[side]) / 2
        ys = []
        for row in side_rows:
            link_y = y + row.link_y
            ys.append(link_y)
            box_x = canvas.width - PAD - box_width if side == "right" else PAD
            text_x = spine + 8 if side == "right" else PAD
            for number, (kind, text) in enumerate(row.labels):
                top = y + number * line
                if kind:
                    parts.append(styles.swatch(styles_.of(kind), text_x, top + line / 2, SWATCH, own))
                parts.append(label(text_x + SWATCH + 6, top + line * 0.78, text))
            near, far = (spine, box_x) if side == "right" else (spine, box_x + box_width)
            count = len(row.neighbour.types)
            parts.append('<g class="explainer-link">')
            for number, (kind, outgoing, incoming) in enumerate(row.neighbour.types):
                style = styles_.of(kind)
                strand_y = link_y + (number - (count - 1) / 2) * STRAND
                parts.append(f'<path d="M{near:.1f},{strand_y:.1f}H{far:.1f}"'
                             f'{style.stroke(own, start=incoming, end=outgoing)}/>')
            parts.append("</g>")
            box_top = link_y - (len(row.name) * line + 10) / 2
            names = "".join(label(box_x + 7, box_top + 5 + line * (number + 0.78), text)
                            for number, text in enumerate(row.name))
            parts.append(f'<g class="explainer-node"><rect x="{box_x:.1f}" y="{box_top:.1f}" '
                         f'width="{box_width:.1f}" height="{len(row.name) * line + 10:.1f}" rx="5"/>'
                         f"{names}</g>")
            y += row.height
        top, bottom = min(*ys, centre_y), max(*ys, centre_y)
        trunk = f"M{edge:.1f},{centre_y:.1f}H{spine:.1f}M{spine:.1f},{top:.1f}V{bottom:.1f}"
        parts.insert(0, f'<path d="{trunk}" class="explainer-trunk"/>')
    centre_top = centre_y - centre_height / 2
    parts.append(f'<g class="explainer-node explainer-centre"><rect x="{centre_x:.1f}" y="{centre_top:.1f}" '
                 f'width="{centre_width:.1f}" height="{centre_height:.1f}" rx="5"/>'
                 + "".join(label(centre_x + 7, centre_top + 6 + line * (number + 0.78), text, bold=True)
                           for number, text in enumerate(centre_lines)) + "</g>")
    shown = [kind for kind in order if any(kind == t for n in neighbours for t, _, _ in n.types)]
    key, key_height = overview.legend(shown, labels, styles_, canvas, PAD + total + 10, legend_heading, own)
    return canvases.svg(canvas, "actor-relations", ident, PAD + total + 10 + key_height, title, description,
                        "".join(parts) + key, styles.markers(own))


def ego(name: str, neighbours: list[Neighbour], **options: object) -> str:
    """An actor's picture (both drawings); '' for an actor without relations."""
    if not neighbours:
        return ""
    return canvases.picture("actor", [drawing(name, neighbours, canvas, **options)  # type: ignore[arg-type]
                                      for canvas in canvases.CANVASES])
