"""Reading editors' text files: UTF-8 (with or without a byte-order mark), any line ending."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from build_scripts.errors import Problems

# A content file larger than this is almost certainly a mistake (a pasted dump, a
# binary); refusing it keeps one bad file from stalling the whole build.
MAX_BYTES = 1_000_000

# Characters no editor means to type: C0 and C1 controls (tab and line endings aside),
# DEL and the two non-characters. YAML refuses them, Markdown would pass them on to
# the page, and a cp1252 file read as Latin-1 and saved again shows up as C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text with ``\\n`` line endings, or None after recording why it cannot be read."""
    try:
        info = path.stat()
        # A pipe or device would block the build or never end; a huge file is not read at all.
        if not stat.S_ISREG(info.st_mode):
            problems.add(path, 0, "", "not a regular file", "a text file saved as UTF-8")
            return None
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        problems.add(path, 0, "", f"cannot read the file: {error.strerror or error}")
        return None
    if len(data) > MAX_BYTES:
        problems.add(
            path, 0, "", f"file is too large ({max(info.st_size, len(data)):,} bytes)",
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control:
        problems.add(
            path, text.count("\n", 0, control.start()) + 1, "",
            f"control character U+{ord(control.group()):04X} in the text",
            "text without control characters (delete it, or retype the line)",
        )
        return None
    return text
