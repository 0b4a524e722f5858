"""``literacy-directory new``: ids, rows, questions, protocols, and the record taken back on errors."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from check_support import call_main
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import parse_package
from literacy_directory.schema.protocol import ReferralProtocol
from literacy_directory.tools import new as newrecord
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's content and schemas; new records dated 2026-11-28."""
    for name in ("content", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.setenv("LITERACY_DIRECTORY_TODAY", TODAY.isoformat())
    return tmp_path


def rows(project: Path, table: str) -> dict[str, dict[str, str]]:
    with (project / "content" / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def new(project: Path, *args: str) -> int:
    return call_main(["--project", str(project), "new", *args])


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Eastside Learning Centre", "eastside-learning-centre"),
        ("Centre d'éducation des adultes – Saint-Rémi", "centre-d-education-des-adultes-saint-remi"),
        ("  Reading & Math (Level 1)  ", "reading-and-math-level-1"),
        ("Œuvre à l’école", "oeuvre-a-l-ecole"),
        ("ᐊᓂᔑᓈᐯᒧᐎᓐ", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert newrecord.slugify(name) == slug


def test_a_long_name_is_cut_at_a_hyphen() -> None:
    slug = newrecord.slugify("The Very Long Name of a Program That Goes On and On About Reading and Writing Skills")
    assert len(slug) <= newrecord.SLUG_MAX and not slug.endswith("-")


def test_unique_id_adds_a_number_when_taken() -> None:
    assert (
        newrecord.unique_id("Literacy for Work", ["literacy-for-work", "literacy-for-work-2"], "program") == "literacy-for-work-3"
    )
    assert newrecord.unique_id("ᐊᓂᔑᓈᐯᒧᐎᓐ", [], "program") == "program"


def test_append_row_quotes_cells_and_keeps_the_column_order(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbfid,name_en,note\r\na,A,x")  # BOM, CRLF, no final line break
    line, before = newrecord.append_row(path, {"note": 'says "hi", twice', "id": "b", "name_en": "B, b"})
    assert before == b"\xef\xbb\xbfid,name_en,note\r\na,A,x"
    assert line == 3
    assert path.read_bytes().endswith(b'a,A,x\r\nb,"B, b","says ""hi"", twice"\r\n')


def test_new_program_without_its_essentials_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "content" / "programs.csv").read_bytes()
    assert new(repo, "program", "--organization", "ridgeway-literacy-council", "--name", "Drop-in") == 2
    err = capsys.readouterr().err
    assert "--summary" in err and "--sites" in err
    assert "rlc-ridgeway-downtown" in err  # the choices are shown
    assert (repo / "content" / "programs.csv").read_bytes() == before


def test_a_misspelled_reference_gets_a_suggestion(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, "site", "--organization", "ridgeway-literacy-counsil", "--name", "X") == 2
    assert 'did you mean "ridgeway-literacy-council"?' in capsys.readouterr().err


def test_an_unknown_column_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, "site", "--set", "hours=9 to 5") == 2
    assert 'there is no column "hours"' in capsys.readouterr().err


def test_new_organization_fills_defaults_and_checks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--network", "nine-lakes-literacy-network", "--name", "Red Pine Reading Circle", "--sector", "community_based"]
    assert new(repo, "organization", *args, "--streams", "anglophone", "--phone", "807-555-0199") == 0
    row = rows(repo, "organizations")["red-pine-reading-circle"]
    assert (row["roles"], row["sector"], row["phone"], row["last_verified"]) == (
        "lbs_provider",
        "community_based",
        "807-555-0199",
        "2026-11-28",
    )
    out = capsys.readouterr().out
    assert 'Added organization "Red Pine Reading Circle" with id red-pine-reading-circle' in out
    assert "The content is valid." in out


def test_new_site_then_program_at_it(repo: Path) -> None:
    site = ["--organization", "birch-falls-adult-literacy", "--community", "red-pine", "--name", "Red Pine Library Room"]
    assert new(repo, "site", *site, "--street-address", "12 Lake Road", "--city", "Red Pine", "--postal-code", "P0T 2R0") == 0
    assert rows(repo, "sites")["red-pine-library-room"]["postal_code"] == "P0T 2R0"
    program = ["--organization", "birch-falls-adult-literacy", "--name", "Red Pine Reading", "--summary", "Read with a tutor."]
    assert new(repo, "program", *program, "--sites", "red-pine-library-room", "--goal-paths", "independence, employment") == 0
    row = rows(repo, "programs")["red-pine-reading"]
    assert (row["site_ids"], row["goal_paths"], row["type"], row["cost"]) == (
        "red-pine-library-room",
        "independence;employment",
        "lbs",
        "free",
    )
    assert row["eligibility_fr"].startswith("Adultes de 19 ans")
    assert check_project(Project(repo), today=TODAY).ok


def test_a_new_record_with_errors_is_taken_back(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "content" / "sites.csv").read_bytes()
    args = [
        "--organization",
        "la-boussole",
        "--community",
        "saint-remi",
        "--name",
        "Annexe",
        "--street-address",
        "1 rue Principale",
    ]
    assert new(repo, "site", *args, "--city", "Saint-Rémi", "--postal-code", "k0a 1a0") == 1
    out = capsys.readouterr().out
    assert "was NOT added" in out
    assert re.search(r"content/sites\.csv:\d+:\d+: error: .*postal", out)
    assert (repo / "content" / "sites.csv").read_bytes() == before


def test_interactive_questions_with_defaults(repo: Path) -> None:
    answers = iter(
        [
            "ridgeway-literacy-council",
            "Math Café",
            "Practise everyday math over coffee.",
            "",
            "",
            "",
            "",
            "rlc-ridgeway-downtown",
            "",
            "",
        ]
    )
    asked: list[str] = []

    def ask(question: str, choices: list[tuple[str, str]], default: str) -> str:
        asked.append(question)
        return next(answers) or default

    request = newrecord.Request(Project(repo), {}, ask, TODAY)
    outcome = newrecord.create("program", request)
    assert outcome.added and outcome.exit_code == 0
    row = rows(repo, "programs")["math-cafe"]
    assert (row["type"], row["stream"], row["delivery_modes"], row["languages"], row["cost"]) == (
        "lbs",
        "anglophone",
        "in_person",
        "en",
        "free",
    )
    assert row["site_ids"] == "rlc-ridgeway-downtown"
    assert len(asked) == len(newrecord.PROGRAM.essentials) - 1  # no online platform for an in-person program


def test_an_invalid_answer_is_asked_again(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["nine-lakes", "nine-lakes-literacy-network"])
    ask: Callable[[str, list[tuple[str, str]], str], str] = lambda q, c, d: next(answers)  # noqa: E731
    essential = newrecord.ORGANIZATION.essentials[0]
    lookup = newrecord.Lookup(Project(repo))
    assert newrecord._ask_until_valid(ask, newrecord.ORGANIZATION, essential, lookup, {}, "") == "nine-lakes-literacy-network"
    assert '"nine-lakes" is not a choice for network_id' in capsys.readouterr().out


def test_a_blank_answer_is_asked_again(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["", "  ", "nine-lakes-literacy-network"])
    ask: Callable[[str, list[tuple[str, str]], str], str] = lambda q, c, d: next(answers).strip() or d  # noqa: E731
    essential = newrecord.ORGANIZATION.essentials[0]
    lookup = newrecord.Lookup(Project(repo))
    assert newrecord._ask_until_valid(ask, newrecord.ORGANIZATION, essential, lookup, {}, "") == "nine-lakes-literacy-network"
    assert capsys.readouterr().out.count(newrecord.BLANK_ANSWER) == 2


def test_blank_answers_three_times_give_up(repo: Path) -> None:
    ask: Callable[[str, list[tuple[str, str]], str], str] = lambda q, c, d: d  # noqa: E731
    with pytest.raises(newrecord.UsageError):
        newrecord._ask_needed(ask, "Title in English", "")


PROTOCOL_ARGS = [
    "--title", "Ridgeway Public Library to Westvale Community Literacy",
    "--summary", "The library refers adults who ask for help with reading.",
    "--referrer", "ridgeway-public-library",
    "--receiver", "westvale-community-literacy",
    "--channels", "referral_form;phone_line",
    "--consent", "verbal",
]  # fmt: skip


def test_new_protocol_twice_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, "protocol", *PROTOCOL_ARGS) == 0
    capsys.readouterr()
    assert new(repo, "protocol", *PROTOCOL_ARGS) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "ridgeway-public-library-to-westvale-community-literacy.md" in err
    assert sorted(p.name for p in (repo / "content" / "referral_protocols").glob("ridgeway-public-library-to-*")) == [
        "ridgeway-public-library-to-westvale-community-literacy.md"
    ]


def test_new_protocol_writes_valid_front_matter(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "--title", "Ridgeway Public Library to Westvale Community Literacy",
        "--summary", "The library refers adults who ask for help with reading.",
        "--referrer", "ridgeway-public-library",
        "--receiver", "westvale-community-literacy",
        "--channels", "referral_form;phone_line",
        "--consent", "verbal",
    ]  # fmt: skip
    assert new(repo, "protocol", *args) == 0
    path = repo / "content" / "referral_protocols" / "ridgeway-public-library-to-westvale-community-literacy.md"
    text = path.read_text(encoding="utf-8")
    assert "direction: one_way" in text and "status: draft" in text
    assert "channels: [referral_form, phone_line]" in text
    assert "last_verified: 2026-11-28" in text and "&id" not in text
    result = check_project(Project(repo), today=TODAY)
    assert result.ok and catalog_of(result) is not None
    assert catalog_of(result).protocols[path.stem].receivers == ("westvale-community-literacy",)


def test_a_protocol_needs_two_parties(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        new(
            repo,
            "protocol",
            "--title",
            "T",
            "--summary",
            "S",
            "--channels",
            "email",
            "--consent",
            "verbal",
            "--both",
            "la-boussole",
        )
        == 2
    )
    assert "two parties" in capsys.readouterr().err


def test_a_protocol_with_a_wrong_program_is_not_written(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--title", "T", "--summary", "S", "--channels", "email", "--consent", "verbal"]
    assert new(repo, "protocol", *args, "--both", "la-boussole", "--both", "college-des-deux-rives/nope") == 1
    assert "dangling-reference" in capsys.readouterr().out
    assert not (repo / "content" / "referral_protocols" / "t.md").exists()


def test_new_plan_explains(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, "plan") == 2
    assert "Literacy Service Plan" in capsys.readouterr().err


def test_every_essential_and_option_is_a_column_of_its_table() -> None:
    spec = parse_package(Project(ROOT).package_path.read_text(encoding="utf-8"))
    for kind in newrecord.TABLE_KINDS.values():
        columns = spec.table(kind.table).field_names
        assert [c for c, _, _ in kind.columns_with_options if c not in columns] == [], kind.name
    assert [c for c, _, _ in newrecord.PROTOCOL_OPTIONS if c not in ReferralProtocol.model_fields] == []


def test_rows_are_read_back_identically(repo: Path) -> None:
    before = rows(repo, "programs")
    assert new(repo, "program", "--organization", "lumen-online-learning", "--name", "Lumen Math", "--summary", "Math online.",
               "--delivery-modes", "online", "--online-platform", "Lumen Classroom", "--stream", "anglophone") == 0  # fmt: skip
    after = rows(repo, "programs")
    assert {k: v for k, v in after.items() if k in before} == before


def test_the_command_asks_in_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["la-boussole", "saint-remi", "Annexe du marché", "5 rue du Marché", "Saint-Rémi", "K0A 3E0"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert new(repo, "site") == 0
    out = capsys.readouterr().out
    assert "Which organization runs it? (organization id). Choose from:" in out
    assert "  la-boussole  (La Boussole" in out
    assert rows(repo, "sites")["annexe-du-marche"]["city"] == "Saint-Rémi"


def test_a_protocol_asked_for_in_a_terminal(repo: Path) -> None:
    answers = iter(["Library to Westvale", "Short.", "ridgeway-public-library", "westvale-community-literacy", "", "written"])
    request = newrecord.Request(Project(repo), {}, lambda question, choices, default: next(answers) or default, TODAY)
    outcome = newrecord.create("protocol", request)
    assert outcome.added, newrecord.describe(outcome)
    text = (repo / "content" / "referral_protocols" / "library-to-westvale.md").read_text(encoding="utf-8")
    assert "role: referrer" in text and "role: receiver" in text and "consent: written" in text
    assert "channels: [referral_form]" in text
