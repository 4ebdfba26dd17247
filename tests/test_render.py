"""Generated Markdown for the small fixture project, compared with reviewed golden files.

After a deliberate change to the output, regenerate them with
``UPDATE_GOLDEN=1 pytest tests/test_render.py`` and review the diff before committing.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
import yaml

from build_scripts import pipeline, project
from build_scripts.render import collation, pages, strings

from .conftest import edit

GOLDEN = Path(__file__).parent / "golden" / "mini"


def rendered(mini: Path) -> dict[str, str]:
    sources = pipeline.load(project.load(mini / "mkdocs.yml"))
    files, _ = pages.render_site(sources)
    return files


def test_generated_markdown_matches_golden_files(mini: Path) -> None:
    files = rendered(mini)
    if os.environ.get("UPDATE_GOLDEN"):
        for path in GOLDEN.rglob("*.md"):
            path.unlink()
        for relative, text in files.items():
            (GOLDEN / relative).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / relative).write_text(text, encoding="utf-8")
    expected = {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8")
                for path in GOLDEN.rglob("*.md")}
    assert sorted(files) == sorted(expected)
    for relative, text in files.items():
        assert text == expected[relative], f"{relative} differs from its golden file"


def test_same_slugs_in_every_language(mini: Path) -> None:
    files = rendered(mini)
    english = {path for path in files if not path.startswith("de/")}
    german = {path.removeprefix("de/") for path in files if path.startswith("de/")}
    assert english == german
    assert {"index.md", "background/index.md", "actors/index.md", "actors/council.md",
            "scenarios/temporary-quay.md", "glossary/index.md", "source/index.md",
            "about/index.md"} <= english


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_page_has_title_and_description(mini: Path, language: str) -> None:
    prefix = "de/" if language == "de" else ""
    pages = {path: text for path, text in rendered(mini).items() if path.startswith("de/") == bool(prefix)
             and not path.endswith("404.md")}  # the 404's text: the theme's 404.html, not a page
    assert pages
    for path, text in pages.items():
        front = yaml.safe_load(text.split("---\n")[1])
        title, description = front.get("title"), front.get("description")
        assert isinstance(title, str) and title.strip(), path
        assert isinstance(description, str) and description.strip(), path
        # The title is the page's own: the same words as its heading, where it has one.
        heading = next((line[2:] for line in text.splitlines() if line.startswith("# ")), None)
        if heading is not None:
            assert html.unescape(title) == html.unescape(heading).strip(), path


def test_untranslated_note_is_marked_and_in_the_original_language(mini: Path) -> None:
    files = rendered(mini)
    fishers = files["de/actors/fishers.md"]
    assert 'data-translation="missing"' in fishers
    assert "Diese Seite ist noch nicht übersetzt (Deutsch); Sie lesen das Original (Englisch)." \
        in fishers
    assert '<div lang="en" markdown>' in fishers
    assert 'data-translation' not in files["de/actors/council.md"]


def test_editor_text_cannot_inject_markup(mini: Path) -> None:
    council = mini / "content/actors/council.en.md"
    text = council.read_text(encoding="utf-8")
    council.write_text(text.replace("title: Town council", 'title: "<script>alert(1)</script>"'),
                       encoding="utf-8")
    files = rendered(mini)
    assert "<script>" not in files["actors/council.md"]
    assert "&lt;script&gt;" in files["actors/council.md"]


def test_inserted_headline_matched_as_the_check_matches_it(mini: Path) -> None:
    # The article writes typographic quotes, the editor straight ones: the same headline.
    seed = mini / "seeds/story.txt"
    seed.write_text(seed.read_text("utf-8").replace("\nFishers protest\n", "\n“Fishers” protest\n"),
                    "utf-8")
    settings = mini / "content/article.yml"
    settings.write_text(settings.read_text("utf-8").replace("text: Fishers protest",
                                                            "text: '\"Fishers\" protest'"), "utf-8")
    source = rendered(mini)["source/index.md"]
    assert '<aside class="explainer-inserted" id="h2">' in source
    assert "## “Fishers” protest" not in source


@pytest.mark.parametrize("which", ["mini", "shipped"])
def test_a_preview_of_one_language_knows_the_others_translations(
        which: str, mini: Path, shipped: Path) -> None:
    # `explainer serve` renders one language; its pages must still announce (hreflang,
    # language selector) exactly the translations the full build announces.
    sources = pipeline.load(project.load((mini if which == "mini" else shipped) / "mkdocs.yml"))
    every = pages.render_pages(sources)
    for language in sources.project.languages:
        alone = pages.render_pages(sources, only=[language])
        assert list(alone) == [language]
        assert [(page.path, page.meta) for page in alone[language]] == \
            [(page.path, page.meta) for page in every[language]]


def test_a_project_chooses_the_variant_its_dates_are_written_in(mini: Path) -> None:
    event = mini / "content/timeline/2021-03-vote.en.md"
    edit(event, "date: 2021-03", "date: 2021-03-04")
    assert '<time datetime="2021-03-04">March 4, 2021</time>' in rendered(mini)["background/index.md"]
    edit(mini / "mkdocs.yml", "languages: [en, de]", "languages: [en, de]\n      locales: {en: en-GB}")
    files = rendered(mini)
    assert '<time datetime="2021-03-04">4 March 2021</time>' in files["background/index.md"]
    assert '<time datetime="2021-03-04">4. März 2021</time>' in files["de/background/index.md"]


def test_a_project_declares_its_own_relation_types(mini: Path) -> None:
    (mini / "content/relations.yml").write_text(
        "offers_services_to:\n  tone: support\n  label:\n    en: offered its services to\n"
        "    de: bot seine Dienste an\nopponent:\n  tone: oppose\n  label: {en: at odds with}\n",
        "utf-8")
    edit(mini / "content/actors/council.en.md", "  - type: opponent\n    actor: fishers",
         "  - type: opponent\n    actor: fishers\n  - type: offers_services_to\n    actor: fishers")
    files = rendered(mini)
    english, german = files["actors/council.md"], files["de/actors/council.md"]
    assert 'data-relation="offers_services_to">offered its services to</span>' in english
    assert 'data-relation="offers_services_to">bot seine Dienste an</span>' in german
    # A shipped type relabelled in one language; the others keep the interface string.
    assert 'data-relation="opponent">at odds with</span>' in english
    assert 'data-relation="opponent">Gegner von</span>' in german
    overview = files["actors/index.md"]
    assert re.search(r'<g class="explainer-legend">.*?>offered its services to</text>', overview)
    assert overview.count("explainer-tone-support") >= 2  # drawn in its tone: arrow and legend


def test_a_references_note_per_language_marked_where_it_is_another(mini: Path) -> None:
    references = mini / "content/references.yml"
    edit(references, "  date: 2021-02-15", "  date: 2021-02-15\n  note:\n    en: Approved by the council.")
    files = rendered(mini)
    assert "— <span data-no-glossary>Approved by the council.</span>" in files["about/index.md"]
    assert '— <span data-no-glossary lang="en">Approved by the council.</span>' in files["de/about/index.md"]
    edit(references, "    en: Approved by the council.",
         "    en: Approved by the council.\n    de: Vom Rat gebilligt.")
    assert "— <span data-no-glossary>Vom Rat gebilligt.</span>" in rendered(mini)["de/about/index.md"]


def test_a_map_from_the_shipped_shapes_with_a_group_labelled_per_language(mini: Path) -> None:
    (mini / "content/map.yml").write_text(
        "focus: NL\ngroups:\n  - label: {en: Harbour towns, de: Hafenstädte}\n    members: [BE, DE]\n",
        "utf-8")
    files = rendered(mini)
    english, german = files["background/index.md"], files["de/background/index.md"]
    assert "explainer-map" in english and "explainer-map" in german
    assert ">Harbour towns</text>" in english and "Harbour towns: Belgium, Germany" in english
    assert ">Hafenstädte</text>" in german and "Hafenstädte: Belgien, Deutschland" in german
    assert ">Netherlands</text>" in english and ">Niederlande</text>" in german


@pytest.mark.parametrize(("locale", "title", "letter"), [
    ("fr", "Œdomètre", "O"),  # a ligature is filed under its first letter, as French dictionaries do
    ("fr", "Étaiement", "E"),
    ("fr", "« Zone »", "Z"),
    ("ar", "أودومتر", "ا"),  # alef with hamza under alef
    ("ru", "Ёлка", "Е"),
    ("ru", "NATO", "N"),  # outside the language's alphabet: its own first letter
])
def test_the_glossary_letter_a_title_is_filed_under(locale: str, title: str, letter: str) -> None:
    assert collation.letter(locale, title) == letter


@pytest.mark.parametrize(("locale", "date", "written"), [
    ("fr", "2023-07-01", "1er juillet 2023"),
    ("fr-CA", "2023-07-01", "1er juillet 2023"),
    ("fr", "2023-07-03", "3 juillet 2023"),
    ("fr", "2023-07", "juillet 2023"),
    ("en-GB", "2023-07-01", "1 July 2023"),
    ("nl", "2023-07-01", "1 juli 2023"),
])
def test_dates_as_each_languages_newspapers_write_them(locale: str, date: str, written: str) -> None:
    assert strings.Strings(locale.split("-")[0], {}, locale).date(date) == written


def test_text_in_another_direction_than_the_page_is_marked_with_it(mini: Path) -> None:
    edit(mini / "mkdocs.yml", "languages: [en, de]", "languages: [en, de, ar]")
    files = rendered(mini)
    # English shown on an Arabic page (untranslated) reads left to right; on a German one
    # the direction is the page's own.
    assert '<div lang="en" dir="ltr" markdown>' in files["ar/actors/fishers.md"]
    assert '<div lang="en" markdown>' in files["de/actors/fishers.md"]
    assert '<p class="explainer-original" lang="en" dir="ltr">' in files["ar/source/index.md"]
    assert '<div class="explainer-card" lang="en" dir="ltr" markdown>' in files["ar/actors/index.md"]
    # The title of a work in the other direction is isolated from the words and date around it.
    assert "<bdi>Harbour repair plan</bdi>" in files["ar/about/index.md"]
    assert "„Harbour repair plan“" in files["de/about/index.md"]


def test_punctuation_and_the_a_to_z_label_come_from_the_languages_strings(mini: Path) -> None:
    locale = mini / "content/locales/de.yml"
    edit(locale, 'punctuation: {label: "{label}:", list: ", ", series: "; "}',
         'punctuation: {label: "{label} :", list: " · ", series: " | "}')
    edit(locale, 'letters: "Glossar: A–Z"', 'letters: "Glossar von A bis Z"')
    files = rendered(mini)
    glossary, source = files["de/glossary/index.md"], files["de/source/index.md"]
    assert "Quellen : " in glossary
    assert '<nav class="explainer-letters" aria-label="Glossar von A bis Z">' in glossary
    assert "<span>Zitiert auf :</span>" in source
    assert "Quellen: " not in glossary and "A–Z" not in glossary
    assert "Sources: " in files["glossary/index.md"]  # English keeps its own


def test_a_reference_mark_ending_a_sentence_takes_its_full_stop(shipped: Path) -> None:
    # "ист." at the end of a sentence: one full stop, as after any abbreviation ("ист..").
    pages = rendered(shipped)
    marks = {"en/": "ref.", "ru/": "ист.", "be/": "крын."}
    ends = 0
    for path, text in pages.items():
        mark = next((mark for prefix, mark in marks.items() if path.startswith(prefix)), None)
        if mark is None:
            continue
        assert f"[{mark}](" in text or path.endswith("404.md") or "cite-reference" not in text, path
        assert not re.search(r"\{ \.explainer-cite \.explainer-cite-reference \}\.(?!\.)", text), path
        ends += len(re.findall(r"\{ \.explainer-cite \.explainer-cite-reference \}(?:</p>|\n|$)", text))
    assert ends > 10  # the shipped notes end many sentences with a reference
    # A paragraph mark (¶3) keeps the sentence's stop.
    assert re.search(r"¶\d+</a>\.", pages["en/index.md"])
