"""Golden bad-input cases: one YAML file per behaviour in tests/cases/check/, one test over them.

A case names the edits that break the base project (tests/fixtures/base) and the diagnostics
``check`` must report, as ``{path, line, code, severity}``. The errors found must be exactly the
errors expected (so noise is caught); expected warnings must be among the warnings found. Message
wording is never compared, only that every message and hint is there.

Edits (each a one-key mapping, applied in order; paths are relative to the project folder):

- ``replace: {file, old, new, count}``: replace text (``count`` occurrences must exist; default 1)
- ``write: {file, text, encoding, bom, newline}``: write a file (encoding utf-8 by default;
  ``bom: true`` adds a byte order mark; ``newline: "\\r\\n"`` changes the line endings)
- ``append: {file, text, encoding, repeat}``: append text; with ``repeat: N`` the text is added N
  times with ``{n}`` replaced by 1..N (to push a problem deep into a file)
- ``resave: {file, encoding, bom, newline}``: save an existing file again differently
- ``delete: {file}``
- ``symlink: {file, target}``: make ``file`` a symbolic link to ``target``; a target starting with
  ``OUTSIDE/`` points into a folder outside the project holding files whose text is ``SECRET``
  (a test asserts that no output ever shows it)
- ``fifo: {file}``: make ``file`` a named pipe (reading it would block forever)
- ``git_add: {files}``: make the project a git repository and force-add these files (written first
  when missing), as a pull request could

Every case also asserts that nothing from outside the project (``SECRET``, the outside folder's
path) appears in what ``check`` printed.

An expected diagnostic may add ``hint_contains``: a value (the suggested code or id, the text to
quote) that its hint must name, so "did you mean" suggestions are tested without their wording.
"""

from __future__ import annotations

import codecs
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from check_support import SECRET, CheckRun, make_symlink

CASES = Path(__file__).parent / "cases" / "check"
EXPECTED_KEYS = {"path", "line", "code", "severity", "hint_contains"}
BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def load_case(path: Path) -> dict[str, Any]:
    case = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert set(case) <= {"description", "edits", "expected"}, f"{path.name}: unknown keys {set(case)}"
    assert case.get("description"), f"{path.name}: a case needs a description"
    for item in case.get("expected") or []:
        assert {"path", "line", "code"} <= set(item) <= EXPECTED_KEYS, f"{path.name}: {item}"
        assert item.get("severity", "error") in ("error", "warning"), f"{path.name}: {item}"
    return case


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
    "symlink": make_symlink,
    "fifo": _fifo,
    "git_add": _git_add,
}


def apply_edits(root: Path, edits: list[dict[str, Any]]) -> None:
    for edit in edits or []:
        ((kind, spec),) = edit.items()
        EDITS[kind](root, spec)


def _located(items: list[dict[str, Any]], severity: str) -> set[tuple[str, int, str]]:
    return {(d["path"], d["line"], d["code"]) for d in items if d.get("severity", "error") == severity}


def _assert_hints(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> None:
    for want in expected:
        if "hint_contains" not in want:
            continue
        place = (want["path"], want["line"], want["code"])
        hints = [d["hint"] for d in found if (d["path"], d["line"], d["code"]) == place]
        assert any(want["hint_contains"] in h for h in hints), f"{place}: no hint mentions {want['hint_contains']!r}: {hints}"


def _assert_well_formed(run: CheckRun, root: Path) -> None:
    assert "Traceback" not in run.out + run.err
    printed = run.out + run.err
    assert SECRET not in printed and "OUTSIDE-SECRET" not in printed
    assert f"{root.name}-outside" not in printed, "a message names a link's target"
    for d in run.json()["diagnostics"]:
        assert isinstance(d["message"], str) and d["message"].strip(), d
        assert isinstance(d["hint"], str) and d["hint"].strip(), d
        assert d["line"] >= 1 and d["column"] >= 1, d


@pytest.mark.parametrize("case_path", sorted(CASES.glob("*.yml")), ids=lambda p: p.stem)
def test_check_case(case_path: Path, project: Path, run_check: Callable[..., CheckRun]) -> None:
    case = load_case(case_path)
    apply_edits(project, case.get("edits"))
    run = run_check(project, "--format", "json")
    _assert_well_formed(run, project)
    found = run.json()["diagnostics"]
    expected = case.get("expected") or []
    assert _located(found, "error") == _located(expected, "error")
    assert _located(expected, "warning") <= _located(found, "warning")
    _assert_hints(expected, found)
    assert run.exit_code == (1 if _located(expected, "error") else 0)
