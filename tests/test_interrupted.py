"""Builds that are killed, interrupted or stopped by the machine: real processes, real mounts.

Each test runs ``explainer build`` in its own process over a copy of the mini project.
Mounting (tmpfs) and ``chattr`` need root; without them those tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli, tree_digest


@pytest.fixture
def big(mini: Path) -> Path:
    """The mini project with 300 more actors: a build long enough to be interrupted."""
    fishers = (mini / "content/actors/fishers.en.md").read_text("utf-8")
    for number in range(1, 301):
        (mini / f"content/actors/fleet-{number}.en.md").write_text(
            fishers.replace("Fishers association", f"Fleet {number}"), "utf-8")
    return mini


def start_build(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "build_scripts", "-f", str(project / "mkdocs.yml"),
                             "build", "-j", "2", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_workers(build: subprocess.Popen[str]) -> list[int]:
    """The build's language workers, once both are running (or fail after a minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = children(build.pid)
        if len(workers) >= 2:
            time.sleep(0.3)  # well into MkDocs
            return workers
        assert build.poll() is None, build.communicate()
        time.sleep(0.05)
    raise AssertionError("the build started no workers")


def staging_folders(project: Path) -> list[Path]:
    return [path for path in project.iterdir() if ".staging-" in path.name]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killed_build_leaves_no_workers_and_the_next_build_cleans_up(big: Path, how: int) -> None:
    assert run_cli("-f", big / "mkdocs.yml", "build").code == 0
    before = tree_digest(big / "site")
    build = start_build(big)
    workers = wait_for_workers(build)
    os.kill(build.pid, how)
    _, err = build.communicate(timeout=60)
    time.sleep(2)
    assert [pid for pid in workers if alive(pid)] == []
    assert tree_digest(big / "site") == before
    if how == signal.SIGTERM:
        assert build.returncode == 130
        assert err.splitlines() == ["explainer build: interrupted; the site folder holds the last "
                                    "complete build"]
    result = run_cli("-f", big / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert staging_folders(big) == []


def test_ctrl_c_prints_one_line_and_exits_130(big: Path) -> None:
    build = start_build(big)
    workers = wait_for_workers(build)
    os.killpg(build.pid, signal.SIGINT)  # what a terminal does: the whole process group
    out, err = build.communicate(timeout=60)
    assert build.returncode == 130
    assert "Traceback" not in out + err
    assert err.splitlines() == ["explainer build: interrupted; the site folder holds the last "
                                "complete build"]
    time.sleep(1)
    assert [pid for pid in workers if alive(pid)] == []
    assert staging_folders(big) == []
    assert not (big / "site").exists()


WATCH = """
import os, sys
page, stop = sys.argv[1], sys.argv[2]
missing = 0
while not os.path.exists(stop):
    missing += not os.path.exists(page)
print(missing)
"""


def test_the_site_is_never_missing_while_it_is_rebuilt(mini: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    stop = mini.parent / "stop"
    # A process of its own looks as often as it can (a thread would share the GIL).
    watcher = subprocess.Popen([sys.executable, "-c", WATCH, str(mini / "site/index.html"), str(stop)],
                               stdout=subprocess.PIPE, text=True)
    try:
        for number in range(4):
            about = mini / "content/pages/about.en.md"
            about.write_text(about.read_text("utf-8") + f"\nEdit {number}.\n", "utf-8")
            result = run_cli("-f", mini / "mkdocs.yml", "build")
            assert result.code == 0, result.err
    finally:
        stop.touch()
        out, _ = watcher.communicate(timeout=60)
    assert out.strip() == "0"
    assert "Edit 3." in (mini / "site/about/index.html").read_text("utf-8")


# -- the machine's faults: mounts, full disks, immutable folders ------------------------------

Mount = Callable[[Path, str], Path]


@pytest.fixture
def tmpfs() -> Iterator[Mount]:
    mounted: list[Path] = []

    def mount(folder: Path, size: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_while_writing_docs_is_one_line_and_the_next_build_works(
        mini: Path, tmpfs: Mount) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    site_before = tree_digest(mini / "site")
    # docs/ on a file system that fills up part of the way through the next write.
    saved = mini.parent / "docs-saved"
    shutil.copytree(mini / "docs", saved)
    shutil.rmtree(mini / "docs")
    tmpfs(mini / "docs", "200k")
    shutil.copytree(saved, mini / "docs", dirs_exist_ok=True)
    free = os.statvfs(mini / "docs").f_bavail * os.statvfs(mini / "docs").f_frsize
    filler = mini / "docs/.gitignore"  # a file generation keeps: it fills the disk up
    filler.write_bytes(b"#" * max(0, free - 40_000))
    fishers = mini / "content/actors/fishers.en.md"
    fishers.write_text(fishers.read_text("utf-8") + "\n" + "A long line. " * 5000 + "\n", "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 1, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("explainer: cannot write docs/")
    assert lines[0].endswith(": No space left on device (free some space and build again; "
                             "site/ was left as it was)")
    assert tree_digest(mini / "site") == site_before
    # Space freed: the next build works, with no "by hand" complaint about the pages the
    # first one wrote before the disk was full.
    subprocess.run(["mount", "-o", "remount,size=10m", str(mini / "docs")], check=True)
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert "A long line." in (mini / "site/actors/fishers/index.html").read_text("utf-8")


def test_an_interrupted_docs_write_does_not_look_like_hand_edits(big: Path) -> None:
    # Kill the build while it writes docs/: as soon as the first new page is in.
    assert run_cli("-f", big / "mkdocs.yml", "build").code == 0
    for path in (big / "content").rglob("*.md"):
        path.write_text(path.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    build = start_build(big)
    page = big / "docs/actors/council.md"
    deadline = time.monotonic() + 60
    while "One more line." not in page.read_text("utf-8") and time.monotonic() < deadline:
        time.sleep(0.001)
    os.kill(build.pid, signal.SIGKILL)
    build.communicate(timeout=60)
    result = run_cli("-f", big / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert "by hand" not in result.err


def test_a_site_folder_that_is_a_mount_point_is_built_into(mini: Path, tmpfs: Mount) -> None:
    site = tmpfs(mini / "site", "64m")
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert os.path.ismount(site)
    assert (site / "index.html").is_file()
    about = mini / "content/pages/about.en.md"
    about.write_text(about.read_text("utf-8") + "\nRebuilt.\n", "utf-8")
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert os.path.ismount(site)
    assert "Rebuilt." in (site / "about/index.html").read_text("utf-8")


def test_an_immutable_site_folder_is_one_line_and_left_as_it_was(mini: Path) -> None:
    assert run_cli("-f", mini / "mkdocs.yml", "build").code == 0
    site = mini / "site"
    before = tree_digest(site)
    if subprocess.run(["chattr", "+i", str(site)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available or not permitted here")
    try:
        result = run_cli("-f", mini / "mkdocs.yml", "build")
    finally:
        subprocess.run(["chattr", "-i", str(site)], check=False)
    assert result.code == 1, result.err
    assert result.err.splitlines() == [
        "explainer: cannot write site: Operation not permitted (make it writable (chattr -i, if it "
        "is immutable) and build again; site/ was left as it was)"]
    assert tree_digest(site) == before
    assert staging_folders(mini) == []
