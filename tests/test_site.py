"""The generator and the build, without a browser."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

from build_support import REPO, BuiltSite, copy_project, run_cli
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core import sitepaths
from literacy_directory.core.project import Project
from literacy_directory.site.generate import SiteOptions, generate_site
from literacy_directory.site.sanitize import front_matter_value, markdown_to_safe_html
from literacy_directory.site.templating import tel_href
from literacy_directory.site.writer import write_tree
from literacy_directory.validate.check import CheckResult


def ids(project: Path, table: str) -> list[str]:
    with (project / "content" / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return [row["id"] for row in csv.DictReader(fh)]


def test_build_writes_one_page_per_record(built_site: BuiltSite) -> None:
    site = built_site.site
    for table, folder in (
        ("programs", "programs"),
        ("organizations", "organizations"),
        ("sites", "sites"),
        ("networks", "networks"),
    ):
        expected = set(ids(built_site.project, table))
        pages = {p.parent.name for p in (site / folder).glob("*/index.html")}
        assert expected <= pages, f"{folder}: missing {sorted(expected - pages)}"
    protocols = {
        p.stem for p in (built_site.project / "content" / "referral_protocols").glob("*.md") if not p.name.endswith(".fr.md")
    }
    assert protocols == {p.parent.name for p in (site / "protocols").glob("*/index.html")}
    for page in (
        "index.html",
        "find/index.html",
        "find/index.json",
        "find/goals/employment/index.html",
        "referrers/index.html",
        "glossary/index.html",
        "about/index.html",
    ):
        assert (site / page).is_file(), page


def test_generated_pages_stay_out_of_the_navigation(built_site: BuiltSite) -> None:
    first, *others = ids(built_site.project, "programs")
    program_page = (built_site.site / "programs" / first / "index.html").read_text(encoding="utf-8")
    assert [i for i in others if f"/programs/{i}/" in program_page] == []


def test_invalid_content_fails_and_keeps_the_previous_site(built_site: BuiltSite, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    shutil.copytree(built_site.site, project / "site")
    before = sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*"))
    programs = project / "content" / "programs.csv"
    programs.write_text(programs.read_text(encoding="utf-8").replace(",employment", ",employmnt", 1), encoding="utf-8")
    done = run_cli(project, "build")
    assert done.returncode == 1
    assert "[enum]" in done.stdout
    assert before == sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*"))
    assert not list(project.glob(".site-build-*"))


def test_generation_is_deterministic_and_rewrites_nothing_unchanged(sample_check: CheckResult, tmp_path: Path) -> None:
    result = sample_check
    assert catalog_of(result) is not None
    first = generate_site(catalog_of(result), Project(REPO), SiteOptions(source_url="https://example.org/repo/blob/main"))
    second = generate_site(catalog_of(result), Project(REPO), SiteOptions(source_url="https://example.org/repo/blob/main"))
    assert first == second
    stats = write_tree(first, tmp_path)
    assert stats.written == len(first)
    (tmp_path / "stale.md").write_text("old", encoding="utf-8")
    again = write_tree(first, tmp_path)
    assert (again.written, again.unchanged, again.removed) == (0, len(first), 1)


def test_writer_removes_what_is_no_longer_generated_and_keeps_dot_files(tmp_path: Path) -> None:
    write_tree({"a/b/old.md": b"1", "a/keep.md": b"2", "top.md": b"3"}, tmp_path)
    (tmp_path / ".gitignore").write_text("*\n", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.md").write_text("kept", encoding="utf-8")
    stats = write_tree({"a/keep.md": b"2", "top.md": b"changed", "new/deep/page.md": b"4"}, tmp_path)
    assert (stats.written, stats.unchanged, stats.removed) == (2, 1, 1)
    assert not (tmp_path / "a" / "b").exists()  # emptied, so removed
    assert (tmp_path / "top.md").read_bytes() == b"changed"
    assert (tmp_path / "new" / "deep" / "page.md").read_bytes() == b"4"
    assert (tmp_path / ".gitignore").is_file() and (tmp_path / ".cache" / "x.md").is_file()


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[x](javascript:alert(1))", "javascript:"),
        ('<a href="data:text/html,hi">x</a>', "data:"),
        ("<style>body{}</style>", "<style"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
    ],
)
def test_markdown_is_sanitized(markdown: str, forbidden: str) -> None:
    assert forbidden not in markdown_to_safe_html(markdown).lower()


def test_markdown_keeps_safe_structure() -> None:
    html = markdown_to_safe_html("# Title\n\n1. Call [us](https://example.org).\n2. **Come** in.")
    assert "<h2>Title</h2>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">us</a>' in html
    assert "<strong>Come</strong>" in html


def test_front_matter_values_are_escaped_yaml_strings() -> None:
    assert front_matter_value('</title><script>x</script> "q"') == '"&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &quot;q&quot;"'


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("613-555-0142", "tel:+16135550142"),
        ("1-800-555-0199", "tel:+18005550199"),
        ("705-555-0111 ext. 12", "tel:+17055550111,12"),
        ("x", ""),
    ],
)
def test_tel_links(phone: str, href: str) -> None:
    assert tel_href(phone) == href


def test_every_form_has_a_page_and_downloads_in_both_languages(built_site: BuiltSite) -> None:
    site = built_site.site
    forms = {p.stem for p in (built_site.project / "content" / "forms").glob("*.yml")}
    assert forms
    for form in forms:
        for root in (site, site / "fr"):
            assert (root / "forms" / form / "index.html").is_file()
            assert (root / "forms" / f"{form}.pdf").read_bytes().startswith(b"%PDF")
            assert (root / "forms" / f"{form}.docx").read_bytes().startswith(b"PK")
        page = (site / "forms" / form / "index.html").read_text(encoding="utf-8")
        assert f'href="../{form}.pdf"' in page and 'class="ldf"' in page


def test_the_networks_page_offers_each_networks_workbook_in_both_languages(built_site: BuiltSite) -> None:
    site = built_site.site
    for root in (site, site / "fr"):
        page = (root / "networks" / "index.html").read_text(encoding="utf-8")
        for network_id in ids(built_site.project, "networks"):
            workbook = root / "networks" / f"{network_id}.xlsx"
            assert workbook.read_bytes().startswith(b"PK"), workbook
            assert f'href="../networks/{network_id}.xlsx" download' in page


def test_protocols_link_to_their_forms_and_programs_to_a_prefilled_referral(built_site: BuiltSite) -> None:
    site = built_site.site
    protocol = next(
        p
        for p in (built_site.project / "content" / "referral_protocols").glob("*.md")
        if "learner-referral" in p.read_text(encoding="utf-8")
    )
    assert 'href="../../forms/learner-referral/#receiving_organization=' in (
        site / "protocols" / protocol.stem / "index.html"
    ).read_text(encoding="utf-8")
    with (built_site.project / "content" / "programs.csv").open(encoding="utf-8", newline="") as fh:
        accepting = next(r["id"] for r in csv.DictReader(fh) if r["accepts_referrals"] == "true")
    page = (site / "programs" / accepting / "index.html").read_text(encoding="utf-8")
    assert 'href="../../forms/learner-referral/#receiving_organization=' in page


def test_writer_settles_on_generated_dot_files(tmp_path: Path) -> None:
    """A generated file under a dot name is compared, not rewritten on every build (which would
    make `mkdocs serve` rebuild forever)."""
    files = {"assets/.keep": b"x", "page.md": b"y"}
    write_tree(files, tmp_path)
    again = write_tree(files, tmp_path)
    assert (again.written, again.unchanged, again.removed) == (0, 2, 0)


def filters_on_constants(source: str) -> list[str]:
    """``line: name`` of every filter or test applied to a constant in a Jinja template."""
    found = []
    for node in Environment().parse(source).find_all((nodes.Filter, nodes.Test)):
        try:
            node.node.as_const()
        except nodes.Impossible:
            continue
        found.append(f"{node.lineno}: {node.name}")
    return found


def test_no_template_applies_a_filter_to_a_constant() -> None:
    """Jinja computes `'x' | f` while compiling, and compiled templates are kept between builds
    (.cache/templates): a label, date or translation computed that way would outlive the data it
    came from. Templates pass constants to functions (`t('key')`), never to filters or tests."""
    assert filters_on_constants("{{ 'employment' | label('goal_path') }}\n{{ x | label('goal_path') }}") == ["1: label"]
    found = [
        f"{path.relative_to(REPO)}:{where}"
        for path in sorted((REPO / "site_templates").rglob("*.j2"))
        for where in filters_on_constants(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_generated_name_is_one_check_keeps_for_the_site(built_site: BuiltSite) -> None:
    """``check`` refuses record ids and page names listed in core.sitepaths; hold the generator (and
    MkDocs) to that list, so a new generated page cannot slip past it."""
    pages = {p.name.split(".")[0] for p in (built_site.project / "content" / "pages").glob("*.md")}
    allowed = sitepaths.RESERVED_PAGE_NAMES | pages
    docs = built_site.project / "docs"
    generated = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert {n.split("/")[0].split(".")[0] for n in generated} <= allowed
    assert {p.split(".")[0] for p in os.listdir(built_site.site)} <= allowed
    assert set(sitepaths.FIXED_PAGES) <= generated
    for name in generated:
        folder, _, rest = name.partition("/")
        if folder in sitepaths.RECORD_FOLDERS and "/" not in rest:
            assert rest.split(".")[0] not in sitepaths.RESERVED_IDS or rest.startswith(sitepaths.FOLDER_PAGE + "."), name
