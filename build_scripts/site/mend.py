"""Mending the theme's markup that the W3C HTML checker refuses, page by page.

Material (9.8) writes three things the Nu Html Checker reports as errors on every
page, none of which changes what a reader gets when mended:

- `tabindex=""` on the navigation's section labels: an empty value is no value (the
  browser ignores it), so it is dropped;
- `autocomplete="off"` on its hidden checkboxes and radio buttons, where the attribute
  is not allowed (and only Firefox ever read it): dropped;
- a table of contents' title `<label for="__toc">` on pages whose navigation has no
  `__toc` toggle (section index pages): the label points nowhere, so it loses `for`.
"""

from __future__ import annotations

import re

EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?) autocomplete="off"')
TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def page(html: str) -> str:
    """`html` of a built page, with the theme's invalid markup mended."""
    html = EMPTY_TABINDEX.sub(r"\1", html)
    html = TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = TOC_LABEL.sub(r"\1", html)
    return html
