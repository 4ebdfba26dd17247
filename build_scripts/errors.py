"""Problems found in an editor's input, reported all at once as one line each.

Every check in the pipeline appends a `Problem` to a `Problems` list instead of
raising, so that one run reports everything that is wrong. The command line turns
the list into lines of the form ``path:line: field: what is wrong (expected ...)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line, in one field."""

    path: str
    line: int
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        """``content/actors/putin.nl.md:4: relations[0].actor: unknown actor 'x' (expected ...)``"""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} (expected {self.expected})" if self.expected else text


@dataclass
class Problems:
    """A collection of problems; paths are shown relative to `root`."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(
        self, path: Path | str, line: int, field: str, message: str, expected: str = ""
    ) -> None:
        self.items.append(Problem(self.relative(path), line, field, message, expected))

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        # As the editor sees it first: a file in content/ that is a symbolic link to one
        # elsewhere is named by its place in content/.
        try:
            return Path(os.path.normpath(path.absolute())).relative_to(
                os.path.normpath(self.root.absolute())).as_posix()
        except ValueError:
            pass
        try:  # the same place written another way (the root through a symbolic link)
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the project, or a link loop
            return path.as_posix()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        # Sorted and de-duplicated, so the report reads file by file, top to bottom.
        return iter(sorted(set(self.items)))

    def lines(self) -> list[str]:
        return [str(problem) for problem in self]


class ExplainerError(Exception):
    """A problem that stops the run; the command line prints it without a traceback."""


class InvalidContent(ExplainerError):
    """Raised at the top of a step when its checks found problems."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems
