"""Translation status: which translations are up to date, outdated or missing.

A translation records in ``translated_from`` a fingerprint of the original's text
(its translatable fields and body, whitespace folded) as it was when the translation
was made or last revised. When an editor changes that text, the fingerprint no
longer matches and the translation is outdated; changing language-neutral data
(relations, dates, sources) or only whitespace changes nothing.

What changed, and since when, comes from git: the original's history is searched
for the version whose fingerprint the translation records; where git has no such
version (no repository, nothing committed yet), from the texts `originals` keeps.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from build_scripts.content import frontmatter, originals
from build_scripts.content.notes import Item, Note
from build_scripts.content.textfile import read_text
from build_scripts.errors import Problems
from build_scripts.pipeline import Sources

UP_TO_DATE, OUTDATED, MISSING = "up_to_date", "outdated", "missing"
STATES = (UP_TO_DATE, OUTDATED, MISSING)
FIELD = "translated_from"


def _fold(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_fold(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _fold(item) for key, item in value.items()}
    return value


def text_of(kind_fields: tuple[Any, ...], data: dict[str, Any], body: str) -> dict[str, Any]:
    """The translatable text of a note: what a translator translates."""
    text = {field.name: data[field.name] for field in kind_fields
            if field.translatable and field.name != FIELD and field.name in data}
    text["body"] = body
    return _fold(text)


def fingerprint(text: dict[str, Any]) -> str:
    """A short, stable fingerprint of a note's translatable text."""
    canonical = json.dumps(text, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def article_text(sources: Sources) -> dict[str, Any]:
    """The article's text, for translations of the article (their original is the seed)."""
    return _fold({block.id: block.text for block in sources.article.blocks})


def original_text(item: Item, sources: Sources) -> dict[str, Any]:
    if item.kind.name == "source":
        return article_text(sources)
    note = item.original
    return text_of(item.kind.fields, note.doc.data, note.doc.body)


@dataclass(frozen=True)
class Entry:
    """The status of one note in one language."""

    path: str  # the translation's file, relative to the project
    kind: str
    id: str
    language: str
    state: str
    original: str  # the original's file (the seed, for the article)
    since: str = ""  # YYYY-MM-DD: when the original changed (outdated only; from git)
    diff: str = ""  # what changed in the original since (outdated only; from git)


def status(sources: Sources, *, details: bool = True) -> dict[str, list[Entry]]:
    """{language: entries} for every language but the default; details need git."""
    project = sources.project
    result: dict[str, list[Entry]] = {}
    for language in project.languages[1:]:
        entries = []
        for kind_items in sources.notes.items.values():
            for item in sorted(kind_items.values(), key=lambda item: item.id):
                if item.kind.name == "source" and language == sources.seed.language:
                    continue
                entries.append(_entry(item, language, sources, details))
        result[language] = sorted(entries, key=lambda entry: entry.path)
    return result


def _entry(item: Item, language: str, sources: Sources, details: bool) -> Entry:
    project = sources.project
    folder = project.content_dir / item.kind.folder
    path = folder / f"{item.id}.{language}.md"
    relative = path.relative_to(project.root).as_posix()
    original_path = sources.article.path if item.kind.name == "source" else item.original.path
    original = original_path.relative_to(project.root).as_posix()
    note = item.versions.get(language)
    if note is None:
        return Entry(relative, item.kind.name, item.id, language, MISSING, original)
    current = original_text(item, sources)
    recorded = str(note.doc.data.get(FIELD) or "")
    if recorded == fingerprint(current):
        return Entry(relative, item.kind.name, item.id, language, UP_TO_DATE, original)
    since, diff = ("", "")
    if details:
        since, diff = _history(item, recorded, current, sources)
    return Entry(relative, item.kind.name, item.id, language, OUTDATED, original, since, diff)


def _render(text: dict[str, Any]) -> list[str]:
    """Text as lines for a diff a translator can read."""
    lines = []
    for key, value in text.items():
        if key == "body":
            continue
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    body = text.get("body", "")
    if body:
        lines.append("")
        lines.extend(re.sub(r"([.!?]) ", r"\1\n", body).split("\n"))
    return lines


def _history(item: Item, recorded: str, current: dict[str, Any],
             sources: Sources) -> tuple[str, str]:
    """(date the original changed, diff since) for the version `recorded` fingerprints."""
    if not recorded:
        return "", ""
    root = sources.project.root
    path = sources.article.path if item.kind.name == "source" else item.original.path
    newer_date = ""
    for commit, date, text in _versions(root, path):
        old = _parse_version(item, text, sources)
        if old is not None and fingerprint(old) == recorded:
            return newer_date, _diff(old, current, commit[:8])
        newer_date = date
    relative = path.relative_to(root).as_posix()
    store = originals.load(sources.project.content_dir)
    kept = originals.version(store, relative, recorded)
    if kept is None:
        return "", ""
    # Since when: the day the current text was recorded, else the day its file was saved.
    now = originals.version(store, relative, fingerprint(current))
    since = now["seen"] if now else datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
    return since, _diff(kept["text"], current, recorded)


def _diff(old: dict[str, Any], current: dict[str, Any], label: str) -> str:
    return "\n".join(difflib.unified_diff(_render(old), _render(current), fromfile=label,
                                          tofile="now", lineterm="", n=1))


def record_originals(sources: Sources, items: list[Item] | None = None) -> bool:
    """Keep the current text of the originals of `items` (default: every original that has a
    translation), so that a later change can be shown without git (see `originals`)."""
    root = sources.project.root
    if items is None:
        items = [item for kind_items in sources.notes.items.values() for item in kind_items.values()
                 if item.kind.name == "source" or len(item.versions) > 1]
    texts = {}
    for item in items:
        path = sources.article.path if item.kind.name == "source" else item.original.path
        current = original_text(item, sources)
        texts[path.relative_to(root).as_posix()] = (fingerprint(current), current)
    return originals.record(sources.project.content_dir, texts)


def _parse_version(item: Item, text: str, sources: Sources) -> dict[str, Any] | None:
    if item.kind.name == "source":
        from build_scripts.content import article

        parsed = article.parse(text.replace("\r\n", "\n"), sources.article.path, Problems(Path(".")))
        return _fold({block.id: block.text for block in parsed.blocks}) if parsed else None
    front, first, body, _ = frontmatter.split(text.replace("\r\n", "\n").lstrip("\ufeff"))
    parsed = frontmatter.parse_yaml(front or "", item.original.path, Problems(Path(".")), first)
    if parsed is None or not isinstance(parsed[0], dict):
        return None
    return text_of(item.kind.fields, parsed[0], body)


@cache
def _git_root(folder: Path) -> Path | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder,
                              capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return Path(done.stdout.strip())


def _versions(root: Path, path: Path) -> list[tuple[str, str, str]]:
    """(commit, commit date, text) of `path`, newest first; uncommitted text first of all."""
    top = _git_root(root)
    versions: list[tuple[str, str, str]] = []
    if top is None:
        return versions
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    log = subprocess.run(["git", "log", "--format=%H %cs", "--", relative], cwd=top,
                         capture_output=True, text=True)
    for line in log.stdout.split("\n"):
        if not line.strip():
            continue
        commit, date = line.split()
        shown = subprocess.run(["git", "show", f"{commit}:{relative}"], cwd=top,
                               capture_output=True)
        if shown.returncode == 0:
            versions.append((commit, date, shown.stdout.decode("utf-8", "replace")))
    return versions


def counts(entries: list[Entry]) -> dict[str, int]:
    return {state: sum(1 for entry in entries if entry.state == state) for state in STATES}


def mark_revised(path: Path, sources: Sources) -> str:
    """Record the original's current fingerprint in a translation file; return it."""
    project = sources.project
    resolved = path.resolve()
    for kind_items in sources.notes.items.values():
        for item in kind_items.values():
            for language, note in item.versions.items():
                if note.path.resolve() == resolved and language != project.default_language:
                    value = fingerprint(original_text(item, sources))
                    _write_field(note, value)
                    record_originals(sources, [item])
                    return value
    from build_scripts.errors import ExplainerError

    raise ExplainerError(f"{path}: not a translation of a note in this project "
                         f"(expected a file such as content/actors/<id>.<language>.md)")


def _write_field(note: Note, value: str) -> None:
    """Set `translated_from:` in the file's front matter, leaving every other line as it is."""
    problems = Problems(note.path.parent)
    text = read_text(note.path, problems) or ""
    lines = text.split("\n")
    end = next(index for index in range(1, len(lines)) if lines[index].rstrip() == "---")
    for index in range(1, end):
        if re.match(rf"^{FIELD}\s*:", lines[index]):
            lines[index] = f"{FIELD}: \"{value}\""
            break
    else:
        lines.insert(end, f"{FIELD}: \"{value}\"")
    from build_scripts.site.generate import atomic_write

    atomic_write(note.path, "\n".join(lines))
