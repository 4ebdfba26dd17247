"""An explainer project: its mkdocs.yml, its languages and where its files are.

Everything about a particular site lives in its own ``mkdocs.yml`` (the
``explainer`` plugin's options), ``seeds/`` and ``content/``; nothing in the code.
A project is found like MkDocs finds one: ``mkdocs.yml`` in the current folder, or
the file named with ``-f/--config``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import babel
import yaml
from yaml_env_tag import construct_env_tag

from build_scripts.content.textfile import read_text
from build_scripts.errors import ExplainerError, Problems
from build_scripts.site import safety

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
# A host name as GitHub Pages takes it in CNAME: labels of letters, digits and hyphens.
HOST_NAME = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


@dataclass(frozen=True)
class Project:
    """A project on disk."""

    config_file: Path
    languages: tuple[str, ...]
    docs_dir: Path
    site_dir: Path
    cname: str | None = None  # the custom domain published in CNAME, if any
    site_url: str | None = None  # the address mkdocs.yml gives (after !ENV), if any
    # The variant of a language the site writes (dates, and later sorting): {'en': 'en-GB'}.
    locales: tuple[tuple[str, str], ...] = ()

    def locale(self, language: str) -> str:
        """The locale `language` is written in: its variant where mkdocs.yml names one ('en-GB')."""
        return dict(self.locales).get(language, language)

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    def url_prefix(self, language: str) -> str:
        """Where a language lives under the site root: '' for the default, 'en/' for English."""
        return "" if language == self.default_language else f"{language}/"

    def docs_for(self, language: str) -> Path:
        return self.docs_dir / self.url_prefix(language) if self.url_prefix(language) else self.docs_dir


def find_config(config: str | Path | None = None, start: Path | None = None) -> Path:
    """The project's mkdocs.yml: `config` if given, else mkdocs.yml in `start` (the current folder)."""
    if config:
        path = Path(config)
        if not path.is_file():
            raise ExplainerError(f"{path}: no such configuration file")
        return path.resolve()
    folder = (start or Path.cwd()).resolve()
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    raise ExplainerError(
        f"{folder}: no mkdocs.yml here (run explainer in a project folder, or pass -f FILE)"
    )


@cache
def material_languages() -> frozenset[str]:
    """The interface languages Material for MkDocs ships."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(path.stem for path in folder.glob("*.html"))


def check_language(code: Any) -> str:
    """'' when `code` is a language Babel and Material both know, else what is wrong."""
    if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
        return f"{code!r} is not a language code"
    try:
        babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return f"{code!r} is not a known language"
    if code not in material_languages():
        return f"Material for MkDocs has no interface in {code!r}"
    return ""


def unused_language(code: Any, languages: Collection[str]) -> bool:
    """A real language the site does not have (now): its texts in shared files (references,
    relation labels, map groups) stay there and are left out, as its note files are, so that
    `explainer remove-language` and `add-language` need no edit of them."""
    return code not in languages and not check_language(code)


def left_out_texts(where: str, codes: Collection[str]) -> str:
    """The warning for texts of `unused_language`s in the shared file `where`."""
    return (f"{where}: the texts in {', '.join(sorted(codes))} are left out of the build: not a "
            "language of this site (add it with `explainer add-language`, or delete them)")


def plugin_options(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The explainer plugin's options from a raw mkdocs.yml mapping (list or mapping form)."""
    plugins = raw.get("plugins") or []
    if not isinstance(plugins, dict | list):
        return None
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(entry.items())) if isinstance(entry, dict) else (entry, {}) for entry in plugins
    )
    for name, options in entries:
        if name == "explainer":
            return options if isinstance(options, dict) else {} if options is None else \
                {"languages": options}
    return None


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs' own tags failing (their values do not matter here)."""


# !ENV as MkDocs reads it, so that `site_url: !ENV [SITE_URL, null]` is known here too.
_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(config: str | Path | None = None, start: Path | None = None) -> Project:
    """Find and read the project; raise ExplainerError with one line per problem."""
    config_file = find_config(config, start)
    problems = Problems(config_file.parent)
    text = read_text(config_file, problems)
    raw: Any = None
    if text is not None:
        try:
            raw = yaml.load(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 1 if error.problem_mark else 0
            problems.add(config_file, line, "", f"YAML syntax error: {error.problem}", "valid YAML")
    if problems:
        raise ExplainerError("\n".join(problems.lines()))
    raw = raw if isinstance(raw, dict) else {}
    options = plugin_options(raw)
    line = _line_of(text or "", "explainer")
    if options is None:
        raise ExplainerError(
            f"{problems.relative(config_file)}:1: plugins: the explainer plugin is not configured "
            "(expected '- explainer:' with 'languages: [..]' under 'plugins:')"
        )
    languages = options.get("languages")
    if not isinstance(languages, list) or not languages:
        problems.add(config_file, _line_of(text or "", "languages") or line,
                     "plugins.explainer.languages", "missing or not a list",
                     "a list of language codes, the default first, such as [nl, en]")
    else:
        for code in languages:
            wrong = check_language(code)
            if wrong:
                problems.add(config_file, _line_of(text or "", "languages"),
                             "plugins.explainer.languages", wrong,
                             "a code such as nl, en, ru, be that Material for MkDocs supports")
        if len({str(code) for code in languages}) != len(languages):
            problems.add(config_file, _line_of(text or "", "languages"),
                         "plugins.explainer.languages", "a language is listed twice",
                         "each language once")
    cname = options.get("cname")
    if cname is not None and (not isinstance(cname, str) or not HOST_NAME.match(cname)):
        problems.add(config_file, _line_of(text or "", "cname") or line, "plugins.explainer.cname",
                     f"{cname!r} is not a host name",
                     "the site's own domain without https:// or a path, such as example.org")
    locales = options.get("locales") or {}
    where = _line_of(text or "", "locales") or line
    if not isinstance(locales, dict):
        problems.add(config_file, where, "plugins.explainer.locales", "not a mapping",
                     "a language of the site and its variant on each line, such as 'en: en-GB'")
        locales = {}
    for code, variant in locales.items():
        wrong = _check_variant(code, variant, languages if isinstance(languages, list) else [])
        if wrong:
            problems.add(config_file, _line_of(text or "", str(code)) or where,
                         f"plugins.explainer.locales.{code}", wrong[0], wrong[1])
    root = config_file.parent
    docs_dir = (root / str(raw.get("docs_dir") or "docs")).resolve()
    site_dir = (root / str(raw.get("site_dir") or "site")).resolve()
    # Checked before anything is written: the build replaces both folders wholesale.
    for name, wrong in safety.folder_problems(root, docs_dir, site_dir).items():
        problems.add(config_file, _line_of(text or "", name) or 1, name,
                     f"{raw.get(name) or name.split('_')[0]!r} {wrong}",
                     "a folder of its own, such as " + name.split("_")[0])
    if problems:
        raise ExplainerError("\n".join(problems.lines()))
    return Project(
        config_file=config_file,
        languages=tuple(languages),
        docs_dir=docs_dir,
        site_dir=site_dir,
        cname=cname,
        site_url=str(raw["site_url"]) if isinstance(raw.get("site_url"), str) and raw["site_url"] else None,
        locales=tuple(sorted((str(code), str(variant)) for code, variant in locales.items())),
    )


def _check_variant(code: Any, variant: Any, languages: list[Any]) -> tuple[str, str] | None:
    """What is wrong with `code: variant` in `locales:` (what, expected), or None."""
    if code not in languages:
        return (f"{code!r} is not a language of this site",
                "one of the languages listed in 'languages:': " + ", ".join(map(str, languages)))
    expected = f"{code} with a region that Babel knows, as en-GB, pt-BR or fr-CA are"
    if not isinstance(variant, str) or not LANGUAGE_CODE.match(variant):
        return f"{variant!r} is not a locale code", expected
    try:
        locale = babel.Locale.parse(variant.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return f"{variant!r} is not a known locale", expected
    if locale.language != str(code).split("-")[0]:
        return f"{variant!r} is not a variant of {code!r}", expected
    return None


def _line_of(text: str, word: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"\s*-?\s*{re.escape(word)}\s*:", line):
            return number
    return 0
