"""`explainer serve`: saving a content file refreshes the page in the browser, and a
broken one shows its problems on the page until it is fixed."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from .browser import chromium, free_port

WAIT = 30_000  # ms: a rebuild of the mini project takes a second or two
HEADING = "The preview is out of date: fix these problems"


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:  # an answer all the same (a page of problems)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served at {url}")


@dataclass
class Served:
    url: str
    output: str = ""


@contextmanager
def explainer_serve(project: Path, page: str) -> Iterator[Served]:
    """`explainer serve -l de` on a free port in `project`, stopped afterwards whatever happens."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "build_scripts", "serve", "-l", "de", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    served = Served(f"http://127.0.0.1:{port}/{page}")
    try:
        wait_for(served.url)
        yield served
    finally:
        process.terminate()
        try:
            served.output = process.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            served.output = process.communicate()[0]


def title(page: Page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶")


def wait_for_text(page: Page, text: str) -> None:
    """Wait, without reloading, until the page (reloaded by the server or not) shows `text`."""
    page.wait_for_function("text => document.body && document.body.innerText.includes(text)",
                           arg=text, timeout=WAIT)


def test_editing_content_refreshes_the_browser(mini: Path) -> None:
    with explainer_serve(mini, "de/actors/council/") as served, chromium() as browser:
        page = browser.new_page()
        page.goto(served.url)
        assert title(page) == "Stadtrat"
        note = mini / "content/actors/council.de.md"
        note.write_text(note.read_text("utf-8").replace("title: Stadtrat",
                                                        "title: Gemeinderat"), "utf-8")
        page.wait_for_function(
            "() => document.querySelector('h1').textContent.startsWith('Gemeinderat')",
            timeout=WAIT,
        )
    assert "Traceback" not in served.output


def test_a_broken_note_shows_its_problems_on_the_page_until_fixed(mini: Path) -> None:
    note = mini / "content/actors/council.de.md"
    good = note.read_text("utf-8")
    with explainer_serve(mini, "de/actors/council/") as served, chromium() as browser:
        page = browser.new_page()
        page.goto(served.url)
        assert title(page) == "Stadtrat"
        note.write_text("---\ntitle: [broken\n---\n", "utf-8")
        # The same line as `explainer check` prints, on the page the editor looks at.
        wait_for_text(page, "content/actors/council.de.md:2: YAML syntax error")
        assert title(page) == HEADING
        # Every page of the preview says so, not only the one that was open.
        page.goto(served.url.replace("actors/council/", ""))
        assert title(page) == HEADING
        page.goto(served.url)
        note.write_text(good.replace("title: Stadtrat", "title: Gemeinderat"), "utf-8")
        page.wait_for_function(
            "() => (document.querySelector('h1') || {textContent: ''}).textContent"
            ".startsWith('Gemeinderat')", timeout=WAIT,
        )
    assert "content/actors/council.de.md:2: YAML syntax error" in served.output
    assert "Traceback" not in served.output


def test_problems_quoting_markup_are_shown_as_text_never_run(mini: Path) -> None:
    # Broken before the first build: no page has been built yet, so every address is
    # missing, and the problems are shown all the same.
    german = mini / "content/actors/council.de.md"
    english = mini / "content/actors/council.en.md"
    good_german, good_english = german.read_text("utf-8"), english.read_text("utf-8")
    german.write_text(good_german.replace(
        "title: Stadtrat", 'title: Stadtrat\n"<script>window.pwned = 1</script>": x'), "utf-8")
    english.write_text(good_english.replace(
        "actor: fishers", 'actor: "<img src=x onerror=window.pwned=2>"'), "utf-8")
    with explainer_serve(mini, "de/actors/council/") as served, chromium() as browser:
        page = browser.new_page()
        page.goto(served.url)
        wait_for_text(page, HEADING)
        page.wait_for_load_state("load")  # a broken image's onerror would have run by now
        assert page.evaluate("() => window.pwned") is None
        assert page.locator("main script, main img").count() == 0
        wait_for_text(page, "<script>window.pwned = 1</script>: unknown field")
        wait_for_text(page, "'<img src=x onerror=window.pwned=2>' is not an id")
        # Fixed, the real page comes back by itself.
        german.write_text(good_german, "utf-8")
        english.write_text(good_english, "utf-8")
        page.wait_for_function(
            "() => (document.querySelector('h1') || {textContent: ''}).textContent"
            ".startsWith('Stadtrat')", timeout=WAIT,
        )
    assert "Traceback" not in served.output


def test_a_template_override_made_while_serving_is_picked_up(mini: Path) -> None:
    # The mini project has no overrides/ folder: the first override is made during the preview.
    assert not (mini / "overrides").exists()
    with explainer_serve(mini, "de/actors/council/") as served, chromium() as browser:
        page = browser.new_page()
        page.goto(served.url)
        assert title(page) == "Stadtrat"
        template = mini / "overrides/explainer/actor.md.j2"
        template.parent.mkdir(parents=True)
        template.write_text("# {{ page.title | md }}\n\nOverridden for {{ language }}.\n", "utf-8")
        wait_for_text(page, "Overridden for de.")
        # Edited again, now that the folder is watched.
        template.write_text("# {{ page.title | md }}\n\nEdited for {{ language }}.\n", "utf-8")
        wait_for_text(page, "Edited for de.")
    assert "Traceback" not in served.output
