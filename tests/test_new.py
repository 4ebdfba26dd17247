"""`explainer new`: a new project from one article builds at once, or nothing is written."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .browser import search as search_results
from .browser import serve
from .conftest import FIXTURES, ROOT, run_cli

ARTICLES = FIXTURES / "new"
PAGES = ("index.html", "background/index.html", "actors/index.html", "actors/example-actor/index.html",
         "scenarios/example-scenario/index.html", "glossary/index.html", "source/index.html",
         "about/index.html", "404.html")


def new(folder: Path, article: Path, *options: str, cwd: Path | None = None) -> None:
    result = run_cli("new", folder, "--article", article, *options, cwd=cwd)
    assert result.code == 0, result.err


def build(folder: Path) -> Path:
    result = run_cli("-f", folder / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    return folder / "site"


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A French project from the fixture saved with a byte-order mark and Windows line endings."""
    root = tmp_path_factory.mktemp("french")
    article = root / "pont.txt"
    text = (ARTICLES / "pont.fr.txt").read_text("utf-8")
    article.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    new(root / "pont", article, "--language", "fr")
    build(root / "pont")
    return root / "pont"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("arabic")
    new(root / "maktaba", ARTICLES / "bibliotheque.ar.txt", "--language", "ar")
    build(root / "maktaba")
    return root / "maktaba"


def search(browser: Browser, site: Path, words: str) -> tuple[list[str], str]:
    """The result links of typing `words` into Material's search, and the page's text direction."""
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url)
        hrefs = [href.removeprefix(url) for href in search_results(page, words)]
        direction = page.evaluate("getComputedStyle(document.querySelector('article')).direction")
        page.close()
    return hrefs, direction


def test_french_project_builds_with_every_page(french: Path) -> None:
    site = french / "site"
    for name in PAGES:
        assert (site / name).is_file(), name
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in home
    # The site's name is the home page's title: the standfirst's first sentence.
    about = (site / "about/index.html").read_text("utf-8")
    assert "<title>About - Le vieux pont de Valmont sera fermé aux voitures dès l&#x27;été</title>" in about
    source = (site / "source/index.html").read_text("utf-8")
    assert 'id="h1"' in source and "Un chantier de deux ans" in source
    assert "« trop fragile pour le trafic actuel »" in source
    # The generator ships no French interface strings: they are scaffolded for a translator.
    assert (french / "content/locales/fr.yml").read_text("utf-8").startswith(
        "# Interface strings in Français (fr): scaffolded from English by `explainer new`.")


def test_seed_is_the_article_byte_for_byte(french: Path) -> None:
    text = (ARTICLES / "pont.fr.txt").read_text("utf-8")
    expected = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    assert (french / "seeds/pont.txt").read_bytes() == expected
    metadata = (french / "seeds/pont.yml").read_text("utf-8")
    assert "language: fr\n" in metadata and "date: 2023-04\n" in metadata
    assert "title: Le vieux pont de Valmont sera fermé aux voitures dès l'été\n" in metadata
    assert "seed: pont.txt\n" in (french / "content/article.yml").read_text("utf-8")
    assert (french / "docs/.gitignore").read_bytes() == (ROOT / "docs/.gitignore").read_bytes()


def test_examples_cite_real_paragraphs_with_exact_quotes(french: Path) -> None:
    actor = (french / "content/actors/example-actor.fr.md").read_text("utf-8")
    quote = re.search(r"^    quote: (.+)$", actor, re.MULTILINE)
    assert quote, actor
    assert quote[1] in (french / "seeds/pont.txt").read_text("utf-8-sig")
    result = run_cli("-f", french / "mkdocs.yml", "check")
    assert result.code == 0, result.err
    assert "7 notes (1 actor, 1 scenario, 1 term, 1 event, 3 page, 0 source), 4 paragraphs" in result.out


def test_french_search_finds_the_article(french: Path, browser: Browser) -> None:
    hrefs, direction = search(browser, french / "site", "consolidation")
    assert any(href.startswith("source/") for href in hrefs), hrefs
    assert direction == "ltr"


def test_arabic_project_is_right_to_left(arabic: Path) -> None:
    site = arabic / "site"
    for name in PAGES:
        assert (site / name).is_file(), name
    page = (site / "actors/example-actor/index.html").read_text("utf-8")
    # Material takes the direction from its Arabic language file and sets it on <body>.
    assert '<html lang="ar"' in page and '<body dir="rtl"' in page
    assert (arabic / "seeds/bibliotheque.ar.txt").read_bytes() == (
        ARTICLES / "bibliotheque.ar.txt").read_bytes()


def test_arabic_search_finds_the_article(arabic: Path, browser: Browser) -> None:
    hrefs, direction = search(browser, arabic / "site", "المكتبة")
    assert any(href.startswith("source/") for href in hrefs), hrefs
    assert direction == "rtl"


def test_second_language_builds_with_the_article_falling_back(tmp_path: Path) -> None:
    folder = tmp_path / "deux"
    new(folder, ARTICLES / "pont.fr.txt", "--language", "fr", "--languages", "fr,en")
    assert "languages: [fr, en]" in (folder / "mkdocs.yml").read_text("utf-8")
    assert (folder / "content/actors/example-actor.en.md").is_file()
    assert not (folder / "content/locales/en.yml").exists()  # the generator ships English
    site = build(folder)
    for name in PAGES:
        assert (site / "en" / name).is_file(), name
    actor = (site / "en/actors/example-actor/index.html").read_text("utf-8")
    assert '<html lang="en"' in actor and "data-translation" not in actor
    # The article has no English translation: the English page shows the French original.
    source = (site / "en/source/index.html").read_text("utf-8")
    assert '<p class="explainer-original" lang="fr">Le conseil municipal de Valmont' in source
    assert 'class="explainer-translation"' not in source
    # The example translations are marked as made from their French originals.
    status = run_cli("-f", folder / "mkdocs.yml", "status", "--fail-on", "outdated")
    assert status.code == 0, status.out + status.err
    assert status.out.startswith("en: 7 up to date, 0 outdated, 0 missing")


def test_new_project_is_a_git_repository_and_says_so(tmp_path: Path) -> None:
    result = run_cli("new", tmp_path / "pont", "--article", ARTICLES / "pont.fr.txt", "--language", "fr",
                     "--languages", "fr,en")
    assert result.code == 0, result.err
    assert f"explainer: started a git repository in {tmp_path / 'pont'}: commit the project to keep " \
        "its history" in result.out
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=tmp_path / "pont",
                          capture_output=True, text=True)
    assert Path(done.stdout.strip()) == tmp_path / "pont"
    # The example translation's original is kept, so status can show a change before any commit.
    assert (tmp_path / "pont/content/.originals.json").is_file()
    home = tmp_path / "pont/content/pages/home.fr.md"
    home.write_text(home.read_text("utf-8").replace("title: ", "title: Nouveau ", 1), "utf-8")
    status = run_cli("-f", tmp_path / "pont/mkdocs.yml", "status")
    assert "outdated   content/pages/home.en.md (original changed " in status.out
    assert "+title: \"Nouveau " in status.out


def test_a_new_project_gets_a_locator_map_by_naming_a_country(tmp_path: Path) -> None:
    new(tmp_path / "pont", ARTICLES / "pont.fr.txt", "--language", "fr")
    (tmp_path / "pont/content/map.yml").write_text("focus: FR\n", "utf-8")
    background = (build(tmp_path / "pont") / "background/index.html").read_text("utf-8")
    assert "explainer-map" in background and ">France</text>" in background


def test_project_is_found_with_f_and_from_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "here"
    new(folder, ARTICLES / "bibliotheque.ar.txt", "--language", "ar", "--languages", "ar,fr")
    result = run_cli("-f", folder / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert (folder / "site/fr/index.html").is_file()
    (folder / "site/fr/index.html").unlink()
    result = run_cli("build", cwd=folder)
    assert result.code == 0, result.err
    assert '<html lang="fr"' in (folder / "site/fr/index.html").read_text("utf-8")


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    result = run_cli("new", "taken", "--article", ARTICLES / "pont.fr.txt", "--language", "fr",
                     cwd=tmp_path)
    assert (result.code, result.err) == (
        1, "explainer: cannot create taken: the folder is not empty (expected a new or empty folder)\n")
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]


def test_writes_into_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    new(Path("."), ARTICLES / "pont.fr.txt", "--language", "fr", cwd=folder)
    assert (folder / "mkdocs.yml").is_file() and (folder / "seeds/pont.fr.txt").is_file()


def test_refuses_an_article_it_cannot_parse(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("\n\nBonjour à tous.\n\nLe conseil a voté.\n", "utf-8")
    result = run_cli("new", "projet", "--article", "bad.txt", "--language", "fr", cwd=tmp_path)
    assert (result.code, result.err) == (
        1, "explainer: bad.txt:3: date: first line does not start with a date: 'Bonjour à tous.' "
           "(expected 'date YYYY-MM' followed by the standfirst)\n")
    assert not (tmp_path / "projet").exists()


@pytest.mark.parametrize(("options", "message"), [
    (("--language", "xx"), "--language: 'xx' is not a known language"),
    (("--language", "French"), "--language: 'French' is not a language code"),
    (("--language", "fr", "--languages", "fr,fy"),
     "--languages: Material for MkDocs has no interface in 'fy'"),
    (("--language", "fr", "--languages", "fr,en,fr"), "--languages: 'fr' is listed twice"),
])
def test_refuses_unknown_language_codes(tmp_path: Path, options: tuple[str, ...], message: str) -> None:
    result = run_cli("new", "projet", "--article", ARTICLES / "pont.fr.txt", *options, cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith(f"explainer: cannot create projet: {message} (expected ")
    assert result.err.count("\n") == 1
    assert not (tmp_path / "projet").exists()
