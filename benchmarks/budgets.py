"""Reader budgets of the built site, measured as GitHub Pages serves it (gzip).

Prints figures, asserts nothing:
- Lighthouse (mobile) scores for performance, accessibility, best practices and SEO
  on the home, an actor, a scenario, the glossary and the source page, in nl and ru
  (the median of --runs runs per page);
- first-visit transfer of each of those pages (Lighthouse's total byte weight);
- WCAG AA colour contrast (axe-core's color-contrast rule) in the light and dark scheme;
- pages without a meta description or Open Graph tags, per language.

Needs Node.js and Debian's Chromium; installs lighthouse and axe-core from the npm
registry into benchmarks/.npm on first use.

    python benchmarks/budgets.py [--runs 3] [--project mkdocs.yml]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NPM = HERE / ".npm"
CHROMIUM = "/usr/bin/chromium"
PAGES = ["", "actors/lukashenko/", "scenarios/russian-intervention/", "glossary/", "source/"]
LANGUAGES = ["", "ru/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

sys.path.insert(0, str(HERE))
from gzip_server import serve  # noqa: E402


def npm_tools() -> Path:
    if not (NPM / "node_modules/.bin/lighthouse").exists():
        subprocess.run(["npm", "install", "--prefix", str(NPM), "--no-audit", "--no-fund",
                        "lighthouse@13", "axe-core@4"], check=True, capture_output=True)
    return NPM / "node_modules"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def lighthouse(tools: Path, url: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [str(tools / ".bin/lighthouse"), url, "--quiet", "--output=json",
             f"--output-path={report.name}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, timeout=300,
        )
        data = json.loads(Path(report.name).read_text("utf-8"))
    scores = {name: data["categories"][name]["score"] * 100 for name in CATEGORIES}
    scores["kb"] = data["audits"]["total-byte-weight"]["numericValue"] / 1000
    return scores


def contrast(tools: Path, base: str) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    axe = (tools / "axe-core/axe.min.js").read_text("utf-8")
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for scheme in ("light", "dark"):
            page = browser.new_page(color_scheme=scheme)
            count = 0
            for language in LANGUAGES:
                for path in PAGES:
                    page.goto(base + language + path)
                    page.add_script_tag(content=axe)
                    result = page.evaluate("axe.run(document, {runOnly: ['color-contrast']})")
                    count += sum(len(v["nodes"]) for v in result["violations"])
            found[scheme] = count
            page.close()
        browser.close()
    return found


def meta_tags(site: Path) -> dict[str, int]:
    missing: dict[str, int] = {}
    for page in site.rglob("index.html"):
        relative = page.relative_to(site).as_posix()
        language = relative.split("/")[0] if re.match(r"^(en|ru|be)/", relative) else "nl"
        text = page.read_text("utf-8")
        ok = all(tag in text for tag in ('<meta name="description"', 'property="og:title"',
                                         'property="og:description"'))
        missing.setdefault(language, 0)
        missing[language] += 0 if ok else 1
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", default=str(ROOT / "mkdocs.yml"))
    args = parser.parse_args()
    tools = npm_tools()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run([sys.executable, "-m", "build_scripts", "-f", args.project, "build",
                        "-d", str(site)], env={**os.environ, "SITE_URL": base}, check=True,
                       capture_output=True, cwd=ROOT)
        with serve(site, port):
            print(f"Lighthouse 13, mobile, gzip, median of {args.runs} run(s)")
            print(f"{'page':40} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'KB':>7}")
            for language in LANGUAGES:
                for path in PAGES:
                    runs = [lighthouse(tools, base + language + path) for _ in range(args.runs)]
                    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                    print(f"{'/' + language + path:40} " + " ".join(
                        f"{median[name]:5.0f}" for name in CATEGORIES) + f" {median['kb']:7.1f}")
            found = contrast(tools, base)
            print(f"colour contrast (axe, WCAG AA) violations: light {found['light']}, "
                  f"dark {found['dark']}")
        missing = meta_tags(site)
        print("pages without meta description or Open Graph tags: "
              + ", ".join(f"{language} {count}" for language, count in sorted(missing.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
