"""A built site made browsable from the disk (``file://``), for the pull-request preview.

The site's pages link folders (``../programs/x/``), which a web server answers with the folder's
``index.html`` but a browser opening files shows as a folder listing. This rewrites every relative
link to a folder so it names the ``index.html`` inside it, in place. Search and the finder's
filters fetch JSON, which browsers refuse from ``file://``: the finder then shows its full list,
and a local server (``python3 -m http.server``) gives the whole site.

Used by the pull-request workflow: ``python -m literacy_directory.site.preview SITE_DIR [BASE_PATH]``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LINK = re.compile(r'(?P<attribute>\s(?:href|src|action)=")(?P<url>[^"#?:]*)(?P<rest>[?#][^"]*)?"')


def browsable_url(url: str) -> str:
    """``../programs/x/`` → ``../programs/x/index.html``; ``..`` → ``../index.html``; an absolute
    path stays (``rewrite`` makes those under the base path relative first)."""
    if url.startswith("/"):
        return url  # made relative by rewrite() when it is under the base path
    if url in ("", ".", "..") or url.endswith(("/.", "/..")):
        return f"{url}/index.html" if url else "index.html"
    return f"{url}index.html" if url.endswith("/") else url


def rewrite(html: str, root: str, base_path: str = "/") -> str:
    """``root``: the relative path from the page to the site's root (``../../``, or ``""``)."""

    def replace(match: re.Match[str]) -> str:
        url, rest = match["url"], match["rest"] or ""
        if not url and rest.startswith("#"):
            return match[0]  # a link within the page
        if url.startswith(base_path):
            url = (root + url[len(base_path) :]) or "./"
        return f'{match["attribute"]}{browsable_url(url)}{rest}"'

    return LINK.sub(replace, html)


def make_browsable(site: Path, base_path: str = "/") -> int:
    """Rewrite every page of ``site`` (built for an address whose path is ``base_path``); returns
    how many pages changed. The 404 page keeps its absolute paths (a server shows it anywhere)."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).as_posix() == "404.html":
            continue
        root = "../" * (len(page.relative_to(site).parts) - 1)
        text = page.read_text(encoding="utf-8")
        new = rewrite(text, root, base_path)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2) or not (Path(args[0]) / "index.html").is_file():
        sys.stderr.write(
            "usage: python -m literacy_directory.site.preview SITE_DIR [BASE_PATH] (a built site; BASE_PATH: site_url's path, default /)\n"
        )
        return 2
    print(f"made {make_browsable(Path(args[0]), args[1] if len(args) == 2 else '/')} pages browsable from the disk")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
