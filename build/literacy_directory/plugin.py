"""The MkDocs plugin: the only module that imports MkDocs.

On every build (and every ``mkdocs serve`` rebuild) it checks the content, stops the build with
the full list of problems if there are errors, and otherwise regenerates the pages into
``docs_dir``, writing only files whose bytes changed.
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import report
from .check import check_project
from .formrender import FormRenderError
from .generate import DEFAULT_LANGUAGE, LANGUAGES, SiteOptions, generate_site
from .project import Project
from .searchindex import split_search_index
from .writer import write_tree

log = get_plugin_logger(__name__)


class DirectoryConfig(base.Config):
    source_url = c.Type(str, default="")
    """Web address of the repository's files (like https://github.com/ORG/REPO/blob/main), used for
    "suggest a correction" links. Empty: no such links."""

    help_phone = c.Type(str, default="")
    """Phone line shown on the home page for learners who want help choosing a program."""

    referral_form = c.Type(str, default="learner-referral")
    """Id of the form (content/forms/<id>.yml) that program pages accepting referrals link to."""


class DirectoryPlugin(BasePlugin[DirectoryConfig]):
    def __init__(self) -> None:
        self._last_inputs: tuple[tuple[str, int, int], ...] | None = None
        self._not_found_page: str | None = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        project = Project(Path(config.config_file_path).resolve().parent)
        inputs = project.input_fingerprint()
        if inputs == self._last_inputs:
            return  # the i18n plugin runs the build once per language: generate once
        self._generate(project, config)
        self._last_inputs = inputs

    def _generate(self, project: Project, config: MkDocsConfig) -> None:
        result = check_project(project)
        if result.catalog is None:
            raise PluginError("The content has errors, so the site was not built:\n" + report.as_text(result.diagnostics))
        options = SiteOptions(
            source_url=self.config.source_url, help_phone=self.config.help_phone, referral_form=self.config.referral_form
        )
        try:
            files = generate_site(result.catalog, project, options)
        except FormRenderError as exc:
            raise PluginError(str(exc)) from exc
        stats = write_tree(files, Path(config.docs_dir))
        log.info(f"generated {len(files)} files: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed")
        del result, files
        # What is alive now (libraries, MkDocs' own objects) lives until the build ends: keeping it
        # out of the garbage collector's scans makes rendering thousands of pages ~20% cheaper.
        gc.collect()
        gc.freeze()

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html" and config.theme["language"] == DEFAULT_LANGUAGE:
            self._not_found_page = output_content
        return output_content

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has built the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        others = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
        if split_search_index(site, DEFAULT_LANGUAGE, others):
            log.info("split the search index into one per language")
        if self._not_found_page is not None and (site / "404.html").is_file():
            # Each language build writes the site-wide 404 page; the default language's one wins.
            (site / "404.html").write_text(self._not_found_page, encoding="utf-8")
