"""Rules across files: references resolve, LBS program rules, protocol parties, freshness.

Each rule is a small function taking the loaded ``Content`` and yielding diagnostics; rules run on
every row that was readable, so all problems are reported in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic, error, warning
from literacy_directory.core.suggest import did_you_mean, listing, shown
from literacy_directory.load.frontmatter import text_items
from literacy_directory.load.table import Row, Table
from literacy_directory.validate.content import Content, ProtocolFile
from literacy_directory.validate.lifecycle import LIFECYCLE_RULES
from literacy_directory.validate.placerules import check_places

Rule = Callable[[Content, dt.date], Iterator[Diagnostic]]
STALE_WARNING_DAYS = 365
STALE_ERROR_DAYS = 730


def _ids(content: Content, table: str) -> set[str]:
    t = content.tables.get(table)
    if not t:
        return set()
    ids = {r.values.get("id") for r in t.rows}
    ids.discard(None)
    ids.discard("")
    return ids  # type: ignore[return-value]


def _known_ids(content: Content, table: str) -> set[str] | None:
    """The ids of a table, or None when they could not all be read (then references to it are
    not judged: the table's own error says what to fix)."""
    t = content.tables.get(table)
    return _ids(content, table) if t is not None and t.ids_known else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def check_references(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    ids = {name: _known_ids(content, name) for name in content.tables}
    for table in content.tables.values():
        for column, target, is_list in table.spec.references():
            known = ids.get(target)
            if known is None:
                continue
            for row in table.complete_rows:  # 20,000 programs: reading row.values directly is worth it
                cell = row.values.get(column)
                for value in (cell or ()) if is_list else (cell,):
                    if value and value not in known:
                        yield _dangling(table, row, column, value, target, known)


def _dangling(table: Table, row: Row, column: str, value: str, target: str, known: set[str]) -> Diagnostic:
    hint = did_you_mean(value, sorted(known))
    hint = _capital(hint) if hint else f"Check spelling, capitals and spaces, or add it to {target}.csv first."
    return error(
        table.path,
        row.line,
        table.column_of(column),
        "dangling-reference",
        f'column "{column}": "{value}" is not an id in {target}.csv',
        hint,
    )


def check_organizations(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    table = content.tables.get("organizations")
    if table is None:
        return
    for row in table.complete_rows:
        roles = row["roles"] or []
        if "lbs_provider" in roles:
            yield from _require(table, row, ("sector", "streams"), "an LBS provider")
        if "partner" in roles:
            yield from _require(table, row, ("partner_types",), "a partner organization")


def _require(table: Table, row: Row, columns: tuple[str, ...], what: str) -> Iterator[Diagnostic]:
    for column in columns:
        if not row[column]:
            yield error(
                table.path,
                row.line,
                table.column_of(column),
                "required",
                f'column "{column}" is required for {what}',
                "Fill in the cell (see schemas/vocabularies.csv for the codes).",
            )


def check_programs(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    table = content.tables.get("programs")
    if table is None:
        return
    orgs = {r["id"]: r for r in content.tables["organizations"].complete_rows} if "organizations" in content.tables else {}
    for row in table.complete_rows if table else []:
        yield from _program_rules(table, row, orgs.get(row["organization_id"]))


def _program_rules(table: Table, row: Row, org: Row | None) -> Iterator[Diagnostic]:
    modes = row["delivery_modes"] or []
    if row["type"] == "lbs":
        if row["cost"] and row["cost"] != "free":
            yield error(
                table.path,
                row.line,
                table.column_of("cost"),
                "lbs-free",
                f'LBS programs are free, but cost is "{row["cost"]}"',
                'Write "free" (use cost_note_en for books or materials learners may buy).',
            )
        yield from _require(table, row, ("stream", "eligibility_en"), "an LBS program")
        if org is not None and "lbs_provider" not in (org["roles"] or []):
            yield error(
                table.path,
                row.line,
                table.column_of("organization_id"),
                "lbs-provider",
                f'"{row["organization_id"]}" is not an LBS provider, so it cannot run an LBS program',
                'Add "lbs_provider" to its roles in organizations.csv, or set type to partner_service.',
            )
    if "online" in modes and not row["online_platform_en"]:
        yield error(
            table.path,
            row.line,
            table.column_of("online_platform_en"),
            "online-provider",
            "an online program must name its platform or e-Channel provider in online_platform_en",
            "Write the name learners will see when they log in.",
        )
    if {"in_person", "blended"} & set(modes) and not row["site_ids"]:
        yield error(
            table.path,
            row.line,
            table.column_of("site_ids"),
            "site-needed",
            "a program delivered in person needs at least one site in site_ids",
            "Add the id of the site from sites.csv.",
        )


def check_freshness(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    for table in content.tables.values():
        if table.spec.field("last_verified") is None:
            continue
        for row in table.complete_rows:
            if row["status"] != "retired":  # an ended listing has nothing left to confirm
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
        yield error(
            path,
            line,
            column,
            "future-date",
            f"last_verified {date} is in the future",
            "Write the date a person actually checked the record.",
        )
    elif age > STALE_ERROR_DAYS:
        yield error(
            path,
            line,
            column,
            "stale",
            f"this record was last verified on {date}, more than 24 months ago",
            "Call the program to confirm the details, then update last_verified to that date.",
        )
    elif age > STALE_WARNING_DAYS:
        yield warning(
            path,
            line,
            column,
            "stale",
            f"this record was last verified on {date}, more than 12 months ago",
            "Confirm the details with the program soon and update last_verified.",
        )


PROTOCOL_VOCABULARIES = {
    "status": "protocol_status",
    "agreement_type": "agreement_type",
    "direction": "protocol_direction",
    "consent": "consent",
    "client_groups": "client_group",
    "channels": "referral_channel",
}


def check_complete_listings(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    """Warnings for listings that would publish without what a learner or a referrer needs: how to
    start, a way to get in touch, the goals of an LBS program, a protocol's steps."""
    table = content.tables.get("programs")
    orgs = {r["id"]: r for r in content.tables["organizations"].complete_rows} if "organizations" in content.tables else {}
    if table is not None:
        for row in table.complete_rows:
            yield from _incomplete_program(table, row, orgs.get(row["organization_id"]))
    for protocol in content.protocols:
        if not _has_text(protocol.document.body):
            yield warning(
                protocol.document.path,
                protocol.document.body_line,
                1,
                "incomplete-listing",
                "the protocol has no steps: its page would say nothing about how to refer",
                'Under "## How to refer", write the steps a worker follows, one per line.',
            )


def _incomplete_program(table: Table, row: Row, org: Row | None) -> Iterator[Diagnostic]:
    def missing(column: str, message: str, hint: str) -> Diagnostic:
        return warning(table.path, row.line, table.column_of(column), "incomplete-listing", message, hint)

    if not row["how_to_start_en"]:
        yield missing(
            "how_to_start_en",
            "the program does not say how to start",
            "Write the first step in how_to_start_en, like 'Call us to book a visit.'",
        )
    reachable = row["contact_phone"] or row["contact_email"] or (org is not None and (org["phone"] or org["email"]))
    if not reachable:
        yield missing(
            "contact_phone",
            "nobody can call or write to this program",
            "Fill contact_phone or contact_email (or the organization's phone or email).",
        )
    if row["type"] == "lbs" and not row["goal_paths"]:
        yield missing(
            "goal_paths",
            "the LBS program names no goal path, so the finder cannot show it for any goal",
            "List its goal paths, separated by ;.",
        )


def _has_text(markdown: str) -> bool:
    """Whether a Markdown body says anything besides headings and comments."""
    without_comments = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    return any(line.strip() and not line.lstrip().startswith("#") for line in without_comments.splitlines())


def check_protocols(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    organizations, program_ids = _known_ids(content, "organizations"), _known_ids(content, "programs")
    programs = {r["id"]: r for r in content.tables["programs"].complete_rows} if "programs" in content.tables else {}
    for protocol in content.protocols:
        yield from _protocol_codes(content, protocol)
        yield from _protocol_parties(protocol, organizations, program_ids, programs)
        yield from _protocol_forms(protocol, content.form_ids)
        model = protocol.model
        if model and model.review_date and model.review_date < model.effective_date:
            line, column = protocol.document.line_of(("review_date",))
            yield error(
                protocol.document.path, line, column, "date-order", "review_date is before effective_date", "Check both dates."
            )


def _parties(protocol: ProtocolFile) -> list[dict[str, Any]]:
    parties = protocol.data.get("parties")
    return [p if isinstance(p, dict) else {} for p in parties] if isinstance(parties, list) else []


def _protocol_codes(content: Content, protocol: ProtocolFile) -> Iterator[Diagnostic]:
    checks: list[tuple[tuple[str | int, ...], Any, str]] = [
        ((key,), protocol.data.get(key), vocab) for key, vocab in PROTOCOL_VOCABULARIES.items()
    ]
    checks += [(("parties", i, "role"), p.get("role"), "party_role") for i, p in enumerate(_parties(protocol))]
    for loc, value, vocab_name in checks:
        vocabulary = content.vocabularies.get(vocab_name)
        if vocabulary is None or value is None:
            continue
        for i, code in enumerate(text_items(value)):
            if code and code not in vocabulary:
                line, column = protocol.document.line_of((*loc, i) if isinstance(value, list) else loc)
                hint = did_you_mean(code, vocabulary.codes)
                yield error(
                    protocol.document.path,
                    line,
                    column,
                    "enum",
                    f'"{shown(code)}" is not a {vocab_name.replace("_", " ")} code; use one of: {listing(vocabulary.codes)}',
                    _capital(hint) if hint else "Codes are lowercase, as listed in schemas/vocabularies.csv.",
                )


def _text(value: Any) -> str:
    """A front-matter value if it is text, else "" (a malformed value is reported by the model)."""
    return value if isinstance(value, str) else ""


def _protocol_parties(
    protocol: ProtocolFile, organizations: set[str] | None, program_ids: set[str] | None, programs: dict[str, Row]
) -> Iterator[Diagnostic]:
    parties = _parties(protocol)
    for i, party in enumerate(parties):
        org_id, program_id = _text(party.get("organization_id")), _text(party.get("program_id"))
        if organizations is not None and org_id and org_id not in organizations:
            yield _party_dangling(protocol, i, "organization_id", org_id, organizations)
        if program_ids is not None and program_id and program_id not in program_ids:
            yield _party_dangling(protocol, i, "program_id", program_id, program_ids)
        elif program_id in programs and org_id and programs[program_id]["organization_id"] != org_id:
            owner = programs[program_id]["organization_id"]
            yield error(
                protocol.document.path,
                *protocol.document.line_of(("parties", i, "program_id")),
                "party-program",
                f'program "{program_id}" belongs to "{owner}", not "{org_id}"',
                "Use the program's own organization_id for this party.",
            )
    organization_ids = [_text(p.get("organization_id")) for p in parties]
    if len(parties) >= 2 and all(organization_ids) and len(set(organization_ids)) < 2:
        yield error(
            protocol.document.path,
            *protocol.document.line_of(("parties",)),
            "parties",
            "a protocol needs at least two different organizations",
            "Give each party the organization_id of a different organization.",
        )


def _party_dangling(protocol: ProtocolFile, index: int, key: str, value: str, known: set[str]) -> Diagnostic:
    table = "organizations" if key == "organization_id" else "programs"
    hint = did_you_mean(value, sorted(known))
    return error(
        protocol.document.path,
        *protocol.document.line_of(("parties", index, key)),
        "dangling-reference",
        f'parties: "{shown(value)}" is not an id in {table}.csv',
        _capital(hint) if hint else f"Check the spelling, or add it to {table}.csv first.",
    )


def _protocol_forms(protocol: ProtocolFile, form_ids: set[str]) -> Iterator[Diagnostic]:
    for i, form in enumerate(text_items(protocol.data.get("forms") or [])):
        if form and form not in form_ids:
            line, column = protocol.document.line_of(("forms", i))
            yield error(
                protocol.document.path,
                line,
                column,
                "unknown-form",
                f'there is no form "{shown(form)}" in content/forms/',
                f"Known forms: {listing(sorted(form_ids)) or 'none yet'}.",
            )


RULES: tuple[Rule, ...] = (
    check_references,
    check_organizations,
    check_programs,
    check_complete_listings,
    check_places,
    check_protocols,
    check_freshness,
    *LIFECYCLE_RULES,
)


def run_rules(content: Content, today: dt.date) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule(content, today))
    return found
