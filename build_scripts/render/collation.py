"""Alphabetical order as each language's readers expect it, from ICU (PyICU).

Python's own order compares code points: Belarusian і and ў come after я, Russian ё
after every other letter, and an accented É after Z. ICU's collation for the
language (with its locale variant, if the project names one) puts each where that
language's dictionaries do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import icu


@cache
def _collator(locale: str, strength: int | None = None) -> icu.Collator:
    collator = icu.Collator.createInstance(icu.Locale(locale.replace("-", "_")))
    if strength is not None:
        collator.setStrength(strength)
    return collator


def sort_key(locale: str) -> Callable[[str], bytes]:
    """A key for `sorted` that orders texts as `locale` does: sort_key('be')('ўплыў')."""
    return _collator(locale).getSortKey


@cache
def _index(locale: str) -> icu.ImmutableIndex:
    return icu.AlphabeticIndex(icu.Locale(locale.replace("-", "_"))).buildImmutableIndex()


def letter(locale: str, text: str) -> str:
    """The letter `text` is filed under in `locale`'s A–Z, as its dictionaries file it (ICU's
    alphabetic index): 'O' for French 'Œdomètre', 'E' for 'Étaiement', 'Е' for Russian 'Ёлка'.
    A text outside the language's alphabet (a Latin name in a Cyrillic list) gets its own
    first letter, capitalised."""
    stripped = text.lstrip(" \"'«»„“”‘’([")
    if not stripped:
        return ""
    label, kind = _index(locale).getBucket(_index(locale).getBucketIndex(stripped))
    return label if kind == icu.UAlphabeticIndexLabelType.NORMAL else stripped[:1].upper()


def same_letter(locale: str, first: str, second: str) -> bool:
    """True where `locale` treats two letters as one in an alphabet ('Е' and 'Ё' in Russian,
    'E' and 'É' in French), not where it has them apart ('И' and 'Й' in Russian)."""
    return _collator(locale, icu.Collator.PRIMARY).compare(first, second) == 0
