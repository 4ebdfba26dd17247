"""Per-language search in a real browser, on the shipped site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from .browser import chromium, serve
from .conftest import ROOT, copy_project, run_cli


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    target = tmp_path_factory.mktemp("search")
    for name in ("seeds", "content", "docs"):
        copy_project(ROOT / name, target / name)
    (target / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    result = run_cli("-f", target / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    with serve(target / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


def search(browser: Browser, url: str, words: str, scripts: list[str] | None = None) -> list[str]:
    page = browser.new_page()
    if scripts is not None:
        page.on("request", lambda request: scripts.append(request.url.rsplit("/", 1)[-1]))
    page.goto(url)
    page.wait_for_function("() => document.querySelector('.md-search__output') !== null")
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    query.press_sequentially(words, delay=30)
    # Non-Latin text is typed without key events; a real keyboard ends with a key press.
    query.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    links = page.locator(".md-search-result__item > a")
    # In one step: Material may re-render the list while it is read.
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href') || '')")
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
