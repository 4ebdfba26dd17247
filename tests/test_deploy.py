"""`explainer deploy` to a real (local, bare) git remote: what is published, and failure safety."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli
from .test_build import tree_digest


def git(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(["git", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """An empty bare repository standing in for GitHub."""
    path = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", path, cwd=tmp_path)
    return path


@pytest.fixture
def clone(mini: Path, remote: Path) -> Path:
    """The mini project as a git repository with one commit and `remote` as origin."""
    git("init", "--quiet", "-b", "main", cwd=mini)
    git("config", "user.name", "Editor", cwd=mini)
    git("config", "user.email", "editor@example.org", cwd=mini)
    (mini / ".gitignore").write_text("/site/\n", "utf-8")
    git("add", "-A", cwd=mini)
    git("commit", "--quiet", "-m", "The explainer", cwd=mini)
    git("remote", "add", "origin", remote, cwd=mini)
    return mini


def deploy(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli("-f", project / "mkdocs.yml", "deploy", *args)
    return result.code, result.err


def published(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", branch, cwd=remote).split())


def head(remote: Path, branch: str = "gh-pages") -> str:
    return git("rev-parse", f"refs/heads/{branch}", cwd=remote).strip()


def site_files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def remove_fishers(project: Path) -> None:
    """Delete an actor, and the two references to it that would otherwise fail the check."""
    (project / "content/actors/fishers.en.md").unlink()
    council = project / "content/actors/council.en.md"
    council.write_text(council.read_text("utf-8").replace(
        "relations:\n  - type: opponent\n    actor: fishers\n", ""), "utf-8")
    scenario = project / "content/scenarios/temporary-quay.en.md"
    scenario.write_text(scenario.read_text("utf-8").replace(
        "actors: [council, fishers]", "actors: [council]"), "utf-8")


def test_deploy_publishes_every_language_with_nojekyll_and_cname(clone: Path, remote: Path) -> None:
    config = clone / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "languages: [en, de]", "languages: [en, de]\n      cname: example.org"), "utf-8")
    code, err = deploy(clone)
    assert code == 0, err
    files = published(remote)
    for path in ("index.html", "de/index.html", "404.html", "de/404.html",
                 "actors/fishers/index.html", "de/actors/fishers/index.html", ".nojekyll", "CNAME"):
        assert path in files, path
    assert git("show", "gh-pages:CNAME", cwd=remote) == "example.org"
    assert git("show", "gh-pages:.nojekyll", cwd=remote) == ""
    # Exactly the site that was built, byte for byte, and nothing else.
    assert files == site_files(clone / "site") | {".nojekyll", "CNAME"}
    page = subprocess.run(["git", "show", "gh-pages:de/index.html"], cwd=remote,
                          capture_output=True, check=True).stdout
    assert page == (clone / "site/de/index.html").read_bytes()
    assert "Deploy the site built from " in git("log", "-1", "--format=%s", "gh-pages", cwd=remote)


def test_second_deploy_leaves_nothing_stale(clone: Path, remote: Path) -> None:
    assert deploy(clone)[0] == 0
    first = head(remote)
    assert "de/actors/fishers/index.html" in published(remote)
    remove_fishers(clone)
    code, err = deploy(clone, "-m", "Without the fishers")
    assert code == 0, err
    files = published(remote)
    assert not [path for path in files if "actors/fishers" in path]
    assert "CNAME" not in files  # none configured
    assert files == site_files(clone / "site") | {".nojekyll"}
    # History is kept: the new commit is a child of the previous deploy.
    assert git("log", "-1", "--format=%P %s", "gh-pages", cwd=remote).strip() == (
        f"{first} Without the fishers")


def test_failed_build_leaves_branch_and_site_as_they_were(clone: Path, remote: Path) -> None:
    assert deploy(clone)[0] == 0
    before, site_before = head(remote), tree_digest(clone / "site")
    council = clone / "content/actors/council.en.md"
    council.write_text(council.read_text("utf-8").replace("actor: fishers", "actor: nobody"), "utf-8")
    code, err = deploy(clone)
    assert code == 1
    assert "relations[0].actor: unknown actor 'nobody'" in err
    assert "Traceback" not in err
    assert head(remote) == before
    assert tree_digest(clone / "site") == site_before


def test_a_site_folder_it_did_not_build_is_refused_before_anything_is_published(
    clone: Path, remote: Path
) -> None:
    assert deploy(clone)[0] == 0
    before = head(remote)
    shutil.rmtree(clone / "site")
    (clone / "site").mkdir()
    (clone / "site/notes.txt").write_text("mine\n", "utf-8")
    code, err = deploy(clone)
    assert code == 1
    assert "holds files explainer did not build" in err
    assert head(remote) == before  # nothing was pushed
    assert (clone / "site/notes.txt").read_text("utf-8") == "mine\n"
    assert not list(clone.glob(".site.deploy-*"))


def test_failed_push_leaves_branch_and_site_as_they_were(clone: Path, remote: Path) -> None:
    assert deploy(clone)[0] == 0
    before, site_before = head(remote), tree_digest(clone / "site")
    local_before = git("rev-parse", "gh-pages", cwd=clone).strip()
    hook = remote / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    about = clone / "content/pages/about.en.md"
    about.write_text(about.read_text("utf-8") + "\nA new paragraph.\n", "utf-8")
    code, err = deploy(clone)
    assert code == 1
    assert err.strip().splitlines() == [
        "explainer: push of gh-pages to 'origin' failed: ! [remote rejected] gh-pages -> gh-pages "
        "(pre-receive hook declined); the published site is unchanged"]
    assert head(remote) == before
    assert git("rev-parse", "gh-pages", cwd=clone).strip() == local_before
    assert tree_digest(clone / "site") == site_before
    assert not list(clone.glob(".site.*"))  # no staging folder left behind


def test_unknown_remote_fails_with_one_line(clone: Path) -> None:
    code, err = deploy(clone, "--remote", "upstream")
    assert code == 1
    assert err.strip().splitlines() == [
        "explainer: cannot reach the remote 'upstream': 'upstream' does not appear to be a git "
        "repository (expected a remote listed by `git remote` or a repository URL)"]
    assert not (clone / "site").exists()  # it failed before building anything


def test_deploy_to_a_url_and_another_branch(clone: Path, remote: Path) -> None:
    code, err = deploy(clone, "--remote", remote.as_uri(), "--branch", "pages")
    assert code == 0, err
    assert {"index.html", "de/index.html", ".nojekyll"} <= published(remote, "pages")


def test_project_outside_git_fails_with_one_line(mini: Path) -> None:
    code, err = deploy(mini)
    assert code == 1
    assert err.strip().splitlines() == [
        f"explainer: {mini.resolve()} is not in a git repository (expected the project in a git clone, "
        "with the remote to publish to)"]


def test_cname_must_be_a_host_name(clone: Path) -> None:
    config = clone / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "languages: [en, de]", "languages: [en, de]\n      cname: https://example.org/"), "utf-8")
    code, err = deploy(clone)
    assert code == 1
    assert ("mkdocs.yml:9: plugins.explainer.cname: 'https://example.org/' is not a host name "
            "(expected the site's own domain without https:// or a path, such as example.org)") in err
    assert "Traceback" not in err


def alternate_links(page: Path) -> list[str]:
    return re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', page.read_text("utf-8"))


@pytest.mark.parametrize(("url", "address"), [
    ("https://github.com/Newsroom/belarus-explainer.git", "https://newsroom.github.io/belarus-explainer/"),
    ("git@github.com:newsroom/newsroom.github.io.git", "https://newsroom.github.io/"),
])
def test_deploy_to_github_derives_the_pages_address(clone: Path, remote: Path, url: str,
                                                     address: str) -> None:
    # The remote names GitHub; git itself is sent to the local bare repository instead.
    git("remote", "set-url", "origin", url, cwd=clone)
    git("config", f"url.{remote}.insteadOf", url, cwd=clone)
    result = run_cli("-f", clone / "mkdocs.yml", "deploy")
    assert result.code == 0, result.err
    assert result.out.rstrip().endswith(f"for {address}")
    site = clone / "site"
    assert alternate_links(site / "de/actors/council/index.html") == [
        f"{address}actors/council/", f"{address}actors/council/", f"{address}de/actors/council/"]
    assert f"<loc>{address}de/actors/council/</loc>" in (site / "de/sitemap.xml").read_text("utf-8")


def test_a_build_without_the_site_address_announces_no_alternates(mini: Path) -> None:
    result = run_cli("-f", mini / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    pages = list((mini / "site").rglob("*.html"))
    assert pages and not [page for page in pages if alternate_links(page)]
    # The selector's script still learns which languages a page is translated into.
    council = (mini / "site/de/actors/council/index.html").read_text("utf-8")
    assert '<meta name="explainer-translations" content="en de">' in council


def test_the_configured_address_wins_over_the_remotes(clone: Path, remote: Path) -> None:
    url = "https://github.com/newsroom/harbour.git"
    git("remote", "set-url", "origin", url, cwd=clone)
    git("config", f"url.{remote}.insteadOf", url, cwd=clone)
    config = clone / "mkdocs.yml"
    config.write_text("site_url: !ENV [HARBOUR_URL, https://example.org/harbour/]\n"
                      + config.read_text("utf-8"), "utf-8")
    result = run_cli("-f", config, "deploy")
    assert result.code == 0, result.err
    assert result.out.rstrip().endswith("for https://example.org/harbour/")
    assert alternate_links(clone / "site/de/index.html")[0] == "https://example.org/harbour/"
