"""Make untrusted text safe for the site.

Plain text cells are escaped by Jinja's autoescape. Markdown written by networks (protocol bodies,
hand-written pages) is converted to HTML and then cleaned by nh3 (the Rust ammonia sanitizer) with
an allow-list, so script, event handlers, ``javascript:`` links and styles never reach a page.
Values placed in MkDocs front matter are HTML-escaped, because MkDocs' templates print page
titles without escaping.
"""

from __future__ import annotations

import html
import json

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": {"colspan"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def markdown_to_safe_html(text: str) -> str:
    """Markdown → HTML → allow-listed HTML. Headings start at h2 (the page has the h1)."""
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    rendered = _shift_headings(rendered)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _shift_headings(rendered: str) -> str:
    return rendered.replace("<h1", "<h2").replace("</h1>", "</h2>")


def front_matter_value(text: str) -> str:
    """A string for MkDocs front matter: HTML-escaped, then JSON-quoted (which is valid YAML)."""
    return json.dumps(html.escape(text, quote=True), ensure_ascii=False)


def json_for_script(data: object) -> str:
    """JSON that is safe inside HTML (no ``</script>`` or ``<!--`` breakout)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
