"""The locator map, drawn at build time: wide, the window of map.yml; narrow, closer round
the focus country, so that its names stay legible on a phone.

Labels go where they fit: a country's name wholly inside the country (no border runs
through it), a place's name beside its dot, none over another. A country too small in
view for its name goes unnamed; the description names every country and place anyway.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts.render.maps import PATTERNS, Map, Ring
from build_scripts.render.pictures import canvas as canvases
from build_scripts.render.pictures import geometry
from build_scripts.render.pictures.canvas import Canvas
from build_scripts.render.pictures.geometry import Point, Rect
from build_scripts.render.pictures.text import label, width, wrap

Window = tuple[float, float, float, float]
ASCENT, HEIGHT = 0.92, 1.16  # of a line of text, in ems (the font's box, as a browser measures it)


@dataclass(frozen=True)
class Words:
    title: str
    description: str
    focus: str  # the focus country's name
    capital: str  # legend: 'Capital'
    credit: str  # where the shapes and the capital come from
    names: dict[str, str]  # country code -> name
    places: list[str]  # the name of each of the map's places, in order
    groups: dict[str, str]  # group key -> label


def clip(ring: Ring, west: float, south: float, east: float, north: float) -> Ring:
    """The part of a ring inside a rectangle (Sutherland-Hodgman): a world-sized country
    must not put thousands of invisible points into every page."""
    def at_x(a: Point, b: Point, x: float) -> Point:
        return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])

    def at_y(a: Point, b: Point, y: float) -> Point:
        return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y

    edges = (
        (lambda p: p[0] >= west, lambda a, b: at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: at_y(a, b, north)),
    )
    points = ring
    for keep, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for point in points:
            if keep(point):
                if not keep(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif keep(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _thin(points: list[Point], step: float) -> list[Point]:
    """Drop points closer than `step` units to the last one kept."""
    kept = points[:1]
    for x, y in points[1:]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
            kept.append((x, y))
    return kept


def window(locator: Map, canvas: Canvas) -> Window:
    """The wide drawing shows map.yml's window; the narrow one the focus country's largest
    part with a margin, within that window."""
    if canvas is canvases.WIDE:
        return locator.window
    main = max(locator.countries[locator.focus], key=lambda ring: abs(geometry.area(ring)))
    west, south, east, north = locator.window
    xs, ys = [x for x, _ in main], [y for _, y in main]
    return (max(west, min(xs) - 4), max(south, min(ys) - 2.5),
            min(east, max(xs) + 4), min(north, max(ys) + 2.5))


def _projection(frame: Window, canvas: Canvas) -> tuple[float, Callable[[float, float], Point]]:
    """The height and the projection (equirectangular, true to scale at mid-latitude)."""
    west, south, east, north = frame
    mid = math.radians((south + north) / 2)
    scale = canvas.width / ((east - west) * math.cos(mid))

    def project(lon: float, lat: float) -> Point:
        return (lon - west) * math.cos(mid) * scale, (north - lat) * scale

    return (north - south) * scale, project


_cache: dict[tuple[int, str], tuple[list[tuple[str, str, list[Ring]]], float]] = {}


def _shapes(locator: Map, canvas: Canvas) -> tuple[list[tuple[str, str, list[Ring]]], float]:
    """(code, SVG path, rings in view) per country, and the height: the same in every language."""
    key = (id(locator), canvas.name)
    if key not in _cache:
        frame = window(locator, canvas)
        height, project = _projection(frame, canvas)
        west, south, east, north = frame
        # Cut at the window itself: no outline runs on, unseen, under the legend.
        margin = (west, south, east, north)
        step = 1.2 * canvas.width / 760
        shapes = []
        for code, rings in sorted(locator.countries.items(), key=lambda item: item[0] == locator.focus):
            visible = [_thin([project(lon, lat) for lon, lat in clip(ring, *margin)], step) for ring in rings]
            visible = [ring for ring in visible if len(ring) >= 3]
            if visible:
                shapes.append((code, " ".join("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in ring) + "Z"
                                              for ring in visible), visible))
        if len(_cache) > 4:  # one map per build: keep only the latest
            _cache.clear()
        _cache[key] = (shapes, height)
    return _cache[key]


def _text_box(x: float, y: float, text: str, size: float, bold: bool, anchor: str) -> Rect:
    w = width(text, size, bold)
    left = x - w / 2 if anchor == "middle" else (x - w if anchor == "end" else x)
    return Rect(left, y - ASCENT * size, w, HEIGHT * size)


def _free(rect: Rect, taken: list[Rect], frame: Rect) -> bool:
    return frame.contains((rect.x, rect.y)) and frame.contains((rect.right, rect.bottom)) \
        and not any(rect.grown(2).overlaps(other) for other in taken)


def _block_box(x: float, y: float, lines: list[str], size: float, bold: bool) -> Rect:
    """The box of centred lines whose first baseline is at y."""
    w = max(width(line, size, bold) for line in lines)
    return Rect(x - w / 2, y - ASCENT * size, w, HEIGHT * size + (len(lines) - 1) * size * 1.2)


def _inside_spot(lines: list[str], rings: list[Ring], size: float, bold: bool, taken: list[Rect],
                 frame: Rect) -> tuple[float, float] | None:
    """A first baseline from which the lines lie wholly inside the shape, nearest its middle."""
    largest = max(rings, key=lambda ring: abs(geometry.area(ring)))
    cx, cy = geometry.centroid(largest)
    xs, ys = [x for x, _ in largest], [y for _, y in largest]
    if max(xs) - min(xs) < max(width(line, size, bold) for line in lines):
        return None
    step = max(size / 2, 4.0)
    shape = geometry.Shape(rings)
    spots = [(x, y) for x in _range(min(xs), max(xs), step) for y in _range(min(ys), max(ys), step)]
    spots.sort(key=lambda spot: math.dist(spot, (cx, cy)))
    for x, y in spots[:400]:
        rect = _block_box(x, y, lines, size, bold)
        if _free(rect, taken, frame) and shape.holds(rect.grown(2)):
            return x, y
    return None


def _name_inside(text: str, rings: list[Ring], sizes: tuple[float, ...], bold: bool, taken: list[Rect],
                 frame: Rect) -> list[str]:
    """SVG of a country's name inside it: on one line if it fits, else on two; [] if neither."""
    tries = [(size, [text]) for size in sizes]
    if " " in text.strip():  # on two lines, never broken inside a word
        tries += [(size, wrap(text, size, width(text, size, bold) * 0.62, bold, most=2)) for size in sizes]
    for size, lines in tries:
        if any(line.endswith("-") for line in lines):
            continue
        spot = _inside_spot(lines, rings, size, bold, taken, frame)
        if spot:
            taken.append(_block_box(*spot, lines, size, bold))
            # Sized on the text itself where it is not the drawing's own size.
            attribute = f'<text font-size="{size}" ' if len(sizes) > 1 else "<text "
            return [label(spot[0], spot[1] + number * size * 1.2, line, anchor="middle", bold=bold,
                          css="explainer-map-label").replace("<text ", attribute, 1)
                    for number, line in enumerate(lines)]
    return []


def _range(start: float, end: float, step: float) -> list[float]:
    return [start + step * i for i in range(int((end - start) / step) + 1)]


def drawing(locator: Map, canvas: Canvas, words: Words, ident: str) -> str:
    own = f"{ident}-{canvas.name}"
    shapes, height = _shapes(locator, canvas)
    _, project = _projection(window(locator, canvas), canvas)
    size = canvas.font
    member_of: dict[str, int] = {}
    for number, group in enumerate(locator.groups):
        for code in group.members:
            member_of.setdefault(code, number)
    frame = Rect(2, 2, canvas.width - 4, height - 4)
    parts = [f'<rect width="{canvas.width:.0f}" height="{height:.0f}" class="explainer-sea"/>',
             f'<g clip-path="url(#{own}-clip)">']
    for code, path, _ in shapes:
        classes = "explainer-country" + (" explainer-focus" if code == locator.focus else "")
        parts.append(f'<path d="{path}" class="{classes}"/>')
        if code in member_of:
            parts.append(f'<path d="{path}" fill="url(#{own}-{PATTERNS[member_of[code]]})" '
                         'class="explainer-member"/>')
    parts.append("</g>")
    taken: list[Rect] = []
    names: list[str] = []
    rings_of = {code: rings for code, _, rings in shapes}
    # The places' dots first: names must not cover them.
    dots = []
    for place, name in zip(locator.places, words.places, strict=True):
        x, y = project(*place.at)
        if frame.contains((x, y)):
            dots.append((place, name, x, y))
            taken.append(Rect(x - 6, y - 6, 12, 12))
    outlines = geometry.Shape([ring for _, _, rings in shapes for ring in rings])
    for place, name, x, y in dots:
        spots = [spot for away in (0, 8, 18) for spot in (
            (x + 9 + away, y + size * 0.35, "start"), (x - 9 - away, y + size * 0.35, "end"),
            (x, y - 10 - away, "middle"), (x, y + size + 8 + away, "middle"),
            (x + 7 + away, y - 7 - away, "start"), (x - 7 - away, y - 7 - away, "end"),
            (x + 7 + away, y + size + 4 + away, "start"), (x - 7 - away, y + size + 4 + away, "end"))]
        boxes = [(spot, _text_box(spot[0], spot[1], name, size, False, spot[2])) for spot in spots]
        # Where no border runs through it, if it can be; else anywhere free.
        found = next((spot for spot, box in boxes if _free(box, taken, frame)
                      and not outlines.outline_hits(box.grown(2))), None) \
            or next((spot for spot, box in boxes if _free(box, taken, frame)), None)
        css = "explainer-capital" if place.capital else "explainer-place"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4.5 if place.capital else 3.5}" class="{css}"/>')
        if place.capital:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.6" class="explainer-capital-core"/>')
        if found:
            taken.append(_text_box(found[0], found[1], name, size, False, found[2]))
            names.append(label(found[0], found[1], name, anchor=found[2], css="explainer-map-label"))
    if locator.focus in rings_of:
        names += _name_inside(words.focus, rings_of[locator.focus], (round(size * 1.15, 1), size), True,
                              taken, frame)
    by_size = sorted((code for code in rings_of if code != locator.focus),
                     key=lambda code: -sum(abs(geometry.area(ring)) for ring in rings_of[code]))
    for code in by_size:
        names += _name_inside(words.names.get(code, code), rings_of[code], (size,), False, taken, frame)
    # The names' halo (stroke under fill) as an SVG attribute, inherited by each name: the
    # W3C checker's CSS grammar does not know the property, so it stays out of the stylesheet.
    parts.append(f'<g paint-order="stroke">{"".join(names)}</g>')
    key, key_height = _legend(locator, canvas, words, height + 10, own)
    defs = (f'<clipPath id="{own}-clip"><rect width="{canvas.width:.0f}" height="{height:.0f}"/></clipPath>'
            f'<pattern id="{own}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" class="explainer-pattern"/>'
            f'</pattern><pattern id="{own}-dots" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<circle cx="4" cy="4" r="1.6" class="explainer-pattern-dot"/></pattern>'
            f'<pattern id="{own}-cross" width="10" height="10" patternUnits="userSpaceOnUse">'
            f'<path d="M0,5H10M5,0V10" class="explainer-pattern"/></pattern>')
    return canvases.svg(canvas, "map", ident, height + 10 + key_height, words.title, words.description,
                        "".join(parts) + key, defs)


def _legend(locator: Map, canvas: Canvas, words: Words, top: float, ident: str) -> tuple[str, float]:
    line = canvas.line
    room = canvas.width - 44
    rows: list[tuple[str, list[str]]] = [("focus", wrap(words.focus, canvas.font, room, most=2))]
    rows += [(f"group-{number}", wrap(words.groups.get(group.key, group.key), canvas.font, room, most=3))
             for number, group in enumerate(locator.groups)]
    if locator.places and locator.places[0].capital:
        rows.append(("capital", [words.capital]))
    parts = []
    y = top
    for what, lines in rows:
        if what == "focus":
            parts.append(f'<rect x="6" y="{y:.1f}" width="22" height="{line - 2:.1f}" '
                         'class="explainer-country explainer-focus"/>')
        elif what == "capital":
            parts.append(f'<circle cx="17" cy="{y + line / 2:.1f}" r="4.5" class="explainer-capital"/>'
                         f'<circle cx="17" cy="{y + line / 2:.1f}" r="1.6" class="explainer-capital-core"/>')
        else:
            pattern = PATTERNS[int(what.split("-")[1])]
            swatch = f'<rect x="6" y="{y:.1f}" width="22" height="{line - 2:.1f}"'
            parts.append(f'{swatch} class="explainer-country"/>{swatch} '
                         f'fill="url(#{ident}-{pattern})" class="explainer-member"/>')
        for number, text in enumerate(lines):
            parts.append(label(36, y + line * (number + 0.75), text))
        y += line * len(lines) + 6
    for text in wrap(words.credit, canvas.font, canvas.width - 12, most=3):
        parts.append(label(6, y + line * 0.75, text, css="explainer-note"))
        y += line
    return '<g class="explainer-legend">' + "".join(parts) + "</g>", y - top + 6


def locator_map(locator: Map, words: Words, ident: str = "map") -> str:
    """The map as a picture (both drawings)."""
    return canvases.picture("map", [drawing(locator, canvas, words, ident) for canvas in canvases.CANVASES])

