"""The shapes of the site's addresses and file names, in one place."""

from __future__ import annotations

from literacy_directory.site.settings import DEFAULT_LANGUAGE


def localized(path: str, lang: str) -> str:
    """``programs/x.md`` → ``programs/x.fr.md`` (the default language keeps the plain name)."""
    if lang == DEFAULT_LANGUAGE:
        return path
    stem, dot, extension = path.rpartition(".")
    return f"{stem}.{lang}.{extension}" if dot else f"{path}.{lang}"
