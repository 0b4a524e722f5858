"""What WeasyPrint may load while it makes a form's PDF: ``data:`` URLs (the subset font is one)
and the files of one folder of the project's own templates (``site_templates/forms/``), nothing
else. No network (``http:``, ``https:``, ``ftp:``), no ``file:`` outside that folder, no symbolic
link inside it. Form text is escaped before it reaches the HTML and the CSS; this is the second
wall, so that text which got past the first can still not make the build fetch a URL or embed a
local file (``/etc/passwd``, ``/proc/self/environ``) in a published PDF.

WeasyPrint is imported only when a PDF is made, so the fetcher class is made on first use.
"""

from __future__ import annotations

import functools
import mimetypes
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from literacy_directory.core.safefs import UnsafePathError, read_regular


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to load (WeasyPrint logs it and leaves it out)."""


def asset_path(folder: Path, url: str) -> Path:
    """The file a ``file:`` URL names, when it lies in ``folder`` with no symbolic link on the way;
    otherwise ``RefusedURL``."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"{url}: not a local file")
    path = Path(os.path.normpath(url2pathname(parts.path)))
    base = Path(os.path.normpath(folder.absolute()))
    if base not in path.parents:
        raise RefusedURL(f"{url}: outside the form templates")
    current = base
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            raise RefusedURL(f"{url}: a symbolic link")
    return path


@functools.lru_cache(maxsize=1)
def fetcher_class(weasyprint: Any) -> type:
    """A ``weasyprint.urls.URLFetcher`` that serves ``data:`` URLs and the files of one folder."""
    urls = weasyprint.urls

    class AssetFetcher(urls.URLFetcher):  # type: ignore[misc, name-defined]
        def __init__(self, folder: Path):
            super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1, fail_on_errors=False)
            self.folder = folder
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.partition(":")[0].lower()
            try:
                if scheme == "data":
                    return super().fetch(url, headers)
                if scheme != "file":
                    raise RefusedURL(f"{url}: only the project's own form assets are loaded")
                path = asset_path(self.folder, url)
                body = read_regular(path)
            except (RefusedURL, UnsafePathError, OSError, ValueError):
                self.refused.append(url)
                raise
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return AssetFetcher


def asset_fetcher(weasyprint: Any, folder: Path) -> Any:
    """A fresh fetcher for one document; its ``refused`` lists what it turned away."""
    return fetcher_class(weasyprint)(folder)
