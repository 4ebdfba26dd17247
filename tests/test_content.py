"""The shipped Belarus explainer: complete in every language, every note sourced,
every quote found in the article, and the minimums of the editorial brief met."""

from __future__ import annotations

import re
from functools import cache

import pytest

from build_scripts import pipeline, project
from build_scripts.content import markup, translations
from build_scripts.content.article import quote_occurs

from .conftest import ROOT, run_cli


@cache
def sources() -> pipeline.Sources:
    return pipeline.load(project.load(ROOT / "mkdocs.yml"))


def test_check_passes_without_warnings() -> None:
    result = run_cli("-f", ROOT / "mkdocs.yml", "check")
    assert result.code == 0, result.err
    assert result.err == ""


def test_every_item_exists_in_every_language_and_is_up_to_date() -> None:
    for language, entries in translations.status(sources(), details=False).items():
        not_done = [(entry.path, entry.state) for entry in entries if entry.state != "up_to_date"]
        assert not_done == [], language


@pytest.mark.parametrize("kind", ["actor", "scenario", "term", "event"])
def test_every_note_cites_a_source(kind: str) -> None:
    for item in sources().notes.of(kind):
        cited = bool(item.neutral("sources")) or any(
            markup.citations(note.doc.body) for note in item.versions.values())
        assert cited, item.id


def test_every_quote_occurs_in_the_cited_paragraph() -> None:
    article = sources().article
    checked = 0
    for kind_items in sources().notes.items.values():
        for item in kind_items.values():
            quotes = [(s["paragraph"], s["quote"]) for s in item.neutral("sources") or [] if "quote" in s]
            for relation in item.neutral("relations") or []:
                quotes += [(s["paragraph"], s["quote"]) for s in relation.get("sources") or []
                           if "quote" in s]
            for note in item.versions.values():
                texts = [note.doc.body] + [str(value) for value in note.doc.data.values()]
                quotes += [(c.key, c.quote) for text in texts for c in markup.citations(text)
                           if c.quote and c.is_paragraph]
            for paragraph, quote in quotes:
                block = article.block(paragraph)
                assert block is not None and quote_occurs(quote, block.text), (item.id, quote)
                checked += 1
    assert checked > 300  # the notes paraphrase the article with its own words throughout


def test_minimums_of_the_brief() -> None:
    notes = sources().notes
    assert len(notes.of("actor")) >= 10
    assert len(notes.of("scenario")) >= 4
    assert len(notes.of("term")) >= 20
    events = notes.of("event")
    assert len(events) >= 12
    years = [str(event.neutral("date"))[:4] for event in events]
    assert min(years) <= "1994" and max(str(e.neutral("date")) for e in events) <= "2020-09-30"
    for actor in ("lukashenko", "putin", "kremlin", "protesters", "strikers", "opposition",
                  "tsikhanouskaya", "coordination-council", "belarusian-state-tv", "nato", "eu",
                  "csto", "pashinyan"):
        assert notes.get("actor", actor), actor
    for term in ("union-state", "csto", "article-5", "buffer-state", "velvet-revolution",
                 "sanctions", "kremlin", "coordination-council"):
        assert notes.get("term", term), term
    for scenario in notes.of("scenario"):
        for language in project.load(ROOT / "mkdocs.yml").languages:
            assert scenario.text(language, "hindsight"), (scenario.id, language)
            assert scenario.text(language, "signposts"), (scenario.id, language)
    assert all(actor.neutral("relations") or any(
        r.get("actor") == actor.id for other in notes.of("actor") for r in other.neutral("relations") or [])
        for actor in notes.of("actor"))


def test_hindsight_cites_only_named_references() -> None:
    for scenario in sources().notes.of("scenario"):
        for language, note in scenario.versions.items():
            hindsight = note.doc.data.get("hindsight", "")
            cited = markup.citations(hindsight)
            assert cited, (scenario.id, language)
            assert all(not citation.is_paragraph for citation in cited), (scenario.id, language)


def test_home_has_five_question_led_takeaways() -> None:
    home = sources().notes.get("page", "home")
    for language, note in home.versions.items():
        headings = re.findall(r"^## (.+)$", note.doc.body, re.M)
        assert len(headings) == 5, language
        assert all(heading.rstrip().endswith("?") for heading in headings), (language, headings)


def test_article_translated_block_by_block() -> None:
    article = sources().article
    item = sources().notes.get("source", "article")
    for language in ("en", "ru", "be"):
        translated = item.versions[language].doc.data["translation"]
        assert sorted(translated) == sorted(block.id for block in article.blocks), language


def test_names_in_each_languages_spelling() -> None:
    item = sources().notes.get("actor", "tsikhanouskaya")
    assert {language: item.text(language, "title").split()[-1]
            for language in ("nl", "en", "ru", "be")} == {
        "nl": "Tichanovskaja", "en": "Tsikhanouskaya", "ru": "Тихановская", "be": "Ціханоўская"}


def test_about_page_has_a_dated_change_log() -> None:
    about = sources().notes.get("page", "about")
    for language, note in about.versions.items():
        assert re.search(r"^## .+", note.doc.body, re.M), language
        assert re.search(r"20\d\d-\d\d-\d\d", note.doc.body), language
