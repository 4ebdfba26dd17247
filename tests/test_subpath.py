"""A site hosted below a path (GitHub Pages project sites: https://<user>.github.io/<repo>/).

The mini site is built for http://127.0.0.1:<port>/repo/ and served from there; a
crawler follows every internal link and anchor of every language and reports each
one that is broken, with the page it is on.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from playwright.sync_api import Browser

from .browser import free_port, serve
from .conftest import run_cli

LINKS = {"a": "href", "link": "href", "script": "src", "img": "src"}


class Page(HTMLParser):
    """An HTML page's language, ids and links (with the language each link announces)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.hreflang: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag in ("a", "link") and values.get("href") and values.get("hreflang") not in (None, "x-default"):
            self.hreflang[str(values["href"])] = str(values["hreflang"])
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        target = values.get(LINKS.get(tag, ""))
        if target is not None:
            self.links.append(target)


@dataclass
class Crawl:
    """Fetched addresses (without fragment) and the problems found."""

    root: str
    status: dict[str, str] = field(default_factory=dict)  # url: "" when it loads, else why not
    texts: dict[str, str | None] = field(default_factory=dict)  # url: its HTML (None: not HTML)
    parsed: dict[str, Page] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def inside(self, url: str) -> bool:
        return url.startswith(self.root)

    def reached(self, url: str, label: str) -> bool:
        """Whether `url` is inside the site and loads; if not, a problem named by `label`."""
        if not self.inside(url):
            self.problems.append(f"{label} is outside the site ({self.root})")
            return False
        self.fetch(url)
        if self.status[url]:
            self.problems.append(f"{label}: {self.status[url]}")
            return False
        return True

    def fetch(self, url: str) -> str | None:
        """The HTML at `url` (None if it is not HTML or does not load), fetched once."""
        if url not in self.status:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    body = response.read()
                    html = response.headers.get_content_type() == "text/html"
                self.status[url] = ""
                self.texts[url] = body.decode("utf-8") if html else None
            except urllib.error.HTTPError as error:
                self.status[url] = f"HTTP {error.code}"
                self.texts[url] = None
        return self.texts[url]

    def page(self, url: str) -> Page | None:
        """The parsed page at `url` (None if it is not an HTML page)."""
        text = self.fetch(url)
        if text is None:
            return None
        if url not in self.parsed:
            self.parsed[url] = Page()
            self.parsed[url].feed(text)
        return self.parsed[url]


def anchor_of(fragment: str) -> str:
    """The element id a fragment points to; a text fragment '#p3:~:text=...' points to p3."""
    return unquote(fragment.split(":~:", 1)[0])


def crawl(root: str, starts: list[str], error_pages: dict[str, str]) -> Crawl:
    """Follow every internal link and anchor from `starts` (and from the 404 pages)."""
    state = Crawl(root)
    anchors: list[tuple[str, str, str, str]] = []  # (source, link, target, anchor)
    queue: deque[tuple[str, str]] = deque((url, url) for url in starts)  # (where the HTML is, base)
    # A 404 page is shown at whatever address was missing: its links must work from any depth.
    queue.extend(error_pages.items())
    seen: set[tuple[str, str]] = set()
    while queue:
        location, base = queue.popleft()
        if (location, base) in seen:
            continue
        seen.add((location, base))
        page = state.page(location)
        if page is None:
            continue
        source = location if location == base else f"{location} (shown at {base})"
        for link in page.links:
            target = urljoin(base, link)
            if urlsplit(target).scheme not in ("http", "https"):
                continue  # data:, mailto:, javascript:
            url, fragment = urldefrag(target)
            if urlsplit(url).netloc != urlsplit(root).netloc:
                if not urlsplit(link).scheme:  # '//de/' is a link to a host named 'de'
                    state.problems.append(f"{source}: {link} -> {url} leaves the site")
                continue  # another site, linked to on purpose: not ours to check
            if not state.reached(url, f"{source}: {link} -> {url}"):
                continue
            if state.texts[url] is not None:
                queue.append((url, url))
                # The language selector and alternates: a link to German must lead to German.
                if link in page.hreflang:
                    reached = state.page(url)
                    if reached is not None and reached.lang != page.hreflang[link]:
                        state.problems.append(f"{source}: {link} (hreflang {page.hreflang[link]}) "
                                              f"-> {url} is in {reached.lang!r}")
            if fragment and anchor_of(fragment):
                anchors.append((source, link, url, anchor_of(fragment)))
    for source, link, url, anchor in anchors:
        target_page = state.page(url)
        if target_page is None or anchor not in target_page.ids:
            state.problems.append(f"{source}: {link} -> no element with id {anchor!r} in {url}")
    return state


def sitemap_links(root: str, crawled: Crawl, paths: list[str]) -> None:
    """Every address in the sitemaps (pages and their hreflang alternates) loads."""
    for path in paths:
        with urllib.request.urlopen(root + path, timeout=30) as response:
            xml = response.read().decode("utf-8")
        for found in re.findall(r'<loc>([^<]+)</loc>|href="([^"]+)"', xml):
            address = urljoin(root + path, found[0] or found[1])
            crawled.reached(address, f"{path}: {address}")


def check(mini: Path, tmp_path: Path, path: str, site_url: bool) -> None:
    """Build the mini site to be served at `path`, serve it there and crawl every language."""
    port = free_port()
    root = f"http://127.0.0.1:{port}/{path}"
    config = mini / "mkdocs.yml"
    if site_url:
        config.write_text(f"site_url: {root}\n" + config.read_text("utf-8"), "utf-8")
    www = tmp_path / "www"
    result = run_cli("-f", config, "build", "-d", www / path)
    assert result.code == 0, result.err
    with serve(www, port=port) as base:
        assert base + path == root
        crawled = crawl(root, [root, root + "de/"], {
            root + "404.html": root + "no/such/page/",
            root + "de/404.html": root + "de/no/such/page/",
        })
        sitemap_links(root, crawled, ["sitemap.xml", "de/sitemap.xml"])
    pages = [url for url, text in crawled.texts.items() if text is not None]
    # The crawl reached every page of both languages, not just a few.
    for page in ("", "actors/fishers/", "scenarios/temporary-quay/", "glossary/", "source/",
                 "de/", "de/actors/fishers/", "de/source/", "de/about/translations/"):
        assert root + page in pages, page
    assert crawled.problems == [], "\n".join(crawled.problems)


def test_every_link_and_anchor_works_below_a_path(mini: Path, tmp_path: Path) -> None:
    check(mini, tmp_path, "repo/", site_url=True)


def test_every_link_and_anchor_works_at_the_root_without_site_url(mini: Path, tmp_path: Path) -> None:
    # Without site_url MkDocs assumes the server root for the 404 pages; the rest is relative.
    check(mini, tmp_path, "", site_url=False)


def hrefs(html: str, marker: str) -> list[str]:
    """The href of every tag that carries `marker` (a class, a rel) in its attributes."""
    return [re.search(r'href="([^"]*)"', tag)[1] for tag in re.findall(r"<(?:a|link) [^>]*>", html)
            if marker in tag and "href=" in tag]


def test_a_missing_address_gets_every_language_and_each_404_stays_in_its_own(
        mini: Path, tmp_path: Path, browser: Browser) -> None:
    # GitHub Pages answers every missing address with the root 404.html, /repo/de/... included.
    port = free_port()
    root = f"http://127.0.0.1:{port}/repo/"
    config = mini / "mkdocs.yml"
    config.write_text(f"site_url: {root}\n" + config.read_text("utf-8"), "utf-8")
    www = tmp_path / "www"
    assert run_cli("-f", config, "build", "-d", www / "repo").code == 0
    with serve(www, port=port, not_found=www / "repo/404.html"):
        context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
        page = context.new_page()
        response = page.goto(root + "de/no/such/page/")
        assert response is not None and response.status == 404
        # Styled from any depth: the theme's stylesheet loaded from the site's root.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        german = page.locator('section[lang="de"]')
        assert german.locator("h2").inner_text() == "Seite nicht gefunden"
        german.get_by_role("link", name="Zur Startseite").click()
        page.wait_for_url(root + "de/")
        assert page.locator("html").get_attribute("lang") == "de"
        page.goto(root + "no/such/page/")
        assert page.locator('section[lang="en"] h1').inner_text() == "Page not found"
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_url(root)
        context.close()
    # The German 404 (a host that serves each folder's own) links German pages only.
    german_404 = (www / "repo/de/404.html").read_text("utf-8")
    navigation = hrefs(german_404, "md-nav__link")
    assert navigation and all(href.startswith("/repo/de/") for href in navigation), navigation
    assert "Page not found" not in german_404 and 'lang="en"' not in german_404.split("<article")[1]


def test_without_site_url_each_404_links_its_own_language(mini: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    german_404 = (mini / "site/de/404.html").read_text("utf-8")
    navigation = hrefs(german_404, "md-nav__link")
    assert navigation and all(href.startswith("/de/") for href in navigation), navigation
    stylesheets = hrefs(german_404, 'rel="stylesheet"')
    assert stylesheets and all(href.startswith("/assets/") for href in stylesheets), stylesheets
    root_404 = (mini / "site/404.html").read_text("utf-8")
    assert '<a href="/de/">Zur Startseite</a>' in root_404
    assert '<a href="/">Go to the home page</a>' in root_404
