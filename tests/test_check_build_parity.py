"""check ⇔ build parity, tried with random content (Hypothesis, a fixed seed, bounded examples).

The promise: whatever ``build`` would fail on or silently drop, ``check`` reports first. So for any
content a pull request can hold, ``check`` exits 0 or 1 (never 2, never a traceback), and when it
exits 0, ``build`` succeeds. The content is the base project (tests/fixtures/base) with random
mutations biased towards what breaks things: control, bidi and zero-width characters, formula
signs, quotes and commas, YAML anchors and tags, bytes that are not UTF-8, overlong and reserved
names, symbolic links, deleted files.

``check`` is cheap, so it gets most of the examples (20); ``build`` (a real ``mkdocs build --strict``,
several seconds) gets a few (2 and one explicit), from mutations that usually pass ``check``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from check_support import BASE_CONTENT, REPO, SECRET, TODAY, call_main, make_symlink

PIECES = [
    "\x00", "\x07", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff",
    "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", '"', ";", ":", "#", "'",
    "---", "&a ", "*a", "!!str ", "!x ", "[", "{", "index", "é", "œ", "a" * 120, "-1", "=1+1",
]  # fmt: skip
PAYLOAD = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), min_size=1, max_size=4).map("".join)
# Besides the base project, the check-side examples hold a plan and a form (the build-side ones
# do not: rendering a form's PDF takes seconds, and each example starts from a fresh copy).
PLAN = REPO / "tests" / "cases" / "plans" / "base"
FORM = REPO / "content" / "forms" / "learner-referral.yml"
FILES = sorted(
    [p.relative_to(BASE_CONTENT.parent).as_posix() for p in BASE_CONTENT.rglob("*") if p.is_file()]
    + [f"content/plans/{p.relative_to(PLAN).as_posix()}" for p in PLAN.rglob("*") if p.is_file()]
    + [f"content/forms/{FORM.name}"]
)

MUTATION = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(FILES), st.floats(0, 1), PAYLOAD),
    st.tuples(st.just("bytes"), st.sampled_from(FILES), st.floats(0, 1), st.binary(min_size=1, max_size=3)),
    st.tuples(st.just("truncate"), st.sampled_from(FILES), st.floats(0, 1), st.just("")),
    st.tuples(st.just("delete"), st.sampled_from(FILES), st.just(0.0), st.just("")),
    st.tuples(st.just("symlink"), st.sampled_from(FILES), st.just(0.0), st.sampled_from(FILES)),
    st.tuples(st.just("page"), st.sampled_from(["help", "index", "find", "Help", "help.de", "a" * 101, "x y"]), st.just(0.0), PAYLOAD),
)  # fmt: skip
PAGE_NAMES = st.sampled_from(["help", "help-desk", "help.fr", "glossary", "index", "Help", "help.de", "networks", "a" * 101])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def apply(root: Path, mutation: tuple[str, str, float, object]) -> None:
    kind, name, where, payload = mutation
    if kind == "page":
        (root / "content" / "pages" / f"{name}.md").write_text(f"# Page\n\n{payload}\n", encoding="utf-8")
        return
    path = root / name
    if not path.is_file() or path.is_symlink():
        return
    data = path.read_bytes()
    at = int(len(data) * where)
    if kind == "insert":
        path.write_bytes(data[:at] + str(payload).encode("utf-8") + data[at:])
    elif kind == "bytes":
        path.write_bytes(data[:at] + bytes(payload) + data[at:])  # type: ignore[call-overload]
    elif kind == "truncate":
        path.write_bytes(data[:at])
    elif kind == "delete":
        path.unlink()
    elif kind == "symlink":
        path.unlink()
        path.symlink_to(os.path.relpath(root / str(payload), path.parent))


def new_project(folder: Path, plan_and_form: bool = False) -> Path:
    shutil.copytree(BASE_CONTENT, folder / "content")
    shutil.copytree(REPO / "schemas", folder / "schemas")
    if plan_and_form:  # for check only
        shutil.copytree(PLAN, folder / "content" / "plans")
        (folder / "content" / "forms").mkdir()
        shutil.copy(FORM, folder / "content" / "forms" / FORM.name)
        return folder
    shutil.copytree(REPO / "site_templates", folder / "site_templates")
    (folder / "docs").mkdir()
    # The base project has no forms, so the navigation's Forms entry would be a dead link.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text("".join(line for line in config.splitlines(True) if "forms/index.md" not in line))
    return folder


def check(project: Path) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = call_main(["--project", str(project), "check", "--today", TODAY, "--format", "json"])
    printed = out.getvalue() + err.getvalue()
    assert code in (0, 1), printed
    assert "Traceback" not in printed and "internal error" not in printed.lower(), printed
    return code


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "LITERACY_DIRECTORY_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "build"),
        "HOME": str(project),
    }
    command = [sys.executable, "-m", "literacy_directory.cli", "--project", str(project), "build"]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=600)


def test_the_content_mutated_below_is_valid(tmp_path: Path) -> None:
    assert check(new_project(tmp_path, plan_and_form=True)) == 0


@settings(max_examples=20, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_check_never_crashes_on_mutated_content(mutations: list[tuple[str, str, float, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = new_project(Path(folder), plan_and_form=True)
        for mutation in mutations:
            apply(project, mutation)
        check(project)


@settings(max_examples=2, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(PAGE_NAMES, TEXT, TEXT)
@example("help-desk", "Help desk é", "=SUM(A1) and -5 are fine in a page")
def test_when_check_passes_build_succeeds(name: str, title: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = new_project(Path(folder))
        page = project / "content" / "pages" / f"{name}.md"
        page.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        if check(project) == 0:
            done = build(project)
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_build_refuses_a_linked_page_and_publishes_nothing_from_outside(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    make_symlink(project, {"file": "content/pages/about.md", "target": "OUTSIDE/secret.md"})
    done = build(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/pages/about.md" in done.stdout + done.stderr
    assert SECRET not in done.stdout + done.stderr and "project-outside" not in done.stdout + done.stderr
    written = [p for folder in ("site", "docs") for p in (project / folder).rglob("*") if p.is_file()]
    assert not any(SECRET.encode() in p.read_bytes() for p in written)
