"""Writing the generated Markdown into docs/, without ever losing a hand edit.

docs/ mirrors the site: the default language at its root, every other language in
a folder named after its code (docs/en/, docs/ru/). A manifest records the hash of
every file written; a file whose content no longer matches it was edited by hand,
and generation stops and says where that edit belongs instead of overwriting it.
Files are written only when their content changes (so ``mkdocs serve`` does not
rebuild in a loop) and each one atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import Problems

MANIFEST = ".explainer-manifest.json"
KEEP = {".gitignore", MANIFEST}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_manifest(docs_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def hand_edits(docs_dir: Path, origins: dict[str, str], problems: Problems,
               scope: Callable[[str], bool] | None = None) -> None:
    """Record every file in docs/ (in `scope`) that differs from what was generated, or was
    added by hand."""
    manifest = read_manifest(docs_dir)
    if not docs_dir.is_dir():
        return
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_dir() or path.name in KEEP or path.name.endswith(".tmp"):
            continue
        if scope is not None and not scope(relative):
            continue
        where = origins.get(relative, "content/")
        if relative not in manifest:
            problems.add(path, 0, "", "file added to docs/ by hand; docs/ is generated and the "
                         "file would be lost", f"the text in {where}, and this file deleted")
            continue
        try:
            current = digest(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            current = ""
        if current != manifest[relative]:
            problems.add(path, 0, "", "edited by hand since it was generated; docs/ is build "
                         "output", f"the change made in {where}, and this file deleted")


def write(docs_dir: Path, files: dict[str, str], scope: Callable[[str], bool] | None = None) -> list[str]:
    """Bring docs/ to exactly `files` ({relative path: text}); return the paths changed.

    With `scope`, only the paths it accepts are managed: others are left as they are.
    """
    manifest = read_manifest(docs_dir)
    kept = {} if scope is None else {relative: hashed for relative, hashed in manifest.items()
                                     if not scope(relative)}
    manifest = {relative: hashed for relative, hashed in manifest.items() if relative not in kept}
    changed = []
    for relative, text in sorted(files.items()):
        path = docs_dir / relative
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            atomic_write(path, text)
            changed.append(relative)
    for relative in sorted(set(manifest) - set(files)):
        path = docs_dir / relative
        if path.is_file():
            path.unlink()
            changed.append(relative)
    for folder in sorted((p for p in docs_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    new_manifest = {**kept, **{relative: digest(text) for relative, text in files.items()}}
    if new_manifest != {**kept, **manifest}:
        atomic_write(docs_dir / MANIFEST, json.dumps(new_manifest, indent=1, sort_keys=True) + "\n")
    return changed
