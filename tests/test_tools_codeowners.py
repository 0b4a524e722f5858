"""CODEOWNERS, generated from the networks' github_team column and the protocols' parties."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from check_support import call_main
from literacy_directory.core.project import Project
from literacy_directory.tools import codeowners

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_codeowners_is_up_to_date() -> None:
    committed = (ROOT / codeowners.CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert committed == codeowners.owners_file(Project(ROOT)), "run: literacy-directory codeowners"


def test_every_network_has_a_team() -> None:
    teams = codeowners.network_teams(Project(ROOT))
    assert len(teams) == 3
    assert all(t.startswith("@ontario-literacy-networks/") for t in teams.values())


def owners_of(text: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in text.splitlines() if line and not line.startswith("#")}


def test_each_network_reviews_its_plans_and_protocols() -> None:
    owners = owners_of(codeowners.owners_file(Project(ROOT)))
    assert owners["*"] == ["@ontario-literacy-networks/maintainers"]
    assert owners["/content/plans/nine-lakes-literacy-network/"][0] == "@ontario-literacy-networks/nine-lakes"
    protocol = "/content/referral_protocols/deux-rives-to-cscrb-adult-education.md"
    assert owners[protocol] == ["@ontario-literacy-networks/riviere-blanche", "@ontario-literacy-networks/maintainers"]
    assert owners[protocol.replace(".md", ".fr.md")] == owners[protocol]
    assert "/content/programs.csv" not in owners  # shared tables: the maintainers (the * line)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name in ("content", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_command_writes_then_checks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call_main(["--project", str(repo), "codeowners", "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert call_main(["--project", str(repo), "codeowners"]) == 0
    assert call_main(["--project", str(repo), "codeowners", "--check"]) == 0
    assert (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == codeowners.owners_file(Project(repo))


def test_teams_in_several_organizations_need_maintainers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "content" / "networks.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("@ontario-literacy-networks/ridgeway", "@ridgeway-org/staff"), encoding="utf-8"
    )
    assert call_main(["--project", str(repo), "codeowners"]) == 1
    assert "--maintainers" in capsys.readouterr().err
    assert call_main(["--project", str(repo), "codeowners", "--maintainers", "@ontario-literacy-networks/admins"]) == 0
    text = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "@ridgeway-org/staff" in text and "* " in text and "@ontario-literacy-networks/admins" in text


def test_a_network_without_a_team_is_named(repo: Path) -> None:
    path = repo / "content" / "networks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",@ontario-literacy-networks/nine-lakes,", ",,"), encoding="utf-8")
    text = codeowners.owners_file(Project(repo))
    assert "# No github_team yet (reviewed by the maintainers): nine-lakes-literacy-network" in text


def _written(repo: Path) -> None:
    assert call_main(["--project", str(repo), "codeowners"]) == 0


def test_a_protocol_added_as_a_plain_file_passes_review_checks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The web editor's way: a new file, no CODEOWNERS change. It falls to the maintainers (the
    `*` line) until the file is regenerated after the merge, so the check passes and says so."""
    _written(repo)
    protocols = repo / "content" / "referral_protocols"
    new = protocols / "a-new-protocol.md"
    new.write_text((protocols / "birch-falls-and-lumen-online.md").read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert call_main(["--project", str(repo), "codeowners", "--check"]) == 0
    out = capsys.readouterr().out
    assert "content/referral_protocols/a-new-protocol.md" in out and "maintainers" in out
    new.unlink()
    (protocols / "birch-falls-and-lumen-online.md").unlink()
    assert call_main(["--project", str(repo), "codeowners", "--check"]) == 0  # a line left for a removed file


def test_owners_that_changed_still_fail_the_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _written(repo)
    networks = repo / "content" / "networks.csv"
    networks.write_text(
        networks.read_text(encoding="utf-8").replace(
            "@ontario-literacy-networks/ridgeway", "@ontario-literacy-networks/ridgeway-2"
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert call_main(["--project", str(repo), "codeowners", "--check"]) == 1
    assert "out of date" in capsys.readouterr().out


def test_staleness_sorts_harmless_from_wrong() -> None:
    committed = "* @o/m\n/content/plans/a/ @o/a @o/m\n/content/referral_protocols/x.md @o/a @o/m\n"
    generated = "* @o/m\n/content/plans/a/ @o/b @o/m\n/content/referral_protocols/y.md @o/a @o/m\n"
    assert codeowners.staleness(committed, generated) == (
        ["/content/referral_protocols/x.md", "/content/referral_protocols/y.md"],
        ["/content/plans/a/"],
    )
