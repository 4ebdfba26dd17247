"""Pictures drawn at build time as inline SVG: the timeline and the actors' relations.

No JavaScript and no library at run time: each picture is plain SVG in the page,
with a <title> and a <desc> that say in words what it shows, coloured through
CSS classes (so the dark scheme and print work) and told apart by line style and
shape too, never by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from build_scripts.content.relation_types import SHIPPED_TONES

# Line styles per relation type, so that a reader who cannot tell colours apart can
# still read the picture (solid, dashed, dotted, ...).
DASHES = {
    "ally": "", "supports": "", "leads": "", "member_of": "2 3", "part_of": "2 3",
    "depends_on": "6 3", "negotiates_with": "6 3 2 3", "opponent": "10 4", "opposes": "10 4",
    "pressures": "1 3",
}
# A project's own relation types are drawn in their tone's colour and dash.
TONE_DASHES = {"support": "", "member": "2 3", "depend": "6 3", "oppose": "10 4"}


@dataclass(frozen=True)
class Node:
    id: str
    label: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str


def _text_width(text: str, size: float) -> float:
    """A rough width for layout: the SVG uses the reader's own fonts."""
    return len(text) * size * 0.56


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def relations(nodes: list[Node], edges: list[Edge], *, title: str, description: str,
              labels: dict[str, str], tones: dict[str, str] | None = None,
              ident: str = "relations") -> str:
    """Actors on a circle, relations as arrows; a legend names each line style."""
    size = 760
    centre, radius = size / 2, size / 2 - 120
    places: dict[str, tuple[float, float]] = {}
    for index, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(nodes), 1)
        places[node.id] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    tones = {**SHIPPED_TONES, **(tones or {})}

    def style(kind: str) -> tuple[str, str]:
        tone = tones.get(kind, "depend")
        # A shipped type keeps its own dash, unless the project gave it another tone.
        dash = DASHES[kind] if kind in DASHES and tone == SHIPPED_TONES[kind] else TONE_DASHES[tone]
        return tone, f' stroke-dasharray="{dash}"' if dash else ""

    used = [kind for kind in labels if any(edge.type == kind for edge in edges)]
    legend_height = 22 * len(used) + 16
    parts = [
        f'<svg class="explainer-figure explainer-relations" viewBox="0 0 {size} '
        f'{size + legend_height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        "<defs>",
        *(f'<marker id="{ident}-arrow-{tone}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
          f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
          f'class="explainer-head explainer-tone-{tone}"/></marker>'
          for tone in sorted(set(TONE_DASHES))),
        "</defs>",
    ]
    pairs = {(edge.source, edge.target) for edge in edges}
    for edge in edges:
        if edge.source not in places or edge.target not in places:
            continue
        (x1, y1), (x2, y2) = places[edge.source], places[edge.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        # Stop short of the labels; bend a little when both directions are drawn.
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        sx, sy, ex, ey = x1 + ux * 26, y1 + uy * 26, x2 - ux * 30, y2 - uy * 30
        bend = 18 if (edge.target, edge.source) in pairs else 0
        mx, my = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        tone, dash = style(edge.type)
        parts.append(
            f'<path d="M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" '
            f'class="explainer-edge explainer-tone-{tone}"{dash} '
            f'marker-end="url(#{ident}-arrow-{tone})"><title>{escape(labels.get(edge.type, edge.type))}'
            f"</title></path>"
        )
    for node in nodes:
        x, y = places[node.id]
        lines = _wrap(node.label, 18)
        width = max(_text_width(line, 13) for line in lines) + 12
        height = 17 * len(lines) + 6
        parts.append(f'<g class="explainer-node"><rect x="{x - width / 2:.1f}" '
                     f'y="{y - height / 2:.1f}" width="{width:.1f}" height="{height:.1f}" rx="4"/>')
        for number, line in enumerate(lines):
            ty = y - height / 2 + 16 + 17 * number
            parts.append(f'<text x="{x:.1f}" y="{ty:.1f}" text-anchor="middle">{escape(line)}</text>')
        parts.append("</g>")
    top = size + 4
    for number, kind in enumerate(used):
        y = top + 22 * number + 10
        tone, dash = style(kind)
        parts.append(
            f'<line x1="40" y1="{y}" x2="110" y2="{y}" class="explainer-edge explainer-tone-{tone}"'
            f'{dash} marker-end="url(#{ident}-arrow-{tone})"/>'
            f'<text x="122" y="{y + 5}" class="explainer-legend">{escape(labels.get(kind, kind))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Moment:
    id: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    when: str  # the date written out in the page's language
    label: str


def _years(first: str, second: str) -> float:
    def value(date: str) -> float:
        parts = [int(part) for part in date.split("-")] + [1, 1]
        return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 1) / 365

    return value(second) - value(first)


def timeline(moments: list[Moment], *, title: str, description: str, gap_label: str,
             duration: Callable[[int], str] = str, ident: str = "timeline") -> str:
    """Events top to bottom; a break in the line marks a long gap between two of them."""
    width, row, gap_row = 760, 30, 22
    y, rows = 24.0, []
    for index, moment in enumerate(moments):
        if index and _years(moments[index - 1].date, moment.date) >= 1:
            years = math.floor(_years(moments[index - 1].date, moment.date))
            rows.append(("gap", y, gap_label.format(years=duration(years))))
            y += gap_row
        rows.append(("event", y, moment))
        y += row
    height = y + 6
    parts = [
        f'<svg class="explainer-figure explainer-timeline-figure" viewBox="0 0 {width} {height:.0f}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    axis = 186
    for kind, top, value in rows:
        if kind == "gap":
            parts.append(
                f'<path d="M{axis - 6},{top - 4} l12,-4 M{axis - 6},{top + 4} l12,-4" '
                f'class="explainer-axis"/>'
                f'<text x="{axis + 16}" y="{top + 4:.0f}" class="explainer-gap">{escape(str(value))}</text>'
            )
            continue
        moment = value
        assert isinstance(moment, Moment)
        label = moment.label if len(moment.label) <= 64 else moment.label[:61] + "…"
        parts.append(
            f'<line x1="{axis}" y1="{top - row / 2:.0f}" x2="{axis}" y2="{top + row / 2:.0f}" '
            f'class="explainer-axis"/>'
            f'<circle cx="{axis}" cy="{top:.0f}" r="6" class="explainer-dot"/>'
            f'<text x="{axis - 14}" y="{top + 5:.0f}" text-anchor="end" class="explainer-when">'
            f"{escape(moment.when)}</text>"
            f'<text x="{axis + 16}" y="{top + 5:.0f}"><title>{escape(moment.label)}</title>'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
