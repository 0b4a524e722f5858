"""Links to forms fill in what the linking page knows (site/formlinks.py): the receiving program on
a program page, the parties of a referral protocol, and nothing a form does not accept."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qsl

import pytest

from check_support import REPO
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.project import Project
from literacy_directory.site.formlinks import FormLinks
from literacy_directory.validate.check import check_project


@pytest.fixture(scope="module")
def catalog() -> Any:
    found = catalog_of(check_project(Project(REPO), today=dt.date(2026, 11, 28)))
    assert found is not None
    return found


def values(fragment: str) -> dict[str, str]:
    assert fragment.startswith("#")
    return dict(parse_qsl(fragment[1:]))


def test_a_link_carries_only_the_fields_its_form_lets_a_link_fill(catalog: Any) -> None:
    links = FormLinks(catalog, "en")
    fragment = links.fragment(
        "learner-referral", {"receiving_organization": "A", "learner_name": "B", "reason": "C", "receiving_contact": ""}
    )
    assert fragment == "#receiving_organization=A"
    assert links.fragment("no-such-form", {"receiving_organization": "A"}) == ""
    assert links.fragment("learner-referral", {"learner_name": "B"}) == ""


def test_values_are_escaped_for_the_fragment(catalog: Any) -> None:
    fragment = FormLinks(catalog, "en").fragment("learner-referral", {"receiving_organization": "A&B #1 = C/D'É"})
    assert fragment == "#receiving_organization=A%26B%20%231%20%3D%20C%2FD%27%C3%89"
    assert values(fragment) == {"receiving_organization": "A&B #1 = C/D'É"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_program_link_names_the_program_in_the_page_language(catalog: Any, lang: str) -> None:
    program = catalog.programs["rlc-literacy-for-work"]
    org = catalog.organizations[program.organization_id]
    found = values(FormLinks(catalog, lang).for_program("learner-referral", program))
    name = (lambda r: r.name_fr or r.name_en) if lang == "fr" else (lambda r: r.name_en)
    assert found == {"receiving_organization": f"{name(org)}, {name(program)}", "receiving_contact": program.contact_phone}


def test_one_way_protocol_fills_both_parties(catalog: Any) -> None:
    links = FormLinks(catalog, "en").for_protocol(
        "learner-referral", catalog.protocols["ontario-works-ridgeway-to-literacy-council"]
    )
    assert [link.receiver for link in links] == [""]
    assert values(links[0].fragment) == {
        "receiving_organization": "Ridgeway Literacy Council, Literacy for Work",
        "receiving_contact": "519-555-0142",
        "referring_organization": "City of Ridgeway – Ontario Works, Ontario Works Employment Assistance",
    }
    consent = FormLinks(catalog, "en").for_protocol(
        "consent-to-share", catalog.protocols["ontario-works-ridgeway-to-literacy-council"]
    )
    assert set(values(consent[0].fragment)) == {"receiving_organization", "sharing_organization"}


def test_two_way_protocol_links_once_per_direction(catalog: Any) -> None:
    links = FormLinks(catalog, "en").for_protocol("learner-referral", catalog.protocols["birch-falls-and-lumen-online"])
    assert len(links) == 2 and all(link.receiver for link in links)
    first, second = (values(link.fragment) for link in links)
    assert first["receiving_organization"] == second["referring_organization"]
    assert second["receiving_organization"] == first["referring_organization"]


def test_referrer_is_left_blank_when_the_protocol_has_several(catalog: Any) -> None:
    many_referrers = FormLinks(catalog, "en").for_protocol(
        "learner-referral", catalog.protocols["lbs-programs-to-deaf-access-literacy"]
    )
    assert len(many_referrers) == 1 and "referring_organization" not in values(many_referrers[0].fragment)
    three_ways = FormLinks(catalog, "en").for_protocol(
        "consent-to-share", catalog.protocols["employment-services-and-lbs-ridgeway"]
    )
    assert len(three_ways) == 3 and all(set(values(link.fragment)) == {"receiving_organization"} for link in three_ways)
