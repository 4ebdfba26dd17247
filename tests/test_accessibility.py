"""Lighthouse's accessibility, best-practices and SEO audits pass (100) and no text falls
below WCAG AA contrast, in the light and the dark scheme, on the shipped site and on the
French fixture, whose project picked Material's teal (3.8:1 with white as Material makes
it; contrast.py darkens it). Lighthouse and axe-core are installed by `make a11y` (make
test runs it). Performance, the fourth category, is timing: benchmarks/budgets.py prints it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from build_scripts.site import contrast

from .conftest import ROOT

TOOLS = ROOT / ".venv/node_modules"
LIGHTHOUSE = TOOLS / ".bin/lighthouse"
AXE = TOOLS / "axe-core/axe.min.js"
CATEGORIES = ("accessibility", "best-practices", "seo")

needs_tools = pytest.mark.skipif(not (LIGHTHOUSE.exists() and AXE.exists()),
                                 reason="installed by `make a11y` (make test runs it)")


@pytest.fixture(scope="module")
def valmont_site(valmont_built: Path) -> Iterator[str]:
    from .browser import serve

    with serve(valmont_built / "site", pages_headers=True) as url:
        yield url


def failed_audits(url: str) -> dict[str, list[str]]:
    """Lighthouse (mobile) on one page: per category below 100, its failing audits."""
    report = Path(os.environ.get("TMPDIR", "/tmp")) / f"lighthouse-{os.getpid()}.json"
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True, capture_output=True, timeout=240)
    data = json.loads(report.read_text("utf-8"))
    report.unlink()
    failing = {}
    for name in CATEGORIES:
        category = data["categories"][name]
        if category["score"] < 1:
            failing[name] = [
                f"{ref['id']}: {data['audits'][ref['id']].get('displayValue', '')} "
                + "; ".join(str((item.get("node") or {}).get("snippet") or item)[:160]
                            for item in (data["audits"][ref["id"]].get("details") or {}).get("items", [])[:3])
                for ref in category["auditRefs"]
                if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 1]
    return failing


# Pages of every kind that differ in what they hold: the home page's key points, an
# actor's relations and map, the source article with its headlines, the A–Z index.
SHIPPED = ["", "actors/lukashenko/", "en/", "ru/source/", "be/a-z/"]
FIXTURE = ["", "actors/claire-fontaine/", "ar/", "en/glossary/"]


@needs_tools
@pytest.mark.parametrize("path", SHIPPED)
def test_lighthouse_scores_every_category_but_speed_100_on_the_shipped_site(
        shipped_site: str, path: str) -> None:
    assert failed_audits(shipped_site + path) == {}


@needs_tools
@pytest.mark.parametrize("path", FIXTURE)
def test_lighthouse_scores_every_category_but_speed_100_on_the_french_fixture(
        valmont_site: str, path: str) -> None:
    assert failed_audits(valmont_site + path) == {}


def contrast_violations(browser: Browser, base: str, paths: list[str]) -> list[str]:
    axe = AXE.read_text("utf-8")
    found = []
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        for path in paths:
            page.goto(base + path)
            page.add_script_tag(content=axe)
            result = page.evaluate("axe.run(document, {runOnly: ['color-contrast', 'link-in-text-block']})")
            found += [f"{scheme} /{path} {violation['id']}: {node['html'][:100]}"
                      for violation in result["violations"] for node in violation["nodes"]]
        page.close()
    return found


@needs_tools
def test_no_text_below_wcag_aa_contrast_in_either_scheme_on_the_shipped_site(
        browser: Browser, shipped_site: str) -> None:
    paths = [prefix + page for prefix in ("", "en/", "ru/", "be/")
             for page in ("", "actors/lukashenko/", "glossary/", "source/")]
    assert contrast_violations(browser, shipped_site, paths) == []


@needs_tools
def test_no_text_below_wcag_aa_contrast_in_either_scheme_in_the_fixtures_teal(
        browser: Browser, valmont_site: str) -> None:
    paths = [prefix + page for prefix in ("", "ar/")
             for page in ("", "actors/claire-fontaine/", "glossary/", "source/")]
    assert contrast_violations(browser, valmont_site, paths) == []


def material_palette() -> str:
    return next((ROOT / ".venv").glob("lib/python*/site-packages/material/templates/assets/"
                                     "stylesheets/palette.*.min.css")).read_text("utf-8")


MATERIAL_COLOURS = ["red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal",
                    "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown",
                    "grey", "blue-grey"]


@pytest.mark.parametrize("primary", MATERIAL_COLOURS)
def test_every_material_colour_reads_at_aa_in_both_schemes(primary: str) -> None:
    # What a reader sees: the header and links as the page's rules resolve them, Material's
    # sheet first and ours after it (ours name both schemes, so they win where they speak).
    sheet = material_palette()
    material = contrast.custom_properties(sheet)
    ours = contrast.custom_properties(contrast.readable_css(
        [{"scheme": "default", "primary": primary}, {"scheme": "slate", "primary": primary}], sheet))
    own = material[f"[data-md-color-primary={primary}]"]
    title = own["--md-primary-bg-color"]
    for scheme, link_rule in (
            ("default", f"[data-md-color-primary={primary}]:not([data-md-color-scheme=slate])"),
            ("slate", f"[data-md-color-scheme=slate][data-md-color-primary={primary}]")):
        fixed = ours.get(f"[data-md-color-scheme={scheme}][data-md-color-primary={primary}]", {})
        header = fixed.get("--md-primary-fg-color", own["--md-primary-fg-color"])
        link = fixed.get("--md-typeset-a-color",
                         material.get(link_rule, {}).get("--md-typeset-a-color", header))
        assert contrast.ratio(header, contrast._over(title, header)) >= 4.5, (scheme, "header", header)
        for ground in contrast.PAGE[scheme]:
            assert contrast.ratio(link, ground) >= 4.5, (scheme, "link", link, ground)


def test_a_colour_below_aa_is_darkened_to_it_and_one_that_passes_is_left() -> None:
    sheet = material_palette()
    teal = contrast.readable_css([{"scheme": "default", "primary": "teal"}], sheet)
    header = teal.split("--md-primary-fg-color:")[1][:7]
    link = teal.split("--md-typeset-a-color:")[1][:7]
    assert contrast.ratio("#009485", "#ffffff") < 4.5  # Material's teal
    assert 4.5 <= contrast.ratio(header, "#ffffff") < 4.8  # darkened just enough
    assert contrast.ratio(link, "#f5f5f5") >= 4.5  # on the key points' box too
    assert contrast.readable_css([{"scheme": "default", "primary": "indigo"}], sheet) == ""
    assert contrast.readable_css([{"scheme": "default", "primary": "custom"}], sheet) == ""
