"""Relation types: the shipped vocabulary, and the types a project declares itself.

An actor's `relations:` name a type each. The shipped types (schema.RELATION_TYPES)
are labelled by the interface strings (`relations.<type>`); a story that needs
another ("offered its services to", "operates in") declares it in
content/relations.yml, with a label per language and a tone that says how pictures
draw it:

    offers_services_to:
      tone: support
      label:
        fr: a offert ses services à
        en: offered its services to

A shipped type may be relabelled the same way, in some languages or all. A type of
the project's own without a label in a language shows the default language's there,
with a warning (as with interface strings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.content import frontmatter
from build_scripts.content.frontmatter import Document
from build_scripts.content.schema import RELATION_TYPES
from build_scripts.errors import Problems
from build_scripts.project import left_out_texts, unused_language
from build_scripts.render.strings import in_language

FILE_NAME = "relations.yml"
# How a picture draws a relation: the colour family, and with it the dash pattern.
TONES = ("support", "oppose", "member", "depend")
SHIPPED_TONES = {
    "ally": "support", "supports": "support", "leads": "support", "member_of": "member",
    "part_of": "member", "depends_on": "depend", "negotiates_with": "depend",
    "opponent": "oppose", "opposes": "oppose", "pressures": "oppose",
}
TYPE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Types that read the same both ways (pictures draw them without arrowheads).
SYMMETRIC = frozenset({"ally", "opponent", "negotiates_with"})
# A directed type whose pair with its symmetric counterpart says one thing: "A opposes B"
# and "B opponent of A" are two opponents.
COUNTERPARTS = {"opposes": "opponent", "supports": "ally"}


def mutual(one: str, other: str) -> str | None:
    """The one type that says both relations of a pair, A → `one` → B and B → `other` → A:
    the type itself when both are the same, the symmetric type when one is its counterpart;
    None when the two say different things (A depends on B, B negotiates with A)."""
    if one == other:
        return one
    if COUNTERPARTS.get(one, one) == COUNTERPARTS.get(other, other):
        return one if one in SYMMETRIC else other
    return None


@dataclass(frozen=True)
class RelationType:
    """A type a project declares (or relabels) in content/relations.yml."""

    id: str
    tone: str
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """Every relation type a project can use: the shipped ones, then its own."""

    declared: dict[str, RelationType] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return RELATION_TYPES + tuple(sorted(set(self.declared) - set(RELATION_TYPES)))

    def tone(self, type_id: str) -> str:
        declared = self.declared.get(type_id)
        return declared.tone if declared else SHIPPED_TONES.get(type_id, "depend")

    def label(self, type_id: str, language: str, default_language: str) -> str | None:
        """The project's own label in `language`, or None where the interface strings'
        `relations.<type>` label it (a shipped type the project did not relabel in `language`).
        A type of the project's own without a label in `language` has the default language's."""
        declared = self.declared.get(type_id)
        if declared is None or (language not in declared.labels and type_id in RELATION_TYPES):
            return None
        return in_language(declared.labels, language, default_language)[0]


def load(content_dir: Path, languages: tuple[str, ...], problems: Problems,
         warnings: list[str]) -> Vocabulary:
    """Read content/relations.yml (if any); record every problem in it."""
    path = content_dir / FILE_NAME
    if not path.is_file():
        return Vocabulary()
    parsed = frontmatter.read_yaml(path, problems)
    if parsed is None or parsed[0] is None:
        return Vocabulary()
    data, lines = parsed
    if not isinstance(data, dict):
        problems.add(path, 1, "", "not a mapping", "'<type>:' entries with tone and label")
        return Vocabulary()
    doc = Document(path, data, lines, "", 0)
    declared = {}
    default = languages[0]
    unused: set[str] = set()  # languages the site does not have (now): their labels are left out
    for type_id, entry in data.items():
        key = str(type_id)
        if not TYPE_ID.match(key):
            problems.add(path, doc.line(key), key, "not a valid relation type id",
                         "lower-case letters, digits and underscores, such as offers_services_to")
            continue
        if not isinstance(entry, dict):
            problems.add(path, doc.line(key), key, "not a mapping", "tone and label")
            continue
        for name in entry:
            if name not in ("tone", "label"):
                problems.add(path, doc.line(f"{key}.{name}"), f"{key}.{name}", "unknown field",
                             "one of: label, tone")
        tone = entry.get("tone", SHIPPED_TONES.get(key))
        if tone not in TONES:
            problems.add(path, doc.line(f"{key}.tone") if "tone" in entry else doc.line(key),
                         f"{key}.tone", f"{tone!r} is not a tone" if "tone" in entry else "missing",
                         "one of: " + ", ".join(TONES))
            continue
        labels = entry.get("label")
        if not isinstance(labels, dict) or not labels:
            problems.add(path, doc.line(f"{key}.label") if "label" in entry else doc.line(key),
                         f"{key}.label", "missing" if "label" not in entry else "not a mapping",
                         f"a label per language, such as '{default}: ...'")
            continue
        good = {}
        for language, text in labels.items():
            here = f"{key}.label.{language}"
            if unused_language(language, languages):
                unused.add(str(language))
                continue
            if language not in languages:
                problems.add(path, doc.line(here), here, f"{language!r} is not a language of this site",
                             "one of: " + ", ".join(languages))
            elif not isinstance(text, str) or not text.strip():
                problems.add(path, doc.line(here), here, "not a text", "the relation's words, such "
                             "as 'offered its services to'")
            else:
                good[str(language)] = " ".join(text.split())
        if default not in labels:
            problems.add(path, doc.line(f"{key}.label"), f"{key}.label.{default}", "missing",
                         f"the label in the default language, {default}")
            continue
        missing = [code for code in languages if code not in labels]
        if missing and key not in RELATION_TYPES:
            warnings.append(f"{problems.relative(path)}: {key}: no label in {', '.join(missing)}; "
                            f"shown in {default}")
        declared[key] = RelationType(key, str(tone), good)
    if unused:
        warnings.append(left_out_texts(problems.relative(path), unused))
    return Vocabulary(declared)
