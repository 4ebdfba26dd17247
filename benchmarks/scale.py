"""How the build scales: time, time outside MkDocs, peak memory, and the serve refresh time.

For N = 1, 10 and 50 times the shipped content (benchmarks/synthetic.py) it measures:

- the full `explainer build` (its own process, languages in parallel as usual);
- the same build in one process with the languages one after another, instrumented:
  our code (pipeline load, rendering and writing docs/, and our plugin hooks inside
  each MkDocs build) against MkDocs itself, and the ratio of the two;
- peak memory: the largest process of the parallel build, and the one-process build;

- the full build with each engine (`--engine zensical` beside the default MkDocs, when
  Zensical is installed): wall time and the largest RSS, printed as each is measured.
  Only the MkDocs engine adds the name forms to its search index (README, Engines);

and, at N = 1, the time from saving a content file to the refreshed page in
`explainer serve`, in Chromium. It prints figures only; nothing is asserted.

    .venv/bin/python benchmarks/scale.py [--sizes 1 10 50] [--engines mkdocs zensical]
        [--full-only] [--no-serve]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "zensical")
sys.path.insert(0, str(ROOT))


def clear_docs(project_dir: Path) -> None:
    """Empty docs/ (but its .gitignore), so that every measured build writes it afresh."""
    for path in (project_dir / "docs").iterdir():
        if path.name != ".gitignore":
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def measure_full_build(config: Path, site_dir: Path, engine: str = "mkdocs") -> dict[str, float]:
    """(In a fresh process) run `explainer build` as a child: wall time and the largest RSS."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "build_scripts", "-f", str(config), "build",
                           "-d", str(site_dir), "--engine", engine], cwd=ROOT, capture_output=True,
                          text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr.strip()}")
    # Linux reports ru_maxrss in KiB: the largest of the child and its worker processes.
    return {"wall": wall, "max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def measure_instrumented_build(config: Path, site_dir: Path) -> dict[str, float]:
    """(In a fresh process) build in this process, one language after another, timing our code."""
    from build_scripts import pipeline
    from build_scripts import project as project_module
    from build_scripts.site import engine, offline

    try:  # glossary links: a Markdown extension's treeprocessor (before: GlossaryLinker.link)
        from build_scripts.render.glossary_links import GlossaryTreeprocessor as GlossaryLinks
    except ImportError:
        GlossaryLinks = None

    spans: dict[str, float] = {"load": 0.0, "load_calls": 0, "render_write": 0.0, "mkdocs": 0.0,
                               "hooks_in_mkdocs": 0.0, "offline_zip": 0.0}
    state = {"in_mkdocs": False, "depth": 0}

    def ours(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            state["depth"] += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                state["depth"] -= 1
                if name:
                    spans[name] += elapsed
                # Only the outermost of our calls counts, so nested ones are not counted twice.
                if state["in_mkdocs"] and state["depth"] == 0:
                    spans["hooks_in_mkdocs"] += elapsed
        return timed

    def mkdocs(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            state["in_mkdocs"] = True
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spans["mkdocs"] += time.perf_counter() - started
                state["in_mkdocs"] = False
        return timed

    original_load = pipeline.load

    def counted_load(*args: Any, **kwargs: Any) -> Any:
        spans["load_calls"] += 1
        return original_load(*args, **kwargs)

    pipeline.load = ours("load", counted_load)
    engine.write_docs = ours("render_write", engine.write_docs)
    offline.package = ours("offline_zip", offline.package)
    engine.configure = ours("", engine.configure)
    # Our hooks that run inside MkDocs' build, where present (the code base is moving).
    for owner, name in [(engine, "glossary_configuration"), (GlossaryLinks, "run")]:
        if owner is not None and hasattr(owner, name):
            setattr(owner, name, ours("", getattr(owner, name)))
    engine._build_language = mkdocs(engine._build_language)  # called by name in engine.build

    project = project_module.load(config)
    started = time.perf_counter()
    engine.build(project, site_dir=site_dir, jobs=1)
    total = time.perf_counter() - started
    outside = total - spans["mkdocs"]  # prepare (load, render, write), assembling, the swap
    ours_total = outside + spans["hooks_in_mkdocs"]
    mkdocs_itself = spans["mkdocs"] - spans["hooks_in_mkdocs"]
    return {**spans, "total": total, "ours": ours_total, "mkdocs_itself": mkdocs_itself,
            "ratio": ours_total / mkdocs_itself,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def in_fresh_process(mode: str, config: Path, site_dir: Path) -> dict[str, float]:
    """Run one measurement in a new Python process, so memory figures are its own."""
    done = subprocess.run([sys.executable, __file__, mode, str(config), str(site_dir)], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def wait_until_served(url: str, server: subprocess.Popen[str], log: Any) -> None:
    """Return once `url` answers; stop with serve's output if it exits or takes too long."""
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"explainer serve did not start:\n{log.read()}") from None
            time.sleep(0.2)


def serve_refresh(project_dir: Path, rounds: int = 5) -> list[float]:
    """Seconds from saving a content file to its new text in the page, in `explainer serve`."""
    from tests.browser import chromium, free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/actors/putin/"
    note = project_dir / "content/actors/putin.nl.md"
    original = note.read_text("utf-8")
    times = []
    # serve's output goes to a file, not to a pipe that nobody reads while it serves.
    with tempfile.TemporaryFile("w+") as log:
        # Started in the background, this process may have SIGINT ignored and the child would
        # inherit that: give it the default back, so that Ctrl-C lets serve clean up after itself.
        server = subprocess.Popen([sys.executable, "-m", "build_scripts", "-f",
                                   str(project_dir / "mkdocs.yml"), "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, text=True,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            wait_until_served(url, server, log)
            with chromium() as browser:
                page = browser.new_page()
                page.goto(url)
                for round_number in range(rounds):
                    marker = f"Benchmark marker {round_number} {uuid.uuid4().hex[:8]}"
                    page.wait_for_timeout(1000)  # let the previous rebuild and reload settle
                    started = time.perf_counter()
                    note.write_text(original + f"\n{marker}\n", "utf-8")
                    page.wait_for_function(
                        f"document.body && document.body.innerText.includes({marker!r})", timeout=300_000)
                    times.append(time.perf_counter() - started)
        finally:
            note.write_text(original, "utf-8")
            server.send_signal(signal.SIGINT)  # serve removes its temporary site on Ctrl-C
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50],
                        help="multiples of the shipped content (default: 1 10 50)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve refresh measurement")
    parser.add_argument("--full-only", action="store_true",
                        help="time the full builds only (not the instrumented one-process build)")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=None,
                        help="the engines whose full build is timed (default: mkdocs, and zensical "
                        "where it is installed)")
    args = parser.parse_args()
    import importlib.util

    engines = args.engines or [name for name in ENGINES
                               if name == "mkdocs" or importlib.util.find_spec(name) is not None]

    from benchmarks import synthetic

    work = Path(tempfile.mkdtemp(prefix="explainer-scale-"))
    rows = []
    timings: list[tuple[int, int, dict[str, dict[str, float]]]] = []
    try:
        for n in args.sizes:
            project = synthetic.make(work / f"n{n}", n)
            counts = synthetic.counts(project)
            clear_docs(project.root)
            by_engine = {}
            for name in engines:
                clear_docs(project.root)
                by_engine[name] = in_fresh_process(f"_full_{name}", project.config_file,
                                                   work / f"site-{n}-{name}")
                # As measured, so that a long run that is stopped keeps what it has.
                print(f"[N={n}] {name}: {by_engine[name]['wall']:.1f} s, "
                      f"{by_engine[name]['max_rss_mb']:.0f} MB", file=sys.stderr, flush=True)
            pages = sum(1 for _ in (work / f"site-{n}-{engines[0]}").rglob("index.html"))
            timings.append((n, pages, by_engine))
            if args.full_only or "mkdocs" not in by_engine:
                continue
            full = by_engine["mkdocs"]
            clear_docs(project.root)
            inner = in_fresh_process("_instrumented", project.config_file, work / f"site-{n}-one")
            rows.append((n, sum(counts.values()), pages, full, inner))
            print(f"[N={n} measured]", file=sys.stderr, flush=True)
        refresh = [] if args.no_serve or 1 not in args.sizes else serve_refresh(work / "n1")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"CPUs: {os.cpu_count()}; languages: 4 (parallel in the full build, one after another "
          "in the instrumented one)")
    header = () if not rows else (
        "N", "notes", "pages", "build s", "1-proc s", "load s (calls)", "render+write s",
        "hooks in MkDocs s", "offline zip s", "ours s", "MkDocs s", "ours/MkDocs", "RSS max MB",
        "1-proc RSS MB")
    if header:
        print(" | ".join(header))
        print(" | ".join("---" for _ in header))
    for n, notes, pages, full, inner in rows:
        print(" | ".join([
            str(n), str(notes), str(pages), f"{full['wall']:.1f}", f"{inner['total']:.1f}",
            f"{inner['load']:.2f} ({int(inner['load_calls'])})", f"{inner['render_write']:.2f}",
            f"{inner['hooks_in_mkdocs']:.2f}", f"{inner['offline_zip']:.2f}", f"{inner['ours']:.2f}",
            f"{inner['mkdocs_itself']:.1f}",
            f"{inner['ratio']:.2f}", f"{full['max_rss_mb']:.0f}", f"{inner['max_rss_mb']:.0f}",
        ]))
    if timings:
        print("\nThe full build by engine (own process, languages in parallel, the offline zip "
              "included; only MkDocs' adds the name forms to its search index, search_index.py):")
        header = ("N", "pages", *(f"{name} s" for name in engines), *(f"{name} RSS MB" for name in engines))
        if "mkdocs" in engines and "zensical" in engines:
            header = (*header, "zensical/mkdocs")
        print(" | ".join(header))
        print(" | ".join("---" for _ in header))
        for n, pages, by_engine in timings:
            cells = [str(n), str(pages), *(f"{by_engine[name]['wall']:.1f}" for name in engines),
                     *(f"{by_engine[name]['max_rss_mb']:.0f}" for name in engines)]
            if "mkdocs" in engines and "zensical" in engines:
                cells.append(f"{by_engine['zensical']['wall'] / by_engine['mkdocs']['wall']:.2f}")
            print(" | ".join(cells))
    if refresh:
        print(f"\nserve, N=1: save -> refreshed page in Chromium, {len(refresh)} edits: median "
              f"{statistics.median(refresh):.2f} s, min {min(refresh):.2f} s, max {max(refresh):.2f} s")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1].startswith("_full_"):
        print(json.dumps(measure_full_build(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[1][6:])))
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] in ("_full", "_instrumented"):
        measure = measure_full_build if sys.argv[1] == "_full" else measure_instrumented_build
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        sys.exit(0)
    sys.exit(main())
