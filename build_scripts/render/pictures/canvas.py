"""The two drawings of every picture: one for wide screens, one for phones.

A picture is drawn twice at build time, and CSS shows the one that fits (explainer.css:
`.explainer-wide` from 42em up, `.explainer-narrow` below). Each drawing is laid out for
the width it is shown at, so that no text renders below 12 CSS px: the wide one is shown
640 to 760 px wide, the narrow one 328 to 480 px (a 360 px phone to a small tablet).
Only the drawing shown is in the accessibility tree, with its title and description.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Canvas:
    """A drawing's width and type sizes, in its own units."""

    name: str  # 'wide' or 'narrow': the CSS class that shows it
    width: float
    font: float  # the size of every text in the drawing
    smallest: float  # the narrowest it is shown, in CSS px

    @property
    def line(self) -> float:
        """The distance between two lines of text."""
        return round(self.font * 1.3, 1)


# 14.5 units at 640/760 render at 12.2 px; 13 units at 328/340 at 12.5 px.
WIDE = Canvas("wide", 760, 14.5, 640)
NARROW = Canvas("narrow", 340, 13, 328)
CANVASES = (WIDE, NARROW)


def svg(canvas: Canvas, kind: str, ident: str, height: float, title: str, description: str,
        body: str, defs: str = "") -> str:
    """One drawing: an <svg> with its title and description, in its own `ident`'s ids."""
    own = f"{ident}-{canvas.name}"
    return (
        f'<svg class="explainer-figure explainer-{kind} explainer-{canvas.name}" '
        f'viewBox="0 0 {canvas.width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="{own}-title {own}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{own}-title">{escape(title)}</title><desc id="{own}-desc">{escape(description)}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
        # On a group: the theme's CSS sets the <svg>'s own font size, and would win.
        + f'<g font-size="{canvas.font}">{body}</g></svg>'
    )


def picture(kind: str, drawings: list[str]) -> str:
    """The drawings of one picture, side by side in the page; CSS shows one."""
    # Out of the search index: its words are on the page as text, and two drawings of
    # them (phone and wide) would triple the index the reader's phone has to build.
    return (f'<div class="explainer-picture explainer-picture-{kind}" data-search-exclude>'
            + "".join(drawings) + "</div>")
