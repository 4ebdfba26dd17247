"""Readable colours whatever primary colour a project picks (WCAG AA, 4.5:1).

A project names its colour in mkdocs.yml (`theme.palette.primary: teal`) and Material
uses it for the header behind white or black text and for links. Not all of Material's
colours reach WCAG AA's 4.5:1 for text of this size: teal gives 3.8:1 both as the
header behind its white title and as links on the white page, blue 3.4:1. This reads
the shades from Material's own palette sheet and, where one falls short, writes a rule
that darkens it (lightens it on the dark scheme's background), keeping its hue, just
enough to reach 4.5:1 on the page and on the tinted boxes (key points, notices). Shades
that already pass are left as Material made them: the shipped indigo site changes only
in its dark scheme's links (Material's #5488e8 is 4.1:1 on the boxes).
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable
from typing import Any

import tinycss2

from build_scripts.site.palette import selector_list

AA = 4.5
# Material's backgrounds (palette.css, main.css): the page, and the tinted boxes links
# also sit on (code background; the key points and notices use it), per scheme. The
# dark scheme's are hsla(var(--md-hue), 15%, 14% and 18%) with Material's hue, 225deg.
PAGE = {"default": ("#ffffff", "#f5f5f5"), "slate": ("#1e2129", "#272a35")}


def _rgb(colour: str) -> tuple[float, float, float, float] | None:
    """(r, g, b, alpha) in 0..1 from #rgb, #rrggbb or #rrggbbaa; None for anything else."""
    value = colour.strip().lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8}", value):
        return None
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    alpha = int(value[6:8], 16) / 255 if len(value) == 8 else 1.0
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255, alpha


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in (r, g, b))


def _over(colour: str, background: str) -> str:
    """A translucent colour as it shows on an opaque background."""
    fg, bg = _rgb(colour), _rgb(background)
    assert fg and bg
    alpha = fg[3]
    return _hex(*(fg[i] * alpha + bg[i] * (1 - alpha) for i in range(3)))


def _luminance(colour: str) -> float:
    rgb = _rgb(colour)
    assert rgb
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two opaque colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: str, backgrounds: Iterable[str], target: float = AA) -> str:
    """`colour`, or the nearest shade of its hue (lightness moved away from the
    backgrounds') that reaches `target` against every one of `backgrounds`."""
    grounds = list(backgrounds)
    if all(ratio(colour, ground) >= target for ground in grounds):
        return colour
    rgb = _rgb(colour)
    assert rgb
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb[:3])
    darker = sum(_luminance(ground) for ground in grounds) / len(grounds) > 0.18
    for step in range(1, 101):
        shade = lightness - step / 100 if darker else lightness + step / 100
        candidate = _hex(*colorsys.hls_to_rgb(hue, max(0.0, min(1.0, shade)), saturation))
        if all(ratio(candidate, ground) >= target for ground in grounds):
            return candidate
    return "#000000" if darker else "#ffffff"


def custom_properties(sheet: str) -> dict[str, dict[str, str]]:
    """Custom properties of the palette sheet by selector ({'[data-md-color-primary=teal]':
    {'--md-primary-fg-color': '#009485', ...}}), media queries included."""
    found: dict[str, dict[str, str]] = {}

    def walk(nodes: Iterable[Any]) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                declarations = tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                              skip_whitespace=True)
                values = {d.name: tinycss2.serialize(d.value).strip() for d in declarations
                          if d.type == "declaration" and d.name.startswith("--")}
                for selector in selector_list(node.prelude):
                    found.setdefault(selector.replace('"', ""), {}).update(values)
            elif node.type == "at-rule" and node.content:
                walk(tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                    skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True))
    return found


def readable_css(palette: Any, sheet: str) -> str:
    """Rules that bring each scheme's header and links to 4.5:1; '' where they already are."""
    options = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    variables = custom_properties(sheet)
    rules = []
    for option in options:
        if not isinstance(option, dict) or not isinstance(option.get("primary"), str):
            continue
        primary = option["primary"].replace(" ", "-").lower()
        scheme = "slate" if option.get("scheme") == "slate" else "default"
        own = variables.get(f"[data-md-color-primary={primary}]", {})
        header, title = own.get("--md-primary-fg-color"), own.get("--md-primary-bg-color")
        if not header or not title or not _rgb(header) or not _rgb(title):
            continue  # a colour Material does not know by name ("custom"): the project's CSS
        # Links are the header's colour unless Material gives the scheme a shade of its own.
        own_links = (f"[data-md-color-primary={primary}]:not([data-md-color-scheme=slate])"
                     if scheme == "default" else f"[data-md-color-scheme=slate][data-md-color-primary={primary}]")
        link = variables.get(own_links, {}).get("--md-typeset-a-color", header)
        if not _rgb(link):
            continue
        declarations = {}
        # The header: its title's colour stays; the bar's shade moves until the title reads.
        fixed = readable(header, [_over(title, header)])
        if fixed != header:
            declarations["--md-primary-fg-color"] = fixed
        fixed_link = readable(link, PAGE[scheme])
        # Links that follow the header's variable would follow its new shade too (on the dark
        # scheme, a darker link on a dark page): say theirs whenever the header's moved.
        if fixed_link != link or (link == header and fixed != header):
            declarations["--md-typeset-a-color"] = fixed_link
        if declarations:
            body = ";".join(f"{name}:{value}" for name, value in declarations.items())
            rules.append(f'[data-md-color-scheme="{scheme}"][data-md-color-primary="{primary}"]{{{body}}}')
    return "".join(rules)
