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


def letter(text: str) -> str:
    """The first letter of `text`, capitalised, for an A–Z index: 'Ў' for 'ўплыў'."""
    stripped = text.lstrip(" \"'«»„“”‘’([")
    return stripped[:1].upper() if stripped else ""


def same_letter(locale: str, first: str, second: str) -> bool:
    """True where `locale` treats two letters as one in an alphabet ('Е' and 'Ё' in Russian,
    'E' and 'É' in French), not where it has them apart ('У' and 'Ў' in Belarusian)."""
    return _collator(locale, icu.Collator.PRIMARY).compare(first, second) == 0
