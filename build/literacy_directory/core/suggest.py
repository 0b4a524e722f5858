"""'Did you mean' suggestions for codes and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, allowed: Iterable[str]) -> str | None:
    """The allowed value closest to ``value`` (ignoring case, spaces and hyphen/underscore), or None."""
    options = list(allowed)
    normal = {_normalise(o): o for o in options}
    key = _normalise(value)
    if key in normal:
        return normal[key]
    found = difflib.get_close_matches(key, list(normal), n=1, cutoff=0.6)
    return normal[found[0]] if found else None


def _normalise(text: str) -> str:
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    best = closest(value, allowed)
    return f'did you mean "{best}"?' if best is not None and best != value else ""


def listing(allowed: Iterable[str], limit: int = 12) -> str:
    """``a, b, c`` (or the first ``limit`` and a count of the rest)."""
    items = list(allowed)
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} (and {len(items) - limit} more)"


def shown(value: object, limit: int = 60) -> str:
    """A cell value as quoted in a message: on one line, cut to ``limit`` characters."""
    text = str(value).replace("\r", "").replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"
