"""The interface strings forms use, shared by every rendering (page, PDF, Word)."""

from __future__ import annotations

from literacy_directory.core.jinja import load_strings
from literacy_directory.forms.model import Form


def strings(form: Form, lang: str) -> dict[str, str]:
    """The interface strings forms use (``form_*`` in site_templates/i18n/<lang>.yml)."""
    return {k: v for k, v in load_strings(form.templates, lang).items() if k.startswith("form_")}


def pair(texts: dict[str, str], label: str, value: str) -> str:
    """``Label: value`` (``Label : value`` in French)."""
    return texts["form_pair"].format(label=label, value=value)
