"""`explainer serve`: saving a content file refreshes the page in the browser."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .browser import chromium, free_port


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served at {url}")


def test_editing_content_refreshes_the_browser(mini: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "build_scripts.cli", "serve", "-l", "de", "-a", f"127.0.0.1:{port}"],
        cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/de/actors/council/"
        wait_for(url)
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            assert page.locator("h1").first.inner_text().rstrip("¶") == "Stadtrat"
            note = mini / "content/actors/council.de.md"
            note.write_text(note.read_text("utf-8").replace("title: Stadtrat",
                                                            "title: Gemeinderat"), "utf-8")
            page.wait_for_function(
                "() => document.querySelector('h1').textContent.startsWith('Gemeinderat')",
                timeout=30_000,
            )
            # A broken edit keeps the last good page and says what is wrong.
            note.write_text("---\ntitle: [broken\n---\n", "utf-8")
            time.sleep(3)
            page.reload()
            assert page.locator("h1").first.inner_text().rstrip("¶") == "Gemeinderat"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "content/actors/council.de.md:2: YAML syntax error" in output
    assert "Traceback" not in output
