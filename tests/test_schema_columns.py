"""The column reference (COLUMNS.md and the site's "Columns of the content files" page) is made from
the schema and stays current."""

from __future__ import annotations

import html
import json
from pathlib import Path

from build_support import copy_project
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core import sitepaths
from literacy_directory.core.project import Project
from literacy_directory.schema import columns
from literacy_directory.schema.columns import COLUMNS_FILE, REGENERATE, column_reference, expected_text
from literacy_directory.site.generate import SiteOptions, generate_site, localized
from literacy_directory.validate.check import CheckResult

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_column_reference_is_current() -> None:
    written = (ROOT / COLUMNS_FILE).read_text(encoding="utf-8")
    assert written == expected_text(Project(ROOT)), (
        f"{COLUMNS_FILE} is out of date with schemas/datapackage.json or schemas/vocabularies.csv: "
        f"regenerate it with `.venv/bin/python -m literacy_directory.schema.columns` ({REGENERATE}) and commit it"
    )


def test_every_column_of_every_table_is_described() -> None:
    descriptor = json.loads((ROOT / "schemas" / "datapackage.json").read_text(encoding="utf-8"))
    tables = column_reference(Project(ROOT))
    assert [t.path for t in tables] == [r["path"] for r in descriptor["resources"]]
    for table, resource in zip(tables, descriptor["resources"], strict=True):
        assert [c.name for c in table.columns] == [f["name"] for f in resource["schema"]["fields"]]
        assert all(c.description for c in table.columns), table.path


def test_columns_say_what_they_hold() -> None:
    programs = {c.name: c for c in next(t for t in column_reference(Project(ROOT)) if t.path == "content/programs.csv").columns}
    assert programs["id"].required and programs["id"].kind == "id"
    assert (programs["organization_id"].kind, programs["organization_id"].table) == ("reference", "organizations.csv")
    assert (programs["site_ids"].kind, programs["site_ids"].table) == ("references", "sites.csv")
    assert programs["goal_paths"].kind == "codes"
    assert ("employment", "Employment", "Emploi") in {(t.code, t.label_en, t.label_fr) for t in programs["goal_paths"].allowed}
    assert programs["goal_paths"].example.count(";") == 1
    assert programs["cost"].kind == "code" and not programs["description_en"].required
    assert (programs["last_verified"].kind, programs["last_verified"].example) == ("date", "2026-11-28")
    assert programs["contact_phone"].example == "613-555-0142"


def test_the_schemas_own_example_wins(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "schemas" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][1]["example"] = "Ridgeway | Region"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    first = column_reference(Project(project))[0]
    assert first.columns[1].example == "Ridgeway | Region"
    assert "`Ridgeway \\| Region`" in expected_text(Project(project))  # a | cannot end the Markdown cell


def test_the_command_writes_the_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    assert columns.main([str(project)]) == 0
    assert (project / COLUMNS_FILE).read_text(encoding="utf-8") == expected_text(Project(project))
    assert capsys.readouterr().out == f"wrote {COLUMNS_FILE}\n"


def test_the_site_page_lists_every_column_in_both_languages(sample_check: CheckResult) -> None:
    """The page for networks (``columns/``): every column with its codes' labels in the page's
    language; the French page says plainly that the descriptions are in English only."""
    catalog = catalog_of(sample_check)
    assert catalog is not None
    files = generate_site(catalog, Project(ROOT), SiteOptions(source_url="https://example.org/repo/blob/main"))
    english, french = (files[localized(sitepaths.COLUMNS, lang)].decode("utf-8") for lang in ("en", "fr"))
    for table in column_reference(Project(ROOT)):
        for page in (english, french):
            assert f'id="{table.anchor}"' in page
            assert all(f"<code>{c.name}</code>" in page for c in table.columns), table.path
    assert "<code>employment</code> Employment" in english and "<code>employment</code> Emploi" in french
    assert "qu'en anglais" in html.unescape(french) and 'lang="en"' in french
    assert 'lang="en"' not in english
    assert "https://example.org/repo/blob/main/CONTRIBUTING.md" in english
    networks = files[localized(sitepaths.NETWORKS, "fr")].decode("utf-8")
    assert 'href="../columns/"' in networks
