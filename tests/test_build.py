"""Full builds with the real MkDocs: pages, languages, search, 404s and failure safety."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import icu
import pytest

from build_scripts import project as project_module

from .conftest import glossary_index, run_cli, theme_config, tree_digest

PAGES = ["", "background/", "actors/", "scenarios/", "glossary/", "source/", "about/"]



def with_overrides(project: Path) -> Path:
    """Give the project a theme override folder, overrides/ (as maintainers do); its config."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  name: material\n",
                                                        "  name: material\n  custom_dir: overrides\n"),
                      "utf-8")
    return config


def html_lang(page: Path) -> str:
    match = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
    assert match, page
    return match.group(1)


@pytest.fixture(scope="module")
def built_shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import ROOT, copy_project

    target = tmp_path_factory.mktemp("shipped")
    for name in ("mkdocs.yml", "seeds", "content", "docs"):
        if (ROOT / name).is_dir():
            copy_project(ROOT / name, target / name)
        else:
            (target / name).write_bytes((ROOT / name).read_bytes())
    result = run_cli("-f", target / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    return target


@pytest.mark.parametrize("language", ["nl", "en", "ru", "be"])
def test_shipped_glossary_in_each_languages_own_order_with_its_letters(
    built_shipped: Path, language: str
) -> None:
    prefix = "" if language == "nl" else f"{language}/"
    page = (built_shipped / f"site/{prefix}glossary/index.html").read_text("utf-8")
    entries, initials = glossary_index(page)
    titles = [title for title, _ in entries]
    collator = icu.Collator.createInstance(icu.Locale(language))
    assert len(titles) > 20 and titles == sorted(titles, key=collator.getSortKey)
    assert [initial for initial, _ in initials] == sorted({title[0].upper() for title in titles},
                                                        key=collator.getSortKey)
    for initial, term_id in initials:  # each letter opens its first term
        assert term_id == next(term for title, term in entries if title[0].upper() == initial)


def test_translated_inserted_headline_is_shown_in_the_readers_language(built_shipped: Path) -> None:
    english = (built_shipped / "site/en/source/index.html").read_text("utf-8")
    aside = re.search(r'<aside class="explainer-inserted" id="h1">(.*?)</aside>', english)
    assert aside is not None
    assert '<span lang="en">Lukashenko willing to share power if protesters go home</span>' in aside.group(1)
    assert ('<span class="explainer-original" lang="nl">Loekasjenko bereid macht te delen als betogers '
            "naar huis gaan</span>") in aside.group(1)
    dutch = (built_shipped / "site/source/index.html").read_text("utf-8")
    assert "explainer-original" not in re.search(r'<aside class="explainer-inserted".*?</aside>',
                                                 dutch).group(0)


@pytest.mark.parametrize(("language", "to_dark", "to_light", "footer", "made_with"), [
    ("nl", "Donker kleurenschema", "Licht kleurenschema", "Aantekeningen van de redactie", "Gemaakt met"),
    ("en", "Switch to the dark scheme", "Switch to the light scheme", "Notes by the editors", "Made with"),
    ("ru", "Тёмная тема", "Светлая тема", "Заметки редакции", "Сделано с помощью"),
    ("be", "Цёмная тэма", "Светлая тэма", "Нататкі рэдакцыі", "Зроблена з дапамогай"),
])
def test_theme_toggle_and_footer_speak_the_pages_language(
    built_shipped: Path, language: str, to_dark: str, to_light: str, footer: str, made_with: str
) -> None:
    prefix = "" if language == "nl" else f"{language}/"
    for page in ("", "actors/putin/"):
        text = (built_shipped / f"site/{prefix}{page}index.html").read_text("utf-8")
        assert re.findall(r'<label class="md-header__button md-icon" title="([^"]*)"', text) == [
            to_dark, to_light]
        highlight = re.search(r'<div class="md-copyright__highlight">([^<]*)</div>', text)
        assert highlight is not None and highlight.group(1).startswith(footer)
        assert f"{made_with} <a href=" in text
        assert language == "en" or "Made with" not in text


def test_a_project_overrides_the_themes_strings_and_footer_per_language(mini: Path) -> None:
    locale = mini / "content/locales/de.yml"
    text = locale.read_text("utf-8").replace("footer:\n", "footer:\n  copyright: Texte der Redaktion\n")
    locale.write_text(text + "theme:\n  search.result.none: 'Nichts \"gefunden\" & mehr'\n", "utf-8")
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    german = (mini / "site/de/index.html").read_text("utf-8")
    config = theme_config(german)
    # Escaped once, as every string from content/ is: the quotes cannot close an attribute.
    assert config["translations"]["search.result.none"] == "Nichts &#34;gefunden&#34; &amp; mehr"
    assert '<div class="md-copyright__highlight">Texte der Redaktion</div>' in german
    english = (mini / "site/index.html").read_text("utf-8")
    assert "Texte der Redaktion" not in english and "Nichts gefunden" not in english


def test_belarusian_theme_strings_in_the_official_orthography(built_shipped: Path) -> None:
    page = (built_shipped / "site/be/index.html").read_text("utf-8")
    config = theme_config(page)
    assert config["translations"]["search.result.none"] == "Нічога не знойдзена"
    assert "Перайсці да зместу" in page


def test_shipped_english_writes_british_dates(built_shipped: Path) -> None:
    background = (built_shipped / "site/en/background/index.html").read_text("utf-8")
    assert '<time datetime="2020-08-09">9 August 2020</time>' in background
    assert "August 9, 2020" not in background


def test_shipped_site_every_page_in_every_language(built_shipped: Path) -> None:
    project = project_module.load(built_shipped / "mkdocs.yml")
    site = built_shipped / "site"
    actors = sorted(p.stem.split(".")[0] for p in (built_shipped / "content/actors").glob("*.md"))
    assert project.languages == ("nl", "en", "ru", "be")
    for language in project.languages:
        root = site / project.url_prefix(language)
        for page in PAGES + [f"actors/{actor}/" for actor in actors]:
            path = root / page / "index.html"
            assert path.is_file(), path
            assert html_lang(path) == language, path
        assert html_lang(root / "404.html") == language
        assert (root / "sitemap.xml").is_file()


def test_search_index_per_language(built_shipped: Path) -> None:
    site = built_shipped / "site"
    for prefix, lang in [("", "nl"), ("en/", "en"), ("ru/", "ru"), ("be/", "ru")]:
        index = json.loads((site / prefix / "search/search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = [doc["location"] for doc in index["docs"]]
        # No page of another language leaks into this language's index.
        assert not [loc for loc in locations if re.match(r"(en|ru|be)/", loc)], prefix
    english = json.loads((site / "en/search/search_index.json").read_text("utf-8"))
    titles = {doc["title"] for doc in english["docs"] if doc["location"] == "source/"}
    assert titles == {"Source article"}


def test_language_selector_leads_to_the_same_page(built_shipped: Path) -> None:
    page = (built_shipped / "site/en/actors/putin/index.html").read_text("utf-8")
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"[^>]*class="md-select__link"', page)
    assert links == [("../../../actors/putin/", "nl"), ("../../../en/actors/putin/", "en"),
                     ("../../../ru/actors/putin/", "ru"), ("../../../be/actors/putin/", "be")]


def test_mini_builds_with_german_fallbacks(mini: Path) -> None:
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    site = mini / "site"
    assert html_lang(site / "index.html") == "en"
    assert html_lang(site / "de/index.html") == "de"
    fishers = (site / "de/actors/fishers/index.html").read_text("utf-8")
    assert 'data-translation="missing"' in fishers
    assert "<title>Fishers association - Hafen Northport</title>" in fishers
    # The home page's title is the site's name: once, in each language.
    for home, name in (("index.html", "Northport harbour"), ("de/index.html", "Hafen Northport")):
        assert re.findall(r"<title>(.*?)</title>", (site / home).read_text("utf-8")) == [name]


def test_failed_build_leaves_last_good_site_untouched(mini: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    before = tree_digest(mini / "site")
    docs_before = tree_digest(mini / "docs")
    council = mini / "content/actors/council.en.md"
    council.write_text(council.read_text("utf-8").replace("actor: fishers", "actor: nobody"),
                       "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 1
    assert "relations[0].actor: unknown actor 'nobody'" in result.err
    assert "Traceback" not in result.err
    assert tree_digest(mini / "site") == before
    assert tree_digest(mini / "docs") == docs_before


def test_mkdocs_failure_fails_the_build_and_keeps_the_site(mini: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    before = tree_digest(mini / "site")
    # Content that passes the check cannot make MkDocs fail: a maintainer's broken
    # template override can.
    with_overrides(mini)
    (mini / "overrides/partials").mkdir(parents=True)
    (mini / "overrides/partials/footer.html").write_text("{% if %}\n", "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 1
    assert "[en] MkDocs failed: TemplateSyntaxError" in result.err
    assert "Traceback" not in result.err
    assert tree_digest(mini / "site") == before


def test_hand_edit_in_docs_stops_the_build(mini: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    page = mini / "docs/de/actors/council.md"
    page.write_text(page.read_text("utf-8") + "\nA hand edit.\n", "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 1
    assert ("docs/de/actors/council.md: edited by hand since it was generated; docs/ is build "
            "output (expected the change made in content/actors/council.de.md, and this file "
            "deleted)") in result.err
    assert page.read_text("utf-8").endswith("A hand edit.\n")


def test_plain_mkdocs_build_works_for_the_default_language(mini: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=mini,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    site = mini / "site"
    assert html_lang(site / "actors/council/index.html") == "en"
    assert not (site / "de").exists()  # other languages are left to `explainer build`
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert all(not doc["location"].startswith("de/") for doc in index["docs"])


def test_plain_mkdocs_reports_content_problems_without_traceback(mini: Path) -> None:
    council = mini / "content/actors/council.en.md"
    council.write_text(council.read_text("utf-8").replace("kind: organisation", "kind: club"),
                       "utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=mini,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "content/actors/council.en.md:4: kind: 'club' is not allowed" in done.stderr
    assert "Traceback" not in done.stderr


def test_preview_of_one_language_rewrites_only_its_own_docs(mini: Path, tmp_path: Path) -> None:
    from build_scripts.site import engine

    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    english = mini / "docs/actors/fishers.md"
    before = english.read_text("utf-8")
    fishers = mini / "content/actors/fishers.en.md"  # not translated into German
    fishers.write_text(fishers.read_text("utf-8").replace("Fishers association", "Fishers union"), "utf-8")
    # What `explainer serve --language de` does on each save.
    engine.build(project_module.load(mini / "mkdocs.yml"), site_dir=tmp_path / "preview", only=["de"])
    assert english.read_text("utf-8") == before  # English is not rendered by a German preview
    assert "Fishers union" in (mini / "docs/de/actors/fishers.md").read_text("utf-8")  # the fallback
    assert "Fishers union" in (tmp_path / "preview/de/actors/fishers/index.html").read_text("utf-8")
    # The manifest still knows the English pages: the full build takes them over, no
    # "edited by hand" complaint.
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert "Fishers union" in english.read_text("utf-8")


def test_a_big_section_is_listed_on_its_overview_not_in_every_pages_navigation(mini: Path) -> None:
    from build_scripts.render.pages import NAV_ITEMS_MAX

    fishers = (mini / "content/actors/fishers.en.md").read_text("utf-8")
    for number in range(1, NAV_ITEMS_MAX + 1):
        (mini / f"content/actors/fleet-{number}.en.md").write_text(
            fishers.replace("Fishers association", f"Fleet {number}"), "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build")  # strict: no warning either
    assert result.code == 0, result.err
    site = mini / "site"
    home = (site / "index.html").read_text("utf-8")
    overview = (site / "actors/index.html").read_text("utf-8")
    assert 'href="actors/"' in home and "actors/fleet-7/" not in home
    assert 'href="fleet-7/"' in overview
    assert "Fleet 7" in (site / "de/actors/fleet-7/index.html").read_text("utf-8")


def test_files_added_to_a_theme_override_between_builds_are_copied(mini: Path, tmp_path: Path) -> None:
    # `explainer serve` builds again and again in one process: only Material's own files
    # are listed once; the project's overrides are looked at on every build.
    from build_scripts.site import engine

    config = with_overrides(mini)
    (mini / "overrides/assets").mkdir(parents=True)
    (mini / "overrides/assets/first.txt").write_text("one\n", "utf-8")
    project = project_module.load(config)
    engine.build(project, site_dir=tmp_path / "one", only=["en"])
    (mini / "overrides/assets/second.txt").write_text("two\n", "utf-8")
    engine.build(project, site_dir=tmp_path / "two", only=["en"])
    assert (tmp_path / "one/assets/first.txt").is_file()
    assert not (tmp_path / "one/assets/second.txt").exists()
    assert (tmp_path / "two/assets/second.txt").read_text("utf-8") == "two\n"
    assert (tmp_path / "two/assets/javascripts/lunr/min/lunr.de.min.js").is_file()
    assert not list((tmp_path / "two").rglob(".icons"))
