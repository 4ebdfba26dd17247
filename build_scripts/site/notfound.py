"""The 404 pages: docs/<language>/404.md (render/templates/404.md.j2) in the theme's 404.html.

A host shows its 404 page at whatever address was missing, at any depth, so every link on
it must be absolute: MkDocs makes the navigation's so from the site's address, or from the
server's root where mkdocs.yml names none. Without an address it would take the server's
root for every language's, and /ru/404.html would link the default language's pages:
`base_url` is the language's own folder instead. The page's text is the template's
Markdown, converted here (it is not one of the engine's pages: no search entry, no
sitemap line), with its links, written from the site's root, made absolute the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown

from build_scripts.project import Project
from build_scripts.render import safe_html
from build_scripts.render.pages import NOT_FOUND

HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"]*)"')


def base_path(project: Project, language: str, site_url: str | None) -> str:
    """The 404 page's `base_url`: the path of the language's root on the server."""
    if site_url:
        return urlsplit(site_url).path or "/"
    return "/" + project.url_prefix(language)


def body(project: Project, language: str, base: str) -> str:
    """The HTML of docs/<language>/404.md, its links absolute from `base` (the language's root)."""
    path = project.docs_for(language) / NOT_FOUND
    text = path.read_text("utf-8") if path.is_file() else ""
    prefix = project.url_prefix(language)
    root = base[: len(base) - len(prefix)] if prefix and base.endswith(prefix) else base
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html"])
    html = HREF.sub(lambda m: f'href="{root}{"" if m[1] == "./" else m[1]}"', html)
    return safe_html.clean(html)


def is_source(path: str | Path) -> bool:
    """Whether a docs file (its path below the language's docs folder) is the 404's text."""
    return Path(path).as_posix() == NOT_FOUND
