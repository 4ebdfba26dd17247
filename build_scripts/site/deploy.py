"""`explainer deploy`: check, build and publish the site to a git branch (gh-pages).

The steps are ordered so that any failure leaves the last good site/ and the
published branch as they were: the remote is asked first (a wrong name fails before
a long build), the site is built into a staging folder, ghp-import commits it to the
local branch on top of the remote's (a commit whose tree is exactly the new site
plus .nojekyll and CNAME, so nothing stale survives), the branch is pushed without
force, and only then is the new site swapped in for site/. A failed push puts the
local branch back where it was. Git's own output is captured and reduced to one line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_scripts.site import engine, safety
from build_scripts.errors import ExplainerError
from build_scripts.project import Project

GIT_TIMEOUT = 300  # seconds; a push of a large site over a slow link takes a while
# A repository on GitHub, as `git remote add` takes it: https, scp-like ssh, or ssh://.
GITHUB_REMOTE = re.compile(r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
                           r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$")


def git(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in the project's folder, capturing its output; never prompt for a password."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, env=env, timeout=GIT_TIMEOUT)
    except FileNotFoundError:
        raise ExplainerError("git is not installed (expected the git command on PATH)") from None
    except subprocess.TimeoutExpired:
        raise ExplainerError(f"git {args[0]} did not finish within {GIT_TIMEOUT} s") from None


def reason(output: str) -> str:
    """The one line of git's output that says what went wrong."""
    lines = [" ".join(line.split()) for line in output.splitlines() if line.strip()]
    for prefix in ("fatal:", "! [", "error:"):
        for line in lines:
            if line.startswith(prefix):
                return line.removeprefix("fatal:").removeprefix("error:").strip()
    return lines[-1] if lines else "no message from git"


def check_repository(project: Project, branch: str) -> None:
    """The project is in a git repository, `branch` is a valid name and is not checked out."""
    if git(project, "rev-parse", "--show-toplevel").returncode != 0:
        raise ExplainerError(f"{project.root} is not in a git repository (expected the project in a "
                             "git clone, with the remote to publish to)")
    if git(project, "check-ref-format", "--branch", branch).returncode != 0 or branch.startswith("-"):
        raise ExplainerError(f"{branch!r} is not a valid branch name (expected a name such as gh-pages)")
    # Moving the checked-out branch under the working tree would make every file look changed.
    head = git(project, "symbolic-ref", "-q", "HEAD").stdout.strip()
    if head == f"refs/heads/{branch}":
        raise ExplainerError(f"the branch to publish, {branch}, is checked out here (expected the "
                             "source branch, such as main, checked out)")


def remote_head(project: Project, remote: str, branch: str) -> str | None:
    """The commit `branch` points to on `remote` (None if it has no such branch yet)."""
    if remote.startswith("-"):
        raise ExplainerError(f"{remote!r} is not a remote (expected a name such as origin or a URL)")
    done = git(project, "ls-remote", "--heads", remote, f"refs/heads/{branch}")
    if done.returncode != 0:
        raise ExplainerError(f"cannot reach the remote {remote!r}: {reason(done.stderr)} (expected a "
                             "remote listed by `git remote` or a repository URL)")
    for line in done.stdout.splitlines():
        commit, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return commit
    return None


def pages_address(project: Project, remote: str) -> str | None:
    """The address GitHub Pages serves a branch pushed to `remote` at, if it is on GitHub.

    https://OWNER.github.io/REPO/, or https://OWNER.github.io/ for the repository named
    OWNER.github.io, or the project's own domain (cname). The remote's URL as configured,
    before any `insteadOf` rewriting: that is the repository the reader's address names.
    """
    if project.cname:
        return f"https://{project.cname}/"
    configured = git(project, "config", "--get", f"remote.{remote}.url")
    url = configured.stdout.strip() if configured.returncode == 0 else remote
    match = GITHUB_REMOTE.match(url)
    if match is None:
        return None
    owner, repo = match["owner"].lower(), match["repo"]
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def local_head(project: Project, branch: str) -> str | None:
    done = git(project, "rev-parse", "--verify", "-q", f"refs/heads/{branch}")
    return done.stdout.strip() if done.returncode == 0 else None


def set_local_head(project: Project, branch: str, commit: str | None) -> None:
    if commit:
        git(project, "update-ref", f"refs/heads/{branch}", commit)
    else:
        git(project, "update-ref", "-d", f"refs/heads/{branch}")


def default_message(project: Project) -> str:
    """'Deploy the site built from 1a2b3c4d5e6f' (plus a note when files were not committed)."""
    commit = git(project, "rev-parse", "--short=12", "HEAD")
    if commit.returncode != 0:
        return "Deploy the site (built from a repository without commits)"
    # Generated folders do not count as changes, whether or not the project ignores them.
    generated = [f":(exclude){folder.relative_to(project.root).as_posix()}"
                 for folder in (project.site_dir, project.docs_dir) if folder.is_relative_to(project.root)]
    dirty = git(project, "status", "--porcelain", "--", ".", *generated).stdout.strip()
    return (f"Deploy the site built from {commit.stdout.strip()}"
            + (" with uncommitted changes" if dirty else ""))


def commit_site(project: Project, folder: Path, remote: str, branch: str, message: str) -> None:
    """Commit `folder` as the whole tree of the local `branch` with ghp-import (no push)."""
    command = [sys.executable, "-m", "ghp_import", str(folder), "--no-jekyll",
               f"--branch={branch}", f"--remote={remote}", f"--message={message}"]
    if project.cname:
        command.append(f"--cname={project.cname}")
    before = local_head(project, branch)
    try:
        done = subprocess.run(command, cwd=project.root, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ExplainerError(f"ghp-import did not finish within {GIT_TIMEOUT} s") from None
    # ghp-import does not always fail with a status (a failed fast-import only prints),
    # so success is the branch having moved to a new commit.
    after = local_head(project, branch)
    if done.returncode != 0 or after is None or after == before:
        raise ExplainerError(f"could not commit the site to {branch}: "
                             f"{reason(done.stderr + done.stdout)}")


def run(project: Project, args: argparse.Namespace) -> int:
    """Check, build, commit and push; on success swap the new site in for site/."""
    remote, branch = args.remote, args.branch
    check_repository(project, branch)
    published = remote_head(project, remote, branch)
    message = args.message or default_message(project)
    # Without the site's address a build has no hreflang alternates and a sitemap of
    # relative addresses; a deploy to GitHub knows where the site will be.
    address = project.site_url or pages_address(project, remote)
    target = project.site_dir
    # Refused before anything is published: after the push the build replaces site/.
    safety.check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    safety.remove_leftovers(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.deploy-", dir=target.parent))
    safety.mark_staging(staging)  # a deploy killed midway leaves it for the next to remove
    try:
        built = engine.build(project, site_dir=staging / target.name, site_url=address)
        before = local_head(project, branch)
        try:
            if published:
                # The new commit goes on top of what is published, so the push is a fast-forward.
                fetched = git(project, "fetch", "--quiet", "--no-tags", remote, f"refs/heads/{branch}")
                if fetched.returncode != 0:
                    raise ExplainerError(f"cannot fetch {branch} from {remote!r}: {reason(fetched.stderr)}")
                set_local_head(project, branch, git(project, "rev-parse", "FETCH_HEAD").stdout.strip())
            commit_site(project, built, remote, branch, message)
            pushed = git(project, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
            if pushed.returncode != 0:
                raise ExplainerError(f"push of {branch} to {remote!r} failed: {reason(pushed.stderr)}; "
                                     "the published site is unchanged")
        except BaseException:
            set_local_head(project, branch, before)
            raise
        commit = local_head(project, branch) or ""
        safety.swap(built, target)  # the deployed build becomes the last good site/
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = sum(1 for path in target.rglob("*") if path.is_file())
    extra = ".nojekyll and CNAME" if project.cname else ".nojekyll"
    where = f", for {address}" if address else " (no site address: set site_url in mkdocs.yml)"
    print(f"explainer deploy: published {files} files (and {extra}) to {branch} on {remote} "
          f"as commit {commit[:12]}{where}")
    return 0
