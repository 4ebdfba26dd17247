"""The source page's paragraphs set aside as raw HTML in one pass, for a build linear in the article.

The source page holds one raw HTML block per paragraph of the article (the `paragraph`
macro of `render/templates/partials/source.md.j2`). md_in_html's preprocessor (Python-Markdown's
``HTMLExtractor``) copies the whole rest of the page at the end of every raw block, to
see whether a blank line follows it: quadratic in the number of paragraphs (a seed of
100,000 paragraphs took minutes to build, nearly all of it there).

This Markdown preprocessor, which the explainer plugin adds to every build, runs just
before md_in_html's and stores those blocks in Markdown's HTML stash itself, exactly
as md_in_html would have stored them (the same text, so the same page), looking at
each line once. It takes only blocks of the form render.py writes: one line (or a few,
for a translation with line breaks) from ``<div class="explainer-paragraph" id="...">``
to its ``</div>``, with a blank line (or the page's start) before it and one (or the
page's end) after it, on a page where no other HTML block could enclose it (no line
opens a block-level element, or a comment, that it does not close: the source page
has none; inside one, md_in_html would keep or parse the block differently). Anything
else is left to md_in_html.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

PREFIX = '<div class="explainer-paragraph" id="'
START = re.compile(r'<div class="explainer-paragraph" id="[A-Za-z0-9_-]+">')
END = "</div>"
# A line that starts an HTML block for md_in_html (up to three spaces, then a tag).
OPENING = re.compile(r" {0,3}<([A-Za-z][A-Za-z0-9-]*)")
# Just before md_in_html's raw HTML blocks (20): after fenced code (25), whose blocks
# are stashed already, and after MkDocs' own look at the raw HTML for the anchors that
# links may point at (21), which must still see the paragraphs' ids.
PRIORITY = 20.5


class ParagraphBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(line.startswith(PREFIX) for line in lines) or any(
                self._may_enclose(line) for line in lines if not line.startswith(PREFIX)):
            return lines
        result: list[str] = []
        # Consecutive blocks become one stashed text, one Markdown block: Markdown's block
        # parser takes its blocks off the front of a list (quadratic in their number too).
        # Its paragraphs are joined by a line break, so the page comes out the same.
        run: list[str] = []
        gap: list[str] = []  # the blank lines after the run, kept if no block follows
        count = len(lines)
        index = 0
        while index < count:
            end = self._block_end(lines, index)
            if end < 0:
                line = lines[index]
                if run and not line.strip(" "):
                    gap.append(line)
                else:
                    if run:
                        result.append(self.md.htmlStash.store("\n".join(run)))
                        result += gap
                        run, gap = [], []
                    result.append(line)
                index += 1
                continue
            block = "\n".join(lines[index:end + 1])
            # md_in_html keeps the line break after a block when a blank line follows it
            # (its blank_line_re: the rest of the line, then a line of spaces, then more).
            if end + 2 < count:
                block += "\n"
            run.append(block)
            gap = []
            index = end + 1
        if run:
            result.append(self.md.htmlStash.store("\n".join(run)))
            result += gap
        return result

    def _may_enclose(self, line: str) -> bool:
        """Whether `line` may open an HTML block (or comment) that goes on past it."""
        if "<!--" in line and "-->" not in line.rpartition("<!--")[2]:
            return True
        match = OPENING.match(line)
        if match is None or match.group(1).lower() == "hr" \
                or not self.md.is_block_level(match.group(1).lower()):
            return False  # <hr> has no end tag
        tag = re.escape(match.group(1))
        opened = len(re.findall(rf"<{tag}[\s/>]", line, re.IGNORECASE))
        return opened != len(re.findall(rf"</{tag}\s*>", line, re.IGNORECASE))

    @staticmethod
    def _block_end(lines: list[str], index: int) -> int:
        """The index of the line that closes the paragraph block starting at `index`, or -1."""
        line = lines[index]
        if not line.startswith(PREFIX) or not START.match(line):
            return -1
        if index > 0 and lines[index - 1].strip(" "):
            return -1
        end = index
        # The text inside is escaped, so a "<div" or "</div>" in it is the wrapper's own.
        while not lines[end].endswith(END):
            if END in lines[end] or "<div" in lines[end][1 if end == index else 0:] \
                    or end + 1 >= len(lines) or not lines[end + 1].strip(" "):
                return -1
            end += 1
        closing = lines[end]
        if closing.count(END) != 1 or "<div" in closing[1 if end == index else 0:]:
            return -1
        if end + 1 < len(lines) and lines[end + 1].strip(" "):
            return -1
        return end


class ParagraphBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(ParagraphBlocks(md), "explainer_paragraph_blocks", PRIORITY)


def makeExtension(**kwargs: object) -> ParagraphBlocksExtension:
    """By name, for engines that read markdown_extensions from configuration (Zensical)."""
    return ParagraphBlocksExtension(**kwargs)
