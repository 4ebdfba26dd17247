"""Reproducible builds: two builds of the same commit are byte for byte the same."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

# A fixed commit time in the past, so that "today" can never pass for it.
COMMITTED = 1615809600  # 2021-03-15 12:00:00 UTC


def build(project: Path, site: Path, **env: str) -> None:
    """Run `explainer build` in its own process, with SOURCE_DATE_EPOCH unset unless given."""
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    done = subprocess.run([sys.executable, "-m", "build_scripts", "-f", str(project / "mkdocs.yml"),
                           "build", "-d", str(site)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**environment, **env})
    assert done.returncode == 0, done.stderr


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def gzip_mtime(path: Path) -> int:
    """The modification time recorded in a gzip file's header (bytes 4 to 8)."""
    return int(struct.unpack("<I", path.read_bytes()[4:8])[0])


@pytest.fixture
def committed(mini: Path) -> Path:
    """The mini project committed to a fresh git repository at a known time."""
    stamp = f"@{COMMITTED} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    for command in (["init", "--quiet", "-b", "main"], ["add", "-A"],
                    ["commit", "--quiet", "-m", "The explainer"]):
        subprocess.run(["git", *command], cwd=mini, env=env, check=True, capture_output=True)
    return mini


def test_two_builds_of_one_commit_are_identical(committed: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "elsewhere" / "second"
    # Different hash seeds and time zones: nothing may depend on set order or local time.
    build(committed, first, PYTHONHASHSEED="1", TZ="UTC")
    build(committed, second, PYTHONHASHSEED="2", TZ="Pacific/Kiritimati")
    one, two = files(first), files(second)
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    assert {"index.html", "de/index.html", "sitemap.xml.gz", "de/sitemap.xml.gz",
            "search/search_index.json", "de/search/search_index.json"} <= set(one)


def test_the_build_time_comes_from_the_last_commit(committed: Path, tmp_path: Path) -> None:
    build(committed, tmp_path / "site")
    # MkDocs stamps the build date (midnight UTC of SOURCE_DATE_EPOCH's day) into the gzip header.
    midnight = COMMITTED - COMMITTED % 86400
    assert gzip_mtime(tmp_path / "site/sitemap.xml.gz") == midnight
    assert gzip_mtime(tmp_path / "site/de/sitemap.xml.gz") == midnight


def test_source_date_epoch_wins_over_the_commit(committed: Path, tmp_path: Path) -> None:
    build(committed, tmp_path / "site", SOURCE_DATE_EPOCH="1000000000")  # 2001-09-09 01:46:40 UTC
    assert gzip_mtime(tmp_path / "site/sitemap.xml.gz") == 999993600


def test_a_wrong_source_date_epoch_is_one_clear_line(mini: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}
    done = subprocess.run([sys.executable, "-m", "build_scripts", "-f", str(mini / "mkdocs.yml"),
                           "build"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env=environment)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "explainer: SOURCE_DATE_EPOCH='yesterday' is not a time (expected whole seconds since "
        "1970-01-01 UTC, such as 1600000000, or unset)"]
