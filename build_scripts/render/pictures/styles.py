"""How each relation type is drawn: a colour (its tone), a dash pattern of its own and its label.

A reader who cannot tell the colours apart still tells the types apart by their dashes,
and reads the label beside them: no two types a picture shows share a dash pattern
(`Styles.of`). Directed types end in an arrowhead at the actor they point to; types
that read the same both ways (ally of, opponent of, negotiates with) have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from build_scripts.content.relation_types import SHIPPED_TONES, SYMMETRIC, TONES

# Dash patterns, told apart at a glance first (solid, dashed, dotted, dash-dot, ...).
PATTERNS = (
    "", "9 4", "2.5 3", "10 3 2.5 3", "16 4", "4.5 3.5", "10 3 2.5 3 2.5 3", "16 3 4 3",
    "1.5 6", "6 2 1.5 2", "20 3 2 3 2 3", "3 7",
)
SHIPPED = {
    "ally": "", "supports": "16 4", "leads": "16 3 4 3",
    "opponent": "9 4", "opposes": "4.5 3.5", "pressures": "10 3 2.5 3 2.5 3",
    "member_of": "2.5 3", "part_of": "6 2 1.5 2",
    "depends_on": "10 3 2.5 3", "negotiates_with": "20 3 2 3 2 3",
}
STROKE = 2.2  # the width of a relation's line


@dataclass(frozen=True)
class Style:
    type: str
    tone: str
    dash: str
    symmetric: bool

    def stroke(self, ident: str, *, start: bool = False, end: bool = True,
               css: str = "explainer-edge") -> str:
        """The attributes of a line drawn in this style (class, dashes, arrowheads)."""
        attributes = f' class="{css} explainer-tone-{self.tone}" data-relation="{escape(self.type)}"'
        if self.dash:
            attributes += f' stroke-dasharray="{self.dash}"'
        if not self.symmetric:
            if end:
                attributes += f' marker-end="url(#{ident}-head-{self.tone})"'
            if start:
                attributes += f' marker-start="url(#{ident}-head-{self.tone})"'
        return attributes


class Styles:
    """The styles of a project's relation types: the shipped ones keep theirs; the project's
    own take the patterns left over, in the order of their ids."""

    def __init__(self, types: tuple[str, ...], tones: dict[str, str]) -> None:
        free = [pattern for pattern in PATTERNS if pattern not in SHIPPED.values()]
        self._styles: dict[str, Style] = {}
        extra = 0
        for kind in types:
            tone = tones.get(kind, SHIPPED_TONES.get(kind, "depend"))
            if kind in SHIPPED:
                dash = SHIPPED[kind]
            else:
                # Past the last free pattern, reuse them: the colour and label still differ.
                dash = (free or list(PATTERNS))[extra % len(free or PATTERNS)]
                extra += 1
            self._styles[kind] = Style(kind, tone if tone in TONES else "depend", dash, kind in SYMMETRIC)

    def of(self, kind: str) -> Style:
        return self._styles.get(kind) or Style(kind, "depend", "", False)


def markers(ident: str) -> str:
    """Arrowheads, one per tone: <defs> content."""
    return "".join(
        f'<marker id="{ident}-head-{tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" '
        f'markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
        f'class="explainer-head explainer-tone-{tone}"/></marker>'
        for tone in TONES)


def swatch(style: Style, x: float, y: float, length: float, ident: str) -> str:
    """A short sample of the line, as in a legend: at (x, y), `length` long."""
    return (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + length:.1f}" y2="{y:.1f}"'
            f'{style.stroke(ident, css="explainer-edge explainer-swatch")}/>')
