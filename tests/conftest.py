"""Shared helpers: projects copied into temporary folders, and the CLI run for real."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path | None = None) -> Result:
    """Run the `explainer` command in a separate process, as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "build_scripts", *map(str, args)],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=600,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project's own files (not its generated docs/ or site/) into `target`."""
    ignore = shutil.ignore_patterns("site", ".venv", ".git", "__pycache__", ".pytest_cache")
    shutil.copytree(source, target, ignore=ignore)
    docs = target / "docs"
    if docs.exists():
        for path in docs.iterdir():
            if path.name != ".gitignore":
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file at `path` by `new`, as an editor would; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_digest(folder: Path) -> str:
    """One hash of every path and byte below `folder`: equal only if nothing changed."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_symlink():  # where a link points is part of the tree, even a broken one
            digest.update(b"-> " + os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def glossary_index(page: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A built glossary page's entries, (title, term id), and its A–Z, (letter, term id)."""
    titles = [(html.unescape(title), term_id)
              for term_id, title in re.findall(r'<h2 id="([^"]*)">([^<]*)', page)]
    letters = re.search(r'<nav class="explainer-letters"[^>]*>(.*?)</nav>', page)
    assert letters is not None
    return titles, [(html.unescape(letter), term_id)
                    for term_id, letter in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', letters.group(1))]


def theme_config(page: str) -> dict:
    """Material's configuration in a built page: its interface strings under "translations"."""
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    return json.loads(found.group(1))


def build_shipped(target: Path) -> Path:
    """Copy the shipped explainer into `target`, build it, and return its site folder."""
    for name in ("seeds", "content", "docs"):
        copy_project(ROOT / name, target / name)
    (target / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    result = run_cli("-f", target / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    return target / "site"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small English/German project (default language English)."""
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


@pytest.fixture
def valmont(tmp_path: Path) -> Path:
    """A French explainer with English and Arabic translations (default language French)."""
    return copy_project(FIXTURES / "valmont", tmp_path / "valmont")


@pytest.fixture(scope="session")
def valmont_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French explainer, built once per session by `explainer build`: its project folder."""
    root = copy_project(FIXTURES / "valmont", tmp_path_factory.mktemp("valmont") / "valmont")
    result = run_cli("-f", root / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    return root


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped Belarus explainer."""
    target = tmp_path / "shipped"
    target.mkdir()
    for name in ("mkdocs.yml", "seeds", "content", "docs"):
        source = ROOT / name
        if source.is_dir():
            copy_project(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright, for the tests of one module."""
    from .browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped explainer, built and served on localhost: its base URL."""
    from .browser import serve

    with serve(build_shipped(tmp_path_factory.mktemp("shipped")), pages_headers=True) as url:
        yield url
