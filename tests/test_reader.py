"""What readers get, in a real browser: no third-party requests, no console errors,
every page complete without JavaScript, and sources one click away."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

LANGUAGES = ["", "en/", "ru/", "be/"]
PAGES = ["", "background/", "actors/", "actors/lukashenko/", "scenarios/",
         "scenarios/russian-intervention/", "glossary/", "source/", "about/", "about/translations/"]


@pytest.fixture(scope="module")
def site(shipped_site: str) -> str:
    return shipped_site


@pytest.mark.parametrize("language", LANGUAGES, ids=["nl", "en", "ru", "be"])
def test_no_third_party_requests_and_no_console_errors(site: str, browser: Browser,
                                                        language: str) -> None:
    own = urlsplit(site).netloc
    page = browser.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own
            else None)
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for path in [*PAGES, "404.html"]:
        page.goto(site + language + path)
        page.wait_for_load_state("networkidle")
    page.close()
    assert foreign == []
    assert errors == []


@pytest.mark.parametrize("language", LANGUAGES, ids=["nl", "en", "ru", "be"])
def test_every_page_reads_completely_without_javascript(site: str, browser: Browser,
                                                        language: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in PAGES:
        page.goto(site + language + path)
        article = page.locator("article.md-content__inner")
        assert article.is_visible(), path
        # The whole text is in the page and laid out, not waiting for a script.
        text = article.inner_text()
        assert len(text) > 200, (path, text[:100])
        assert page.locator("h1").first.is_visible()
        assert page.locator(".md-nav--primary").first.count() == 1
    page.goto(site + language + "background/")
    assert page.locator("svg.explainer-timeline-figure").is_visible()
    assert page.locator("svg.explainer-map").is_visible()
    assert page.locator("ol.explainer-timeline time").count() >= 12
    page.goto(site + language + "actors/")
    assert page.locator("svg.explainer-relations").is_visible()
    context.close()


def test_figures_have_text_alternatives(site: str, browser: Browser) -> None:
    page = browser.new_page()
    for path, figure in [("ru/background/", "svg.explainer-timeline-figure"),
                         ("ru/background/", "svg.explainer-map"),
                         ("ru/actors/", "svg.explainer-relations")]:
        page.goto(site + path)
        svg = page.locator(figure)
        assert svg.get_attribute("role") == "img"
        labelled = (svg.get_attribute("aria-labelledby") or "").split()
        texts = [page.locator(f"[id='{ident}']").text_content() or "" for ident in labelled]
        assert len(texts) == 2 and all(len(text) > 10 for text in texts), texts
        assert re.search("[А-Яа-я]", texts[0]), texts[0]  # in the page's language
    page.close()


def test_a_quote_leads_to_its_paragraph_and_back(site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site + "en/actors/lukashenko/")
    cite = page.locator("a.explainer-cite[href*=':~:text=']").first
    href = cite.get_attribute("href") or ""
    paragraph = re.search(r"#(p\d+):~:text=", href)
    assert paragraph, href
    cite.click()
    page.wait_for_url(re.compile(r"/en/source/"))
    block = page.locator(f"#{paragraph.group(1)}")
    assert block.is_visible()
    # The source paragraph lists the pages that cite it, this one among them.
    assert block.locator(".explainer-cited-by a", has_text="Alexander Lukashenko").count() == 1
    permalink = block.locator("a.explainer-permalink").get_attribute("href") or ""
    assert permalink.endswith(f"source/#{paragraph.group(1)}") or permalink == f"#{paragraph.group(1)}"
    page.close()


def test_glossary_terms_link_once_with_a_tooltip(site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site + "ru/background/")
    terms = page.locator("article a.explainer-term")
    assert terms.count() >= 5
    hrefs = [terms.nth(i).get_attribute("href") for i in range(terms.count())]
    assert len(hrefs) == len(set(hrefs)), "a term linked twice on one page"
    assert all((terms.nth(i).get_attribute("title") or "") for i in range(terms.count()))
    assert page.locator("h1 a.explainer-term, h2 a.explainer-term, a a.explainer-term").count() == 0
    # Distinguishable without colour: glossary links are underlined.
    decoration = terms.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in decoration
    page.close()


def test_pages_print_without_navigation_and_with_link_targets(site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site + "en/about/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article h1").is_visible()
    external = page.locator("article a[href^='http']").first
    shown = external.evaluate("e => getComputedStyle(e, '::after').content")
    assert "http" in shown or "attr(href)" in shown, shown
    page.close()
