"""``literacy-directory new <kind>``: add an organization, a site, a program or a referral protocol.

The essentials come from options or, when standard input is a terminal, from questions. The new
record gets a valid, unique id (from its name), today's ``last_verified``, and is written as one
correctly quoted CSV row (columns in the file's own order) or as a protocol file. Then the whole
content is checked: when the new record itself has errors it is taken out again, so running the
command a second time with the corrected value starts from a clean file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from click import UsageError  # something the person must give or correct: click shows it with the usage, exit 2
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from literacy_directory import report
from literacy_directory.core.diagnostics import Diagnostic
from literacy_directory.core.project import Project
from literacy_directory.core.suggest import closest, listing
from literacy_directory.load.lenient import read_lenient
from literacy_directory.schema.datapackage import PackageSpec, parse_package
from literacy_directory.schema.vocabularies import Vocabularies, parse_vocabularies
from literacy_directory.validate.check import CheckResult, check_project

Values = dict[str, str]
SLUG_MAX = 60
LBS_ELIGIBILITY = (
    "Adults 19 and older who live in Ontario and want to improve reading, writing, math or computer skills. "
    "Youth 16 to 18 may join in some cases."
)
LBS_ELIGIBILITY_FR = (
    "Adultes de 19 ans et plus qui vivent en Ontario et qui veulent améliorer leurs compétences en lecture, en écriture, "
    "en calcul ou en informatique. Les jeunes de 16 à 18 ans peuvent parfois s'inscrire."
)


# --- ids ---------------------------------------------------------------------------------------


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """``Centre d'éducation (Saint-Rémi)`` → ``centre-d-education-saint-remi``: lowercase ASCII
    letters and digits joined by single hyphens, cut at a hyphen to at most ``max_length``."""
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("æ", "ae").replace("œ", "oe")).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


def unique_id(name: str, taken: Iterable[str], fallback: str) -> str:
    """The slug of ``name``, or ``<slug>-2``, ``-3`` ... when it is taken."""
    base = slugify(name) or fallback
    used = set(taken)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# --- what each kind needs --------------------------------------------------------------------


def _always(values: Values) -> bool:
    return True


def _codes(value: str | None) -> list[str]:
    return [c.strip() for c in re.split(r"[;,]", value or "") if c.strip()]


def _has(column: str, *codes: str) -> Callable[[Values], bool]:
    return lambda values: bool(set(codes) & set(_codes(values.get(column))))


def _is(column: str, code: str) -> Callable[[Values], bool]:
    return lambda values: values.get(column) == code


@dataclass(frozen=True)
class Essential:
    """A value the new record needs, the option that gives it, and the question that asks for it."""

    column: str
    option: str
    question: str
    needed: Callable[[Values], bool] = _always
    default: Callable[[Values, Lookup], str] | None = None


@dataclass(frozen=True)
class Extra:
    """An optional value with its own option (any other column: ``--set column=value``)."""

    column: str
    option: str
    help: str


class Lookup:
    """The schema, the vocabularies and the current rows of the tables (read plainly), for
    choices, defaults and new ids."""

    def __init__(self, project: Project):
        self.project = project
        self._rows: dict[str, list[dict[str, str]]] = {}

    @cached_property
    def package(self) -> PackageSpec:
        try:
            return parse_package(self.project.package_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsageError("the schema could not be read: run `literacy-directory check` to see why") from exc

    @cached_property
    def vocabularies(self) -> Vocabularies:
        path = self.project.vocabularies_path
        text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        return parse_vocabularies(self.project.relative(path), text)[0]

    def rows(self, table: str) -> list[dict[str, str]]:
        if table not in self._rows:
            # Cells as written (not stripped): ids are compared as they stand in the file.
            self._rows[table] = read_lenient(self.project.content / f"{table}.csv", strip=False)
        return self._rows[table]

    def ids(self, table: str) -> list[str]:
        return [r.get("id", "") for r in self.rows(table)]

    def row(self, table: str, record_id: str) -> dict[str, str]:
        return next((r for r in self.rows(table) if r.get("id") == record_id), {})

    def names(self, table: str, where: Callable[[dict[str, str]], bool] = lambda r: True) -> list[tuple[str, str]]:
        return [(r["id"], r.get("name_en") or r.get("term_en") or "") for r in self.rows(table) if r.get("id") and where(r)]

    def choices(self, table: str, column: str, values: Values) -> list[tuple[str, str]]:
        """The codes (with labels) or ids (with names) a column takes."""
        spec = self.package.table(table)
        f = spec.field(column)
        if f is None:
            return []
        if f.vocabulary and f.vocabulary in self.vocabularies:
            return [(t.code, t.label_en) for t in self.vocabularies[f.vocabulary].terms]
        if column == "site_ids" and values.get("organization_id"):
            return self.names("sites", lambda r: r.get("organization_id") == values["organization_id"])
        target = f.references or dict(spec.foreign_keys).get(column)
        return self.names(target) if target else []


def _org_stream(values: Values, lookup: Lookup) -> str:
    streams = _codes(lookup.row("organizations", values.get("organization_id", "")).get("streams"))
    return streams[0] if len(streams) == 1 else ""


def _org_only_site(values: Values, lookup: Lookup) -> str:
    sites = [r["id"] for r in lookup.rows("sites") if r.get("organization_id") == values.get("organization_id")]
    return sites[0] if len(sites) == 1 else ""


def _language_of_stream(values: Values, lookup: Lookup) -> str:
    return "fr" if values.get("stream") == "francophone" else "en"


def _fixed(value: str) -> Callable[[Values, Lookup], str]:
    return lambda values, lookup: value


@dataclass(frozen=True)
class TableKind:
    """A kind of record kept as a row of one CSV table."""

    name: str
    table: str
    essentials: tuple[Essential, ...]
    extras: tuple[Extra, ...] = ()

    @property
    def columns_with_options(self) -> list[tuple[str, str, str]]:
        """(column, option, help) for every option of this kind."""
        return [(e.column, e.option, e.question) for e in self.essentials] + [(x.column, x.option, x.help) for x in self.extras]


ORGANIZATION = TableKind(
    "organization",
    "organizations",
    (
        Essential("network_id", "--network", "Which network is it in? (network id)"),
        Essential("name_en", "--name", "Its name in English"),
        Essential("roles", "--roles", "What is it? (lbs_provider, partner, e_channel_provider)", default=_fixed("lbs_provider")),
        Essential("sector", "--sector", "Its LBS sector", needed=_has("roles", "lbs_provider")),
        Essential("streams", "--streams", "Its LBS streams (separate with ;)", needed=_has("roles", "lbs_provider")),
        Essential(
            "partner_types", "--partner-types", "What services it offers (separate with ;)", needed=_has("roles", "partner")
        ),
    ),
    (
        Extra("name_fr", "--name-fr", "its name in French"),
        Extra("description_en", "--description", "one or two sentences about it, in English"),
        Extra("phone", "--phone", "main phone, like 613-555-0142"),
        Extra("email", "--email", "main email"),
        Extra("website", "--website", "web address starting with https://"),
    ),
)

SITE = TableKind(
    "site",
    "sites",
    (
        Essential("organization_id", "--organization", "Which organization runs it? (organization id)"),
        Essential("community_id", "--community", "Which community is it in? (community id)"),
        Essential("name_en", "--name", "The site's name in English"),
        Essential("street_address", "--street-address", "Street address, like 214 Wellington Street"),
        Essential("city", "--city", "City or town"),
        Essential("postal_code", "--postal-code", "Postal code, like K1A 0B1"),
    ),
    (
        Extra("name_fr", "--name-fr", "the site's name in French"),
        Extra("phone", "--phone", "phone at the site, like 613-555-0142"),
        Extra("hours_en", "--hours", "opening hours in plain words, in English"),
    ),
)

PROGRAM = TableKind(
    "program",
    "programs",
    (
        Essential("organization_id", "--organization", "Which organization runs it? (organization id)"),
        Essential("name_en", "--name", "The program's name in English"),
        Essential("summary_en", "--summary", "One plain sentence: what learners get"),
        Essential("type", "--type", "lbs or partner_service", default=_fixed("lbs")),
        Essential("stream", "--stream", "Its LBS stream", needed=_is("type", "lbs"), default=_org_stream),
        Essential("eligibility_en", "--eligibility", "Who can join", needed=_is("type", "lbs"), default=_fixed(LBS_ELIGIBILITY)),
        Essential("delivery_modes", "--delivery-modes", "How learners learn (separate with ;)", default=_fixed("in_person")),
        Essential(
            "site_ids",
            "--sites",
            "Where (site ids, separate with ;)",
            needed=_has("delivery_modes", "in_person", "blended"),
            default=_org_only_site,
        ),
        Essential(
            "online_platform_en", "--online-platform", "Online platform learners use", needed=_has("delivery_modes", "online")
        ),
        Essential("languages", "--languages", "Languages of the classes (separate with ;)", default=_language_of_stream),
        Essential("cost", "--cost", "free, fee or sliding_scale", default=_fixed("free")),
    ),
    (
        Extra("name_fr", "--name-fr", "the program's name in French"),
        Extra("summary_fr", "--summary-fr", "the summary in French"),
        Extra("how_to_start_en", "--how-to-start", "how to start, in plain words"),
        Extra("goal_paths", "--goal-paths", "goal paths (separate with ;)"),
        Extra("intake_status", "--intake-status", "open, limited, waitlist, paused or closed"),
        Extra("contact_phone", "--phone", "program phone, like 613-555-0142"),
        Extra("contact_email", "--email", "program email"),
    ),
)

TABLE_KINDS = {k.name: k for k in (ORGANIZATION, SITE, PROGRAM)}
PROTOCOL_OPTIONS = (
    ("title_en", "--title", "title in English, like 'Ontario Works to Eastside LBS'"),
    ("title_fr", "--title-fr", "title in French"),
    ("summary_en", "--summary", "one or two plain sentences: who refers whom, and how"),
    ("summary_fr", "--summary-fr", "the summary in French"),
    ("channels", "--channels", "how referrals travel (separate with ;), like referral_form;email"),
    ("consent", "--consent", "written, verbal or not_needed"),
    ("agreement_type", "--agreement-type", "informal (default), written_agreement, mou or lsp"),
    ("status", "--status", "draft (default), active, under_review or retired"),
    ("client_groups", "--client-groups", "which learners (separate with ;)"),
    ("forms", "--forms", "ids of forms used (separate with ;)"),
    ("response_days", "--response-days", "business days the receiving program takes to answer"),
)
PARTY_OPTIONS = (("referrer", "--referrer"), ("receiver", "--receiver"), ("both", "--both"))
KINDS = (*TABLE_KINDS, "protocol", "plan")


# --- asking ----------------------------------------------------------------------------------


class Asker(Protocol):
    def __call__(self, question: str, choices: list[tuple[str, str]], default: str) -> str: ...


def console_asker(question: str, choices: list[tuple[str, str]], default: str) -> str:
    """Ask on the terminal; an empty answer takes the default."""
    if choices:
        print(f"{question}. Choose from:")
        for code, label in choices[:40]:
            print(f"  {code}" + (f"  ({label})" if label and label != code else ""))
        if len(choices) > 40:
            print(f"  ... and {len(choices) - 40} more")
    prompt = f"{question}" + (f" [{default}]" if default else "") + ": "
    return input(prompt).strip() or default


@dataclass
class Request:
    """What the person asked for: given values, and how to fill in the rest."""

    project: Project
    given: Values
    ask: Asker | None
    today: dt.date
    record_id: str | None = None
    parties: list[tuple[str, str]] = field(default_factory=list)


def fill_values(kind: TableKind, request: Request, lookup: Lookup) -> Values:
    """The given values, plus each needed essential: given, asked for, or its default."""
    values = {k: v for k, v in request.given.items() if v is not None}
    for column, value in values.items():
        problem = unknown_choice(lookup, kind.table, column, value, values)
        if problem:
            raise UsageError(problem)
    missing = []
    for essential in kind.essentials:
        if values.get(essential.column) or not essential.needed(values):
            continue
        default = essential.default(values, lookup) if essential.default else ""
        if request.ask is not None:
            values[essential.column] = _ask_until_valid(request.ask, kind, essential, lookup, values, default)
        if not values.get(essential.column) and default:
            values[essential.column] = default
        if not values.get(essential.column):
            missing.append(essential)
    if missing:
        lines = [_asking(kind, e, lookup, values) for e in missing]
        raise UsageError(f"new {kind.name} needs more information. Please add:\n" + "\n".join(lines))
    if values.get("eligibility_en") == LBS_ELIGIBILITY and not values.get("eligibility_fr"):
        values["eligibility_fr"] = LBS_ELIGIBILITY_FR
    return values


def unknown_choice(lookup: Lookup, table: str, column: str, value: str, values: Values) -> str:
    """Why ``value`` is not a known code or id for ``column`` ("" when it is, or anything goes)."""
    choices = [code for code, _ in lookup.choices(table, column, values)]
    f = lookup.package.table(table).field(column)
    if not choices or f is None:
        return ""
    for item in _codes(value) if f.is_list else [value.strip()]:
        if item not in choices:
            best = closest(item, choices)
            hint = f'did you mean "{best}"?' if best else f"use one of: {listing(choices)}"
            return f'"{item}" is not a choice for {column}: {hint}'
    return ""


ASKS = 3  # tries at one question before giving up


def _ask_until_valid(ask: Asker, kind: TableKind, essential: Essential, lookup: Lookup, values: Values, default: str) -> str:
    """Ask again when the answer is not a choice, or is blank where nothing can stand in for it."""
    choices = lookup.choices(kind.table, essential.column, values)
    for _ in range(ASKS):
        answer = ask(essential.question, choices, default)
        problem = unknown_choice(lookup, kind.table, essential.column, answer, values) if answer else ""
        if not answer and not default:
            problem = BLANK_ANSWER
        if not problem:
            return answer
        print(problem)
    raise UsageError(f"no valid answer for {essential.column}")


BLANK_ANSWER = "This one is needed: please type an answer."


def _ask_needed(ask: Asker, question: str, default: str) -> str:
    """A free-text answer that cannot be left blank (when there is no default)."""
    for _ in range(ASKS):
        answer = ask(question, [], default)
        if answer.strip():
            return answer
        print(BLANK_ANSWER)
    raise UsageError(f"no answer for: {question}")


def _asking(kind: TableKind, essential: Essential, lookup: Lookup, values: Values) -> str:
    choices = [code for code, _ in lookup.choices(kind.table, essential.column, values)]
    known = f"; one of: {listing(choices)}" if choices else ""
    return f"  {essential.option} {essential.column.upper()}   {essential.question}{known}"


# --- writing a row ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What was written, so it can be described, checked and taken back."""

    kind: str
    record_id: str
    name: str
    path: Path
    rel: str
    line: int
    before: bytes | None

    def undo(self) -> None:
        if self.before is None:
            self.path.unlink(missing_ok=True)
        else:
            self.path.write_bytes(self.before)


def row_text(header: list[str], values: Values, newline: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow([values.get(column.strip(), "") for column in header])
    return buffer.getvalue()


def append_row(path: Path, values: Values) -> tuple[int, bytes]:
    """Append one row in the file's column order; returns (physical line of the row, old bytes)."""
    before = path.read_bytes()
    text = before.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    if not header:
        raise UsageError(f"{path.name} has no header row: put the column names back on its first line first")
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    separator = "" if text.endswith("\n") else newline
    line = text.count("\n") + (2 if separator else 1)
    path.write_bytes(before + (separator + row_text(header, values, newline)).encode("utf-8"))
    return line, before


def _normalise(values: Values, list_columns: set[str]) -> Values:
    return {k: ";".join(_codes(v)) if k in list_columns else v.strip() for k, v in values.items()}


def write_table_record(kind: TableKind, request: Request) -> Written:
    lookup = Lookup(request.project)
    spec = lookup.package.table(kind.table)
    columns, list_columns = list(spec.field_names), {f.name for f in spec.fields if f.is_list}
    _check_columns(request.given, columns)
    values = _normalise(fill_values(kind, request, lookup), list_columns)
    values["id"] = _record_id(request.record_id, values.get("name_en", ""), lookup.ids(kind.table), kind.name)
    values["last_verified"] = request.today.isoformat()
    path = request.project.content / f"{kind.table}.csv"
    line, before = append_row(path, values)
    return Written(kind.name, values["id"], values.get("name_en", ""), path, request.project.relative(path), line, before)


def _check_columns(given: Values, columns: list[str]) -> None:
    for column in given:
        if column not in columns:
            best = closest(column, columns)
            hint = f' (did you mean "{best}"?)' if best else ""
            raise UsageError(f'there is no column "{column}"{hint}; the columns are: {", ".join(columns)}')


def _record_id(wanted: str | None, name: str, taken: list[str], fallback: str) -> str:
    if not wanted:
        return unique_id(name, taken, fallback)
    if slugify(wanted) != wanted:
        raise UsageError(
            f'the id "{wanted}" is not valid: use lowercase letters, digits and hyphens, like "{slugify(wanted) or fallback}"'
        )
    if wanted in taken:
        raise UsageError(f'the id "{wanted}" is already used: choose another one')
    return wanted


# --- writing a protocol ----------------------------------------------------------------------

PROTOCOL_BODY = """
## How to refer

<!-- Write the steps a worker follows, one per line: what to talk about with the learner, which
     forms to fill in, where to send them, who to call. -->

## What happens next

<!-- What the receiving program does, and how fast. -->

## Who to contact

<!-- The services' intake phone numbers and emails (never a learner's information). -->
"""


def parse_party(text: str, role: str) -> CommentedMap:
    """``organization-id`` or ``organization-id/program-id`` → a party of the front matter."""
    organization_id, _, program_id = text.strip().partition("/")
    party = CommentedMap(organization_id=organization_id.strip())
    if program_id.strip():
        party["program_id"] = program_id.strip()
    party["role"] = role
    return party


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def protocol_front_matter(values: Values, parties: list[tuple[str, str]], today: dt.date) -> CommentedMap:
    roles = [role for role, _ in parties]
    front = CommentedMap()
    for name in ("title_en", "title_fr", "summary_en", "summary_fr"):
        if values.get(name):
            front[name] = values[name]
    front["status"] = values.get("status") or "draft"
    front["agreement_type"] = values.get("agreement_type") or "informal"
    front["direction"] = "two_way" if "both" in roles or ("referrer" not in roles) else "one_way"
    front["parties"] = [parse_party(org, role) for role, org in parties]
    for name in ("client_groups", "channels"):
        if values.get(name):
            front[name] = _flow(_codes(values[name]))
    front["consent"] = values.get("consent", "")
    if values.get("response_days"):
        front["response_days"] = int(values["response_days"]) if values["response_days"].isdigit() else values["response_days"]
    if values.get("forms"):
        front["forms"] = _flow(_codes(values["forms"]))
    front["effective_date"] = today
    front["last_verified"] = today
    return front


def protocol_text(front: CommentedMap) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.representer.ignore_aliases = lambda data: True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(front, buffer)
    return f"---\n{buffer.getvalue()}---\n{PROTOCOL_BODY}"


PROTOCOL_QUESTIONS = (
    ("title_en", "The protocol's title in English, like 'Ontario Works to Eastside LBS'", ""),
    ("summary_en", "One or two plain sentences: who refers whom, and how", ""),
    ("referrer", "Which organization refers learners? (organization id, or organization-id/program-id)", ""),
    ("receiver", "Which organization receives them? (organization id, or organization-id/program-id)", ""),
    ("channels", "How referrals travel (separate with ;)", "referral_form"),
    ("consent", "Consent needed (written, verbal or not_needed)", "written"),
)


def _protocol_values(request: Request) -> tuple[Values, list[tuple[str, str]]]:
    """The front matter's values and the parties: given, or asked for in a terminal."""
    values = {k: v for k, v in request.given.items() if v}
    parties = list(request.parties)
    ask = request.ask
    for name, question, default in PROTOCOL_QUESTIONS if ask is not None else ():
        assert ask is not None
        if name in ("referrer", "receiver"):
            if not request.parties:
                parties.append((name, _ask_needed(ask, question, default)))
        elif not values.get(name):
            values[name] = _ask_needed(ask, question, default)
    missing = [o for n, o, _ in PROTOCOL_OPTIONS if n in ("title_en", "summary_en", "channels", "consent") and not values.get(n)]
    if len([p for p in parties if p[1].strip()]) < 2:
        missing.append("two parties (--referrer ORG and --receiver ORG, or --both ORG twice; ORG/PROGRAM names a program)")
    if missing:
        raise UsageError("new protocol: please give " + ", ".join(missing))
    return values, parties


def write_protocol(request: Request) -> Written:
    values, parties = _protocol_values(request)
    folder = request.project.protocols_dir
    taken = [p.name.removesuffix(".md") for p in folder.glob("*.md")] if folder.is_dir() else []
    wanted = request.record_id or slugify(values["title_en"]) or "protocol"
    if wanted in taken:
        # Two protocols between the same parties are nearly always the same one added twice.
        raise UsageError(
            f'a protocol "{wanted}" already exists ({request.project.relative(folder / f"{wanted}.md")}): '
            "edit that file, or give this one another title or --id"
        )
    record_id = _record_id(wanted, values["title_en"], taken, "protocol")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record_id}.md"
    path.write_text(protocol_text(protocol_front_matter(values, parties, request.today)), encoding="utf-8")
    return Written("protocol", record_id, values["title_en"], path, request.project.relative(path), 1, None)


# --- the command -----------------------------------------------------------------------------


def _own(written: Written, d: Diagnostic) -> bool:
    if written.kind == "protocol":
        return d.path in (written.rel, written.rel.removesuffix(".md") + ".fr.md")
    return d.path == written.rel and d.line >= written.line


def check_new(written: Written, project: Project, today: dt.date) -> tuple[CheckResult, list[Diagnostic]]:
    result = check_project(project, today=today)
    return result, [d for d in result.diagnostics if _own(written, d)]


def describe(outcome: Outcome) -> str:
    """What happened, for the terminal: the new record's problems first, then the overall result."""
    written, result, own = outcome.written, outcome.result, outcome.own
    errors = [d for d in own if d.is_error]
    if errors:
        head = (
            f'The new {written.kind} "{written.name}" was NOT added: fix the values below and run the command again.\n'
            f"(The places refer to where it would have been: {written.rel}, line {written.line}.)\n"
        )
        return head + report.as_text(errors)
    place = f"as {written.rel}" if written.kind == "protocol" else f"on line {written.line} of {written.rel}"
    head = f'Added {written.kind} "{written.name}" with id {written.record_id} {place}.\n'
    others = [d for d in result.diagnostics if d.is_error and d not in own]
    body = report.as_text(own + others).rsplit("\n", 2)[0] + "\n" if own or others else ""
    tail = report.summary(result.diagnostics) + "\n"
    advice = "Next: look at the new record in the file, add the French text and the details, then open a pull request.\n"
    return head + body + tail + advice


def plan_message(project: Project) -> str:
    if (project.content / "plans").is_dir():
        return (
            "new plan: Literacy Service Plans are written by hand in content/plans/<network>/: copy last year's"
            " plan and change it (see CONTRIBUTING.md). `new` makes organizations, sites, programs and protocols.\n"
        )
    return "new plan: this directory has no Literacy Service Plans yet (no content/plans folder), so there is nothing to add.\n"


@dataclass(frozen=True)
class Outcome:
    written: Written
    result: CheckResult
    own: list[Diagnostic]

    @property
    def added(self) -> bool:
        return not any(d.is_error for d in self.own)

    @property
    def exit_code(self) -> int:
        return 0 if self.result.ok else 1


def create(kind: str, request: Request) -> Outcome:
    """Write the new record, check everything, and take the record out again if it has errors."""
    written = write_protocol(request) if kind == "protocol" else write_table_record(TABLE_KINDS[kind], request)
    result, own = check_new(written, request.project, request.today)
    outcome = Outcome(written, result, own)
    if not outcome.added:
        written.undo()
    return outcome
