"""The model of a Literacy Service Plan: its fiscal year, front matter, tables, and the plan set
the catalog holds. No I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from literacy_directory.load.frontmatter import Document
from literacy_directory.load.table import Table
from literacy_directory.schema.protocol import Code, Slug, Strict, Text

PUBLISHED = "published"
PLAN_FILE = "plan.md"
FRENCH_FILE = "plan.fr.md"
TABLE_NAMES = ("indicators", "delivery", "gaps", "actions", "results")
REQUIRED_TABLES = ("delivery",)
PLAN_FILES = (PLAN_FILE, FRENCH_FILE, *(f"{name}.csv" for name in TABLE_NAMES))
FISCAL_YEAR = re.compile(r"(\d{4})-(\d{2})")
# Other ways people write a fiscal year: FY2025-26, 2025-2026, 2025_26. Read so that a copy of a
# plan under another spelling is reported as a duplicate, not only as a misnamed folder.
LOOSE_FISCAL_YEAR = re.compile(r"(?:fy|af)?[\s_-]*(\d{4})\s*[-_/ ]\s*(\d{4}|\d{2})", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class FiscalYear:
    """An Ontario fiscal year, April 1 to March 31: ``FiscalYear(2025)`` is ``2025-26``."""

    start: int

    @property
    def label(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 4, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start + 1, 3, 31)

    @property
    def previous(self) -> FiscalYear:
        return FiscalYear(self.start - 1)

    @classmethod
    def parse(cls, name: str) -> tuple[FiscalYear | None, bool]:
        """(the year, whether ``name`` is written exactly ``YYYY-YY``). None when the two years
        are not consecutive or the name is not a fiscal year at all."""
        exact = FISCAL_YEAR.fullmatch(name)
        match = exact or LOOSE_FISCAL_YEAR.fullmatch(name.strip())
        if match is None:
            return None, False
        start, end = int(match.group(1)), int(match.group(2))
        consecutive = end == start + 1 if len(match.group(2)) == 4 else end == (start + 1) % 100
        if not consecutive:
            return None, False
        return cls(start), exact is not None


URL = re.compile(r"https?://[^\s<>\"']+")


def _url(value: str) -> str:
    if not URL.fullmatch(value):
        raise PydanticCustomError(
            "url", "not a web address", {"hint": "Copy the full address from the browser, starting with https:// or http://."}
        )
    return value


Url = Annotated[str, AfterValidator(_url)]


class DataSource(Strict):
    """Where the plan's figures come from."""

    name_en: Text = Field(description="Name of the source in English, like `Statistics Canada, 2021 Census of Population`.")
    name_fr: Text | None = Field(default=None, description="Name of the source in French (optional).")
    url: str | None = Field(default=None, pattern=r"^https?://[^\s<>\"']+$", description="Web address of the source (optional).")
    year: int | None = Field(default=None, ge=1900, le=2100, description="The year of the data (optional).")


class Participants(Strict):
    """Who made the plan together."""

    lbs: list[Slug] = Field(min_length=1, description="The `id`s of the LBS agencies (organizations.csv) taking part.")
    partners: list[Slug] = Field(
        default_factory=list, description="The `id`s of partner organizations (organizations.csv) taking part (optional)."
    )


class PlanMeta(Strict):
    """The front matter of ``plan.md``. The network and fiscal year come from the folder names."""

    title_en: Text = Field(description="Title in English, like `Ridgeway Region Literacy Service Plan 2025-26`.")
    title_fr: Text | None = Field(default=None, description="Title in French (optional).")
    summary_en: Text = Field(description="The plan in two to four plain sentences, for the public; shown first.")
    summary_fr: Text | None = Field(default=None, description="The summary in French (optional).")
    status: Code = Field(description="`draft`, `submitted`, `approved` or `published` (vocabulary plan_status).")
    approval_date: dt.date | None = Field(
        default=None, description="Date (YYYY-MM-DD) the plan was approved; required once approved or published."
    )
    communities: list[Slug] = Field(min_length=1, description="The `id`s of the communities (communities.csv) the plan covers.")
    streams: list[Code] = Field(
        min_length=1, description="The LBS streams the plan covers (vocabulary stream): the columns of the coverage matrix."
    )
    participants: Participants = Field(description="The LBS agencies (`lbs`) and partners (`partners`) that made the plan.")
    protocols: list[Slug] = Field(
        default_factory=list,
        description="The `id`s of referral protocols (content/referral_protocols/) that are part of the plan.",
    )
    data_sources: list[DataSource] = Field(min_length=1, description="Where the plan's figures come from.")


@dataclass(frozen=True)
class Plan:
    """One validated plan: its front matter, narrative and typed table rows."""

    network_id: str
    year: FiscalYear
    folder: str
    meta: PlanMeta
    body: str
    body_fr: str | None
    rows: dict[str, tuple[Any, ...]]
    lines: dict[tuple[str, str], int]
    """(table, row id) → the row's line in its CSV file. Rows are the tables' row models
    (``rowmodels``), built from the Table Schemas, so their columns are attributes."""
    files: tuple[tuple[str, bytes], ...]
    """The plan's CSV files as written (name, bytes), offered for download."""

    @property
    def key(self) -> tuple[str, FiscalYear]:
        return self.network_id, self.year

    @property
    def fiscal_year(self) -> str:
        return self.year.label

    @property
    def published(self) -> bool:
        return self.meta.status == PUBLISHED

    @property
    def indicators(self) -> tuple[Any, ...]:
        return self.rows.get("indicators", ())

    @property
    def delivery(self) -> tuple[Any, ...]:
        return self.rows.get("delivery", ())

    @property
    def gaps(self) -> tuple[Any, ...]:
        return self.rows.get("gaps", ())

    @property
    def actions(self) -> tuple[Any, ...]:
        return self.rows.get("actions", ())

    @property
    def results(self) -> tuple[Any, ...]:
        return self.rows.get("results", ())


@dataclass(frozen=True)
class PlanSet:
    """All valid plans, by network and fiscal year. Only published plans are public."""

    plans: tuple[Plan, ...] = ()

    def __iter__(self) -> Iterator[Plan]:
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)

    def published(self) -> list[Plan]:
        return sorted((p for p in self.plans if p.published), key=lambda p: p.key)

    def of_network(self, network_id: str) -> list[Plan]:
        """The network's published plans, oldest first."""
        return [p for p in self.published() if p.network_id == network_id]

    def current(self, network_id: str) -> Plan | None:
        """The network's most recent published plan."""
        plans = self.of_network(network_id)
        return plans[-1] if plans else None

    def get(self, network_id: str, fiscal_year: str) -> Plan | None:
        return next((p for p in self.plans if p.network_id == network_id and p.fiscal_year == fiscal_year), None)


@dataclass
class PlanFolder:
    """A plan folder as found on disk, before its files are read."""

    network_id: str
    year: FiscalYear | None
    path: Path
    rel: str
    network_known: bool = True

    @property
    def plan_path(self) -> str:
        return f"{self.rel}/{PLAN_FILE}"


@dataclass
class PlanDraft:
    """Everything read from one plan folder, valid or not: what the cross-file rules judge."""

    folder: PlanFolder
    document: Document | None = None
    data: dict[str, Any] = field(default_factory=dict)
    meta: PlanMeta | None = None
    body_fr: str | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    raw: dict[str, bytes] = field(default_factory=dict)
