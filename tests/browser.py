"""A real browser (Debian's Chromium via Playwright) on a site served from localhost."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, sync_playwright

from .conftest import CHROMIUM, CHROMIUM_ARGS


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Pages(_Quiet):
    """The cache header GitHub Pages sends with every file."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class _PagesNotFound(_Pages):
    """GitHub Pages for a missing address: the site's root 404.html, whatever the path."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def record_foreign_and_errors(page: Page, own: str) -> tuple[list[str], list[str]]:
    """Lists that fill, as `page` is used, with its requests to hosts other than `own`
    (host:port) and its console errors and uncaught exceptions."""
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own
            else None)
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    return foreign, errors


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(folder: Path, port: int = 0, *, pages_headers: bool = False,
          not_found: Path | None = None) -> Iterator[str]:
    """Serve `folder` on localhost (a free port by default); yields the base URL ending in '/'.

    With `pages_headers`, files may be cached for ten minutes, as GitHub Pages allows.
    With `not_found` (a site's root 404.html), a missing address gets it, as on GitHub Pages.
    """
    kind: type[_Quiet] = _Pages if pages_headers else _Quiet
    if not_found is not None:
        kind = type("NotFound", (_PagesNotFound,), {"not_found": not_found})
    handler = functools.partial(kind, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def search(page: Page, words: str) -> list[str]:
    """Type `words` into Material's search on the open page; the result links' hrefs."""
    page.wait_for_function("() => document.querySelector('.md-search__output') !== null")
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    query.press_sequentially(words, delay=30)
    # Non-Latin text is typed without key events; a real keyboard ends with a key press.
    query.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    # In one step: Material may re-render the list while it is read.
    return page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(link => link.getAttribute('href') || '')")


# Material's bundle: loaded on a reader's first interaction (theme/main.html).
BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def interact(page: Page) -> None:
    """A reader's first sign of life (the mouse moves); returns once Material's scripts have run."""
    page.mouse.move(20, 300)
    page.mouse.move(30, 310)
    page.wait_for_selector("html[data-explainer-scripts=loaded]", state="attached")


def hold(page: Page, pattern: re.Pattern[str]) -> list[Route]:
    """Hold back the requests for `pattern` (as a slow network would) until released."""
    held: list[Route] = []
    page.route(pattern, lambda route: held.append(route))
    return held


def arrived(page: Page, held: list[Route]) -> Route:
    """The held request, once the page has made it."""
    for _ in range(400):
        if held:
            return held[0]
        page.wait_for_timeout(25)
    raise AssertionError("the page never asked for the held script")
