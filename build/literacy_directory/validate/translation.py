"""French text: which records lack it, and how much of each network's content is translated.

A record lacks French when an English text column (``x_en``) is filled and its pair (``x_fr``) is
empty. That is a warning, or an error for projects that publish in both languages
(``check --require-fr``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic, Severity
from literacy_directory.load.table import Row, Table
from literacy_directory.validate.content import Content, ProtocolFile

ALL_NETWORKS = "(all)"
RECORD_NAMES = {
    "networks": "network",
    "communities": "community",
    "organizations": "organization",
    "sites": "site",
    "programs": "program",
    "glossary": "glossary term",
}
SAME_IN_BOTH = ("places",)
"""Tables whose French text is optional by design (a place's name is usually the same in both)."""


@dataclass(frozen=True)
class Coverage:
    """Records with complete French text, for one network and one table."""

    network: str
    table: str
    translated: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


def bilingual_bases(columns: tuple[str, ...]) -> list[str]:
    return [c[:-3] for c in columns if c.endswith("_en") and f"{c[:-3]}_fr" in columns]


def missing_french(values: dict[str, Any], bases: list[str]) -> list[str]:
    return [b for b in bases if values.get(f"{b}_en") and not values.get(f"{b}_fr")]


RowGaps = list[tuple[Table, Row, list[str]]]


def table_gaps(content: Content) -> RowGaps:
    """Every row of a table with bilingual columns, with the French it lacks (often none).
    Computed once and shared by ``check_french`` and ``coverage``."""
    gaps: RowGaps = []
    for table in content.tables.values():
        if table.spec.name in SAME_IN_BOTH:
            continue
        pairs = [(b, f"{b}_en", f"{b}_fr") for b in bilingual_bases(table.spec.field_names)]
        for row in table.complete_rows if pairs else []:
            get = row.values.get  # missing_french, with the column names made once per table
            gaps.append((table, row, [b for b, en, fr in pairs if get(en) and not get(fr)]))
    return gaps


def check_french(content: Content, require: bool, gaps: RowGaps | None = None) -> Iterator[Diagnostic]:
    severity = Severity.ERROR if require else Severity.WARNING
    for table, row, missing in table_gaps(content) if gaps is None else gaps:
        if missing:
            what = RECORD_NAMES.get(table.spec.name, "record")
            yield _diagnostic(table.path, row.line, table.column_of(f"{missing[0]}_fr"), severity, missing, what)
    for protocol in content.protocols:
        yield from _protocol_french(protocol, severity)


def _protocol_french(protocol: ProtocolFile, severity: Severity) -> Iterator[Diagnostic]:
    missing = _protocol_missing(protocol)
    if missing:
        line, column = (
            (protocol.document.body_line, 1) if missing[0] == "body" else protocol.document.line_of((f"{missing[0]}_en",))
        )
        yield _diagnostic(protocol.document.path, line, column, severity, missing, "protocol")


def _protocol_missing(protocol: ProtocolFile) -> list[str]:
    english = [k[:-3] for k in protocol.data if k.endswith("_en")]
    missing = missing_french(protocol.data, english)
    if protocol.body_fr is None and protocol.document.body.strip():
        missing.append("body")
    return missing


def _diagnostic(path: str, line: int, column: int, severity: Severity, missing: list[str], what: str) -> Diagnostic:
    names = ", ".join("the page text (a .fr.md file)" if m == "body" else f"{m}_fr" for m in missing)
    hint = "Add the French translation, or ask your network's translator."
    if "body" in missing:
        hint = "Put the French text in a file with the same name ending in .fr.md. " + hint
    return Diagnostic(path, line, column, severity, "missing-french", f"this {what} has no French for: {names}", hint)


def coverage(content: Content, gaps: RowGaps | None = None) -> list[Coverage]:
    """Share of records with complete French, per network and table (protocols by their first party)."""
    organizations = content.tables.get("organizations")
    org_networks = {r["id"]: r["network_id"] for r in organizations.complete_rows} if organizations else {}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for table, row, missing in table_gaps(content) if gaps is None else gaps:
        _count(counts, (_network(table.spec.name, row.values, org_networks), table.spec.name), not missing)
    for protocol in content.protocols:
        parties = protocol.data.get("parties")
        first = parties[0] if isinstance(parties, list) and parties and isinstance(parties[0], dict) else {}
        network = _network("referral_protocols", {"organization_id": first.get("organization_id")}, org_networks)
        _count(counts, (network, "referral_protocols"), not _protocol_missing(protocol))
    return [Coverage(n, t, done, total) for (n, t), (done, total) in sorted(counts.items())]


def _count(counts: dict[tuple[str, str], list[int]], key: tuple[str, str], complete: bool) -> None:
    counts[key][0] += complete
    counts[key][1] += 1


def _network(table: str, values: dict[str, Any], org_networks: dict[str, Any]) -> str:
    if table == "networks":
        return str(values.get("id"))
    if "network_id" in values:
        return values["network_id"] or ALL_NETWORKS
    if isinstance(values.get("organization_id"), str):
        return org_networks.get(values["organization_id"]) or ALL_NETWORKS
    return ALL_NETWORKS
