"""Live preview of the whole site, every language, with MkDocs' live-reload server.

Saving a file in content/ or seeds/ (or mkdocs.yml) rebuilds the site and the
browser reloads. A rebuild that fails prints its problems and keeps serving the
last good site, so an editor's typo never takes the preview down.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from . import site
from .errors import ExplainerError, InvalidContent
from .project import Project

# MkDocs looks for changes every half second and then waits a tenth of a second for
# more; a twentieth each keeps a save within a second of the page (a look at content/
# takes about a millisecond).
POLLING_INTERVAL = 0.05  # seconds
BUILD_DELAY = 0.05


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(project: Project, *, language: str | None = None, dev_addr: str = "127.0.0.1:8000",
          open_browser: bool = False, every_language: bool = False) -> None:
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

    def builder() -> None:
        started = time.perf_counter()
        try:
            site.build(project, site_dir=root, only=languages, jobs=1 if languages else None)
        except InvalidContent as error:
            print("\n".join(error.problems.lines()), file=sys.stderr)
            print("explainer serve: fix the problems above; still showing the last good build",
                  file=sys.stderr)
            return
        except ExplainerError as error:
            print(f"explainer serve: {error}", file=sys.stderr)
            return
        print(f"explainer serve: rebuilt in {time.perf_counter() - started:.2f} s", file=sys.stderr)

    builder()
    if not root.is_dir():
        root.mkdir(parents=True)
    server = LiveReloadServer(builder=builder, host=host or "127.0.0.1", port=int(port), root=str(root),
                              polling_interval=POLLING_INTERVAL)
    server.build_delay = BUILD_DELAY
    for path in (project.content_dir, project.seeds_dir, project.config_file):
        if path.exists():
            server.watch(str(path))
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
