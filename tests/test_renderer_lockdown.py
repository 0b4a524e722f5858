"""The renderers are locked down, and these tests fail if a setting is loosened:

- WeasyPrint loads nothing but ``data:`` URLs and the project's own form assets: no network, no
  ``file:`` outside ``site_templates/forms/`` (a PDF attachment of ``/etc/passwd`` would be published);
- the CSS string escaper escapes every character that could end the string or the <style>
  element (golden case in tests/cases/render/);
- every Jinja environment autoescapes and treats an undefined name as an error;
- Markdown from content is cleaned by nh3 with the allow-list in ``sanitize``.
"""

from __future__ import annotations

import io
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jinja2
import pytest
from pypdf import PdfReader
from ruamel.yaml import YAML

from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.jinja import environment
from literacy_directory.core.project import Project
from literacy_directory.forms import render as formrender
from literacy_directory.forms.model import load_forms
from literacy_directory.forms.pdffetch import RefusedURL, asset_fetcher, asset_path
from literacy_directory.forms.render import css_string, pdf_from_html
from literacy_directory.schema.vocabularies import parse_vocabularies
from literacy_directory.site import sanitize
from literacy_directory.site.templating import Templates
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]
CASE = YAML(typ="safe", pure=True).load((ROOT / "tests" / "cases" / "render" / "form-title-css.yml").read_text("utf-8"))
SECRET = "TOP-SECRET-MARKER-4242"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that records every request it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b"body { background: red }" if self.path.endswith(".css") else b"GIF89a"
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_html(base: str, secret: Path) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title>
<link rel="stylesheet" href="{base}/linked.css">
<link rel="attachment" href="{secret.as_uri()}">
<link rel="attachment" href="{base}/attached.txt">
<style>@import url({base}/imported.css); body {{ background: url({secret.as_uri()}) }}
@font-face {{ font-family: X; src: url({base}/font.ttf) }}</style></head>
<body><p>Hello</p><img src="{base}/image.gif" alt=""><img src="{secret.as_uri()}" alt="">
<object data="{secret.as_uri()}"></object><embed src="{base}/embed.gif"></body></html>"""


def test_pdf_renderer_fetches_nothing_and_embeds_no_local_file(
    tmp_path: Path, server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, hits = server
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    fetchers: list[Any] = []
    real = formrender.asset_fetcher

    def spy(weasyprint: Any, folder: Path) -> Any:
        fetchers.append(real(weasyprint, folder))
        return fetchers[-1]

    monkeypatch.setattr(formrender, "asset_fetcher", spy)
    data = pdf_from_html(hostile_html(base, secret), ROOT / "site_templates" / "forms")
    assert hits == []
    assert SECRET.encode() not in data
    reader = PdfReader(io.BytesIO(data))
    assert reader.attachments == {}
    refused = set(fetchers[0].refused)
    assert {f"{base}/linked.css", f"{base}/imported.css", f"{base}/image.gif", secret.as_uri()} <= refused


def test_the_same_document_with_weasyprints_default_fetcher_would_leak(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    """The control: without the locked fetcher this document does fetch and embed."""
    weasyprint = formrender._weasyprint()
    base, hits = server
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    data = weasyprint.HTML(string=hostile_html(base, secret)).write_pdf()
    assert hits
    assert "secret.txt" in PdfReader(io.BytesIO(data)).attachments


def test_the_fetcher_serves_its_own_folder_only(tmp_path: Path) -> None:
    weasyprint = formrender._weasyprint()
    assets = tmp_path / "forms"
    assets.mkdir()
    (assets / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")
    (assets / "link.txt").symlink_to(tmp_path / "outside.txt")
    fetcher = asset_fetcher(weasyprint, assets)
    assert fetcher((assets / "logo.svg").as_uri()).read().startswith(b"<svg")
    assert fetcher("data:text/plain,hello").read() == b"hello"
    for url in (
        (tmp_path / "outside.txt").as_uri(),
        (assets / "link.txt").as_uri(),
        f"{(assets / 'logo.svg').as_uri()}/../../outside.txt",
        "file:///etc/passwd",
        "file://example.org/etc/passwd",
        "http://example.org/x.css",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ):
        with pytest.raises(Exception):  # noqa: B017 (WeasyPrint catches any exception)
            fetcher(url)
        assert fetcher.refused[-1] == url
    with pytest.raises(RefusedURL):
        asset_path(assets, (assets / "link.txt").as_uri())


def test_css_string_golden_case() -> None:
    assert str(css_string(CASE["title"])) == CASE["css"]


@pytest.mark.parametrize("char", [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + ['"', "'", "\\", "<", ">", "&"])
def test_css_string_escapes_every_control_character_and_quote(char: str) -> None:
    inner = re.sub(r"\\[0-9a-f]{1,6} ", "", str(css_string(f"a{char}b"))[1:-1])
    assert char not in inner


def test_a_hostile_form_title_makes_a_pdf_that_fetches_nothing(
    tmp_path: Path, server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, hits = server
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    (tmp_path / "content" / "forms").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "forms" / "consent-to-share.yml", tmp_path / "content" / "forms")
    vocabularies, _ = parse_vocabularies("schemas/vocabularies.csv", (ROOT / "schemas" / "vocabularies.csv").read_text("utf-8"))
    (form,), problems = load_forms(Project(tmp_path), vocabularies)
    assert not problems
    title = CASE["title"].replace("http://127.0.0.1:9", base)
    hostile = form.model_copy(update={"title_en": title})
    html = formrender._render_template(
        hostile, "en", "pdf.html.j2", font_css=jinja2.utils.markupsafe.Markup(""), css=jinja2.utils.markupsafe.Markup("")
    )
    assert str(css_string(title)) in html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<" not in style and "url(" in style  # the text is there, but inside one CSS string
    assert html.count("</style>") == 1 and "<script>" not in html
    data = formrender.form_pdf(hostile, "en")
    assert hits == []
    assert PdfReader(io.BytesIO(data)).attachments == {}


def test_every_jinja_environment_autoescapes_and_refuses_undefined_names(tmp_path: Path) -> None:
    env = environment(ROOT / "site_templates" / "pages")
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
    forms_env = formrender._environment(ROOT / "site_templates" / "forms")
    assert forms_env.autoescape is True and forms_env.undefined is jinja2.StrictUndefined
    catalog = catalog_of(check_project(Project(ROOT)))
    assert catalog is not None
    pages = Templates(ROOT / "site_templates", catalog, "en").env
    assert pages.autoescape is True and pages.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_markdown_is_cleaned_with_the_allow_list() -> None:
    assert "script" not in sanitize.ALLOWED_TAGS and "style" not in sanitize.ALLOWED_TAGS
    assert all(not name.startswith("on") and name != "style" for attrs in sanitize.ALLOWED_ATTRIBUTES.values() for name in attrs)
    assert {"http", "https", "mailto", "tel"} == sanitize.URL_SCHEMES
    hostile = (
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)" onclick="x()" style="color:red">link</a>'
        '<iframe src="http://x"></iframe><style>body{}</style><a href="file:///etc/passwd">f</a>'
        '<a href="data:text/html,x">d</a><form action="http://x"><input></form>\n\n[m](javascript:alert(1))'
    )
    out = sanitize.markdown_to_safe_html(hostile)
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "<style",
        "style=",
        "file:",
        "data:",
        "<img",
        "<form",
        "<input",
    ):
        assert bad not in out, bad
    assert 'rel="noopener noreferrer"' in out
