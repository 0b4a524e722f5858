"""What a page needs to leave the screen: a QR code to its public address (``urls.absolute_url``;
made here, at build time, as a small inline SVG), and percent-encoding for the ``sms:`` and
``mailto:`` links that send a listing to a learner or report a problem to its network.

Nothing here goes through a server: the links open the visitor's own text or email app."""

from __future__ import annotations

import functools
from urllib.parse import quote

import segno
from markupsafe import Markup, escape


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


@functools.lru_cache(maxsize=4096)
def _qr_path(url: str) -> str:
    # Error correction M (15%) survives a folded or smudged handout; the mask is chosen by segno
    # (the standard's penalty rules). One path, no size, no class: ~600 bytes gzip a code.
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, omitsize=True, svgclass=None, lineclass=None)


def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code of ``url``, an image named ``label`` for screen readers."""
    if not url:
        return Markup()
    svg = _qr_path(url).replace("<svg ", f'<svg class="ld-qr" role="img" aria-label="{escape(label)}" ', 1)
    return Markup(svg)
