"""`explainer new`: start a new, self-contained explainer project from one article.

Everything is worked out before a byte is written: the languages and the folder are
checked, the article parsed, every file composed in memory and then checked like
`explainer check` would, in a scratch folder. A refusal therefore leaves nothing
behind. The new project holds the article verbatim, its metadata, and one example
of every kind of note in every language, citing real paragraphs of the article.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from . import article as article_module
from . import pipeline, schema, translations
from . import project as project_module
from .article import Article, Block
from .errors import ExplainerError, InvalidContent, Problems
from .languages import locale_scaffold

GENERATOR = Path(__file__).resolve().parent.parent
DOCS_GITIGNORE = GENERATOR / "docs" / ".gitignore"
# The same text as the generator's docs/.gitignore, for an install without the repository.
DOCS_GITIGNORE_TEXT = """\
# docs/ is build output: explainer generates it from seeds/ and content/.
# Never edit it by hand; edit content/ instead. Only this file is tracked, so
# that MkDocs finds its docs_dir in a fresh clone.
*
!.gitignore
"""
EXPECTED_LANGUAGE = "a language code that Material for MkDocs has an interface for, such as fr, en, ar"
# Inside a quoted word: hyphens and apostrophes (no quote marks, brackets or Markdown
# signs: a quote goes inside [@p2 "..."] and into YAML unchanged).
JOINERS = "-'’"
SENTENCE_END = re.compile(r"[.!?؟。…][\"'”’»)\]]*(?=\s|$)")
EXAMPLE = "EXAMPLE: replace this note with a real one, or delete it (see README.md)."


def run(args: argparse.Namespace) -> int:
    """Create the project `args.folder` from `args.article`; refuse with one line if it cannot."""
    folder = Path(args.folder)
    codes = site_languages(folder, args.language, args.languages)
    check_folder(folder)
    source = Path(args.article)
    article, data = read_article(source)
    files = compose(article, data, seed_name(source), args.language, codes)
    verify(files)
    write(folder, files)
    # The texts the example translations were made from: `explainer status` can show what
    # changes in them, committed or not.
    translations.record_originals(pipeline.load(project_module.load(folder / "mkdocs.yml")))
    repository = start_repository(folder)
    seed = f"seeds/{seed_name(source)}"
    counts = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in (
        (len(article.paragraphs), "paragraph"), (len(article.headings), "heading")))
    print(f"explainer: created {folder} from {source}: {seed} ({counts}), "
          f"example notes in {', '.join(codes)}")
    print(f"explainer: {repository}")
    print(f"explainer: build it with: explainer -f {folder / 'mkdocs.yml'} build "
          f"(then replace the example notes: see {folder / 'README.md'})")
    return 0


def start_repository(folder: Path) -> str:
    """`git init` the new project where git is installed; say what was done, either way.

    History is what dates a translation's notice and lets a newsroom see who changed what.
    """
    if (folder / ".git").exists():
        return "a git repository is already there"
    try:
        done = subprocess.run(["git", "init", "--quiet", str(folder)], capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "git is not installed: no repository was started (translation status works without one)"
    if done.returncode != 0:
        return f"git init failed, no repository was started: {done.stderr.strip()}"
    return f"started a git repository in {folder}: commit the project to keep its history"


# -- checks ------------------------------------------------------------------------------------

def site_languages(folder: Path, language: str, listed: str | None) -> tuple[str, ...]:
    """The site's languages, the default first: --languages if given, else the article's language."""
    refuse = f"cannot create {folder}"
    wrong = project_module.check_language(language)
    if wrong:
        raise ExplainerError(f"{refuse}: --language: {wrong} (expected {EXPECTED_LANGUAGE})")
    if listed is None:
        return (language,)
    codes = [code.strip() for code in listed.split(",")]
    if not any(codes):
        raise ExplainerError(f"{refuse}: --languages: no language codes (expected codes separated "
                             "by commas, the default first, such as fr,en)")
    for code in codes:
        wrong = project_module.check_language(code)
        if wrong:
            raise ExplainerError(f"{refuse}: --languages: {wrong} (expected {EXPECTED_LANGUAGE})")
    twice = next((code for code in codes if codes.count(code) > 1), None)
    if twice:
        raise ExplainerError(f"{refuse}: --languages: {twice!r} is listed twice (expected each "
                             "language once)")
    return tuple(codes)


def check_folder(folder: Path) -> None:
    """Refuse a folder that exists and is not empty (or is not a folder at all)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise ExplainerError(f"cannot create {folder}: it exists and is not a folder "
                             "(expected a new or empty folder)")
    try:
        empty = not any(folder.iterdir())
    except OSError as error:
        raise ExplainerError(f"cannot create {folder}: {error.strerror}") from None
    if not empty:
        raise ExplainerError(f"cannot create {folder}: the folder is not empty "
                             "(expected a new or empty folder)")


def read_article(path: Path) -> tuple[Article, bytes]:
    """The parsed article and its exact bytes, or the parser's problem as the refusal."""
    problems = Problems(Path.cwd())
    parsed = None
    if path.is_dir():
        problems.add(path, 0, "", "is a folder", "the article's text file")
    else:
        parsed = article_module.load(path, problems)
    if problems or parsed is None:
        raise ExplainerError("\n".join(problems.lines()))
    try:
        return parsed, path.read_bytes()
    except OSError as error:
        raise ExplainerError(f"{path}: cannot read the file: {error.strerror}") from None


def seed_name(source: Path) -> str:
    """The article's file name in seeds/; its metadata goes beside it as <name>.yml."""
    name = source.name.replace("\\", "-")
    # seeds/x.yml would be its own metadata file.
    return Path(name).stem + ".txt" if Path(name).suffix.lower() in (".yml", ".yaml") else name


# -- composing the project ---------------------------------------------------------------------

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


def compose(article: Article, data: bytes, seed: str, article_language: str,
            codes: tuple[str, ...]) -> dict[str, bytes]:
    """Every file of the new project: {path relative to the project: bytes}."""
    standfirst = next((b for b in article.blocks if b.kind == "standfirst"), article.paragraphs[0])
    title = first_sentence(standfirst.text)
    default = codes[0]
    texts: dict[str, str] = {
        "mkdocs.yml": mkdocs_yml(title, codes),
        "README.md": readme(title, seed, article, codes),
        ".gitignore": "# Build output of `explainer build`.\n/site/\n/.site.*/\n",
        f"seeds/{Path(seed).with_suffix('.yml').name}": seed_metadata(article_language, article, title),
        "content/article.yml": article_settings(seed, article.headings),
        "content/references.yml": REFERENCES,
    }
    originals = example_notes(article, title, article_language, default)
    for code in codes:
        for path, (neutral, text, body) in example_notes(article, title, article_language, code).items():
            kind = next(kind for kind in schema.KINDS.values() if path.startswith(kind.folder + "/"))
            if code == default:
                fields = {**text, **neutral}
            else:
                # Made from the default language's example: up to date until that one changes.
                _, original_text, original_body = originals[path]
                made_from = translations.fingerprint(
                    translations.text_of(kind.fields, original_text, original_body))
                fields = {**text, translations.FIELD: made_from}
            texts[f"content/{path}.{code}.md"] = note_file(EXAMPLE, _ordered(kind, fields), body)
        scaffold = locale_scaffold(code, "explainer new")
        if scaffold is not None:
            texts[f"content/locales/{code}.yml"] = scaffold
    files = {path: text.encode("utf-8") for path, text in texts.items()}
    files[f"seeds/{seed}"] = data
    files["docs/.gitignore"] = (DOCS_GITIGNORE.read_bytes() if DOCS_GITIGNORE.is_file()
                                else DOCS_GITIGNORE_TEXT.encode("utf-8"))
    return files


def _ordered(kind: schema.Kind, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields in the order the content model declares them, as EDITING.md lists them."""
    return {field.name: fields[field.name] for field in kind.fields if field.name in fields}


REFERENCES = """\
# Named references: sources other than the article, cited as [@<id>] or in a note's
# sources as '- reference: <id>'. Each has a publisher, a title and a date (YYYY,
# YYYY-MM or YYYY-MM-DD), optionally a url (https://...) and a note. For example:
#
# council-report:
#   publisher: Name of the publisher
#   title: Title of the report
#   date: 2024-05-02
#   url: https://example.org/report
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


# -- checking and writing ----------------------------------------------------------------------

def verify(files: dict[str, bytes]) -> None:
    """Check the composed project like `explainer check` would; a failure is a bug in this module."""
    with tempfile.TemporaryDirectory(prefix="explainer-new-") as scratch:
        root = Path(scratch)
        for relative, data in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
        try:
            sources = pipeline.load(project_module.load(root / "mkdocs.yml"))
        except InvalidContent as error:
            lines = error.problems.lines()
        except ExplainerError as error:
            lines = str(error).split("\n")
        else:
            lines = [f"{entry.path}: translation {entry.state}"
                     for entries in translations.status(sources, details=False).values()
                     for entry in entries if entry.state != translations.UP_TO_DATE]
    if lines:
        raise ExplainerError("the new project would not pass `explainer check`, so nothing was "
                             f"written (a bug in explainer new; please report it): {lines[0]}")


def write(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file into `folder`; on failure remove what was written."""
    # The first folder this creates (so that it can all be removed again), or None if it exists.
    created = next((path for path in reversed([folder, *folder.parents])
                    if not path.exists()), None) if not folder.exists() else None
    path = folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for relative, data in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError as error:
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
        elif folder.is_dir():  # it was empty before
            for child in folder.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()
        raise ExplainerError(f"cannot write {path}: {error.strerror}") from None
