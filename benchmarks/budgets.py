"""Reader budgets of the built site, measured as GitHub Pages serves it (gzip).

Prints figures, asserts nothing:
- search: from the first tap on search to the first result, on Lighthouse's phone
  profile (4× CPU slowdown, 150 ms round trip, 1.6 Mbit/s) applied with DevTools
  throttling, per language (the median of --runs runs);
- a language switch: what a reader who has read the home page in the default language
  downloads to open the same page in another (the browser's cache as GitHub Pages'
  ten-minute headers allow);
- Lighthouse (mobile) scores for performance, accessibility, best practices and SEO
  on the home, the first actor, the first scenario, the glossary, the source and the
  A–Z page, in every language of the project (the median of --runs runs per page);
- first-visit transfer of each of those pages (Lighthouse's total byte weight);
- WCAG AA colour contrast (axe-core's color-contrast rule) in the light and dark scheme;
- pages without a meta description or Open Graph tags, per language.

The site is built as the Quick start's `make site` builds it (no SITE_URL), unless
--site-url says otherwise. Needs Node.js and Debian's Chromium; installs lighthouse and
axe-core from the npm registry into benchmarks/.npm on first use. Lighthouse 12.2.3:
Lighthouse 13 needs Node.js 22.

    python benchmarks/budgets.py [--runs 3] [--project mkdocs.yml] [--only search,switch]
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
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

sys.path.insert(0, str(HERE))
from gzip_server import serve  # noqa: E402


def npm_tools() -> Path:
    if not (NPM / "node_modules/.bin/lighthouse").exists():
        subprocess.run(["npm", "install", "--prefix", str(NPM), "--no-audit", "--no-fund",
                        "-E", "lighthouse@12.2.3", "axe-core@4"], check=True, capture_output=True)
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


def contrast(tools: Path, site: Path, base: str) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    axe = (tools / "axe-core/axe.min.js").read_text("utf-8")
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for scheme in ("light", "dark"):
            page = browser.new_page(color_scheme=scheme)
            count = 0
            for language in languages(site):
                for path in sample_pages(site):
                    page.goto(base + language + path)
                    page.add_script_tag(content=axe)
                    result = page.evaluate("axe.run(document, {runOnly: ['color-contrast']})")
                    count += sum(len(v["nodes"]) for v in result["violations"])
            found[scheme] = count
            page.close()
        browser.close()
    return found


# Lighthouse's mobile profile (its "simulated" defaults, applied here as DevTools
# throttling so that the browser really runs at that speed).
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
         "is_mobile": True, "has_touch": True}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1638.4 * 1024 / 8,
           "uploadThroughput": 675 * 1024 / 8}


def languages(site: Path) -> list[str]:
    """The URL prefix of each language: '' for the root one, 'ru/' for the others."""
    others = sorted(f"{folder.name}/" for folder in site.iterdir()
                    if (folder / "index.html").is_file() and (folder / "search").is_dir())
    return ["", *others]


def sample_pages(site: Path) -> list[str]:
    """The pages Lighthouse reads, as paths under a language's prefix: the home page, the
    first actor and scenario (whatever the project's topic), the glossary, source and A–Z."""
    paths = [""]
    for section in ("actors", "scenarios"):
        notes = sorted(folder for folder in (site / section).glob("*/") if (folder / "index.html").is_file())
        paths += [f"{section}/{notes[0].name}/"] if notes else []
    pages = ("glossary/", "source/", "a-z/")
    return paths + [page for page in pages if (site / page / "index.html").is_file()]


def search_word(site: Path, prefix: str) -> str:
    """A word to look for: the name of the first actor, as that language spells it."""
    actors = sorted((site / prefix / "actors").glob("*/index.html"))
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", actors[0].read_text("utf-8"), re.S) if actors else None
    text = re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", heading.group(1)) if heading else "a"
    return text.split()[-1]


def throttled(context, page):  # type: ignore[no-untyped-def]
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return session


def search_time(site: Path, base: str, runs: int) -> dict[str, tuple[str, float]]:
    """Seconds from the first tap on search (the page's first interaction) to the first result."""
    import time

    from playwright.sync_api import sync_playwright

    times: dict[str, tuple[str, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for prefix in languages(site):
            word = search_word(site, prefix)
            measured = []
            for _ in range(runs):
                context = browser.new_context(**PHONE)  # a fresh cache: a first visit
                page = context.new_page()
                throttled(context, page)
                page.goto(base + prefix, wait_until="load")
                start = time.monotonic()
                page.tap("label.md-header__button[for=__search]")
                page.keyboard.type(word)
                page.keyboard.press("End")  # non-Latin text is typed without key events
                page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
                measured.append(time.monotonic() - start)
                context.close()
            times["/" + prefix] = (word, statistics.median(measured))
        browser.close()
    return times


def switch_transfer(site: Path, base: str) -> dict[str, tuple[float, float]]:
    """KB a reader downloads to open another language's home page after the default one's
    (and, for comparison, that page on a first visit)."""
    from playwright.sync_api import sync_playwright

    measure = """() => {
      const entries = [performance.getEntriesByType("navigation")[0],
                       ...performance.getEntriesByType("resource")];
      return entries.reduce((sum, entry) => sum + entry.transferSize, 0);
    }"""
    found: dict[str, tuple[float, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for prefix in languages(site)[1:]:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(base + prefix, wait_until="networkidle")
            first = page.evaluate(measure) / 1000
            context.close()
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            page.goto(base + prefix, wait_until="networkidle")
            found["/" + prefix] = (page.evaluate(measure) / 1000, first)
            context.close()
        browser.close()
    return found


def meta_tags(site: Path) -> dict[str, int]:
    missing: dict[str, int] = {}
    others = {prefix.rstrip("/") for prefix in languages(site)[1:]}
    for page in site.rglob("index.html"):
        relative = page.relative_to(site).as_posix()
        language = relative.split("/")[0] if relative.split("/")[0] in others else "default"
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
    parser.add_argument("--site-url", action="store_true",
                        help="build with SITE_URL set to the local server (hreflang links)")
    parser.add_argument("--only", default="lighthouse,search,switch",
                        help="comma-separated: lighthouse, search, switch")
    args = parser.parse_args()
    only = set(args.only.split(","))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    if args.site_url:
        environment["SITE_URL"] = base
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run([sys.executable, "-m", "build_scripts", "-f", args.project, "build",
                        "-d", str(site)], env=environment, check=True, capture_output=True, cwd=ROOT)
        with serve(site, port):
            if "search" in only:
                print(f"search, first tap to first result, phone profile, median of {args.runs} run(s)")
                for prefix, (word, seconds) in search_time(site, base, args.runs).items():
                    print(f"  {prefix:6} {word!r:16} {seconds:5.2f} s")
            if "switch" in only:
                print("language switch from the default language's home page (first visit in brackets)")
                for prefix, (kb, first) in switch_transfer(site, base).items():
                    print(f"  {prefix:6} {kb:7.1f} KB  ({first:.1f} KB)")
            if "lighthouse" not in only:
                return 0
            tools = npm_tools()
            print(f"Lighthouse 12.2.3, mobile, gzip, median of {args.runs} run(s)")
            print(f"{'page':40} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'KB':>7}")
            for language in languages(site):
                for path in sample_pages(site):
                    runs = [lighthouse(tools, base + language + path) for _ in range(args.runs)]
                    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                    print(f"{'/' + language + path:40} " + " ".join(
                        f"{median[name]:5.0f}" for name in CATEGORIES) + f" {median['kb']:7.1f}")
            found = contrast(tools, site, base)
            print(f"colour contrast (axe, WCAG AA) violations: light {found['light']}, "
                  f"dark {found['dark']}")
        missing = meta_tags(site)
        print("pages without meta description or Open Graph tags: "
              + ", ".join(f"{language} {count}" for language, count in sorted(missing.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
