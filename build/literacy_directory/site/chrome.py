"""What every page of the site carries around its content: the footer's links, in each language.

The plugin hands these to the theme (``site_templates/overrides/partials/copyright.html``); the
labels live with the other interface strings in ``site_templates/i18n/<lang>.yml``. Imported by
the plugin on every MkDocs start: it must stay light (PyYAML only, which MkDocs loads anyway).
"""

from __future__ import annotations

from pathlib import Path

import yaml

FOOTER_LINKS = (
    ("footer_about", "about/"),
    ("footer_privacy", "privacy/"),
    ("footer_data", "data/"),
    ("footer_networks", "networks/"),
)
"""(interface string, path from the language's root) of each footer link, in order."""


def footer(templates: Path, lang: str) -> dict[str, object]:
    """The footer of one language: its label and its links as (path, text) pairs."""
    text = (templates / "i18n" / f"{lang}.yml").read_text(encoding="utf-8")
    strings = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader)) or {}
    return {
        "label": str(strings["footer_label"]),
        "links": [(path, str(strings[key])) for key, path in FOOTER_LINKS],
    }
