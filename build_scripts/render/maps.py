"""The locator map: country shapes from Natural Earth, drawn at build time as SVG.

A project that wants a map says so in ``content/map.yml``::

    focus: BY                     # ISO 3166 code of the country the story is about
    data: map/countries.json      # optional: shapes of its own (see `vendor`), in content/;
                                  # without it, the shapes shipped in geodata/ (every country)
    window: [14, 45, 43, 60.5]    # optional: west, south, east, north, in degrees
    groups:                       # optional: countries marked as members of something
      - term: nato                # the glossary term that names the group (its title is the label)
        members: [PL, LT, LV, EE]
      - label: {en: Baltic states, nl: Baltische staten}   # or a label per language
        members: [LT, LV, EE]

Country names come from Babel in the page's language; the group names from the
glossary. The shapes are vendored once from the npm package world-atlas (Natural
Earth, public domain) with ``python -m build_scripts.render.maps vendor``, keeping only the
countries a project needs.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import babel
import babel.core

from build_scripts.content import frontmatter
from build_scripts.errors import Problems
from build_scripts.project import left_out_texts, unused_language

Ring = list[tuple[float, float]]

# Fills for group members, told apart by pattern as well as by tint.
PATTERNS = ("hatch", "dots", "cross")


@dataclass(frozen=True)
class Group:
    term: str  # the glossary term that names it, or '' where it has labels of its own
    members: tuple[str, ...]
    labels: tuple[tuple[str, str], ...] = ()  # (language, label), where map.yml gives them
    key: str = ""  # what names it in a drawing's labels: the term, or its place in map.yml


@dataclass(frozen=True)
class Map:
    path: Path
    countries: dict[str, list[Ring]]  # ISO code -> rings of (longitude, latitude)
    focus: str
    window: tuple[float, float, float, float]
    groups: tuple[Group, ...]


# -- vendoring ---------------------------------------------------------------------------------

def decode_topojson(data: dict[str, Any], layer: str = "countries") -> dict[str, dict[str, Any]]:
    """{Natural Earth name: {"id": ..., "rings": [...]}} from a world-atlas TopoJSON file."""
    scale = data.get("transform", {}).get("scale", [1, 1])
    translate = data.get("transform", {}).get("translate", [0, 0])
    arcs = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(arc[1:] if points else arc)
        return points

    result = {}
    for geometry in data["objects"][layer]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = [ring(part) for polygon in polygons for part in polygon]
        result[geometry.get("properties", {}).get("name", "")] = {"id": geometry.get("id"),
                                                                   "rings": rings}
    return result


def vendor(atlas: Path, countries: dict[str, str], target: Path) -> None:
    """Write the shapes of `countries` ({ISO code: Natural Earth name}) to `target`."""
    decoded = decode_topojson(json.loads(atlas.read_text("utf-8")))
    missing = [name for name in countries.values() if name not in decoded]
    if missing:
        raise SystemExit(f"not in {atlas.name}: {', '.join(missing)}")
    shapes = {code: [[[round(x, 3), round(y, 3)] for x, y in ring] for ring in decoded[name]["rings"]]
              for code, name in sorted(countries.items())}
    document = {
        "source": f"Natural Earth via world-atlas ({atlas.name}); public domain. "
                  "Vendored by `python -m build_scripts.render.maps vendor`.",
        "countries": shapes,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, separators=(",", ":")) + "\n", "utf-8")


# -- loading -----------------------------------------------------------------------------------

# Natural Earth 1:50m countries (public domain) from the npm package world-atlas 2.0.2
# (ISC licence, beside it): any project can name ISO codes in map.yml without vendoring.
SHIPPED = Path(__file__).parent / "geodata" / "countries-50m.json"


@functools.cache
def shipped_shapes() -> dict[str, list[Ring]]:
    """{ISO 3166 alpha-2 code: rings} of every country in the shipped shapes.

    world-atlas names countries by their ISO numeric code; CLDR's aliases (Babel) give
    the letters ('112' -> 'BY'). The few shapes without a code (disputed areas) are left out.
    """
    aliases = babel.core.get_global("territory_aliases")
    shapes: dict[str, list[Ring]] = {}
    for entry in decode_topojson(json.loads(SHIPPED.read_text("utf-8"))).values():
        codes = aliases.get(str(entry.get("id") or ""), [])
        if codes and len(codes[0]) == 2:
            shapes.setdefault(codes[0], entry["rings"])
    return shapes


def _outside(content_dir: Path, name: str) -> str:
    """What is wrong with `name` if it leaves the project (symbolic links followed), or ''."""
    if Path(name).is_absolute():
        return "is an absolute path"
    root = content_dir.parent
    try:
        inside = (content_dir / name).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of symbolic links
        return "is a loop of symbolic links"
    return "" if inside else "leads outside the project"


def load(content_dir: Path, problems: Problems, terms: set[str],
         languages: tuple[str, ...] = (), warnings: list[str] | None = None) -> Map | None:
    """content/map.yml, checked; None when the project has no map (or it is broken)."""
    path = content_dir / "map.yml"
    if not path.is_file():
        return None
    parsed = frontmatter.read_yaml(path, problems)
    if parsed is None:
        return None
    data, lines = parsed
    before = len(problems)
    if not frontmatter.check_mapping(path, data, lines, problems, ("data", "focus", "window", "groups"),
                                     "data, focus, window and groups"):
        return None
    shapes: dict[str, list[Ring]] = {}
    name = data.get("data")
    source = content_dir / str(name) if isinstance(name, str) else None
    outside = _outside(content_dir, str(name)) if source is not None else ""
    if "data" not in data:
        # No shapes of its own: every country of the world, shipped with the generator.
        name = "the shipped shapes"
        shapes = shipped_shapes()
    elif outside:
        # The build reads this file and puts what it finds into the pages: only the
        # project's own files may be read, never /etc/passwd or a home folder's.
        problems.add(path, lines.get("data", 1), "data", f"{name!r} {outside}",
                     "a path relative to content/ that stays in the project, such as "
                     "map/countries.json (copy the shapes file there)")
        source = None
    elif source is None or not source.is_file():
        problems.add(path, lines.get("data", 1), "data", f"no file {name!r} in content/",
                     "the vendored shapes, such as map/countries.json")
    else:
        try:
            raw = json.loads(source.read_text("utf-8"))["countries"]
            shapes = {code: [[(float(x), float(y)) for x, y in ring] for ring in rings]
                      for code, rings in raw.items()}
        except (ValueError, KeyError, TypeError):
            problems.add(source, 0, "", "not a shapes file", "a file written by `python -m "
                         "build_scripts.render.maps vendor`")
    focus = data.get("focus")
    # The shipped shapes know 235 countries: name the kind of code, not every one.
    known = "an ISO 3166 country code such as FR, NL or BY" if "data" not in data else \
        "one of: " + ", ".join(sorted(shapes))
    if shapes and focus not in shapes:
        problems.add(path, lines.get("focus", 1), "focus", f"{focus!r} has no shape in {name}", known)
    window = data.get("window")
    if window is not None and not (isinstance(window, list) and len(window) == 4
                                   and all(isinstance(v, int | float) for v in window)
                                   and window[0] < window[2] and window[1] < window[3]):
        problems.add(path, lines.get("window", 1), "window", "not a window",
                     "[west, south, east, north] in degrees")
        window = None
    groups = []
    for index, entry in enumerate(data.get("groups") or []):
        here = f"groups[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("members"), list):
            problems.add(path, lines.get(here, 1), here, "not a group", "'term: id' and 'members: [..]'")
            continue
        labels = entry.get("label")
        if labels is not None:
            if "term" in entry or not isinstance(labels, dict) or not labels or not all(
                    isinstance(text, str) and text.strip() and language in languages
                    for language, text in labels.items() if not unused_language(language, languages)):
                problems.add(path, lines.get(f"{here}.label", 1), f"{here}.label",
                             "not a label per language" if "term" not in entry else "both a term and a label",
                             "either 'term: id' or a label for languages of the site, such as "
                             f"'{languages[0] if languages else 'en'}: ...'")
                labels = {}
            unused = sorted(str(code) for code in labels if unused_language(code, languages))
            if unused and warnings is not None:
                warnings.append(left_out_texts(f"{problems.relative(path)}: {here}.label", unused))
        elif entry.get("term") not in terms:
            problems.add(path, lines.get(f"{here}.term", 1), f"{here}.term",
                         f"unknown term {entry.get('term')!r}", "a glossary term id naming the group, "
                         "or 'label:' with a text per language")
        for number, code in enumerate(entry["members"]):
            if shapes and code not in shapes:
                problems.add(path, lines.get(f"{here}.members[{number}]", 1), f"{here}.members[{number}]",
                             f"{code!r} has no shape in {name}", known)
        term = "" if labels is not None else str(entry.get("term"))
        groups.append(Group(term, tuple(map(str, entry["members"])),
                            tuple((str(k), " ".join(str(v).split())) for k, v in (labels or {}).items()),
                            term or here))
    if len(groups) > len(PATTERNS):
        problems.add(path, lines.get("groups", 1), "groups", f"{len(groups)} groups",
                     f"at most {len(PATTERNS)}")
    if len(problems) > before or not shapes:
        return None
    if window is None:
        # Around the country's largest part: France's overseas departments would make the
        # window the whole world.
        main = max(shapes[focus], key=lambda ring: abs(_area(ring)))
        xs = [x for x, _ in main]
        ys = [y for _, y in main]
        window = [min(xs) - 8, min(ys) - 5, max(xs) + 8, max(ys) + 5]
    return Map(path, shapes, str(focus), tuple(float(v) for v in window), tuple(groups))


# -- drawing -----------------------------------------------------------------------------------

def clip(ring: Ring, west: float, south: float, east: float, north: float) -> Ring:
    """The part of a ring inside a rectangle (Sutherland-Hodgman): a world-sized country
    must not put thousands of invisible points into every page."""
    def at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
        return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])

    def at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
        return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y

    edges = (
        (lambda p: p[0] >= west, lambda a, b: at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: at_y(a, b, north)),
    )
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    area = _area(ring)
    if abs(area) < 1e-6:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        cx, cy = cx + (x1 + x2) * cross, cy + (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


def _thin(points: list[tuple[float, float]], step: float = 1.2) -> list[tuple[float, float]]:
    """Drop points closer than `step` pixels to the last one kept."""
    kept = points[:1]
    for x, y in points[1:]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
            kept.append((x, y))
    return kept

def country_name(code: str, language: str) -> str:
    """The country's name in `language`, from Babel: 'Wit-Rusland', 'Беларусь'."""
    locale = babel.Locale.parse(language.replace("-", "_"))
    return locale.territories.get(code, code)


_geometry_cache: dict[int, tuple[list[tuple[str, str]], list[tuple[str, float, float, float]]]] = {}


def _frame(locator: Map) -> tuple[float, float, Callable[[float, float], tuple[float, float]]]:
    """Width, height and the projection (equirectangular, true to scale at mid-latitude)."""
    west, south, east, north = locator.window
    mid = math.radians((south + north) / 2)
    width = 760.0
    scale = width / ((east - west) * math.cos(mid))

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * math.cos(mid) * scale, (north - lat) * scale

    return width, (north - south) * scale, project


def _geometry(locator: Map) -> tuple[list[tuple[str, str]], list[tuple[str, float, float, float]]]:
    """The countries' outlines and label points, the same in every language: drawn once."""
    key = id(locator)
    if key in _geometry_cache:
        return _geometry_cache[key]
    west, south, east, north = locator.window
    _, _, project = _frame(locator)
    shapes, label_points = [], []
    margin = (west - 1, south - 1, east + 1, north + 1)
    for code, rings in sorted(locator.countries.items(), key=lambda item: item[0] == locator.focus):
        visible = [_thin([project(lon, lat) for lon, lat in clip(ring, *margin)]) for ring in rings]
        visible = [ring for ring in visible if len(ring) >= 3]
        if not visible:
            continue
        shapes.append((code, " ".join("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in ring) + "Z"
                                      for ring in visible)))
        # The name goes at the centre of the largest part in view (Russia's mainland, not
        # the middle of everything Russian on the map, which would be Belarus).
        inner = [_thin([project(lon, lat) for lon, lat in clip(ring, west + 0.6, south + 0.4,
                                                                east - 0.6, north - 0.4)])
                 for ring in rings]
        inner = [ring for ring in inner if len(ring) >= 3]
        if inner:
            largest = max(inner, key=lambda ring: abs(_area(ring)))
            x, y = _centroid(largest)
            label_points.append((code, x, y, max(p[0] for p in largest) - min(p[0] for p in largest)))
    _geometry_cache.clear()  # one map per build: keep only the latest
    _geometry_cache[key] = (shapes, label_points)
    return shapes, label_points


def svg(locator: Map, language: str, *, title: str, description: str,
        group_labels: dict[str, str], ident: str = "map") -> str:
    """The map as SVG: the focus country stands out, group members carry a pattern."""
    width, height, _ = _frame(locator)
    member_of: dict[str, int] = {}
    for number, group in enumerate(locator.groups):
        for code in group.members:
            member_of.setdefault(code, number)
    legend = 26 * (len(locator.groups) + 1) + 10
    parts = [
        f'<svg class="explainer-figure explainer-map" viewBox="0 0 {width:.0f} {height + legend:.0f}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        "<defs>",
        f'<clipPath id="{ident}-clip"><rect width="{width:.0f}" height="{height:.0f}"/></clipPath>',
        f'<pattern id="{ident}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" '
        f'class="explainer-pattern"/></pattern>',
        f'<pattern id="{ident}-dots" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<circle cx="4" cy="4" r="1.6" class="explainer-pattern-dot"/></pattern>',
        f'<pattern id="{ident}-cross" width="10" height="10" patternUnits="userSpaceOnUse">'
        f'<path d="M0,5H10M5,0V10" class="explainer-pattern"/></pattern>',
        "</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" class="explainer-sea"/>',
        f'<g clip-path="url(#{ident}-clip)">',
    ]
    shapes, label_points = _geometry(locator)
    for code, path in shapes:
        classes = "explainer-country" + (" explainer-focus" if code == locator.focus else "")
        parts.append(f'<path d="{path}" class="{classes}"/>')
        if code in member_of:
            pattern = PATTERNS[member_of[code]]
            parts.append(f'<path d="{path}" fill="url(#{ident}-{pattern})" class="explainer-member"/>')
    parts.append("</g>")
    for code, x, y, span in label_points:
        name = country_name(code, language)
        size = 15 if code == locator.focus else 12
        if span < len(name) * size * 0.45 and code != locator.focus:
            continue  # too small to carry its name legibly
        weight = ' font-weight="700"' if code == locator.focus else ""
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="{size}"{weight} '
                     f'class="explainer-map-label">{escape(name)}</text>')
    top = height + 18
    parts.append(f'<rect x="20" y="{top - 12}" width="22" height="16" '
                 f'class="explainer-country explainer-focus"/>'
                 f'<text x="52" y="{top + 1}" class="explainer-legend">'
                 f"{escape(country_name(locator.focus, language))}</text>")
    for number, group in enumerate(locator.groups):
        y = top + 26 * (number + 1)
        parts.append(
            f'<rect x="20" y="{y - 12}" width="22" height="16" class="explainer-country"/>'
            f'<rect x="20" y="{y - 12}" width="22" height="16" fill="url(#{ident}-{PATTERNS[number]})" '
            f'class="explainer-member"/>'
            f'<text x="52" y="{y + 1}" class="explainer-legend">'
            f"{escape(group_labels.get(group.key, group.key))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def main(argv: list[str]) -> int:
    """python -m build_scripts.render.maps vendor ATLAS OUT CODE=Name [CODE=Name ...]"""
    if len(argv) < 4 or argv[0] != "vendor":
        print(main.__doc__, file=sys.stderr)
        return 2
    countries = dict(pair.split("=", 1) for pair in argv[3:])
    vendor(Path(argv[1]), countries, Path(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
