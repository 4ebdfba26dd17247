"""Every built page passes the W3C Nu Html Checker (npm vnu-jar, installed by `make vnu`).

The whole site is checked, 404 pages and every language included, on the shipped
explainer and on the French fixture (right-to-left Arabic, a map, a relation type of
its own). The theme's own invalid markup is mended in the build (site/mend.py), so no
error is excused here: any error the checker reports is ours to fix.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from .conftest import ROOT, build_shipped

VNU = ROOT / ".venv/node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None,
                                reason="the checker is installed by `make vnu` (make test runs it)")


def errors(site: Path) -> list[str]:
    """The checker's errors on every HTML page under `site`, as 'page:line: message'."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True, check=False)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    found = []
    for message in report["messages"]:
        page = message.get("url", "").removeprefix("file:").split(str(site), 1)[-1]
        found.append(f"{page}:{message.get('lastLine', '?')}: {message.get('message', '')}")
    return found


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


@pytest.fixture(scope="module")
def shipped_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_shipped(tmp_path_factory.mktemp("shipped"))


def test_every_page_of_the_shipped_site_is_valid_html(shipped_built: Path) -> None:
    assert pages(shipped_built) > 100  # the whole site, four languages
    assert errors(shipped_built) == []


def test_every_page_of_the_french_fixture_is_valid_html(valmont_built: Path) -> None:
    site = valmont_built / "site"
    assert pages(site) > 50  # three languages
    assert errors(site) == []


def test_the_checker_reports_the_themes_faults_when_they_are_not_mended(tmp_path: Path) -> None:
    """The check can fail: a page as Material writes it, unmended, has errors."""
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title>'
                    '<style>text { paint-order: stroke }</style></head><body>'
                    '<input type="checkbox" id="t" autocomplete="off"><label for="t" tabindex="">x</label>'
                    '</body></html>', encoding="utf-8")
    found = errors(tmp_path)
    assert any("autocomplete" in line for line in found), found
    assert any("tabindex" in line for line in found), found
    assert any("paint-order" in line for line in found), found


def skipped_headings(site: Path) -> list[str]:
    """'page: h1 → h3' wherever a heading is more than one level below the one before it."""
    found = []
    for path in sorted(site.rglob("*.html")):
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", path.read_text(encoding="utf-8"))]
        found += [f"{path.relative_to(site)}: h{before} → h{after}"
                  for before, after in pairwise(levels) if after > before + 1]
    return found


def test_no_page_skips_a_heading_level(shipped_built: Path, valmont_built: Path) -> None:
    """Screen-reader users move by headings: h1 then h3 reads as a section gone missing."""
    assert skipped_headings(shipped_built) == []
    assert skipped_headings(valmont_built / "site") == []
