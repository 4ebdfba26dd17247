"""The seed parser, on the real seed and on synthetic articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.content import article
from build_scripts.errors import Problems

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_80a70ed7ea122e5d.txt"


def parse(text: str) -> tuple[article.Article | None, list[str]]:
    problems = Problems(Path("."))
    result = article.parse(text, Path("seed.txt"), problems)
    return result, problems.lines()


def test_shipped_seed_is_the_shared_seed_byte_for_byte() -> None:
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    if not (ROOT.parent / "shared").is_dir():
        pytest.skip(f"no shared/ folder beside the checkout ({ROOT.parent / 'shared'}) to compare with")
    assert shared.is_file(), f"{shared} is missing: the shipped seed has no original to match"
    assert SEED.read_bytes() == shared.read_bytes()


def test_real_seed_blocks_ids_and_headings() -> None:
    problems = Problems(ROOT)
    parsed = article.load(SEED, problems)
    assert parsed is not None and not problems
    assert parsed.date == "2020-08"
    assert [b.id for b in parsed.paragraphs] == [f"p{n}" for n in range(1, 11)]
    assert [(b.id, b.text) for b in parsed.headings] == [
        ("h1", "Loekasjenko bereid macht te delen als betogers naar huis gaan"),
        ("h2", "Vervreemden"),
        ("h3", "Verlanglijstje"),
    ]
    first = parsed.paragraphs[0]
    assert first.kind == "standfirst"
    assert first.text.startswith("President Loekasjenko heeft zijn laatste hoop")
    assert parsed.block("p4").text.startswith("Als laatste redmiddel")
    assert parsed.block("p4").line == 9
    assert parsed.block("p10").text.endswith("militair ingrijpen.")


def test_another_language_without_subheadings() -> None:
    text = ("date 2019-11 Le port ferme. Les pêcheurs s'inquiètent.\n\n"
            "Le conseil a voté « la fermeture » lundi.\n\nLes travaux commencent en mai.\n")
    parsed, problems = parse(text)
    assert problems == []
    assert parsed is not None and parsed.date == "2019-11"
    assert [b.id for b in parsed.blocks] == ["p1", "p2", "p3"]
    assert parsed.headings == ()


def test_crlf_line_endings_and_byte_order_mark(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes("\ufeffdate 2020-08 Lead.\r\n\r\nKop\r\n\r\nParagraph one.\r\n".encode())
    problems = Problems(tmp_path)
    parsed = article.load(seed, problems)
    assert not problems and parsed is not None
    assert [(b.id, b.kind, b.text) for b in parsed.blocks] == [
        ("p1", "standfirst", "Lead."), ("h1", "heading", "Kop"), ("p2", "paragraph", "Paragraph one.")
    ]


def test_heading_ids_do_not_shift_paragraph_ids() -> None:
    with_heading, _ = parse("date 2020-01 A.\n\nHeading\n\nB.\n")
    without, _ = parse("date 2020-01 A.\n\nB.\n")
    assert with_heading is not None and without is not None
    assert [b.id for b in with_heading.paragraphs] == [b.id for b in without.paragraphs]


def test_hard_wrapped_paragraph_is_one_block() -> None:
    parsed, _ = parse("date 2020-01 Lead.\n\nOne sentence\nwrapped over lines.\n")
    assert parsed is not None
    assert parsed.block("p2").text == "One sentence wrapped over lines."


def test_missing_date_line_is_reported_with_its_line() -> None:
    parsed, problems = parse("\n\nPresident X said things.\n")
    assert parsed is None
    assert problems == [
        "seed.txt:3: date: first line does not start with a date: 'President X said things.' "
        "(expected 'date YYYY-MM' followed by the standfirst)"
    ]


def test_impossible_month_and_empty_article() -> None:
    assert parse("date 2020-13 Lead.\n")[1] == [
        "seed.txt:1: date: month 13 does not exist (expected a month 01 to 12)"
    ]
    assert parse("   \n")[1] == [
        "seed.txt:1: the article is empty (expected a first line 'date YYYY-MM <standfirst>')"
    ]


def test_quote_matching_normalises_only_whitespace_quotes_and_dashes() -> None:
    paragraph = "Hij zei: „Ik moet contact  opnemen met Poetin” – nu."
    assert article.quote_occurs('"Ik moet contact opnemen met Poetin" - nu', paragraph)
    assert article.quote_occurs("Ik moet contact\nopnemen", paragraph)
    assert not article.quote_occurs("Ik moet geen contact opnemen", paragraph)
    assert not article.quote_occurs("ik moet contact opnemen", paragraph)  # case matters
    assert not article.quote_occurs("", paragraph)
