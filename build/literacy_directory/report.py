"""Render diagnostics once, at the edge: compiler-style text, GitHub annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .diagnostics import Diagnostic, count
from .translation import Coverage

GITHUB_ANNOTATION_LIMIT = 10


def as_text(diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = ()) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{d.path}:{d.line}:{d.column}: {d.severity.value}: {d.message} [{d.code}]")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    lines += coverage_lines(coverage)
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
        parts = ", ".join(f"{c.table} {c.translated}/{c.total}" for c in items)
        lines.append(f"  {network}: {parts}")
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


def as_github(diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = ()) -> str:
    """Workflow commands for the first annotations of each severity (GitHub shows only 10 per step),
    followed by the plain text list."""
    shown = {"error": 0, "warning": 0}
    lines = []
    for d in diagnostics:
        kind = d.severity.value
        if shown[kind] >= GITHUB_ANNOTATION_LIMIT:
            continue
        shown[kind] += 1
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(
            f"::{kind} file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_escape_property(d.code)}::{_escape_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "") + as_text(diagnostics, coverage)


def as_markdown_summary(diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = ()) -> str:
    """The full list as a Markdown table for ``$GITHUB_STEP_SUMMARY``."""
    out = ["## Content check", "", summary(diagnostics), ""]
    if diagnostics:
        out += ["| | file | line | problem | how to fix |", "|---|---|---|---|---|"]
        for d in diagnostics:
            icon = "❌" if d.is_error else "⚠️"
            cells = [icon, f"`{d.path}`", str(d.line), f"{d.message} `[{d.code}]`", d.hint]
            out.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    if coverage:
        out += ["", "### French text", "", "| network | table | records with all their French |", "|---|---|---|"]
        out += [f"| {c.network} | {c.table} | {c.translated} of {c.total} ({c.percent}%) |" for c in coverage]
    return "\n".join(out) + "\n"


def as_json(diagnostics: Sequence[Diagnostic], coverage: Sequence[Coverage] = ()) -> str:
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
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
