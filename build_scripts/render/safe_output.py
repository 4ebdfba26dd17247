"""The sanitizer at the output as a Python-Markdown extension, for engines without plugins.

The MkDocs engine cleans every page's body in the explainer plugin (on_page_content);
Zensical runs no MkDocs plugin, so its builds list this extension instead: its
postprocessor runs last and gives the page's body to `safe_html.clean`, the same
allowlist. Whatever Markdown construct made it, no script address reaches a page.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from build_scripts.render import safe_html

PRIORITY = 1  # after every other postprocessor (raw HTML is put back at 30)


class SafeOutput(Postprocessor):
    def run(self, text: str) -> str:
        return safe_html.clean(text)


class SafeOutputExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(SafeOutput(md), "explainer_safe_output", PRIORITY)


def makeExtension(**kwargs: Any) -> SafeOutputExtension:
    return SafeOutputExtension(**kwargs)
