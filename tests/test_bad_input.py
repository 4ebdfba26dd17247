"""Broken input an editor could produce: one exact message per problem, exit 1, site/ untouched.

Most cases run ``explainer check`` in-process (fast); a representative handful run
``explainer build`` in a separate process over an already built copy of the ``mini``
fixture and check that its site/ is byte for byte what it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from build_scripts.commands import cli

from .conftest import FIXTURES, copy_project, run_cli, tree_digest

Mutation = Callable[[Path], None]

COUNCIL = "content/actors/council.en.md"
COUNCIL_DE = "content/actors/council.de.md"
FISHERS = "content/actors/fishers.en.md"
QUAY = "content/glossary/quay.en.md"
SCENARIO = "content/scenarios/temporary-quay.en.md"
EVENT = "content/timeline/2021-03-vote.en.md"
ABOUT = "content/pages/about.en.md"
ARTICLE = "content/article.yml"
REFERENCES = "content/references.yml"
SEED = "seeds/story.txt"
SEED_META = "seeds/story.yml"

YAML = "(expected valid YAML, indented with spaces)"
TAGS = ("(expected Markdown, or one of the tags: abbr, b, br, cite, code, del, em, i, ins, kbd, "
        "mark, q, s, small, span, strong, sub, sup, u)")
ATTRIBUTES = "(expected only the attributes: class, dir, lang, title)"
LIST = "(expected only .class, #id, class, dir, lang, title in { }, or \\{ for a brace)"
ADDRESS = ("(expected a note link such as (actor:id), (page:about) or (source:p3), or an http://, "
           "https:// or mailto: address)")
IMAGE = ("(expected text only: content/ has no pictures of its own, and one from another site "
         "would make every reader's browser contact that site)")
BIDI = "(expected remove it; write right-to-left text without override characters)"
MAP = "content/map.yml"
MAP_DATA = ("(expected a path relative to content/ that stays in the project, such as "
            "map/countries.json (copy the shapes file there))")
RELATIVE = "relative links and #anchors cannot be resolved from content/"
ACTOR_FIELDS = "aims, camp, forms, in_the_article, kind, order, relations, role, sources, summary, title"
BAD_FILE_NAME = "(expected lower-case Latin letters, digits and hyphens, such as 'town-council.en.md')"


# -- mutations -----------------------------------------------------------------------------

def replace(relative: str, old: str, new: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def write(relative: str, content: str | bytes) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return mutate


def copy_of(source: str, relative: str) -> Mutation:
    def mutate(root: Path) -> None:
        shutil.copyfile(root / source, root / relative)
    return mutate


def remove(relative: str) -> Mutation:
    def mutate(root: Path) -> None:
        (root / relative).unlink()
    return mutate


def every_file(change: Callable[[bytes], bytes]) -> Mutation:
    """Apply `change` to the bytes of every text file in content/ and seeds/."""
    def mutate(root: Path) -> None:
        for folder in ("content", "seeds"):
            for path in sorted((root / folder).rglob("*")):
                if path.is_file():
                    path.write_bytes(change(path.read_bytes()))
    return mutate


def steps(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)
    return mutate


def symlink(relative: str, target: str) -> Mutation:
    def mutate(root: Path) -> None:
        (root / relative).symlink_to(root / target)
    return mutate


def link_outside(relative: str, target: str) -> Mutation:
    """A symbolic link in the project to `target`, an absolute path outside it."""
    def mutate(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).symlink_to(target)
    return mutate


def fifo(relative: str) -> Mutation:
    def mutate(root: Path) -> None:
        os.mkfifo(root / relative)
    return mutate


def sized(relative: str, size: int) -> Mutation:
    """Pad a note's body so that the file is exactly `size` bytes."""
    def mutate(root: Path) -> None:
        path = root / relative
        data = path.read_bytes()
        path.write_bytes(data + b"\n" + b"word " * ((size - len(data) - 1) // 5)
                         + b"x" * ((size - len(data) - 1) % 5))
        assert path.stat().st_size == size
    return mutate


def billion_laughs() -> str:
    levels = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"&l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "lol: [" + ", ".join(levels) + "]"


# -- check: every problem is reported with its line ----------------------------------------

def case(name: str, mutate: Mutation, *lines: str) -> object:
    return pytest.param(mutate, list(lines), id=name)


CHECK_CASES = [
    # YAML syntax
    case("yaml-unclosed-quote", replace(COUNCIL, "title: Town council", 'title: "Town council'),
         f'{COUNCIL}:2: the quote " opened here is never closed (expected a closing " at the end of '
         "the value)"),
    case("yaml-colon-in-value", replace(COUNCIL, "summary: The elected", "summary: The: elected"),
         f"{COUNCIL}:3: summary: a colon followed by a space inside a value makes YAML read a second "
         'field (expected the value in double quotes: summary: "The: elected council of Northport.")'),
    case("yaml-unclosed-quote-in-a-required-page",
         replace("content/pages/home.en.md", "title: ", 'title: "'),
         'content/pages/home.en.md:2: the quote " opened here is never closed (expected a closing " '
         "at the end of the value)"),
    # A translation's last field is quoted (translated_from: "..."): YAML reads on to it.
    case("yaml-unclosed-quote-before-a-quoted-field",
         replace(COUNCIL_DE, "title: Stadtrat", 'title: "Stadtrat'),
         f'{COUNCIL_DE}:2: the quote " opened here is never closed (expected a closing " at the end of '
         "the value)"),
    case("link-to-a-kind-with-no-notes",
         steps(remove(EVENT), replace(ABOUT, "Every statement", "[The vote](event:vote). Every statement")),
         f"{ABOUT}:5: body: link to unknown event 'vote' (expected an event in content/)"),
    case("unknown-field-in-a-translation", replace(COUNCIL_DE, "title:", "colour: blue\ntitle:"),
         f"{COUNCIL_DE}:2: colour: unknown field (expected one of: aims, forms, in_the_article, role, "
         "summary, title, translated_from)"),
    case("yaml-colon-in-french-typography",
         replace(COUNCIL, "title: Town council", "title: France : l'ancienne \"puissance\""),
         f"{COUNCIL}:2: title: a colon followed by a space inside a value makes YAML read a second "
         'field (expected the value in double quotes: title: "France : l\'ancienne \\"puissance\\"")'),
    case("yaml-unclosed-list", replace(QUAY, "forms: [quay, quays]", "forms: [quay, quays"),
         f"{QUAY}:5: YAML syntax error: while parsing a flow sequence from line 4: expected ',' or "
         f"']', but got ':' {YAML}"),
    case("yaml-bad-indentation", replace(COUNCIL, "  - safe quays [@p3]", "  - safe quays [@p3]\n - more"),
         f"{COUNCIL}:8: YAML syntax error: while parsing a block mapping from line 2: expected "
         f"<block end>, but found '<block sequence start>' {YAML}"),
    case("yaml-unknown-escape", replace(COUNCIL, "title: Town council", 'title: "Town \\q council"'),
         f"{COUNCIL}:2: YAML syntax error: found unknown escape character 'q' {YAML}"),
    case("yaml-undefined-alias", replace(COUNCIL, "role: Decides on the harbour", "role: *harbour"),
         f"{COUNCIL}:5: YAML syntax error: found undefined alias 'harbour' {YAML}"),
    case("yaml-tab-indentation", replace(QUAY, "  - paragraph: p4", "\t- paragraph: p4"),
         f"{QUAY}:6: YAML syntax error: found character '\\t' that cannot start any token; tabs "
         f"cannot indent YAML {YAML}"),
    case("yaml-duplicate-key", replace(COUNCIL, "order: 1", "order: 1\norder: 2"),
         f"{COUNCIL}:15: order: duplicate key (first set on line 14) (expected each key once)"),
    case("yaml-duplicate-nested-key",
         replace(COUNCIL, "    actor: fishers", "    actor: fishers\n    actor: council"),
         f"{COUNCIL}:11: relations[0].actor: duplicate key (first set on line 10) "
         "(expected each key once)"),
    case("yaml-python-tag",
         replace(COUNCIL, "role: Decides on the harbour", "role: !!python/object:os.system x"),
         f"{COUNCIL}:5: role: unreadable value: could not determine a constructor for the tag "
         "'tag:yaml.org,2002:python/object:os.system' (expected a text, number, list or mapping)"),
    case("yaml-bad-bool-tag", replace(COUNCIL, "role: Decides on the harbour", "role: !!bool maybe"),
         f"{COUNCIL}:5: role: unreadable value: 'maybe' cannot be read as !!bool "
         "(expected a text, number, list or mapping)"),
    case("yaml-recursive-alias", replace(COUNCIL, "role: Decides on the harbour", "role: &a [*a]"),
         f"{COUNCIL}:5: role: a list is not a text (expected a non-empty text)",
         f"{COUNCIL}:5: role[0]: a YAML alias (*name) of a list or mapping (expected the list or "
         "mapping written out where it is used)"),
    case("yaml-billion-laughs", replace(COUNCIL, "order: 1", "order: 1\n" + billion_laughs()),
         f"{COUNCIL}:15: lol: unknown field (expected one of: {ACTOR_FIELDS})",
         f"{COUNCIL}:15: lol[1][0]: a YAML alias (*name) of a list or mapping (expected the list "
         "or mapping written out where it is used)"),
    case("yaml-nested-too-deeply",
         replace(COUNCIL, "role: Decides on the harbour", "role: " + "[" * 5000 + "]" * 5000),
         f"{COUNCIL}:2: YAML error: lists or mappings nested too deeply (expected at most 50 levels)"),
    case("yaml-key-with-line-break", replace(COUNCIL, "order: 1", 'order: 1\n"a\\nb": c'),
         f"{COUNCIL}:15: field name 'a\\nb' has invisible characters (expected a plain name such "
         "as 'title')"),
    case("yaml-list-as-key", replace(COUNCIL, "order: 1", "order: 1\n? [a, b]\n: c"),
         f"{COUNCIL}:15: a list or mapping used as a field name (expected 'name: value', with a "
         "plain name)"),
    case("front-matter-not-closed",
         write(FISHERS, "---\ntitle: Fishers\nsummary: The fishers.\n\nThey want a quay.\n"),
         f"{FISHERS}:1: the front matter is not closed (expected a line '---' after the last "
         "field, before the body)"),
    case("front-matter-a-list", write(FISHERS, "---\n- title\n- summary\n---\nThe fishers.\n"),
         f"{FISHERS}:2: front matter is not a mapping (expected 'key: value' lines)"),
    case("no-front-matter", write(FISHERS, "The fishers want a quay.\n"),
         f"{FISHERS}:1: no front matter (expected the file to start with a line '---')"),
    # wrong types
    case("list-for-text", replace(COUNCIL, "title: Town council", "title: [Town, council]"),
         f"{COUNCIL}:2: title: a list is not a text (expected a non-empty text)"),
    case("text-for-list", replace(COUNCIL, "aims:\n  - safe quays [@p3]", "aims: safe quays [@p3]"),
         f"{COUNCIL}:6: aims: 'safe quays [@p3]' is not a list (expected a list of texts, one "
         "'- item' a line)"),
    case("mapping-for-text", replace(COUNCIL, "summary: The elected council of Northport.",
                                     "summary: {council: Northport}"),
         f"{COUNCIL}:3: summary: a mapping is not a text (expected a non-empty text)"),
    case("number-for-text", replace(COUNCIL, "title: Town council", "title: 42"),
         f"{COUNCIL}:2: title: '42' is not a text (expected a non-empty text)"),
    case("number-for-list", replace(COUNCIL, "relations:\n  - type: opponent\n    actor: fishers",
                                    "relations: 1"),
         f"{COUNCIL}:8: relations: '1' is not a list (expected a list of 'type' and 'actor' items)"),
    case("number-for-a-relations-sources",
         replace(COUNCIL, "    actor: fishers", "    actor: fishers\n    sources: 3"),
         f"{COUNCIL}:11: relations[0].sources: '3' is not a list (expected a list of '- paragraph: pN' "
         "or '- reference: id' items)"),
    case("yes-for-text", replace(COUNCIL, "role: Decides on the harbour", "role: yes"),
         f"{COUNCIL}:5: role: true (a yes/no value) is not a text (expected a non-empty text)"),
    case("no-for-number", replace(COUNCIL, "order: 1", "order: no"),
         f"{COUNCIL}:14: order: false (a yes/no value) is not a whole number (expected a whole number)"),
    case("fraction-for-number", replace(COUNCIL, "order: 1", "order: 1.5"),
         f"{COUNCIL}:14: order: '1.5' is not a whole number (expected a whole number)"),
    case("empty-value", replace(COUNCIL, "role: Decides on the harbour", "role:"),
         f"{COUNCIL}:5: role: an empty value is not a text (expected a non-empty text)"),
    case("empty-text", replace(COUNCIL, "title: Town council", "title: '  '"),
         f"{COUNCIL}:2: title: the text is empty (expected a non-empty text)"),
    case("empty-list", replace(SCENARIO, "drivers:\n  - pressure from the fishers [@p4]\n", "drivers: []\n"),
         f"{SCENARIO}:5: drivers: the list is empty (expected a list of texts, one '- item' a line)"),
    case("choice-not-on-the-list", replace(COUNCIL, "kind: organisation", "kind: company"),
         f"{COUNCIL}:4: kind: 'company' is not allowed (expected one of: person, organisation, "
         "group, state, alliance, media)"),
    case("date-that-does-not-exist", replace(EVENT, "date: 2021-03", "date: 2021-02-30"),
         f"{EVENT}:4: date: 2021-02-30 does not exist (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
    case("date-with-time", replace(EVENT, "date: 2021-03", "date: 2021-03-01 10:00"),
         f"{EVENT}:4: date: '2021-03-01 10:00' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
    # unknown and missing fields
    case("unknown-field", replace(QUAY, "forms: [quay, quays]", "forms: [quay, quays]\nauthor: Ana"),
         f"{QUAY}:5: author: unknown field (expected one of: forms, related, sources, summary, "
         "title)"),
    case("unknown-field-in-a-source",
         replace(COUNCIL, "quote: The vote was 7 to 4", "quote: The vote was 7 to 4\n    page: 3"),
         f"{COUNCIL}:14: sources[0].page: unknown field (expected one of: note, paragraph, quote, "
         "reference)"),
    case("missing-required-text", replace(FISHERS, "summary: The association of Northport's fishers.\n", ""),
         f"{FISHERS}:2: summary: missing (expected a text)"),
    case("missing-required-list", replace(SCENARIO, "drivers:\n  - pressure from the fishers [@p4]\n", ""),
         f"{SCENARIO}:2: drivers: missing (expected a list of texts)"),
    case("missing-relation-actor", replace(COUNCIL, "    actor: fishers\n", ""),
         f"{COUNCIL}:9: relations[0].actor: missing (expected an actor id)"),
    # unknown references of every kind
    case("unknown-actor", replace(SCENARIO, "actors: [council, fishers]", "actors: [council, mayor]"),
         f"{SCENARIO}:4: actors[1]: unknown actor 'mayor' (expected one of: council, fishers)"),
    case("unknown-actor-link", replace(ABOUT, "Every statement", "See [Silva](actor:silva). Every statement"),
         f"{ABOUT}:5: body: link to unknown actor 'silva' (expected one of: council, fishers)"),
    case("unknown-term", replace(QUAY, "forms: [quay, quays]", "forms: [quay, quays]\nrelated: [pier]"),
         f"{QUAY}:5: related[0]: unknown term 'pier' (expected one of: quay)"),
    case("unknown-term-link", replace(ABOUT, "Every statement", "A [pier](term:pier). Every statement"),
         f"{ABOUT}:5: body: link to unknown term 'pier' (expected one of: quay)"),
    case("unknown-scenario-link",
         replace(ABOUT, "Every statement", "See [a strike](scenario:strike). Every statement"),
         f"{ABOUT}:5: body: link to unknown scenario 'strike' (expected one of: temporary-quay)"),
    case("unknown-event-link",
         replace(ABOUT, "Every statement", "See [the vote](event:2021-03-votes). Every statement"),
         f"{ABOUT}:5: body: link to unknown event '2021-03-votes' (expected one of: 2021-03-vote)"),
    case("unknown-page-link", replace(ABOUT, "Every statement", "See [home](page:start). Every statement"),
         f"{ABOUT}:5: body: link to unknown page 'start' (expected one of: about, background, home)"),
    case("unknown-reference",
         replace(COUNCIL, "  - paragraph: p2\n    quote: The vote was 7 to 4\n", "  - reference: plan\n"),
         f"{COUNCIL}:12: sources[0].reference: unknown reference 'plan' (expected an id from "
         "content/references.yml: harbour-plan)"),
    case("unknown-reference-citation", replace(ABOUT, "Every statement", "See [@plan]. Every statement"),
         f"{ABOUT}:5: body: unknown reference 'plan' (expected an id from content/references.yml: "
         "harbour-plan)"),
    case("unknown-paragraph", replace(COUNCIL, "  - paragraph: p2", "  - paragraph: p9"),
         f"{COUNCIL}:12: sources[0].paragraph: the article has no paragraph p9 (expected p1 to p4)"),
    case("unknown-paragraph-citation", replace(FISHERS, '[@p4 "wants a temporary quay"]', "[@p7]"),
         f"{FISHERS}:11: body: the article has no paragraph p7 (expected p1 to p4)"),
    case("unknown-paragraph-link", replace(ABOUT, "Every statement", "See [it](source:p9). Every statement"),
         f"{ABOUT}:5: body: the article has no paragraph 'p9' (expected (source:pN) with N from 1 to 4)"),
    case("link-to-omitted-heading",
         steps(replace(ARTICLE, "show: related", "show: omit"),
               replace(ABOUT, "Every statement", "See [it](source:h2). Every statement")),
         f"{ABOUT}:5: body: the heading h2 is omitted from the source page (expected a paragraph "
         "(source:pN), or a heading not marked 'show: omit' in content/article.yml)"),
    case("required-page-missing", remove(ABOUT),
         "content/pages: the about page is missing (expected content/pages/about.en.md)"),
    # wrong quotes
    case("wrong-quote", replace(COUNCIL, "quote: The vote was 7 to 4", "quote: The vote was 8 to 4"),
         f"{COUNCIL}:13: sources[0].quote: quote not found in p2: 'The vote was 8 to 4' (expected "
         "the exact words of that paragraph (only whitespace, quote marks and dashes may differ))"),
    case("wrong-inline-quote",
         replace(ABOUT, "Every statement", "Silva said [@p4 „a disaster for the fleets”]. Every statement"),
         f"{ABOUT}:5: body: quote not found in p4: 'a disaster for the fleets' (expected the exact "
         "words of that paragraph (only whitespace, quote marks and dashes may differ))"),
    case("quote-of-a-reference",
         replace(ABOUT, "Every statement", 'See [@harbour-plan "the plan"]. Every statement'),
         f"{ABOUT}:5: body: a quote cites a reference: [@harbour-plan] (expected quotes only with "
         "paragraph citations such as [@p3 \"...\"])"),
    case("quote-without-paragraph",
         replace(QUAY, "  - paragraph: p4", "  - reference: harbour-plan\n    quote: repairs"),
         f"{QUAY}:7: sources[0].quote: a quote needs a paragraph (expected 'paragraph: pN' beside "
         "'quote')"),
    # files that are not text, or not the text expected
    case("empty-file", write(FISHERS, ""),
         f"{FISHERS}:1: the file is empty (expected front matter between '---' lines)"),
    case("whitespace-only-file", write(FISHERS, "  \n\t\n   \n"),
         f"{FISHERS}:1: the file is empty (expected front matter between '---' lines)"),
    case("file-just-over-1-MB", sized(FISHERS, 1_000_001),
         f"{FISHERS}: file is too large (1,000,001 bytes) (expected at most 1,000,000 bytes)"),
    case("file-of-10-MB", sized(FISHERS, 10_000_000),
         f"{FISHERS}: file is too large (10,000,000 bytes) (expected at most 1,000,000 bytes)"),
    case("latin-1-byte", write(QUAY, b"---\ntitle: Quay\nsummary: caf\xe9\n---\n"),
         f"{QUAY}:3: not UTF-8 text (byte 0xe9) (expected a file saved as UTF-8)"),
    case("utf-16-file", write(QUAY, "---\ntitle: Quay\n---\n".encode("utf-16")),
         f"{QUAY}:1: not UTF-8 text (byte 0xff) (expected a file saved as UTF-8)"),
    case("binary-file", write(QUAY, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         f"{QUAY}:1: not UTF-8 text (byte 0x89) (expected a file saved as UTF-8)"),
    case("control-character", replace(COUNCIL, "The council voted", "The council\x00 voted"),
         f"{COUNCIL}:16: control character U+0000 in the text (expected text without control "
         "characters (delete it, or retype the line))"),
    # file names
    case("file-name-with-space", copy_of(FISHERS, "content/actors/fishing fleet.en.md"),
         f"content/actors/fishing fleet.en.md: 'fishing fleet' is not a valid id in the file name "
         f"{BAD_FILE_NAME}"),
    case("file-name-in-cyrillic", copy_of(FISHERS, "content/actors/рыбаки.en.md"),
         f"content/actors/рыбаки.en.md: 'рыбаки' is not a valid id in the file name {BAD_FILE_NAME}"),
    case("file-name-in-capitals", copy_of(FISHERS, "content/actors/Fleet.en.md"),
         f"content/actors/Fleet.en.md: 'Fleet' is not a valid id in the file name {BAD_FILE_NAME}"),
    case("file-name-with-line-break", copy_of(FISHERS, "content/actors/fle\net.en.md"),
         f"content/actors/fle\\net.en.md: 'fle\\net' is not a valid id in the file name {BAD_FILE_NAME}"),
    case("unknown-language-code", copy_of(COUNCIL_DE, "content/actors/council.zz.md"),
         "content/actors/council.zz.md: unknown language code 'zz' in the file name (expected one "
         "of the languages in mkdocs.yml: en, de)"),
    case("file-name-without-language", copy_of(FISHERS, "content/actors/fleet.md"),
         "content/actors/fleet.md: unexpected file name (expected files named <id>.<language>.md in "
         "content/actors/)"),
    case("link-to-a-missing-file", symlink("content/actors/fleet.en.md", "content/actors/fleet.txt"),
         "content/actors: fleet.en.md: a link to a file that does not exist (expected a file, or a "
         "link to one)"),
    case("link-to-itself", symlink("content/actors/fleet.en.md", "content/actors/fleet.en.md"),
         "content/actors: fleet.en.md: a link to a file that does not exist (expected a file, or a "
         "link to one)"),
    case("link-to-a-broken-file-elsewhere",
         steps(write("drafts/fleet.md", "---\ntitle: Fleet\nsummary: [unclosed\n---\nText.\n"),
               symlink("content/actors/fleet.en.md", "drafts/fleet.md")),
         "content/actors/fleet.en.md:3: YAML syntax error: expected ',' or ']', but got '<stream end>' "
         "(expected valid YAML, indented with spaces)"),
    case("named-pipe", fifo("content/actors/fleet.en.md"),
         "content/actors/fleet.en.md: not a regular file (expected a text file saved as UTF-8)"),
    case("unexpected-file-in-content", write("content/notes.txt", "to do"),
         "content/notes.txt: unexpected file in content/ (expected notes inside their folders, plus "
         "article.yml, references.yml, map.yml and relations.yml)"),
    # the theme's own strings and the footer, per language
    case("unknown-theme-string",
         write("content/locales/en.yml", "theme:\n  search.result.nothing: Nothing\n"),
         "content/locales/en.yml:2: theme.search.result.nothing: unknown string of the theme (expected a "
         "key of Material for MkDocs' partials/languages/en.html, such as theme.search.result.none)"),
    case("footer-line-with-a-placeholder",
         write("content/locales/en.yml", "footer:\n  copyright: \"{year} Northport Post\"\n"),
         "content/locales/en.yml:2: footer.copyright: placeholders differ from the English string "
         "(expected no {placeholders})"),
    # the map: shipped shapes, groups labelled per language
    case("map-group-with-a-term-and-a-label",
         write("content/map.yml", "focus: NL\ngroups:\n  - term: quay\n    label: {en: Quays}\n"
               "    members: [BE]\n"),
         "content/map.yml:4: groups[0].label: both a term and a label (expected either 'term: id' or a "
         "label for languages of the site, such as 'en: ...')"),
    case("map-focus-without-a-shape", write("content/map.yml", "focus: XX\n"),
         "content/map.yml:1: focus: 'XX' has no shape in the shipped shapes (expected an ISO 3166 "
         "country code such as FR, NL or BY)"),
    # relation types
    case("unknown-relation-type", replace(COUNCIL, "type: opponent", "type: rival"),
         f"{COUNCIL}:9: relations[0].type: 'rival' is not allowed (expected one of: ally, opponent, "
         "supports, opposes, depends_on, member_of, leads, part_of, pressures, negotiates_with, or a "
         "type declared in content/relations.yml)"),
    case("relation-type-without-a-tone-or-a-default-label",
         write("content/relations.yml", "rival:\n  label: {de: Rivale von}\n"),
         "content/relations.yml:1: rival.tone: missing (expected one of: support, oppose, member, depend)"),
    case("relation-type-label-problems",
         write("content/relations.yml", "rival:\n  tone: oppose\n  label:\n    de: Rivale von\n"
               "    xx: rival de\n    en: ''\ncolour:\n  tone: red\n  label: {en: x}\n"),
         "content/relations.yml:5: rival.label.xx: 'xx' is not a language of this site (expected one "
         "of: en, de)",
         "content/relations.yml:6: rival.label.en: not a text (expected the relation's words, such as "
         "'offered its services to')",
         "content/relations.yml:8: colour.tone: 'red' is not a tone (expected one of: support, oppose, "
         "member, depend)"),
    # HTML, script and addresses in Markdown text
    case("script-in-body",
         replace(ABOUT, "Every statement", "Our method.\n\n\n<script>alert(1)</script>\nEvery statement"),
         f"{ABOUT}:8: body: raw HTML <script> is not allowed {TAGS}"),
    case("script-in-summary", replace(COUNCIL, "summary: The elected council of Northport.",
                                      "summary: The <script>alert(1)</script> council."),
         f"{COUNCIL}:3: summary: raw HTML <script> is not allowed {TAGS}"),
    case("script-in-a-list-item", replace(COUNCIL, "  - safe quays [@p3]", "  - <SCRIPT>alert(1)</SCRIPT>"),
         f"{COUNCIL}:7: aims[0]: raw HTML <script> is not allowed {TAGS}"),
    case("image-with-onerror", replace(COUNCIL, "The council voted", "<img src=x onerror=alert(1)> voted"),
         f"{COUNCIL}:16: body: raw HTML <img> is not allowed {TAGS}"),
    case("iframe-and-stray-end-tag",
         replace(ABOUT, "Every statement", '<iframe src="https://x.org"></iframe> </div> Every statement'),
         f"{ABOUT}:5: body: raw HTML </div> is not allowed {TAGS}",
         f"{ABOUT}:5: body: raw HTML <iframe> is not allowed {TAGS}"),
    case("onclick-on-a-safe-tag",
         replace(ABOUT, "Every statement", '<b onclick="alert(1)">Every</b> statement'),
         f"{ABOUT}:5: body: attribute 'onclick' on <b> runs script and is not allowed {ATTRIBUTES}"),
    case("style-on-a-safe-tag",
         replace(ABOUT, "Every statement", '<span style="position:fixed">Every</span> statement'),
         f"{ABOUT}:5: body: attribute 'style' on <span> is not allowed {ATTRIBUTES}"),
    case("javascript-link", replace(ABOUT, "Every statement", "[Go](javascript:alert(1)). Every statement"),
         f"{ABOUT}:5: body: link to 'javascript:alert(1)' is not allowed {ADDRESS}"),
    case("javascript-autolink", replace(ABOUT, "Every statement", "<javascript:alert(1)> Every statement"),
         f"{ABOUT}:5: body: link to 'javascript:alert(1)' is not allowed {ADDRESS}"),
    case("javascript-link-in-entities",
         replace(COUNCIL, "  - safe quays [@p3]", "  - safe [quays](&#106;ava&#x73;cript:alert(1))"),
         f"{COUNCIL}:7: aims[0]: link to '&#106;ava&#x73;cript:alert(1)' is not allowed {ADDRESS}"),
    case("javascript-link-split-over-lines",
         replace(ABOUT, "Every statement", "[Click](java\nscript:alert(1)). Every statement"),
         f"{ABOUT}:5: body: link to 'javascript:alert(1)' is not allowed {ADDRESS}"),
    case("data-image",
         replace(ABOUT, "Every statement", "![map](data:text/html;base64,PHNjcmlwdD4=)\n\nEvery statement"),
         f"{ABOUT}:5: body: image 'data:text/html;base64,PHNjcmlwdD4=' is not allowed {IMAGE}"),
    case("image-from-another-site",
         replace(ABOUT, "Every statement", "![map](https://tiles.example.org/map.png)\n\nEvery statement"),
         f"{ABOUT}:5: body: image 'https://tiles.example.org/map.png' is not allowed {IMAGE}"),
    case("relative-link-into-docs",
         replace(COUNCIL, "  - safe quays [@p3]", "  - safe [quays](../fishers/)"),
         f"{COUNCIL}:7: aims[0]: link to '../fishers/': {RELATIVE} {ADDRESS}"),
    case("problem-in-a-literal-block",
         replace(COUNCIL, "  - safe quays [@p3]", "  - |\n    safe quays [@p3]\n    and more [@p9]"),
         f"{COUNCIL}:9: aims[0]: the article has no paragraph p9 (expected p1 to p4)"),
    case("anchor-link",
         replace(ABOUT, "Every statement", "See [below](#sources).\n\nEvery statement"),
         f"{ABOUT}:5: body: link to '#sources': {RELATIVE} {ADDRESS}"),
    case("vbscript-reference-link",
         replace(ABOUT, "Every statement", "See [it][1].\n\n[1]: vbscript:msgbox(1)\n\nEvery statement"),
         f"{ABOUT}:7: body: link to 'vbscript:msgbox(1)' is not allowed {ADDRESS}"),
    case("javascript-link-definition-in-a-quote",
         replace(ABOUT, "Every statement",
                 "> [x]: javascript:alert(1)\n\n> see [click][x]\n\nEvery statement"),
         f"{ABOUT}:5: body: link to 'javascript:alert(1)' is not allowed {ADDRESS}"),
    case("javascript-link-definition-in-a-list-item",
         replace(SCENARIO, "ask for it [@p4].", "ask for it [@p4].\n\n- one\n\n    [y]: JavaScript:alert(1)"),
         f"{SCENARIO}:17: body: link to 'JavaScript:alert(1)' is not allowed {ADDRESS}"),
    case("javascript-link-in-an-interface-string",
         replace("content/locales/de.yml", "  sources: Quellen",
                 '  sources: "[Quellen](javascript:alert(6))"'),
         "content/locales/de.yml:15: headings.sources: Markdown link in an interface string "
         "(expected plain text)"),
    case("reference-link-in-an-interface-string",
         replace("content/locales/de.yml", "  sources: Quellen", '  sources: "[Quellen] [x]"'),
         "content/locales/de.yml:15: headings.sources: Markdown link in an interface string "
         "(expected plain text)"),
    case("bidi-override-in-a-title", replace(COUNCIL, "title: Town council", "title: Town \u202ecouncil"),
         f"{COUNCIL}:2: title: bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) in the "
         f"text {BIDI}"),
    case("bidi-isolate-in-a-body", replace(COUNCIL, "The council voted", "The \u2067council voted"),
         f"{COUNCIL}:16: body: bidirectional control character U+2067 (RIGHT-TO-LEFT ISOLATE) in the "
         f"text {BIDI}"),
    case("bidi-embedding-in-an-interface-string",
         replace("content/locales/de.yml", "  sources: Quellen", '  sources: "Qu\u202bellen"'),
         "content/locales/de.yml:15: headings.sources: bidirectional control character U+202B "
         f"(RIGHT-TO-LEFT EMBEDDING) in the text {BIDI}"),
    case("attribute-list-with-onclick",
         replace(SCENARIO, "ask for it [@p4].", "ask for it [@p4].\n{: onclick=alert(1) }"),
         f"{SCENARIO}:14: body: attribute 'onclick' in {{...}} runs script and is not allowed {LIST}"),
    case("attribute-list-overriding-href",
         replace(ABOUT, "Every", '[Plan](https://x.org){ href="javascript:alert(1)" } Every'),
         f"{ABOUT}:5: body: attribute 'href' in {{...}} is not allowed {LIST}"),
    case("reference-address-breaking-out-of-its-link",
         replace(REFERENCES, "  date: 2021-02-15",
                 "  date: 2021-02-15\n  url: 'https://x.org/) <script>alert(1)</script> ('"),
         f"{REFERENCES}:5: harbour-plan.url: 'https://x.org/) <script>alert(1)</script> (' is not a "
         "web address (expected an address starting with https://, without spaces, quotes or < >)"),
    # the locator map's shapes: only a file of the project is read
    case("map-data-absolute", write(MAP, "focus: BY\ndata: /etc/passwd\n"),
         f"{MAP}:2: data: '/etc/passwd' is an absolute path {MAP_DATA}"),
    case("map-data-up-and-out", write(MAP, "data: ../../outside/countries.json\nfocus: BY\n"),
         f"{MAP}:1: data: '../../outside/countries.json' leads outside the project {MAP_DATA}"),
    case("map-data-through-a-link-outside",
         steps(write(MAP, "data: map/countries.json\nfocus: BY\n"),
               link_outside("content/map/countries.json", "/etc/passwd")),
         f"{MAP}:1: data: 'map/countries.json' leads outside the project {MAP_DATA}"),
    # the article's settings, the references and the seed
    case("article-yml-syntax-error", replace(ARTICLE, "seed: story.txt", "seed: [story.txt"),
         f"{ARTICLE}:2: YAML syntax error: while parsing a flow sequence from line 1: expected ',' "
         f"or ']', but got ':' {YAML}"),
    case("article-yml-without-seed", replace(ARTICLE, "seed: story.txt\n", ""),
         f"{ARTICLE}:1: seed: missing (expected the file name of the article in seeds/)"),
    case("article-yml-unknown-field", replace(ARTICLE, "seed: story.txt", "seed: story.txt\nsource: x"),
         f"{ARTICLE}:2: source: unknown field (expected one of: inserted_headlines, seed)"),
    case("article-yml-a-list", write(ARTICLE, "- seed: story.txt\n"),
         f"{ARTICLE}:1: not a mapping (expected 'seed: <file>' and 'inserted_headlines:')"),
    case("article-yml-missing", remove(ARTICLE),
         f"{ARTICLE}: missing (expected content/article.yml naming the seed: 'seed: <file>')"),
    case("article-yml-headline-as-number", replace(ARTICLE, "text: Fishers protest", "text: 42"),
         f"{ARTICLE}:3: inserted_headlines[0].text: '42' is not a text (expected the headline's text "
         "exactly as in the article)"),
    case("references-yml-syntax-error",
         replace(REFERENCES, "  title: Harbour repair plan", "  title: Harbour: repair plan"),
         f"{REFERENCES}:3: title: a colon followed by a space inside a value makes YAML read a "
         'second field (expected the value in double quotes: title: "Harbour: repair plan")'),
    case("references-yml-missing-title", replace(REFERENCES, "  title: Harbour repair plan\n", ""),
         f"{REFERENCES}:1: harbour-plan.title: missing (expected a text)"),
    case("references-yml-javascript-url",
         replace(REFERENCES, "  date: 2021-02-15", "  date: 2021-02-15\n  url: javascript:alert(1)"),
         f"{REFERENCES}:5: harbour-plan.url: 'javascript:alert(1)' is not a web address (expected an "
         "address starting with https://, without spaces, quotes or < >)"),
    case("references-yml-archive-url-not-an-address",
         replace(REFERENCES, "  date: 2021-02-15", "  date: 2021-02-15\n  url: https://harbour.example/plan\n"
                 "  archive_url: web.archive.org/plan"),
         f"{REFERENCES}:6: harbour-plan.archive_url: 'web.archive.org/plan' is not a web address (expected "
         "an address starting with https://, without spaces, quotes or < >)"),
    case("references-yml-archive-url-without-url",
         replace(REFERENCES, "  date: 2021-02-15", "  date: 2021-02-15\n  archive_url: https://archive.example/plan"),
         f"{REFERENCES}:5: harbour-plan.archive_url: an archive copy of a work without its own address "
         "(expected harbour-plan.url as well: the address the archive copied)"),
    case("references-yml-a-list", write(REFERENCES, "- harbour-plan\n"),
         f"{REFERENCES}:1: not a mapping (expected '<id>:' entries with publisher, title and date)"),
    case("references-yml-note-as-list",
         replace(REFERENCES, "  date: 2021-02-15", "  date: 2021-02-15\n  note: [a, b]"),
         f"{REFERENCES}:5: harbour-plan.note: a list is not a text (expected a text, or one per "
         "language such as 'en: ...' and 'nl: ...')"),
    case("references-yml-note-in-no-known-language",
         replace(REFERENCES, "  date: 2021-02-15", "  date: 2021-02-15\n  note:\n    en: Approved.\n"
                 "    xx: Approuvé."),
         f"{REFERENCES}:7: harbour-plan.note.xx: 'xx' is not a language of this site (expected one of: "
         "en, de)"),
    case("references-yml-publisher-only-in-a-language-the-site-does-not-have",
         replace(REFERENCES, "  publisher: Northport Town Council", "  publisher: {fr: Conseil}"),
         f"{REFERENCES}:2: harbour-plan.publisher: no text in a language of this site (expected a text, "
         "or one per language such as 'en: ...' and 'nl: ...')"),
    case("seed-metadata-syntax-error", replace(SEED_META, "language: en", "language: [en"),
         f"{SEED_META}:2: YAML syntax error: while parsing a flow sequence from line 1: expected ',' "
         f"or ']', but got ':' {YAML}"),
    case("seed-metadata-wrong-date", replace(SEED_META, "date: 2021-03", "date: 2021-04"),
         f"{SEED_META}:2: date: 2021-04 does not match the article's date line (2021-03) "
         "(expected 2021-03)"),
    case("seed-metadata-unknown-field", replace(SEED_META, "language: en", "language: en\nauthor: x"),
         f"{SEED_META}:2: author: unknown field (expected one of: date, language, outlet, title)"),
    case("seed-metadata-bad-language", replace(SEED_META, "language: en", "language: english"),
         f"{SEED_META}:1: language: 'english' is not a language code (expected the article's "
         "language code, such as nl)"),
    case("seed-metadata-missing", remove(SEED_META),
         f"{SEED_META}: missing metadata file beside the seed (expected language, date (YYYY-MM) and "
         "title; outlet if known)"),
    case("seed-without-date-line", replace(SEED, "date 2021-03 ", ""),
         f"{SEED}:1: date: first line does not start with a date: 'The harbour of Northport will "
         "close for ' (expected 'date YYYY-MM' followed by the standfirst)"),
    case("seed-empty", write(SEED, "\n\n"),
         f"{SEED}:1: the article is empty (expected a first line 'date YYYY-MM <standfirst>')"),
    case("seed-missing", remove(SEED),
         f"{ARTICLE}:1: seed: no file 'story.txt' in seeds/ (expected the file name of the article "
         "in seeds/)"),
    case("seed-not-utf-8", write(SEED, b"date 2021-03 Caf\xe9 closes.\n\nIt closes.\n"),
         f"{SEED}:1: not UTF-8 text (byte 0xe9) (expected a file saved as UTF-8)"),
    # translations
    case("neutral-field-in-translation",
         replace(COUNCIL_DE, "role: Entscheidet", "kind: group\nrole: Entscheidet"),
         f"{COUNCIL_DE}:4: kind: language-neutral field in a translation (expected it only in "
         f"{COUNCIL})"),
    case("translation-without-original",
         write("content/glossary/harbour.de.md",
               "---\ntitle: Hafen\nsummary: Ein Hafen.\nforms: [Hafen]\n---\n"),
         "content/glossary/harbour.de.md:1: translation of a note that does not exist in en "
         "(expected content/glossary/harbour.en.md)"),
    case("translation-of-a-broken-original", write(COUNCIL, "---\ntitle: [Town\n---\n"),
         f"{COUNCIL}:2: YAML syntax error: expected ',' or ']', but got '<stream end>' {YAML}"),
    # the story first: key points on the home page, sourced; an outcome only with hindsight
    case("key-point-without-a-source",
         replace("content/pages/home.en.md", "summary: Why",
                 "key_points:\n  - The council voted [@p2].\n  - The fishers are angry.\nsummary: Why"),
         "content/pages/home.en.md:5: key_points[1]: a key point without a source (expected a "
         'citation in the point, such as [@p3 "..."] or [@reference-id])'),
    case("key-points-on-another-page", replace(ABOUT, "title:", "as_of: 2021-03\ntitle:"),
         f"{ABOUT}:2: as_of: as_of is shown on the home page only (expected the field in "
         "content/pages/home.*.md)"),
    case("outcome-without-hindsight",
         replace(SCENARIO, "hindsight: The plan was published [@harbour-plan].\n",
                 "outcome: happened\n"),
         f"{SCENARIO}:9: outcome: an outcome without hindsight (expected "
         "a sourced 'hindsight' that says what happened)"),
    case("outcome-not-a-choice",
         replace(SCENARIO, "sources:", "outcome: maybe\nsources:"),
         f"{SCENARIO}:10: outcome: 'maybe' is not allowed (expected one of: "
         "happened, closest, partly, not-happened)"),
    case("fingerprint-in-original", replace(COUNCIL, "order: 1", "order: 1\ntranslated_from: abc"),
         f"{COUNCIL}:15: translated_from: only translations have this field (expected no "
         "'translated_from' in the default language's file)"),
]


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["-f", str(project / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, [line for line in captured.err.splitlines() if line]


def summary(count: int) -> str:
    return f"explainer: {count} problem{'s' if count != 1 else ''} found; nothing was built"


@pytest.mark.parametrize(("mutate", "expected"), CHECK_CASES)
def test_check_reports_bad_input(
    mini: Path, capsys: pytest.CaptureFixture[str], mutate: Mutation, expected: list[str]
) -> None:
    mutate(mini)
    code, lines = check(mini, capsys)
    assert code == 1
    assert lines == [*expected, summary(len(expected))]


def test_cases_are_distinct(tmp_path: Path) -> None:
    """Every case breaks the project in its own way: no two leave the same files behind,
    and none leaves the project as it was (two inputs may well earn the same message)."""
    names = [param.id for param in CHECK_CASES]  # type: ignore[attr-defined]
    assert len(names) == len(set(names)) >= 30
    pristine = copy_project(FIXTURES / "mini", tmp_path / "pristine")
    seen_trees: dict[str, str] = {tree_digest(pristine): "(the unbroken fixture)"}
    for param in CHECK_CASES:
        mutate, _ = param.values  # type: ignore[attr-defined]
        project = copy_project(FIXTURES / "mini", tmp_path / param.id)  # type: ignore[attr-defined]
        mutate(project)
        digest = tree_digest(project)
        assert digest not in seen_trees, f"{param.id} breaks the project as {seen_trees[digest]} does"
        seen_trees[digest] = param.id
        shutil.rmtree(project)


# -- accepted: what looks odd but is fine ---------------------------------------------------

ACCEPTED_CASES = [
    pytest.param(replace(COUNCIL, "---\ntitle", "\ufeff---\ntitle"), id="byte-order-mark"),
    pytest.param(every_file(lambda data: data.replace(b"\n", b"\r\n")), id="crlf-line-endings"),
    pytest.param(every_file(lambda data: data.replace(b"\n", b"\r")), id="cr-line-endings"),
    pytest.param(every_file(lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")),
                 id="byte-order-mark-and-crlf-everywhere"),
    pytest.param(replace("mkdocs.yml", "languages: [en, de]", "languages: [en, de, ru]"),
                 id="language-without-any-files"),
    pytest.param(replace(COUNCIL, "title: Town council", 'title: "Town <script>alert(1)</script> council"'),
                 id="script-in-a-plain-text-title-is-escaped"),
    pytest.param(replace(ABOUT, "Every statement",
                         '<abbr title="European Union" lang="en" dir="ltr" class="x">EU</abbr>, '
                         "<b>b</b> <em>em</em> <q>q</q><br> <sub>2</sub> [mail](mailto:a@b.nl) "
                         "[web](https://x.org/a_(b)) <https://x.org> <a@b.nl> {.note #here title=t} "
                         "\\{not a list} <!-- a comment -->\n\nEvery statement"),
                 id="safe-html-links-and-attribute-lists"),
    pytest.param(sized(FISHERS, 1_000_000), id="file-of-exactly-1-MB"),
]


@pytest.mark.parametrize("mutate", ACCEPTED_CASES)
def test_check_accepts(mini: Path, capsys: pytest.CaptureFixture[str], mutate: Mutation) -> None:
    mutate(mini)
    code = cli.main(["-f", str(mini / "mkdocs.yml"), "check"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.startswith("explainer check: no problems in 9 notes")


# -- build: a broken edit leaves the built site as it was -----------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The mini project, built once, and the digest of its site/."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("built") / "mini")
    result = run_cli("-f", root / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    return root, tree_digest(root / "site")


@pytest.fixture
def rebuilt(built: tuple[Path, str], tmp_path: Path) -> Path:
    """A copy of the built project, site/ included."""
    return Path(shutil.copytree(built[0], tmp_path / "mini", symlinks=True))


BUILD_CASES = [
    case("yaml-syntax-error", replace(COUNCIL, "title: Town council", 'title: "Town council'),
         f'{COUNCIL}:2: the quote " opened here is never closed (expected a closing " at the end of '
         "the value)"),
    case("script-in-body", replace(ABOUT, "Every statement", "<script>alert(1)</script> Every statement"),
         f"{ABOUT}:5: body: raw HTML <script> is not allowed {TAGS}"),
    case("javascript-link", replace(ABOUT, "Every statement", "[Go](javascript:alert(1)). Every statement"),
         f"{ABOUT}:5: body: link to 'javascript:alert(1)' is not allowed {ADDRESS}"),
    case("file-of-10-MB", sized(FISHERS, 10_000_000),
         f"{FISHERS}: file is too large (10,000,000 bytes) (expected at most 1,000,000 bytes)"),
    case("broken-article-yml", write(ARTICLE, "seed: [story.txt\n"),
         f"{ARTICLE}:2: YAML syntax error: while parsing a flow sequence from line 1: expected ',' "
         f"or ']', but got '<stream end>' {YAML}"),
    case("seed-that-does-not-parse", write(SEED, "The harbour closes.\n"),
         f"{SEED}:1: date: first line does not start with a date: 'The harbour closes.' (expected "
         "'date YYYY-MM' followed by the standfirst)"),
    # Deep enough to overflow libyaml's C stack, which would kill the process outright.
    case("yaml-nested-100000-levels",
         replace(COUNCIL, "role: Decides on the harbour", "role: " + "[" * 100_000 + "]" * 100_000),
         f"{COUNCIL}:2: YAML error: lists or mappings nested too deeply (expected at most 50 levels)"),
    case("recursive-yaml-alias", replace(COUNCIL, "role: Decides on the harbour", "role: &a [*a]"),
         f"{COUNCIL}:5: role: a list is not a text (expected a non-empty text)",
         f"{COUNCIL}:5: role[0]: a YAML alias (*name) of a list or mapping (expected the list or "
         "mapping written out where it is used)"),
]


@pytest.mark.parametrize(("mutate", "expected"), BUILD_CASES)
def test_build_refuses_bad_input_and_keeps_the_site(
    built: tuple[Path, str], rebuilt: Path, mutate: Mutation, expected: list[str]
) -> None:
    mutate(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build")
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert result.err.splitlines() == [*expected, summary(len(expected))]
    assert tree_digest(rebuilt / "site") == built[1]
    assert not [path for path in rebuilt.iterdir() if ".staging-" in path.name]


def test_build_failing_in_mkdocs_keeps_the_site(built: tuple[Path, str], rebuilt: Path) -> None:
    # A relative link passes the check (it is safe) but has no target among the pages.
    replace(ABOUT, "Every statement", "See [it](../other.md). Every statement")(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build")
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert "'../other.md'" in result.err
    assert tree_digest(rebuilt / "site") == built[1]


def test_language_without_files_builds_with_fallbacks(rebuilt: Path) -> None:
    replace("mkdocs.yml", "languages: [en, de]", "languages: [en, de, ru]")(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    page = (rebuilt / "site/ru/actors/council/index.html").read_text(encoding="utf-8")
    assert '<html lang="ru"' in page
    assert 'data-translation="missing"' in page
    assert "The elected council of Northport." in page


def test_odd_but_valid_input_builds(rebuilt: Path) -> None:
    every_file(lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))(rebuilt)
    replace(COUNCIL, "title: Town council", 'title: "Town <script>alert(1)</script> council"')(rebuilt)
    replace(ABOUT, "Every statement", '<abbr title="European Union">EU</abbr>. Every statement')(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    site = rebuilt / "site"
    for page in site.rglob("*.html"):
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8"), page
    council = (site / "actors/council/index.html").read_text(encoding="utf-8")
    assert "Town &lt;script&gt;alert(1)&lt;/script&gt; council" in council
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert '<abbr title="European Union">EU</abbr>' in about


# -- problems outside the loader -----------------------------------------------------------

def test_article_settings_linked_to_themselves(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    steps(remove(ARTICLE), symlink(ARTICLE, ARTICLE))(mini)
    code, lines = check(mini, capsys)
    assert code == 1
    assert lines[0].startswith(f"{ARTICLE}: ")


def test_interface_string_with_a_broken_placeholder(built: tuple[Path, str], rebuilt: Path) -> None:
    replace("content/locales/de.yml", 'paragraph: "Quellartikel, Absatz {number}"',
            'paragraph: "Quellartikel, Absatz {nummer}"')(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build")
    assert result.code == 1
    assert "internal error" not in result.err
    assert result.err.startswith("content/locales/de.yml:")
    assert tree_digest(rebuilt / "site") == built[1]


def test_script_in_an_interface_string(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace("content/locales/de.yml", "  sources: Quellen", '  sources: "<script>alert(1)</script>"')(mini)
    code, lines = check(mini, capsys)
    assert code == 1
    assert lines[0].startswith("content/locales/de.yml:")


@pytest.mark.parametrize("mutate", [
    pytest.param(replace("mkdocs.yml", "  - explainer:\n      languages: [en, de]", "  - explainer: 5"),
                 id="plugin-options-a-number"),
    pytest.param(replace("mkdocs.yml", "plugins:\n  - explainer:\n      languages: [en, de]\n  - search",
                         "plugins: 5"), id="plugins-a-number"),
    pytest.param(replace("mkdocs.yml", "languages: [en, de]", "languages: [{en: 1}, de]"),
                 id="language-a-mapping"),
])
def test_broken_mkdocs_yml(mini: Path, capsys: pytest.CaptureFixture[str], mutate: Mutation) -> None:
    mutate(mini)
    code, lines = check(mini, capsys)
    assert code == 1
    assert lines[0].startswith("explainer: mkdocs.yml:")


# -- folders: a site_dir or docs_dir that would make the build delete the project ----------

FOLDER = "(expected a folder of its own, such as {})"
FOLDER_CASES = [
    case("site-dir-the-project", write("mkdocs.yml.add", "site_dir: .\n"),
         "explainer: mkdocs.yml:12: site_dir: '.' is the project folder; the build replaces it and "
         f"would delete what it holds {FOLDER.format('site')}"),
    case("site-dir-content", write("mkdocs.yml.add", "site_dir: content\n"),
         "explainer: mkdocs.yml:12: site_dir: 'content' is content/; the build replaces it and "
         f"would delete what it holds {FOLDER.format('site')}"),
    case("site-dir-seeds", write("mkdocs.yml.add", "site_dir: seeds/\n"),
         "explainer: mkdocs.yml:12: site_dir: 'seeds/' is seeds/; the build replaces it and "
         f"would delete what it holds {FOLDER.format('site')}"),
    case("site-dir-above-the-project", write("mkdocs.yml.add", "site_dir: ..\n"),
         "explainer: mkdocs.yml:12: site_dir: '..' contains the project folder; the build replaces "
         f"it and would delete what it holds {FOLDER.format('site')}"),
    case("site-dir-inside-docs", write("mkdocs.yml.add", "site_dir: docs/site\n"),
         "explainer: mkdocs.yml:12: site_dir: 'docs/site' is inside docs_dir; the build replaces "
         f"it and would delete what is there {FOLDER.format('site')}"),
    case("docs-dir-content", write("mkdocs.yml.add", "docs_dir: content\n"),
         "explainer: mkdocs.yml:12: docs_dir: 'content' is content/; the build replaces it and "
         f"would delete what it holds {FOLDER.format('docs')}"),
    case("docs-dir-inside-seeds", write("mkdocs.yml.add", "docs_dir: seeds/docs\n"),
         "explainer: mkdocs.yml:12: docs_dir: 'seeds/docs' is inside seeds/; the build replaces "
         f"it and would delete what is there {FOLDER.format('docs')}"),
]


def project_digest(root: Path) -> str:
    """Every file of the project, .git-like extras included, byte for byte."""
    return tree_digest(root)


@pytest.mark.parametrize(("mutate", "expected"), FOLDER_CASES)
def test_build_refuses_folders_that_would_delete_the_project(
    built: tuple[Path, str], rebuilt: Path, mutate: Mutation, expected: list[str]
) -> None:
    mutate(rebuilt)
    addition = rebuilt / "mkdocs.yml.add"
    config = rebuilt / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + addition.read_text("utf-8"), "utf-8")
    addition.unlink()
    (rebuilt / ".git").mkdir()
    (rebuilt / ".git/HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    (rebuilt / "notes.txt").write_text("an editor's own file\n", "utf-8")
    before = project_digest(rebuilt)
    result = run_cli("-f", config, "build")
    assert result.code == 1, result.err
    assert result.err.splitlines() == expected
    assert project_digest(rebuilt) == before


def test_build_refuses_a_site_dir_option_that_is_content(built: tuple[Path, str], rebuilt: Path) -> None:
    before = project_digest(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build", "--site-dir", rebuilt / "content")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"explainer: --site-dir {rebuilt / 'content'}: is content/; the build replaces it and "
        f"would delete what it holds {FOLDER.format('site')}"]
    assert project_digest(rebuilt) == before


def test_build_refuses_a_site_folder_it_did_not_build(built: tuple[Path, str], rebuilt: Path) -> None:
    shutil.rmtree(rebuilt / "site")
    (rebuilt / "site").mkdir()
    (rebuilt / "site/thesis.tex").write_text("years of work\n", "utf-8")
    before = project_digest(rebuilt)
    result = run_cli("-f", rebuilt / "mkdocs.yml", "build")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"explainer: {rebuilt / 'site'} holds files explainer did not build (no .explainer-site in "
        "it); move it away or empty it and build again"]
    assert project_digest(rebuilt) == before


def test_build_takes_over_a_site_an_earlier_explainer_built(built: tuple[Path, str], rebuilt: Path) -> None:
    # Before sites carried the marker: recognised by the offline copy and explainer's script.
    (rebuilt / "site/.explainer-site").unlink()
    assert run_cli("-f", rebuilt / "mkdocs.yml", "build").code == 0
    assert (rebuilt / "site/.explainer-site").is_file()
    # Half of that is not enough: a folder with only a zip of that name is not ours.
    (rebuilt / "site/.explainer-site").unlink()
    (rebuilt / "site/index.html").write_text("<p>mine</p>", "utf-8")
    assert run_cli("-f", rebuilt / "mkdocs.yml", "build").code == 1
