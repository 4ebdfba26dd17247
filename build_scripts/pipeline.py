"""The steps before MkDocs, in order: parse the article, load the notes, validate.

``load(project)`` returns everything rendering needs, or raises `InvalidContent`
carrying every problem of the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_scripts.content import article as article_module
from build_scripts.content import frontmatter, notes, validate
from build_scripts.content.article import Article
from build_scripts.content.notes import Notes
from build_scripts.content.schema import check_date
from build_scripts.errors import InvalidContent, Problems
from build_scripts.project import Project, check_language
from build_scripts.render import maps, strings


@dataclass(frozen=True)
class SeedInfo:
    """The metadata file beside a seed: seeds/<name>.yml."""

    language: str
    date: str
    title: str
    outlet: str


@dataclass(frozen=True)
class Sources:
    """The validated inputs of a build."""

    project: Project
    article: Article
    seed: SeedInfo
    notes: Notes
    strings: dict[str, strings.Strings]
    map: maps.Map | None = None
    warnings: tuple[str, ...] = ()


def load(project: Project) -> Sources:
    """Parse, load and validate; raise InvalidContent with every problem found."""
    problems = Problems(project.root)
    loaded = notes.load(project, problems)
    article = seed = None
    if loaded.seed is not None:
        article = article_module.load(loaded.seed, problems)
        seed = _load_seed_info(loaded.seed, article, problems)
    validate.check(project, article, loaded, problems)
    map_warnings: list[str] = []
    locator = maps.load(project.content_dir, problems, set(loaded.items.get("term", {})), project.languages,
                        map_warnings)
    warnings: list[str] = [
        f"{problems.relative(path)}: left out of the build: {path.name.split('.')[-2]!r} is not a "
        "language of this site (add it with `explainer add-language`, or delete the file)"
        for path in loaded.left_out] + loaded.warnings + map_warnings
    interface = {
        language: strings.load(language, project.content_dir, problems, warnings, project.locale(language))
        for language in project.languages
    }
    if problems or article is None or seed is None:
        raise InvalidContent(problems)
    return Sources(project, article, seed, loaded, interface, locator, tuple(warnings))


def _load_seed_info(seed: Path, article: Article | None, problems: Problems) -> SeedInfo | None:
    path = seed.with_suffix(".yml")
    expected = "language, date (YYYY-MM) and title; outlet if known"
    if not path.is_file():
        problems.add(path, 0, "", "missing metadata file beside the seed", expected)
        return None
    parsed = frontmatter.read_yaml(path, problems)
    if parsed is None:
        return None
    data, lines = parsed
    if not frontmatter.check_mapping(path, data, lines, problems, ("language", "date", "title", "outlet"),
                                     expected):
        return None
    wrong = check_language(data.get("language"))
    if wrong:
        problems.add(path, lines.get("language", 1), "language", wrong,
                     "the article's language code, such as nl")
    date = str(data.get("date", ""))
    wrong = check_date(data.get("date")) if "date" in data else "missing"
    if wrong:
        problems.add(path, lines.get("date", 1), "date", wrong, "YYYY-MM")
    elif article is not None and not date.startswith(article.date):
        problems.add(path, lines.get("date", 1), "date",
                     f"{date} does not match the article's date line ({article.date})",
                     article.date)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.add(path, lines.get("title", 1), "title", "missing", "the article's title")
    outlet = data.get("outlet") or ""
    if not isinstance(outlet, str):
        problems.add(path, lines.get("outlet", 1), "outlet", "not a text",
                     "the outlet's name, or nothing when unknown")
    if problems:
        return None
    return SeedInfo(str(data["language"]), date, str(title).strip(), str(outlet).strip())
