"""Handouts and messages (site/handout.py, urls.absolute_url): a page's public address, QR codes
that decode to it, and links whose text is plain and fully percent-encoded."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import segno
import zxingcpp
from PIL import Image

from literacy_directory.site import handout
from literacy_directory.site.handout import QrCodes, lines, mailto, make_codes, qr_path, qr_svg, sms
from literacy_directory.site.urls import absolute_url


def test_a_page_s_public_address_in_each_language() -> None:
    assert absolute_url("https://x.org/dir/", "en", "programs/a/") == "https://x.org/dir/programs/a/"
    assert absolute_url("https://x.org/dir/", "fr", "programs/a/") == "https://x.org/dir/fr/programs/a/"
    assert absolute_url("https://x.org/", "en", "") == "https://x.org/"
    assert absolute_url("", "fr", "programs/a/") == ""


def test_the_qr_code_is_a_named_image_of_the_address() -> None:
    url = "https://x.org/fr/programs/a-b/"
    svg = str(qr_svg(url, 'QR "a" <b> & c'))
    assert svg.startswith('<svg class="ld-qr" role="img" aria-label="QR &#34;a&#34; &lt;b&gt; &amp; c" viewBox=')
    assert "<title" not in svg and "xmlns" not in svg and len(svg) < 4000
    png = io.BytesIO()
    segno.make(url, error="m", micro=False).save(png, kind="png", scale=4)
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(png))] == [url]
    assert str(qr_svg("", "x")) == ""


def test_message_links_carry_plain_text_fully_encoded() -> None:
    body = lines("Reading & Math (LBS)", "Phone: 519-555-0100", None, "", "https://x.org/programs/a/?q=1#top")
    assert body == "Reading & Math (LBS)\nPhone: 519-555-0100\nhttps://x.org/programs/a/?q=1#top"
    link = sms(body)
    assert link.startswith("sms:?&body=") and unquote(link.removeprefix("sms:?&body=")) == body
    assert not set("&?#\n <>\"'") & set(link.removeprefix("sms:?&body="))
    parts = urlsplit(mailto("info@network.example.org", "Problem: a&b", body))
    assert (parts.scheme, parts.path) == ("mailto", "info@network.example.org")
    assert parse_qs(parts.query) == {"subject": ["Problem: a&b"], "body": [body]}
    assert mailto("", "s", "b").startswith("mailto:?subject=s&body=b")


def test_qr_codes_are_kept_sealed_between_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LITERACY_DIRECTORY_CACHE_KEY_FILE", str(tmp_path / "state" / "cache.key"))
    project, url = tmp_path / "project", "https://x.org/programs/a/"
    first = QrCodes(project / ".cache" / "qr", project)
    made = first.svg(url, "a")
    first.save()
    again = QrCodes(project / ".cache" / "qr", project)
    assert again.known == {url: qr_path(url)} and again.svg(url, "a") == made
    # a file this machine did not seal (committed, or edited) is never inserted: codes are made again
    stored = project / ".cache" / "qr" / QrCodes.NAME
    stored.write_bytes(stored.read_bytes().replace(b"M4 4.5", b"M0 0.5"))
    assert QrCodes(project / ".cache" / "qr", project).known == {}


@pytest.mark.parametrize("pool_from", [1, 10_000], ids=["on every core", "in the process"])
def test_deferred_codes_are_made_together_and_put_in_every_page(monkeypatch: pytest.MonkeyPatch, pool_from: int) -> None:
    """A build defers the codes it has not kept: pages get placeholders, ``fill`` makes the codes
    (in a pool of spawned workers when there are many) and puts the same SVG in as making each
    at once would, with each page's own label; nothing of the placeholders is left."""
    monkeypatch.setattr(handout, "_POOL_FROM", pool_from)
    urls = [f"https://x.org/programs/p{i}/" for i in range(6)]
    codes = QrCodes(deferred=True)
    files = {f"programs/p{i}/index.md": f"# P{i}\n{codes.svg(url, f'QR {i}')}\n".encode() for i, url in enumerate(urls)}
    files["again.md"] = f"{codes.svg(urls[0], 'again <0>')} and {codes.svg(urls[1], 'one')}".encode()
    files["plain.md"] = b"no code here"
    files["stray.md"] = b"\x1bld-qr:99\x1b"  # not one of this build's placeholders: left as it is
    assert all(b"\x1b" in data for name, data in files.items() if name not in ("plain.md", "stray.md"))
    codes.fill(files)
    for i, url in enumerate(urls):
        assert files[f"programs/p{i}/index.md"] == f"# P{i}\n{qr_svg(url, f'QR {i}')}\n".encode()
    assert files["again.md"] == f"{qr_svg(urls[0], 'again <0>')} and {qr_svg(urls[1], 'one')}".encode()
    assert files["plain.md"] == b"no code here" and files["stray.md"] == b"\x1bld-qr:99\x1b" and codes.pending == []
    assert codes.used == {url: qr_path(url) for url in urls}
    assert make_codes([]) == []


def test_the_vendored_qr_library_is_the_pinned_npm_package() -> None:
    """finder.js draws the QR code of a filtered list with qrcode-generator, vendored in the site's
    assets (the site needs no npm to build); it stays byte for byte the version package.json pins."""
    root = Path(__file__).resolve().parent.parent
    pinned = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]["qrcode-generator"]
    package = root / "node_modules" / "qrcode-generator"
    assert package.is_dir(), "run npm ci"
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    vendored = root / "site_templates" / "assets" / "vendor" / "qrcode.js"
    assert vendored.read_bytes() == (package / "dist" / "qrcode.js").read_bytes()
