"""The shared ideas with one home each: the language fallback, the lenient CSV reader, the site's
addresses, a protocol's networks, a front-matter list's items."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from literacy_directory.core.lang import field_in, in_language
from literacy_directory.load.frontmatter import text_items
from literacy_directory.load.lenient import parse_lenient
from literacy_directory.schema.protocol import party_networks
from literacy_directory.site.urls import Urls, address


def test_french_when_asked_for_and_given() -> None:
    assert in_language("Hours", "Heures", "fr") == "Heures"
    assert in_language("Hours", "", "fr") == "Hours"
    assert in_language("Hours", None, "fr") == "Hours"
    assert in_language("Hours", "Heures", "en") == "Hours"
    record = SimpleNamespace(name_en="Reading", name_fr=None)
    assert field_in(record, "name", "fr") == "Reading"
    assert field_in(record, "title", "fr") == ""  # no such field


def test_the_lenient_reader_keeps_going() -> None:
    table = parse_lenient(" id , name\n a ,One,extra\nb\n")
    assert table.columns == ["id", "name"]
    assert table.rows == [{"id": "a", "name": "One"}, {"id": "b", "name": ""}]
    assert parse_lenient("id\n a \n", strip=False).rows == [{"id": " a "}]
    assert parse_lenient("").rows == []


@pytest.mark.parametrize(
    ("page_file", "page", "root"),
    [("index.md", "", ""), ("glossary.md", "glossary/", "../"), ("networks/index.md", "networks/", "../"),
     ("programs/x.md", "programs/x/", "../../"), ("plans/n/2025-26/index.md", "plans/n/2025-26/", "../../../")],
)  # fmt: skip
def test_a_page_s_address_and_its_way_up(page_file: str, page: str, root: str) -> None:
    assert address(page_file) == page
    assert Urls.of_file(page_file, "en").root == root


def test_links_from_a_page() -> None:
    plan = Urls("plans/n/2025-26/", "en")
    assert plan.near_plan("n", "2024-25") == "../2024-25/"
    assert plan.near("plans/") == "../../"
    assert plan.record("organizations", "o") == "../../../organizations/o/"
    form = Urls("forms/f/", "fr")
    assert form.download("f", "pdf") == "../f.pdf"
    assert form.asset("forms.css") == "../../../assets/forms.css"  # assets exist once, at the root
    assert Urls("forms/f/", "en").asset("forms.css") == "../../assets/forms.css"
    assert Urls("networks/", "en")("plans/") == "../plans/"


def test_the_networks_a_protocol_touches() -> None:
    data = {"parties": [{"organization_id": "a"}, {"organization_id": "b"}, "junk", {"organization_id": 5}, {}]}
    networks = {"a": "east", "b": "east"}
    assert party_networks(data, lambda o: networks.get(o, "")) == ["east"]
    assert party_networks({"parties": "none"}, lambda o: "x") == []


def test_a_list_s_items_keep_their_place() -> None:
    assert text_items(["a", 3, "b"]) == ["a", None, "b"]
    assert text_items("a") == ["a"]
