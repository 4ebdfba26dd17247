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
import posixpath
import re
import struct
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import babel.numbers

from build_scripts.render.strings import Strings
from build_scripts.render.templates import Templates
from build_scripts.site import assets
from build_scripts.site.assets import ATTRIBUTE, CONFIG

ZIP_NAME = "offline.zip"
MARKER = "<!-- explainer:offline -->"
# Relative links to a folder ("../actors/" or "..", with any #fragment or ?query), to be
# pointed at its index.html: done by `re` alone, since a big site has 100,000s of links.
# Each pattern starts with the literal '="' (which `re` finds fast), then looks back
# for the attribute's name.
FOLDER_LINK = re.compile(ATTRIBUTE + r'(?![a-z][a-z0-9+.-]*:|[/#?])([^"#?]*/)([#?][^"]*)?"')
DOT_LINK = re.compile(ATTRIBUTE + r'(\.\.?)([#?][^"]*)?"')
# The vendored shim, site-relative in each language build (see _rewrite_page).
SHIM = "assets/vendor/iframe-worker.js"


def _rewrite_page(text: str, page: str, depth: int, shared: dict[str, str]) -> str:
    """A page made to work from disk: `page` is site-relative, `depth` below its language's root.

    `shared` maps a language's copy of an asset to the default language's identical one,
    which the zip holds instead.
    """
    text = FOLDER_LINK.sub(r'="\1index.html\2"', text)
    text = DOT_LINK.sub(r'="\1/index.html\2"', text)
    # Asset links and the search worker at the shared copies, as on the site (assets.py).
    text = assets.point_at_shared(text, page, shared)

    def without_instant(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["features"] = [f for f in config.get("features", []) if f != "navigation.instant"]
        return match.group(1) + json.dumps(config, separators=(",", ":")) + match.group(3)

    text = CONFIG.sub(without_instant, text, count=1)
    # Web workers cannot start from file://; the shim runs Material's search in an iframe.
    shim = assets.pointer(page, shared)("../" * depth + SHIM)
    return text.replace('<script src="', f'<script src="{shim}"></script><script src="', 1) \
        if 'src="' + shim not in text else text


def package(site: Path, target: Path, strings_by_root: dict[Path, Strings],
            page_templates: Templates) -> tuple[str, int]:
    """Write the offline zip of `site` to `target`; return its SHA-256 and size.

    Pages are rewritten on their way into the zip; the site itself is not touched.
    """
    roots = assets.language_roots(site)
    shared = assets.shared_assets(site, roots)
    entries: dict[str, bytes] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site)
        name = relative.as_posix()
        # Source maps only serve a developer's debugger; shared assets are stored once.
        if path.name in (ZIP_NAME, ZIP_NAME + ".sha256") or path.suffix == ".map" or name in shared:
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            root = max((r for r in roots if r in path.parents), key=lambda r: len(r.parts))
            depth = len(path.relative_to(root).parts) - 1
            text = _rewrite_page(data.decode("utf-8"), name, depth, shared)
            strings = strings_by_root.get(root.relative_to(site))
            if MARKER in text and strings is not None:
                text = text.replace(MARKER, page_templates.macro("offline", "here")(strings("offline.here")))
            data = text.encode("utf-8")
        elif path.name == "search_index.json" or (path.name == "search.json" and path.parent in roots):
            # From disk the index cannot be fetched; Material reads it from this script,
            # with its results at index.html files (a folder opens as a listing there).
            # Zensical's search.json, at a language's root, the same way (its search.js).
            entries[relative.with_suffix(".js").as_posix()] = b"var __index = " + _file_locations(data)
        entries[name] = data
    _zip(entries, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    (target.parent / (target.name + ".sha256")).write_text(f"{digest}  {target.name}\n", "utf-8")
    return digest, target.stat().st_size


def _file_locations(data: bytes) -> bytes:
    """A search index whose documents' locations name files: 'actors/' -> 'actors/index.html'."""
    index = json.loads(data)
    for document in index.get("docs", index.get("items", [])):  # Material's, Zensical's
        location = document.get("location")
        if isinstance(location, str):
            path, mark, anchor = location.partition("#")
            if path == "" or path.endswith("/"):
                document["location"] = path + "index.html" + mark + anchor
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _deflate(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of one entry, as zip stores it."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _zip(entries: dict[str, bytes], target: Path) -> None:
    """Write `entries` below ``site/`` as a deterministic zip: sorted, one time stamp, 0644.

    Written here rather than with `zipfile`, so that the entries are compressed on
    several threads (zlib lets go of the GIL): the zip is most of a build's own time.
    """
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)  # 1980-01-01: zip's first day
    year, month, day, hour, minute, second = time.gmtime(max(epoch, 315532800))[:6]
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    names = sorted(entries)
    if len(names) >= 0xFFFF or sum(map(len, entries.values())) >= 0xFFFFFFFF:
        return _zip64(entries, target, (year, month, day, hour, minute, second))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        packed = list(pool.map(_deflate, (entries[name] for name in names)))
    temporary = target.with_name(f".{target.name}.tmp")
    central: list[bytes] = []
    offset = 0
    with temporary.open("wb") as stream:
        for name, (crc, data) in zip(names, packed, strict=True):
            encoded = f"site/{name}".encode()
            flags = 0 if encoded.isascii() else 0x800  # bit 11: the name is UTF-8
            fields = (20, flags, 8, dos_time, dos_date, crc, len(data), len(entries[name]), len(encoded))
            header = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded
            # Made by version 2.0 on Unix (3), so that the 0644 permissions count.
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 3 << 8 | 20, *fields,
                                       0, 0, 0, 0, 0o644 << 16, offset) + encoded)
            stream.write(header)
            stream.write(data)
            offset += len(header) + len(data)
        directory = b"".join(central)
        stream.write(directory)
        stream.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names), len(names),
                                 len(directory), offset, 0))
    os.replace(temporary, target)


def _zip64(entries: dict[str, bytes], target: Path, stamp: tuple[int, ...]) -> None:
    """A zip beyond the classic format's limits (65,535 entries, 4 GB), with `zipfile`."""
    temporary = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"site/{name}", stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    os.replace(temporary, target)


def link_from_about_pages(site: Path, strings_by_root: dict[Path, Strings], digest: str,
                          size: int, page_templates: Templates) -> None:
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
        details = strings.join((strings("offline.size", megabytes=amount), "SHA-256"), series=True)
        html = page_templates.macro("offline", "download")(href, strings("offline.download"), details, digest)
        page.write_text(text.replace(MARKER, html), "utf-8")
