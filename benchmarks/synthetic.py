"""Synthetic content for benchmarks: the shipped explainer with N times its notes.

`make(target, n)` copies the shipped project (mkdocs.yml, seeds/, content/) into
`target` and adds n-1 copies of every actor, scenario, glossary term and timeline
event, in every language, as ``<id>-<k>``: N times 14 actors, 4 scenarios, 25 terms
and 15 events in 4 languages. A copy's title and glossary forms carry its number, so
pages, navigation and glossary links stay distinct; its relations and links point at
the originals, which exist. Translations that were up to date stay up to date (their
fingerprints are recomputed), so the project passes `explainer check` and builds
like the shipped one, only N times larger.

    python benchmarks/synthetic.py TARGET N
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts import pipeline  # noqa: E402
from build_scripts import project as project_module  # noqa: E402
from build_scripts.content import frontmatter, schema, translations  # noqa: E402
from build_scripts.errors import Problems  # noqa: E402

FOLDERS = ("actors", "scenarios", "glossary", "timeline")  # the notes that are multiplied


def copy_shipped(target: Path) -> None:
    """The shipped project's own files (not its generated docs/ or site/)."""
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("seeds", "content"):
        shutil.copytree(ROOT / name, target / name)
    (target / "docs").mkdir()
    shutil.copy2(ROOT / "docs/.gitignore", target / "docs/.gitignore")


def numbered(text: str, k: int, translated_from: str | None = None) -> str:
    """A note file's text with its title and glossary forms numbered: 'Putin 2'."""
    front, _, body, _ = frontmatter.split(text)
    data: Any = yaml.safe_load(front or "") or {}
    if "title" in data:
        data["title"] = f"{data['title']} {k}"
    if isinstance(data.get("forms"), list):
        data["forms"] = [f"{form} {k}" for form in data["forms"]]
    if translated_from is not None:
        data[translations.FIELD] = translated_from
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n{body}"


def fingerprint(kind: schema.Kind, path: Path, text: str) -> str:
    """The fingerprint a translation records of this original text (as `explainer status` computes it)."""
    doc = frontmatter.load(path, text, Problems(path.parent))
    assert doc is not None, path
    return translations.fingerprint(translations.text_of(kind.fields, doc.data, doc.body))


def up_to_date(project: project_module.Project) -> set[str]:
    """The translation files (relative paths) whose original has not changed since."""
    sources = pipeline.load(project)
    return {entry.path for entries in translations.status(sources, details=False).values()
            for entry in entries if entry.state == translations.UP_TO_DATE}


def make(target: Path, n: int) -> project_module.Project:
    """Write the synthetic project into `target` (which must not exist) and return it."""
    if n < 1:
        raise ValueError("n must be at least 1")
    current = up_to_date(project_module.load(ROOT / "mkdocs.yml"))
    copy_shipped(target)
    project = project_module.load(target / "mkdocs.yml")
    kinds = {kind.folder: kind for kind in schema.KINDS.values()}
    for folder in FOLDERS:
        notes: dict[str, list[Path]] = {}
        for path in sorted((target / "content" / folder).glob("*.md")):
            notes.setdefault(path.name.split(".")[0], []).append(path)
        for note_id, paths in notes.items():
            for k in range(2, n + 1):
                # The original first: its numbered text is what up-to-date translations record.
                original = target / "content" / folder / f"{note_id}.{project.default_language}.md"
                copy = original.with_name(f"{note_id}-{k}.{project.default_language}.md")
                copy.write_text(numbered(original.read_text("utf-8"), k), "utf-8")
                recorded = fingerprint(kinds[folder], copy, copy.read_text("utf-8"))
                for path in paths:
                    if path == original:
                        continue
                    language = path.name.split(".")[1]
                    fresh = f"content/{folder}/{path.name}" in current
                    path.with_name(f"{note_id}-{k}.{language}.md").write_text(
                        numbered(path.read_text("utf-8"), k, recorded if fresh else None), "utf-8")
    pipeline.load(project)  # raises if anything is wrong: the benchmark needs a valid project
    return project


def counts(project: project_module.Project) -> dict[str, int]:
    """Notes per kind, as `explainer check` counts them."""
    sources = pipeline.load(project)
    return {kind: len(items) for kind, items in sources.notes.items.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="the new project's folder (must not exist)")
    parser.add_argument("n", type=int, help="how many times the shipped notes")
    args = parser.parse_args()
    project = make(args.target, args.n)
    print(f"{args.target}: " + ", ".join(f"{count} {kind}" for kind, count in counts(project).items())
          + f"; languages: {', '.join(project.languages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
