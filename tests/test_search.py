"""Per-language search in a real browser, on the shipped site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .browser import BUNDLE, arrived, hold
from .browser import search as search_results
from .conftest import FIXTURES, copy_project, edit, run_cli


@pytest.fixture(scope="module")
def site(shipped_site: str) -> str:
    return shipped_site


def search(browser: Browser, url: str, words: str, scripts: list[str] | None = None) -> list[str]:
    page = browser.new_page()
    if scripts is not None:
        page.on("request", lambda request: scripts.append(request.url.rsplit("/", 1)[-1]))
    page.goto(url)
    hrefs = search_results(page, words)
    page.close()
    return hrefs


@pytest.mark.parametrize(("prefix", "words"), [
    ("ru/", "Лукашенко"), ("be/", "Лукашэнка"), ("en/", "Lukashenko"), ("", "Loekasjenko"),
])
def test_results_are_pages_of_the_searched_language(
    site: str, browser: Browser, prefix: str, words: str
) -> None:
    hrefs = search(browser, site + prefix, words)
    assert hrefs, f"no results for {words!r} on /{prefix}"
    for href in hrefs:
        path = href.removeprefix(site)
        assert path.startswith(prefix), href
        others = [code for code in ("en/", "ru/", "be/") if code != prefix]
        assert not path.startswith(tuple(others)), href


@pytest.mark.parametrize(("prefix", "word", "stemmer"), [
    ("", "NAVO", "lunr.nl.min.js"), ("ru/", "НАТО", "lunr.ru.min.js"), ("be/", "НАТА", "lunr.ru.min.js"),
])
def test_each_language_loads_its_stemmer(site: str, browser: Browser, prefix: str, word: str,
                                         stemmer: str) -> None:
    # Belarusian has no lunr stemmer; Material pairs it with the Russian one.
    scripts: list[str] = []
    assert search(browser, site + prefix, word, scripts)
    assert stemmer in scripts


def test_dutch_search_finds_inflected_forms(site: str, browser: Browser) -> None:
    # Only "demonstranten" is written in the Dutch pages.
    assert search(browser, site, "demonstrant")


def test_belarusian_search_finds_inflected_cyrillic(site: str, browser: Browser) -> None:
    assert search(browser, site + "be/", "пратэстоўцы")


def test_the_first_tap_on_search_is_not_lost(site: str, browser: Browser) -> None:
    # A phone: search hides behind the header's icon. Material's bundle is slow to come.
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    held = hold(page, BUNDLE)
    page.goto(site + "en/actors/")
    page.locator("label.md-header__button[for=__search]").tap()
    query = page.locator("input[data-md-component=search-query]")
    expect(query).to_be_focused()
    expect(query).to_be_visible()
    page.keyboard.type("Lukashenko")
    assert page.evaluate("typeof window.document$") == "undefined"
    arrived(page, held).continue_()
    # What was typed before the bundle came is searched once it has.
    page.locator(".md-search-result__item").first.wait_for()
    hrefs = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(link => link.getAttribute('href') || '')")
    assert any("actors/lukashenko/" in href for href in hrefs), hrefs
    context.close()


def test_the_search_key_works_before_the_scripts(site: str, browser: Browser) -> None:
    page = browser.new_page()
    held = hold(page, BUNDLE)
    page.goto(site + "ru/")
    page.keyboard.press("/")
    query = page.locator("input[data-md-component=search-query]")
    expect(query).to_be_focused()
    expect(query).to_have_value("")
    page.keyboard.type("НАТО")
    arrived(page, held).continue_()
    page.locator(".md-search-result__item").first.wait_for()
    page.close()


def test_search_links_open_and_highlight_at_once(site: str, browser: Browser) -> None:
    # Addresses made by search need Material's scripts without waiting for the reader.
    page = browser.new_page()
    page.goto(site + "en/?q=Lukashenko")
    page.locator(".md-search-result__item").first.wait_for()
    expect(page.locator("input[data-md-component=search-query]")).to_have_value("Lukashenko")
    page.goto(site + "en/actors/putin/?h=Lukashenko")
    expect(page.locator("article mark").first).to_have_text(re.compile("^Lukashenko", re.I))
    page.close()


@pytest.fixture(scope="module")
def inflected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The mini project, its council's name listed in the forms German running text uses."""
    from .browser import serve

    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("inflected") / "mini")
    edit(project / "content/actors/council.de.md", "role: ",
         "forms: [Stadtrat, Stadtrats, Stadtrates]\nrole: ")
    result = run_cli("-f", project / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    with serve(project / "site") as url:
        yield project / "site", url


def test_a_name_is_found_in_every_form_its_note_lists(inflected: tuple[Path, str],
                                                       browser: Browser) -> None:
    site, url = inflected
    # "Stadtrates" is on no page; the pages naming the council are found by it all the same.
    assert not [page for page in site.glob("de/**/*.html") if "Stadtrates" in page.read_text("utf-8")]
    hrefs = search(browser, url + "de/", "Stadtrates")
    assert any(href.endswith("de/actors/council/") for href in hrefs), hrefs
    assert any(href.split("#")[0].endswith("de/source/") for href in hrefs), hrefs


def test_search_indexes_are_written_as_utf8(inflected: tuple[Path, str]) -> None:
    site, _ = inflected
    index = (site / "de/search/search_index.json").read_text("utf-8")
    assert "\\u00" not in index and "schließen" in index


def test_the_search_files_are_asked_for_at_once(site: str, browser: Browser) -> None:
    # On a slow phone each step of Material's chain (bundle → worker and index →
    # language files) is a round trip: on the tap, all of them are on their way together.
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    held = hold(page, BUNDLE)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))
    page.goto(site + "ru/")
    assert "search_index.json" not in asked  # not for a reader who never searches
    page.locator("label.md-header__button[for=__search]").tap()
    bundle = arrived(page, held)
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(entry => entry.name.endsWith('lunr.ru.min.js'))")
    assert {"search_index.json", "lunr.ru.min.js", "lunr.stemmer.support.min.js"} <= set(asked)
    assert any(name.startswith("search.") and name.endswith(".min.js") for name in asked), asked
    bundle.continue_()
    context.close()


def test_the_search_index_is_downloaded_once(site: str, browser: Browser) -> None:
    # Material's own request for it waits for the early one, and is answered from the
    # cache (GitHub Pages lets files be cached for ten minutes). No route here: Playwright
    # turns the cache off for a page whose requests it intercepts.
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site + "ru/")
    # A slow phone network, so that Material asks while the early request is under way.
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 80_000})
    page.locator("label.md-header__button[for=__search]").tap()
    page.keyboard.type("НАТО")
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    downloads = page.evaluate("() => performance.getEntriesByType('resource')"
                              ".filter(entry => entry.name.endsWith('search_index.json'))"
                              ".map(entry => entry.transferSize)")
    assert len([size for size in downloads if size > 0]) == 1, downloads
    context.close()


def test_the_pictures_are_not_in_the_search_index(site: str) -> None:
    # Their words are on the page as text; the two drawings (phone and wide) of a picture
    # would put them in the index twice more, and show SVG labels run together in results.
    from urllib.request import urlopen

    for prefix in ("", "en/", "ru/", "be/"):
        with urlopen(site + prefix + "search/search_index.json") as response:
            index = response.read().decode("utf-8")
        with urlopen(site + prefix + "background/") as response:
            page = response.read().decode("utf-8")
        titles = re.findall(r'<title id="timeline-wide-title">([^<]+)</title>', page)
        assert titles, prefix
        assert titles[0] not in index, prefix
