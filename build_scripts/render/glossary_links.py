"""Glossary links: the first occurrence of each term on a page links to its glossary entry.

A Python-Markdown extension, so that any engine that runs Python-Markdown (MkDocs,
Zensical) links the same words. Its treeprocessor walks the document tree once and
wraps the first occurrence of each term in
``<a class="explainer-term" href="..." title="summary">form</a>``. Everything it needs is
plain data in its configuration (markdown_extensions in mkdocs.yml, or `mdx_configs`):

    - build_scripts.render.glossary_links:
        terms: [{id: nato, forms: [NAVO, NAVO's], summary: Het bondgenootschap.}, ...]
        names: [Alliance des États du Sahel]    # never linked inside (actors' names)
        language: nl                            # the pages' language
        glossary: glossary/index.md             # the glossary page, from the docs root

and, on each page, where that page is: the generator writes a reference definition
that Markdown shows nowhere, ``[explainer-page]: # (actors/putin.md)`` (`page_reference`).
The link goes to ``../glossary/index.md#nato``, which the engine turns into the page's
URL as it does every Markdown link (and checks, in MkDocs' strict mode); inside raw HTML,
which engines leave as it is, to the URL itself (``../../glossary/#nato``), as the
generator writes every raw link (directory URLs).

Where links may go (never in headings, links, code, text in another language, reference
entries, ...) is `term_links`, which walks each page; which words name a term is
`glossary_terms`.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from build_scripts.render.glossary_terms import Glossary, Term
from build_scripts.render.term_links import PageLinks

NAME = "build_scripts.render.glossary_links"
PAGE_LABEL = "explainer-page"
# After toc (5), which gives headings without an id theirs (the glossary page reads them),
# and before the engine resolves links (MkDocs' relpath and Python-Markdown's unescape, 0).
PRIORITY = 3
def page_reference(path: str) -> str:
    """The line that tells the extension where a page is: ``[explainer-page]: # (actors/putin.md)``.

    A reference definition: Markdown keeps it out of the page, every engine alike.
    """
    return f"[{PAGE_LABEL}]: # ({path})"


def addresses(page: str, glossary: str) -> tuple[str, str]:
    """The glossary from docs page `page`: as a Markdown link and as a URL (directory URLs).

    >>> addresses("actors/putin.md", "glossary/index.md")
    ('../glossary/index.md', '../../glossary/')
    """
    link = posixpath.relpath(glossary, posixpath.dirname(page) or ".")
    url = posixpath.relpath(_directory(glossary) or ".", _directory(page) or ".")
    return link, "./" if url == "." else url + "/"


def _directory(path: str) -> str:
    """The directory URL of a docs page: 'actors/putin.md' -> 'actors/putin', 'index.md' -> ''."""
    return posixpath.dirname(path) if posixpath.basename(path) == "index.md" else path[:-3]


# -- the compiled glossary, once per language ------------------------------------------------

_compiled: OrderedDict[Any, tuple[Any, Any, Glossary]] = OrderedDict()
COMPILED_KEPT = 64  # configurations: languages, and projects built in one process


def compiled(terms: Sequence[Any], names: Sequence[str], language: str) -> Glossary:
    """The glossary of this configuration, compiled once for all its pages.

    An engine makes a new Markdown (and extension) for every page, from the same
    configuration: the same lists come back, and are recognised by identity first.
    """
    key = (id(terms), id(names), language)
    hit = _compiled.get(key)
    if hit is not None and hit[0] is terms and hit[1] is names:
        return hit[2]
    parsed = [_term(term) for term in terms]
    content = (tuple((t.id, tuple([t.forms] if isinstance(t.forms, str) else t.forms), t.summary)
                     for t in parsed), tuple(names), language)
    hit = _compiled.get(content)
    glossary = hit[2] if hit is not None else Glossary(parsed, names=names, language=language)
    _compiled[key] = _compiled[content] = (terms, names, glossary)
    while len(_compiled) > COMPILED_KEPT:  # the oldest first
        _compiled.popitem(last=False)
    return glossary


def _term(value: Any) -> Term:
    if isinstance(value, Term):
        return value
    return Term(str(value["id"]), value.get("forms") or [], str(value.get("summary") or ""))


class GlossaryExtension(Extension):
    """Registers the glossary's treeprocessor, configured with plain data (module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "terms": [[], "The terms: a list of {id, forms, summary}."],
            "names": [[], "Names never linked inside (actors' names)."],
            "language": ["", "The pages' language: text marked as another is not linked."],
            "glossary": ["glossary/index.md", "The glossary page, from the docs root."],
            "page": ["index.md", "Where a page is that does not say ([explainer-page])."],
            "skip": [[], "Ids of terms not linked."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        options = self.getConfigs()
        self.glossary = compiled(options["terms"], options["names"], options["language"])
        processor = GlossaryTreeprocessor(md, self.glossary, options["glossary"], options["page"],
                                          options["skip"])
        md.treeprocessors.register(processor, "explainer_glossary", PRIORITY)


def makeExtension(**kwargs: Any) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, glossary: Glossary, glossary_page: str, page: str,
                 skip: Sequence[str]) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.glossary_page = posixpath.normpath(glossary_page)
        self.page = page
        self.skip = skip

    def run(self, root: etree.Element) -> None:
        self.glossary.stats.pages += 1
        if self.glossary.pattern is None:
            return
        reference = self.md.references.get(PAGE_LABEL)  # type: ignore[attr-defined]
        page = posixpath.normpath(reference[1] if reference and reference[1] else self.page)
        link, url = addresses(page, self.glossary_page)
        links = PageLinks(self.md, self.glossary, link + "#", url + "#",
                          glossary_page=page == self.glossary_page, skip=self.skip)
        links.content(root)  # the root <div> is not written


