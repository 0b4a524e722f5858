"""Docs that cannot lie: every shell example in README.md, CONTRIBUTING.md and MAINTAINING.md runs.

The convention, for whoever writes the docs:

- A command example is a fenced block tagged ``bash``, ``sh``, ``shell`` or ``console``. A block of
  another kind (plain, ``text``, ``csv``, ``yaml``) holds no command: a line starting with
  ``literacy-directory`` or ``$`` in it fails the test, so an example cannot hide from it.
- A ``bash`` block is run as a script with ``bash -e``; in a ``console`` block the lines starting
  with ``$ `` are the commands (a line ending in ``\\`` goes on to the next), and the other lines
  are the output it shows: each must appear in what the command printed, in order (a line ``...``
  stands for lines left out, ``...`` inside a line for any text).
- Each runs in a fresh copy of the project (the sample content, schemas, templates, .github, a git
  repository with one commit on ``main``) where ``literacy-directory``, ``.venv/bin/literacy-directory``,
  ``. .venv/bin/activate`` and ``python`` work as after set-up. It must exit with 0, unless an HTML
  comment ``<!-- exit: N -->`` just before the block says otherwise.
- ``<!-- not-run: reason -->`` just before a block keeps it from running (long-running like
  ``serve``, slow like ``build``, or a synopsis). Each of its commands must still parse: a
  ``literacy-directory`` command's ``--help`` succeeds for that (sub)command, a script passes
  ``bash -n``, a ``python -m`` module exists.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from build_support import REPO, TODAY, copy_project
from literacy_directory import cli

DOCS = ("README.md", "CONTRIBUTING.md", "MAINTAINING.md")
SHELL = {"bash", "sh", "shell", "console"}
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
MARK = re.compile(r"^<!--\s*(not-run|exit):\s*(.*?)\s*-->$")
COMMAND_LIKE = re.compile(r"^\s*(\$ |literacy-directory )")


@dataclass(frozen=True)
class Example:
    doc: str
    line: int  # the fence's line in the doc
    lang: str
    text: str
    not_run: str = ""  # the reason, when it is not run
    exit_code: int = 0

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def _mark_before(lines: list[str], fence: int) -> dict[str, str]:
    """The ``<!-- not-run: ... -->`` / ``<!-- exit: N -->`` comments just above a fence (blank lines
    between are allowed)."""
    marks: dict[str, str] = {}
    i = fence - 1
    while i >= 0 and (not lines[i].strip() or MARK.match(lines[i].strip())):
        found = MARK.match(lines[i].strip())
        if found:
            marks.setdefault(found.group(1), found.group(2))
        i -= 1
    return marks


def fenced_blocks(doc: str) -> list[Example]:
    lines = (REPO / doc).read_text(encoding="utf-8").splitlines()
    blocks, i = [], 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, end = len(opening.group(1)), i + 1
        while end < len(lines) and not FENCE.match(lines[end]):
            end += 1
        body = "\n".join(line[indent:] for line in lines[i + 1 : end])
        marks = _mark_before(lines, i)
        blocks.append(Example(doc, i + 1, opening.group(2), body, marks.get("not-run", ""), int(marks.get("exit", "0"))))
        i = end + 1
    return blocks


def examples() -> list[Example]:
    return [block for doc in DOCS for block in fenced_blocks(doc) if block.lang in SHELL]


def console_commands(text: str) -> tuple[list[str], list[str]]:
    """(commands, expected output lines) of a ``console`` block."""
    commands: list[str] = []
    output: list[str] = []
    continued = False
    for line in text.splitlines():
        if continued:
            commands[-1] += "\n" + line
        elif line.startswith("$ "):
            commands.append(line[2:])
        else:
            output.append(line)
        continued = bool(commands) and line.endswith("\\") and (continued or line.startswith("$ "))
    return commands, output


def commands_of(example: Example) -> list[str]:
    """The example's commands, one string each (continuation lines joined)."""
    if example.lang == "console":
        return console_commands(example.text)[0]
    joined = example.text.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.strip().startswith("#")]


# --- running an example ---------------------------------------------------------------------


def _shims(project: Path) -> dict[str, str]:
    """Make ``literacy-directory`` and ``python`` work in ``project`` as after set-up (a ``.venv``
    with the command and an ``activate`` script); returns the environment to run in."""
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    command = bin_dir / "literacy-directory"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m literacy_directory.cli "$@"\n', encoding="utf-8")
    command.chmod(0o755)
    for name in ("python", "python3"):  # a script, not a link: a link outside the real .venv loses its packages
        (bin_dir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    (bin_dir / "activate").write_text(f'PATH="{bin_dir}:$PATH"; export PATH\n', encoding="utf-8")
    return {
        "HOME": str(project.parent),
        "LITERACY_DIRECTORY_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{project.parent / 'bin'}:/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "build"),
    }


def example_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the project as a git repository with one commit on ``main``, where the docs'
    commands work as they do after set-up."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(REPO / ".github", project / ".github")
    env = _shims(project)
    outside = tmp_path / "bin"  # `literacy-directory` on the PATH too, as after activating
    outside.mkdir()
    (outside / "literacy-directory").symlink_to(project / ".venv" / "bin" / "literacy-directory")
    git = ["git", "-c", "user.name=Docs", "-c", "user.email=docs@example.org", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "sample"]):
        subprocess.run([*git, *args], cwd=project, env=env, check=True, capture_output=True)
    return project, env


def run_script(script: str, project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True, check=False, timeout=600
    )


def shown_line(line: str) -> re.Pattern[str]:
    """A line of output as the docs show it: ``...`` inside it stands for any text."""
    return re.compile(".*".join(re.escape(part) for part in line.rstrip().split("...")))


def assert_shows(expected: list[str], printed: str, where: str) -> None:
    """Each expected line (but a line ``...``) matches a line of ``printed``, in order."""
    actual = [line.rstrip() for line in printed.splitlines()]
    position = 0
    for line in (e for e in expected if e.strip() and e.strip() != "..."):
        pattern = shown_line(line)
        found = next((i for i in range(position, len(actual)) if pattern.fullmatch(actual[i])), None)
        if found is None:
            pytest.fail(f"{where}: the docs show {line.rstrip()!r}, but the command printed:\n{printed}")
        position = found + 1


# --- checking a command that is not run -----------------------------------------------------


def help_words(words: list[str]) -> list[str]:
    """``literacy-directory new program --name X`` → ``["new", "program"]``: the (sub)command whose
    ``--help`` shows the command parses."""
    found: list[str] = []
    command: click.Command = cli.group
    for word in words:
        if not isinstance(command, click.Group) or word not in command.commands:
            break
        found.append(word)
        command = command.commands[word]
    return found


def assert_parses(command: str, where: str) -> None:
    words = command.split()
    if words[0].endswith("literacy-directory"):
        path = help_words(words[1:])
        assert path, f"{where}: {command!r} names no subcommand"
        assert cli.main([*path, "--help"]) == 0, f"{where}: `literacy-directory {' '.join(path)} --help` failed"
    elif words[:2] == ["python", "-m"] or words[:3] == [".venv/bin/python", "-m"]:
        module = words[words.index("-m") + 1]
        assert importlib.util.find_spec(module) is not None, f"{where}: no module {module}"
    else:
        if words[0] == "bash" and len(words) > 1:
            assert (REPO / words[1]).is_file(), f"{where}: no script {words[1]}"
            command = (REPO / words[1]).read_text(encoding="utf-8")
        done = subprocess.run(["bash", "-n", "-c", command], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{where}: {command!r} does not parse: {done.stderr}"


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", [e for e in examples() if not e.not_run], ids=lambda e: e.name)
def test_the_example_runs(example: Example, tmp_path: Path) -> None:
    project, env = example_project(tmp_path)
    if example.lang == "console":
        commands, expected = console_commands(example.text)
        done = run_script("\n".join(commands), project, env)
    else:
        expected, done = [], run_script(example.text, project, env)
    printed = done.stdout + done.stderr
    assert done.returncode == example.exit_code, f"{example.name}: exit {done.returncode}, not {example.exit_code}:\n{printed}"
    assert_shows(expected, printed, example.name)


@pytest.mark.parametrize("example", [e for e in examples() if e.not_run], ids=lambda e: e.name)
def test_an_example_not_run_still_parses(example: Example, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(example.not_run) > 3, f"{example.name}: say why it is not run: <!-- not-run: reason -->"
    for command in commands_of(example):
        assert_parses(command, example.name)
    capsys.readouterr()


def test_no_command_hides_outside_a_shell_block() -> None:
    hidden = [
        f"{block.name}: {line.strip()}"
        for doc in DOCS
        for block in fenced_blocks(doc)
        if block.lang not in SHELL
        for line in block.text.splitlines()
        if COMMAND_LIKE.match(line)
    ]
    assert hidden == [], "tag these blocks ```bash or ```console (and mark them not-run if they should not run)"


def test_the_docs_have_examples_of_both_kinds() -> None:
    found = examples()
    assert {"README.md", "MAINTAINING.md"} <= {e.doc for e in found}  # the coordinators' guide needs no command
    assert any(e.not_run for e in found) and sum(not e.not_run for e in found) >= 5


def test_the_markers_are_read() -> None:
    lines = ["text", "<!-- not-run: starts a server -->", "", "<!-- exit: 1 -->", "```bash", "literacy-directory serve", "```"]
    assert _mark_before(lines, 4) == {"not-run": "starts a server", "exit": "1"}
    assert _mark_before(lines, 0) == {}
    assert console_commands("$ a \\\n  --b\nout\n...\n$ c\n") == (["a \\\n  --b", "c"], ["out", "..."])
    assert help_words(["new", "program", "--name", "x"]) == ["new", "program"]
    assert help_words(["check", "--format", "json"]) == ["check"]
    assert shown_line("Added program ... on line ... of content/programs.csv.").fullmatch(
        "Added program x on line 36 of content/programs.csv."
    )
    assert not shown_line("0 errors.").fullmatch("10 errors.")
