"""The MkDocs plugin: a thin adapter from MkDocs events to the plain modules.

It lets plain ``mkdocs build`` and ``mkdocs serve`` work in a project folder (for
the default language): it generates docs/ from content/ and seeds/, points MkDocs
at the language's pages, and watches content/ and seeds/ while serving.
``explainer build`` sets `language` and turns `generate` off, having generated
docs/ once for all languages before building them in parallel.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_scripts.render import safe_html, templates
from build_scripts.site import engine, mend, notfound
from build_scripts import project as project_module
from build_scripts.errors import ExplainerError, InvalidContent


class ExplainerConfig(Config):
    languages = c.ListOfItems(c.Type(str))
    language = c.Optional(c.Type(str))
    generate = c.Type(bool, default=True)
    # The custom domain `explainer deploy` writes to CNAME on the published branch.
    cname = c.Optional(c.Type(str))
    # The variant each language is written in, where it is not the language's default
    # (for dates): {en: en-GB}. project.load checks it.
    locales = c.Type(dict, default={})


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.project: project_module.Project | None = None
        self.language = ""

    # Run before Material's search plugin, which reads the theme language we set here.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.project = project_module.load(config.config_file_path)
            self.language = self.config.language or self.project.default_language
            sources = engine.prepare(self.project, write=self.config.generate)
            engine.configure(config, sources, self.language)
            engine.quick_theme(config)
        except InvalidContent as error:
            # MkDocs prints a PluginError as one message, without a traceback.
            raise PluginError("\n".join(error.problems.lines())) from None
        except ExplainerError as error:
            raise PluginError(str(error)) from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.project is not None
        for file in [file for file in files if templates.in_overrides(self.project.root, file.abs_src_path)]:
            files.remove(file)  # the page templates, when overrides/ is also the theme's custom_dir
        return engine.language_files(files, self.project, self.language)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Glossary links are made in Markdown (glossary_links, a Markdown extension).
        # Last: whatever Markdown construct made it, no script address reaches a page.
        return safe_html.clean(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return engine.html_direction(mend.page(output), self.language)

    def on_template_context(self, context: dict[str, Any], *, template_name: str,
                            config: MkDocsConfig) -> dict[str, Any]:
        if template_name == "404.html" and self.project is not None:
            context["base_url"] = notfound.base_path(self.project, self.language, config.site_url)
            context["explainer_notfound"] = notfound.body(self.project, self.language, context["base_url"])
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The 404 page is a template, not a page: the same finish (without `dir` an Arabic
        # one is laid out left to right).
        if template_name.endswith(".html"):
            return engine.html_direction(mend.page(output_content), self.language)
        return output_content

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.project is not None
        for folder in (self.project.content_dir, self.project.seeds_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
