"""Printing a page as Chromium does (``page.pdf``, Letter) and reading the paper back: its page
count, its text (poppler's ``pdftotext``) and the QR codes on it (``pdftoppm`` to PNG, decoded
with zxing-cpp)."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image
from playwright.sync_api import Page


@dataclass(frozen=True)
class Printed:
    pdf: bytes

    @property
    def pages(self) -> int:
        info = self._run("pdfinfo", "{pdf}")
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))

    @property
    def text(self) -> str:
        return self._run("pdftotext", "{pdf}", "-")

    def qr_codes(self, resolution: int = 150) -> list[str]:
        """The text of every QR code on the paper, page by page."""
        found: list[str] = []
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "printed.pdf"
            pdf.write_bytes(self.pdf)
            subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(Path(folder) / "page")], check=True)
            for png in sorted(Path(folder).glob("page*.png")):
                with Image.open(png) as image:
                    found += [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]
        return found

    def _run(self, *command: str) -> str:
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "printed.pdf"
            pdf.write_bytes(self.pdf)
            args = [part.replace("{pdf}", str(pdf)) for part in command]
            return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


def print_page(page: Page) -> Printed:
    """The page as it prints on Letter paper (print media, the site's own @page margins)."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return Printed(page.pdf(format="Letter", prefer_css_page_size=True))


def canonical(page: Page) -> str:
    """The page's public address, as MkDocs writes it from site_url."""
    return str(page.locator("link[rel=canonical]").get_attribute("href"))
