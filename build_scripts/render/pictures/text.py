"""Text in pictures: how wide a label is, and where it breaks into lines.

SVG does not wrap text, and a picture is laid out before any browser sees it: the widths
come from advance widths measured in Chromium (metrics.json), with some slack for readers'
fonts. Characters not measured count as `DEFAULT` (twice that where they are wide, as CJK).
"""

from __future__ import annotations

import functools
import json
import sys
import unicodedata
from html import escape
from pathlib import Path

# Readers' fonts (Arial, Helvetica, Roboto, San Francisco, DejaVu Sans) are up to about
# a tenth wider than the measured one: every width is taken that much larger.
SLACK = 1.1
DEFAULT = 60  # hundredths of an em: a character of a script not measured
# Measured advance widths (see `measure`), regular and bold: {width: characters of that width}.
METRICS = Path(__file__).parent / "metrics.json"


def _table(groups: dict[str, str]) -> dict[str, int]:
    return {char: int(width) for width, chars in groups.items() for char in chars}


_MEASURED = json.loads(METRICS.read_text("utf-8"))
_WIDTHS = {False: _table(_MEASURED["regular"]), True: _table(_MEASURED["bold"])}


@functools.lru_cache(maxsize=8192)
def width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` at font size `size`, in the same units."""
    table = _WIDTHS[bold]
    total = 0
    for char in text:
        found = table.get(char)
        if found is None:
            if unicodedata.combining(char):
                continue
            found = 2 * DEFAULT if unicodedata.east_asian_width(char) in "WF" else DEFAULT
        total += found
    return total / 100 * size * SLACK


def wrap(text: str, size: float, room: float, bold: bool = False, most: int = 3) -> list[str]:
    """`text` in lines no wider than `room`, broken between words (within a word only where
    one word alone is too wide); at most `most` lines, the last ending in '…' if cut."""
    lines: list[str] = []
    line = ""
    # Broken at spaces only: a no-break space (CC\u00a0BY\u00a04.0) keeps its words together.
    for word in (word for word in text.replace("\n", " ").split(" ") if word):
        candidate = f"{line} {word}" if line else word
        if width(candidate, size, bold) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while width(line, size, bold) > room and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and width(line[:cut] + "-", size, bold) > room:
                cut -= 1
            lines.append(line[:cut] + "-")
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > most:
        last = lines[most - 1]
        while last and width(last + "…", size, bold) > room:
            last = last[:-1].rstrip()
        lines = [*lines[: most - 1], last + "…"]
    return lines or [""]


def label(x: float, y: float, text: str, *, css: str = "", anchor: str = "", bold: bool = False,
          title: str = "") -> str:
    """One line of text as SVG."""
    attributes = f' class="{css}"' if css else ""
    attributes += f' text-anchor="{anchor}"' if anchor else ""
    attributes += ' font-weight="700"' if bold else ""
    tooltip = f"<title>{escape(title)}</title>" if title else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{attributes}>{tooltip}{escape(text)}</text>'


def measure() -> dict[str, dict[str, int]]:
    """Advance widths in Chromium of the theme's font stack (for regenerating metrics.json)."""
    from playwright.sync_api import sync_playwright

    ranges = ((0x20, 0x7F), (0xA0, 0x250), (0x370, 0x530), (0x2010, 0x2028), (0x2030, 0x203B),
              (0x2190, 0x2194))
    chars = [chr(code) for start, end in ranges for code in range(start, end) if chr(code).isprintable()]
    page_html = ("<svg xmlns='http://www.w3.org/2000/svg' width='2000' height='200' style=\"font-family:"
                 " -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif\"><text id='t' x='0'"
                 " y='100' font-size='100'>x</text></svg>")
    script = """([chars, weight]) => { const t = document.getElementById('t');
        t.setAttribute('font-weight', weight); const r = {};
        for (const c of chars) { t.textContent = 'x' + c.repeat(10) + 'x';
          const both = t.getComputedTextLength(); t.textContent = 'xx';
          r[c] = Math.round((both - t.getComputedTextLength()) / 10); }
        return r; }"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(page_html)
        result = {weight: page.evaluate(script, [chars, weight]) for weight in ("400", "700")}
        browser.close()
    return result


if __name__ == "__main__":
    import json

    if sys.argv[1:] != ["measure"]:
        sys.exit("python -m build_scripts.render.pictures.text measure  (prints the widths as JSON)")
    print(json.dumps(measure(), ensure_ascii=False))
