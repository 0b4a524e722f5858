"""Rules across files for Literacy Service Plans: a plan against the directory and against itself.

Each rule takes one plan as read (``PlanDraft``, valid or not) and the ``Directory`` of ids from
the loaded tables, and yields located diagnostics. A reference is judged only when the table it
points to was read completely (otherwise that table's own error says what to fix).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic, Severity, error, warning
from literacy_directory.core.suggest import did_you_mean, listing, shown
from literacy_directory.load.frontmatter import text_items
from literacy_directory.load.table import Row, Table
from literacy_directory.plans.model import PUBLISHED, PlanDraft
from literacy_directory.schema.vocabularies import Vocabularies
from literacy_directory.validate.content import Content
from literacy_directory.validate.translation import bilingual_bases, missing_french

SMALL_COUNT = 5
"""Counts of learners from 1 to SMALL_COUNT - 1 could identify someone: not in a published plan."""
NEEDS_APPROVAL_DATE = ("approved", "published")
LBS_PROVIDER = "lbs_provider"
FRONT_MATTER_CODES = (("status", "plan_status"), ("streams", "stream"))


@dataclass(frozen=True)
class Directory:
    """The ids a plan may name, from the directory's tables (None: the table could not be read whole)."""

    networks: frozenset[str] | None
    communities: dict[str, str] | None
    """community id → its network id"""
    organizations: dict[str, tuple[str, ...]] | None
    """organization id → its roles"""
    sites: dict[str, tuple[str, str]] | None
    """site id → (organization id, community id)"""
    programs: dict[str, str] | None
    """program id → its organization id"""
    protocols: frozenset[str] | None
    vocabularies: Vocabularies

    @classmethod
    def of(cls, content: Content) -> Directory:
        def rows(name: str) -> list[Row] | None:
            table = content.tables.get(name)
            return table.rows if table is not None and table.ids_known else None

        networks, communities, organizations = rows("networks"), rows("communities"), rows("organizations")
        sites, programs = rows("sites"), rows("programs")
        return cls(
            networks=frozenset(r["id"] for r in networks if r["id"]) if networks is not None else None,
            communities={r["id"]: r["network_id"] for r in communities if r["id"]} if communities is not None else None,
            organizations={r["id"]: tuple(r["roles"] or ()) for r in organizations if r["id"]}
            if organizations is not None
            else None,
            sites={r["id"]: (r["organization_id"], r["community_id"]) for r in sites if r["id"]} if sites is not None else None,
            programs={r["id"]: r["organization_id"] for r in programs if r["id"]} if programs is not None else None,
            protocols=frozenset(p.id for p in content.protocols),
            vocabularies=content.vocabularies,
        )

    def as_it_was(self) -> Directory:
        """For a plan of a past fiscal year: the directory as it was then is not kept, so none of
        today's ids is held against it (a site closed since then is no error in an old plan)."""
        return Directory(None, None, None, None, None, None, self.vocabularies)

    def ids(self, table: str) -> set[str] | None:
        known: Any = getattr(self, table, None)
        return set(known) if known is not None else None


def check_plan(draft: PlanDraft, directory: Directory, today: dt.date) -> Iterator[Diagnostic]:
    """The plan against itself and, unless it is history, against today's directory."""
    history = is_history(draft, today)
    for rule in RULES:
        yield from rule(draft, directory.as_it_was() if history else directory)


def is_history(draft: PlanDraft, today: dt.date) -> bool:
    """A published plan whose fiscal year ended before ``today``: a record of the past."""
    year = draft.folder.year
    return _is_published(draft) and year is not None and year.last_day < today


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plan_list(draft: PlanDraft, key: str) -> set[str] | None:
    """A list setting of plan.md (communities, streams), or None when it could not be read."""
    value = draft.data.get(key)
    return {v for v in text_items(value) if v is not None} if isinstance(value, list) else None


def _is_published(draft: PlanDraft) -> bool:
    return draft.data.get("status") == PUBLISHED


# --- plan.md ----------------------------------------------------------------------------------


def front_matter_codes(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    document = draft.document
    if document is None:
        return
    for key, vocabulary_name in FRONT_MATTER_CODES:
        vocabulary = directory.vocabularies.get(vocabulary_name)
        value = draft.data.get(key)
        if vocabulary is None or value is None:
            continue
        for i, code in enumerate(text_items(value)):
            if code is not None and code not in vocabulary:
                line, column = document.line_of((key, i) if isinstance(value, list) else (key,))
                hint = did_you_mean(code, vocabulary.codes)
                yield error(
                    document.path,
                    line,
                    column,
                    "enum",
                    f'"{shown(code)}" is not a {vocabulary_name.replace("_", " ")} code; use one of: {listing(vocabulary.codes)}',
                    _capital(hint) if hint else "Codes are lowercase, as listed in schemas/vocabularies.csv.",
                )


def front_matter_references(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    document = draft.document
    if document is None:
        return
    participants = draft.data.get("participants")
    participants = participants if isinstance(participants, dict) else {}
    lists: list[tuple[tuple[str, ...], Any, str]] = [
        (("communities",), draft.data.get("communities"), "communities"),
        (("participants", "lbs"), participants.get("lbs"), "organizations"),
        (("participants", "partners"), participants.get("partners"), "organizations"),
        (("protocols",), draft.data.get("protocols"), "protocols"),
    ]
    for loc, value, table in lists:
        known = directory.ids(table)
        if known is None or not isinstance(value, list):
            continue
        for i, item in enumerate(text_items(value)):
            if item is not None and item not in known:
                line, column = document.line_of((*loc, i))
                yield _dangling(document.path, line, column, ".".join(loc), item, table, known)


def front_matter_rules(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """Communities of the plan's network, LBS agencies that are LBS providers, an approval date."""
    document = draft.document
    if document is None:
        return
    if directory.communities is not None and draft.folder.network_known:
        for i, community in enumerate(text_items(draft.data.get("communities") or [])):
            network = directory.communities.get(community) if community is not None else None
            if network is not None and network != draft.folder.network_id:
                yield error(
                    document.path,
                    *document.line_of(("communities", i)),
                    "other-network",
                    f'community "{community}" belongs to {network}, not to {draft.folder.network_id}',
                    "A plan covers communities of its own network: remove it, or move the plan to that network's folder.",
                )
    participants = draft.data.get("participants")
    lbs = participants.get("lbs") if isinstance(participants, dict) else None
    for i, organization in enumerate(text_items(lbs or [])):
        roles = (directory.organizations or {}).get(organization) if organization is not None else None
        if roles is not None and LBS_PROVIDER not in roles:
            yield error(
                document.path,
                *document.line_of(("participants", "lbs", i)),
                "lbs-provider",
                f'"{organization}" is not an LBS provider, so it cannot be one of the plan\'s LBS agencies',
                "List it under participants: partners instead.",
            )
    status = draft.data.get("status")
    if status in NEEDS_APPROVAL_DATE and not draft.data.get("approval_date"):
        yield error(
            document.path,
            *document.line_of(("status",)),
            "approval-date",
            f"a plan that is {status} needs its approval_date",
            'Add a line like "approval_date: 2025-06-12" with the date the plan was approved.',
        )


# --- tables -----------------------------------------------------------------------------------


def _cell_error(table: Table, row: Row, column: str, code: str, message: str, hint: str) -> Diagnostic:
    return error(table.path, row.line, table.column_of(column), code, message, hint)


def _dangling(path: str, line: int, column: int, where: str, value: str, table: str, known: set[str]) -> Diagnostic:
    hint = did_you_mean(value, sorted(known))
    home = "content/referral_protocols/" if table == "protocols" else f"{table}.csv"
    return error(
        path,
        line,
        column,
        "dangling-reference",
        f'{where}: "{shown(value)}" is not an id in {home}',
        _capital(hint) if hint else f"Check spelling, capitals and spaces, or add it to {home} first.",
    )


def table_references(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """Every column with ``references`` names existing directory records (gaps: see actions_gaps)."""
    for table in draft.tables.values():
        for spec in table.spec.fields:
            target = spec.references
            known = directory.ids(target) if target and target != "gaps" else None
            if target is None or known is None:
                continue
            for row in table.complete_rows:
                for value in (row[spec.name] or []) if spec.is_list else [row[spec.name]]:
                    if value and value not in known:
                        column = table.column_of(spec.name)
                        yield _dangling(table.path, row.line, column, f'column "{spec.name}"', value, target, known)


def delivery_agencies(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """A chart row's agency is an LBS provider taking part in the plan; its site and program are the agency's."""
    table = draft.tables.get("delivery")
    if table is None:
        return
    participants = draft.data.get("participants")
    lbs = {v for v in text_items(participants.get("lbs") or []) if v is not None} if isinstance(participants, dict) else None
    for row in table.complete_rows:
        agency = row["organization_id"]
        roles = (directory.organizations or {}).get(agency)
        if roles is not None and LBS_PROVIDER not in roles:
            yield _cell_error(
                table,
                row,
                "organization_id",
                "lbs-provider",
                f'"{agency}" is a partner, not an LBS provider: the service delivery chart lists LBS agencies only',
                "Remove the row, or name the LBS agency; list partners under participants: partners in plan.md.",
            )
        elif roles is not None and lbs is not None and agency not in lbs:
            yield warning(
                table.path,
                row.line,
                table.column_of("organization_id"),
                "not-a-participant",
                f'"{agency}" has a row in the chart but is not among the plan\'s LBS agencies',
                "Add it under participants: lbs in plan.md.",
            )
        yield from _owned(table, row, "site_id", directory.sites, agency, lambda s: s[0])
        yield from _owned(table, row, "program_id", directory.programs, agency, lambda p: p)


def _owned(
    table: Table, row: Row, column: str, records: dict[str, Any] | None, agency: str, owner_of: Callable[[Any], str]
) -> Iterator[Diagnostic]:
    record_id = row[column]
    if not record_id or records is None or record_id not in records:
        return
    owner = owner_of(records[record_id])
    if owner != agency:
        kind = column.removesuffix("_id")
        yield _cell_error(
            table,
            row,
            column,
            f"{kind}-organization",
            f'{kind} "{record_id}" belongs to "{owner}", not to "{agency}"',
            f"Use one of {agency}'s own {kind}s, or correct organization_id.",
        )


def delivery_places(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """A chart row says where (a site or communities), within the plan's communities and streams."""
    table = draft.tables.get("delivery")
    if table is None:
        return
    communities, streams = _plan_communities(draft, directory), _plan_list(draft, "streams")
    for row in table.complete_rows:
        if not row["site_id"] and not row["community_ids"]:
            yield _cell_error(
                table,
                row,
                "site_id",
                "where-needed",
                "the row says neither the site nor the communities served",
                "Fill site_id with the agency's site, or community_ids for a service delivered online.",
            )
        site = (directory.sites or {}).get(row["site_id"] or "")
        places = [(site[1], "site_id")] if site else []
        places += [(c, "community_ids") for c in row["community_ids"] or []]
        for community, column in places:
            yield from _in_plan(table, row, column, community, communities, "communities")
        yield from _in_plan(table, row, "stream", row["stream"], streams, "streams")


def _in_plan(table: Table, row: Row, column: str, value: str | None, allowed: set[str] | None, key: str) -> Iterator[Diagnostic]:
    if not value or allowed is None or value in allowed:
        return
    what = "community" if key == "communities" else "stream"
    yield _cell_error(
        table,
        row,
        column,
        "not-in-plan",
        f'{what} "{value}" is not one of the plan\'s {key} ({listing(sorted(allowed))})',
        f"Add it to {key} in plan.md, or correct the cell.",
    )


def _rows(draft: PlanDraft, name: str) -> Iterator[tuple[Table, Row]]:
    table = draft.tables.get(name)
    if table is None:
        return
    for row in table.complete_rows:
        yield table, row


def gaps_in_plan(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """Gaps and indicators are about the plan's own communities and streams."""
    communities, streams = _plan_communities(draft, directory), _plan_list(draft, "streams")
    for table, row in _rows(draft, "gaps"):
        for community in row["community_ids"] or []:
            yield from _in_plan(table, row, "community_ids", community, communities, "communities")
        for stream in row["streams"] or []:
            yield from _in_plan(table, row, "streams", stream, streams, "streams")
    for table, row in _rows(draft, "indicators"):
        yield from _in_plan(table, row, "community_id", row["community_id"], communities, "communities")


def _plan_communities(draft: PlanDraft, directory: Directory) -> set[str] | None:
    """The plan's communities, and those its tables name that do not exist at all (reported as
    dangling references, so not also as outside the plan)."""
    communities = _plan_list(draft, "communities")
    if communities is None or directory.communities is None:
        return communities
    return communities | {c for c in _all_named_communities(draft) if c not in directory.communities}


def _all_named_communities(draft: PlanDraft) -> set[str]:
    names: set[str] = set()
    for table in draft.tables.values():
        for column in ("community_id", "community_ids"):
            if table.spec.field(column) is None:
                continue
            for row in table.complete_rows:
                value = row[column]
                names |= set(value) if isinstance(value, list) else {value} if value else set()
    return names


def indicator_labels(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    for table, row in _rows(draft, "indicators"):
        if row["indicator"] == "other" and not row["label_en"]:
            yield _cell_error(
                table,
                row,
                "label_en",
                "required",
                'an indicator of kind "other" needs its name in label_en',
                "Write what the figure measures, like 'Adults receiving Employment Insurance'.",
            )


def actions_gaps(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """An action addresses gaps recorded in the same plan's gaps.csv."""
    gaps = draft.tables.get("gaps")
    if gaps is not None and not gaps.ids_known:
        return
    known = {r["id"] for r in gaps.rows if r["id"]} if gaps is not None else set()
    for table, row in _rows(draft, "actions"):
        for gap in row["gap_ids"] or []:
            if gap not in known:
                hint = did_you_mean(gap, sorted(known))
                yield _cell_error(
                    table,
                    row,
                    "gap_ids",
                    "unknown-gap",
                    f'"{shown(gap)}" is not the id of a gap in this plan\'s gaps.csv',
                    _capital(hint) if hint else "Use the id of a row of gaps.csv in the same folder, or add the gap there first.",
                )


def small_counts(draft: PlanDraft, directory: Directory) -> Iterator[Diagnostic]:
    """Counts of 1 to 4 learners could identify someone: an error in a published plan, a warning
    before (so the network fixes them before publishing)."""
    published = _is_published(draft)
    make = error if published else warning
    for name, column in (("results", "count"), ("delivery", "last_year_actual")):
        for table, row in _rows(draft, name):
            value = row[column]
            if isinstance(value, int) and 0 < value < SMALL_COUNT:
                yield make(
                    table.path,
                    row.line,
                    table.column_of(column),
                    "small-count",
                    f"{value} learners is fewer than {SMALL_COUNT}: a count this small could identify someone"
                    + ("" if published else ", so it cannot be published"),
                    "Combine this row with another (a larger group, or all agencies together), or leave it out. "
                    f"Counts of 0 and of {SMALL_COUNT} or more are fine.",
                )


Rule = Callable[["PlanDraft", Directory], Iterator[Diagnostic]]
RULES: tuple[Rule, ...] = (
    front_matter_codes,
    front_matter_references,
    front_matter_rules,
    table_references,
    delivery_agencies,
    delivery_places,
    gaps_in_plan,
    indicator_labels,
    actions_gaps,
    small_counts,
)


# --- French -----------------------------------------------------------------------------------


def check_french(draft: PlanDraft, severity: Severity) -> Iterator[Diagnostic]:
    """Text in English without its French (``x_en`` filled, ``x_fr`` empty), in plan.md (and its
    data sources), the narrative (plan.fr.md), and the tables' rows."""
    document = draft.document
    if document is not None:
        places: list[tuple[tuple[str | int, ...], dict[str, Any]]] = [((), draft.data)]
        sources = draft.data.get("data_sources")
        places += (
            [(("data_sources", i), s) for i, s in enumerate(sources) if isinstance(s, dict)] if isinstance(sources, list) else []
        )
        for loc, values in places:
            missing = missing_french(values, [k[:-3] for k in values if k.endswith("_en")])
            if missing:
                line, column = document.line_of((*loc, f"{missing[0]}_en"))
                yield _no_french(document.path, line, column, severity, [f"{m}_fr" for m in missing], "plan")
        if draft.body_fr is None and document.body.strip():
            path = f"{draft.folder.rel}/plan.fr.md"
            yield _no_french(document.path, document.body_line, 1, severity, [f"the plan's text ({path})"], "plan")
    for table in draft.tables.values():
        bases = bilingual_bases(table.spec.field_names)
        for row in table.complete_rows if bases else []:
            missing = missing_french(row.values, bases)
            if missing:
                column = table.column_of(f"{missing[0]}_fr")
                yield _no_french(table.path, row.line, column, severity, [f"{m}_fr" for m in missing], "row")


def _no_french(path: str, line: int, column: int, severity: Severity, names: list[str], what: str) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        column,
        severity,
        "missing-french",
        f"this {what} has no French for: {', '.join(names)}",
        "Add the French translation, or ask your network's translator.",
    )
