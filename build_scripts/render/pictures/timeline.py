"""The timeline: events top to bottom on a line; a break in the line marks a long gap.

Wide: the date left of the line, the event right of it. Narrow: the date above the
event, both right of the line. Long titles wrap rather than shrink.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts.render.pictures import canvas as canvases
from build_scripts.render.pictures.canvas import Canvas
from build_scripts.render.pictures.text import label, width, wrap


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


def drawing(moments: list[Moment], canvas: Canvas, *, title: str, description: str, gap_label: str,
            duration: Callable[[int], str], ident: str) -> str:
    size, line = canvas.font, canvas.line
    wide = canvas is canvases.WIDE
    dates = max((width(moment.when, size) for moment in moments), default=0)
    axis = dates + 24 if wide else 10
    text_x = axis + 16
    room = canvas.width - text_x - 4
    parts: list[str] = []
    y = 8.0
    for index, moment in enumerate(moments):
        if index and _years(moments[index - 1].date, moment.date) >= 1:
            years = math.floor(_years(moments[index - 1].date, moment.date))
            gap = gap_label.format(years=duration(years))
            lines = wrap(gap, size, room, most=2)
            parts.append(f'<path d="M{axis - 6:.1f},{y + line * 0.3:.1f} l12,-4 M{axis - 6:.1f},'
                         f'{y + line * 0.3 + 8:.1f} l12,-4" class="explainer-axis"/>')
            for number, text in enumerate(lines):
                parts.append(label(text_x, y + line * (number + 0.75), text, css="explainer-gap"))
            y += line * len(lines) + 6
        lines = wrap(moment.label, size, room, most=3)
        top = y
        rows = len(lines) + (0 if wide else 1)
        height = line * rows + 8
        parts.append(f'<line x1="{axis:.1f}" y1="{top:.1f}" x2="{axis:.1f}" y2="{top + height:.1f}" '
                     f'class="explainer-axis"/>')
        first = top + line * 0.75 + 2
        parts.append(f'<circle cx="{axis:.1f}" cy="{first - size * 0.35:.1f}" r="5.5" '
                     'class="explainer-dot"/>')
        if wide:
            parts.append(label(axis - 14, first, moment.when, css="explainer-when", anchor="end"))
        else:
            parts.append(label(text_x, first, moment.when, css="explainer-when"))
            first += line
        # A title cut short keeps its whole text as a tooltip.
        cut = " ".join(lines) != " ".join(moment.label.split())
        for number, text in enumerate(lines):
            parts.append(label(text_x, first + line * number, text, title=moment.label if cut else ""))
        y = top + height
    return canvases.svg(canvas, "timeline-figure", ident, y + 6, title, description, "".join(parts))


def timeline(moments: list[Moment], *, title: str, description: str, gap_label: str,
             duration: Callable[[int], str] = str, ident: str = "timeline") -> str:
    """The timeline as a picture (both drawings)."""
    return canvases.picture("timeline", [
        drawing(moments, canvas, title=title, description=description, gap_label=gap_label,
                duration=duration, ident=ident) for canvas in canvases.CANVASES])
