"""The offline copy: a zip of the whole site that works when opened from disk."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from .browser import chromium
from .conftest import run_cli


def test_offline_zip_works_from_disk_with_search(mini: Path, tmp_path: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    archive = mini / "site/offline.zip"
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert (mini / "site/offline.zip.sha256").read_text("utf-8") == f"{digest}  offline.zip\n"
    # Every language's about page offers the download with its checksum.
    for about, href in [("about/index.html", "../offline.zip"), ("de/about/index.html", "../../offline.zip")]:
        page = (mini / "site" / about).read_text("utf-8")
        assert f'<a href="{href}" download>' in page and f"<code>{digest}</code>" in page
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert names == sorted(names)
        assert "site/index.html" in names and "site/de/search/search_index.js" in names
        # One copy of Material's assets serves every language, and no source maps.
        assert any(name.startswith("site/assets/javascripts/bundle.") for name in names)
        assert not any(name.startswith("site/de/assets/") for name in names)
        assert not any(name.endswith(".map") for name in names)
        assert opened.testzip() is None
        opened.extractall(tmp_path)
    copy = tmp_path / "site"
    assert "Sie lesen die Offline-Kopie dieser Website." in (copy / "de/about/index.html").read_text("utf-8")
    errors: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((copy / "de/index.html").as_uri())
        page.locator("nav.md-nav--primary").get_by_role("link", name="Akteure").first.click()
        page.wait_for_url(re.compile(r"/de/actors/index\.html$"))
        page.locator("article").get_by_role("link", name="Stadtrat").click()
        page.wait_for_url(re.compile(r"/de/actors/council/index\.html$"))
        query = page.locator("input[data-md-component=search-query]")
        query.click()
        query.press_sequentially("Stadtrat", delay=30)
        page.locator(".md-search-result__item").first.wait_for()
        # A result opens its page, not a listing of the page's folder.
        page.locator(".md-search-result__item > a").first.click()
        page.wait_for_url(re.compile(r"/de/[^#]*index\.html(#.*)?$"))
        assert page.locator("article h1").count() == 1
        page.close()
    assert errors == []


def test_offline_pages_link_to_files_and_share_the_default_languages_assets() -> None:
    from build_scripts.site.offline import SHIM, _rewrite_page

    page = ('<html><head><link href="../../assets/main.css" rel="stylesheet">'
            '<script id="__config" type="application/json">{"features": ["navigation.instant", '
            '"toc.follow"], "search": "../../assets/workers/search.js"}</script></head><body>'
            '<a href="../">up</a> <a href="..">root</a> <a href="../lukashenko/#p3">L</a> '
            '<a href="./?q=1">here</a> <a href="https://example.org/">out</a> <a href="#top">top</a> '
            '<a href="/abs/">abs</a> <a data-href="x/">data</a> <a href="mailto:a@b.c">mail</a>'
            '<script src="../../assets/bundle.js"></script></body></html>')
    shared = {f"de/{name}": name for name in
              ["assets/main.css", "assets/workers/search.js", "assets/bundle.js", SHIM]}
    out = _rewrite_page(page, "de/actors/putin/index.html", 2, shared)
    for expected in ['href="../../../assets/main.css"', '"search":"../../../assets/workers/search.js"',
                     '"features":["toc.follow"]', 'href="../index.html"', 'href="../index.html">root',
                     'href="../lukashenko/index.html#p3"', 'href="./index.html?q=1"',
                     'href="https://example.org/"', 'href="#top"', 'href="/abs/"', 'data-href="x/"',
                     'href="mailto:a@b.c"',
                     f'<script src="../../../{SHIM}"></script><script src="../../../assets/bundle.js">']:
        assert expected in out, expected
