"""The coordinators' guide and the README stay true: commands, files and message kinds exist."""

from __future__ import annotations

import re
from pathlib import Path

from literacy_directory import cli
from literacy_directory.tools import new as newrecord

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "build" / "literacy_directory").rglob("*.py"))


def subcommands() -> set[str]:
    return set(cli.group.commands)


def test_every_command_in_the_docs_exists() -> None:
    for text in (GUIDE, README):
        used = set(re.findall(r"literacy-directory (\w+)", text))
        assert used and used <= subcommands()


def test_every_command_and_kind_is_in_the_readme() -> None:
    for command in subcommands():
        assert f"literacy-directory {command}" in README
    assert all(kind in README for kind in newrecord.KINDS)


def test_every_message_kind_in_the_guide_is_real() -> None:
    table = GUIDE.split("| Kind | What it means | What to do |", 1)[1].split("\n\n", 1)[0]
    kinds = re.findall(r"`([a-z-]+)`", "\n".join(line.split("|")[1] for line in table.splitlines()[1:]))
    assert len(kinds) >= 10
    assert [k for k in kinds if f'"{k}"' not in SOURCE] == []


def test_every_content_file_in_the_guide_exists() -> None:
    for path in set(re.findall(r"`(content/[\w./-]+\.(?:csv|md|yml))`", GUIDE)):
        assert (ROOT / path).is_file(), path
    assert "CSV UTF-8 (Comma delimited)" in GUIDE
