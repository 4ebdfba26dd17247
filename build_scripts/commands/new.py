"""`explainer new`: start a new, self-contained explainer project from one article.

Everything is worked out before a byte is written: the languages and the folder are
checked, the article parsed, every file composed in memory and then checked like
`explainer check` would, in a scratch folder. A refusal therefore leaves nothing
behind. The new project holds the article verbatim, its metadata, and one example
of every kind of note in every language, citing real paragraphs of the article.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from build_scripts import pipeline
from build_scripts import project as project_module
from build_scripts.commands.examples import (
    EXAMPLE,
    GENERATOR,
    REFERENCES,
    article_settings,
    example_notes,
    first_sentence,
    mkdocs_yml,
    note_file,
    ordered,
    readme,
    seed_metadata,
)
from build_scripts.commands.languages import locale_scaffold
from build_scripts.content import article as article_module
from build_scripts.content import schema, translations
from build_scripts.content.article import Article
from build_scripts.errors import ExplainerError, InvalidContent, Problems

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
            texts[f"content/{path}.{code}.md"] = note_file(EXAMPLE, ordered(kind, fields), body)
        scaffold = locale_scaffold(code, "explainer new")
        if scaffold is not None:
            texts[f"content/locales/{code}.yml"] = scaffold
    files = {path: text.encode("utf-8") for path, text in texts.items()}
    files[f"seeds/{seed}"] = data
    files["docs/.gitignore"] = (DOCS_GITIGNORE.read_bytes() if DOCS_GITIGNORE.is_file()
                                else DOCS_GITIGNORE_TEXT.encode("utf-8"))
    return files


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
