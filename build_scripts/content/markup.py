"""The small inline syntax editors write inside Markdown text.

- Citations: ``[@p3]`` (a paragraph of the article), ``[@p3 "exact words"]`` (with a
  quote that must occur in that paragraph) and ``[@union-state-treaty]`` (a named
  reference from content/references.yml).
- Links to notes: ``[text](actor:putin)``, ``(scenario:id)``, ``(term:id)``,
  ``(event:id)``, ``(page:background)`` and ``(source:p3)``.

`find` reports what a text cites and links, for validation; `render` rewrites it
into plain Markdown links for MkDocs, which then checks every link in strict mode.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A quote may be wrapped in straight or typographic quote marks of any of our languages.
CITATION = re.compile(
    r"\[@(?P<key>[a-z0-9][a-z0-9-]*)"
    r"(?:\s+(?:\"(?P<q1>[^\"]+)\"|„(?P<q2>[^”“]+)[”“]|“(?P<q3>[^”]+)”|«(?P<q4>[^»]+)»))?\s*\]"
)
LINK = re.compile(r"\]\((?P<kind>actor|scenario|term|event|page|source):(?P<id>[^)\s]*)\)")
LINK_KINDS = ("actor", "scenario", "term", "event", "page", "source")


# A citation and the full stop right after it, if any (not an ellipsis).
CITATION_AND_STOP = re.compile(CITATION.pattern + r"(?P<stop>\.(?!\.))?", CITATION.flags)


@dataclass(frozen=True)
class Citation:
    key: str
    quote: str
    offset: int

    @property
    def is_paragraph(self) -> bool:
        return bool(re.fullmatch(r"p[1-9][0-9]*", self.key))


@dataclass(frozen=True)
class Link:
    kind: str
    id: str
    offset: int


def citations(text: str) -> list[Citation]:
    """Every citation in `text`.

    >>> [c.key for c in citations('Zo [@p3] en [@p4 "de hulp"].')]
    ['p3', 'p4']
    """
    return [
        Citation(match["key"], next((q for q in match.group("q1", "q2", "q3", "q4") if q), ""),
                 match.start())
        for match in CITATION.finditer(text)
    ]


def links(text: str) -> list[Link]:
    """Every link to a note in `text`."""
    return [Link(match["kind"], match["id"], match.start()) for match in LINK.finditer(text)]


def line_of(text: str, offset: int) -> int:
    """How many lines into `text` the `offset` lies (0 for the first line)."""
    return text.count("\n", 0, offset)


def render(
    text: str,
    cite: Callable[[Citation], str],
    link: Callable[[Link], str],
    ends_with_stop: Callable[[Citation], bool] | None = None,
) -> str:
    """Replace citations by ``cite(citation)`` and note links by ``](link(target))``.

    Where a citation's mark ends with a full stop (``ends_with_stop``: an abbreviation,
    "ист.") and the sentence ends right after it, the sentence's stop is left out, as
    typesetters do after an abbreviation ("ист.", not "ист..")."""

    def replace(match: re.Match[str]) -> str:
        citation = Citation(match["key"], next((q for q in match.group("q1", "q2", "q3", "q4") if q), ""),
                            match.start())
        stop = (match["stop"] or "") if ends_with_stop is None or not ends_with_stop(citation) else ""
        return cite(citation) + stop

    text = CITATION_AND_STOP.sub(replace, text)
    return LINK.sub(lambda match: f"]({link(Link(match['kind'], match['id'], match.start()))})",
                    text)


def plain(text: str) -> str:
    """Text without citations and with note links reduced to their words (for tooltips).

    >>> plain('Het verdrag [@p5] met [Rusland](actor:russia).')
    'Het verdrag met Rusland.'
    """
    text = CITATION.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\((?:actor|scenario|term|event|page|source):[^)\s]*\)", r"\1", text)
    return " ".join(text.replace(" .", ".").replace(" ,", ",").split())
