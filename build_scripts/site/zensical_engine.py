"""The Zensical engine: each language as a plain project that Zensical builds.

Zensical (PyPI `zensical`, by Material's authors) reads mkdocs.yml and runs the
Python-Markdown extensions it lists, but no MkDocs plugin. So for it the generator
writes, per language, a complete plain project into the staging folder: a
configuration file with everything the explainer plugin sets at run time for the
MkDocs engine (the language, its navigation, site name, alternates, strings, palette
toggles, the glossary extension's terms: `engine.configure`, applied to MkDocs'
configuration and written out as plain data), the language's docs, and the theme
overrides as the custom theme folder. What the plugin does to built pages (the
sanitizer on the body, `dir` on <html>, mending the theme's markup) is done here as
a Python-Markdown postprocessor (`render.safe_output`) and a pass over the built
HTML. Then the same assembly as the MkDocs engine's: languages below the default one,
the shared theme, swapped in for the site folder only on success.

What Zensical does not do yet is listed in README (Engines) and marked in
tests/test_zensical.py.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from build_scripts import pipeline
from build_scripts.errors import ExplainerError, InvalidContent, Problems
from build_scripts.project import Project
from build_scripts.render import glossary_links, templates
from build_scripts.render.pages import NOT_FOUND
from build_scripts.site import assets, engine, mend, notfound, offline, palette, safety

CONFIG_NAME = "mkdocs.yml"
# The Markdown extensions the explainer plugin's work needs, by module name.
RAW_BLOCKS = "build_scripts.render.raw_blocks"
SAFE_OUTPUT = "build_scripts.render.safe_output"
OVERLAY = Path(__file__).parent / "theme_zensical"



class ZensicalMissing(ExplainerError):
    """The Zensical engine was chosen, but zensical is not installed."""


@functools.cache
def theme_dir() -> Path:
    """Zensical's own theme (its fork of Material's templates)."""
    try:
        import zensical
    except ImportError:
        raise ZensicalMissing("the zensical engine needs Zensical: pip install -e \".[zensical]\" "
                              "(or use the default engine, mkdocs)") from None
    return Path(zensical.__file__).parent / "templates"


def available() -> bool:
    try:
        theme_dir()
    except ZensicalMissing:
        return False
    return True


def _plain(value: Any) -> Any:
    """MkDocs' configuration values as plain YAML data (lists, dicts, strings)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if callable(value):  # toc's slugify: Zensical loads mkdocs.yml's Python tags as MkDocs does
        return value
    return str(value)


def project_config(sources: pipeline.Sources, language: str, theme: Path) -> dict[str, Any]:
    """The plain configuration of one language's Zensical project (docs/ and site/ beside it)."""
    from mkdocs.config import load_config

    project = sources.project
    config = load_config(str(project.config_file))
    engine.configure(config, sources, language)
    raw = _raw(project.config_file)
    stylesheets = theme_dir() / "assets/stylesheets/classic"
    main_css = next(stylesheets.glob("main.*.min.css")).name
    palette_css = next(stylesheets.glob("palette.*.min.css")).name
    extra = _plain(dict(config.extra))
    extra["explainer_search_index"] = "search.json"  # Zensical's, at the language's root
    # The footer names the engine that made the site (theme/partials/copyright.html).
    extra["explainer_made_with"] = '<a href="https://zensical.org/" target="_blank" rel="noopener">Zensical</a>'
    # The 404 page's text (the MkDocs plugin gives it to the template in its context).
    extra["explainer_notfound"] = notfound.body(
        project, language, notfound.base_path(project, language, config.site_url))
    extra["explainer_main_css"] = f"classic/{main_css}"
    extra["explainer_palette_css"] = f"classic/{palette_css}"
    extra.update(engine.colour_css(config.theme.get("palette"), engine._read(stylesheets / palette_css)))
    theme_config = {key: _plain(value) for key, value in dict(raw.get("theme") or {}).items()}
    theme_config.update(name="material", variant="classic", language=language, custom_dir=theme.name)
    if config.theme.get("palette"):
        theme_config["palette"] = _plain(config.theme.get("palette"))
    extensions: list[Any] = []
    names = []
    for item in raw.get("markdown_extensions") or []:
        name = next(iter(item)) if isinstance(item, dict) else str(item)
        names.append(name)
    for name in [*names, glossary_links.NAME, RAW_BLOCKS, SAFE_OUTPUT]:
        options = config.mdx_configs.get(name)
        if name in (RAW_BLOCKS, SAFE_OUTPUT) or options is None:
            extensions.append(name)
        else:
            extensions.append({name: _plain(options)})
    # Zensical's search has no language option (it has its own index and worker).
    search = config.plugins.get("search") or config.plugins.get("material/search")
    plugins: list[Any] = ["search"] if search is not None else []
    out = {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": config.site_url,
        "copyright": config.copyright,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": config.use_directory_urls,
        "theme": theme_config,
        "nav": _plain(config.nav),
        "extra": extra,
        "extra_css": [str(item) for item in config.extra_css],
        "extra_javascript": [str(item) for item in config.extra_javascript],
        "markdown_extensions": extensions,
        "plugins": plugins,
    }
    return {key: value for key, value in out.items() if value is not None}


def _raw(config_file: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as written (Python tags and !ENV resolved, as MkDocs reads it)."""
    from yaml_env_tag import construct_env_tag

    class Loader(yaml.UnsafeLoader):
        pass

    Loader.add_constructor("!ENV", construct_env_tag)
    with config_file.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=Loader)  # noqa: S506 - the project's own file
    return data if isinstance(data, dict) else {}


def write_project(sources: pipeline.Sources, language: str, folder: Path) -> Path:
    """Write one language's plain Zensical project into `folder`; return its config file."""
    project = sources.project
    folder.mkdir(parents=True)
    docs = folder / "docs"
    others = {project.url_prefix(code).rstrip("/") for code in project.languages if code != language}
    source = project.docs_for(language)

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name.startswith(".")}
        if Path(directory) == project.docs_dir and not project.url_prefix(language):
            skipped |= others & set(names)
        return skipped

    shutil.copytree(source, docs, ignore=ignore)
    for path in list(docs.rglob("*")):
        if path.is_file() and templates.in_overrides(project.root, str(source / path.relative_to(docs))):
            path.unlink()
    # The 404's text is not a page: the theme's 404.html shows it (site/notfound.py).
    (docs / NOT_FOUND).unlink(missing_ok=True)
    theme = folder / "theme"
    shutil.copytree(engine.THEME, theme)
    shutil.copytree(OVERLAY, theme, dirs_exist_ok=True)  # where Zensical's templates differ
    # Zensical's search is its own dialog, driven by its own bundle: keep its partial, and
    # its header, which holds the dialog's button (the A–Z link is in the navigation there).
    (theme / "partials/search.html").unlink()
    (theme / "partials/header.html").unlink()
    from mkdocs.config import load_config

    custom = load_config(str(project.config_file)).theme.custom_dir
    if custom:
        shutil.copytree(custom, theme, dirs_exist_ok=True)
    config = project_config(sources, language, theme)
    path = folder / CONFIG_NAME
    path.write_text("# Written by explainer build --engine zensical; not to be edited.\n"
                    + yaml.dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _build_language(config_file: Path, language: str, prefix: str = "") -> list[str]:
    """Run `zensical build --strict` on one language's project; return its problems.

    Strict, as the MkDocs engine's builds are: a warning (a link to a page that does not
    exist) fails the build, each one reported as a line of its own.
    """
    try:
        process = subprocess.Popen([sys.executable, "-c", LAUNCH, str(os.getpid()), "build", "--clean",
                                    "--strict", "-f", str(config_file)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   cwd=config_file.parent,
                                   env={**os.environ, "PYTHONPATH": _pythonpath(), "NO_COLOR": "1"})
    except OSError as error:
        return [f"[{language}] Zensical failed: {error}"]
    with _lock:
        _running.add(process)
    try:
        stdout, stderr = process.communicate()
    finally:
        with _lock:
            _running.discard(process)
    if process.returncode == 0:
        return []
    if process.returncode < 0:  # killed: the build was interrupted (see _build_all)
        return [f"[{language}] Zensical stopped by signal {-process.returncode}"]
    output = ANSI.sub("", stdout + "\n" + stderr)
    warnings = [f"[{language}] docs/{prefix}{where.group(1)}:{where.group(2)}: {what}" if where else f"[{language}] {what}"
                for what, where in ((match.group(1).strip(), WHERE.search(match.group(2)))
                                    for match in WARNING.finditer(output))]
    if warnings:
        return warnings
    # Anything else Zensical reports as the last line of a Python traceback: that line alone.
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return [f"[{language}] Zensical failed: {lines[-1] if lines else f'exit status {process.returncode}'}"]


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# "Warning: page does not exist", then where: "╭─[ actors/putin.md:3:5 ]".
WARNING = re.compile(r"^(?:Warning|Error): (.*)$((?:\n(?!(?:Warning|Error): ).*){0,3})", re.M)
WHERE = re.compile(r"\[ ([^\]]+?):(\d+)(?::\d+)? \]")


def _pythonpath() -> str:
    """The generator's own folder first, so that Zensical finds its Markdown extensions."""
    root = str(Path(__file__).resolve().parents[2])
    current = os.environ.get("PYTHONPATH")
    return root + (os.pathsep + current if current else "")


# `zensical` as a child that dies with the build, whatever kills it: the kernel sends it
# SIGKILL when the build's thread that started it ends (Linux prctl PR_SET_PDEATHSIG), as
# the MkDocs engine's workers; if the build died before that was set up, it ends itself.
LAUNCH = """import ctypes, ctypes.util, os, runpy, sys
try:
    ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").prctl(1, 9, 0, 0, 0)
except (OSError, AttributeError):
    pass
if os.getppid() != int(sys.argv[1]):
    os._exit(1)
sys.argv = ["zensical", *sys.argv[2:]]
runpy.run_module("zensical", run_name="__main__", alter_sys=True)
"""

# The `zensical build` processes under way, ended if the build is interrupted.
_running: set[subprocess.Popen[str]] = set()
_lock = threading.Lock()


def _build_all(project: Project, configs: dict[str, Path], workers: int) -> list[str]:
    """Build the languages' projects, `workers` at a time; on Ctrl-C or SIGTERM, kill them all."""
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(_build_language, config, code, project.url_prefix(code))
                   for code, config in configs.items()]
        return [message for future in futures for message in future.result()]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        with _lock:
            for process in _running:
                process.kill()
        raise
    finally:
        pool.shutdown(wait=True)


def finish(site: Path, language: str, prefix: str = "") -> None:
    """What the explainer plugin does to every built page, done on Zensical's output.

    `prefix` is the language's folder ('ru/') where the site has no address: Zensical then
    links the 404 page from the server's root, as if every language were at the root;
    the MkDocs engine gives that page the language's folder as its base (notfound.py).
    """
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        changed = engine.html_direction(mend.page(text), language)
        if prefix and page.relative_to(site).as_posix() == "404.html":
            changed = re.sub(rf'(\s(?:href|src)=")/(?!/|{re.escape(prefix)})', rf"\1/{prefix}", changed)
        if changed != text:
            page.write_text(changed, "utf-8")


def build(project: Project, site_dir: Path | str | None = None, jobs: int | None = None,
          only: list[str] | None = None) -> Path:
    """Generate and build the whole site with Zensical; swap it in for `site_dir` on success."""
    theme_dir()  # says how to install Zensical before anything is touched
    target = Path(site_dir or project.site_dir).resolve()
    if site_dir is not None:
        safety.check_site_option(project.root, project.docs_dir, target)
    with engine.source_date_epoch(project):
        try:
            return _build_into(project, target, jobs, only)
        except OSError as error:
            raise safety.machine_fault(error, project.root, target) from error


def _build_into(project: Project, target: Path, jobs: int | None, only: list[str] | None) -> Path:
    safety.check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    safety.remove_leftovers(target)
    sources = engine.prepare(project, only=only)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        safety.mark_staging(staging)
        languages = [code for code in project.languages if not only or code in only]
        configs = {code: write_project(sources, code, staging / f"project-{code}") for code in languages}
        workers = max(1, min(jobs or os.cpu_count() or 1, len(configs)))
        messages = _build_all(project, configs, workers)
        if messages:
            raise engine.BuildFailed("\n".join(messages))
        folders = {code: config.parent / "site" for code, config in configs.items()}
        for code, folder in folders.items():
            finish(folder, code, "" if project.site_url else project.url_prefix(code))
        assembled = staging / "root"
        default = folders.get(project.default_language)
        if default is not None:
            default.rename(assembled)
        else:
            assembled.mkdir()
        for code, folder in folders.items():
            if code != project.default_language:
                folder.rename(assembled / project.url_prefix(code).rstrip("/"))
        # The offline copy as the MkDocs engine makes it (offline.py packages Zensical's
        # search index as the script its bundle reads from disk).
        engine.publish(assembled, target, sources, languages, offline_copy=not only)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
