"""Writing the generated Markdown into docs/, without ever losing a hand edit.

docs/ mirrors the site: the default language at its root, every other language in
a folder named after its code (docs/en/, docs/ru/). A manifest records the hash of
every file written; a file whose content no longer matches it was edited by hand,
and generation stops and says where that edit belongs instead of overwriting it.
Files are written only when their content changes (so ``mkdocs serve`` does not
rebuild in a loop) and each one atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from build_scripts.errors import Problems

MANIFEST = ".explainer-manifest.json"
# The journal of a write under way: every hash each path may have while it runs.
JOURNAL = ".explainer-journal.json"
KEEP = {".gitignore", MANIFEST, JOURNAL}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600): keep the mode of the file replaced, or give a new
        # one the mode any editor's file gets, so that the newsroom's group can still read it.
        os.fchmod(handle, _mode_of(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename in (None, temporary):
            # A full disk fails in write() or close(), which name no file: name ours.
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # Read once, the first time a file is created (the only way to read it is to set it).
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def read_manifest(docs_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_journal(docs_dir: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((docs_dir / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {path: hashes for path, hashes in data.items() if isinstance(hashes, list)}


def accepted(docs_dir: Path) -> dict[str, set[str]]:
    """{path: the hashes it may have} after the last write, finished or interrupted."""
    known = {path: {hashed} for path, hashed in read_manifest(docs_dir).items()}
    for path, hashes in read_journal(docs_dir).items():
        known.setdefault(path, set()).update(hashes)
    return known


def hand_edits(docs_dir: Path, origins: dict[str, str], problems: Problems,
               scope: Callable[[str], bool] | None = None) -> None:
    """Record every file in docs/ (in `scope`) that differs from what was generated, or was
    added by hand."""
    manifest = accepted(docs_dir)
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
        if current not in manifest[relative]:
            problems.add(path, 0, "", "edited by hand since it was generated; docs/ is build "
                         "output", f"the change made in {where}, and this file deleted")


def write(docs_dir: Path, files: dict[str, str], scope: Callable[[str], bool] | None = None) -> list[str]:
    """Bring docs/ to exactly `files` ({relative path: text}); return the paths changed.

    With `scope`, only the paths it accepts are managed: others are left as they are.

    Interrupted at any point (a kill, a full disk), docs/ must not look hand-edited to the
    next build. So before touching a file the journal records every hash each path may
    have until this write is done (the old ones and the new), and only once every file is
    written does the final manifest replace the old one and the journal go. A journal
    left behind is merged into the next one, so interruptions in a row are safe too.
    """
    manifest = read_manifest(docs_dir)
    journal = read_journal(docs_dir)
    kept = {} if scope is None else {relative: hashed for relative, hashed in manifest.items()
                                     if not scope(relative)}
    for relative, hashes in journal.items():  # out of scope, left by an interrupted write
        if scope is not None and not scope(relative) and (docs_dir / relative).is_file():
            current = _digest_of(docs_dir / relative)
            if current in hashes:
                kept[relative] = current
    managed = {relative for relative in set(manifest) | set(journal)
               if scope is None or scope(relative)}
    hashes = {relative: digest(text) for relative, text in files.items()}
    writes = {}
    for relative, text in sorted(files.items()):
        path = docs_dir / relative
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            writes[relative] = text
    removals = sorted(relative for relative in managed - set(files) if (docs_dir / relative).is_file())
    new_manifest = {**kept, **hashes}
    if not writes and not removals and not journal:
        if new_manifest != read_manifest(docs_dir):
            atomic_write(docs_dir / MANIFEST, _json(new_manifest))
        return []
    pending = {relative: sorted(set(values)) for relative, values in journal.items()}
    for relative, hashed in [*manifest.items(), *hashes.items()]:
        pending[relative] = sorted({*pending.get(relative, []), hashed})
    atomic_write(docs_dir / JOURNAL, _json(pending))
    changed = []
    for relative, text in writes.items():
        atomic_write(docs_dir / relative, text)
        changed.append(relative)
    for relative in removals:
        (docs_dir / relative).unlink()
        changed.append(relative)
    for folder in sorted((p for p in docs_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    atomic_write(docs_dir / MANIFEST, _json(new_manifest))
    (docs_dir / JOURNAL).unlink()
    return changed


def _json(data: object) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _digest_of(path: Path) -> str:
    try:
        return digest(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""
