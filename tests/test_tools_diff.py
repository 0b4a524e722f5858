"""``literacy-directory diff``: the plain-language summary of a change."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from check_support import call_main
from literacy_directory.core.project import Project
from literacy_directory.tools import diff as diffsummary
from literacy_directory.tools.diff import summarize

ROOT = Path(__file__).resolve().parents[1]
SITE = "rlc-ridgeway-downtown"
SITE_NAME = "Ridgeway Literacy Council – Downtown Learning Centre"


def copy(target: Path) -> Path:
    for name in ("content", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    return copy(tmp_path / "old"), copy(tmp_path / "new")


def edit(root: Path, table: str, record_id: str | None, remove: bool = False, **changes: str) -> None:
    path = root / "content" / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = list(reader.fieldnames or []), list(reader)
    if remove:
        rows = [r for r in rows if r["id"] != record_id]
    elif record_id is None:
        rows.append({f: changes.get(f, "") for f in fields})
    for row in rows:
        if row["id"] == record_id:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_no_change(sides: tuple[Path, Path]) -> None:
    out = summarize(*sides, "main")
    assert "No listing, protocol, form, plan or page changes." in out
    assert "###" not in out


def test_a_changed_value_is_told_field_by_field(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "sites", SITE, hours_en="Mon–Fri 9–3")
    out = summarize(old, new, "main")
    before = "Monday to Thursday, 9 a.m. to 4 p.m. Tuesday and Wednesday evenings until 8 p.m."
    assert f"  - Hours of {SITE_NAME}: {before} → Mon–Fri 9–3" in out
    assert "The English hours changed but the French did not: update Hours (French) too." in out
    assert "**1 change:** 1 site changed." in out
    assert "Network: Ridgeway Region Literacy Network." in out


def test_french_added_removed_and_missing(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "sites", SITE, hours_fr="")
    edit(new, "communities", "ridgeway", name_fr="Ville de Ridgeway (Ontario)")
    edit(new, "glossary", None, id="mou", term_en="MOU", definition_en="A written agreement between two services.")
    out = summarize(old, new, "main")
    assert f"Hours (French) of {SITE_NAME} removed (was: Du lundi au jeudi" in out
    assert "Name (French) of City of Ridgeway: Ville de Ridgeway → Ville de Ridgeway (Ontario)" in out
    assert "- **Added** glossary term: MOU (`mou`)" in out
    assert "No French yet for: term, definition." in out


def test_a_removed_record(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "programs", "rlc-alder-mills-tutoring", remove=True)
    out = summarize(old, new, "main")
    assert "- **Removed** program: Alder Mills Reading and Math Tutoring (`rlc-alder-mills-tutoring`)" in out
    assert "Its page will disappear from the site." in out


def test_a_change_across_networks_is_flagged(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "sites", SITE, hours_en="Mon–Fri 9–3")
    edit(new, "programs", "bfalc-red-pine-drop-in", last_verified="2026-11-20")
    out = summarize(old, new, "main")
    assert (
        "This pull request changes the content of 2 networks:** Nine Lakes Literacy Network, Ridgeway Region Literacy Network."
        in out
    )


def test_shared_content_alone_is_not_flagged(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "glossary", "lbs", definition_en="Literacy and Basic Skills.")
    out = summarize(old, new, "main")
    assert "networks:**" not in out and "Network:" not in out


def test_protocol_changes(sides: tuple[Path, Path]) -> None:
    old, new = sides
    folder = new / "content" / "referral_protocols"
    path = folder / "ontario-works-ridgeway-to-literacy-council.md"
    path.write_text(path.read_text(encoding="utf-8").replace("response_days: 5", "response_days: 3"), encoding="utf-8")
    (folder / "ontario-works-ridgeway-to-literacy-council.fr.md").unlink()
    (folder / "birch-falls-and-lumen-online.md").unlink()
    (folder / "birch-falls-and-lumen-online.fr.md").unlink()
    out = summarize(old, new, "main")
    title = "Ontario Works Ridgeway to Ridgeway Literacy Council"
    assert f"Response days of {title}: 5 → 3" in out
    assert f"French text of {title} removed" in out
    assert "- **Removed** referral protocol: Birch Falls Adult Literacy Centre and Lumen Online Learning" in out
    assert "changes the content of 2 networks" in out


def test_form_changes(sides: tuple[Path, Path]) -> None:
    old, new = sides
    path = new / "content" / "forms" / "learner-referral.yml"
    text = path.read_text(encoding="utf-8")
    extra = "      - id: referral_reason\n        type: text\n        label_en: Reason\n"
    path.write_text(text.replace("        required: true\n", "        required: true\n" + extra, 1), encoding="utf-8")
    out = summarize(old, new, "main")
    assert "- **Changed** form: Learner referral form (`learner-referral`)" in out
    assert "Questions added: referral\\_reason." in out


def test_values_cannot_format_or_mention(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "sites", SITE, transit_en="<b>Bus</b> @ridgeway/team *now*")
    out = summarize(old, new, "main")
    assert "\\<b\\>Bus\\</b\\> @\u200bridgeway/team \\*now\\*" in out
    assert "<b>" not in out


def test_an_unreadable_file_is_named(sides: tuple[Path, Path]) -> None:
    old, new = sides
    path = new / "content" / "sites.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    out = summarize(old, new, "main")
    assert "Could not be read (not saved as UTF-8?): `content/sites.csv`" in out


def git(root: Path, *args: str) -> None:
    base = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*base, *args], cwd=root, check=True, capture_output=True)


def test_diff_against_a_git_ref(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = copy(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    edit(repo, "sites", SITE, hours_en="Mon–Fri 9–3")
    out = diffsummary.diff_against(Project(repo), "HEAD")
    assert "Compared with `HEAD (" in out
    assert f"Hours of {SITE_NAME}:" in out
    assert call_main(["--project", str(repo), "diff", "no-such-branch"]) == 2
    assert '"no-such-branch" is not a commit' in capsys.readouterr().err


def test_diff_outside_git_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = copy(tmp_path / "plain")
    assert call_main(["--project", str(repo), "diff", "HEAD"]) == 2
    assert "not in a git repository" in capsys.readouterr().err


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    project = copy(tmp_path / "repo" / "directory")
    git(tmp_path / "repo", "init", "-q")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-q", "-m", "one")
    edit(project, "organizations", "ridgeway-literacy-council", name_en="Ridgeway Literacy Council Inc.")
    out = diffsummary.diff_against(Project(project), "HEAD")
    assert "**1 change:** 1 organization changed." in out
    assert "- **Changed** organization: Ridgeway Literacy Council Inc. (`ridgeway-literacy-council`)" in out
    assert "Name of Ridgeway Literacy Council: Ridgeway Literacy Council → Ridgeway Literacy Council Inc." in out


def test_a_file_saved_again_by_a_spreadsheet_is_formatting_only(sides: tuple[Path, Path]) -> None:
    """Every cell quoted, CRLF, a BOM, columns moved, TRUE and garbled accents: no change is
    listed, the files are named once as "formatting only (run fix)"."""
    old, new = sides
    programs = new / "content" / "programs.csv"
    with programs.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    order = [0, *reversed(range(1, len(rows[0])))]
    column = rows[0].index("accepts_referrals")
    rows = [rows[0]] + [[c.upper() if i == column else c for i, c in enumerate(r)] for r in rows[1:]]
    with programs.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([[r[i] for i in order] for r in rows])
    sites = new / "content" / "sites.csv"
    sites.write_bytes(sites.read_bytes().decode("cp1252", errors="replace").encode("utf-8"))
    out = summarize(old, new, "main")
    assert "No listing, protocol, form, plan or page changes." in out
    assert "### Formatting only (run fix)" in out
    assert "- `content/programs.csv`: formatting only (run fix): " in out
    assert "columns put in the schema's order" in out
    assert "- `content/sites.csv`: formatting only (run fix): garbled accents (mojibake) repaired" in out
    assert "Changed" not in out and "→" not in out


def test_a_real_change_in_a_file_not_in_the_canonical_form_is_listed_and_flagged(sides: tuple[Path, Path]) -> None:
    old, new = sides
    edit(new, "sites", SITE, hours_en="Mon–Fri 9–3")
    path = new / "content" / "sites.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    out = summarize(old, new, "main")
    assert "Mon–Fri 9–3" in out
    assert "also not written in the canonical form" in out
    assert "- `content/sites.csv`: Windows line endings (CRLF) written as LF" in out


def test_a_removed_id_fails_diff_and_the_id_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ids are forever: an id renamed in place makes ``diff`` exit 1 (its summary still written,
    with the problem first) and ``diff --check-ids`` print it as check does (GitHub annotations
    in CI); retiring the record instead passes."""
    repo = copy(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    edit(repo, "programs", "rlc-literacy-for-work", id="rlc-literacy-at-work")
    capsys.readouterr()
    assert call_main(["--project", str(repo), "diff", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert out.index("### ⛔ Ids that must come back") < out.index("Compared with")
    assert call_main(["--project", str(repo), "diff", "HEAD", "--check-ids", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::error file=content/programs.csv,line=2,col=1,title=id-removed::" in out
    assert 'keep the id "rlc-literacy-for-work"' in out and "printed handouts" in out
    edit(repo, "programs", "rlc-literacy-at-work", id="rlc-literacy-for-work", status="retired", end_date="2026-11-01")
    assert call_main(["--project", str(repo), "diff", "HEAD", "--check-ids", "--format", "text"]) == 0
    assert call_main(["--project", str(repo), "diff", "HEAD"]) == 0
    assert "Retired: its page stays at the same address" in capsys.readouterr().out
