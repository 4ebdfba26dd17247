"""Interface strings per language, and dates and language names formatted by Babel.

The generator ships one YAML file per language in ``build_scripts/render/locales/``. A
project may add or override strings in ``content/locales/<lang>.yml`` (which is
what ``explainer add-language`` scaffolds). English is the reference: every
language must have every key it has.
"""

from __future__ import annotations

import datetime
import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import babel
import babel.dates
import material

from build_scripts.content import frontmatter, sanitize
from build_scripts.errors import Problems

LOCALES = Path(__file__).parent / "locales"
REFERENCE_LANGUAGE = "en"
# Strings a project may give per language that have no default: the footer's line
# (else mkdocs.yml's `copyright`).
OPTIONAL = frozenset({"footer.copyright"})
# Material's own interface, overridable per language as theme.<its key> (partials/language.html
# looks them up first): Material's Belarusian, for one, is partly in taraškievica.
THEME_PREFIX = "theme."
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


@cache
def theme_keys() -> frozenset[str]:
    """The keys of Material's interface strings: 'search.result.none', ..."""
    text = (MATERIAL_LANGUAGES / "en.html").read_text("utf-8")
    return frozenset(re.findall(r'^\s*"([a-z][a-z.]*)":', text, re.MULTILINE)) - {"language", "direction"}


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(data, dict):
        return {prefix: data}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def _fields(text: str) -> set[str]:
    """The {placeholders} of a string: 'Paragraph {number}' -> {'number'}."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # an unbalanced brace: never equal to a reference's fields
        return {"{"}


def _read(path: Path, problems: Problems) -> tuple[dict[str, Any], dict[str, int]]:
    parsed = frontmatter.read_yaml(path, problems)
    if parsed is None:
        return {}, {}
    data, lines = parsed
    if data is None:
        return {}, lines
    if not isinstance(data, dict):
        problems.add(path, 1, "", "not a mapping", "'section:' blocks of 'key: text' lines")
        return {}, lines
    return _flatten(data), lines


@cache
def _shipped(language: str) -> dict[str, Any]:
    path = LOCALES / f"{language}.yml"
    if not path.is_file():
        return {}
    problems = Problems(LOCALES)
    data, _ = _read(path, problems)
    if problems:  # a broken shipped file is a bug in the generator, not the editor's problem
        raise RuntimeError("\n".join(problems.lines()))
    return data


def shipped_languages() -> list[str]:
    return sorted(path.stem for path in LOCALES.glob("*.yml"))


@dataclass(frozen=True)
class Strings:
    """The interface of one language."""

    language: str
    values: dict[str, Any]
    # The variant dates are written in ('en-GB' writes '4 April 1949'); the language's own by default.
    locale: str = ""
    # Keys still in English (a scaffold not translated yet, or strings a project's file lacks):
    # language names set into them are English too, not "into Deutsch ... the Englisch original".
    english: frozenset[str] = frozenset()

    def __call__(self, key: str, **fields: Any) -> str:
        """``strings("notice.missing", language="English")``"""
        value = self.values[key]
        return str(value).format(**fields) if fields else str(value)

    def label(self, text: str) -> str:
        """`text` introducing what follows, punctuated as the language does: 'Sources:', 'Sources :'."""
        return self("punctuation.label", label=text)

    def join(self, texts: Iterable[str], series: bool = False) -> str:
        """The items of a list, 'a, b' ('a، b' in Arabic); series=True: the entries of a
        description, 'a; b' ('a ; b' in French)."""
        return str(self.values["punctuation.series" if series else "punctuation.list"]).join(texts)

    def language_name(self, code: str, key: str = "") -> str:
        """The name of language `code` in this language, as Babel spells it ('Engels'), or in
        English where the string `key` it goes into is still English."""
        written_in = REFERENCE_LANGUAGE if key in self.english else self.language
        locale = babel.Locale.parse(written_in.replace("-", "_"))
        name = locale.languages.get(code.replace("-", "_")) or locale.languages.get(code.split("-")[0])
        return name or code

    def date(self, value: str) -> str:
        """A YYYY, YYYY-MM or YYYY-MM-DD date written out: '9 augustus 2020', 'август 2020 г.'"""
        return _date(self.locale or self.language, str(value))


@cache
def _date(language: str, value: str) -> str:
    # Every citation of a reference writes its date out: Babel once per date and language.
    parts = [int(part) for part in value.split("-")]
    locale = babel.Locale.parse(language.replace("-", "_"))
    if len(parts) == 1:
        return str(parts[0])
    day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    if len(parts) == 2:
        return babel.dates.format_skeleton("yMMMM", day, locale=locale)
    written = babel.dates.format_date(day, format="long", locale=locale)
    if locale.language == "fr" and day.day == 1:
        # French writes the first of a month as an ordinal, "1er juillet 2023"; CLDR has no such pattern.
        written = re.sub(r"^1(?=\s)", "1er", written)
    return written


def in_language(texts: dict[str, str], *preferred: str) -> tuple[str, str]:
    """(text, its key) from texts per language: the first of `preferred` given, else the first
    listed; ('', '') for none. in_language({'en': 'x'}, 'de', 'nl') == ('x', 'en')."""
    for key in preferred:
        if key in texts:
            return texts[key], key
    first = next(iter(texts), None)
    return (texts[first], first) if first is not None else ("", "")


@cache
def direction(code: str) -> str:
    """'rtl' for a language written right to left (ar, fa, he, ur), else 'ltr'."""
    return "rtl" if babel.Locale.parse(code.replace("-", "_")).text_direction == "rtl" else "ltr"


def writing_direction(text: str) -> str:
    """'ltr' or 'rtl' as the first letter of `text` is written, '' for none: 'rtl' for 'فالمون'."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return ""


def native_name(code: str) -> str:
    """A language's name in itself, for the language selector: 'Nederlands', 'беларуская'."""
    locale = babel.Locale.parse(code.replace("-", "_"))
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def load(language: str, content_dir: Path, problems: Problems,
         warnings: list[str] | None = None, locale: str = "") -> Strings:
    """The strings of `language`: shipped ones, overridden by content/locales/<lang>.yml."""
    if warnings is None:
        warnings = []
    reference = _shipped(REFERENCE_LANGUAGE)
    values = dict(_shipped(language))
    override = content_dir / "locales" / f"{language}.yml"
    lines: dict[str, int] = {}
    if override.is_file():
        extra, lines = _read(override, problems)
        for key, value in extra.items():
            if key.startswith(THEME_PREFIX) and key.removeprefix(THEME_PREFIX) not in theme_keys():
                problems.add(override, lines.get(key, 1), key, "unknown string of the theme",
                             "a key of Material for MkDocs' partials/languages/en.html, such as "
                             "theme.search.result.none")
            elif key not in reference and key not in OPTIONAL and not key.startswith(THEME_PREFIX):
                problems.add(override, lines.get(key, 1), key, "unknown interface string",
                             f"a key of {LOCALES.name}/{REFERENCE_LANGUAGE}.yml")
            elif not isinstance(value, str) or not value.strip():
                problems.add(override, lines.get(key, 1), key, "not a text", "a non-empty text")
            elif re.search(r"<[A-Za-z/!?]", value):
                # Interface strings land in headings, notices and attributes: text only.
                problems.add(override, lines.get(key, 1), key, "HTML in an interface string",
                             "plain text")
            elif sanitize.MARKDOWN_LINK.search(value):
                # Many strings are set into the pages' Markdown: a link there would be live.
                problems.add(override, lines.get(key, 1), key, "Markdown link in an interface string",
                             "plain text")
            elif sanitize.BIDI_CONTROLS.search(value):
                found = sanitize.bidi_controls(value)[0]
                problems.add(override, lines.get(key, 1), key, found.message, found.expected)
            elif _fields(value) != _fields(str(reference.get(key, ""))):
                wanted = ", ".join(f"{{{name}}}" for name in sorted(_fields(str(reference.get(key, "")))))
                problems.add(override, lines.get(key, 1), key,
                             "placeholders differ from the English string",
                             f"exactly {wanted}" if wanted else "no {placeholders}")
            else:
                values[key] = value
    missing = [key for key in reference if key not in values]
    if missing:
        # A newer generator may add strings a project's file does not have yet: show
        # those in English and say so, rather than refuse to build.
        where = override.relative_to(content_dir.parent) if override.is_file() else \
            f"content/locales/{language}.yml"
        warnings.append(f"{where}: {len(missing)} interface string(s) missing for {language!r}, "
                        f"shown in English: {', '.join(missing[:5])}"
                        + (", ..." if len(missing) > 5 else ""))
        values.update({key: reference[key] for key in missing})
    english = frozenset() if language == REFERENCE_LANGUAGE else frozenset(
        key for key, value in values.items() if key in reference and value == reference[key])
    return Strings(language, values, locale, english)
