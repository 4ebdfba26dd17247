"""The language selector in a real browser, with and without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser import free_port, serve
from .conftest import FIXTURES, copy_project, run_cli


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("browser") / "mini")
    port = free_port()
    # Material's instant navigation needs site_url (it reads the sitemap's addresses).
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: http://127.0.0.1:{port}/\n" + config.read_text("utf-8"), "utf-8")
    result = run_cli("-f", config, "build")
    assert result.code == 0, result.err
    with serve(project / "site", port) as url:
        yield url


def choose_language(page: Page, name: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    # The name may be followed by "(not translated yet)" in the page's language.
    page.locator(".md-select__link", has_text=re.compile(f"^\\s*{name}")).click()


def test_selector_keeps_the_page_after_instant_navigation(site: str, browser: Browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            else None)
    page.goto(site + "actors/")
    # Material's scripts (instant navigation among them) load on the reader's first
    # interaction; a link followed before that is an ordinary page load.
    page.mouse.move(20, 300)
    page.mouse.move(30, 310)
    page.wait_for_selector("html[data-explainer-scripts=loaded]", state="attached")
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="Fishers association").click()
    page.wait_for_url(site + "actors/fishers/")
    # Instant navigation replaced the page without a reload: the header is the old one.
    assert page.evaluate("window.__sameDocument === true")
    # The fishers' page is not in German: the selector says so, also after instant navigation.
    german = page.locator(".md-select__link[hreflang=de]")
    expect(german).to_have_attribute("data-translation", "missing")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Town council").click()
    page.wait_for_url(site + "actors/council/")
    assert page.evaluate("window.__sameDocument === true")
    expect(german).not_to_have_attribute("data-translation", "missing")
    page.go_back()
    page.wait_for_url(site + "actors/fishers/")
    expect(german).to_have_attribute("data-translation", "missing")
    choose_language(page, "Deutsch")
    page.wait_for_url(site + "de/actors/fishers/")
    assert page.locator("html").get_attribute("lang") == "de"
    choose_language(page, "English")
    page.wait_for_url(site + "actors/fishers/")
    assert errors == []
    page.close()


def test_selector_works_without_javascript(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "scenarios/temporary-quay/")
    choose_language(page, "Deutsch")
    page.wait_for_url(site + "de/scenarios/temporary-quay/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "A temporary quay"
    context.close()


def test_search_finds_only_pages_of_the_language(site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site + "de/")
    query = page.locator("input[data-md-component=search-query]")
    # Type like a reader once the search index has loaded (the input is ready then).
    page.wait_for_function("() => document.querySelector('.md-search__output') !== null")
    query.click()
    query.press_sequentially("Stadtrat", delay=30)
    page.get_by_text("Suchergebnisse").first.wait_for()
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    # In one step: Material may re-render the list while it is read.
    hrefs = results.evaluate_all("links => links.map(link => link.getAttribute('href') || '')")
    assert hrefs and all("/de/" in href for href in hrefs), hrefs
    page.close()


def test_each_language_has_its_own_404(site: str, browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(site + "de/404.html")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    page.get_by_role("link", name="Zur Startseite").click()
    page.wait_for_url(site + "de/")
    page.close()
