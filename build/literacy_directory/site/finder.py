"""The compact JSON the program finder filters in the browser."""

from __future__ import annotations

from functools import partial
from typing import Any

from literacy_directory.catalog.directory import Catalog
from literacy_directory.core.lang import field_in
from literacy_directory.site.urls import record_url

FILTER_VOCABULARIES = ("goal_path", "stream", "delivery_mode", "time_of_day", "training_support", "intake_status", "language")


def program_entry(catalog: Catalog, program: Any, lang: str) -> dict[str, Any]:
    org = catalog.organizations[program.organization_id]
    sites = [catalog.sites[s] for s in program.site_ids]
    text_of = partial(field_in, lang=lang)
    return {
        "id": program.id,
        "url": record_url("programs", program.id),
        "name": text_of(program, "name"),
        "org": text_of(org, "name"),
        "summary": text_of(program, "summary"),
        "type": program.type,
        "stream": program.stream or "",
        "goal_path": list(program.goal_paths),
        "delivery_mode": list(program.delivery_modes),
        "time_of_day": list(program.times_of_day),
        "training_support": list(program.training_supports),
        "intake_status": program.intake_status or "",
        "language": list(program.languages),
        "community": catalog.program_community_ids(program.id),
        "phone": program.contact_phone or org.phone or "",
        "how_to_start": text_of(program, "how_to_start"),
        "sites": [
            {"name": text_of(s, "name"), "address": f"{s.street_address}, {s.city} {s.postal_code}", "hours": text_of(s, "hours")}
            for s in sites
        ],
    }


def finder_data(catalog: Catalog, lang: str) -> dict[str, Any]:
    return {
        "programs": [program_entry(catalog, p, lang) for p in catalog.programs.values()],
        "communities": {c.id: field_in(c, "name", lang) for c in catalog.communities.values()},
        "labels": {v: {t.code: t.label(lang) for t in catalog.vocabularies[v].terms} for v in FILTER_VOCABULARIES},
    }
