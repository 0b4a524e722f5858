"""The theme's own interface strings (the search dialog in the header), from the same
``site_templates/i18n/<lang>.yml`` files as the generated pages' strings. Light: the plugin
imports it on every MkDocs start."""

from __future__ import annotations

from pathlib import Path

from literacy_directory.core.jinja import load_strings


def search_strings(templates: Path, lang: str) -> dict[str, str]:
    """The ``search_*`` strings of a language."""
    return {key: value for key, value in load_strings(templates, lang).items() if key.startswith("search_")}
