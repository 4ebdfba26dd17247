"""`explainer check`: every kind of problem, with the exact line an editor reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.commands import cli

from .conftest import edit, run_cli


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["-f", str(project / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    return code, [line for line in captured.err.splitlines() if line]


def expect(project: Path, capsys: pytest.CaptureFixture[str], *lines: str) -> None:
    code, output = check(project, capsys)
    assert code == 1
    assert output[:-1] == list(lines)
    count = len(lines)
    assert output[-1] == (f"explainer: {count} problem{'s' if count != 1 else ''} found; "
                          "nothing was built")


def test_clean_project_passes(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["-f", str(mini / "mkdocs.yml"), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("explainer check: no problems in 9 notes")


def test_yaml_syntax_error(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/actors/council.en.md", "role: Decides on the harbour",
         "role: [Decides on the harbour")
    expect(mini, capsys,
           "content/actors/council.en.md:6: YAML syntax error: while parsing a flow sequence "
           "from line 5: expected ',' or ']', but got ':' (expected valid YAML, indented with "
           "spaces)")


def test_tab_indentation(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/actors/council.en.md", "  - safe quays", "\t- safe quays")
    expect(mini, capsys,
           "content/actors/council.en.md:7: YAML syntax error: found character '\\t' that cannot "
           "start any token; tabs cannot indent YAML (expected valid YAML, indented with spaces)")


def test_unknown_and_missing_fields(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/actors/fishers.en.md", "role: Represents the fleet", "rol: Represents")
    expect(mini, capsys,
           "content/actors/fishers.en.md:2: role: missing (expected a text)",
           "content/actors/fishers.en.md:5: rol: unknown field (expected one of: aims, camp, "
           "forms, in_the_article, kind, order, relations, role, sources, summary, title)")


def test_wrong_types(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/actors/council.en.md", "order: 1", "order: first")
    edit(mini / "content/scenarios/temporary-quay.en.md", "actors: [council, fishers]",
         "actors: council")
    expect(mini, capsys,
           "content/actors/council.en.md:14: order: 'first' is not a whole number "
           "(expected a whole number)",
           "content/scenarios/temporary-quay.en.md:4: actors: 'council' is not a list "
           "(expected a list of actor ids)")


def test_bad_dates(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/timeline/2021-03-vote.en.md", "date: 2021-03", "date: 2021-02-30")
    edit(mini / "content/references.yml", "date: 2021-02-15", "date: 15 February 2021")
    expect(mini, capsys,
           "content/references.yml:4: harbour-plan.date: '15 February 2021' is not a date "
           "(expected YYYY, YYYY-MM or YYYY-MM-DD)",
           "content/timeline/2021-03-vote.en.md:4: date: 2021-02-30 does not exist "
           "(expected YYYY, YYYY-MM or YYYY-MM-DD)")


def test_duplicate_ids_and_keys(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (mini / "content/references.yml").open("a", encoding="utf-8") as stream:
        stream.write("harbour-plan:\n  publisher: X\n  title: Y\n  date: 2020\n")
    edit(mini / "content/glossary/quay.en.md", "forms: [quay, quays]",
         "forms: [quay, quays]\ntitle: Kade")
    expect(mini, capsys,
           "content/glossary/quay.en.md:5: title: duplicate key (first set on line 2) "
           "(expected each key once)",
           "content/references.yml:5: harbour-plan: duplicate key (first set on line 1) "
           "(expected each key once)")


def test_unknown_actor_term_scenario_and_reference(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(mini / "content/actors/council.en.md", "actor: fishers", "actor: fisher")
    edit(mini / "content/pages/about.en.md", "Every statement",
         "See [quays](term:quai), [it](scenario:strike) and [@harbour-plann]. Every statement")
    expect(mini, capsys,
           "content/actors/council.en.md:10: relations[0].actor: unknown actor 'fisher' "
           "(expected one of: council, fishers)",
           "content/pages/about.en.md:5: body: link to unknown scenario 'strike' "
           "(expected one of: temporary-quay)",
           "content/pages/about.en.md:5: body: link to unknown term 'quai' (expected one of: quay)",
           "content/pages/about.en.md:5: body: unknown reference 'harbour-plann' "
           "(expected an id from content/references.yml: harbour-plan)")


def test_unknown_paragraph_and_wrong_quote(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/actors/council.en.md", "The council voted 7 to 4 [@p2].",
         "The council voted 7 to 4 [@p9].")
    edit(mini / "content/actors/council.en.md", "quote: The vote was 7 to 4",
         "quote: The vote was 8 to 4")
    edit(mini / "content/pages/home.de.md", '"voted on Monday to close the harbour"',
         '"voted on Monday not to close the harbour"')
    expect(mini, capsys,
           "content/actors/council.en.md:13: sources[0].quote: quote not found in p2: "
           "'The vote was 8 to 4' (expected the exact words of that paragraph (only whitespace, "
           "quote marks and dashes may differ))",
           "content/actors/council.en.md:16: body: the article has no paragraph p9 "
           "(expected p1 to p4)",
           "content/pages/home.de.md:9: body: quote not found in p2: 'voted on Monday not to "
           "close the harbour' (expected the exact words of that paragraph (only whitespace, "
           "quote marks and dashes may differ))")


def test_unknown_language_codes(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "content/actors/council.zz.md").write_text("---\ntitle: Conseil\n---\n", "utf-8")
    expect(mini, capsys,
           "content/actors/council.zz.md: unknown language code 'zz' in the file name "
           "(expected one of the languages in mkdocs.yml: en, de)")
    (mini / "content/actors/council.zz.md").unlink()
    # A real language the site does not have (yet, or any more) is kept and left out.
    (mini / "content/actors/council.fr.md").write_text("---\ntitle: [Conseil\n---\n", "utf-8")
    code, output = check(mini, capsys)
    assert code == 0
    assert output == ["warning: content/actors/council.fr.md: left out of the build: 'fr' is not a "
                      "language of this site (add it with `explainer add-language`, or delete the file)"]
    (mini / "content/actors/council.fr.md").unlink()
    edit(mini / "mkdocs.yml", "languages: [en, de]", "languages: [en, xx, de]")
    code, output = check(mini, capsys)
    assert code == 1
    assert output == ["explainer: mkdocs.yml:8: plugins.explainer.languages: 'xx' is not a known "
                      "language (expected a code such as nl, en, ru, be that Material for MkDocs "
                      "supports)"]


def test_not_utf8_and_empty_and_no_front_matter(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "content/glossary/quay.en.md").write_bytes(
        b"---\ntitle: Quay\nsummary: caf\xe9\n---\n")
    (mini / "content/actors/fishers.en.md").write_text("", "utf-8")
    (mini / "content/scenarios/temporary-quay.en.md").write_text("Just text.\n", "utf-8")
    code, output = check(mini, capsys)
    assert code == 1
    assert "content/glossary/quay.en.md:3: not UTF-8 text (byte 0xe9) (expected a file saved "\
        "as UTF-8)" in output
    assert "content/actors/fishers.en.md:1: the file is empty (expected front matter between "\
        "'---' lines)" in output
    assert "content/scenarios/temporary-quay.en.md:1: no front matter (expected the file to "\
        "start with a line '---')" in output


def test_neutral_field_in_translation_and_orphan_translation(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(mini / "content/actors/council.de.md", "role: Entscheidet", "order: 3\nrole: Entscheidet")
    (mini / "content/glossary/harbour.de.md").write_text(
        "---\ntitle: Hafen\nsummary: Ein Hafen.\nforms: [Hafen]\n---\n", "utf-8")
    expect(mini, capsys,
           "content/actors/council.de.md:4: order: language-neutral field in a translation "
           "(expected it only in content/actors/council.en.md)",
           "content/glossary/harbour.de.md:1: translation of a note that does not exist in en "
           "(expected content/glossary/harbour.en.md)")


def test_note_without_any_source(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/glossary/quay.en.md", "sources:\n  - paragraph: p4\n", "")
    expect(mini, capsys,
           "content/glossary/quay.en.md:2: sources: no source for this note "
           "(expected 'sources:' or a citation such as [@p3] in the text)")


def test_inserted_headline_must_exist(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "content/article.yml", "text: Fishers protest", "text: Fishers protests")
    expect(mini, capsys,
           "content/article.yml:3: inserted_headlines.text: no heading 'Fishers protests' in the "
           "article (expected one of: 'Repairs'; 'Fishers protest')")


def test_all_problems_at_once_exit_1_and_no_traceback(mini: Path) -> None:
    edit(mini / "content/actors/council.en.md", "actor: fishers", "actor: nobody")
    edit(mini / "content/timeline/2021-03-vote.en.md", "date: 2021-03", "date: March")
    (mini / "content/glossary/quay.en.md").write_bytes(b"\xff\xfe")
    result = run_cli("-f", mini / "mkdocs.yml", "check")
    assert result.code == 1
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 4
    assert lines[-1] == "explainer: 3 problems found; nothing was built"


def test_missing_project_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 1
    assert result.err.strip() == (f"explainer: {tmp_path.resolve()}: no mkdocs.yml here "
                                  "(run explainer in a project folder, or pass -f FILE)")


def test_checking_again_in_one_process_sees_every_edit(
        mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As `explainer serve` does on each save: parsed notes are reused only while unchanged.
    council = mini / "content/actors/council.en.md"
    original = council.read_text("utf-8")
    assert check(mini, capsys)[0] == 0
    edit(council, "actor: fishers", "actor: nobody")
    code, lines = check(mini, capsys)
    assert code == 1 and any("unknown actor 'nobody'" in line for line in lines)
    council.write_text(original.replace("title: Town council", "title: [Town council"), "utf-8")
    code, lines = check(mini, capsys)
    assert code == 1 and any(line.startswith("content/actors/council.en.md:3: YAML syntax error")
                             for line in lines)
    council.write_text(original, "utf-8")
    assert check(mini, capsys)[0] == 0


@pytest.mark.parametrize(("locales", "message"), [
    ("{fr: fr-CA}", "mkdocs.yml:9: plugins.explainer.locales.fr: 'fr' is not a language of this site "
                    "(expected one of the languages listed in 'languages:': en, de)"),
    ("{en: de-AT}", "mkdocs.yml:9: plugins.explainer.locales.en: 'de-AT' is not a variant of 'en' "
                    "(expected en with a region that Babel knows, as en-GB, pt-BR or fr-CA are)"),
    ("{en: en-XX}", "mkdocs.yml:9: plugins.explainer.locales.en: 'en-XX' is not a known locale "
                    "(expected en with a region that Babel knows, as en-GB, pt-BR or fr-CA are)"),
    ("[en-GB]", "mkdocs.yml:9: plugins.explainer.locales: not a mapping (expected a language of the "
                "site and its variant on each line, such as 'en: en-GB')"),
])
def test_bad_locale_variants(mini: Path, capsys: pytest.CaptureFixture[str], locales: str,
                             message: str) -> None:
    edit(mini / "mkdocs.yml", "languages: [en, de]", f"languages: [en, de]\n      locales: {locales}")
    code, output = check(mini, capsys)
    assert code == 1
    assert output == [f"explainer: {message}"]


def test_texts_in_a_language_the_site_does_not_have_are_left_out_with_a_warning(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As a removed language's files are: `explainer remove-language` edits none of them.
    (mini / "content/relations.yml").write_text(
        "rival:\n  tone: oppose\n  label: {en: rival of, de: Rivale von, fr: rival de}\n", "utf-8")
    edit(mini / "content/references.yml", "  date: 2021-02-15",
         "  date: 2021-02-15\n  note: {en: Approved., fr: Approuvé., ar: أُقرّ.}")
    (mini / "content/map.yml").write_text(
        "focus: NL\ngroups:\n  - label: {en: Towns, de: Städte, fr: Villes}\n    members: [BE]\n", "utf-8")
    code, output = check(mini, capsys)
    assert code == 0
    left_out = ("are left out of the build: not a language of this site (add it with `explainer "
                "add-language`, or delete them)")
    assert output[:3] == [
        f"warning: content/references.yml: the texts in ar, fr {left_out}",
        f"warning: content/relations.yml: the texts in fr {left_out}",
        f"warning: content/map.yml: groups[0].label: the texts in fr {left_out}",
    ]


def test_a_relation_type_without_a_label_in_a_language_is_a_warning(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "content/relations.yml").write_text("rival:\n  tone: oppose\n  label: {en: rival of}\n",
                                                "utf-8")
    edit(mini / "content/actors/council.en.md", "type: opponent", "type: rival")
    code, output = check(mini, capsys)
    assert code == 0
    assert output[0] == "warning: content/relations.yml: rival: no label in de; shown in en"
