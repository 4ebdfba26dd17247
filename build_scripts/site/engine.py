"""From validated sources to the built site: one MkDocs project per language.

``build`` reads as the job: load and validate → render docs/ → build every language
with MkDocs (in parallel, strict) into a staging folder → swap it in for site/.
Each language is a separate MkDocs build, so each has its own search index, 404
page and sitemap; the default language is at the site root, the others below it.

Builds are reproducible: two builds of the same commit are byte for byte the same.
The only clock MkDocs reads is SOURCE_DATE_EPOCH (else today's date), which it stamps
into sitemap.xml.gz's gzip header; `build` sets it from the project's last commit
when it is not set. Everything else is ordered by sorted paths and the navigation.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import material
import pathspec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from build_scripts import pipeline
from build_scripts.content import markup
from build_scripts.render import glossary_links, pages, raw_blocks, templates
from build_scripts.site import assets, contrast, generate, notfound, offline, palette, safety, search_index
from build_scripts.errors import ExplainerError, InvalidContent, Problems
from build_scripts.project import Project
from build_scripts.render.strings import direction, native_name

THEME = Path(__file__).parent / "theme"
LUNR = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"


class BuildFailed(ExplainerError):
    """MkDocs reported warnings or errors (strict mode) for one or more languages."""


# The sources of the build under way. The language builds run in processes forked
# from the one that loaded them, so they inherit this instead of loading everything
# again (loading is most of the time a build spends outside MkDocs).
_loaded: pipeline.Sources | None = None


def prepare(project: Project, *, write: bool = True, only: list[str] | None = None) -> pipeline.Sources:
    """Load and validate the sources and (unless told not to) regenerate docs/ (for `only`)."""
    if _loaded is not None and _loaded.project == project and not write:
        return _loaded
    sources = pipeline.load(project)
    if write:
        write_docs(sources, only)
    return sources


def write_docs(sources: pipeline.Sources, only: list[str] | None = None) -> list[str]:
    """Render every language (or those of `only`) into docs/, refusing to overwrite hand edits."""
    project = sources.project
    files, origins = pages.render_site(sources, only)
    scope = None if only is None else (lambda path: language_of(project, path) in only)
    problems = Problems(project.root)
    generate.hand_edits(project.docs_dir, origins, problems, scope)
    if problems:
        raise InvalidContent(problems)
    return generate.write(project.docs_dir, files, scope)


def language_of(project: Project, docs_path: str) -> str:
    """The language whose page docs/`docs_path` is: 'ru' for 'ru/actors/putin.md'."""
    for code in project.languages:
        prefix = project.url_prefix(code)
        if prefix and docs_path.startswith(prefix):
            return code
    return project.default_language


def language_link(project: Project, source: str, target: str) -> str:
    """The link from `source` language's site root to `target` language's root: '../ru/'."""
    up = "../" if project.url_prefix(source) else ""
    return (up + project.url_prefix(target)) or "./"


def colour_css(palette_option: Any, palette_sheet: str) -> dict[str, str]:
    """The inline colour rules of both engines' pages, from the theme's palette sheet: the
    project's colour brought to WCAG AA where Material's shade falls short (contrast.py),
    and the dark scheme for readers without scripts (palette.py), ours included."""
    readable = contrast.readable_css(palette_option, palette_sheet)
    dark = palette.no_script_dark(palette_option, [palette_sheet, readable, _read(THEME / "assets/explainer.css")])
    return {"explainer_contrast_css": readable, "explainer_dark_css": dark}


def configure(config: MkDocsConfig, sources: pipeline.Sources, language: str) -> None:
    """Point one MkDocs build at `language`: its pages, interface, navigation and alternates."""
    project = sources.project
    if language not in project.languages:
        raise ExplainerError(f"unknown language {language!r} (expected one of: "
                             + ", ".join(project.languages) + ")")
    config.docs_dir = str(project.docs_for(language))
    config.theme["language"] = language
    # Our templates go after the project's own custom_dir and before Material's.
    position = 1 if config.theme.custom_dir else 0
    if str(THEME) not in config.theme.dirs:
        config.theme.dirs.insert(position, str(THEME))
    config.nav = pages.nav(sources, language)
    unlisted = pages.unlisted_sections(sources)
    if unlisted:  # their notes are on purpose not in the navigation: no warning for that
        config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(
            [line for section in unlisted for line in (f"/{section}/*.md", f"!/{section}/index.md")])
    # The home page's title names the site in each language (mkdocs.yml has one name only).
    home = sources.notes.get("page", "home")
    if home is not None:
        config.site_name = html.escape(home.text(language, "title"))
    site_root = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    if site_root and project.url_prefix(language):
        config.site_url = site_root + project.url_prefix(language)
    # Material's own alternates would announce every language's home page as this
    # page's translation; `True` keeps its header selector (our partial) and drops those.
    config.extra["alternate"] = True
    config.extra["explainer_alternates"] = [
        {"name": native_name(code), "lang": code, "link": language_link(project, language, code),
         "root": site_root + project.url_prefix(code) if site_root else ""}
        for code in project.languages
    ]
    config.extra["explainer_site_root"] = site_root
    config.extra["explainer_language"] = language
    # Material's stylesheets carry a hash in their names; find them instead of pinning it.
    sheets = Path(material.__file__).parent / "templates/assets/stylesheets"
    config.extra["explainer_main_css"] = next(sheets.glob("main.*.min.css")).name
    config.extra["explainer_palette_css"] = next(sheets.glob("palette.*.min.css")).name
    config.extra.update(colour_css(config.theme.get("palette"),
                                   _read(sheets / config.extra["explainer_palette_css"])))
    # Glossary links, by a Markdown extension configured with this language's terms.
    if glossary_links.NAME not in config.markdown_extensions:
        config.markdown_extensions.append(glossary_links.NAME)
    config.mdx_configs[glossary_links.NAME] = glossary_configuration(sources, language)
    # The source page's paragraphs, set aside in one pass (md_in_html's is quadratic).
    if not any(isinstance(ext, raw_blocks.ParagraphBlocksExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(raw_blocks.ParagraphBlocksExtension())
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = sources.strings[language]("source.permalink")
    # Material names a search language only where its interface file does; use the
    # language itself wherever lunr has a stemmer for it (Arabic, for one).
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None and not search.config.get("lang") and (LUNR / f"lunr.{language}.min.js").is_file():
        search.config.lang = [language]
    config.extra["explainer_strings"] = sources.strings[language].values
    # mkdocs.yml names the colour schemes once; their toggles speak the page's language.
    for option in config.theme.get("palette") or []:
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
            dark = option.get("scheme") == "slate"  # the toggle shown in a scheme leads to the other
            option["toggle"] = {**option["toggle"], "name": sources.strings[language](
                "palette.to_light" if dark else "palette.to_dark")}
    if "assets/explainer.js" not in config.extra_javascript:
        config.extra_javascript.append("assets/explainer.js")


@functools.cache
def _read(path: Path) -> str:
    """A stylesheet of the generator's or Material's, read once per process."""
    return path.read_text("utf-8")


def quick_theme(config: MkDocsConfig) -> None:
    """Make the Jinja environments MkDocs creates for the theme quicker to set up.

    Each build (and each save in `explainer serve`) creates several: compiled templates
    are kept on disk for all of them (Material's search plugin compiles its language
    files in every build), and Material's own files are listed once per process, without
    the dot folders (13,000 icons) that MkDocs never copies to the site anyway.
    """
    theme = config.theme
    if "get_env" in vars(theme):
        return
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = template_cache()
        if isinstance(env.loader, jinja2.FileSystemLoader):
            searchpath = list(env.loader.searchpath)
            env.loader.list_templates = lambda: sorted(  # type: ignore[method-assign]
                {name for folder in searchpath for name in _theme_files(folder)})
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


_listed: dict[str, list[str]] = {}
MATERIAL = str(Path(material.__file__).parent)


def _theme_files(folder: str) -> list[str]:
    """The files below a theme folder ('assets/javascripts/bundle.js'), dot folders left out."""
    if folder in _listed:
        return _listed[folder]
    names = []
    for path, folders, files in os.walk(folder, followlinks=True):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        relative = os.path.relpath(path, folder)
        names += [name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
                  for name in files if not name.startswith(".")]
    if folder.startswith(MATERIAL + os.sep):  # an installed package does not change while we run
        _listed[folder] = names
    return names


def template_cache() -> jinja2.BytecodeCache:
    """A cache of compiled Jinja templates shared by every build on this machine."""
    folder = Path(tempfile.gettempdir()) / f"explainer-templates-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def html_direction(output: str, language: str) -> str:
    """Give <html> the language's writing direction (Material sets it on <body> only)."""
    return HTML_START.sub(rf'\1 dir="{direction(language)}"', output, count=1)


HTML_START = re.compile(r'(<html lang="[^"]*")(?! dir=)')


def glossary_configuration(sources: pipeline.Sources, language: str) -> dict[str, Any]:
    """The glossary extension's configuration for one language: plain data, as in mkdocs.yml."""
    terms = [{"id": item.id, "forms": list(item.text(language, "forms") or []),
              "summary": markup.plain(item.text(language, "summary") or "")}
             for item in sources.notes.of("term")]
    # Actors' names (in this language) are never linked inside: "Alliance des États du Sahel"
    # is a name of its own, even where "Sahel" is a term.
    names = [str(item.text(language, "title") or "") for item in sources.notes.of("actor")]
    return {"terms": terms, "names": names, "language": language,
            "glossary": pages.page_path("glossary")}


def language_files(files: Files, project: Project, language: str) -> Files:
    """Leave out other languages' folders (docs/ holds them below the default language) and
    the 404's text, which the theme's 404.html shows (site/notfound.py), not a page."""
    for file in list(files):
        if notfound.is_source(file.src_uri):
            files.remove(file)
    if project.url_prefix(language):
        return files
    others = tuple(project.url_prefix(code) for code in project.languages if code != language)
    for file in list(files):
        if file.src_uri.startswith(others):
            files.remove(file)
    return files


def _build_language(config_file: str, language: str, site_dir: str,
                    site_url: str | None = None) -> list[str]:
    """Build one language with MkDocs (in a worker process); return its warnings and errors.

    `site_url` is the site's address where mkdocs.yml gives none (a deploy knows it).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(f"[{language}] {record.getMessage()}")

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file, site_dir=site_dir, strict=True)
        if site_url and not config.site_url:
            config.site_url = site_url
        plugin = config.plugins["explainer"]
        plugin.config.language = language
        plugin.config.generate = False
        mkdocs_build(config)
    except MkDocsException as error:
        if not messages:
            messages.append(f"[{language}] {error}")
    except Exception as error:  # reported as a message, never as a traceback
        messages.append(f"[{language}] MkDocs failed: {type(error).__name__}: {error}")
    finally:
        logger.removeHandler(handler)
    return messages


def last_commit_time(folder: Path) -> str | None:
    """The commit time of HEAD in the git repository holding `folder` (seconds), if any."""
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    return stamp if done.returncode == 0 and stamp.isdigit() else None


@contextmanager
def source_date_epoch(project: Project) -> Iterator[str | None]:
    """Set SOURCE_DATE_EPOCH for one build: as given, else the last commit's time, else unset.

    MkDocs reads it (utils.get_build_datetime) in this process and in the workers,
    which inherit the environment; it is restored afterwards, since `serve` builds
    again and again in one process and the project may be committed in between.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        if not given.strip().isdigit():
            raise ExplainerError(f"SOURCE_DATE_EPOCH={given!r} is not a time (expected whole "
                                 "seconds since 1970-01-01 UTC, such as 1600000000, or unset)")
        yield given
        return
    epoch = last_commit_time(project.root)
    if epoch is None:  # not in a git repository: MkDocs' default, the current date
        yield None
        return
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield epoch
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def build(project: Project, site_dir: Path | str | None = None, jobs: int | None = None,
          only: list[str] | None = None, site_url: str | None = None) -> Path:
    """Generate and build the whole site; swap it in for `site_dir` only on success.

    With `only`, just those languages are built (a quicker preview). `site_url` is the
    address the site is published at, used where mkdocs.yml names none.
    """
    with source_date_epoch(project):
        return _build(project, site_dir, jobs, only, site_url)


def _build(project: Project, site_dir: Path | str | None, jobs: int | None,
           only: list[str] | None, site_url: str | None) -> Path:
    target = Path(site_dir or project.site_dir).resolve()
    if site_dir is not None:
        safety.check_site_option(project.root, project.docs_dir, target)
    try:
        return _build_into(project, target, jobs, only, site_url)
    except OSError as error:  # the machine's fault (a full disk, a read-only folder), not ours
        raise safety.machine_fault(error, project.root, target) from error


def _build_into(project: Project, target: Path, jobs: int | None, only: list[str] | None,
                site_url: str | None) -> Path:
    global _loaded
    # Refused before docs/ is touched: nothing is changed when the site cannot be replaced.
    safety.check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    safety.remove_leftovers(target)
    sources = prepare(project, only=only)
    _loaded = sources
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        safety.mark_staging(staging)
        languages = [code for code in project.languages if not only or code in only]
        folders = {code: staging / f"lang-{code}" for code in languages}
        workers = max(1, min(jobs or os.cpu_count() or 1, len(folders)))
        messages: list[str] = []
        if workers == 1:
            for code, folder in folders.items():
                messages += _build_language(str(project.config_file), code, str(folder), site_url)
        else:
            messages = _build_in_workers(project, folders, workers, site_url)
        if messages:
            raise BuildFailed("\n".join(messages))
        for code, folder in folders.items():
            search_index.rewrite(folder, search_index.name_forms(sources, code))
        assembled = folders.get(project.default_language, staging / "root")
        assembled.mkdir(exist_ok=True)
        for code, folder in folders.items():
            if code != project.default_language:
                folder.rename(assembled / project.url_prefix(code).rstrip("/"))
        publish(assembled, target, sources, languages, offline_copy=not only)
    finally:
        _loaded = None
        shutil.rmtree(staging, ignore_errors=True)
    return target


def publish(assembled: Path, target: Path, sources: pipeline.Sources, languages: list[str], *,
            offline_copy: bool) -> None:
    """Either engine's last steps: one copy of the theme, the offline copy, the swap."""
    project = sources.project
    assets.share(assembled)
    if offline_copy:
        roots = {Path(project.url_prefix(code)): sources.strings[code] for code in languages}
        page_templates = templates.for_project(project.root)
        try:
            digest, size = offline.package(assembled, assembled / offline.ZIP_NAME, roots, page_templates)
            offline.link_from_about_pages(assembled, roots, digest, size, page_templates)
        except templates.TemplateProblem as problem:  # partials/offline.md.j2, overridden
            problems = Problems(project.root)
            problems.add(problem.path, problem.line, "", problem.message)
            raise InvalidContent(problems) from None
    safety.mark_site(assembled)
    safety.swap(assembled, target)


def _build_in_workers(project: Project, folders: dict[str, Path], workers: int,
                      site_url: str | None) -> list[str]:
    """Build the languages in `workers` processes, which never outlive this one."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                               initargs=(os.getpid(),))
    try:
        futures = [pool.submit(_build_language, str(project.config_file), code, str(folder), site_url)
                   for code, folder in folders.items()]
        return [message for future in futures for message in future.result()]
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: stop the workers now rather than
        # wait for their builds, which would write into a staging folder being removed.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """In each worker: die with the build, whatever kills it, and leave Ctrl-C to it.

    The kernel sends SIGKILL when the parent dies (Linux prctl); if it died before
    that was set up, the worker has been adopted already and ends itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build reports Ctrl-C, in one line
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown has to do
        pass
    if os.getppid() != parent:
        os._exit(1)
