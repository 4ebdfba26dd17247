"""How the build scales with the length of the source article.

For seeds of N paragraphs (default 5,000, 20,000 and 100,000) it makes a project: the
shipped one (benchmarks/synthetic.py copies it) with its seed lengthened to N
paragraphs (a heading every 25 of them) and its English translation of the article
extended to every paragraph and heading (up to date). It prints, each in a fresh
process:

- `explainer check`;
- the build of one or more languages in one process (`explainer build`'s own code
  with only those languages, one after another; default nl, the article's language,
  and en, whose source page carries the translation as well);
- with --full, the whole `explainer build` (every language in parallel, the offline zip);

and the ratio of each time at the largest N to the time at 20,000 paragraphs (N
scaled), which is 5 where the build is linear in the article's length. It prints
figures only; nothing is asserted.

A seed of 20,000 paragraphs is larger than the 1 MB any content file may be
(build_scripts/textfile.py), so every command here runs in a process of its own with
that limit raised to 100 MB; nothing else differs from the real commands.

    .venv/bin/python benchmarks/article_size.py [--sizes 5000 20000 100000]
        [--languages nl en] [--full] [--profile N]

--profile N writes a cProfile of the in-process build at N paragraphs to
article-size-N.prof (in the current folder) and prints its top functions.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADING_EVERY = 25
# Plain sentences of the seed's language, with words the glossary links (Loekasjenko,
# Poetin, Minsk), so that the linker has work on the source page too.
SENTENCES = (
    "In Minsk gingen op dag {k} opnieuw duizenden mensen de straat op tegen Loekasjenko.",
    "Poetin liet volgens het Kremlin in gesprek {k} weten dat Moskou bijstand kan verlenen.",
    "De oppositie eiste in verklaring {k} nieuwe verkiezingen en de vrijlating van gevangenen.",
    "Volgens waarnemers was de stemming in district {k} allesbehalve eerlijk verlopen.",
)
TRANSLATIONS = (
    "In Minsk, on day {k}, thousands of people again took to the streets against Lukashenko.",
    "Putin said in conversation {k}, according to the Kremlin, that Moscow can provide help.",
    "In statement {k} the opposition demanded new elections and the release of prisoners.",
    "According to observers, the vote in district {k} had been anything but fair.",
)


def lengthen(project_dir: Path, paragraphs: int) -> None:
    """Lengthen the project's seed to `paragraphs` paragraphs, and the English translation of
    the article to all of them (recording the new seed's fingerprint: it is up to date)."""
    from build_scripts.content import article, translations
    from build_scripts.errors import Problems

    seed = next((project_dir / "seeds").glob("*.txt"))
    text = seed.read_text("utf-8").rstrip("\n")
    shipped = article.parse(text, seed, Problems(project_dir))
    assert shipped is not None
    numbers = {"p": len(shipped.paragraphs), "h": len(shipped.headings)}
    note = project_dir / "content/source/article.en.md"
    front = yaml.safe_load(note.read_text("utf-8").split("---\n")[1])
    translation = {str(key): value for key, value in front["translation"].items()}
    chunks = [text]
    while numbers["p"] < paragraphs:
        if numbers["p"] % HEADING_EVERY == 0:
            numbers["h"] += 1
            chunks.append(f"Deel {numbers['h']}")
            translation[f"h{numbers['h']}"] = f"Part {numbers['h']}"
        numbers["p"] += 1
        k = numbers["p"]
        chunks.append(SENTENCES[k % len(SENTENCES)].format(k=k))
        translation[f"p{k}"] = TRANSLATIONS[k % len(TRANSLATIONS)].format(k=k)
    seed.write_text("\n\n".join(chunks) + "\n", "utf-8")
    parsed = article.parse(seed.read_text("utf-8"), seed, Problems(project_dir))
    assert parsed is not None and len(parsed.paragraphs) == paragraphs, "the seed did not parse as meant"
    folded = translations._fold({block.id: block.text for block in parsed.blocks})
    front["translation"] = translation
    front[translations.FIELD] = translations.fingerprint(folded)
    note.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
                    + "---\n", "utf-8")


def make(target: Path, paragraphs: int) -> Path:
    """The project (its mkdocs.yml) with a seed of `paragraphs` paragraphs."""
    from benchmarks import synthetic

    synthetic.copy_shipped(target)
    lengthen(target, paragraphs)
    return target / "mkdocs.yml"


MAX_BYTES = 100_000_000


def raise_file_limit() -> None:
    from build_scripts.content import textfile

    textfile.MAX_BYTES = MAX_BYTES


def timed_cli(arguments: list[str]) -> float:
    """Seconds that `explainer ARGUMENTS` takes, in a fresh process (with the file limit raised)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "_cli", *arguments], cwd=ROOT,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"explainer {' '.join(arguments)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def measure_languages(config: Path, site_dir: Path, languages: list[str], profile: str) -> dict[str, float]:
    """(In a fresh process) build `languages` in this process, one after another."""
    from build_scripts import project as project_module
    from build_scripts.site import engine

    raise_file_limit()
    project = project_module.load(config)
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(engine.build, project, site_dir=site_dir, jobs=1, only=languages)
        elapsed = time.perf_counter() - started
        profiler.dump_stats(profile)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(15)
        return {"languages": elapsed}
    started = time.perf_counter()
    engine.build(project, site_dir=site_dir, jobs=1, only=languages)
    return {"languages": time.perf_counter() - started}


def in_fresh_process(config: Path, site_dir: Path, languages: list[str], profile: str = "") -> float:
    done = subprocess.run([sys.executable, __file__, "_languages", str(config), str(site_dir),
                           ",".join(languages), profile], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stderr}")
    if profile:
        print(done.stderr, file=sys.stderr)
    return float(json.loads(done.stdout.strip().splitlines()[-1])["languages"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 20_000, 100_000],
                        help="paragraphs in the seed (default: 5000 20000 100000)")
    parser.add_argument("--languages", nargs="+", default=["nl", "en"],
                        help="the languages built in one process (default: nl en)")
    parser.add_argument("--full", action="store_true", help="also time the whole `explainer build`")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the in-process build at N paragraphs (one of --sizes)")
    parser.add_argument("--keep", type=Path, help="keep the projects and sites in this folder")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="explainer-article-size-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in args.sizes:
            config = make(work / f"n{n}", n)
            row = {"check": timed_cli(["-f", str(config), "check"])}
            profile = str(Path.cwd() / f"article-size-{n}.prof") if args.profile == n else ""
            row["languages"] = in_fresh_process(config, work / f"site-{n}", args.languages, profile)
            if args.full:
                row["full"] = timed_cli(["-f", str(config), "build", "-d", str(work / f"site-{n}-full")])
            rows.append((n, row))
            print(f"[{n} paragraphs measured: " + ", ".join(f"{k} {v:.1f} s" for k, v in row.items())
                  + "]", file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    columns = ["check", "languages"] + (["full"] if args.full else [])
    names = {"check": "explainer check s", "languages": f"build {'+'.join(args.languages)} (1 process) s",
             "full": "explainer build s"}
    print("paragraphs | " + " | ".join(names[c] for c in columns))
    print(" | ".join("---" for _ in range(len(columns) + 1)))
    for n, row in rows:
        print(f"{n:,} | " + " | ".join(f"{row[c]:.2f}" for c in columns))
    by_size = dict(rows)
    largest = max(by_size)
    if 20_000 in by_size and largest > 20_000:
        scale = largest / 20_000
        print(f"\nt({largest:,}) / t(20,000), {scale:g} where linear: " + ", ".join(
            f"{names[c]} {by_size[largest][c] / by_size[20_000][c]:.1f}" for c in columns))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_cli":
        raise_file_limit()  # inherited by the build's worker processes (forked)
        from build_scripts.commands import cli

        sys.exit(cli.main(sys.argv[2:]))
    if len(sys.argv) == 6 and sys.argv[1] == "_languages":
        result = measure_languages(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4].split(","),
                                   sys.argv[5])
        print(json.dumps(result))
        sys.exit(0)
    sys.exit(main())
