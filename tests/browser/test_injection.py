"""Content is untrusted: a corpus of injection payloads in every kind of text field (CSV cells,
protocol front matter and body, a hand-written page) builds fine and stays inert in the browser:
no script runs, no dialog opens, no ``javascript:`` link or event handler reaches the DOM, and
template syntax shows as written."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Content, build, read_csv, serve, split, wait_for_finder
from playwright.sync_api import Page, expect
from test_search import search

from build_support import copy_project

pytestmark = pytest.mark.browser

TEMPLATE = "tpl{{ 7*7 }}"
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<img src=x onerror=alert(document.domain)>",
    '"><svg onload=window.__pwned=1>',
    "'><svg onload=alert(1)>",
    "</title><script>window.__pwned=1</script>",
    TEMPLATE,
    "{% raw %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "[x](javascript:window.__pwned=1)",
    "</script><script>window.__pwned=1</script>",
    "<!-- -->--><script>window.__pwned=1</script>",
    '<a href="javascript:window.__pwned=1">pwnlink</a>',
    "javascript:window.__pwned=1",
    "\\u003cscript\\u003e &lt;script&gt;window.__pwned=1&lt;/script&gt;",
)
WORD = "pwnword"  # a word typed into the search boxes to bring the payloads up
TEXT = f"{WORD} " + " ".join(PAYLOADS)
MARKDOWN = f"""

## {WORD} heading <script>window.__pwned=1</script>

{TEXT}

<script>window.__pwned=1</script>

<img src=x onerror="window.__pwned=1">

<p onclick="window.__pwned=1" style="background:url(javascript:window.__pwned=1)">styled</p>

"><svg onload=window.__pwned=1>

<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>

<details open ontoggle="window.__pwned=1"><summary>x</summary></details>

[inline link](javascript:window.__pwned=1) [upper](JAVASCRIPT:window.__pwned=1) [data](data:text/html,<script>alert(1)</script>)

[reference link][ref] <javascript:window.__pwned=1>

[ref]: javascript:window.__pwned=1

<a href="  java&#x09;script:window.__pwned=1">entity link</a>

{TEMPLATE} {{% raw %}} {{{{ config }}}}

</script><script>window.__pwned=1</script>

```
</code></pre><script>window.__pwned=1</script>
```
"""

CSV_FIELDS = {
    "programs": (
        "name_en",
        "summary_en",
        "description_en",
        "how_to_start_en",
        "eligibility_en",
        "cost_note_en",
        "online_platform_en",
    ),
    "organizations": ("name_en", "description_en"),
    "sites": ("name_en", "street_address", "city", "hours_en", "transit_en", "accessibility_note_en"),
    "networks": ("name_en", "short_name", "area_en", "description_en"),
    "communities": ("name_en",),
    "glossary": ("expansion_en", "definition_en"),
}
PROTOCOL_FIELDS = ("title_en", "summary_en", "consent_note_en", "follow_up_en")

SCAN = """() => {
  // The site's own QR codes (handouts): an svg.ld-qr holding one path of plain moves and nothing else.
  const ownQrCode = el => el.tagName.toLowerCase() === 'svg' && el.classList.contains('ld-qr') &&
    el.children.length === 1 && el.firstElementChild.tagName.toLowerCase() === 'path' &&
    [...el.firstElementChild.attributes].every(a => a.name === 'stroke' || a.name === 'd') &&
    /^[Mmh0-9. -]*$/.test(el.firstElementChild.getAttribute('d') || '');
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) bad.push(`${el.tagName} ${attr.name}`);
      if (value.startsWith('javascript:') || (value.startsWith('data:') && attr.name !== 'content'))
        bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'SVG'].includes(el.tagName.toUpperCase()) && el.closest('article') && !ownQrCode(el))
      bad.push(`${el.tagName} in the content`);
    if (el.tagName === 'SCRIPT' && /pwned|alert/.test(el.textContent)) bad.push('injected script element');
  }
  return bad;
}"""


# --- the poisoned project --------------------------------------------------------------------


def rewrite_csv(path: Path, change: Any) -> None:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def poison_tables(content_dir: Path, content: Content) -> None:
    program = next(p for p in content.programs if split(p["site_ids"]))  # the one content.page_paths() opens
    targets = {
        "programs": program["id"],
        "organizations": program["organization_id"],
        "sites": split(program["site_ids"])[0],
        "networks": content.networks[0]["id"],
        "communities": content.sites[split(program["site_ids"])[0]]["community_id"],
        "glossary": read_csv(content.root, "glossary")[0]["id"],  # an acronym: its expansion is a tooltip on every page
    }
    for table, fields in CSV_FIELDS.items():

        def change(rows: list[dict[str, str]], table: str = table, fields: tuple[str, ...] = fields) -> None:
            hit = [row for row in rows if row["id"] == targets[table]]
            assert hit, f"{targets[table]} not in {table}.csv"
            for field in fields:
                hit[0][field] = f"{table} {field} {TEXT}"
            if table == "glossary":
                rows.append({**hit[0], "id": "payload-term", "term_en": f"{WORD} {TEXT}"})

        rewrite_csv(content_dir / f"{table}.csv", change)


def poison_protocol(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    kept: list[str] = []
    skipping = False
    for line in front.splitlines():
        if line.split(":", 1)[0] in PROTOCOL_FIELDS:
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    kept += [f"{key}: {json.dumps(f'{key} {TEXT}')}" for key in PROTOCOL_FIELDS]
    path.write_text("---\n" + "\n".join(kept) + "\n---\n" + body + MARKDOWN, encoding="utf-8")


def poison_page(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    title, _, rest = text.partition("\n")
    path.write_text(f"{title} {TEXT}\n{rest}{MARKDOWN}", encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[tuple[str, Content, Path]]:
    project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    poison_tables(project / "content", content)
    protocol_id = content.protocol_ids[0]
    poison_protocol(project / "content" / "referral_protocols" / f"{protocol_id}.md")
    poison_page(project / "content" / "pages" / "about.md")
    done = build(project / "site", project)
    assert done.returncode == 0, f"the build with payloads in the content failed:\n{done.stdout}\n{done.stderr}"
    with serve(project / "site") as url:
        yield url, Content(project / "content"), project / "site"


# --- checks ----------------------------------------------------------------------------------


def watch(page: Page) -> list[str]:
    events: list[str] = []

    def on_dialog(dialog: Any) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: events.append(f"console: {msg.text}") if "pwn" in msg.text else None)
    return events


def assert_inert(page: Page, events: list[str], where: str) -> None:
    page.wait_for_timeout(50)  # let onload/onerror handlers of anything that did get through run
    assert events == [], where
    assert page.evaluate("typeof window.__pwned") == "undefined", where
    assert page.evaluate(SCAN) == [], where
    text = page.evaluate("document.title + ' ' + document.body.innerText")
    assert "tpl49" not in text, where


def test_payloads_reach_the_generated_site(poisoned: tuple[str, Content, Path]) -> None:
    """Guard against a vacuous test: the payloads are in the pages and the finder's data."""
    _, content, site = poisoned
    program = next(p for p in content.programs if WORD in p["name_en"])
    html = (site / "programs" / program["id"] / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<script>window.__pwned" not in html
    assert any(WORD in data.read_text(encoding="utf-8") for data in (site / "find").rglob("*.json"))
    assert WORD in (site / "search" / "words.json").read_text(encoding="utf-8")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_every_page_type_is_inert(page: Page, poisoned: tuple[str, Content, Path]) -> None:
    url, content, _ = poisoned
    events = watch(page)
    for kind, path in content.page_paths().items():
        page.goto(url + path, wait_until="networkidle")
        if kind.startswith("finder"):
            wait_for_finder(page)
        assert_inert(page, events, kind)
        if kind in {"program", "organization", "site", "network", "protocol", "glossary", "about"}:
            expect(page.locator("article")).to_contain_text(TEMPLATE)
            expect(page.locator("article")).to_contain_text("<script>window.__pwned=1</script>")
        if kind == "protocol":
            for link in ("inline link", "reference link", "entity link"):
                assert page.get_by_text(link).count() >= 1, link


def test_finder_words_and_results_are_inert(page: Page, poisoned: tuple[str, Content, Path]) -> None:
    url, content, _ = poisoned
    events = watch(page)
    program = next(p for p in content.programs if WORD in p["name_en"] and p["site_ids"])
    postal_code = content.sites[split(program["site_ids"])[0]]["postal_code"]
    page.goto(f"{url}/find/?near={postal_code}")
    wait_for_finder(page)
    page.locator("#ld-more > summary").click()
    page.locator("#ld-q").press_sequentially(WORD)
    expect(page.locator(f"#ld-results li.ld-result[data-id='{program['id']}']")).to_have_count(1)
    expect(page.locator("#ld-results")).to_contain_text(TEMPLATE)
    assert_inert(page, events, "finder filtered by a payload word")
    page.locator("#ld-q").fill("<script>window.__pwned=1</script>")
    assert_inert(page, events, "finder with a payload typed in")
    page.reload()
    wait_for_finder(page)
    assert_inert(page, events, "finder reloaded with the payload in the address")
    page.locator("#ld-near").fill(WORD)
    assert_inert(page, events, "finder with a payload place")
    expect(page.locator(".ld-places a", has_text=WORD)).to_have_count(1)


@pytest.mark.parametrize("words", [WORD, "pwnlink", "styled"])
def test_site_search_results_are_inert(page: Page, poisoned: tuple[str, Content, Path], words: str) -> None:
    url, _, _ = poisoned
    events = watch(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url + "/")
    search(page, {"width": 1280, "height": 800}, words)
    expect(page.locator(".ld-search__result").first).to_be_visible()
    assert_inert(page, events, f"search for {words!r}")
    page.goto(f"{url}/?q={words}")  # the search's deep link
    expect(page.locator(".ld-search__result").first).to_be_visible()
    assert_inert(page, events, f"search deep link ?q={words}")
