"""Loading the editors' notes from content/ into items, one item per id and kind.

Layout of content/::

    article.yml                   which seed is the source; headlines the publisher inserted
    references.yml                named references: publisher, title, date (and url)
    actors/<id>.<lang>.md         one file per note and language
    scenarios/ glossary/ timeline/ pages/ source/   likewise

The default language's file of a note holds its language-neutral fields (ids,
dates, relations, sources); the other languages' files hold only its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.content import frontmatter, relation_types, schema
from build_scripts.content.article import normalise
from build_scripts.content.frontmatter import Document
from build_scripts.content.relation_types import Vocabulary
from build_scripts.content.textfile import read_text
from build_scripts.errors import Problems
from build_scripts.project import Project, check_language, left_out_texts, unused_language
from build_scripts.render.strings import in_language

FILE_NAME = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")
IGNORED = {"README.md", "EDITING.md"}
# A reference's address is written into a Markdown link [...](url): a space, quote,
# angle bracket or unbalanced parenthesis would end the link early and let the rest of
# the address through as Markdown or HTML.
WEB_ADDRESS = re.compile(r"^https://[^\s\"'<>`\\{}|^]+$")


@dataclass
class Note:
    """One file: a note in one language."""

    kind: schema.Kind
    id: str
    language: str
    doc: Document

    @property
    def path(self) -> Path:
        return self.doc.path


@dataclass
class Item:
    """A note across its languages."""

    kind: schema.Kind
    id: str
    versions: dict[str, Note] = field(default_factory=dict)
    default_language: str = ""

    @property
    def original(self) -> Note:
        """The default language's file (a translation of the article has none: the seed is)."""
        return self.versions.get(self.default_language) or next(iter(self.versions.values()))

    def neutral(self, name: str, default: Any = None) -> Any:
        """A language-neutral field, from the default language's file."""
        return self.original.doc.data.get(name, default)

    def version(self, language: str) -> Note:
        """The note in `language`, or the original where it has no translation yet."""
        return self.versions.get(language) or self.original

    def text(self, language: str, name: str, default: Any = None) -> Any:
        return self.version(language).doc.data.get(name, default)

    def body(self, language: str) -> str:
        return self.version(language).doc.body

    def is_translated(self, language: str) -> bool:
        return language in self.versions


@dataclass(frozen=True)
class Reference:
    """A named source from references.yml. Its title is the work's own, in the language it
    was published in; the publisher and the note may be given per language."""

    id: str
    publisher: dict[str, str]  # language -> text ('' for a text given once, in no language)
    title: str
    date: str
    url: str = ""
    note: dict[str, str] = field(default_factory=dict)
    archive_url: str = ""  # a copy kept by an archive (the Wayback Machine, archive.today)

    def text(self, name: str, language: str) -> tuple[str, str]:
        """(text, its language) of `name` for a reader of `language`: the reader's own where
        given, else the one given for all languages (''), else the first listed."""
        text, key = in_language(getattr(self, name), language, "")
        return text, key or language


@dataclass(frozen=True)
class InsertedHeadline:
    text: str
    show: str  # "omit" or "related"
    url: str
    line: int


@dataclass
class Notes:
    """Everything in content/."""

    items: dict[str, dict[str, Item]]
    references: dict[str, Reference]
    seed: Path | None
    headlines: list[InsertedHeadline]
    article_file: Path
    # (kind, id) of notes whose file exists but could not be loaded: their problem is
    # reported once, not again at every note that links to them.
    broken: set[tuple[str, str]] = field(default_factory=set)
    # Files of a language the site does not have (one removed, or not added yet): kept in
    # content/, left out of the build, and named in a warning.
    left_out: list[Path] = field(default_factory=list)
    # The relation types actors' relations may name: the shipped ones and the project's own.
    relation_types: Vocabulary = field(default_factory=Vocabulary)
    warnings: list[str] = field(default_factory=list)
    # Each kind sorted once: rendering asks for them on every page.
    _sorted: dict[str, list[Item]] = field(default_factory=dict, repr=False, compare=False)

    def of(self, kind: str) -> list[Item]:
        """The items of a kind in reading order: by 'order', then date, then title."""
        if kind not in self._sorted:
            self._sorted[kind] = sorted(self.items.get(kind, {}).values(), key=lambda item: reading_order(
                item, str(item.text(item.default_language, "title", "")).casefold()))
        return list(self._sorted[kind])

    def get(self, kind: str, item_id: str) -> Item | None:
        return self.items.get(kind, {}).get(item_id)

    def inserted(self, heading: str) -> InsertedHeadline | None:
        """The editors' mark on a heading of the article, matched as `validate` checks it."""
        wanted = normalise(heading)
        return next((mark for mark in self.headlines if normalise(mark.text) == wanted), None)


def reading_order(item: Item, title: Any) -> tuple[Any, ...]:
    """A sort key: the editors' `order` and date where they give them, then `title` (a
    text, or a language's collation key of it), then the id."""
    return (item.neutral("order", 10**6), str(item.neutral("date", "")), title, item.id)


def load(project: Project, problems: Problems) -> Notes:
    """Load every note; record each problem found in a single file."""
    content = project.content_dir
    items: dict[str, dict[str, Item]] = {name: {} for name in schema.KINDS}
    broken: set[tuple[str, str]] = set()
    left_out: list[Path] = []
    if not content.is_dir():
        problems.add(content, 0, "", "no content folder", "a folder content/ beside mkdocs.yml")
    for kind in schema.KINDS.values():
        folder = content / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            note = _load_note(kind, path, project, problems, left_out)
            if note is None:
                match = FILE_NAME.match(path.name)
                if match and (not left_out or left_out[-1] != _shown(path)):
                    broken.add((kind.name, match["id"]))
                continue
            item = items[kind.name].setdefault(
                note.id, Item(kind, note.id, default_language=project.default_language)
            )
            item.versions[note.language] = note
    for kind_items in items.values():
        for item_id, item in list(kind_items.items()):
            # The article's translations have no default-language file: the seed is the original.
            original = content / item.kind.folder / f"{item_id}.{project.default_language}.md"
            if project.default_language not in item.versions and item.kind.name != "source":
                if original.exists():  # it exists but is broken: that problem is reported
                    del kind_items[item_id]
                    continue
                for note in item.versions.values():
                    problems.add(
                        note.path, 1, "", f"translation of a note that does not exist in "
                        f"{project.default_language}",
                        f"content/{item.kind.folder}/{item_id}.{project.default_language}.md",
                    )
                del kind_items[item_id]
    _check_unexpected(content, problems)
    seed, headlines, article_file = _load_article_settings(project, problems)
    warnings: list[str] = []
    references = _load_references(project, problems, broken, warnings)
    vocabulary = relation_types.load(content, project.languages, problems, warnings)
    return Notes(items, references, seed, headlines, article_file, broken, left_out, vocabulary, warnings)


def _load_note(kind: schema.Kind, path: Path, project: Project, problems: Problems,
               left_out: list[Path]) -> Note | None:
    if path.name.startswith(".") or path.name in IGNORED:
        return None
    if path.is_symlink() and not path.exists():
        # Named by its folder: reporting the link itself would resolve it, endlessly for a loop.
        problems.add(path.parent, 0, _shown(path).name, "a link to a file that does not exist",
                     "a file, or a link to one")
        return None
    match = FILE_NAME.match(path.name)
    if path.is_dir() or not match:
        problems.add(_shown(path), 0, "", "unexpected file name",
                     f"files named <id>.<language>.md in content/{kind.folder}/")
        return None
    note_id, language = match["id"], match["lang"]
    if not schema.ID.match(note_id):
        problems.add(_shown(path), 0, "", f"{note_id!r} is not a valid id in the file name",
                     "lower-case Latin letters, digits and hyphens, such as 'town-council.en.md'")
        return None
    if language not in project.languages:
        if not check_language(language):  # a real language, only not this site's (now)
            left_out.append(_shown(path))
            return None
        problems.add(_shown(path), 0, "", f"unknown language code {language!r} in the file name",
                     "one of the languages in mkdocs.yml: " + ", ".join(project.languages))
        return None
    if kind.name == "source" and note_id != "article":
        problems.add(path, 0, "", "a translation of the article must be named article.<lang>.md",
                     f"content/source/article.{language}.md")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(path, 1, "", "the file is empty", "front matter between '---' lines")
        return None
    doc = frontmatter.load(path, text, problems)
    if doc is None:
        return None
    is_default = language == project.default_language
    schema.check_fields(kind, doc, problems, is_default=is_default,
                        default_file=f"content/{kind.folder}/{note_id}.{project.default_language}.md")
    return Note(kind, note_id, language, doc)


def _shown(path: Path) -> Path:
    """`path`, with invisible characters in its name (a newline, say) written as escapes."""
    if path.name.isprintable():
        return path
    return path.with_name("".join(char if char.isprintable() else repr(char)[1:-1]
                                  for char in path.name))


def _check_unexpected(content: Path, problems: Problems) -> None:
    if not content.is_dir():
        return
    known = {kind.folder for kind in schema.KINDS.values()} | {"locales", "map"}
    for path in sorted(content.iterdir()):
        if path.name.startswith(".") or path.name in IGNORED:
            continue
        if path.is_dir() and path.name not in known:
            problems.add(_shown(path), 0, "", "unknown folder in content/",
                         "one of: " + ", ".join(sorted(known)))
        elif path.is_file() and path.name not in ("article.yml", "references.yml", "map.yml",
                                                  relation_types.FILE_NAME):
            problems.add(_shown(path), 0, "", "unexpected file in content/",
                         "notes inside their folders, plus article.yml, references.yml, map.yml and "
                         "relations.yml")


def _load_article_settings(
    project: Project, problems: Problems
) -> tuple[Path | None, list[InsertedHeadline], Path]:
    path = project.content_dir / "article.yml"
    if not path.is_file():
        problems.add(path, 0, "", "missing", "content/article.yml naming the seed: 'seed: <file>'")
        return None, [], path
    parsed = frontmatter.read_yaml(path, problems)
    if parsed is None:
        return None, [], path
    data, lines = parsed
    if not frontmatter.check_mapping(path, data, lines, problems, ("seed", "inserted_headlines"),
                                     "'seed: <file>' and 'inserted_headlines:'"):
        return None, [], path
    doc = Document(path, data, lines, "", 0)
    seed = None
    name = data.get("seed")
    if not isinstance(name, str) or not name.strip():
        problems.add(path, doc.line("seed"), "seed", "missing", "the file name of the article in seeds/")
    elif not (project.seeds_dir / name).is_file() or "/" in name or "\\" in name:
        problems.add(path, doc.line("seed"), "seed", f"no file {name!r} in seeds/",
                     "the file name of the article in seeds/")
    else:
        seed = project.seeds_dir / name
    headlines = []
    raw = data.get("inserted_headlines", [])
    if not isinstance(raw, list):
        problems.add(path, doc.line("inserted_headlines"), "inserted_headlines", "not a list",
                     "a list of '- text: ...' items")
        raw = []
    for index, entry in enumerate(raw):
        here = f"inserted_headlines[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            present = isinstance(entry, dict) and "text" in entry
            problems.add(path, doc.line(f"{here}.text" if present else here), f"{here}.text",
                         f"{schema.describe(entry['text'])} is not a text" if present else "missing",
                         "the headline's text exactly as in the article")
            continue
        for key in entry:
            if key not in ("text", "show", "url"):
                problems.add(path, doc.line(f"{here}.{key}"), f"{here}.{key}", "unknown field",
                             "one of: show, text, url")
        show = entry.get("show", "related")
        if show not in schema.HEADLINE_SHOW:
            problems.add(path, doc.line(f"{here}.show"), f"{here}.show", f"{show!r} is not allowed",
                         "one of: " + ", ".join(schema.HEADLINE_SHOW))
        url = entry.get("url", "")
        if url and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
            problems.add(path, doc.line(f"{here}.url"), f"{here}.url", f"{url!r} is not a web address",
                         "an address starting with https://")
            url = ""
        headlines.append(InsertedHeadline(entry["text"], show, url or "", doc.line(here)))
    return seed, headlines, path


def _load_references(
    project: Project, problems: Problems, broken: set[tuple[str, str]], warnings: list[str]
) -> dict[str, Reference]:
    path = project.content_dir / "references.yml"
    if not path.is_file():
        return {}
    parsed = frontmatter.read_yaml(path, problems)
    if parsed is None:
        broken.add(("reference", "*"))  # unreadable: do not also report every citation of it
        return {}
    data, lines = parsed
    doc = Document(path, data if isinstance(data, dict) else {}, lines, "", 0)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(path, 1, "", "not a mapping", "'<id>:' entries with publisher, title and date")
        broken.add(("reference", "*"))
        return {}
    references = {}
    unused: set[str] = set()  # languages the site does not have (now): their texts are left out
    for ref_id, entry in data.items():
        if not schema.ID.match(str(ref_id)) or schema.PARAGRAPH_ID.match(str(ref_id)):
            problems.add(path, doc.line(str(ref_id)), str(ref_id), "not a valid reference id",
                         "lower-case letters, digits and hyphens, not like a paragraph id (p1)")
            continue
        if not isinstance(entry, dict):
            problems.add(path, doc.line(str(ref_id)), str(ref_id), "not a mapping",
                         "publisher, title and date")
            continue
        for key in entry:
            if key not in ("publisher", "title", "date", "url", "archive_url", "note"):
                problems.add(path, doc.line(f"{ref_id}.{key}"), f"{ref_id}.{key}", "unknown field",
                             "one of: archive_url, date, note, publisher, title, url")
        ok = True
        if not isinstance(entry.get("title"), str) or not entry["title"].strip():
            problems.add(path, doc.line(f"{ref_id}.title") if "title" in entry else doc.line(str(ref_id)),
                         f"{ref_id}.title", _not_a_text(entry["title"]) if "title" in entry else "missing",
                         "a text")
            ok = False
        texts: dict[str, dict[str, str] | None] = {}
        for key in ("publisher", "note"):
            if key in entry or key == "publisher":
                texts[key] = _per_language(entry.get(key), f"{ref_id}.{key}", doc, project, problems,
                                           unused)
                ok = ok and texts[key] is not None
        wrong = schema.check_date(entry.get("date"))
        if wrong:
            problems.add(path, doc.line(f"{ref_id}.date") if "date" in entry
                         else doc.line(str(ref_id)), f"{ref_id}.date",
                         wrong if "date" in entry else "missing", "YYYY, YYYY-MM or YYYY-MM-DD")
            ok = False
        for key in ("url", "archive_url"):
            address = entry.get(key, "")
            if address and not (isinstance(address, str) and WEB_ADDRESS.match(address)
                                and _balanced(address)):
                problems.add(path, doc.line(f"{ref_id}.{key}"), f"{ref_id}.{key}",
                             f"{address!r} is not a web address",
                             "an address starting with https://, without spaces, quotes or < >")
                ok = False
        if entry.get("archive_url") and not entry.get("url"):
            problems.add(path, doc.line(f"{ref_id}.archive_url"), f"{ref_id}.archive_url",
                         "an archive copy of a work without its own address",
                         f"{ref_id}.url as well: the address the archive copied")
            ok = False
        if not ok:
            broken.add(("reference", str(ref_id)))
        else:
            references[str(ref_id)] = Reference(
                str(ref_id), texts["publisher"] or {}, entry["title"].strip(), str(entry["date"]),
                entry.get("url") or "", texts.get("note") or {}, entry.get("archive_url") or "",
            )
    if unused:
        warnings.append(left_out_texts(problems.relative(path), unused))
    return references


def _per_language(value: Any, key: str, doc: Document, project: Project,
                  problems: Problems, unused: set[str]) -> dict[str, str] | None:
    """A text for every language ({'': text}), or one per language ({'en': ..., 'nl': ...})."""
    expected = "a text, or one per language such as 'en: ...' and 'nl: ...'"
    if isinstance(value, str) and value.strip():
        return {"": " ".join(value.split())}
    if not isinstance(value, dict) or not value:
        problems.add(doc.path, doc.line(key) or doc.line(key.split(".")[0]), key,
                     "missing" if value is None else _not_a_text(value), expected)
        return None
    texts, left_out = {}, 0
    for language, text in value.items():
        here = f"{key}.{language}"
        if unused_language(language, project.languages):
            unused.add(language)
            left_out += 1
        elif language not in project.languages:
            problems.add(doc.path, doc.line(here), here, f"{language!r} is not a language of this site",
                         "one of: " + ", ".join(project.languages))
        elif not isinstance(text, str) or not text.strip():
            problems.add(doc.path, doc.line(here), here, _not_a_text(text), "a text")
        else:
            texts[str(language)] = " ".join(text.split())
    if len(texts) + left_out != len(value):
        return None
    if not texts:
        problems.add(doc.path, doc.line(key) or doc.line(key.split(".")[0]), key,
                     "no text in a language of this site", expected)
        return None
    return texts


def _not_a_text(value: Any) -> str:
    return "the text is empty" if isinstance(value, str) else f"{schema.describe(value)} is not a text"


def _balanced(url: str) -> bool:
    """True when every ')' in `url` closes an earlier '(' (Wikipedia's addresses have them)."""
    depth = 0
    for char in url:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
