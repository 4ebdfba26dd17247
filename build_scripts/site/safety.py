"""What a build may delete and replace, and how it replaces the site without a gap.

A build deletes only what it can recognise as its own: a site folder carrying the
marker file it writes into every site it builds, staging folders carrying a marker
with the pid of the build that made them (removed by a later build once that process
is gone), and in docs/ only the files its manifest lists (generate.py). The project's
folders are checked before anything is written: a site_dir or docs_dir that is the
project, content/ or seeds/ (or inside them, or around them) is refused.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import shutil
from pathlib import Path

from build_scripts.errors import ExplainerError

SITE_MARKER = ".explainer-site"
STAGING_MARKER = ".explainer-staging"
# Constant text: builds stay byte for byte reproducible.
SITE_MARKER_TEXT = "Built by explainer; `explainer build` replaces this folder as a whole.\n"


class UnsafeFolder(ExplainerError):
    """A site or docs folder that would make the build delete something not its own."""


class MachineFault(ExplainerError):
    """The machine, not the project, stopped the build: a full disk, a read-only folder."""


def _related(one: Path, other: Path) -> str:
    """How `one` lies to `other`: 'is', 'is inside', 'contains', or ''."""
    if one == other:
        return "is"
    if one.is_relative_to(other):
        return "is inside"
    if other.is_relative_to(one):
        return "contains"
    return ""


def folder_problems(root: Path, docs_dir: Path, site_dir: Path) -> dict[str, str]:
    """{'site_dir' or 'docs_dir': what is wrong} for folders a build would wipe unsafely."""
    root = root.resolve()
    protected = {"the project folder": root, "content/": root / "content", "seeds/": root / "seeds"}
    found: dict[str, str] = {}
    for name, folder, other_name, other in (("site_dir", site_dir, "docs_dir", docs_dir),
                                            ("docs_dir", docs_dir, "site_dir", site_dir)):
        folder = folder.resolve()
        against = dict(protected) if found else {**protected, other_name: other.resolve()}
        for label, place in against.items():  # a pair wrong against each other: named once
            relation = _related(folder, place)
            if relation and not (place == root and relation == "is inside"):
                found[name] = f"{relation} {label}; the build replaces it and would delete " \
                              f"what {'it holds' if relation != 'is inside' else 'is there'}"
                break
    return found


def check_site_option(root: Path, docs_dir: Path, site_dir: Path) -> None:
    """Refuse `--site-dir` on the command line like site_dir in mkdocs.yml."""
    wrong = folder_problems(root, docs_dir, site_dir).get("site_dir")
    if wrong:
        raise UnsafeFolder(f"--site-dir {site_dir}: {wrong} (expected a folder of its own, "
                           "such as site)")


def check_target(target: Path) -> None:
    """Refuse to replace a non-empty folder this program did not build (or anything else)."""
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_dir():
        raise UnsafeFolder(f"{target} is not a folder; move it away and build again")
    if (target / SITE_MARKER).is_file() or not any(target.iterdir()) or _built_before_markers(target):
        return
    raise UnsafeFolder(f"{target} holds files explainer did not build (no {SITE_MARKER} in it); "
                       "move it away or empty it and build again")


def _built_before_markers(target: Path) -> bool:
    """A site an earlier explainer built, before sites carried the marker: its offline copy with
    its checksum beside it, and a home page that loads explainer's script. Recognised so that an
    upgrade does not refuse the project's own last build; anything less is not ours."""
    try:
        home = (target / "index.html").read_text("utf-8", errors="replace")
    except OSError:
        return False
    return ((target / "offline.zip").is_file() and (target / "offline.zip.sha256").is_file()
            and "assets/explainer.js" in home)


def mark_site(folder: Path) -> None:
    (folder / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def mark_staging(folder: Path) -> None:
    (folder / STAGING_MARKER).write_text(json.dumps({"pid": os.getpid()}) + "\n", encoding="utf-8")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_leftovers(target: Path) -> None:
    """Remove staging folders of earlier builds of `target` whose process is gone.

    A pid can be reused by an unrelated process; then the folder is left until a later
    build, which is harmless. A folder without our marker is never touched.
    """
    for folder in [*target.parent.glob(f".{target.name}.staging-*"),
                   *target.parent.glob(f".{target.name}.deploy-*")]:
        try:
            owner = json.loads((folder / STAGING_MARKER).read_text(encoding="utf-8"))["pid"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(owner, int) and owner != os.getpid() and not _alive(owner):
            shutil.rmtree(folder, ignore_errors=True)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(one), AT_FDCWD, os.fsencode(other), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # an old kernel or file system
        return False
    raise OSError(code, os.strerror(code), str(other))


def swap(new: Path, target: Path) -> None:
    """Put the complete site `new` at `target`; at every instant `target` is old or new.

    The old site ends up at `new`'s path, which the caller removes with its staging folder.
    A mount point (a Docker volume) cannot be renamed: its contents are replaced instead,
    file by file, which is not atomic (readers may see a mix while it runs).
    """
    check_target(target)
    if not target.exists():
        new.rename(target)
        return
    if os.path.ismount(target):
        for entry in list(target.iterdir()):
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        shutil.copytree(new, target, symlinks=True, dirs_exist_ok=True)
        return
    if _exchange(new, target):
        return
    old = target.with_name(f".{target.name}.old")  # the fallback: a moment with no site
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


HINTS = {
    errno.ENOSPC: "free some space and build again",
    errno.EDQUOT: "free some space and build again",
    errno.EACCES: "make it writable and build again",
    errno.EPERM: "make it writable (chattr -i, if it is immutable) and build again",
    errno.EROFS: "the file system is read-only; build somewhere else with --site-dir",
    errno.EBUSY: "it is in use or a mount point; build somewhere else with --site-dir",
    errno.EXDEV: "it is on another file system; build somewhere else with --site-dir",
}


def machine_fault(error: OSError, root: Path, site: Path) -> MachineFault:
    """One line for an error of the machine: the path, the cause, what to do."""
    where = error.filename or site
    with contextlib.suppress(ValueError):
        where = Path(where).resolve().relative_to(root.resolve())
    hint = HINTS.get(error.errno or 0, "fix that and build again")
    return MachineFault(f"cannot write {where}: {error.strerror or error} ({hint}; "
                        f"{site.name}/ was left as it was)")
