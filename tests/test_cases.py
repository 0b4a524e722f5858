"""Golden bad-input cases: one YAML file per behaviour under tests/cases/<kind>/, one runner for
every kind, one test over them all.

A case breaks a small valid project and lists the diagnostics that must be reported, as
``{path, line, code, severity, hint_contains}``. The errors found must be exactly the errors
expected (so noise is caught); expected warnings must be among the warnings found. Message wording
is never compared, only that every message and hint is there; ``hint_contains`` names a value (the
suggested code or id, the text to quote) that the hint must mention, so "did you mean" suggestions
are tested without their wording.

The kinds, each a folder under tests/cases/:

- ``check/``: the base project (tests/fixtures/base) with ``edits`` applied, run through
  ``literacy-directory check --format json`` in-process: no traceback, and exit 1 exactly when an
  error is expected.
- ``plans/``: the same base project with the plan of tests/cases/plans/base/ in content/plans/,
  ``edits`` applied, read by ``load_plans`` on ``today`` (by default a day in the plan's year).
- ``forms/``: ``form`` (the text of a form definition) saved as content/forms/``file`` and read by
  ``load_forms``; ``path`` is that file and may be left out; errors are counted (the same error
  twice on one line must be expected twice), and a form with an error is not loaded.
- ``pages/``: the base project with ``edits`` applied, checked (``expected`` as for check/), then
  its site generated in-process: ``pages`` maps a generated file (``programs/x.md``,
  ``programs/x.fr.md``, ``find/data/<community>.json``) to the texts it must contain
  (``contains``) and must not (``lacks``), as written in the file (HTML-escaped). No record page
  may have an empty heading (a heading with nothing under it before the next one).
- ``diff/``: two copies of the base project, ``edits`` applied to the second (the change), compared
  by ``diff``: ``expected`` lists the published ids that disappeared (``id-removed``) and nothing else.

Edits (each a one-key mapping, applied in order; paths are relative to the project folder):

- ``replace: {file, old, new, count}``: replace text (``count`` occurrences must exist; default 1)
- ``write: {file, text, encoding, bom, newline}``: write a file (encoding utf-8 by default;
  ``bom: true`` adds a byte order mark; ``newline: "\\r\\n"`` changes the line endings)
- ``append: {file, text, encoding, repeat}``: append text; with ``repeat: N`` the text is added N
  times with ``{n}`` replaced by 1..N (to push a problem deep into a file)
- ``resave: {file, encoding, bom, newline}``: save an existing file again differently
- ``delete: {file}``
- ``copy: {from, to}``: copy a file or folder
- ``rename: {from, to}``: move a file (its folder is removed when that leaves it empty)
- ``symlink: {file, target}``: make ``file`` a symbolic link to ``target``; a target starting with
  ``OUTSIDE/`` points into a folder outside the project holding files whose text is ``SECRET``
  (every check case asserts that no output ever shows it)
- ``fifo: {file}``: make ``file`` a named pipe (reading it would block forever)
- ``git_add: {files}``: make the project a git repository and force-add these files (written first
  when missing), as a pull request could
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from check_support import DURING_THE_PLAN, REPO, SECRET, TODAY, call_main, copy_project, make_symlink
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.diagnostics import Diagnostic
from literacy_directory.core.project import Project
from literacy_directory.forms.model import load_forms
from literacy_directory.plans.load import load_plans
from literacy_directory.schema.vocabularies import parse_vocabularies
from literacy_directory.site.generate import SiteOptions, generate_site
from literacy_directory.tools.diff import compare
from literacy_directory.validate.check import check_project
from literacy_directory.validate.content import load_content

CASES = Path(__file__).parent / "cases"
EXPECTED_KEYS = {"path", "line", "code", "severity", "hint_contains"}
BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
Place = tuple[str, int, str]


# --- edits ------------------------------------------------------------------------------------


def _encode(text: str, spec: dict[str, Any]) -> bytes:
    newline = spec.get("newline")
    if newline:
        text = text.replace("\r\n", "\n").replace("\n", newline)
    encoding = spec.get("encoding", "utf-8")
    data = text.encode(encoding)
    if spec.get("bom"):
        data = BOMS[encoding.lower()] + data
    return data


def _replace(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["file"]
    text = path.read_text(encoding="utf-8")
    count = spec.get("count", 1)
    found = text.count(spec["old"])
    assert found >= count, f"{spec['file']}: {spec['old']!r} occurs {found} times, the case needs {count}"
    path.write_bytes(text.replace(spec["old"], spec["new"], count).encode("utf-8"))


def _write(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_encode(spec["text"], spec))


def _append(root: Path, spec: dict[str, Any]) -> None:
    repeat = spec.get("repeat")
    text = "".join(spec["text"].replace("{n}", str(n)) for n in range(1, repeat + 1)) if repeat else spec["text"]
    with (root / spec["file"]).open("ab") as fh:
        fh.write(_encode(text, spec))


def _resave(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["file"]
    path.write_bytes(_encode(path.read_text(encoding="utf-8"), spec))


def _delete(root: Path, spec: dict[str, Any]) -> None:
    (root / spec["file"]).unlink()


def _copy(root: Path, spec: dict[str, Any]) -> None:
    source, target = root / spec["from"], root / spec["to"]
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)


def _rename(root: Path, spec: dict[str, Any]) -> None:
    target = root / spec["to"]
    target.parent.mkdir(parents=True, exist_ok=True)
    (root / spec["from"]).rename(target)
    parent = (root / spec["from"]).parent
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()


def _fifo(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["file"]
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _git_add(root: Path, spec: dict[str, Any]) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    for name in spec["files"]:
        path = root / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("committed by mistake\n", encoding="utf-8")
    git("add", "-f", "--", *spec["files"])


EDITS: dict[str, Callable[[Path, dict[str, Any]], None]] = {
    "replace": _replace,
    "write": _write,
    "append": _append,
    "resave": _resave,
    "delete": _delete,
    "copy": _copy,
    "rename": _rename,
    "symlink": make_symlink,
    "fifo": _fifo,
    "git_add": _git_add,
}


def apply_edits(root: Path, edits: list[dict[str, Any]] | None) -> None:
    for edit in edits or []:
        ((kind, spec),) = edit.items()
        EDITS[kind](root, spec)


# --- the kinds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one case produced: its diagnostics as ``{path, line, column, code, severity, message,
    hint}`` mappings, and whether the loader still accepted the input (``None``: not applicable)."""

    found: list[dict[str, Any]]
    accepted: bool | None = None


def _as_dicts(found: list[Diagnostic]) -> list[dict[str, Any]]:
    keys = ("path", "line", "column", "code", "message", "hint")
    return [{**{k: getattr(d, k) for k in keys}, "severity": d.severity.value} for d in found]


def run_check_case(case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    project = copy_project(tmp_path / "project")
    apply_edits(project, case.get("edits"))
    capsys.readouterr()
    code = call_main(["--project", str(project), "check", "--today", TODAY, "--format", "json"])
    out, err = capsys.readouterr()
    printed = out + err
    assert "Traceback" not in printed
    assert SECRET not in printed and "OUTSIDE-SECRET" not in printed
    assert f"{project.name}-outside" not in printed, "a message names a link's target"
    found = json.loads(out)["diagnostics"]
    assert code == (1 if any(d.get("severity", "error") == "error" for d in case.get("expected") or []) else 0)
    return Outcome(found)


def run_plan_case(case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    project = copy_project(tmp_path / "project")
    shutil.copytree(CASES / "plans" / "base", project / "content" / "plans")
    shutil.copytree(REPO / "site_templates", project / "site_templates")
    apply_edits(project, case.get("edits"))
    _, found = load_plans(load_content(Project(project)), today=case.get("today", DURING_THE_PLAN))
    for d in found:
        assert SECRET not in d.message + d.hint and "-outside" not in d.message + d.hint + d.path, d
    return Outcome(_as_dicts(found))


def run_page_case(case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    project = copy_project(tmp_path / "project")
    shutil.copytree(REPO / "site_templates", project / "site_templates")
    apply_edits(project, case.get("edits"))
    result = check_project(Project(project), today=dt.date.fromisoformat(TODAY))
    catalog = catalog_of(result)
    assert catalog is not None, _show(_as_dicts(result.diagnostics))
    files = generate_site(catalog, Project(project), SiteOptions(cache_dir=tmp_path / "cache"))
    for name, wanted in case["pages"].items():
        text = files[name].decode("utf-8")
        for part in wanted.get("contains", []):
            assert part in text, f"{name} lacks {part!r}"
        for part in wanted.get("lacks", []):
            assert part not in text, f"{name} has {part!r}"
    for name, data in files.items():
        if name.split("/")[0] in ("programs", "sites", "organizations") and name.endswith(".md"):
            assert not empty_headings(data.decode("utf-8")), f"{name}: empty headings {empty_headings(data.decode('utf-8'))}"
    return Outcome(_as_dicts(result.diagnostics))


HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def empty_headings(page: str) -> list[str]:
    """The headings of a page with nothing under them: no text before the next heading of the
    same or a higher level, or before the end of the page."""
    found = list(HEADING.finditer(page))
    empty = []
    for i, heading in enumerate(found):
        level = int(heading.group(1))
        end = next((h.start() for h in found[i + 1 :] if int(h.group(1)) <= level), len(page))
        if not TAG.sub("", page[heading.end() : end]).strip() or not TAG.sub("", heading.group(2)).strip():
            empty.append(TAG.sub("", heading.group(2)).strip() or "(no text)")
    return empty


def run_diff_case(case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    base, head = copy_project(tmp_path / "base"), copy_project(tmp_path / "head")
    apply_edits(head, case.get("edits"))
    comparison = compare(base, head, "main")
    for d in comparison.problems:
        assert d.path in comparison.markdown and d.message.split(":")[0] in comparison.markdown.replace("\\", "")
    return Outcome(_as_dicts(comparison.problems))


def run_form_case(case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    forms_dir = tmp_path / "content" / "forms"
    forms_dir.mkdir(parents=True)
    (forms_dir / case["file"]).write_text(case["form"], encoding="utf-8")
    shutil.copytree(REPO / "site_templates", tmp_path / "site_templates")
    text = (REPO / "schemas" / "vocabularies.csv").read_text("utf-8")
    vocabularies, problems = parse_vocabularies("schemas/vocabularies.csv", text)
    assert not problems
    forms, found = load_forms(Project(tmp_path), vocabularies)
    path = f"content/forms/{case['file']}"
    assert all(d.path == path for d in found), _show(_as_dicts(found))
    return Outcome(_as_dicts(found), accepted=forms != [])


@dataclass(frozen=True)
class Kind:
    """One folder of cases: the keys a case may have, how it runs, and whether errors are counted
    (a multiset) or only located (a set)."""

    keys: frozenset[str]
    required: frozenset[str]
    run: Callable[[dict[str, Any], Path, pytest.CaptureFixture[str]], Outcome]
    count_errors: bool = False

    def expected(self, case: dict[str, Any]) -> list[dict[str, Any]]:
        items = case.get("expected") or []
        if "file" in case:  # forms: every diagnostic is about the one file
            items = [{"path": f"content/forms/{case['file']}", **item} for item in items]
        return items


EDITED = frozenset({"description", "edits", "expected"})
FORM_KEYS = frozenset({"description", "file", "form", "expected"})
KINDS = {
    "check": Kind(EDITED, frozenset({"description"}), run_check_case),
    "pages": Kind(EDITED | {"pages"}, frozenset({"description", "pages"}), run_page_case),
    "diff": Kind(EDITED, frozenset({"description", "edits"}), run_diff_case),
    "plans": Kind(EDITED | {"today"}, frozenset({"description"}), run_plan_case),
    "forms": Kind(FORM_KEYS, FORM_KEYS, run_form_case, count_errors=True),
}


def load_case(kind: Kind, path: Path) -> dict[str, Any]:
    case = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert kind.required <= set(case) <= kind.keys, f"{path.name}: keys {sorted(case)}, allowed {sorted(kind.keys)}"
    assert case.get("description"), f"{path.name}: a case needs a description"
    for item in kind.expected(case):
        assert {"path", "line", "code"} <= set(item) <= EXPECTED_KEYS, f"{path.name}: {item}"
        assert item.get("severity", "error") in ("error", "warning"), f"{path.name}: {item}"
    return case


# --- comparing --------------------------------------------------------------------------------


def _located(items: list[dict[str, Any]], severity: str) -> list[Place]:
    return sorted((d["path"], d["line"], d["code"]) for d in items if d.get("severity", "error") == severity)


def _show(found: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{d['path']}:{d['line']}:{d['column']} {d['severity']} {d['code']}: {d['message']} | {d['hint']}" for d in found
    )


def _assert_well_formed(found: list[dict[str, Any]]) -> None:
    for d in found:
        assert isinstance(d["message"], str) and d["message"].strip(), d
        assert isinstance(d["hint"], str) and d["hint"].strip(), d
        assert d["line"] >= 1 and d["column"] >= 1, d


def _assert_hints(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> None:
    for want in expected:
        if "hint_contains" not in want:
            continue
        place = (want["path"], want["line"], want["code"])
        hints = [d["hint"] for d in found if (d["path"], d["line"], d["code"]) == place]
        assert any(want["hint_contains"] in h for h in hints), f"{place}: no hint mentions {want['hint_contains']!r}: {hints}"


def assert_outcome(kind: Kind, expected: list[dict[str, Any]], outcome: Outcome) -> None:
    found = outcome.found
    _assert_well_formed(found)
    errors, wanted_errors = _located(found, "error"), _located(expected, "error")
    if kind.count_errors:
        assert Counter(errors) == Counter(wanted_errors), _show(found)
    else:
        assert set(errors) == set(wanted_errors), _show(found)
    assert set(_located(expected, "warning")) <= set(_located(found, "warning")), _show(found)
    _assert_hints(expected, found)
    if outcome.accepted is not None:
        assert outcome.accepted == (not errors)


CASE_PATHS = [
    pytest.param(kind, path, id=f"{kind}/{path.stem}") for kind in KINDS for path in sorted((CASES / kind).glob("*.yml"))
]


# Folders whose cases another test runs (render/: tests/test_renderer_lockdown.py renders a form).
RUN_ELSEWHERE = {"render"}


def test_every_case_folder_has_a_kind() -> None:
    assert {p.name for p in CASES.iterdir() if p.is_dir()} == set(KINDS) | RUN_ELSEWHERE


@pytest.mark.parametrize(("kind_name", "case_path"), CASE_PATHS)
def test_case(kind_name: str, case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kind = KINDS[kind_name]
    case = load_case(kind, case_path)
    assert_outcome(kind, kind.expected(case), kind.run(case, tmp_path, capsys))
