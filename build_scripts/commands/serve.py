"""Live preview of the whole site, every language, with MkDocs' live-reload server.

Saving a file in content/, seeds/ or overrides/ (or mkdocs.yml) rebuilds the site and the
browser reloads. A rebuild that fails keeps the last good site on disk, but until
the next good build every page is answered with the problems (the lines `explainer
check` prints) instead, so the editor sees them where they look; the live-reload
script is on that page too, so fixing the file brings the real page back by itself.
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import watchdog.events
from mkdocs.livereload import LiveReloadServer

from build_scripts.errors import ExplainerError, InvalidContent
from build_scripts.project import Project
from build_scripts.site import engine

# MkDocs looks for changes every half second and then waits a tenth of a second for
# more; a twentieth each keeps a save within a second of the page (a look at content/
# takes about a millisecond).
POLLING_INTERVAL = 0.05  # seconds
BUILD_DELAY = 0.05

HEADING = "The preview is out of date: fix these problems"


class Preview:
    """Rebuilds the preview; remembers the problems of the last build (none once it worked)."""

    def __init__(self, project: Project, root: Path, languages: list[str] | None,
                 engine_name: str = "mkdocs") -> None:
        self.project = project
        self.root = root
        self.languages = languages
        # The Zensical engine's builds are served by the same live-reload server.
        if engine_name == "zensical":
            from build_scripts.site import zensical_engine

            self.build_site = zensical_engine.build
        else:
            self.build_site = engine.build
        # Replaced as a whole (never changed in place): the server's threads read it
        # while the next build runs.
        self.problems: list[str] = []

    def build(self) -> None:
        # Never raises: LiveReloadServer only tells the browsers to reload after a
        # builder that returned, and a failed build must reload them too, to show why.
        started = time.perf_counter()
        try:
            self.build_site(self.project, site_dir=self.root, only=self.languages,
                            jobs=1 if self.languages else None)
        except InvalidContent as error:
            self.problems = error.problems.lines()
            print("\n".join(self.problems), file=sys.stderr)
            print("explainer serve: fix the problems above; the preview shows them until then",
                  file=sys.stderr)
            return
        except ExplainerError as error:  # MkDocs' warnings (one a line), a broken mkdocs.yml, ...
            self.problems = str(error).splitlines() or [type(error).__name__]
            print(f"explainer serve: {error}", file=sys.stderr)
            return
        except Exception as error:  # a bug in explainer itself: say so, and keep serving
            if os.environ.get("EXPLAINER_DEBUG"):
                traceback.print_exc()
            self.problems = [f"internal error: {type(error).__name__}: {error} "
                             "(set EXPLAINER_DEBUG=1 for details, and please report it)"]
            print(f"explainer serve: {self.problems[0]}", file=sys.stderr)
            return
        self.problems = []
        print(f"explainer serve: rebuilt in {time.perf_counter() - started:.2f} s", file=sys.stderr)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that, while the preview has problems, shows them on every page.

    Files other than pages (styles, scripts, images) are still the last good build's.
    """

    def __init__(self, preview: Preview, **options: Any) -> None:
        super().__init__(builder=preview.build, **options)
        self.preview = preview
        # A page missing from the last good build (or no good build yet) shows them too.
        self.error_handler = self._error_page

    def watch_when_made(self, folder: Path) -> None:
        """Watch `folder`, or, while it does not exist, its parent for it to be made (a first
        template override saved during the preview): watched from then on, and rebuilt."""
        if folder.exists():
            self.watch(str(folder))
            return

        def made(event: watchdog.events.FileSystemEvent) -> None:
            path = getattr(event, "dest_path", "") or event.src_path
            if Path(os.fsdecode(path)) != folder or not folder.is_dir():
                return
            if str(folder) not in self._watched_paths:
                self.watch(str(folder))
            with self._rebuild_cond:  # what was written into it before the watch began
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_created = made  # type: ignore[method-assign]
        handler.on_moved = made  # type: ignore[method-assign]
        self.observer.schedule(handler, str(folder.parent), recursive=False)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        problems = self.preview.problems
        if problems:
            content = problem_page(problems)
        return super()._inject_js_into_html(content, epoch)

    def _error_page(self, code: int) -> bytes | None:
        problems = self.preview.problems
        if not problems:
            return None  # MkDocs' plain "404 Not Found"
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(problem_page(problems), epoch)


def problem_page(problems: list[str]) -> bytes:
    """A page of its own listing `problems`, readable in light and dark, with no script of its own.

    The lines quote the editor's files (an unknown field's name, a wrong id), so every
    one is escaped: a note's text must never run as the page's script.
    """
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{count}: the preview is out of date</title>
<style>
  :root {{ --text: #1b1b1f; --page: #fff; --box: #fff4f2; --edge: #c62828; --muted: #55555d; }}
  @media (prefers-color-scheme: dark) {{
    :root {{ --text: #ececf1; --page: #17171c; --box: #2a1a1b; --edge: #ff8a80; --muted: #b4b4be; }}
  }}
  body {{ margin: 0; padding: 2rem 1rem; background: var(--page); color: var(--text);
         font: 1rem/1.5 system-ui, sans-serif; }}
  main {{ max-width: 60rem; margin: 0 auto; }}
  h1 {{ font-size: 1.5rem; margin: 0 0 1rem; }}
  ul {{ list-style: none; margin: 0 0 1.5rem; padding: 0; }}
  li {{ margin: 0 0 .5rem; padding: .6rem .8rem; background: var(--box);
        border-left: .3rem solid var(--edge); border-radius: .2rem; }}
  code {{ font: .95rem/1.45 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }}
  p {{ color: var(--muted); margin: 0; }}
</style>
</head>
<body>
<main>
<h1>{HEADING}</h1>
<ul>
{items}
</ul>
<p>{count}, as <code>explainer check</code> lists them. Every page of the preview shows
this until they are fixed; once the file is saved without them, the page comes back by itself.</p>
</main>
</body>
</html>
""".encode()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(project: Project, *, language: str | None = None, dev_addr: str = "127.0.0.1:8000",
          open_browser: bool = False, every_language: bool = False, engine_name: str = "mkdocs") -> None:
    """Serve one language (the default unless `language` says otherwise), or all of them.

    One language rebuilds in about a second, in this process; every language takes a
    build per language on each save.
    """
    host, _, port = dev_addr.rpartition(":")
    root = Path(tempfile.mkdtemp(prefix="explainer-serve-")) / "site"
    languages = None if every_language else [language or project.default_language]
    if language and language not in project.languages:
        raise ExplainerError(f"unknown language {language!r} (expected one of: "
                             + ", ".join(project.languages) + ")")

    if engine_name == "zensical":
        from build_scripts.site import zensical_engine

        zensical_engine.theme_dir()  # says how to install Zensical before anything is served
    preview = Preview(project, root, languages, engine_name)
    preview.build()
    if not root.is_dir():
        root.mkdir(parents=True)
    server = PreviewServer(preview, host=host or "127.0.0.1", port=int(port), root=str(root),
                           polling_interval=POLLING_INTERVAL)
    server.build_delay = BUILD_DELAY
    for path in (project.content_dir, project.seeds_dir, project.config_file):
        if path.exists():
            server.watch(str(path))
    # overrides/: the project's page templates (overrides/explainer/) and theme (custom_dir).
    server.watch_when_made((project.root / "overrides").absolute())
    prefix = project.url_prefix(language) if language and not every_language else ""
    # Stopped by a signal (a terminal closing, a process manager), clean up as on Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"explainer serve: http://{host or '127.0.0.1'}:{port}/{prefix}", file=sys.stderr)
    try:
        server.serve(open_in_browser=open_browser)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(root.parent, ignore_errors=True)
