"""The same reader checks on both engines: MkDocs + Material (the default) and Zensical.

Each check runs on the shipped explainer built by `explainer build` and by
`explainer build --engine zensical` (translation notices and hreflang on the small
fixture, whose German has missing and outdated pages). What Zensical cannot do yet is
marked xfail with the reason; README's Engines table says the same.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from build_scripts import project as project_module

from .conftest import FIXTURES, ROOT, copy_project, run_cli

ENGINES = ["mkdocs", "zensical"]
HAS_ZENSICAL = importlib.util.find_spec("zensical") is not None
NO_ZENSICAL = "zensical is not installed (pip install -e '.[zensical]'; make test installs it)"
PAGES = ["", "background/", "actors/", "scenarios/", "glossary/", "source/", "about/",
         "about/translations/"]
LANGUAGES = {"nl": "", "en": "en/", "ru": "ru/", "be": "be/"}


def engine_params() -> list:
    skip = pytest.mark.skipif(not HAS_ZENSICAL, reason=NO_ZENSICAL)
    return ["mkdocs", pytest.param("zensical", marks=skip)]


def build(project: Path, engine: str) -> Path:
    args = ["-f", project / "mkdocs.yml", "build"]
    if engine != "mkdocs":
        args += ["--engine", engine]
    result = run_cli(*args)
    assert result.code == 0, result.err
    return project / "site"


@pytest.fixture(scope="module", params=engine_params())
def shipped_built(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(engine, site folder) of the shipped explainer, built by that engine."""
    target = tmp_path_factory.mktemp(f"shipped-{request.param}")
    for name in ("seeds", "content", "docs"):
        copy_project(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    yield request.param, build(target, request.param)


@pytest.fixture(scope="module", params=engine_params())
def mini_built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(engine, site folder) of the English/German fixture with a site address."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp(f"mini-{request.param}") / "mini")
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://example.org/harbour/\n" + config.read_text("utf-8"), "utf-8")
    return request.param, build(root, request.param)


def xfail_on(engine: str, which: str, reason: str) -> None:
    if engine == which:
        pytest.xfail(reason)


def read(path: Path) -> str:
    return path.read_text("utf-8")


def actors() -> list[str]:
    return sorted({p.name.split(".")[0] for p in (ROOT / "content/actors").glob("*.md")})


def test_every_page_type_in_every_language_with_lang_and_dir(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    for language, prefix in LANGUAGES.items():
        root = site / prefix
        for page in [*PAGES, *(f"actors/{actor}/" for actor in actors()),
                     "scenarios/russian-intervention/"]:
            path = root / page / "index.html"
            assert path.is_file(), path
            assert re.search(rf'<html lang="{language}" dir="ltr"', read(path)), path
        assert re.search(rf'<html lang="{language}" dir="ltr"', read(root / "404.html"))
        assert (root / "sitemap.xml").is_file()


def test_glossary_links_with_their_summaries(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    page = read(site / "ru/background/index.html")
    article = page.split('class="md-content"', 1)[1]
    links = re.findall(r'<a class="explainer-term" href="([^"]+)" title="([^"]+)"', article)
    assert len(links) >= 5, links
    assert all(href.startswith("../glossary/#") for href, _ in links), links
    assert len({href for href, _ in links}) == len(links), "a term linked twice on one page"


def test_language_selector_leads_to_the_same_page(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    page = read(site / "en/actors/putin/index.html")
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"[^>]*class="md-select__link"', page)
    assert links == [("../../../actors/putin/", "nl"), ("../../../en/actors/putin/", "en"),
                     ("../../../ru/actors/putin/", "ru"), ("../../../be/actors/putin/", "be")]


def test_glossary_in_the_languages_own_order(shipped_built: tuple[str, Path]) -> None:
    from .conftest import glossary_index

    _, site = shipped_built
    entries, initials = glossary_index(read(site / "be/glossary/index.html"))
    assert len(entries) >= 5 and initials


# What a page asks the browser to fetch: scripts, styles, icons, pictures, frames, fonts.
FETCHED = re.compile(r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\s(?:src|srcset)="([^"]*)"'
                     r'|<link\b(?![^>]*rel="(?:alternate|canonical)")[^>]*\shref="([^"]*)"'
                     r"|url\(\s*['\"]?([^'\")]*)|@import\s+['\"]([^'\"]*)")


def test_no_request_to_another_host(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    foreign = set()
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        for match in FETCHED.finditer(read(path)):
            url = next(group for group in match.groups() if group is not None)
            if re.match(r"(?:https?:)?//", url.strip()):
                foreign.add((path.relative_to(site).as_posix(), url))
    assert foreign == set()


def test_pages_carry_their_text_without_javascript(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    for prefix in LANGUAGES.values():
        for page in PAGES:
            text = read(site / prefix / page / "index.html")
            article = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', text, re.S)
            assert article, (prefix, page)
            words = re.sub(r"<[^>]+>", " ", article.group(1))
            assert len(words.split()) > 30, (prefix, page)


def test_every_page_body_passes_the_sanitizer(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    for path in site.rglob("*.html"):
        text = read(path)
        assert "javascript:" not in text.split('class="md-content"', 1)[-1].split("</article>")[0], path


def test_one_copy_of_the_theme_for_every_language(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    for prefix in ("en/", "ru/", "be/"):
        assert not (site / prefix / "assets/javascripts").exists(), prefix
    page = read(site / "ru/actors/putin/index.html")
    assert re.search(r'<script src="\.\./\.\./\.\./assets/javascripts/bundle\.[0-9a-f]+\.min\.js"', page)


def test_search_index_per_language_with_name_forms(shipped_built: tuple[str, Path]) -> None:
    engine, site = shipped_built
    xfail_on(engine, "zensical", "Zensical writes its own search.json with its own worker: the "
             "name forms (search_index.py) and Material's lunr languages are not applied to it")
    index = read(site / "ru/search/search_index.json")
    assert '"forms"' in index


def test_offline_copy(shipped_built: tuple[str, Path]) -> None:
    import zipfile

    engine, site = shipped_built
    assert (site / "offline.zip").is_file()
    for prefix in LANGUAGES.values():
        assert "offline.zip\" download>" in read(site / prefix / "about/index.html"), prefix
    index = "search.js" if engine == "zensical" else "search/search_index.js"
    with zipfile.ZipFile(site / "offline.zip") as opened:
        names = set(opened.namelist())
        assert {f"site/{prefix}{index}" for prefix in LANGUAGES.values()} <= names
        assert not any(name.startswith("site/ru/assets/") for name in names)


def test_the_offline_copy_reads_and_searches_from_disk(mini_built: tuple[str, Path], tmp_path: Path,
                                                       browser: Browser) -> None:
    import zipfile

    from .browser import interact, search

    engine, site = mini_built
    with zipfile.ZipFile(site / "offline.zip") as opened:
        opened.extractall(tmp_path)
    copy = tmp_path / "site"
    assert "Sie lesen die Offline-Kopie dieser Website." in read(copy / "de/about/index.html")
    errors: list[str] = []
    page = browser.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((copy / "de/index.html").as_uri())
    page.locator("nav.md-nav--primary").get_by_role("link", name="Akteure").first.click()
    page.wait_for_url(re.compile(r"/de/actors/index\.html$"))
    page.locator("article").get_by_role("link", name="Stadtrat").click()
    page.wait_for_url(re.compile(r"/de/actors/council/index\.html$"))
    if engine == "zensical":
        interact(page)
        # Zensical's results are in a shadow root (CSS locators reach into it).
        links = page.locator("a[href*='council/index.html']")
        before = links.count()
        page.locator(".md-search__button").first.click()
        page.keyboard.type("Stadtrat", delay=30)
        for _ in range(150):
            if links.count() > before:
                break
            page.wait_for_timeout(100)
        assert links.count() > before, "no search result from disk"
    else:
        assert any("council/index.html" in href for href in search(page, "Stadtrat"))
    page.close()
    assert errors == []


def test_translation_notices_in_the_readers_language(mini_built: tuple[str, Path]) -> None:
    _, site = mini_built
    missing = read(site / "de/actors/fishers/index.html")
    assert 'data-translation="missing"' in missing
    assert "Diese Seite ist noch nicht übersetzt (Deutsch); Sie lesen das Original (Englisch)." in missing
    outdated = read(site / "de/index.html")
    notice = re.search(r'<div class="explainer-notice" data-translation="outdated">(.*?)</div>',
                       outdated, re.S)
    assert notice, "no outdated notice"
    assert '<a href="../" hreflang="en">Original lesen</a>' in notice.group(1)
    current = read(site / "de/actors/council/index.html")
    assert "data-translation" not in current.split('class="md-content"')[1]


def test_hreflang_names_only_real_translations(mini_built: tuple[str, Path]) -> None:
    _, site = mini_built
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">',
                       read(site / "de/actors/council/index.html"))
    assert found == [("en", "https://example.org/harbour/actors/council/"),
                     ("x-default", "https://example.org/harbour/actors/council/"),
                     ("de", "https://example.org/harbour/de/actors/council/")]
    fallback = read(site / "de/actors/fishers/index.html")
    assert 'hreflang="de" href="https://example.org/harbour/de/actors/fishers/"' not in fallback


def test_the_project_is_loaded_as_the_engine_sees_it(mini_built: tuple[str, Path]) -> None:
    _, site = mini_built
    project = project_module.load(site.parent / "mkdocs.yml")
    assert project.languages == ("en", "de")
    assert (site / ".explainer-site").exists()  # made by the build: a later build may replace it


# In a real browser: what a reader on the site gets from each engine's build.


@pytest.fixture(scope="module")
def served(shipped_built: tuple[str, Path]) -> Iterator[tuple[str, str]]:
    from .browser import serve

    engine, site = shipped_built
    with serve(site) as url:
        yield engine, url


def test_in_a_browser_no_foreign_request_and_no_console_error(served: tuple[str, str],
                                                              browser: Browser) -> None:
    from .browser import interact, record_foreign_and_errors

    _, site = served
    own = urlsplit(site).netloc
    page = browser.new_page()
    foreign, errors = record_foreign_and_errors(page, own)
    for prefix in ("", "ru/"):
        for path in ("", "actors/lukashenko/", "glossary/", "404.html"):
            page.goto(site + prefix + path)
            page.wait_for_load_state("networkidle")
            interact(page)
            page.wait_for_load_state("networkidle")
    page.close()
    assert foreign == []
    assert errors == []


def test_in_a_browser_every_page_reads_without_javascript(served: tuple[str, str], browser: Browser) -> None:
    _, site = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for prefix in LANGUAGES.values():
        for path in PAGES:
            page.goto(site + prefix + path)
            article = page.locator("article.md-content__inner")
            assert article.is_visible(), (prefix, path)
            assert len(article.inner_text()) > 200, (prefix, path)
            assert page.locator("h1").first.is_visible()
    page.goto(site + "background/")
    assert page.locator("svg.explainer-timeline-figure.explainer-wide").is_visible()
    context.close()


def test_in_a_browser_search_finds_a_name(served: tuple[str, str], browser: Browser) -> None:
    engine, site = served
    page = browser.new_page()
    page.goto(site + "en/")
    if engine == "zensical":
        # Zensical's search is a dialog of its own (its results in a shadow root, which
        # Playwright's CSS locators reach into), opened by a button.
        from .browser import interact

        interact(page)
        page.locator(".md-search__button").first.click()
        page.keyboard.type("Lukashenko", delay=30)
        found = page.locator("a[href*='/en/actors/lukashenko/']")
        found.first.wait_for(state="attached")
        results = found.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    else:
        from .browser import search

        results = search(page, "Lukashenko")
        assert any("actors/lukashenko/" in href for href in results), results
    page.close()
    assert results, "no result"


def test_in_a_browser_search_finds_an_inflected_name(served: tuple[str, str], browser: Browser) -> None:
    """A form only the note lists ("Лукашенку"), found through search_index.py's added forms."""
    engine, site = served
    xfail_on(engine, "zensical", "the name forms are added to MkDocs' search index only "
             "(search_index.py); Zensical's search.json has none")
    from .browser import search

    page = browser.new_page()
    page.goto(site + "ru/")
    results = search(page, "Лукашенку")
    page.close()
    assert any("actors/lukashenko/" in href for href in results), results


# Failures: one line, no traceback, the last good site kept (as with the MkDocs engine).

needs_zensical = pytest.mark.skipif(not HAS_ZENSICAL, reason=NO_ZENSICAL)


@needs_zensical
def test_a_zensical_failure_fails_the_build_and_keeps_the_site(mini: Path) -> None:
    from .conftest import tree_digest
    from .test_build import with_overrides

    assert run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "zensical").code == 0
    before = tree_digest(mini / "site")
    with_overrides(mini)
    (mini / "overrides/partials").mkdir(parents=True)
    (mini / "overrides/partials/footer.html").write_text("{% if %}\n", "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "zensical")
    assert result.code == 1
    assert "[en] Zensical failed: " in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) <= 2, result.err
    assert tree_digest(mini / "site") == before
    assert not list(mini.glob(".site.staging-*"))


@needs_zensical
def test_content_problems_stop_a_zensical_build_before_it_starts(mini: Path) -> None:
    council = mini / "content/actors/council.en.md"
    council.write_text(council.read_text("utf-8").replace("actor: fishers", "actor: nobody"), "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "zensical")
    assert result.code == 1
    assert "relations[0].actor: unknown actor 'nobody'" in result.err
    assert "Traceback" not in result.err
    assert not (mini / "site").exists()


def test_an_unknown_engine_is_refused_in_one_line(mini: Path) -> None:
    result = run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "hugo")
    assert result.code == 2
    assert "invalid choice: 'hugo'" in result.err and "Traceback" not in result.err


@needs_zensical
def test_serve_with_zensical_refreshes_the_page_and_shows_problems(mini: Path, browser: Browser) -> None:
    """`explainer serve --engine zensical`: the same live-reload server, Zensical's builds."""
    import subprocess
    import sys

    from .browser import free_port
    from .test_serve import HEADING, WAIT, title, wait_for, wait_for_text

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "build_scripts", "serve", "--engine", "zensical", "-l", "de",
         "-a", f"127.0.0.1:{port}"], cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    note = mini / "content/actors/council.de.md"
    good = note.read_text("utf-8")
    try:
        url = f"http://127.0.0.1:{port}/de/actors/council/"
        wait_for(url, 120)
        page = browser.new_page()
        page.goto(url)
        assert title(page) == "Stadtrat"
        assert 'content="zensical-' in page.content()
        note.write_text(good.replace("title: Stadtrat", "title: Gemeinderat"), "utf-8")
        page.wait_for_function(
            "() => document.querySelector('h1').textContent.startsWith('Gemeinderat')", timeout=WAIT)
        note.write_text("---\ntitle: [broken\n---\n", "utf-8")
        wait_for_text(page, "content/actors/council.de.md:2: YAML syntax error")
        assert title(page) == HEADING
    finally:
        process.terminate()
        try:
            output = process.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0]
    assert "Traceback" not in output, output


@pytest.mark.parametrize("engine", engine_params())
def test_a_warning_fails_the_build_strict_as_mkdocs(mini: Path, engine: str) -> None:
    """A maintainer's override that links to no page: a warning, so the build fails (strict)."""
    from .test_templates import override, package_template

    override(mini, "about.md.j2", package_template("about.md.j2") + "\n[Nowhere](nowhere.md)\n")
    args = ["--engine", engine] if engine != "mkdocs" else []
    result = run_cli("-f", mini / "mkdocs.yml", "build", *args)
    assert result.code == 1, result.out
    assert "nowhere.md" in result.err or "does not exist" in result.err, result.err
    assert "Traceback" not in result.err
    if engine == "zensical":
        assert "[en] docs/about/index.md:" in result.err and "page does not exist" in result.err, result.err
    assert not (mini / "site").exists()


def test_in_a_browser_without_javascript_the_scheme_follows_the_system(served: tuple[str, str],
                                                                        browser: Browser) -> None:
    from .test_reader import COLOURS

    _, site = served
    seen = {}
    for scheme in ("dark", "light"):
        for scripts in (True, False):
            context = browser.new_context(color_scheme=scheme, java_script_enabled=scripts)
            page = context.new_page()
            page.goto(site + "ru/actors/")
            seen[scheme, scripts] = page.evaluate(COLOURS)
            context.close()
    assert seen["dark", False] == seen["dark", True]
    assert seen["light", False] == seen["light", True]
    assert seen["dark", False] != seen["light", False]


@needs_zensical
def test_two_zensical_builds_are_byte_for_byte_the_same(mini: Path, tmp_path: Path) -> None:
    from .conftest import tree_digest

    digests = []
    for attempt in ("first", "second"):
        result = run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "zensical",
                         "-d", mini / f"site-{attempt}")
        assert result.code == 0, result.err
        digests.append(tree_digest(mini / f"site-{attempt}"))
    assert digests[0] == digests[1]


def test_each_languages_404_page_links_its_own_pages(shipped_built: tuple[str, Path]) -> None:
    _, site = shipped_built
    russian = read(site / "ru/404.html")
    assert '<section class="explainer-notfound" lang="ru">' in russian
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', russian)
    assert links and all(link.startswith("/ru/") for link in links), links
    # The root one speaks every language.
    root = read(site / "404.html")
    for language in LANGUAGES:
        assert f'<section class="explainer-notfound" lang="{language}">' in root, language


def test_the_footer_names_the_engine_that_made_the_site(shipped_built: tuple[str, Path]) -> None:
    engine, site = shipped_built
    footer = read(site / "en/index.html").split('class="md-copyright"', 1)[1]
    name = "Zensical" if engine == "zensical" else "Material for MkDocs"
    assert f'rel="noopener">{name}</a>' in footer


@needs_zensical
@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_an_interrupted_zensical_build_ends_its_zensical_processes(mini: Path, how: str) -> None:
    import os
    import signal
    import time

    from .conftest import tree_digest
    from .test_interrupted import alive, children, staging_folders, start_build

    fishers = read(mini / "content/actors/fishers.en.md")
    for number in range(1, 301):  # a build long enough to be interrupted
        (mini / f"content/actors/fleet-{number}.en.md").write_text(
            fishers.replace("Fishers association", f"Fleet {number}"), "utf-8")
    assert run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "zensical").code == 0
    before = tree_digest(mini / "site")
    build = start_build(mini, "--engine", "zensical")
    deadline = time.monotonic() + 120
    while len(children(build.pid)) < 2 and time.monotonic() < deadline:
        assert build.poll() is None, build.communicate()
        time.sleep(0.05)
    running = children(build.pid)
    assert len(running) >= 2, "no zensical processes started"
    time.sleep(0.5)
    if how == "SIGINT":
        os.killpg(build.pid, signal.SIGINT)  # what a terminal does: the whole process group
    else:
        os.kill(build.pid, getattr(signal, how))
    _, err = build.communicate(timeout=60)
    time.sleep(1)
    # Whatever ended the build, its zensical processes ended with it.
    assert [pid for pid in running if alive(pid)] == []
    assert tree_digest(mini / "site") == before
    if how != "SIGKILL":
        assert build.returncode == 130, err
        assert err.splitlines() == ["explainer build: interrupted; the site folder holds the last "
                                    "complete build"]
        assert staging_folders(mini) == []
    else:  # no chance to clean up: the next build removes what the killed one left
        result = run_cli("-f", mini / "mkdocs.yml", "build", "--engine", "zensical")
        assert result.code == 0, result.err
        assert staging_folders(mini) == []
