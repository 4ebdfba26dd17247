"""Reading editors' text files: UTF-8 (with or without a byte-order mark), any line ending."""

from __future__ import annotations

from pathlib import Path

from .errors import Problems

# A content file larger than this is almost certainly a mistake (a pasted dump, a
# binary); refusing it keeps one bad file from stalling the whole build.
MAX_BYTES = 1_000_000


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text with ``\\n`` line endings, or None after recording why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add(path, 0, "", f"cannot read the file: {error.strerror}")
        return None
    if len(data) > MAX_BYTES:
        problems.add(
            path, 0, "", f"file is too large ({len(data):,} bytes)",
            f"at most {MAX_BYTES:,} bytes",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(
            path, line, "", f"not UTF-8 text (byte 0x{data[error.start]:02x})",
            "a file saved as UTF-8",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
