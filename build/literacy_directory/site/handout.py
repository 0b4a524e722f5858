"""What a page needs to leave the screen: a QR code to its public address (``urls.absolute_url``;
made here, at build time, as a small inline SVG), and percent-encoding for the ``sms:`` and
``mailto:`` links that send a listing to a learner or report a problem to its network.

Nothing here goes through a server: the links open the visitor's own text or email app."""

from __future__ import annotations

import json
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


class QrCodes:
    """QR codes of the pages' addresses. Making one takes ~10 ms (segno tries the eight masks), two
    a program (one per language): 100 s at 5,000 programs. So they are kept between builds in one
    sealed file (``sealedcache``: a file this machine did not write is never inserted into a page,
    only made again), holding the codes the last build used. ``folder`` None: nothing is kept."""

    NAME = "codes.json"

    def __init__(self, folder: Path | None = None, project_root: Path | None = None):
        self.entries = SealedFolder(folder, project_root) if folder and project_root else None
        self.known = self._load()
        self.used: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        data = self.entries.read(self.NAME) if self.entries else None
        try:
            stored = json.loads(data) if data else {}
        except ValueError:
            return {}
        if not isinstance(stored, dict) or stored.get("recipe") != QR_RECIPE or not isinstance(stored.get("codes"), dict):
            return {}
        return {k: v for k, v in stored["codes"].items() if isinstance(k, str) and isinstance(v, str)}

    def svg(self, url: str, label: str) -> Markup:
        """An inline SVG QR code of ``url``, an image named ``label`` for screen readers."""
        if not url:
            return Markup()
        path = self.used.get(url) or self.known.get(url) or qr_path(url)
        self.used[url] = path
        return Markup(path.replace("<svg ", f'<svg class="ld-qr" role="img" aria-label="{escape(label)}" ', 1))

    def save(self) -> None:
        """Keep the codes this build used (when they differ from those it found)."""
        if self.entries is not None and self.used != self.known:
            data = json.dumps({"recipe": QR_RECIPE, "codes": self.used}, sort_keys=True, separators=(",", ":"))
            self.entries.write(self.NAME, data.encode("utf-8"))


def qr_svg(url: str, label: str) -> Markup:
    """One QR code, made now (nothing kept)."""
    return QrCodes().svg(url, label)
