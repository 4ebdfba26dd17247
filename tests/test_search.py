"""Per-language search in a real browser, on the shipped site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .browser import BUNDLE, arrived, hold
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
