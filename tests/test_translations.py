"""Translation workflow: status, fingerprints, notices, hreflang, sitemap, add-language."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import edit, run_cli


def status(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli("-f", project / "mkdocs.yml", "status", *args)
    assert "Traceback" not in result.err
    return result.code, result.out


def git(folder: Path, *args: str, date: str = "2024-01-01T12:00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    done = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


def test_status_lists_each_state_with_counts(mini: Path) -> None:
    code, out = status(mini)
    assert code == 0
    assert out.splitlines() == [
        "de: 2 up to date, 1 outdated, 6 missing",
        "  missing    content/actors/fishers.de.md",
        "  missing    content/glossary/quay.de.md",
        "  missing    content/pages/about.de.md",
        "  missing    content/pages/background.de.md",
        "  outdated   content/pages/home.de.md",
        "  missing    content/scenarios/temporary-quay.de.md",
        "  missing    content/timeline/2021-03-vote.de.md",
    ]


def test_status_json(mini: Path) -> None:
    code, out = status(mini, "--json")
    assert code == 0
    data = json.loads(out)
    german = data["languages"]["de"]
    assert (german["up_to_date"], german["outdated"], german["missing"]) == (2, 1, 6)
    assert {"path": "content/actors/council.de.md", "state": "up_to_date"} in german["items"]
    assert {"path": "content/pages/home.de.md", "state": "outdated"} in german["items"]
    assert {"path": "content/actors/fishers.de.md", "state": "missing"} in german["items"]
    assert set(data["languages"]) == {"de"}


def test_fail_on_exit_codes(mini: Path) -> None:
    assert status(mini, "--fail-on", "outdated")[0] == 1
    assert status(mini, "--fail-on", "missing")[0] == 1
    run_cli("-f", mini / "mkdocs.yml", "mark-revised", mini / "content/pages/home.de.md")
    assert status(mini, "--fail-on", "outdated")[0] == 0
    assert status(mini, "--fail-on", "missing")[0] == 1


def test_what_outdates_a_translation(mini: Path) -> None:
    original = mini / "content/actors/council.en.md"
    # Language-neutral data and whitespace do not outdate the translation...
    edit(original, "order: 1", "order: 5")
    edit(original, "actor: fishers", "actor: fishers\n    sources:\n      - paragraph: p4")
    edit(original, "The council voted 7 to 4 [@p2].", "The  council voted\n7 to 4 [@p2].  ")
    assert "content/actors/council.de.md" not in status(mini)[1]
    # ...a change in its text does.
    edit(original, "The elected council", "The elected town council")
    assert "  outdated   content/actors/council.de.md" in status(mini)[1]


def assert_reworded_on(mini: Path, date: str) -> None:
    """Status lists the German council as outdated since `date`, with the summary's change."""
    code, out = status(mini, "--language", "de")
    assert code == 0
    block = out[out.index("outdated   content/actors/council.de.md"):]
    assert block.startswith(f"outdated   content/actors/council.de.md (original changed {date})")
    assert '-summary: "The elected council of Northport."' in block
    assert '+summary: "The elected council of Northport town."' in block


def test_diff_and_date_of_the_change_come_from_git(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "add", ".")
    git(mini, "commit", "-qm", "first", date="2024-01-01T12:00:00")
    original = mini / "content/actors/council.en.md"
    edit(original, "The elected council of Northport.", "The elected council of Northport town.")
    git(mini, "commit", "-qam", "reworded", date="2024-05-02T09:30:00")
    assert_reworded_on(mini, "2024-05-02")
    # Marking it revised records the current fingerprint and changes nothing else.
    before = (mini / "content/actors/council.de.md").read_text("utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "mark-revised", mini / "content/actors/council.de.md")
    assert result.code == 0
    after = (mini / "content/actors/council.de.md").read_text("utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith('translated_from: "')
    assert "council.de.md" not in status(mini)[1]


def test_diff_and_date_of_the_change_without_git(mini: Path) -> None:
    translation = mini / "content/actors/council.de.md"
    assert run_cli("-f", mini / "mkdocs.yml", "mark-revised", translation).code == 0
    assert (mini / "content/.originals.json").is_file()  # the text the fingerprint stands for
    original = mini / "content/actors/council.en.md"
    edit(original, "The elected council of Northport.", "The elected council of Northport town.")
    os.utime(original, (1714642200, 1714642200))  # saved on 2024-05-02
    assert_reworded_on(mini, "2024-05-02")
    # Readers see the date too.
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    page = (mini / "site/de/actors/council/index.html").read_text("utf-8")
    assert 'data-translation="outdated"' in page and "2. Mai 2024" in page


def test_mark_revised_refuses_an_original(mini: Path) -> None:
    result = run_cli("-f", mini / "mkdocs.yml", "mark-revised", mini / "content/actors/council.en.md")
    assert result.code == 1
    assert "not a translation of a note in this project" in result.err


@pytest.fixture
def built(mini: Path) -> Path:
    config = mini / "mkdocs.yml"
    config.write_text("site_url: https://example.org/harbour/\n" + config.read_text("utf-8"), "utf-8")
    result = run_cli("-f", config, "build")
    assert result.code == 0, result.err
    return mini / "site"


def alternates(page: Path) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">',
                      page.read_text("utf-8"))


def test_notices_in_the_readers_language(built: Path) -> None:
    missing = (built / "de/actors/fishers/index.html").read_text("utf-8")
    assert 'data-translation="missing"' in missing
    assert "Diese Seite ist noch nicht übersetzt (Deutsch); Sie lesen das Original (Englisch)." \
        in missing
    outdated = (built / "de/index.html").read_text("utf-8")
    notice = re.search(r'<div class="explainer-notice" data-translation="outdated">(.*?)</div>',
                       outdated, re.S)
    assert notice, "no outdated notice"
    assert "Das Original dieser Seite (Englisch) hat sich seit der Übersetzung geändert." \
        in notice.group(1)
    assert '<a href="../" hreflang="en">Original lesen</a>' in notice.group(1)
    current = (built / "de/actors/council/index.html").read_text("utf-8")
    assert "data-translation" not in current.split('class="md-content"')[1]


def test_hreflang_lists_only_real_translations(built: Path) -> None:
    assert alternates(built / "de/actors/council/index.html") == [
        ("en", "https://example.org/harbour/actors/council/"),
        ("x-default", "https://example.org/harbour/actors/council/"),
        ("de", "https://example.org/harbour/de/actors/council/"),
    ]
    # A fallback page is not announced as a German translation.
    assert alternates(built / "de/actors/fishers/index.html") == [
        ("en", "https://example.org/harbour/actors/fishers/"),
        ("x-default", "https://example.org/harbour/actors/fishers/"),
    ]
    assert alternates(built / "actors/fishers/index.html") == alternates(
        built / "de/actors/fishers/index.html")


def test_sitemaps_list_only_real_translations(built: Path) -> None:
    german = (built / "de/sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/harbour/de/actors/council/</loc>" in german
    assert "de/actors/fishers/" not in german
    assert ('<xhtml:link rel="alternate" hreflang="en" '
            'href="https://example.org/harbour/actors/council/"/>') in german
    english = (built / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/harbour/actors/fishers/</loc>" in english


def test_selector_marks_languages_without_this_page(built: Path) -> None:
    page = (built / "actors/fishers/index.html").read_text("utf-8")
    german = re.search(r'<a [^>]*hreflang="de"[^>]*>(.*?)</a>', page, re.S)
    assert german and 'data-translation="missing"' in german.group(0)
    assert "(not translated yet)" in german.group(1)
    council = (built / "actors/council/index.html").read_text("utf-8")
    assert "(not translated yet)" not in council
    assert 'data-translation="missing"' not in council.split('class="md-content"')[0]


def test_status_page_per_language(built: Path) -> None:
    page = (built / "de/about/translations/index.html").read_text("utf-8")
    assert "Stand der Übersetzungen" in page
    # The sanitizer writes the no-break space between number and % as &nbsp;.
    assert re.search(r"<td>Deutsch</td>\s*<td[^>]*>33(?:\s|&nbsp;)%</td>", page)
    assert "content/pages/home.de.md" in page and "content/actors/fishers.de.md" in page
    english = (built / "about/translations/index.html").read_text("utf-8")
    assert "This is the original language of the site." in english


def test_add_language_builds_at_once_with_fallbacks(mini: Path) -> None:
    result = run_cli("-f", mini / "mkdocs.yml", "add-language", "fr")
    assert result.code == 0, result.err
    assert "languages: [en, de, fr]" in (mini / "mkdocs.yml").read_text("utf-8")
    assert (mini / "content/locales/fr.yml").is_file()
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    page = (mini / "site/fr/actors/council/index.html").read_text("utf-8")
    assert '<html lang="fr"' in page and 'data-translation="missing"' in page
    # The scaffolded strings are English until translated: so are the language names in them.
    assert "This page has not been translated into French yet; you are reading the English original." \
        in page


def test_add_language_says_what_the_next_build_does(mini: Path) -> None:
    result = run_cli("-f", mini / "mkdocs.yml", "add-language", "fr")
    assert result.out.splitlines()[-1] == (
        "explainer: the next `explainer build` makes the fr pages; until they are translated they "
        "show the original with a notice (see: explainer status)")


@pytest.mark.parametrize(("name", "code", "files", "kept", "page"), [
    ("mini", "de", 4, "languages: [en]", "actors/council"),
    ("valmont", "ar", 33, "languages: [fr, en]", "actors/tav"),  # a right-to-left one, its locale too
])
def test_remove_language_keeps_its_files_and_says_so(
        request: pytest.FixtureRequest, name: str, code: str, files: int, kept: str, page: str) -> None:
    project: Path = request.getfixturevalue(name)
    before = {path: path.read_bytes() for path in (project / "content").rglob("*") if path.is_file()}
    result = run_cli("-f", project / "mkdocs.yml", "remove-language", code)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"explainer: removed {code} from languages in mkdocs.yml",
        f"explainer: kept its {files} files in content/ (delete them yourself if they are no longer "
        f"wanted; `explainer add-language {code}` uses them again)",
        f"explainer: the next `explainer build` leaves {code} out of the site",
    ]
    assert kept in (project / "mkdocs.yml").read_text("utf-8")
    assert {path: path.read_bytes() for path in (project / "content").rglob("*") if path.is_file()} == before
    assert run_cli("-f", project / "mkdocs.yml", "build").code == 0
    assert not (project / "site" / code).exists() and (project / "site" / page / "index.html").is_file()
    assert run_cli("-f", project / "mkdocs.yml", "add-language", code).code == 0
    assert f"languages: [{kept.split('[')[1][:-1]}, {code}]" in (project / "mkdocs.yml").read_text("utf-8")


@pytest.mark.parametrize(("code", "message"), [
    ("en", "explainer: cannot remove 'en': it is the default language, the one the notes are written "
           "in (expected a translated language: de)"),
    ("fr", "explainer: 'fr' is not a language of this project (expected one of: de)"),
])
def test_remove_language_refuses_the_default_and_unknown_codes(mini: Path, code: str, message: str) -> None:
    before = (mini / "mkdocs.yml").read_bytes()
    result = run_cli("-f", mini / "mkdocs.yml", "remove-language", code)
    assert result.code == 1
    assert result.err.strip() == message
    assert (mini / "mkdocs.yml").read_bytes() == before


@pytest.mark.parametrize(("code", "message"), [
    ("xx", "explainer: cannot add 'xx': 'xx' is not a known language"),
    ("fy", "explainer: cannot add 'fy': Material for MkDocs has no interface in 'fy'"),
    ("English", "explainer: cannot add 'English': 'English' is not a language code"),
    ("de", "explainer: 'de' is already a language of this project"),
])
def test_add_language_refuses_bad_codes(mini: Path, code: str, message: str) -> None:
    before = (mini / "mkdocs.yml").read_bytes()
    result = run_cli("-f", mini / "mkdocs.yml", "add-language", code)
    assert result.code == 1
    assert result.err.startswith(message)
    assert (mini / "mkdocs.yml").read_bytes() == before


def test_files_the_tool_rewrites_keep_their_mode(mini: Path) -> None:
    # A newsroom's group must still read what mark-revised or add-language rewrote or created.
    translation, config = mini / "content/actors/council.de.md", mini / "mkdocs.yml"
    translation.chmod(0o664)
    config.chmod(0o644)
    assert run_cli("-f", config, "mark-revised", translation).code == 0
    assert run_cli("-f", config, "add-language", "fr").code == 0
    assert translation.stat().st_mode & 0o777 == 0o664
    assert config.stat().st_mode & 0o777 == 0o644
    created = [mini / "content/.originals.json", mini / "content/locales/fr.yml"]
    fresh = mini / "fresh.txt"
    fresh.write_text("", "utf-8")  # as any other program creates a file here
    assert [path.stat().st_mode & 0o777 for path in created] == [fresh.stat().st_mode & 0o777] * 2
