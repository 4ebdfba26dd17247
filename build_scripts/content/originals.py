"""The originals' texts that translations were made from, kept with the content.

A translation records only a fingerprint of its original's text (`translated_from`).
To show a translator what changed since, and since when, the texts themselves have to
be somewhere. git's history has them where the project is committed; where it is not
(a project made with `explainer new` and never committed, a folder copied from a
colleague), this file has them: content/.originals.json. The commands that record a
fingerprint in a translation (`explainer mark-revised`, `explainer new`) record the
text it stands for there, with the day. Commit it with the content; it is never
edited by hand, and the build only reads it.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

from build_scripts.site.generate import atomic_write

FILE_NAME = ".originals.json"
Store = dict[str, dict[str, dict[str, Any]]]


def path_of(content_dir: Path) -> Path:
    return content_dir / FILE_NAME


def load(content_dir: Path) -> Store:
    """The recorded texts; an unreadable or damaged file counts as empty (it is only a cache
    of history: the next command writes it anew)."""
    try:
        data = json.loads(path_of(content_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(original): versions for original, versions in data.items() if isinstance(versions, dict)}


def today() -> str:
    """The day a text is first seen: SOURCE_DATE_EPOCH's where it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return datetime.date.today().isoformat()


def record(content_dir: Path, texts: dict[str, tuple[str, dict[str, Any]]]) -> bool:
    """Add every current text ({original: (fingerprint, text)}) not yet recorded; return
    whether the file changed. Texts seen before keep the day they were first seen."""
    store = load(content_dir)
    changed = False
    for original, (fingerprint, text) in sorted(texts.items()):
        versions = store.setdefault(original, {})
        if fingerprint not in versions:
            versions[fingerprint] = {"seen": today(), "text": text}
            changed = True
    if changed:
        atomic_write(path_of(content_dir),
                     json.dumps(store, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return changed


def version(store: Store, original: str, fingerprint: str) -> dict[str, Any] | None:
    """{'seen': 'YYYY-MM-DD', 'text': {...}} recorded for `original` under `fingerprint`."""
    found = store.get(original, {}).get(fingerprint)
    if isinstance(found, dict) and isinstance(found.get("text"), dict):
        return found
    return None
