"""Rules for the life of a listing: a paused program's reopening date, a retired record's end
date and replacement, and current listings that still point at a retired one.

Ids are forever (they are in addresses on the web and in printed handouts), so a record that
ends is retired (``status: retired``), never deleted; these rules keep a retirement complete and
keep current content from sending learners to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from literacy_directory.core.diagnostics import Diagnostic, error, warning
from literacy_directory.core.suggest import shown
from literacy_directory.load.table import Row, Table
from literacy_directory.validate.content import Content, ProtocolFile

RETIRABLE = ("organizations", "sites", "programs")
WHAT = {"organizations": "organization", "sites": "site", "programs": "program"}
RETIRED = "retired"


def retired_ids(content: Content, table: str) -> dict[str, Row]:
    """The retired rows of a table, by id."""
    t = content.tables.get(table)
    rows = t.complete_rows if t is not None else []
    return {r["id"]: r for r in rows if r["status"] == RETIRED and r["id"]}


def check_pausing(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    table = content.tables.get("programs")
    if table is None:
        return
    for row in table.complete_rows:
        reopening = row["reopening_date"]
        if reopening is None:
            continue
        where = (table.path, row.line, table.column_of("reopening_date"))
        if row["intake_status"] != "paused":
            yield error(
                *where,
                "reopening-date",
                f'reopening_date is only for a paused program, but intake_status is "{shown(row["intake_status"] or "")}"',
                'Write "paused" in intake_status if the program is not taking new learners for a while; otherwise empty reopening_date.',
            )
        elif isinstance(reopening, dt.date) and reopening < today:
            yield warning(
                *where,
                "reopening-past",
                f"the program was to take new learners again on {reopening.isoformat()}, a date that has passed",
                "Call the program. If it takes learners again, change intake_status (open, limited or waitlist) and empty"
                " reopening_date; if not yet, write the new date.",
            )


def check_retirement(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    for name in RETIRABLE:
        table = content.tables.get(name)
        if table is None:
            continue
        retired = retired_ids(content, name)
        for row in table.complete_rows:
            yield from _retirement_cells(table, row, WHAT[name])
            if row["status"] == RETIRED and row["replaced_by"] in retired and row["replaced_by"] != row["id"]:
                yield _retired_replacement(table, row, retired[row["replaced_by"]])


def _retirement_cells(table: Table, row: Row, what: str) -> Iterator[Diagnostic]:
    retired = row["status"] == RETIRED
    if retired and row["end_date"] is None:
        yield error(
            table.path,
            row.line,
            table.column_of("end_date"),
            "retirement",
            f"this {what} is retired but has no end_date",
            "Write the date it ended in end_date, like 2026-11-28: its page tells learners it has ended since then.",
        )
    for column in ("end_date", "replaced_by"):
        if not retired and row[column] not in (None, ""):
            yield error(
                table.path,
                row.line,
                table.column_of(column),
                "retirement",
                f'{column} is only for a retired {what}, but status is "{shown(row["status"] or "active")}"',
                f'Write "retired" in status if the {what} has ended for good; otherwise empty {column}.',
            )
    if retired and row["replaced_by"] == row["id"]:
        yield error(
            table.path,
            row.line,
            table.column_of("replaced_by"),
            "retirement",
            f"a {what} cannot be replaced by itself",
            f"Write the id of the {what} learners should go to instead, or leave replaced_by empty.",
        )


def _retired_replacement(table: Table, row: Row, replacement: Row) -> Diagnostic:
    onward = replacement["replaced_by"]
    return error(
        table.path,
        row.line,
        table.column_of("replaced_by"),
        "retired-reference",
        f'replaced_by: "{shown(row["replaced_by"])}" is retired too',
        f'Point to the one learners can go to now: "{onward}".'
        if onward
        else "Point to a current one, or leave replaced_by empty.",
    )


def check_current_references(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    """A current site or program of a retired organization, or a current program at a retired site."""
    orgs, sites = retired_ids(content, "organizations"), retired_ids(content, "sites")
    for name in ("sites", "programs"):
        table = content.tables.get(name)
        if table is None:
            continue
        for row in table.complete_rows:
            if row["status"] == RETIRED:
                continue
            if row["organization_id"] in orgs:
                yield _points_at_retired(table, row, "organization_id", row["organization_id"], orgs[row["organization_id"]])
            for site_id in (row["site_ids"] or []) if name == "programs" else []:
                if site_id in sites:
                    yield _points_at_retired(table, row, "site_ids", site_id, sites[site_id])


def _points_at_retired(table: Table, row: Row, column: str, target: str, retired: Row) -> Diagnostic:
    what = "organization" if column == "organization_id" else "site"
    onward = retired["replaced_by"]
    instead = f'use "{onward}", which replaces it' if onward else f"use a current {what}"
    return error(
        table.path,
        row.line,
        table.column_of(column),
        "retired-reference",
        f'column "{column}": {what} "{target}" is retired, but this {WHAT[table.spec.name]} is current',
        f"Either {instead}, or retire this {WHAT[table.spec.name]} too (status retired, with its end_date).",
    )


def check_protocol_parties(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    """A referral protocol that still sends learners to a retired organization or program."""
    retired = {"organization_id": retired_ids(content, "organizations"), "program_id": retired_ids(content, "programs")}
    for protocol in content.protocols:
        yield from _retired_parties(protocol, retired)


def _retired_parties(protocol: ProtocolFile, retired: dict[str, dict[str, Row]]) -> Iterator[Diagnostic]:
    parties = protocol.data.get("parties")
    for i, party in enumerate(parties if isinstance(parties, list) else []):
        for key, rows in retired.items():
            value = party.get(key) if isinstance(party, dict) else None
            if isinstance(value, str) and value in rows:
                onward = rows[value]["replaced_by"]
                yield warning(
                    protocol.document.path,
                    *protocol.document.line_of(("parties", i, key)),
                    "retired-party",
                    f'parties: "{shown(value)}" is retired (it ended on {rows[value]["end_date"]})',
                    f'Refer to "{onward}" instead, which replaces it.'
                    if onward
                    else "Name a current one, or retire this protocol.",
                )


LIFECYCLE_RULES = (check_pausing, check_retirement, check_current_references, check_protocol_parties)
