"""What readers get, in a real browser: no third-party requests, no console errors,
every page complete without JavaScript, and sources one click away."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser import BUNDLE, arrived, hold, interact, record_foreign_and_errors

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
    foreign, errors = record_foreign_and_errors(page, own)
    for path in [*PAGES, "404.html"]:
        page.goto(site + language + path)
        page.wait_for_load_state("networkidle")
        # Material's scripts run on the reader's first interaction: errors there count too.
        interact(page)
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
    assert page.locator("svg.explainer-timeline-figure.explainer-wide").is_visible()
    assert page.locator("svg.explainer-map.explainer-wide").is_visible()
    assert page.locator("ol.explainer-timeline time").count() >= 12
    page.goto(site + language + "actors/")
    assert page.locator("svg.explainer-relations.explainer-wide").is_visible()
    context.close()


def test_figures_have_text_alternatives(site: str, browser: Browser) -> None:
    page = browser.new_page()
    # Each picture is drawn twice; the wide drawing is the one shown here.
    for path, figure in [("ru/background/", "svg.explainer-timeline-figure.explainer-wide"),
                         ("ru/background/", "svg.explainer-map.explainer-wide"),
                         ("ru/actors/", "svg.explainer-relations.explainer-wide")]:
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


def test_scripts_wait_for_the_first_interaction(site: str, browser: Browser) -> None:
    page = browser.new_page()
    scripts: list[str] = []
    fetched: list[str] = []
    page.on("request", lambda request: scripts.append(request.url.rsplit("/", 1)[-1])
            if request.resource_type == "script" else fetched.append(request.url))
    page.goto(site + "ru/actors/lukashenko/")
    page.wait_for_load_state("networkidle")
    # A reader who only reads downloads and runs none of Material's JavaScript...
    assert scripts == []
    assert page.evaluate("typeof window.document$") == "undefined"
    assert "no-js" in (page.locator("html").get_attribute("class") or "")
    # ...yet sees the search icon and the palette toggle at once.
    expect(page.locator(".md-search__input")).to_be_visible()
    expect(page.locator("form[data-md-component=palette] label:visible")).to_have_count(1)
    # Material's search starts with the bundle (its worker), yet leaves the index alone.
    with page.expect_request(re.compile(r"/workers/search\.[0-9a-f]+\.min\.js$")):
        interact(page)
    # Material's bundle first, then the extra scripts that need it, in order.
    assert scripts[0].startswith("bundle.") and scripts[1] == "explainer.js", scripts
    classes = (page.locator("html").get_attribute("class") or "").split()
    assert "js" in classes and "no-js" not in classes
    # The search index still waits for the reader to reach for search.
    assert not [url for url in fetched if "search_index" in url]
    page.close()


def test_palette_follows_the_system_and_the_first_click(site: str, browser: Browser) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    held = hold(page, BUNDLE)
    page.goto(site + "en/")
    body = page.locator("body")
    toggle = page.locator("form[data-md-component=palette] label:visible")
    # A dark system gets the dark scheme from the first paint, before any of Material's scripts.
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(toggle).to_have_attribute("for", "__palette_0")
    # The first click switches, though Material's bundle is still on its way.
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(toggle).to_have_attribute("for", "__palette_1")
    bundle = arrived(page, held)
    assert page.evaluate("typeof window.document$") == "undefined"
    bundle.continue_()
    page.wait_for_selector("html[data-explainer-scripts=loaded]", state="attached")
    # Material takes over the reader's choice, and the toggle keeps working.
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(toggle).to_have_attribute("for", "__palette_1")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # The choice is remembered on the next page, again before any of Material's scripts.
    page.goto(site + "en/glossary/")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(toggle).to_have_attribute("for", "__palette_1")
    assert page.evaluate("typeof window.document$") == "undefined"
    context.close()


COLOURS = """() => {
  const style = (selector, property) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element).getPropertyValue(property) : null;
  };
  return [style("body", "background-color"), style(".md-typeset", "color"),
          style(".md-content a", "color"), style(".md-header", "background-color"),
          style(".explainer-tone-oppose", "stroke"),
          style(".explainer-notice a, .explainer-hindsight a", "color")];
}"""


@pytest.mark.parametrize("path", ["", "ru/actors/"], ids=["nl-home", "ru-actors"])
def test_without_javascript_the_scheme_follows_the_system(site: str, browser: Browser, path: str) -> None:
    """A reader with scripts off on a dark system reads the dark scheme, with its colours."""
    seen = {}
    for scheme in ("dark", "light"):
        for scripts in (True, False):
            context = browser.new_context(color_scheme=scheme, java_script_enabled=scripts)
            page = context.new_page()
            page.goto(site + path)
            seen[scheme, scripts] = page.evaluate(COLOURS)
            context.close()
    assert seen["dark", False] == seen["dark", True]
    assert seen["light", False] == seen["light", True]
    assert seen["dark", False] != seen["light", False]


@pytest.mark.parametrize("scripts", [False, True], ids=["no-js", "js"])
def test_the_language_menu_stays_on_a_phone_screen(site: str, browser: Browser, scripts: bool) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=scripts)
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(site + language)
        page.locator(".md-select .md-header__button").first.focus()
        menu = page.locator(".md-select__inner").first
        expect(menu).to_have_css("opacity", "1")
        page.wait_for_timeout(300)  # Material's transition: the box's final place
        box = menu.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (language, box)
    context.close()


def test_a_language_switch_downloads_the_page_alone(site: str, browser: Browser) -> None:
    """Every language uses one copy of the theme: what a page loads, the next language's has."""
    context = browser.new_context()
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url)
            if request.resource_type != "document" else None)
    page.goto(site + "actors/")
    interact(page)  # Material's bundle and its worker too
    first = set(loaded)
    assert any("/assets/javascripts/bundle." in url for url in first)
    for language in LANGUAGES[1:]:
        loaded.clear()
        page.goto(site + language + "actors/")
        interact(page)
        theme = {url for url in loaded if "/assets/" in url}
        assert theme and theme <= first, (language, sorted(theme - first))
    context.close()


def test_a_link_followed_before_the_scripts_run_is_an_ordinary_visit(site: str, browser: Browser) -> None:
    page = browser.new_page()
    hold(page, BUNDLE)  # Material's bundle never comes: instant navigation cannot take the click
    page.goto(site + "ru/actors/")
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="Александр Лукашенко").first.click()
    page.wait_for_url(site + "ru/actors/lukashenko/")
    assert page.evaluate("window.__sameDocument") is None
    assert page.locator("h1").first.inner_text().startswith("Александр Лукашенко")
    english = page.locator(".md-select__link[hreflang=en]")
    assert english.get_attribute("href") == "../../../en/actors/lukashenko/"
    page.close()


def test_page_titles_take_only_the_lines_their_words_need_on_a_phone(site: str, browser: Browser) -> None:
    # A title that just fills its last line must not get a blank line for a hidden ¶.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "ru/scenarios/russian-intervention/")
    below_words = page.evaluate("""() => {
        const title = document.querySelector('article h1');
        const words = document.createRange();
        words.selectNodeContents(title.firstChild);
        return title.getBoundingClientRect().bottom - words.getBoundingClientRect().bottom;
    }""")
    assert below_words < 12, below_words
    page.close()


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "Medium: onbekend"), ("en/", "Outlet: unknown"), ("ru/", "Издание: неизвестно"),
    ("be/", "Выданне: невядома"),
])
def test_an_unnamed_outlet_is_unknown_in_the_readers_language(site: str, prefix: str, words: str) -> None:
    # The shipped seed names no outlet. The reader is told so in a word, not in the
    # pipeline's terms ("not named in the source file").
    from urllib.request import urlopen

    with urlopen(site + prefix + "source/") as response:
        page = response.read().decode("utf-8")
    assert words in page
    assert "source file" not in page and "bronbestand" not in page


@pytest.mark.parametrize(("prefix", "title", "as_of"), [
    ("", "In het kort", "Stand van zaken: augustus 2020"), ("en/", "In brief", "As of August 2020"),
    ("ru/", "Коротко", "По состоянию на август 2020"), ("be/", "Коратка", "Па стане на жнівень 2020"),
])
def test_the_home_page_leads_with_dated_sourced_key_points(site: str, browser: Browser, prefix: str,
                                                            title: str, as_of: str) -> None:
    # The story first, on a phone, without JavaScript: the box right under the title, in the
    # first screen, each point with its source; the method is one line below it.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + prefix)
    first = page.locator("article.md-content__inner > h1 + *")
    assert first.get_attribute("class") == "explainer-keypoints"
    assert first.locator("h2").inner_text().rstrip("¶") == title
    assert first.locator("time").inner_text().startswith(as_of)
    assert first.locator("time").get_attribute("datetime") == "2020-08"
    points = first.locator("li")
    assert 3 <= points.count() <= 5
    for index in range(points.count()):
        assert points.nth(index).locator("a.explainer-cite").count() >= 1, points.nth(index).inner_text()
    box = first.bounding_box()
    assert box is not None and box["y"] < 844 / 2  # starts in the first half of the first screen
    method = page.locator("article.md-content__inner > .explainer-keypoints + p")
    assert method.locator('a[href^="source/"]').count() == 1
    assert method.locator('a[href^="about/"]').count() == 1
    context.close()


@pytest.mark.parametrize(("prefix", "closest", "not_happened"), [
    ("", "Achteraf: het scenario dat het dichtst bij de werkelijkheid kwam", "Achteraf: het gebeurde niet"),
    ("en/", "With hindsight: the closest of these scenarios to what happened",
     "With hindsight: it did not happen"),
    ("ru/", "Итог: ближе всего к тому, что произошло", "Итог: сценарий не осуществился"),
    ("be/", "Вынік: бліжэй за ўсё да таго, што адбылося", "Вынік: сцэнарый не ажыццявіўся"),
])
def test_the_scenarios_overview_tells_each_outcome_in_hindsight(site: str, browser: Browser, prefix: str,
                                                                 closest: str, not_happened: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + prefix + "scenarios/")
    cards = page.locator(".explainer-card").all()
    outcomes = {card.locator("h2 a").first.get_attribute("href"):
                card.locator(".explainer-outcome a").inner_text() for card in cards}
    assert outcomes == {"crackdown/": closest, "russian-intervention/": not_happened,
                        "armenian-style-transition/": not_happened, "negotiated-handover/": not_happened}
    # Each leads to the scenario's account of what happened, with its sources.
    page.locator('.explainer-outcome a[href="crackdown/#hindsight"]').click()
    hindsight = page.locator("#hindsight")
    assert hindsight.is_visible() and hindsight.locator("a.explainer-cite, a[href*='#ref-']").count() >= 1
    context.close()


@pytest.mark.parametrize(("prefix", "roles"), [
    ("", ("President van Wit-Rusland", "President van Rusland")),
    ("en/", ("President of Belarus", "President of Russia")),
    ("ru/", ("Президент Беларуси", "Президент России")),
    ("be/", ("Прэзідэнт Беларусі", "Прэзідэнт Расіі")),
])
def test_who_an_actor_is_is_said_once_at_the_top_of_the_page(site: str, prefix: str,
                                                             roles: tuple[str, str]) -> None:
    from urllib.request import urlopen

    for actor, role in zip(("lukashenko", "putin"), roles, strict=True):
        with urlopen(f"{site}{prefix}actors/{actor}/") as response:
            page = response.read().decode("utf-8")
        top = page.split("<h1", 1)[1].split("<h2", 1)[0]
        text = re.sub(r"<[^>]+>", "", top).lower()
        assert text.count(role.lower()) == 1, (actor, text[:300])
        # The kind of actor is still named, as on the cards.
        assert 'class="explainer-kind"' in top


def test_the_article_is_set_back_only_beside_its_translation(site: str, browser: Browser) -> None:
    # On the Dutch site the Dutch article is the text itself, not a pale "original".
    page = browser.new_page()
    colour = "node => getComputedStyle(node).color"
    page.goto(site + "source/")
    original = page.locator("#p2 .explainer-original").evaluate(colour)
    page.goto(site + "en/source/")
    translation = page.locator("#p2 .explainer-translation").evaluate(colour)
    assert page.locator("#p2 .explainer-original").evaluate(colour) != translation
    assert page.locator("#p2 .explainer-translation").evaluate(colour) == original
    page.close()


def test_a_citation_mark_is_a_finger_sized_target_on_its_words_line(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "ru/")
    marks = page.locator("article a.explainer-cite")
    assert marks.count() > 10
    for index in range(marks.count()):
        found = marks.nth(index).evaluate(
            "node => { const r = node.getBoundingClientRect(); const before = document.createRange();"
            " const text = node.previousSibling; if (!text || text.nodeType !== 3) return null;"
            " before.setStart(text, Math.max(0, text.length - 2)); before.setEnd(text, text.length);"
            " const w = before.getClientRects(); const last = w[w.length - 1];"
            " const own = document.createRange(); own.selectNodeContents(node);"
            " const m = own.getClientRects()[0];"
            " return {width: r.width, height: r.height, top: m.top, word: last ? last.top : null}; }")
        if found is None:  # a mark right after another element (a link, a quote)
            continue
        assert found["width"] >= 24 and found["height"] >= 24, found
        # The mark is on the line where the word before it ends, never alone at a line's start.
        assert found["word"] is not None and abs(found["top"] - found["word"]) < 12, found
    context.close()


def test_without_javascript_no_tab_stop_is_hidden(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "en/")
    stops = []
    for _ in range(12):  # through the header and into the page
        page.keyboard.press("Tab")
        stops.append(page.evaluate(
            "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " return {tag: e.tagName, cls: e.className, visible: getComputedStyle(e).visibility === 'visible'"
            " && r.width > 1 && r.height > 1}; }"))
    assert all(stop["visible"] for stop in stops), stops
    assert not any("md-option" in str(stop["cls"]) for stop in stops), stops
    context.close()


def relation_lines(page: Page, path: str) -> list[str]:
    """The relation list of an actor page, one line per relation, as a reader sees it."""
    page.goto(path)
    items = page.locator("article li:has(> span.explainer-relation)")
    return [re.sub(r"\s+", " ", text).strip() for text in items.all_inner_texts()]


@pytest.mark.parametrize(("prefix", "names"), [
    ("", ("Loekasjenko", "Betogers")),
    ("en/", ("Lukashenko", "Protesters")),
    ("ru/", ("Лукашенко", "Протестующие")),
    ("be/", ("Лукашэнка", "Пратэстоўцы")),
])
def test_a_relation_said_both_ways_is_listed_once(site: str, browser: Browser, prefix: str,
                                                 names: tuple[str, str]) -> None:
    lukashenko, protesters = names
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for actor, other in (("lukashenko", protesters), ("protesters", lukashenko)):
        lines = [line for line in relation_lines(page, f"{site}{prefix}actors/{actor}/") if other in line]
        # "Lukashenko opponent of Protesters" and "Protesters oppose Lukashenko": one line, both ways.
        assert len(lines) == 1 and lines[0].count("↔") == 2, (actor, lines)
        assert "→" not in lines[0] and "←" not in lines[0]
    lines = [line for line in relation_lines(page, f"{site}{prefix}actors/putin/") if lukashenko in line]
    # Both negotiate (one line, ↔); Lukashenko depends on Putin, said one way (→).
    assert sorted(line.count("↔") for line in lines) == [0, 2], lines
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/", "ru/", "be/"])
def test_references_with_an_address_link_to_the_work(site: str, browser: Browser, prefix: str) -> None:
    import yaml

    from .conftest import ROOT

    references = yaml.safe_load((ROOT / "content/references.yml").read_text("utf-8"))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}{prefix}about/")
    for ident, entry in references.items():
        hrefs = page.locator(f"li:has(> #ref-{ident}) a").evaluate_all("nodes => nodes.map(n => n.href)")
        expected = [entry[key] for key in ("url", "archive_url") if entry.get(key)]
        assert hrefs == expected, ident
    assert sum(1 for entry in references.values() if entry.get("url")) >= 5
    context.close()


@pytest.mark.parametrize(("prefix", "title"), [("", "Index A–Z"), ("en/", "A–Z index"),
                                               ("ru/", "Указатель А–Я"), ("be/", "Паказальнік А–Я")])
def test_without_javascript_an_a_to_z_of_every_page_replaces_search(site: str, browser: Browser, prefix: str,
                                                                    title: str) -> None:
    from .conftest import ROOT

    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}{prefix}actors/putin/")
    assert not page.locator("label.md-header__button[for=__search]").is_visible()
    link = page.locator(f"header a.explainer-index-link[aria-label='{title}']")
    box = link.bounding_box()
    assert link.is_visible() and box is not None and box["x"] + box["width"] <= 390
    link.click()
    assert page.locator("h1").inner_text() == title
    hrefs = set(page.locator("article li > a").evaluate_all(
        "nodes => nodes.map(node => new URL(node.href).pathname + new URL(node.href).hash)"))
    root = urlsplit(site).path + prefix
    # Every actor and scenario page and every glossary term is there, once.
    for folder in ("actors", "scenarios"):
        for note in (ROOT / "content" / folder).glob("*.nl.md"):
            assert f"{root}{folder}/{note.name.split('.')[0]}/" in hrefs, note
    for term in (ROOT / "content/glossary").glob("*.nl.md"):
        assert f"{root}glossary/#{term.name.split('.')[0]}" in hrefs, term
    # The entries are in the language's alphabetical order, under the letters of its A–Z.
    titles = page.locator("article li > a").all_inner_texts()
    letters = page.locator("nav.explainer-letters a").all_inner_texts()
    headings = [heading.rstrip("¶").strip() for heading in page.locator("article h2").all_inner_texts()]
    assert headings == letters and len(letters) >= 12
    import icu

    collator = icu.Collator.createInstance(icu.Locale(prefix.strip("/") or "nl"))
    assert titles == sorted(titles, key=collator.getSortKey)
    context.close()
    # With scripts, search is there and the link gives way to it (the index stays in the menu).
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{site}{prefix}actors/putin/")
    assert not page.locator("header a.explainer-index-link").is_visible()
    assert page.locator("label.md-header__button[for=__search]").is_visible()
    assert page.locator("nav.md-nav--primary a[href$='a-z/']").count() == 1
    page.close()
