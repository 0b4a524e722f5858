"""Render diagnostics once, at the edge: compiler-style text, GitHub annotations, JSON, or an
HTML panel for the live preview.

Every value that can come from content (paths, messages, hints, names) goes through
``logsafe.printable`` (text, annotations, the step summary) or ``logsafe.json_text`` (JSON), so
content cannot add a line to the output: in CI's log a line of its own is a workflow command. The
HTML panel escapes it as HTML."""

from __future__ import annotations

import json
from collections.abc import Sequence

from markupsafe import escape

from literacy_directory.catalog.freshness import NetworkFreshness, stale_count
from literacy_directory.core.diagnostics import Diagnostic, count
from literacy_directory.core.logsafe import json_text, printable
from literacy_directory.validate.translation import Coverage

GITHUB_ANNOTATION_LIMIT = 10


def as_text(
    diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = (), freshness: Sequence[NetworkFreshness] = ()
) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{printable(d.path)}:{d.line}:{d.column}: {d.severity.value}: {printable(d.message)} [{printable(d.code)}]")
        if d.hint:
            lines.append(f"    hint: {printable(d.hint)}")
    lines += coverage_lines(coverage)
    lines += freshness_lines(freshness)
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"


def coverage_lines(coverage: Sequence[Coverage]) -> list[str]:
    """French translation coverage: one line per network, then the total."""
    if not coverage:
        return []
    by_network: dict[str, list[Coverage]] = {}
    for c in coverage:
        by_network.setdefault(c.network, []).append(c)
    done, total = sum(c.translated for c in coverage), sum(c.total for c in coverage)
    lines = [f"French text: {round(100 * done / total) if total else 100}% of records ({done} of {total}) have all their French."]
    for network, items in by_network.items():
        parts = ", ".join(f"{printable(c.table)} {c.translated}/{c.total}" for c in items)
        lines.append(f"  {printable(network)}: {parts}")
    return lines


def freshness_lines(freshness: Sequence[NetworkFreshness]) -> list[str]:
    """Per network, the listings not verified in the last 12 months (oldest first)."""
    if not freshness:
        return []
    total = stale_count(list(freshness))
    if total == 0:
        return ["Freshness: every listing was verified in the last 12 months."]
    lines = [f"Not verified in the last 12 months: {_plural(total, 'listing')} (call to confirm, then update last_verified)."]
    for network in freshness:
        lines.append(f"  {printable(network.name_en)}: {len(network.listings) or 'none'}")
        for s in network.listings:
            where = f"{printable(s.path)}:{s.line}"
            lines.append(f'    {where}: {s.kind} "{printable(s.name_en)}" ({printable(s.id)}), last verified {s.last_verified}')
    return lines


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors, warnings = count(diagnostics)
    if errors == 0 and warnings == 0:
        return "All content is valid."
    status = "The content has errors: nothing was published." if errors else "The content is valid."
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}. {status}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(
    diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = (), freshness: Sequence[NetworkFreshness] = ()
) -> str:
    """Workflow commands for the first annotations of each severity (GitHub shows only 10 per step),
    followed by the plain text list."""
    shown = {"error": 0, "warning": 0}
    lines = []
    for d in diagnostics:
        kind = d.severity.value
        if shown[kind] >= GITHUB_ANNOTATION_LIMIT:
            continue
        shown[kind] += 1
        message = printable(d.message) + (f"\n{printable(d.hint)}" if d.hint else "")
        lines.append(
            f"::{kind} file={_escape_property(printable(d.path))},line={d.line},col={d.column},"
            f"title={_escape_property(printable(d.code))}::{_escape_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "") + as_text(diagnostics, coverage, freshness)


def as_markdown_summary(
    diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = (), freshness: Sequence[NetworkFreshness] = ()
) -> str:
    """The full list as a Markdown table for ``$GITHUB_STEP_SUMMARY``."""
    out = ["## Content check", "", summary(diagnostics), ""]
    if diagnostics:
        out += ["| | file | line | problem | how to fix |", "|---|---|---|---|---|"]
        for d in diagnostics:
            icon = "❌" if d.is_error else "⚠️"
            cells = [icon, f"`{d.path}`", str(d.line), f"{d.message} `[{d.code}]`", d.hint]
            out.append(_table_row(cells))
    if coverage:
        out += ["", "### French text", "", "| network | table | records with all their French |", "|---|---|---|"]
        out += [_table_row([c.network, c.table, f"{c.translated} of {c.total} ({c.percent}%)"]) for c in coverage]
    out += _freshness_table(freshness)
    return "\n".join(out) + "\n"


def _freshness_table(freshness: Sequence[NetworkFreshness]) -> list[str]:
    listings = [(n, s) for n in freshness for s in n.listings]
    if not listings:
        return []
    out = ["", "### Not verified in the last 12 months", "", "| network | listing | last verified | file |", "|---|---|---|---|"]
    for n, s in listings:
        cells = [n.name_en, f"{s.kind}: {s.name_en} (`{s.id}`)", str(s.last_verified), f"`{s.path}:{s.line}`"]
        out.append(_table_row(cells))
    return out


def _table_row(cells: list[str]) -> str:
    """A Markdown table row; a cell's text cannot end the cell or the row."""
    return "| " + " | ".join(printable(c).replace("|", "\\|") for c in cells) + " |"


def as_json(
    diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = (), freshness: Sequence[NetworkFreshness] = ()
) -> str:
    errors, warnings = count(diagnostics)
    report = {
        "valid": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "translation_coverage": [
            {"network": c.network, "table": c.table, "translated": c.translated, "total": c.total} for c in coverage
        ],
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
    }
    if freshness:
        report["not_verified_recently"] = [
            {
                "network": n.network_id,
                "listings": [
                    {"kind": s.kind, "id": s.id, "last_verified": s.last_verified.isoformat(), "path": s.path, "line": s.line}
                    for s in n.listings
                ],
            }
            for n in freshness
        ]
    return json_text(json.dumps(report, indent=2, ensure_ascii=False)) + "\n"


def as_html_panel(diagnostics: Sequence[Diagnostic]) -> str:
    """The problems as an HTML panel for ``serve``'s preview pages: each with its file, line and
    column, what is wrong and the hint; every piece of content escaped."""
    problems = [d for d in diagnostics if d.is_error] or list(diagnostics)
    items = "".join(
        f"<li><code>{escape(d.path)}:{d.line}:{d.column}</code> {escape(d.message)} <small>[{escape(d.code)}]</small>"
        + (f"<br><em>{escape(d.hint)}</em>" if d.hint else "")
        + "</li>"
        for d in problems
    )
    return (
        '<section class="ld-problems" role="alert" aria-labelledby="ld-problems-title">'
        f'<h2 id="ld-problems-title">{escape(summary(diagnostics))}</h2>'
        "<p>The preview shows the site as it was before these problems. Fix them and save: the page reloads by itself.</p>"
        f"<ol>{items}</ol></section>"
    )
