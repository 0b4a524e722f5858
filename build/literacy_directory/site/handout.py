"""What a page needs to leave the screen: a QR code to its public address (``urls.absolute_url``;
made here, at build time, as a small inline SVG), and percent-encoding for the ``sms:`` and
``mailto:`` links that send a listing to a learner or report a problem to its network.

Nothing here goes through a server: the links open the visitor's own text or email app."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from urllib.parse import quote

import segno
from markupsafe import Markup, escape

from literacy_directory.core.sealedcache import SealedFolder

# What a cached code was made with: another segno or other options make every code again.
QR_RECIPE = f"segno-{segno.__version__}-m-border4"


def lines(*parts: str | None) -> str:
    """The non-empty ``parts``, one a line: a message as plain text (never HTML: it is only ever
    percent-encoded into a link)."""
    return "\n".join(str(part) for part in parts if part)


def uri_component(text: str) -> str:
    """``text`` percent-encoded as one component of a URI (like JavaScript's encodeURIComponent):
    safe in the query of a ``mailto:`` or ``sms:`` link whatever the content holds."""
    return quote(str(text), safe="")


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link; the address keeps its ``@``, everything else is encoded (a listing's
    text can hold ``&``, ``?`` or line breaks)."""
    to = quote(address, safe="@") if address else ""
    return f"mailto:{to}?subject={uri_component(subject)}&body={uri_component(body)}"


def sms(body: str) -> str:
    """An ``sms:`` link with no number and a prefilled message: ``sms:?&body=`` is read by both
    iOS (which wants ``&``) and Android (which wants ``?``)."""
    return f"sms:?&body={uri_component(body)}"


def qr_path(url: str) -> str:
    """The SVG of a QR code of ``url``, with no name yet (see ``QrCodes.svg``)."""
    # Error correction M (15%) survives a folded or smudged handout; the mask is chosen by segno
    # (the standard's penalty rules). One path, no size, no class: ~600 bytes gzip a code.
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, omitsize=True, svgclass=None, lineclass=None)


# Where a deferred code goes in a generated file until ``QrCodes.fill`` puts it in (an escape
# character: nothing in a page's text can hold it, as content is checked for control characters).
_PLACEHOLDER = "\x1bld-qr:{}\x1b"
_PENDING = re.compile(rb"\x1bld-qr:(\d+)\x1b")
_POOL_FROM = 200
"""Fewer new codes than this are made in the process (a pool's start costs ~0.5 s a worker)."""


def make_codes(urls: list[str]) -> list[str]:
    """``qr_path`` of each URL, on every core for many (segno is pure Python, ~10 ms a code: 80,000
    codes at 20,000 programs took 13 minutes on one core). Workers are spawned, not forked: the
    preview runs this inside MkDocs' server, which has threads. If a pool cannot start here, one
    process makes them all."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)
    if len(urls) < _POOL_FROM or workers < 2:
        return [qr_path(url) for url in urls]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            return list(pool.map(qr_path, urls, chunksize=max(1, len(urls) // (workers * 8))))
    except (OSError, BrokenProcessPool):
        return [qr_path(url) for url in urls]


class QrCodes:
    """QR codes of the pages' addresses. Making one takes ~10 ms (segno tries the eight masks), two
    a program (one per language): 100 s at 5,000 programs. So they are kept between builds in one
    sealed file (``sealedcache``: a file this machine did not write is never inserted into a page,
    only made again), holding the codes the last build used. ``folder`` None: nothing is kept.

    ``deferred``: a code not kept is not made at once; the page gets a placeholder, and ``fill``
    makes all of them together (on every core) and puts them in the generated files."""

    NAME = "codes.json"

    def __init__(self, folder: Path | None = None, project_root: Path | None = None, deferred: bool = False):
        self.entries = SealedFolder(folder, project_root) if folder and project_root else None
        self.known = self._load()
        self.used: dict[str, str] = {}
        self.deferred = deferred
        self.pending: list[tuple[str, str]] = []

    def _load(self) -> dict[str, str]:
        data = self.entries.read(self.NAME) if self.entries else None
        try:
            stored = json.loads(data) if data else {}
        except ValueError:
            return {}
        if not isinstance(stored, dict) or stored.get("recipe") != QR_RECIPE or not isinstance(stored.get("codes"), dict):
            return {}
        return {k: v for k, v in stored["codes"].items() if isinstance(k, str) and isinstance(v, str)}

    @staticmethod
    def _named(path: str, label: str) -> Markup:
        return Markup(path.replace("<svg ", f'<svg class="ld-qr" role="img" aria-label="{escape(label)}" ', 1))

    def svg(self, url: str, label: str) -> Markup:
        """An inline SVG QR code of ``url``, an image named ``label`` for screen readers."""
        if not url:
            return Markup()
        path = self.used.get(url) or self.known.get(url)
        if path is None and self.deferred:
            self.pending.append((url, label))
            return Markup(_PLACEHOLDER.format(len(self.pending) - 1))
        self.used[url] = path = path or qr_path(url)
        return self._named(path, label)

    def fill(self, files: dict[str, bytes]) -> None:
        """Make the codes the pages wait for and put them in ``files`` (in place)."""
        if not self.pending:
            return
        urls = list(dict.fromkeys(url for url, _ in self.pending))
        self.used.update(zip(urls, make_codes(urls), strict=True))
        done = [self._named(self.used[url], label).encode("utf-8") for url, label in self.pending]

        def code(found: re.Match[bytes]) -> bytes:
            n = int(found.group(1))  # anything else that looks like a placeholder stays as it is
            return done[n] if n < len(done) else found.group(0)

        for name, data in files.items():
            if b"\x1bld-qr:" in data:
                files[name] = _PENDING.sub(code, data)
        self.pending = []

    def save(self) -> None:
        """Keep the codes this build used (when they differ from those it found)."""
        if self.entries is not None and self.used != self.known:
            data = json.dumps({"recipe": QR_RECIPE, "codes": self.used}, sort_keys=True, separators=(",", ":"))
            self.entries.write(self.NAME, data.encode("utf-8"))


def qr_svg(url: str, label: str) -> Markup:
    """One QR code, made now (nothing kept)."""
    return QrCodes().svg(url, label)
