"""The page templates: a sandboxed Jinja2 environment, the project's overrides first.

Every page type is rendered from ``templates/PAGETYPE.md.j2`` in this package (the
HTML pieces pages share are macros in ``templates/partials/``). A project replaces
any of them with a file of the same relative path under ``overrides/explainer/``
(Material's ``custom_dir: overrides`` convention); what it does not override is the
package's. EDITING.md ("Page templates") documents the names and the context.

Templates write Markdown, so nothing is escaped by itself: text goes into HTML
through the ``attr`` filter and into Markdown through ``md``. A mistake in an
override (a syntax error, an unknown name, a filter that does not exist) is a problem
of the project's, reported as ``overrides/explainer/actor.md.j2:3: ...`` like one in
content/, and the build stops before anything is written.
"""

from __future__ import annotations

import functools
import html
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

PACKAGE = Path(__file__).parent / "templates"
OVERRIDES = Path("overrides") / "explainer"  # below the project's root
SUFFIX = ".md.j2"
HELP = 'a name, filter and syntax as EDITING.md, "Page templates", describes them'


class TemplateProblem(Exception):
    """A template of the project's that cannot be rendered: where, and what is wrong."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def md(text: Any) -> str:
    """Plain text safe in Markdown: no emphasis, links or HTML from the editor's characters."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    for char in "\\`*_[]{}#|":
        text = text.replace(char, "\\" + char)
    return text


def attr(text: Any) -> str:
    """Text safe in HTML, inside an element or an attribute's quotes."""
    return html.escape(str(text))


def link_title(text: Any) -> str:
    """Text safe inside a Markdown link title ("...")."""
    return str(text).replace("\\", "\\\\").replace('"', "&quot;").replace("\n", " ")


def chomp(text: str) -> str:
    """A template's output without the one newline its last line ends with."""
    return text[:-1] if text.endswith("\n") else text


class Templates:
    """The page templates of one project (its overrides, then the package's)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.overrides = root / OVERRIDES
        self.env = SandboxedEnvironment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(self.overrides),
                                        jinja2.FileSystemLoader(PACKAGE)]),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown, not HTML: the filters escape where it goes into HTML
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one environment per state of the overrides (see `for_project`)
        )
        self.env.filters.update(md=md, attr=attr, link_title=link_title)
        self._macros: dict[str, Any] = {}

    def page(self, name: str, context: dict[str, Any]) -> str:
        """The page template `name` ('actor') rendered with `context`."""
        return self.guarded(lambda: chomp(self.env.get_template(name + SUFFIX).render(context)))

    def macro(self, partial: str, name: str) -> Callable[..., str]:
        """Macro `name` of ``partials/PARTIAL.md.j2``, for the pieces Python puts together."""
        key = f"{partial}/{name}"
        if key not in self._macros:
            module = self.guarded(lambda: self.env.get_template(f"partials/{partial}{SUFFIX}").module)
            found = getattr(module, name, None)
            if found is None:
                raise TemplateProblem(self.where(f"partials/{partial}{SUFFIX}"), 1,
                                      f"no macro {name!r} (expected the package's macros, "
                                      "each of them, when the partial is overridden)")

            def call(*args: Any, **kwargs: Any) -> str:
                try:
                    return str(found(*args, **kwargs))
                except Exception:
                    # Called from Python, not from a template: let Jinja give the error the
                    # template's file and line, as it does inside `render`.
                    self.env.handle_exception()

            self._macros[key] = lambda *args, **kwargs: self.guarded(lambda: call(*args, **kwargs))
        return self._macros[key]

    def where(self, name: str) -> str:
        """How the template `name` is named in a problem: its path in the project, or the package's."""
        path = self.overrides / name
        return (OVERRIDES / name).as_posix() if path.is_file() else (PACKAGE / name).as_posix()

    def guarded(self, run: Callable[[], Any]) -> Any:
        try:
            return run()
        except TemplateProblem:
            raise
        except jinja2.TemplateSyntaxError as error:  # also an unknown filter or test
            if not self._overridden(error.filename):
                raise
            raise TemplateProblem(self._relative(error.filename), error.lineno or 1,
                                  f"{error.message} (expected {HELP})") from None
        except Exception as error:
            frame = self._frame(error)
            if frame is None:
                raise
            message = str(error) if isinstance(error, jinja2.TemplateError) else \
                f"{type(error).__name__}: {error}"
            raise TemplateProblem(self._relative(frame.filename), frame.lineno or 1,
                                  f"{message} (expected {HELP})") from None

    def _frame(self, error: BaseException) -> traceback.FrameSummary | None:
        """The innermost line of an override the error went through (Jinja gives template
        code the template's file and line), or None when no override was involved."""
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if self._overridden(frame.filename)]
        return frames[-1] if frames else None

    def _overridden(self, filename: str | None) -> bool:
        return in_overrides(self.root, filename)

    def _relative(self, filename: str | None) -> str:
        path = Path(filename or "").resolve()
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def in_overrides(root: Path, filename: str | None) -> bool:
    """Whether `filename` is one of the page templates of the project at `root` (read by the
    build, never published: with Material's `custom_dir: overrides` MkDocs would copy them)."""
    if not filename:
        return False
    try:
        Path(filename).resolve().relative_to((root / OVERRIDES).resolve())
    except ValueError:
        return False
    return True


def for_project(root: Path) -> Templates:
    """The templates of the project at `root`, compiled once for each state of its overrides
    (`explainer serve` renders again after an edit there: a new file, or a changed one)."""
    folder = root / OVERRIDES
    state = tuple(sorted((path.as_posix(), path.stat().st_mtime_ns) for path in folder.rglob("*")
                         if path.is_file())) if folder.is_dir() else ()
    return _templates(root, state)


@functools.lru_cache(maxsize=8)
def _templates(root: Path, state: tuple[tuple[str, int], ...]) -> Templates:
    return Templates(root)
