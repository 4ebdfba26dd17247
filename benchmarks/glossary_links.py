"""Time glossary linking of one synthetic 200 KB page for 10, 100, 1000 and 5000 terms.

Run: ``.venv/bin/python benchmarks/glossary_links.py``. It only prints figures: the
time to build the linker (one regex compile) and the best of five runs of `link`.
"""

from __future__ import annotations

import random
import time

from build_scripts.render.glossary_links import GlossaryLinker, Term

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
PAGE_SIZE = 200_000
SIZES = (10, 100, 1000, 5000)


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


def page(glossary: list[Term], rng: random.Random) -> str:
    """About 200 KB of HTML: paragraphs, headings, links and code, mentioning some terms."""
    parts = []
    size = 0
    while size < PAGE_SIZE:
        words = [word(rng) for _ in range(60)]
        for _ in range(3):  # a few mentions of terms per paragraph
            words[rng.randrange(len(words))] = rng.choice(rng.choice(glossary).forms)
        kind = rng.random()
        if kind < 0.1:
            part = f'<h2 id="s{size}">{" ".join(words[:6])}</h2>'
        elif kind < 0.15:
            part = f"<pre><code>{' '.join(words)}</code></pre>"
        else:
            part = (f"<p>{' '.join(words[:20])} <a href=\"#x\">{words[20]}</a> "
                    f"<em>{' '.join(words[21:30])}</em> &amp; {' '.join(words[30:])}.</p>")
        parts.append(part)
        size += len(part)
    return "\n".join(parts)


def main() -> None:
    text_rng = random.Random(1)
    # One page for every size: its text is the same, only the glossary grows.
    all_terms = terms(max(SIZES), random.Random(2))
    source = page(all_terms[: min(SIZES)], text_rng)
    print(f"page: {len(source) / 1000:.0f} KB of HTML")
    print(f"{'terms':>6} {'forms':>6} {'compile (s)':>12} {'link (s)':>9} {'links':>6} {'scans':>6}")
    for count in SIZES:
        started = time.perf_counter()
        linker = GlossaryLinker(all_terms[:count], "../glossary/#{id}")
        compiled = time.perf_counter() - started
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            linked = linker.link(source)
            best = min(best, time.perf_counter() - started)
        scans = linker.stats.text_scans // linker.stats.pages
        links = linked.count('class="explainer-term"')
        print(f"{count:>6} {len(linker.by_form):>6} {compiled:>12.3f} {best:>9.3f} "
              f"{links:>6} {scans:>6}")


if __name__ == "__main__":
    main()
