"""The published JSON Schema and EDITING.md are generated from the content model."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from build_scripts import project as project_module
from build_scripts.commands import reference
from build_scripts.content import frontmatter, json_schema, schema

from .conftest import FIXTURES, ROOT, run_cli


def test_committed_schema_and_reference_are_up_to_date() -> None:
    result = run_cli("schema", "--check")
    assert result.code == 0, result.err
    for relative, text in reference.outputs().items():
        assert (ROOT / relative).read_text(encoding="utf-8") == text


def test_schema_check_reports_a_stale_file(tmp_path: Path) -> None:
    assert run_cli("schema", "--output", tmp_path).code == 0
    (tmp_path / "EDITING.md").write_text("edited\n", encoding="utf-8")
    result = run_cli("schema", "--output", tmp_path, "--check")
    assert result.code == 1
    assert result.err.strip() == "explainer: out of date: EDITING.md (run: explainer schema)"


def original_notes(project: Path) -> list[tuple[str, dict]]:
    """(kind, front matter) of every default-language note of a project."""
    default = project_module.load(project / "mkdocs.yml").default_language
    notes = []
    for kind in schema.KINDS.values():
        for path in sorted((project / "content" / kind.folder).glob(f"*.{default}.md")):
            front, _, _, _ = frontmatter.split(path.read_text("utf-8"))
            notes.append((kind.name, yaml.safe_load(front) or {}))
    return notes


@pytest.mark.parametrize("project", [ROOT, FIXTURES / "mini"], ids=["shipped", "mini"])
def test_json_schema_accepts_what_check_accepts(project: Path) -> None:
    document = json_schema.document()
    for kind, data in original_notes(project):
        # YAML dates become strings in the loader; JSON Schema sees the same text.
        data = {key: str(value) if key == "date" else value for key, value in data.items()}
        jsonschema.validate(data, {**document, "$ref": f"#/$defs/{kind}"})


def test_json_schema_rejects_what_check_rejects() -> None:
    document = {**json_schema.document(), "$ref": "#/$defs/actor"}
    good = {"title": "A", "summary": "B", "kind": "person", "role": "C"}
    jsonschema.validate(good, document)
    for bad in ({**good, "kind": "club"}, {**good, "colour": "red"},
                {key: value for key, value in good.items() if key != "role"},
                {**good, "relations": [{"type": "Friend of", "actor": "x"}]},
                {**good, "sources": [{"quote": "no paragraph"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, document)
