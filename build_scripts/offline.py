"""The offline copy: the whole site as a zip that works when opened from disk.

Readers where the site is blocked can pass it on as a file. From ``file://`` a
browser does not open ``folder/`` as ``folder/index.html``, cannot fetch JSON and
cannot start a web worker; so the copy links to index.html files, gets its search
index as a script (as Material's own offline plugin does), loads the vendored
iframe-worker shim, and leaves out instant navigation. The zip is deterministic:
sorted entries, one timestamp (SOURCE_DATE_EPOCH), fixed permissions.

The about page of every language gets a download link with the zip's size and
SHA-256; the copy inside the zip says instead that it is the offline copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import zipfile
from html import escape
from pathlib import Path

import babel.numbers

from .strings import Strings

ZIP_NAME = "offline.zip"
MARKER = "<!-- explainer:offline -->"
LINK = re.compile(r'(?P<attr>\s(?:href|src)=")(?P<url>[^"]*)"')
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _local(url: str) -> str:
    """A relative URL that names a folder, made to name its index.html.

    >>> _local("../actors/putin/#p3"), _local("./"), _local("https://example.org/")
    ('../actors/putin/index.html#p3', './index.html', 'https://example.org/')
    """
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith(("/", "#", "?")):
        return url
    path, rest = re.match(r"^([^#?]*)(.*)$", url, re.S).groups()  # type: ignore[union-attr]
    if path.endswith("/"):
        path += "index.html"
    elif path in (".", ".."):
        path += "/index.html"
    return path + rest


def _rewrite_page(text: str, depth: int) -> str:
    text = LINK.sub(lambda m: f'{m["attr"]}{_local(m["url"])}"', text)

    def without_instant(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["features"] = [f for f in config.get("features", []) if f != "navigation.instant"]
        return match.group(1) + json.dumps(config, separators=(",", ":")) + match.group(3)

    text = CONFIG.sub(without_instant, text, count=1)
    # Web workers cannot start from file://; the shim runs Material's search in an iframe.
    shim = "../" * depth + "assets/vendor/iframe-worker.js"
    return text.replace('<script src="', f'<script src="{shim}"></script><script src="', 1) \
        if 'src="' + shim not in text else text


def _language_roots(site: Path) -> list[Path]:
    return sorted(path.parent.parent for path in site.rglob("search/search_index.json"))


def package(site: Path, target: Path, strings_by_root: dict[Path, Strings]) -> tuple[str, int]:
    """Write the offline zip of `site` to `target`; return its SHA-256 and size.

    Pages are rewritten on their way into the zip; the site itself is not touched.
    """
    roots = _language_roots(site)
    entries: dict[str, bytes] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site)
        if path.name in (ZIP_NAME, ZIP_NAME + ".sha256"):
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            root = max((r for r in roots if r in path.parents), key=lambda r: len(r.parts))
            text = _rewrite_page(data.decode("utf-8"), len(path.relative_to(root).parts) - 1)
            strings = strings_by_root.get(root.relative_to(site))
            if MARKER in text and strings is not None:
                text = text.replace(MARKER, f'<p class="explainer-offline">'
                                            f'{escape(strings("offline.here"))}</p>')
            data = text.encode("utf-8")
        elif path.name == "search_index.json":
            # From disk the index cannot be fetched; Material reads it from this script.
            entries[relative.with_suffix(".js").as_posix()] = b"var __index = " + data
        entries[relative.as_posix()] = data
    _zip(entries, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    (target.parent / (target.name + ".sha256")).write_text(f"{digest}  {target.name}\n", "utf-8")
    return digest, target.stat().st_size


def _zip(entries: dict[str, bytes], target: Path) -> None:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)  # 1980-01-01: zip's first day
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    temporary = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"site/{name}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    os.replace(temporary, target)


def link_from_about_pages(site: Path, strings_by_root: dict[Path, Strings], digest: str,
                          size: int) -> None:
    """Put the download link, size and checksum where each about page has the marker."""
    for relative, strings in strings_by_root.items():
        page = site / relative / "about" / "index.html"
        if not page.is_file():
            continue
        text = page.read_text("utf-8")
        if MARKER not in text:
            continue
        href = "../" * (len(relative.parts) + 1) + ZIP_NAME
        locale = strings.language.replace("-", "_")
        amount = babel.numbers.format_decimal(round(size / 1_000_000, 1), locale=locale)
        html = (f'<p class="explainer-offline"><a href="{href}" download>'
                f'{escape(strings("offline.download"))}</a> '
                f'({escape(strings("offline.size", megabytes=amount))}; SHA-256 '
                f"<code>{digest}</code>)</p>")
        page.write_text(text.replace(MARKER, html), "utf-8")
