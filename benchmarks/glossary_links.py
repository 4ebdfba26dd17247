"""Time glossary linking of one synthetic 200 KB page for 10, 100, 1000 and 5000 terms.

Run: ``.venv/bin/python benchmarks/glossary_links.py``. It only prints figures: the
time to compile a language's glossary (one regular expression) and the best of five
runs of the glossary extension's treeprocessor on the page, in Markdown (headings,
code blocks, paragraphs with a link, emphasis and a character reference) and the same
page as raw HTML blocks (as the source page's paragraphs are: read with html.parser).
The whole Markdown conversion of the page is printed beside it, for scale.

``--before`` also times the regular-expression pass over the rendered HTML that the
extension replaced (read from git, REGEX_PASS) on the same pages, interleaved run by run
with the extension, and prints the ratio: on a shared machine only ratios compare.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import markdown

from build_scripts.render import glossary_links
from build_scripts.render.glossary_terms import Glossary, Term

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
PAGE_SIZE = 200_000
SIZES = (10, 100, 1000, 5000)
# The last commit with the regular-expression pass over rendered HTML (GlossaryLinker).
REGEX_PASS = "3212968^"


def word(rng: random.Random) -> str:
    """A made-up word in Latin or Cyrillic letters, sometimes capitalised."""
    letters = rng.choice((LATIN, CYRILLIC))
    text = "".join(rng.choice(letters) for _ in range(rng.randint(3, 10)))
    return text.capitalize() if rng.random() < 0.2 else text


def terms(count: int, rng: random.Random) -> list[Term]:
    """`count` terms of one to three words, each with three inflected forms."""
    made = []
    for index in range(count):
        stem = " ".join(word(rng) for _ in range(rng.randint(1, 3)))
        forms = [stem, stem + "a", stem + "om"]
        made.append(Term(f"term-{index}", forms, f"Summary of term {index} & \"its\" <forms>."))
    return made


def page(glossary: list[Term], rng: random.Random, *, raw: bool) -> str:
    """About 200 KB of HTML when converted: paragraphs, headings, links and code, mentioning
    some terms; in Markdown, or (`raw`) as raw HTML blocks."""
    parts = []
    size = 0
    while size < PAGE_SIZE:
        words = [word(rng) for _ in range(60)]
        for _ in range(3):  # a few mentions of terms per paragraph
            words[rng.randrange(len(words))] = rng.choice(rng.choice(glossary).forms)
        kind = rng.random()
        if kind < 0.1:
            part = (f'<h2 id="s{size}">{" ".join(words[:6])}</h2>' if raw
                    else f'## {" ".join(words[:6])} {{ #s{size} }}')
            html_size = len(part) + 20
        elif kind < 0.15:
            part = (f"<pre><code>{' '.join(words)}</code></pre>" if raw
                    else "    " + " ".join(words))
            html_size = len(" ".join(words)) + 24
        else:
            part = (f"<p>{' '.join(words[:20])} <a href=\"#x\">{words[20]}</a> "
                    f"<em>{' '.join(words[21:30])}</em> &amp; {' '.join(words[30:])}.</p>" if raw
                    else f"{' '.join(words[:20])} [{words[20]}](#x) *{' '.join(words[21:30])}* "
                         f"&amp; {' '.join(words[30:])}.")
            html_size = len(part) + 30
        parts.append(part)
        size += html_size
    return "\n\n".join(parts)


def timed_treeprocessor() -> Callable[[], float]:
    """Time every run of the glossary treeprocessor; the returned function reads and resets it."""
    spent = [0.0]
    run = glossary_links.GlossaryTreeprocessor.run

    def timed(self: glossary_links.GlossaryTreeprocessor, root: object) -> None:
        started = time.perf_counter()
        try:
            run(self, root)  # type: ignore[arg-type]
        finally:
            spent[0] += time.perf_counter() - started

    glossary_links.GlossaryTreeprocessor.run = timed  # type: ignore[method-assign]

    def read() -> float:
        value, spent[0] = spent[0], 0.0
        return value
    return read


def regex_pass() -> ModuleType:
    """The glossary module as it was before the extension, loaded from git."""
    root = Path(__file__).resolve().parent.parent
    text = subprocess.run(["git", "show", f"{REGEX_PASS}:build_scripts/render/glossary_links.py"],
                          cwd=root, check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "regex_glossary_links.py"
    path.write_text(text, "utf-8")
    spec = importlib.util.spec_from_file_location("regex_glossary_links", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def compare(sources: dict[str, str], all_terms: list[Term], spent: Callable[[], float]) -> None:
    """The extension against the regular-expression pass it replaced, best of seven each."""
    old = regex_pass()
    extensions = ["attr_list", "md_in_html"]
    print(f"\n{'page':>9} {'terms':>6} {'regex pass (s)':>15} {'extension (s)':>14} {'ratio':>6}")
    for kind, source in sources.items():
        plain = markdown.markdown(source, extensions=extensions)
        for count in SIZES:
            linker = old.GlossaryLinker([old.Term(t.id, t.forms, t.summary) for t in all_terms[:count]],
                                        "../glossary/#{id}")
            extension = glossary_links.GlossaryExtension(terms=all_terms[:count], page="background/index.md")
            before = after = float("inf")
            for _ in range(7):
                started = time.perf_counter()
                linker.link(plain)
                before = min(before, time.perf_counter() - started)
                markdown.Markdown(extensions=[*extensions, extension]).convert(source)
                after = min(after, spent())
            print(f"{kind:>9} {count:>6} {before:>15.3f} {after:>14.3f} {after / before:>6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", action="store_true",
                        help="also time the regular-expression pass the extension replaced")
    arguments = parser.parse_args()
    # One page for every size: its text is the same, only the glossary grows.
    all_terms = terms(max(SIZES), random.Random(2))
    sources = {kind: page(all_terms[: min(SIZES)], random.Random(1), raw=kind == "raw HTML")
               for kind in ("Markdown", "raw HTML")}
    spent = timed_treeprocessor()
    extensions = ["attr_list", "md_in_html"]
    for kind, source in sources.items():
        converted = markdown.markdown(source, extensions=extensions)
        print(f"page in {kind}: {len(html.unescape(converted)) / 1000:.0f} KB of HTML")
    print(f"{'page':>9} {'terms':>6} {'forms':>6} {'compile (s)':>12} {'link (s)':>9} "
          f"{'convert (s)':>12} {'links':>6} {'scans':>6}")
    for kind, source in sources.items():
        for count in SIZES:
            started = time.perf_counter()
            compiled = Glossary(all_terms[:count])
            compile_time = time.perf_counter() - started
            extension = glossary_links.GlossaryExtension(terms=all_terms[:count], page="background/index.md")
            best = whole = float("inf")
            for _ in range(5):
                md = markdown.Markdown(extensions=[*extensions, extension])
                started = time.perf_counter()
                linked = md.convert(source)
                whole = min(whole, time.perf_counter() - started)
                best = min(best, spent())
            stats = extension.glossary.stats
            links = linked.count('class="explainer-term"')
            print(f"{kind:>9} {count:>6} {len(compiled.by_form):>6} {compile_time:>12.3f} {best:>9.3f} "
                  f"{whole:>12.3f} {links:>6} "
                  f"{stats.text_scans // stats.pages:>6}")
    if arguments.before:
        compare(sources, all_terms, spent)


if __name__ == "__main__":
    main()
