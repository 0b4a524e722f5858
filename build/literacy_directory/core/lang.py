"""The bilingual fallback, in one place: French when the page is French and the French is given,
else the English."""

from __future__ import annotations

from typing import Any, TypeVar

FRENCH = "fr"

T = TypeVar("T")


def in_language(english: T, french: T | None, lang: str) -> T:
    """``french`` on a French page when it is not empty, else ``english``."""
    return french if lang == FRENCH and french else english


def field_in(record: Any, base: str, lang: str) -> str:
    """The ``<base>_fr`` or ``<base>_en`` attribute of ``record`` by ``in_language``; "" when neither
    is given (a record without the attribute counts as not given)."""
    french = getattr(record, f"{base}_fr", None) if lang == FRENCH else None
    return str(in_language(getattr(record, f"{base}_en", None), french, lang) or "")
