"""Page templates a project overrides in overrides/explainer/ (issue 15), on real builds.

The Valmont fixture (French, English, Arabic) is built once per session as the package
renders it (`valmont_built`); each test here changes a copy of it and builds that again.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_scripts.render import templates

from .conftest import edit, run_cli, tree_digest

LANGUAGES = {"fr": "", "en": "en/", "ar": "ar/"}
ROLE_FIRST = ("# {{ page.title | md }}\n\n{{ role(note) }}\n",
              "{{ role(note) }}\n\n# {{ page.title | md }}\n")


def copy_built(built: Path, target: Path) -> Path:
    """A copy of a built project, its site/ and docs/ included (the last good build)."""
    shutil.copytree(built, target, symlinks=True)
    return target


def override(root: Path, name: str, text: str) -> Path:
    """Write the project's own overrides/explainer/`name`."""
    path = root / "overrides" / "explainer" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def package_template(name: str) -> str:
    return (templates.PACKAGE / name).read_text(encoding="utf-8")


def article(page: Path) -> str:
    """The page's own content (Material's <article>), without the theme around it, and without
    the size and checksum of the offline copy (on the about page), which has every page in it."""
    found = re.search(r"<article.*?</article>", page.read_text("utf-8"), re.DOTALL)
    assert found is not None, page
    return re.sub(r'(<p class="explainer-offline">).*?</p>', r"\1</p>", found.group(0))


def built_pages(root: Path) -> dict[str, Path]:
    """Every built page of every language: {'en/actors/tav/': path of its index.html}."""
    site = root / "site"
    return {path.parent.relative_to(site).as_posix() + "/": path for path in site.rglob("index.html")
            if path.parent.name != "offline"}


def is_actor_page(relative: str) -> bool:
    parts = relative.strip("/").split("/")
    if parts and parts[0] in ("en", "ar"):
        parts = parts[1:]
    return len(parts) == 2 and parts[0] == "actors"


def test_an_overridden_template_changes_every_page_of_its_type_and_no_other(
        valmont_built: Path, tmp_path: Path) -> None:
    root = copy_built(valmont_built, tmp_path / "valmont")
    text = package_template("actor.md.j2")
    assert ROLE_FIRST[0] in text
    override(root, "actor.md.j2", text.replace(*ROLE_FIRST))
    # overrides/ as Material's custom_dir too, as a project with theme overrides has it.
    edit(root / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    result = run_cli("-f", root / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert not list((root / "site").rglob("*.j2"))  # read by the build, not published

    before, after = built_pages(valmont_built), built_pages(root)
    assert sorted(before) == sorted(after)
    actors = [page for page in after if is_actor_page(page)]
    # Every actor of every language, the untranslated Arabic one included.
    assert {page.split("actors/")[0] for page in actors} == set(LANGUAGES.values())
    assert len(actors) == 3 * len(list((root / "content" / "actors").glob("*.fr.md")))
    for page in actors:
        content = article(after[page])
        role, heading = content.index('class="explainer-role"'), content.index("<h1")
        assert role < heading, f"{page}: the role is not first"
        assert article(before[page]).index('class="explainer-role"') > article(before[page]).index("<h1")
    for page in after:
        if not is_actor_page(page):
            assert article(after[page]) == article(before[page]), f"{page} changed"


BROKEN = {
    "a syntax error": ("glossary.md.j2", "# {{ page.title | md }}\n\n{% if note %}\n{{ note.body }}\n",
                       4, "Unexpected end of template"),
    "an unknown name": ("actor.md.j2", "# {{ page.title | md }}\n\n{{ note.rol }}\n",
                        3, "actor notes have no field 'rol'"),
    "an unknown filter": ("scenario.md.j2", "# {{ page.title | md }}\n{{ note.summary | shout }}\n",
                          2, "No filter named 'shout'"),
    "an unknown helper": ("partials/sources.md.j2", "{{ sources_of(note) }}\n",
                          1, "'sources_of' is undefined"),
    # Rendered after the engine built the pages (the offline copy's notes): the same report.
    "an unknown helper in the offline notes": (
        "partials/offline.md.j2", "{% macro here(text) %}{{ text }}{% endmacro %}\n"
        "{% macro download(href, label, details, digest) %}{{ size_of(href) }}{% endmacro %}\n",
        2, "'size_of' is undefined"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_override_is_one_line_with_its_file_and_line_and_the_site_is_kept(
        valmont_built: Path, tmp_path: Path, case: str) -> None:
    name, text, line, words = BROKEN[case]
    root = copy_built(valmont_built, tmp_path / "valmont")
    site, docs = tree_digest(root / "site"), tree_digest(root / "docs")
    override(root, name, text)
    result = run_cli("-f", root / "mkdocs.yml", "build")
    assert result.code == 1, result.err
    lines = result.err.splitlines()
    assert len(lines) == 2, result.err  # the problem, and "1 problem found; nothing was built"
    assert lines[0].startswith(f"overrides/explainer/{name}:{line}: "), lines[0]
    assert words in lines[0]
    assert "EDITING.md" in lines[0]  # where to look for what is allowed
    assert "Traceback" not in result.err
    assert tree_digest(root / "site") == site and tree_digest(root / "docs") == docs


def test_overrides_that_copy_the_package_templates_change_nothing(
        valmont_built: Path, tmp_path: Path) -> None:
    root = copy_built(valmont_built, tmp_path / "valmont")
    for path in templates.PACKAGE.rglob("*.j2"):
        override(root, path.relative_to(templates.PACKAGE).as_posix(), path.read_text("utf-8"))
    docs = tree_digest(root / "docs")
    result = run_cli("-f", root / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    assert tree_digest(root / "docs") == docs
    before, after = built_pages(valmont_built), built_pages(root)
    for page in after:
        assert article(after[page]) == article(before[page]), f"{page} changed"


def test_editing_md_lists_every_name_a_template_is_given(mini: Path) -> None:
    from build_scripts import pipeline, project
    from build_scripts.render import context, pages

    renderer = pages.Renderer(pipeline.load(project.load(mini / "mkdocs.yml")), "en")
    assert set(context.context(renderer)) == set(context.CONTEXT_NAMES)
    names = {path.name.removesuffix(templates.SUFFIX) for path in templates.PACKAGE.glob("*.j2")}
    assert names == set(context.PAGE_NAMES)
    editing = (Path(__file__).parent.parent / "EDITING.md").read_text("utf-8")
    for name in context.CONTEXT_NAMES:
        assert f"| `{name}` |" in editing
