"""YAML front matter with the line of every value, so problems can name file:line.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last
of two duplicate keys; an editor needs both reported. So the YAML is composed into
nodes (safe tags only) and converted by hand, recording each value's line under a
path such as ``relations[0].actor``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_scripts.content.textfile import read_text
from build_scripts.errors import Problems

FENCE = "---"
# Deeper nesting than this is no front matter an editor writes; it also keeps the
# recursive conversion far from Python's recursion limit.
MAX_DEPTH = 50
# libyaml composes recursively in C: some 30,000 levels (a few hundred kilobytes of '[')
# overflow the C stack and kill the process. Text that might nest deeper than this goes
# to the pure-Python parser instead, whose RecursionError is caught.
LIBYAML_DEPTH = 1000


# Suffix of a key in `Document.lines` for the line where its block text starts.
TEXT_START = "\x00text"


@dataclass
class Document:
    """A parsed content file: its front matter, body and where things are."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    extra: dict[str, Any] = field(default_factory=dict)

    def text_line(self, key: str) -> int:
        """The line where the text of `key` starts: below the key for a `|` or `>` block."""
        return self.lines.get(key + TEXT_START) or self.line(key)

    def line(self, key: str) -> int:
        """The line of `key` (or of its closest parent that has one)."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0] if "." in key else key.rpartition("[")[0]
        return self.lines.get("", 1)


def split(text: str) -> tuple[str | None, int, str, int]:
    """Split ``---`` fenced front matter from the body.

    Returns (yaml text or None, first yaml line, body, first body line).
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), 2, "", len(lines) + 1


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml where it is installed (ten times faster); on an error compose
    again with the pure-Python parser, whose messages are the ones editors are shown."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and _nesting_bound(text) < LIBYAML_DEPTH:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _quoted_value(line: str) -> tuple[str, str] | None:
    """`key: "value"` for a line `key: value` whose value holds ': ' (None if it is not one)."""
    match = re.match(r"^(\s*(?:-\s+)?)([\w-]+):\s+(.*\S)\s*$", line)
    if match is None or ": " not in match.group(3) or match.group(3)[0] in "\"'[{":
        return None  # no colon in the value, or one already quoted or a list: another problem
    value = match.group(3)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return match.group(2), f'{match.group(1).strip()}{" " if match.group(1).strip() else ""}' \
        f'{match.group(2)}: "{escaped}"'


def _unclosed_quote(lines: list[str], before: int) -> tuple[int, str] | None:
    """(index, quote) of the first line before line `before` whose value opens a quote that the
    line does not close: `title: "Town council` followed by more fields."""
    for index, line in enumerate(lines[:before]):
        match = re.match(r"""^\s*(?:-\s+)?(?:[\w-]+:\s+)?(["'])(.*)$""", line)
        if match is None:
            continue
        quote, rest = match.groups()
        closed = (re.search(r'(?:^|[^\\])(?:\\\\)*"', rest) if quote == '"'
                  else "'" in rest.replace("''", ""))
        if not closed:
            return index, quote
    return None


def _nesting_bound(text: str) -> int:
    """An upper bound on how deeply `text` nests lists and mappings: every level opens a
    bracket, a '- ' or '? ' item, or indents further (a sequence may share its key's indent)."""
    indent = max(map(len, re.findall(r"^[ ]*", text, re.MULTILINE)), default=0)
    return text.count("[") + text.count("{") + len(re.findall(r"[-?][ \t]", text)) + 2 * indent + 2


def parse_yaml(
    text: str, path: Path, problems: Problems, first_line: int = 1
) -> tuple[Any, dict[str, int]] | None:
    """Parse YAML text; on a syntax error record one problem and return None."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        what = _one_line(error.problem or error.context or "syntax error")
        context = error.context_mark
        if error.context and context and mark and context.line != mark.line:
            what = f"{_one_line(error.context)} from line {first_line + context.line}: {what}"
        # YAML also breaks lines at U+2028 and U+2029, so its line may lie past our last.
        source_lines = text.split("\n")
        source_line = source_lines[min(mark.line if mark else 0, len(source_lines) - 1)]
        if "\t" in source_line:
            what += "; tabs cannot indent YAML"
        if error.context == "while scanning a quoted scalar" and context is not None:
            opened = first_line + context.line
            quote = text[context.index] if context.index < len(text) else '"'
            problems.add(path, opened, "", f"the quote {quote} opened here is never closed",
                         f"a closing {quote} at the end of the value")
            return None
        unclosed = _unclosed_quote(source_lines, mark.line) if mark and str(error.problem).startswith(
            ("expected <block end>", "mapping values are not allowed")) else None
        if unclosed is not None:
            # YAML read on to the next quote, often the next field's (translated_from: "..."),
            # and failed there: the quote to close is the one opened earlier.
            problems.add(path, first_line + unclosed[0], "", f"the quote {unclosed[1]} opened here is "
                         "never closed", f"a closing {unclosed[1]} at the end of the value")
            return None
        quoted = _quoted_value(source_line) if error.problem == "mapping values are not allowed here" \
            else None
        if quoted is not None:
            # "France : l'ancienne puissance" is ordinary French: say what to do, in plain words.
            problems.add(path, line, quoted[0], "a colon followed by a space inside a value makes YAML "
                         "read a second field", f"the value in double quotes: {quoted[1]}")
            return None
        problems.add(path, line, "", f"YAML syntax error: {what}", "valid YAML, indented with spaces")
        return None
    except yaml.reader.ReaderError as error:
        line = first_line + text.count("\n", 0, error.position)
        character = error.character if isinstance(error.character, str) else chr(error.character)
        problems.add(path, line, "", f"YAML error: character U+{ord(character):04X} is not allowed",
                     "text without control characters")
        return None
    except yaml.YAMLError as error:
        problems.add(path, first_line, "", f"YAML error: {_one_line(str(error))}", "valid YAML")
        return None
    except RecursionError:  # PyYAML composes nested lists and mappings recursively
        problems.add(path, first_line, "", "YAML error: lists or mappings nested too deeply",
                     f"at most {MAX_DEPTH} levels")
        return None
    lines: dict[str, int] = {}
    if node is None:
        return None, lines
    converter = _Converter(path, problems, first_line, lines)
    return converter.convert(node, ""), lines


def _one_line(text: str) -> str:
    """A message part on one line: PyYAML's messages may span several."""
    return " ".join(str(text).split())


def read_yaml(path: Path, problems: Problems) -> tuple[Any, dict[str, int]] | None:
    """Read and parse a YAML file; None after recording why it cannot be read or parsed."""
    text = read_text(path, problems)
    return None if text is None else parse_yaml(text, path, problems)


def check_mapping(path: Path, data: Any, lines: dict[str, int], problems: Problems,
                  fields: Collection[str], expected: str) -> bool:
    """Whether a settings file's `data` is a mapping; records that, and every unknown field."""
    if not isinstance(data, dict):
        problems.add(path, 1, "", "not a mapping", expected)
        return False
    known = "one of: " + ", ".join(sorted(fields))
    for key in data:
        if key not in fields:
            problems.add(path, lines.get(key, 1), key, "unknown field", known)
    return True


# The last clean parse of each file in this process: `explainer serve` loads every note
# again on each save, and most of them have not changed. Documents are never modified.
_parsed: dict[Path, tuple[str, Document]] = {}


def load(path: Path, text: str, problems: Problems) -> Document | None:
    """Parse a Markdown file with YAML front matter into a `Document`."""
    cached = _parsed.get(path)
    if cached is not None and cached[0] == text:
        return cached[1]
    before = len(problems)
    document = _load(path, text, problems)
    if document is not None and len(problems) == before:
        _parsed[path] = (text, document)
    return document


def _load(path: Path, text: str, problems: Problems) -> Document | None:
    front, first, body, body_line = split(text)
    if front is None:
        problems.add(path, 1, "", "no front matter", "the file to start with a line '---'")
        return None
    if not any(line.rstrip() == FENCE for line in text.split("\n")[1:]):
        # Without the closing fence the body would be read as YAML, and its first
        # sentence reported as a baffling syntax error.
        problems.add(path, 1, "", "the front matter is not closed",
                     "a line '---' after the last field, before the body")
        return None
    parsed = parse_yaml(front, path, problems, first)
    if parsed is None:
        return None
    data, lines = parsed
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(path, first, "", "front matter is not a mapping", "'key: value' lines")
        return None
    lines.setdefault("", first)
    return Document(path, data, lines, body, body_line)


class _Converter:
    """Turns composed YAML nodes into plain Python values, recording lines."""

    def __init__(self, path: Path, problems: Problems, first_line: int, lines: dict[str, int]):
        self.path = path
        self.problems = problems
        self.first_line = first_line
        self.lines = lines
        self.constructor = yaml.SafeLoader("")
        # Lists and mappings already converted: meeting one again means a YAML alias
        # (*name), which could repeat itself (&a [*a]) or grow exponentially.
        self.seen: set[int] = set()
        self.alias_reported = False

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def convert(self, node: yaml.Node, key: str, depth: int = 0, line: int = 0) -> Any:
        """`line`, where known, is where the value is used (an alias's node lies elsewhere)."""
        self.lines[key] = line or self.line_of(node)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            if id(node) in self.seen:
                if not self.alias_reported:  # once: a file of aliases would give thousands
                    self.problems.add(self.path, self.lines[key], key,
                                      "a YAML alias (*name) of a list or mapping",
                                      "the list or mapping written out where it is used")
                    self.alias_reported = True
                return None
            self.seen.add(id(node))
            if depth >= MAX_DEPTH:
                self.problems.add(self.path, self.line_of(node), re.split(r"[.[]", key)[0],
                                  "lists or mappings nested too deeply", f"at most {MAX_DEPTH} levels")
                return None
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            # A block's text starts on the line after its `|` or `>`: positions in the text
            # are counted from there (exactly for `|`; `>` folds lines, so from its start).
            self.lines[key + TEXT_START] = self.line_of(node) + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, f"{key}[{index}]", depth + 1, self.lines[key]
                                 if id(item) in self.seen else 0)
                    for index, item in enumerate(node.value)]
        # YAML reads 2020-08-09 as a date (and fails on 2020-02-30); keep the text the
        # editor wrote so that dates are checked in one place, with one message.
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception as error:  # any tag can fail in its own way: !!bool maybe is a KeyError
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            why = (_one_line(error.problem) if isinstance(error, yaml.MarkedYAMLError) and error.problem
                   else f"{_short(node.value)} cannot be read as {tag}")
            self.problems.add(self.path, self.lines[key], key, f"unreadable value: {why}",
                              "a text, number, list or mapping")
            return node.value
        return node.value if isinstance(value, datetime.date) else value

    def _mapping(self, node: yaml.MappingNode, key: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = self.line_of(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add(self.path, line, key, "a list or mapping used as a field name",
                                  "'name: value', with a plain name")
                continue
            name = str(key_node.value)
            if not name.isprintable():
                self.problems.add(self.path, line, key, f"field name {name!r} has invisible characters",
                                  "a plain name such as 'title'")
                continue
            child = f"{key}.{name}" if key else name
            if name in result:
                self.problems.add(
                    self.path, line, child,
                    f"duplicate key (first set on line {self.lines[child]})",
                    "each key once",
                )
                continue
            result[name] = self.convert(value_node, child, depth + 1, line)
            self.lines[child] = line
        return result


def _short(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")
