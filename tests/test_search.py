"""Per-language search in a real browser, on the shipped site."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .browser import search as search_results


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
