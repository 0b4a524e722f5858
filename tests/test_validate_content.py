"""``literacy-directory check`` as a whole: the repository's own content, the output formats and
the exit codes (0 valid, 1 content errors, 2 usage)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from check_support import REPO, TODAY, CheckRun
from literacy_directory import report
from literacy_directory.core.diagnostics import Diagnostic, error, warning

Run = Callable[..., CheckRun]
PROTOCOL = "content/referral_protocols/ow-to-bayview.md"


def break_things(project: Path) -> None:
    """One error in a CSV (an unknown code) and one warning (a stale date)."""
    programs = project / "content" / "programs.csv"
    programs.write_text(programs.read_text(encoding="utf-8").replace(",partner_service,", ",partner,"), encoding="utf-8")
    networks = project / "content" / "networks.csv"
    networks.write_text(networks.read_text(encoding="utf-8").replace(",2026-09-01", ",2025-10-01"), encoding="utf-8")


def test_repository_content_has_no_errors(run_check: Run) -> None:
    run = run_check(REPO, "--format", "json")
    errors = [d for d in run.json()["diagnostics"] if d["severity"] == "error"]
    assert errors == []
    assert run.exit_code == 0


def test_base_fixture_checks_clean(project: Path, run_check: Run) -> None:
    run = run_check(project, "--format", "json")
    assert run.exit_code == 0
    assert run.json()["diagnostics"] == []


def test_text_format_is_compiler_style_with_hints_and_a_summary(project: Path, run_check: Run) -> None:
    break_things(project)
    run = run_check(project, "--format", "text")
    lines = run.out.splitlines()
    assert lines[0].startswith("content/networks.csv:2:13: warning: ") and lines[0].endswith("[stale]")
    assert lines[1].startswith("    hint: ")
    assert lines[2].startswith("content/programs.csv:3:5: error: ") and lines[2].endswith("[enum]")
    assert re.search(r"\b1 error\b.*\b1 warning\b", lines[-1]), "a summary count ends the report"
    assert run.exit_code == 1


def test_json_format_lists_every_diagnostic(project: Path, run_check: Run) -> None:
    break_things(project)
    parsed = run_check(project, "--format", "json").json()
    assert parsed["valid"] is False
    assert (parsed["errors"], parsed["warnings"]) == (1, 1)
    assert [(d["path"], d["line"], d["column"], d["severity"], d["code"]) for d in parsed["diagnostics"]] == [
        ("content/networks.csv", 2, 13, "warning", "stale"),
        ("content/programs.csv", 3, 5, "error", "enum"),
    ]
    assert all(d["message"] and d["hint"] for d in parsed["diagnostics"])


def test_json_format_of_valid_content(project: Path, run_check: Run) -> None:
    report = run_check(project, "--format", "json").json()
    assert {k: report[k] for k in ("valid", "errors", "warnings", "diagnostics")} == {
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }
    assert all(c["translated"] == c["total"] for c in report["translation_coverage"])


def test_warnings_alone_exit_0(project: Path, run_check: Run) -> None:
    networks = project / "content" / "networks.csv"
    networks.write_text(networks.read_text(encoding="utf-8").replace(",2026-09-01", ",2025-10-01"), encoding="utf-8")
    run = run_check(project)
    assert run.exit_code == 0
    assert "[stale]" in run.out


@pytest.mark.parametrize(
    "args",
    [("--colour",), ("--format", "xml"), ("--today", "28/11/2026")],
    ids=["unknown-option", "unknown-format", "bad-today"],
)
def test_usage_errors_exit_2(project: Path, run_check: Run, args: tuple[str, ...]) -> None:
    run = run_check(project, *args)
    assert run.exit_code == 2
    assert "Usage: literacy-directory check" in run.err
    assert "Traceback" not in run.err


def test_console_script_runs_check(project: Path) -> None:
    break_things(project)
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "literacy-directory"), "--project", str(project), "check", "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "content/programs.csv:3:5: error:" in done.stdout
    assert done.stderr == ""


# --- GitHub Actions output -------------------------------------------------------------------


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return _unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def _parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """``::error file=..,line=..::message`` as (kind, properties, message), undoing the escapes."""
    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    kind, props = head.split(" ", 1)
    properties = dict(p.split("=", 1) for p in props.split(","))
    return kind, {k: _unescape_property(v) for k, v in properties.items()}, _unescape_data(message)


def test_github_annotations_escape_special_characters() -> None:
    # (Codes come from the registry, so only paths and messages can hold such characters.)
    tricky = error("content/a,b:c%d.csv", 3, 7, "enum", "50% of cells\nare bad: see, here", "fix it\r\nnow")
    output = report.as_github([tricky])
    annotation = output.splitlines()[0]
    assert "\n" not in annotation and "\r" not in annotation
    kind, properties, message = _parse_annotation(annotation)
    assert kind == "error"
    assert properties == {"file": "content/a,b:c%d.csv", "line": "3", "col": "7", "title": "enum"}
    # The message and the hint are two lines of the annotation; a newline inside either (content it
    # quotes) is shown as \n, as in every output format (logs are data).
    assert message == "50% of cells\\nare bad: see, here\nfix it\\r\\nnow"


def test_github_annotations_are_capped_at_10_per_severity() -> None:
    many: list[Diagnostic] = [error("content/sites.csv", n, 1, "postal-code", f"bad {n}", "fix") for n in range(2, 17)]
    many += [warning("content/programs.csv", n, 1, "stale", f"old {n}", "check") for n in range(2, 14)]
    output = report.as_github(many)
    annotations = [line for line in output.splitlines() if line.startswith("::")]
    assert sum(a.startswith("::error ") for a in annotations) == 10
    assert sum(a.startswith("::warning ") for a in annotations) == 10
    plain = [line for line in output.splitlines() if line.startswith("content/")]
    assert len(plain) == 27, "the plain list still shows everything"


def test_github_format_writes_the_step_summary(
    project: Path, run_check: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    break_things(project)
    run = run_check(project)
    assert run.exit_code == 1
    assert run.out.startswith("::warning file=content/networks.csv,line=2,col=13,title=stale::")
    assert "\n::error file=content/programs.csv,line=3,col=5,title=enum::" in run.out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n"), "the summary is appended to, not replaced"
    diagnostics_part = text.split("### French text")[0]
    table = [line for line in diagnostics_part.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 2
    assert "### French text" in text
    assert "`content/programs.csv`" in table[-1] and "[enum]" in table[-1]


def test_step_summary_escapes_table_syntax() -> None:
    text = report.as_markdown_summary([error("content/x.csv", 2, 1, "pattern", "a | b\nc", "use | not")])
    row = text.splitlines()[-1]
    assert row.count(" | ") == 4, row
    assert "a \\| b\\nc" in row  # a newline in the text is shown, not obeyed


def test_json_output_keeps_accented_text(project: Path, run_check: Run) -> None:
    organizations = project / "content" / "organizations.csv"
    text = organizations.read_text(encoding="utf-8").replace(",community_based,", ",communauté,")
    organizations.write_text(text, encoding="utf-8")
    run = run_check(project, "--format", "json")
    assert '"communauté' in run.out
    assert json.loads(run.out)["errors"] == 1
