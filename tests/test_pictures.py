"""Pictures as a reader sees them, in Chromium at 390 and 1280 px, light and dark: every
text 12 px or larger, none over another, no line through one, no relation type drawn
like another, legends listing what is drawn; on the shipped site and on fixture projects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from build_scripts import pipeline, project
from build_scripts.render import pages
from build_scripts.render.pictures import camps

from .browser import serve
from .conftest import FIXTURES, ROOT, build_shipped, copy_project, edit, run_cli
from .pictures import measure, problems

WIDTHS = {390: "explainer-narrow", 1280: "explainer-wide"}


def _pictured(site: Path) -> list[str]:
    """The site's pages that have a picture, as URL paths."""
    found = []
    for path in sorted(site.rglob("index.html")):
        if "explainer-picture" in path.read_text("utf-8"):
            relative = path.parent.relative_to(site).as_posix()
            found.append("" if relative == "." else relative + "/")
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The shipped site; the mini fixture (English + German) with a map of Portugal (no
    glossary term, no places: the capital from GeoNames, named by CLDR); and the
    French + Arabic fixture where this branch has it."""
    built = {"shipped": build_shipped(tmp_path_factory.mktemp("shipped"))}
    mini = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("mini") / "mini")
    (mini / "content" / "map.yml").write_text("focus: PT\n", "utf-8")
    projects = {"mini": mini}
    if (FIXTURES / "valmont").is_dir():
        projects["valmont"] = copy_project(FIXTURES / "valmont", tmp_path_factory.mktemp("valmont") / "v")
    for name, folder in projects.items():
        result = run_cli("-f", folder / "mkdocs.yml", "build")
        assert result.code == 0, result.err
        built[name] = folder / "site"
    yield built


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_picture_is_legible_on_a_phone_and_a_desktop(sites: dict[str, Path], browser: Browser,
                                                           scheme: str) -> None:
    found: list[str] = []
    measured = 0
    for name, site in sites.items():
        paths = _pictured(site)
        assert paths, name
        if scheme == "dark":
            # The same layout in other colours: the default language's pages are enough.
            prefixes = {path.split("/")[0] + "/" for path in paths if re.match(r"^[a-z]{2}(-[A-Za-z]+)?/$",
                                                                              path.split("/")[0] + "/")}
            paths = [path for path in paths if not any(path.startswith(prefix) for prefix in prefixes)]
        with serve(site) as url:
            for width, shown in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for path in paths:
                    page.goto(url + path)
                    pictures = page.locator(".explainer-picture").count()
                    drawings = measure(page)
                    # One drawing of each picture is shown: the one laid out for this width.
                    assert len(drawings) == pictures, (name, path, width)
                    assert all(shown in drawing["name"] for drawing in drawings), (name, path, width)
                    found += problems(drawings, f"{name} {width} px /{path}")
                    measured += len(drawings)
                context.close()
    assert not found, "\n".join(found[:40])
    # The shipped site alone has 19 pictures in each of its 4 languages.
    assert measured > (100 if scheme == "light" else 40)


def test_the_overview_groups_actors_by_camp_and_bundles_their_relations(sites: dict[str, Path]) -> None:
    html = (sites["shipped"] / "actors" / "index.html").read_text("utf-8")
    wide = re.search(r'<svg class="explainer-figure explainer-relations explainer-wide".*?</svg>', html, re.S)
    assert wide is not None
    svg = wide.group(0)
    # The camps of the notes, named by the actor or term their `camp` names.
    for camp in ("Kremlin", "Wit-Russische oppositie", "Het Westen", "Aleksandr Loekasjenko"):
        assert f">{camp}</text>" in svg
    links = re.findall(r'<g class="explainer-link">(.*?)</g>', svg)
    # Kremlin and Lukashenko's camp: supports, depends on, negotiates with: one link.
    both = [link for link in links
            if 'data-relation="supports"' in link and 'data-relation="depends_on"' in link]
    assert len(both) == 1 and 'data-relation="negotiates_with"' in both[0]
    # The relations among 15 actors, in 5 links between 6 camps (no source has the Kremlin
    # opposing NATO, so NATO's camp is linked to fewer).
    assert len(links) == 5


def test_an_actor_page_draws_each_related_actor_once_with_every_relation(sites: dict[str, Path]) -> None:
    html = (sites["shipped"] / "en" / "actors" / "lukashenko" / "index.html").read_text("utf-8")
    svg = re.search(r'<svg class="explainer-figure explainer-actor-relations explainer-narrow".*?</svg>',
                    html, re.S)
    assert svg is not None
    links = re.findall(r'<g class="explainer-link">(.*?)</g>', svg.group(0))
    # Lukashenko relates to nine actors; with Putin, in two ways (one link, both labels).
    assert len(links) == 9
    assert sum('data-relation="depends_on"' in link and 'data-relation="negotiates_with"' in link
               for link in links) == 1
    assert ">depends on</text>" in svg.group(0) and ">negotiates with</text>" in svg.group(0)
    assert "Vladimir Putin" in svg.group(0)


def test_the_map_names_countries_and_places_as_the_project_does(sites: dict[str, Path]) -> None:
    dutch = (sites["shipped"] / "background" / "index.html").read_text("utf-8")
    # The glossary's name (term 'belarus'), not Babel's 'Belarus'; the capital and Moscow marked.
    assert ">Wit-Rusland (Belarus)</text>" in dutch
    assert ">Minsk</text>" in dutch and ">Moskou</text>" in dutch
    assert 'class="explainer-capital"' in dutch
    belarusian = (sites["shipped"] / "be" / "background" / "index.html").read_text("utf-8")
    assert ">Мінск</text>" in belarusian and ">Масква</text>" in belarusian
    # No term, no place: Lisbon from GeoNames, named as CLDR names it in German.
    german = (sites["mini"] / "de" / "background" / "index.html").read_text("utf-8")
    assert ">Lissabon</text>" in german and ">Lisbon</text>" in \
        (sites["mini"] / "background" / "index.html").read_text("utf-8")
    assert "GeoNames (CC&nbsp;BY&nbsp;4.0)" in german  # no-break spaces: the credit on one line


def _overview(folder: Path) -> str:
    sources = pipeline.load(project.load(folder / "mkdocs.yml"))
    for page in pages.render_pages(sources, only=["nl"])["nl"]:
        if page.path == "actors/index.md":
            return page.body[page.body.index('<div class="explainer-picture'):]
    raise AssertionError("no overview")


def _drawn(picture: str) -> tuple[str, list[str]]:
    """The drawing without its description, and the description's statements."""
    statements = sorted(statement.strip() for text in re.findall(r"<desc[^>]*>(.*?)</desc>", picture)
                        for statement in re.findall(r"[^:;]+? → [^;]+? → [^;.]+", text))
    return re.sub(r"<desc[^>]*>.*?</desc>", "", picture), statements


def test_the_layout_does_not_depend_on_the_notes_order(shipped: Path) -> None:
    before = _drawn(_overview(shipped))
    # Reverse the editors' order: the cards follow it, the picture must not.
    for note in (shipped / "content" / "actors").glob("*.nl.md"):
        text = note.read_text("utf-8")
        number = re.search(r"^order: (\d+)$", text, re.M)
        assert number is not None
        edit(note, number.group(0), f"order: {100 - int(number.group(1))}")
    # The description reads in the editors' order; it says the same.
    assert _drawn(_overview(shipped)) == before


def test_without_camps_actors_are_grouped_by_their_binding_relations(shipped: Path) -> None:
    for note in (shipped / "content" / "actors").glob("*.nl.md"):
        text = note.read_text("utf-8")
        note.write_text(re.sub(r"^camp: .*\n", "", text, flags=re.M), "utf-8")
    svg = _overview(shipped)
    # Putin leads the Kremlin, which supports Lukashenko: one camp, named by its most connected.
    assert ">Aleksandr Loekasjenko</text>" in svg
    # Six boxes in each drawing: the security forces, bound to no one, stand alone.
    assert svg.count('class="explainer-node"') == 2 * 6


def test_an_unknown_camp_is_reported(shipped: Path) -> None:
    edit(shipped / "content" / "actors" / "putin.nl.md", "camp: kremlin", "camp: kremlinn")
    result = run_cli("-f", shipped / "mkdocs.yml", "check")
    assert result.code == 1
    assert "content/actors/putin.nl.md:5: camp: unknown actor or term 'kremlinn'" in result.err


def test_any_number_of_actors_makes_at_most_eight_camps() -> None:
    actors = [f"a{number}" for number in range(200)]
    relations = [camps.Relation(f"a{number}", f"a{(number * 7) % 200}", "opposes") for number in range(200)]
    relations += [camps.Relation(f"a{number}", f"a{number + 1}", "ally") for number in range(0, 60, 2)]
    found = camps.camps(actors, relations, declared={}, label_of=str, tone_of=lambda kind: "oppose"
                        if kind == "opposes" else "support", others="Other actors", sort_key=str)
    assert len(found) == camps.MOST
    assert sorted(actor for camp in found for actor in camp.members) == sorted(actors)
    assert found[-1].label == "Other actors"


def test_the_shipped_capitals_cite_geonames() -> None:
    data = (ROOT / "build_scripts" / "render" / "geodata" / "capitals.json").read_text("utf-8")
    assert '"BY":{"name":"Minsk","geonameid":625144,"at":[27.56653,53.90019]' in data
    assert "GeoNames" in data  # the source is named in the file itself
