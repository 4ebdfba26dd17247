"""Pictures as a reader sees them: measured in Chromium, in CSS px, on the drawing CSS shows.

`measure(page)` returns, for every picture drawing shown on the open page: the smallest
text, texts that overlap, lines that run through a text, links that cross, texts that
spill out of their box or the drawing, and how each relation type is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

SCRIPT = (Path(__file__).parent / "pictures.js").read_text("utf-8")


def measure(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(SCRIPT)


def problems(found: list[dict[str, Any]], where: str) -> list[str]:
    """What a reader would notice, one line each: '' for none."""
    lines = []
    for picture in found:
        here = f"{where} {picture['name']}"
        lines += [f"{here}: text {text!r} at {size} px" for text, size in picture["small"]]
        lines += [f"{here}: {a!r} overlaps {b!r}" for a, b in picture["overlaps"]]
        lines += [f"{here}: a line ({css}) runs through {text!r}" for text, css in picture["through"]]
        lines += [f"{here}: {text!r} spills out of its box" for text in picture["spills"]]
        dashes: dict[str, str] = {}
        for kind, drawn in picture["types"].items():
            own = {style[1] for style in drawn}
            if len(own) > 1:
                lines.append(f"{here}: {kind} drawn in {len(own)} ways")
            for dash in own:
                if dash in dashes:
                    lines.append(f"{here}: {kind} and {dashes[dash]} share the dashes {dash!r}")
                dashes[dash] = kind
        if picture["legend"] != picture["drawn"]:
            lines.append(f"{here}: the legend lists {picture['legend']}, "
                         f"the picture draws {picture['drawn']}")
    return lines
