"""The MkDocs plugin: the only module that imports MkDocs.

On every build (and every ``mkdocs serve`` rebuild) it checks the content, stops the build with
the full list of problems if there are errors, and otherwise regenerates the pages into
``docs_dir``, writing only files whose bytes changed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from . import report
from .check import check_project
from .generate import SiteOptions, generate_site
from .project import Project
from .writer import write_tree

log = get_plugin_logger(__name__)


class DirectoryConfig(base.Config):
    source_url = c.Type(str, default="")
    """Web address of the repository's files (like https://github.com/ORG/REPO/blob/main), used for
    "suggest a correction" links. Empty: no such links."""

    help_phone = c.Type(str, default="")
    """Phone line shown on the home page for learners who want help choosing a program."""


class DirectoryPlugin(BasePlugin[DirectoryConfig]):
    def __init__(self) -> None:
        self._last_inputs: tuple[tuple[str, int, int], ...] | None = None

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
        options = SiteOptions(source_url=self.config.source_url, help_phone=self.config.help_phone)
        files = generate_site(result.catalog, project, options)
        stats = write_tree(files, Path(config.docs_dir))
        log.info(f"generated {len(files)} files: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed")
