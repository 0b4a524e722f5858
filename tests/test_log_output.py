"""Logs are data: whatever a content file holds, ``check`` prints it on the line it belongs to, in
every output format. A multi-line cell whose second line is a workflow command must not become
one in CI's log (GitHub runs any line ``::warning ...::...`` of a step's output), and control or
bidi characters must not reach a terminal or a log viewer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from check_support import TODAY, call_main, copy_project
from literacy_directory.core.logsafe import json_text, printable, verbatim

VALUE = "apprentice\n::warning title=x::y\r::stop-commands::tok\u202e\x1b[31m\x85\u2028end"
ESCAPED = "apprentice\\n::warning title=x::y\\r::stop-commands::tok\\u202e\\u001b[31m\\u0085\\u2028end"
EXPECTED_TEXT_LINE = (
    f'content/programs.csv:2:13: error: "{ESCAPED}" is not a goal path code in column "goal_paths"; '
    "use one of: employment, apprenticeship, secondary_school_credit, postsecondary, independence [enum]"
)
INVISIBLE = ("\u202e", "\x1b", "\x85", "\u2028", "\r")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The base project with one multi-line goal path cell (quoted, so one cell of one record)."""
    root = copy_project(tmp_path / "project")
    programs = root / "content" / "programs.csv"
    text = programs.read_text(encoding="utf-8")
    cell = '"' + VALUE + '"'
    programs.write_bytes(text.replace(",anglophone,employment;independence,", f",anglophone,{cell},", 1).encode("utf-8"))
    return root


def run(project: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert call_main(["--project", str(project), "check", "--format", fmt, "--today", TODAY]) == 1
    return capsys.readouterr().out


def test_text_keeps_the_cell_on_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(project, "text", capsys)
    assert EXPECTED_TEXT_LINE in out.split("\n")
    assert not [line for line in out.split("\n") if line.startswith("::")]
    assert not any(c in out for c in INVISIBLE)


def test_github_annotations_and_text_start_no_workflow_command(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = run(project, "github", capsys)
    commands = [line for line in out.split("\n") if line.startswith("::")]
    assert all(line.startswith(("::error file=", "::warning file=")) for line in commands), commands
    commands = [line for line in commands if line.startswith("::error ")]
    assert len(commands) == 1 and commands[0].startswith("::error file=content/programs.csv,line=2,col=13,title=enum::")
    assert f'"{ESCAPED}" is not a goal path code' in commands[0]
    assert EXPECTED_TEXT_LINE in out.split("\n")
    assert not any(c in out for c in INVISIBLE)
    rows = [line for line in summary.read_text(encoding="utf-8").split("\n") if "goal path" in line]
    assert len(rows) == 1 and ESCAPED in rows[0]


def test_json_is_one_value_per_string_with_the_cell_intact(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(project, "json", capsys)
    assert not any(c in out for c in INVISIBLE)
    assert not [line for line in out.split("\n") if line.lstrip().startswith("::")]
    (diagnostic,) = [d for d in json.loads(out)["diagnostics"] if d["code"] == "enum"]
    assert diagnostic["message"].startswith(f'"{VALUE}"')  # escaped in the JSON text, intact once read


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("tab\there", "tab\\there"),
        ("form\x0cfeed\x0bvt\x00nul\x7fdel", "form\\u000cfeed\\u000bvt\\u0000nul\\u007fdel"),
        ("c1\x85\x9b", "c1\\u0085\\u009b"),
        ("bidi\u202e\u2066\u200f", "bidi\\u202e\\u2066\\u200f"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("Évaluation « ok » – 100 %", "Évaluation « ok » – 100 %"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_json_text_keeps_the_values() -> None:
    data = {"m": "x\x85\u202e\u2028y\n"}
    encoded = json_text(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(encoded) == data
    assert "\x85" not in encoded and "\u202e" not in encoded and "\u2028" not in encoded


def test_another_program_s_log_is_fenced_from_workflow_commands_in_ci() -> None:
    """MkDocs' log (printed by build) can quote content; in GitHub Actions it is wrapped so that
    none of its lines is run as a workflow command."""
    log = "INFO - Building\n::warning title=x::y\n::add-mask::z\n"
    assert verbatim(log, in_github_actions=False) == log
    fenced = verbatim(log, in_github_actions=True).split("\n")
    token = fenced[0].removeprefix("::stop-commands::")
    assert len(token) == 32 and token not in log
    assert fenced[1:4] == log.split("\n")[:3]
    assert fenced[4] == f"::{token}::"
    assert verbatim(log, in_github_actions=True) != verbatim(log, in_github_actions=True)  # a new token each time
