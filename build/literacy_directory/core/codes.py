"""Every kind of problem the checker reports, as data: its code, a title in plain words, its
severity, and the findings it makes redundant.

A ``Diagnostic`` with a code that is not here cannot be made (``diagnostics.Diagnostic`` checks),
so a new rule must add its code, and the contributor guide's table of problem kinds is tested
against this list. Codes are stable: tests and tools rely on them; titles and messages may change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One kind of problem. ``escalates`` says when a warning becomes an error (empty: never);
    ``supersedes`` lists codes that, found at the same place, this one makes redundant (it says
    more, with a suggestion); ``supersedes_schema`` hides every finding of the Table Schema check
    (frictionless) on the same cell."""

    name: str
    severity: Severity
    title: str
    escalates: str = ""
    supersedes: tuple[str, ...] = ()
    supersedes_schema: bool = False

    def allows(self, severity: Severity) -> bool:
        return severity is self.severity or (bool(self.escalates) and severity is Severity.ERROR)


E, W = Severity.ERROR, Severity.WARNING

# The kinds the contributor guide lists keep its wording as their title (a test compares them).
OWN_CODES = (
    # Reading files: bytes, CSV syntax, headers.
    Code("encoding", E, "The file was not saved as UTF-8"),
    Code("empty-file", E, "The file is empty: it has no header row"),
    Code("delimiter", E, "The file is not separated by commas"),
    Code("unclosed-quote", E, "A quoted cell is never closed"),
    Code("bare-quote", E, "A quote inside a quoted cell ends it too early"),
    Code("mojibake", E, "Accents came out garbled"),
    Code("csv-syntax", E, "The file is not valid CSV"),
    Code("header", E, "The header row is not the one expected"),
    Code("missing-column", E, "A column the table needs is not in the header"),
    Code("unknown-column", E, "The header has a column the table does not have"),
    Code("duplicate-column", E, "Two columns of the header have the same name"),
    Code("blank-column", E, "A column of the header has no name"),
    Code("extra-cell", E, "A row has more cells than the header"),
    Code("missing-cell", E, "A row has fewer cells than the header"),
    Code("blank-row", W, "An empty row"),
    # Cells.
    Code("required", E, "A needed cell is empty", supersedes_schema=True),
    Code("blank-cell", E, "A cell holds only spaces", supersedes_schema=True),
    Code("whitespace", E, "Spaces before or after a value", supersedes_schema=True),
    Code("list-syntax", E, "A list of values has an empty value between semicolons"),
    Code("type", E, "A value is not of the expected type (a number, true or false, a list ...)"),
    Code("date", E, "A date is not written `2026-11-28`", supersedes=("retirement",), supersedes_schema=True),
    Code("email", E, "A value is not an email address"),
    Code("phone", E, "A phone number is not written like 613-555-0142"),
    Code("postal-code", E, "A postal code is not written like K1A 0B1"),
    Code("url", E, "A web address does not start with https:// or http://"),
    Code("slug", E, "An id is not lowercase letters, digits and hyphens"),
    Code("pattern", E, "A value is not in the expected form"),
    Code("coordinates", E, "A latitude or longitude is outside Ontario"),
    Code("enum", E, "A code is not in the list", supersedes=("slug", "pattern")),
    Code("constraint", E, "A value breaks a rule of its column"),
    Code("duplicate-id", E, "Two listings have the same id"),
    Code("dangling-reference", E, "An id points to nothing (`organization_id`, `site_ids` ...)", supersedes=("slug",)),
    # Rules across columns and records.
    Code("date-order", E, "Two dates are in the wrong order"),
    Code("future-date", E, "A date that has not happened yet"),
    Code("lbs-free", E, "An LBS program is not free"),
    Code("lbs-provider", E, "An organization in an LBS role is not an LBS provider"),
    Code("site-needed", E, "A program delivered in person names no site"),
    Code("online-provider", E, "An online program does not name its platform"),
    Code("postal-prefix", E, "A place's postal prefix is not the start of an Ontario postal code"),
    Code("party-program", E, "A protocol's party names a program of another organization"),
    Code("parties", E, "A referral protocol does not have the parties it needs"),
    Code("unknown-form", E, "A protocol names a form that does not exist"),
    Code(
        "stale",
        W,
        "Nobody confirmed the listing for more than 12 months (an error after 24 months)",
        escalates="after 24 months",
    ),
    Code("reopening-date", E, "A reopening date on a program that is not paused"),
    Code("reopening-past", W, "A paused program's reopening date has passed"),
    Code(
        "retirement",
        E,
        "A retirement is incomplete: a retired listing needs its end date; end and replacement are for retired listings only",
    ),
    Code("retired-reference", E, "A current listing points at a retired one"),
    Code("retired-party", W, "A referral protocol names a retired organization or program"),
    Code("id-removed", E, "A published id disappeared: ids never change, retire the record instead"),
    Code("missing-french", W, "English text without its French", escalates="with --require-fr"),
    Code(
        "incomplete-listing",
        W,
        "A listing says nothing about how to start, whom to call, its goals, or (a protocol) its steps",
    ),
    Code("reading-level", W, "A program's text for learners reads above grade 8"),
    # import-hsds: a source record, or a value of it, that could not be mapped (or needed a default).
    Code("hsds-import", W, "Something in an imported HSDS record could not be mapped as it is"),
    # Front matter and other files.
    Code("front-matter", E, "A Markdown file does not start with its front matter"),
    Code("yaml-syntax", E, "The front matter or a YAML file cannot be read"),
    Code("duplicate-key", E, "A setting is written twice"),
    Code("unknown-key", E, "A setting that does not exist"),
    Code("missing-key", E, "A required setting is missing"),
    Code("json-syntax", E, "A JSON file cannot be read"),
    Code("schema", E, "A schema file is not as the checker expects"),
    Code("missing-file", E, "A file the directory needs is missing"),
    Code("orphan-translation", E, "A French text has no English file"),
    # Forms.
    Code("file-name", E, "A form's file name is not a valid id"),
    Code("field-id", E, "A form field's id is not lowercase letters, digits and underscores"),
    Code("duplicate-field", E, "Two fields of a form have the same name"),
    Code("duplicate-option", E, "An option is listed twice in a field"),
    Code("missing-label", E, "A field or option has no English label"),
    Code("no-options", E, "A choice field has no options"),
    Code("options-and-vocabulary", E, "A field has both options and a vocabulary"),
    Code("options-not-allowed", E, "A field that takes no options has some"),
    Code("prefill-not-allowed", E, "A field cannot be filled in from a link"),
    Code("unknown-vocabulary", E, "A form names a vocabulary that does not exist"),
    # Untrusted input: confinement, limits, what content may hold (see load/confine, validate/cells).
    Code("symlink", E, "A content file or folder is a symbolic link"),
    Code("not-a-file", E, "A content entry is not a regular file (a device, pipe or socket)"),
    Code("outside-content", E, "A path leads outside the content folder"),
    Code("file-too-large", E, "A content file is larger than its limit"),
    Code("cell-too-long", E, "A cell holds more characters than the limit"),
    Code("too-many-fields", E, "A form has more fields than the limit"),
    Code("id-too-long", E, "An id is too long for a file name"),
    Code("reserved-id", E, "An id the site keeps for its own pages"),
    Code("reserved-name", E, "A page name the site keeps for its own pages"),
    Code("page-language", E, "A page's suffix is not a language of the site"),
    Code("page-title", E, "A page does not start with its title line"),
    Code("case-collision", E, "Two file names differ only in case"),
    Code("control-character", E, "An invisible character (often pasted from a PDF or a web page)"),
    Code("formula", E, "A text cell starts with `=`, `+`, `-` or `@`: a spreadsheet would run it as a formula"),
    Code("yaml-alias", E, "YAML anchors and aliases are not allowed"),
    Code("yaml-tag", E, "YAML tags are not allowed"),
    Code("yaml-depth", E, "YAML nested too deep"),
    Code("yaml-too-large", E, "A YAML file holds too many values"),
    Code("committed-generated", E, "A generated or cached file is committed to git"),
    # Literacy Service Plans.
    Code("unknown-network", E, "A plan folder is not named after a network"),
    Code("fiscal-year", E, "A plan folder is not a fiscal year written YYYY-YY"),
    Code("duplicate-plan", E, "Two plans for the same network and year"),
    Code("unknown-file", E, "A file outside any plan folder, which is ignored"),
    Code("approval-date", E, "An approved plan has no approval date"),
    Code("other-network", E, "A plan lists a community of another network"),
    Code("not-in-plan", E, "A row names something the plan does not list"),
    Code("unknown-gap", E, "A row names a gap that is not in the plan"),
    Code("site-organization", E, "A row of the delivery chart names a site of another agency"),
    Code("program-organization", E, "A row of the delivery chart names a program of another agency"),
    Code("where-needed", E, "A row says neither the site nor the communities served"),
    Code("not-a-participant", W, "An agency in the delivery chart is not among the plan's LBS agencies"),
    Code("small-count", W, "A count so small it could identify someone", escalates="in a published plan"),
    Code("negative-count", E, "A number of learners is negative"),
    Code("out-of-range", E, "A number is out of its range"),
)

# Table Schema constraints whose breach is reported under the constraint's own name.
CONSTRAINTS = ("minimum", "maximum", "minLength", "maxLength", "exclusiveMinimum", "exclusiveMaximum", "unique", "jsonSchema")

# What frictionless 5 may report that has no plainer wording here: passed on under its own type
# ("table" when it gives none). tests/test_codes.py keeps this in step with frictionless.
FRICTIONLESS_TYPES = (
    "ascii-value", "blank-header", "blank-label", "byte-count", "catalog-error", "cell-error", "check-error",
    "checklist-error", "compression-error", "constraint-error", "control-error", "data-error", "dataset-error",
    "detector-error", "deviated-cell", "deviated-value", "dialect-error", "duplicate-label", "duplicate-row",
    "encoding-error", "error", "extra-label", "field-count", "field-error", "file-error", "forbidden-value",
    "foreign-key", "format-error", "hash-count", "header-error", "incorrect-label", "inquiry-error",
    "inquiry-task-error", "label-error", "metadata-error", "package-error", "pipeline-error", "primary-key",
    "report-error", "report-task-error", "required-value", "resource-error", "row-constraint", "row-count",
    "row-error", "schema-error", "scheme-error", "sequential-value", "source-error", "stats-error", "step-error",
    "table-dimensions", "table-error", "truncated-value", "type-error", "unique-error", "unmatched-header",
)  # fmt: skip

PASSED_ON = (
    *(Code(c, E, f"A value breaks the column's {c} constraint") for c in CONSTRAINTS),
    Code("table", E, "The file could not be checked"),
    *(Code(t, E, "The file could not be checked (as frictionless words it)") for t in FRICTIONLESS_TYPES),
)

CODES: dict[str, Code] = {}
for _code in (*OWN_CODES, *PASSED_ON):
    CODES.setdefault(_code.name, _code)

# Findings that make others at the same place redundant: {code: the codes it supersedes}.
SUPERSEDES = {c.name: c.supersedes for c in CODES.values() if c.supersedes}
# Our own findings on a cell that make frictionless' finding on the same cell redundant.
SUPERSEDING_SCHEMA = tuple(c.name for c in CODES.values() if c.supersedes_schema)


class UnknownCode(ValueError):
    """A diagnostic was made with a code that is not in ``CODES`` (a bug: add it there)."""


def check_code(name: str, severity: Severity) -> None:
    code = CODES.get(name)
    if code is None:
        raise UnknownCode(f"no diagnostic code {name!r} in literacy_directory/core/codes.py")
    if not code.allows(severity):
        raise UnknownCode(f"the diagnostic code {name!r} is never a {severity.value}")
