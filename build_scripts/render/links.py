"""Where pages are and how one links to another.

The page paths (slugs) are the same in every language::

    index.md  background/index.md  actors/index.md  actors/<id>.md
    scenarios/index.md  scenarios/<id>.md  glossary/index.md  source/index.md  about/index.md
"""

from __future__ import annotations

import functools
import posixpath

from build_scripts.pipeline import Sources

SECTIONS = ("home", "background", "actors", "scenarios", "glossary", "source", "about")
STATUS_PAGE = "about/translations.md"
INDEX_PAGE = "a-z/index.md"  # the A–Z of every page (index_page.py)


def page_path(section: str, item_id: str = "") -> str:
    """The docs-relative path of a page: ``page_path("actors", "putin") == "actors/putin.md"``."""
    if section == "home":
        return "index.md"
    return f"{section}/{item_id}.md" if item_id else f"{section}/index.md"


class Links:
    """Links from the page being rendered (`current`, docs-relative) to others."""

    current: str
    language: str
    sources: Sources

    def href(self, target: str, anchor: str = "") -> str:
        """A link from the page being rendered to `target` (docs-relative)."""
        relative = _relpath(target, posixpath.dirname(self.current) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def item_href(self, kind: str, item_id: str) -> str:
        """A link to the page (or the entry on a page) of note `item_id` of `kind`."""
        if kind == "actor":
            return self.href(page_path("actors", item_id))
        if kind == "scenario":
            return self.href(page_path("scenarios", item_id))
        if kind == "term":
            return self.href(page_path("glossary"), item_id)
        if kind == "event":
            return self.href(page_path("background"), f"event-{item_id}")
        if kind == "source":
            return self.href(page_path("source"), item_id)
        return self.href(page_path(item_id))

    def url(self, target: str, anchor: str = "") -> str:
        """The URL of docs page `target` relative to the current page's URL (directory URLs)."""
        relative = _relpath(directory(target) or ".", directory(self.current) or ".")
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def original_url(self, path: str) -> str:
        """The URL of `path` in the default language, relative to the current page."""
        depth = directory(self.current).count("/")
        if self.sources.project.url_prefix(self.language):
            depth += 1
        return ("../" * depth + directory(path)) or "./"


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    # Pages link to the same few targets thousands of times; relpath is a third of rendering.
    return posixpath.relpath(target, start)


def directory(path: str) -> str:
    """The directory URL MkDocs gives a docs page: 'actors/putin.md' -> 'actors/putin/'."""
    return path[: -len("index.md")] if path.endswith("index.md") else path[:-3] + "/"


def origin(path: str, language: str) -> str:
    """Where the text of a generated page is edited: ``content/actors/putin.en.md``."""
    section, _, rest = path.partition("/")
    if path == "index.md":
        return f"content/pages/home.{language}.md"
    if path == STATUS_PAGE:
        return "the translations in content/ (this page is generated from their status)"
    if path == INDEX_PAGE:
        return "the titles in content/ (this page is generated from them)"
    if rest and rest != "index.md":
        return f"content/{section}/{rest[:-3]}.{language}.md"
    return {
        "background": f"content/pages/background.{language}.md or content/timeline/",
        "about": f"content/pages/about.{language}.md or content/references.yml",
        "source": f"seeds/ or content/source/article.{language}.md",
    }.get(section, f"content/{section}/")
