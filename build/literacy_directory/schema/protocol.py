"""The front matter of a referral protocol (``content/referral_protocols/<id>.md``).

Codes (organizations, programs, vocabularies, forms) are plain strings here: they are checked
against the tables and ``schemas/vocabularies.csv`` by the cross-file rules, so the codes live in
one place only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Party(Strict):
    """One organization (and optionally one of its programs) taking part in the protocol."""

    organization_id: Slug = Field(description="The `id` of the organization in organizations.csv.")
    program_id: Slug | None = Field(
        default=None, description="The `id` of the program in programs.csv, when the protocol is about one program."
    )
    role: Code = Field(description="`referrer`, `receiver` or `both` (vocabulary party_role).")


class ReferralProtocol(Strict):
    """How learners move between two or more services."""

    title_en: Text = Field(description="Title in English, like `Ontario Works to Eastside LBS`.")
    title_fr: Text | None = Field(default=None, description="Title in French (optional).")
    summary_en: Text = Field(description="One or two plain sentences: who refers whom, and how.")
    summary_fr: Text | None = Field(default=None, description="The summary in French (optional).")
    status: Code = Field(description="`draft`, `active`, `under_review` or `retired` (vocabulary protocol_status).")
    agreement_type: Code = Field(description="`informal`, `written_agreement`, `mou` or `lsp` (vocabulary agreement_type).")
    direction: Code = Field(description="`one_way` or `two_way` (vocabulary protocol_direction).")
    parties: list[Party] = Field(min_length=2, description="At least two parties, each with its role.")
    client_groups: list[Code] = Field(
        default_factory=list, description="Which learners the protocol is for (vocabulary client_group)."
    )
    channels: list[Code] = Field(min_length=1, description="How referrals travel (vocabulary referral_channel).")
    consent: Code = Field(description="`written`, `verbal` or `not_needed` (vocabulary consent).")
    consent_note_en: Text | None = Field(default=None, description="What the consent covers, in English.")
    consent_note_fr: Text | None = Field(default=None, description="What the consent covers, in French.")
    response_days: int | None = Field(
        default=None, ge=0, le=60, description="Business days the receiving program takes to contact the learner."
    )
    follow_up_en: Text | None = Field(default=None, description="How the outcome is reported back, in English.")
    follow_up_fr: Text | None = Field(default=None, description="How the outcome is reported back, in French.")
    forms: list[Slug] = Field(default_factory=list, description="Ids of forms used (files in content/forms/).")
    effective_date: dt.date = Field(description="Date (YYYY-MM-DD) the protocol took effect.")
    review_date: dt.date | None = Field(default=None, description="Date (YYYY-MM-DD) of the next review.")
    last_verified: dt.date = Field(description="Date (YYYY-MM-DD) a person last confirmed the protocol.")


def party_networks(data: Any, network_of: Callable[[str], str]) -> list[str]:
    """The networks a referral protocol touches, from its front matter as written (``data``): the
    networks of its parties' organizations, in order, each once. ``network_of`` gives an
    organization's network, or "" when it is not known (that party is then left out)."""
    parties = data.get("parties") if isinstance(data, dict) else None
    ids = [p.get("organization_id") for p in parties if isinstance(p, dict)] if isinstance(parties, list) else []
    return list(dict.fromkeys(n for i in ids if isinstance(i, str) and (n := network_of(i))))
