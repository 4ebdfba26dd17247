"""The dark colour scheme without JavaScript: the dark scheme's rules under prefers-color-scheme.

Material chooses the colour scheme with a script (partials/javascripts/palette.html), so
with scripts off every page keeps the first scheme of the palette, light, even on a
phone set to dark. This copies the rules of the palette's dark scheme (Material's and
our own stylesheet's) into `@media (prefers-color-scheme: dark)`, rewritten to apply
to the light scheme's attribute, and only where no script ran: `<html>` gets the
`explainer-js` class from the first script of every page (main.html). The longer
selector outweighs the light rules wherever they come in the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import tinycss2

NO_SCRIPT = "html:not(.explainer-js) "


def schemes(palette: Any) -> tuple[str, str] | None:
    """(light scheme, dark scheme) of a palette that follows the system, else None."""
    if not isinstance(palette, list):
        return None
    by_media = {str(option.get("media", "")).replace(" ", ""): option.get("scheme")
                for option in palette if isinstance(option, dict)}
    light = by_media.get("(prefers-color-scheme:light)")
    dark = by_media.get("(prefers-color-scheme:dark)")
    if not (isinstance(light, str) and isinstance(dark, str)) or light == dark:
        return None
    return light, dark


def no_script_dark(palette: Any, sheets: Iterable[str]) -> str:
    """CSS giving a page without scripts the dark scheme where the system prefers it."""
    pair = schemes(palette)
    if pair is None:
        return ""
    light, dark = pair
    rules = "".join(_dark_rules(tinycss2.parse_stylesheet(sheet, skip_comments=True,
                                                          skip_whitespace=True), light, dark)
                    for sheet in sheets)
    return f"@media (prefers-color-scheme:dark){{{rules}}}" if rules else ""


def _dark_rules(nodes: Iterable[Any], light: str, dark: str) -> str:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [_rewrite(selector, light, dark) for selector in selector_list(node.prelude)]
            kept = [selector for selector in selectors if selector]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(node.content).strip() + "}")
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and node.content:
            inner = _dark_rules(tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                               skip_whitespace=True), light, dark)
            if inner:
                out.append(f"@media {tinycss2.serialize(node.prelude).strip()}{{{inner}}}")
    return "".join(out)


def selector_list(prelude: list[Any]) -> list[str]:
    """The selectors of a rule's selector list (commas inside :not(...) stay inside)."""
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part).strip() for part in parts]


def _rewrite(selector: str, light: str, dark: str) -> str | None:
    """The selector for the dark scheme, rewritten for the light one; None if it is not one."""
    forms = (f"[data-md-color-scheme={dark}]", f'[data-md-color-scheme="{dark}"]')
    if not any(form in selector for form in forms) or ":not([data-md-color-scheme" in selector:
        return None
    for form in forms:
        selector = selector.replace(form, f'[data-md-color-scheme="{light}"]')
    return NO_SCRIPT + selector
