"""The example notes and files of a new project: every kind of note, citing real paragraphs.

`explainer new` composes a project from these; each example cites words of the article
that are safe to quote (a run of plain words), so the new project passes
`explainer check` and builds at once, and shows an editor what every field looks like.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from build_scripts.content import schema
from build_scripts.content.article import Article, Block

GENERATOR = Path(__file__).resolve().parents[2]
# Inside a quoted word: hyphens and apostrophes (no quote marks, brackets or Markdown
# signs: a quote goes inside [@p2 "..."] and into YAML unchanged).
JOINERS = "-'’"
SENTENCE_END = re.compile(r"[.!?؟。…][\"'”’»)\]]*(?=\s|$)")
EXAMPLE = "EXAMPLE: replace this note with a real one, or delete it (see README.md)."


def first_sentence(text: str) -> str:
    """A title from a standfirst: its first sentence, without the full stop.

    >>> first_sentence("M. Dupont part. Il reste un an.")
    'M. Dupont part'
    """
    for match in SENTENCE_END.finditer(text):
        sentence = text[: match.end()]
        # "M." or "Dr." is an abbreviation, not a sentence.
        if len(sentence.split()) >= 3:
            text = sentence
            break
    title = " ".join(text.split())
    return title[:-1].rstrip() if title.endswith(".") and not title.endswith("..") else title


def is_plain_word(token: str) -> bool:
    """Letters and digits (with their combining marks), maybe joined by hyphens or apostrophes.

    >>> is_plain_word("d'euros,"), is_plain_word("صوّت"), is_plain_word("«"), is_plain_word("_x_")
    (True, True, False, False)
    """
    word = token[:-1] if token.endswith((",", ";")) else token
    return (bool(word) and word[0].isalnum() and word[-1] not in JOINERS
            and all(char.isalnum() or char in JOINERS or unicodedata.category(char).startswith("M")
                    for char in word))


def pick_quote(text: str, least: int = 3, most: int = 8) -> str:
    """Exact words of a paragraph that are safe to quote: the first run of plain words."""
    runs: list[list[str]] = [[]]
    for token in text.split():
        if is_plain_word(token):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    chosen = next((run for run in runs if len(run) >= least), max(runs, key=len))[:most]
    return " ".join(chosen).rstrip(",;")


def pick_word(text: str) -> str:
    """The longest plain word of a paragraph, as an example of a glossary form."""
    words = [word.rstrip(",;") for word in text.split() if is_plain_word(word)]
    return max(words, key=len, default="")


def _scalar(value: str) -> str:
    """`value` as a YAML scalar: plain where YAML reads it back unchanged, else quoted."""
    try:
        plain = (value == " ".join(value.split()) and bool(value)
                 and yaml.safe_load(value) == value and not value.startswith(("#", "&", "*")))
    except yaml.YAMLError:
        plain = False
    if plain:
        return value
    # Single quotes keep the quote marks of a citation readable; JSON escapes the rest.
    return f"'{value}'" if "'" not in value and value.isprintable() else json.dumps(value, ensure_ascii=False)


def _yaml(fields: dict[str, Any]) -> list[str]:
    """Block-style YAML for our notes: texts, whole numbers, lists of texts or of mappings."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    pairs = [f"{name}: {_scalar(str(text))}" for name, text in item.items()]
                    lines += [f"  - {pairs[0]}", *(f"    {pair}" for pair in pairs[1:])]
                else:
                    lines.append(f"  - {_scalar(str(item))}")
        elif isinstance(value, int):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {_scalar(str(value))}")
    return lines


def note_file(comment: str, fields: dict[str, Any], body: str) -> str:
    """A content file: front matter (after a comment) and a Markdown body."""
    lines = ["---", *(f"# {line}" for line in comment.split("\n")), *_yaml(fields), "---"]
    return "\n".join(lines) + "\n" + (body.strip() + "\n" if body.strip() else "")


def cite(paragraph: str, quote: str = "") -> str:
    """An inline citation: [@p2] or [@p2 "exact words"]."""
    return f'[@{paragraph} "{quote}"]' if quote else f"[@{paragraph}]"


def source(paragraph: str, quote: str = "") -> dict[str, str]:
    return {"paragraph": paragraph, "quote": quote} if quote else {"paragraph": paragraph}


def example_notes(article: Article, title: str, article_language: str,
                  language: str) -> dict[str, tuple[dict[str, Any], dict[str, Any], str]]:
    """{content path without '.<lang>.md': (neutral fields, text fields, body)} in `language`."""
    paragraphs = article.paragraphs
    first, second = paragraphs[0], paragraphs[1] if len(paragraphs) > 1 else paragraphs[0]
    p1, p2 = first.id, second.id
    q1, q2 = pick_quote(first.text), pick_quote(second.text)
    word = pick_word(second.text)
    event = f"{article.date}-example-event"
    forms = [word] if word and language == article_language else ["example term", "example terms"]
    return {
        "actors/example-actor": (
            {"kind": "person", "sources": [source(p2, q2)], "order": 1},
            {"title": "Example actor",
             "summary": "An example actor; replace it with a person, group or state the article names.",
             "role": "An example role, in a few words",
             "aims": [f"an example aim, with a citation {cite(p2)}"],
             "in_the_article": f"What the article says of them, in its own words {cite(p2, q2)}."},
            "Who they are, in a few paragraphs. Cite the article by paragraph "
            f"{cite(p1)} or with its exact words {cite(p2, q2)}, and link to other notes, "
            "such as [an example scenario](scenario:example-scenario).",
        ),
        "scenarios/example-scenario": (
            {"actors": ["example-actor"], "sources": [source(p1)], "order": 1},
            {"title": "Example scenario",
             "summary": "An example scenario; replace it with a way events could go, as it looked "
                        "when the article appeared.",
             "drivers": [f"an example driver, with a citation {cite(p1)}"],
             "signposts": ["an example signpost, something readers can watch for"],
             "in_the_article": f"What the article says about it {cite(p1)}."},
            f"The scenario in a few paragraphs, with citations {cite(p2)}.",
        ),
        "glossary/example-term": (
            {"sources": [source(p2, word)]},
            {"title": "Example term",
             "summary": "An example glossary entry; replace it with a word or name readers may not know.",
             "forms": forms},
            f"The explanation, with citations {cite(p2)}. Its forms are the words as they occur "
            "in running text in this language.",
        ),
        f"timeline/{event}": (
            {"date": article.date, "actors": ["example-actor"], "sources": [source(p1)]},
            {"title": "Example event",
             "summary": "An example event on the timeline of the background page; replace it "
                        "with a dated event."},
            f"Optional detail, with citations {cite(p1)}.",
        ),
        "pages/home": (
            {},
            {"title": title,
             "summary": "An explainer of one article; replace this with one sentence on what "
                        "the site explains."},
            "This is an example home page: replace it with an introduction to the explainer. "
            "Its title is the site's name in this language.\n\n"
            f"Every statement cites the article, by paragraph {cite(p1)} or with its exact "
            f"words {cite(p1, q1)}. Read [the background](page:background), "
            "[an example actor](actor:example-actor), [an example scenario](scenario:example-scenario), "
            f"[an example term](term:example-term), [an example event](event:{event}) or "
            f"[the article itself](source:{p1}).",
        ),
        "pages/background": (
            {},
            {"title": "Background",
             "summary": "An example background page, for what readers need to know before the article."},
            f"Example background text: replace it {cite(p2)}. The timeline below lists the "
            "events in content/timeline/.",
        ),
        "pages/about": (
            {},
            {"title": "About",
             "summary": "An example about page, for who made this explainer and how."},
            "Example about page: say who made this explainer and how. The named references of "
            "content/references.yml are listed below.",
        ),
    }


def ordered(kind: schema.Kind, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields in the order the content model declares them, as EDITING.md lists them."""
    return {field.name: fields[field.name] for field in kind.fields if field.name in fields}


REFERENCES = """\
# Named references: sources other than the article, cited as [@<id>] or in a note's
# sources as '- reference: <id>'. Each has a publisher, a title and a date (YYYY,
# YYYY-MM or YYYY-MM-DD), optionally a url (https://...), an archive_url (an archive's
# copy of the url, such as the Wayback Machine's) and a note. Give an address only
# where you have opened it and it is the work. For example:
#
# council-report:
#   publisher: Name of the publisher
#   title: Title of the report
#   date: 2024-05-02
#   url: https://example.org/report
#   archive_url: https://web.archive.org/web/20240502000000/https://example.org/report
"""


def mkdocs_yml(title: str, codes: tuple[str, ...]) -> str:
    return f"""\
# An explainer site, built by `explainer` (MkDocs + Material) from one article.
# Everything specific to this site lives here, in seeds/ and in content/.
# `explainer build` builds every language; plain `mkdocs build` the default one.
# Each language shows its home page title (content/pages/home.<lang>.md) as the
# site name; this one is only what plain MkDocs tools see before the plugin runs.
site_name: {_scalar(title)}
# Set site_url to the address the site is published at (for the sitemap and
# the links between languages), for example:
# site_url: https://example.org/

theme:
  name: material
  language: {codes[0]}
  # No Google Fonts: readers in censored places must not leak requests to third parties.
  font: false
  features:
    - navigation.instant
    - navigation.indexes
    - navigation.sections
    - navigation.top
    - toc.follow
    - search.highlight

plugins:
  # The explainer plugin comes first: it sets the language the search plugin reads.
  - explainer:
      # The first language is the default, built at the site root.
      languages: [{", ".join(codes)}]
  - search

markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: true

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""


def seed_metadata(language: str, article: Article, title: str) -> str:
    return (
        "# Metadata of the seed beside this file (the article is kept verbatim).\n"
        f"language: {language}\n"
        f"date: {article.date}\n"
        "# The standfirst's first sentence; correct it if the article has a headline of its own.\n"
        f"title: {_scalar(title)}\n"
        "# The outlet that published the article; leave it empty rather than guess.\n"
        "outlet:\n"
    )


def article_settings(seed: str, headings: tuple[Block, ...]) -> str:
    listed = "".join(f"#   {block.id}: {block.text}\n" for block in headings)
    return (
        "# The source article: its file in seeds/, kept verbatim.\n"
        f"seed: {_scalar(seed)}\n"
        "# A heading that is really the headline of another article, inserted by the\n"
        "# publisher, is listed here (show: related, or show: omit to hide it):\n"
        "# inserted_headlines:\n"
        "#   - text: <the heading, exactly as in the article>\n"
        "#     show: related\n"
        + (f"# The article's headings:\n{listed}" if listed else "# The article has no headings.\n")
    )


def readme(title: str, seed: str, article: Article, codes: tuple[str, ...]) -> str:
    editing = GENERATOR / "EDITING.md"
    where = f" (on the machine that created this project: `{editing}`)" if editing.is_file() else ""
    languages = ", ".join(f"`{code}`" for code in codes)
    standfirst = " (the standfirst is p1)" if article.blocks[0].kind == "standfirst" else ""
    headings = (f"its headings h1 to h{len(article.headings)}" if article.headings
                else "it has no headings")
    return f"""\
# {title}

An explainer site built with `explainer` (MkDocs + Material for MkDocs) from one
article, `seeds/{seed}`, in {languages} (the first is the default, at the site root).

## Build, check, preview

Run these in this folder (or anywhere, with `explainer -f path/to/mkdocs.yml ...`):

```sh
explainer check    # validate seeds/ and content/: every problem as file:line: ...
explainer build    # build every language into site/ (strict: any warning fails)
explainer serve    # live preview on http://127.0.0.1:8000/, refreshed on every save
explainer status   # which translations are up to date, outdated or missing
```

`site/` is plain files: publish it on any web server (search needs one; a file
opened from disk has none), or with `explainer deploy` to a git branch.

## What is where

- `seeds/{seed}`: the source article, verbatim. Its paragraphs are p1 to
  p{len(article.paragraphs)}{standfirst}; {headings}.
  `seeds/{Path(seed).with_suffix('.yml').name}` holds its language, date, title and outlet.
- `content/`: the editors' notes, one Markdown file per note and language, such as
  `content/actors/example-actor.{codes[0]}.md`; `content/article.yml` names the seed;
  `content/references.yml` lists named references.
- `content/locales/`: interface strings for languages the generator has none for;
  they start in English: translate them.
- A locator map on the background page: create `content/map.yml` with the country the
  story is about, `focus: FR` (an ISO 3166 code); the shapes of every country ship with
  the generator (see EDITING.md, "The locator map").
- `docs/` is generated at every build: never edit it.

## Editing

Every note named `example-...` (and the pages home, background and about) is an
example: it cites real paragraphs of the article so that the site builds at once.
Replace the examples with real notes, or delete them (the three pages must stay).
The default language's file of a note holds its language-neutral fields (kind,
dates, relations, sources); the other languages' files hold only its text.

The full reference, every kind of note and every field with examples, is
`EDITING.md` of the explainer generator{where}.
`explainer schema --output DIR` writes it, and the JSON Schema of the notes, into DIR.

Add a language with `explainer add-language <code>`.
"""
