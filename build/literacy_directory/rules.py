"""Rules across files: references resolve, LBS program rules, protocol parties, freshness.

Each rule is a small function taking the loaded ``Content`` and yielding diagnostics; rules run on
every row that was readable, so all problems are reported in one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from .content import Content, ProtocolFile
from .diagnostics import Diagnostic, error, warning
from .suggest import did_you_mean, listing, shown
from .tables import Row, Table

Rule = Callable[[Content, dt.date], Iterator[Diagnostic]]
STALE_WARNING_DAYS = 365
STALE_ERROR_DAYS = 730


def _ids(content: Content, table: str) -> set[str]:
    t = content.tables.get(table)
    return {r["id"] for r in t.rows if r["id"]} if t else set()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def check_references(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    ids = {name: _ids(content, name) for name in content.tables}
    for table in content.tables.values():
        target_readable = {name: t.readable for name, t in content.tables.items()}
        for column, target, is_list in table.spec.references():
            if not target_readable.get(target, False):
                continue
            for row in table.rows:
                values = row[column] if is_list else [row[column]]
                for value in values or []:
                    if value and value not in ids[target]:
                        yield _dangling(table, row, column, value, target, ids[target])


def _dangling(table: Table, row: Row, column: str, value: str, target: str, known: set[str]) -> Diagnostic:
    hint = did_you_mean(value, sorted(known))
    hint = _capital(hint) if hint else f"Check spelling, capitals and spaces, or add it to {target}.csv first."
    return error(table.path, row.line, table.column_of(column), "dangling-reference",
                 f'column "{column}": "{value}" is not an id in {target}.csv', hint)


def check_organizations(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    table = content.tables.get("organizations")
    for row in table.rows if table else []:
        roles = row["roles"] or []
        if "lbs_provider" in roles:
            yield from _require(table, row, ("sector", "streams"), "an LBS provider")
        if "partner" in roles:
            yield from _require(table, row, ("partner_types",), "a partner organization")


def _require(table: Table, row: Row, columns: tuple[str, ...], what: str) -> Iterator[Diagnostic]:
    for column in columns:
        if not row[column]:
            yield error(table.path, row.line, table.column_of(column), "required",
                        f'column "{column}" is required for {what}', "Fill in the cell (see schemas/vocabularies.csv for the codes).")


def check_programs(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    table = content.tables.get("programs")
    orgs = {r["id"]: r for r in content.tables["organizations"].rows} if "organizations" in content.tables else {}
    for row in table.rows if table else []:
        yield from _program_rules(table, row, orgs.get(row["organization_id"]))


def _program_rules(table: Table, row: Row, org: Row | None) -> Iterator[Diagnostic]:
    modes = row["delivery_modes"] or []
    if row["type"] == "lbs":
        if row["cost"] and row["cost"] != "free":
            yield error(table.path, row.line, table.column_of("cost"), "lbs-free", f'LBS programs are free, but cost is "{row["cost"]}"',
                        'Write "free" (use cost_note_en for books or materials learners may buy).')
        yield from _require(table, row, ("stream", "eligibility_en"), "an LBS program")
        if org is not None and "lbs_provider" not in (org["roles"] or []):
            yield error(table.path, row.line, table.column_of("organization_id"), "lbs-provider",
                        f'"{row["organization_id"]}" is not an LBS provider, so it cannot run an LBS program',
                        'Add "lbs_provider" to its roles in organizations.csv, or set type to partner_service.')
    if "online" in modes and not row["online_platform_en"]:
        yield error(table.path, row.line, table.column_of("online_platform_en"), "online-provider",
                    "an online program must name its platform or e-Channel provider in online_platform_en", "Write the name learners will see when they log in.")
    if {"in_person", "blended"} & set(modes) and not row["site_ids"]:
        yield error(table.path, row.line, table.column_of("site_ids"), "site-needed",
                    "a program delivered in person needs at least one site in site_ids", "Add the id of the site from sites.csv.")


def check_freshness(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    for table in content.tables.values():
        if table.spec.field("last_verified") is None:
            continue
        for row in table.rows:
            yield from _freshness(table.path, row.line, table.column_of("last_verified"), row["last_verified"], today)
    for protocol in content.protocols:
        if protocol.model is not None:
            line, column = protocol.document.line_of(("last_verified",))
            yield from _freshness(protocol.document.path, line, column, protocol.model.last_verified, today)


def _freshness(path: str, line: int, column: int, date: dt.date | None, today: dt.date) -> Iterator[Diagnostic]:
    if date is None:
        return
    age = (today - date).days
    if age < 0:
        yield error(path, line, column, "future-date", f"last_verified {date} is in the future", "Write the date a person actually checked the record.")
    elif age > STALE_ERROR_DAYS:
        yield error(path, line, column, "stale", f"this record was last verified on {date}, more than 24 months ago",
                    "Call the program to confirm the details, then update last_verified to that date.")
    elif age > STALE_WARNING_DAYS:
        yield warning(path, line, column, "stale", f"this record was last verified on {date}, more than 12 months ago",
                      "Confirm the details with the program soon and update last_verified.")


PROTOCOL_VOCABULARIES = {
    "status": "protocol_status",
    "agreement_type": "agreement_type",
    "direction": "protocol_direction",
    "consent": "consent",
    "client_groups": "client_group",
    "channels": "referral_channel",
}


def check_protocols(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    programs = {r["id"]: r for r in content.tables["programs"].rows} if "programs" in content.tables else {}
    organizations = _ids(content, "organizations")
    for protocol in content.protocols:
        yield from _protocol_codes(content, protocol)
        yield from _protocol_parties(protocol, organizations, programs)
        yield from _protocol_forms(protocol, content.form_ids)
        model = protocol.model
        if model and model.review_date and model.review_date < model.effective_date:
            line, column = protocol.document.line_of(("review_date",))
            yield error(protocol.document.path, line, column, "date-order", "review_date is before effective_date", "Check both dates.")


def _strings(value: Any) -> list[str]:
    """The text items of a front-matter value (a malformed value yields none: the model reports it)."""
    items = value if isinstance(value, list) else [value]
    return [v if isinstance(v, str) else "" for v in items]


def _parties(protocol: ProtocolFile) -> list[dict[str, Any]]:
    parties = protocol.data.get("parties")
    return [p if isinstance(p, dict) else {} for p in parties] if isinstance(parties, list) else []


def _protocol_codes(content: Content, protocol: ProtocolFile) -> Iterator[Diagnostic]:
    checks = [((key,), protocol.data.get(key), vocab) for key, vocab in PROTOCOL_VOCABULARIES.items()]
    checks += [(("parties", i, "role"), p.get("role"), "party_role") for i, p in enumerate(_parties(protocol))]
    for loc, value, vocab_name in checks:
        vocabulary = content.vocabularies.get(vocab_name)
        if vocabulary is None or value is None:
            continue
        for i, code in enumerate(_strings(value)):
            if code and code not in vocabulary:
                line, column = protocol.document.line_of((*loc, i) if isinstance(value, list) else loc)
                hint = did_you_mean(code, vocabulary.codes)
                yield error(protocol.document.path, line, column, "enum",
                            f'"{shown(code)}" is not a {vocab_name.replace("_", " ")} code; use one of: {listing(vocabulary.codes)}',
                            _capital(hint) if hint else "")


def _protocol_parties(protocol: ProtocolFile, organizations: set[str], programs: dict[str, Row]) -> Iterator[Diagnostic]:
    path = protocol.document.path
    parties = _parties(protocol)
    for i, party in enumerate(parties):
        org_id, program_id = _strings(party.get("organization_id"))[0], _strings(party.get("program_id"))[0]
        if organizations and org_id and org_id not in organizations:
            line, column = protocol.document.line_of(("parties", i, "organization_id"))
            hint = did_you_mean(org_id, sorted(organizations))
            yield error(path, line, column, "dangling-reference", f'"{shown(org_id)}" is not an id in organizations.csv',
                        _capital(hint) if hint else "Check the spelling, or add the organization first.")
        if not program_id:
            continue
        program = programs.get(program_id)
        line, column = protocol.document.line_of(("parties", i, "program_id"))
        if programs and program is None:
            hint = did_you_mean(program_id, sorted(programs))
            yield error(path, line, column, "dangling-reference", f'"{shown(program_id)}" is not an id in programs.csv', _capital(hint) if hint else "")
        elif program is not None and org_id and program["organization_id"] != org_id:
            yield error(path, line, column, "party-program", f'program "{program_id}" belongs to "{program["organization_id"]}", not "{org_id}"',
                        "Use the program's own organization_id for this party.")
    if len(parties) >= 2 and len({_strings(p.get("organization_id"))[0] for p in parties}) < 2:
        yield error(path, *protocol.document.line_of(("parties",)), "parties", "a protocol needs at least two different organizations", "")


def _protocol_forms(protocol: ProtocolFile, form_ids: set[str]) -> Iterator[Diagnostic]:
    for i, form in enumerate(_strings(protocol.data.get("forms") or [])):
        if form and form not in form_ids:
            line, column = protocol.document.line_of(("forms", i))
            yield error(protocol.document.path, line, column, "unknown-form", f'there is no form "{shown(form)}" in content/forms/',
                        f"Known forms: {listing(sorted(form_ids)) or 'none yet'}.")


RULES: tuple[Rule, ...] = (check_references, check_organizations, check_programs, check_protocols, check_freshness)


def run_rules(content: Content, today: dt.date) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule(content, today))
    return found
