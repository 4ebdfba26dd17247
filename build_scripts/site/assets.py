"""One copy of the theme for every language: the assets the languages' builds share.

Each language is a MkDocs build of its own, and each copies Material's assets (about
2.5 MB; 76 KB of them on every page's first load). Where a language's copy of an
asset is byte for byte the default language's, the language's pages are pointed at
the default language's copy and the duplicate is removed, so that a reader who
switches language downloads the new page alone. The offline zip does the same.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

# An href or src naming an asset: found by `re` alone, a big site has 100,000s of links.
ATTRIBUTE = r'="(?:(?<=\shref=")|(?<=\ssrc="))'
ASSET_LINK = re.compile(ATTRIBUTE + r'(?P<url>[^"]*assets/[^"]*)"')
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")
SPLIT = re.compile(r"^([^#?]*)(.*)$", re.S)
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def language_roots(site: Path) -> list[Path]:
    """The root folder of every language build in `site` (each has its search index:
    MkDocs' search/search_index.json, or Zensical's search.json)."""
    roots = {path.parent.parent for path in site.rglob("search/search_index.json")}
    roots |= {path.parent for path in site.rglob("search.json") if path.is_file()}
    return sorted(roots)


def shared_assets(site: Path, roots: list[Path]) -> dict[str, str]:
    """{a language's asset: the default language's copy it is or can be} (site-relative paths).

    A language's asset that is byte for byte the default language's is shared; so is one
    the language lacks, because an earlier step shared it already.
    """
    shared: dict[str, str] = {}
    defaults = [path for path in (site / "assets").rglob("*") if path.is_file()]
    for root in roots:
        if root == site:
            continue
        for same in defaults:
            path = root / same.relative_to(site)
            if not path.exists() or (path.is_file() and path.stat().st_size == same.stat().st_size
                                     and path.read_bytes() == same.read_bytes()):
                shared[path.relative_to(site).as_posix()] = same.relative_to(site).as_posix()
    return shared


def pointer(page: str, shared: dict[str, str]) -> Callable[[str], str]:
    """A function from a URL on `page` (site-relative) to the one naming the shared copy."""
    folder = posixpath.dirname(page)

    def local(url: str) -> str:
        if "assets/" not in url or SCHEME.match(url) or url.startswith(("#", "?", "//")):
            return url
        path, rest = SPLIT.match(url).groups()  # type: ignore[union-attr]
        if path.startswith("/"):
            # The 404 pages link from the server's root (/repo/de/assets/...): the language's
            # folder is the one right above assets/.
            before, _, after = path.partition("/assets/")
            up, _, language = before.rpartition("/")
            return (f"{up}/assets/{after}{rest}" if after and f"{language}/assets/{after}" in shared
                    else url)
        target = shared.get(posixpath.normpath(posixpath.join(folder, path)))
        return url if target is None else posixpath.relpath(target, folder or ".") + rest

    return local


def point_at_shared(text: str, page: str, shared: dict[str, str]) -> str:
    """`text` of `page` with its asset links (and the search worker's) at the shared copies."""
    if not shared:
        return text
    local = pointer(page, shared)
    text = ASSET_LINK.sub(lambda m: f'="{local(m["url"])}"', text)

    def worker(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        if not isinstance(config.get("search"), str):  # the search worker, a page-relative URL
            return match.group(0)
        config["search"] = local(config["search"])
        return match.group(1) + json.dumps(config, separators=(",", ":")) + match.group(3)

    return CONFIG.sub(worker, text, count=1)


def share(site: Path) -> int:
    """Point every language's pages at the default language's assets and drop the copies.

    Returns the bytes saved. Pages outside a language's root keep their links.
    """
    roots = [root for root in language_roots(site) if root != site]
    if not (site / "assets").is_dir():  # the default language was not built (a preview)
        return 0
    shared = shared_assets(site, roots)
    if not shared:
        return 0
    for root in roots:
        for page in root.rglob("*.html"):
            name = page.relative_to(site).as_posix()
            text = page.read_text("utf-8")
            changed = point_at_shared(text, name, shared)
            if changed != text:
                page.write_text(changed, "utf-8")
    saved = 0
    for name in shared:
        path = site / name
        if path.is_file():
            saved += path.stat().st_size
            path.unlink()
    for root in roots:  # the folders the copies leave empty, deepest first
        for folder in sorted((root / "assets").rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        if (root / "assets").is_dir() and not any((root / "assets").iterdir()):
            (root / "assets").rmdir()
    return saved
