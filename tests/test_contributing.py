"""The coordinators' guide, the maintainers' guide and the README stay true: commands, files and
message kinds exist; the coordinators' guide stays short. (Their shell examples run in
test_docs_examples.py.)"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from literacy_directory import cli
from literacy_directory.core.codes import CODES
from literacy_directory.tools import new as newrecord

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAINTAINING = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")
DOCS = (GUIDE, README, MAINTAINING)


def subcommands() -> set[str]:
    return set(cli.group.commands)


def test_every_command_in_the_docs_exists() -> None:
    for text in DOCS:
        used = set(re.findall(r"literacy-directory ([\w-]*\w)", text))
        assert used and used <= subcommands()


def test_every_command_and_kind_is_in_the_readme() -> None:
    for command in subcommands():
        assert f"literacy-directory {command}" in README
    assert all(kind in README for kind in newrecord.KINDS)


def _kinds_table() -> list[tuple[list[str], str]]:
    """The maintainers' guide's table of problem kinds: (the kinds of a row, what it says they mean)."""
    table = MAINTAINING.split("| Kind | What it means | What to do |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("|")[1:3] for line in table.splitlines()[2:]]
    return [(re.findall(r"`([a-z-]+)`", kinds), meaning.strip()) for kinds, meaning in rows]


def test_every_message_kind_in_the_guide_is_real() -> None:
    kinds = [k for row_kinds, _ in _kinds_table() for k in row_kinds]
    assert len(kinds) >= 10
    assert [k for k in kinds if k not in CODES] == []


def test_the_guide_says_what_the_registry_says() -> None:
    """A row about one kind says what the registry's title says (rows grouping kinds say it their way)."""
    for kinds, meaning in _kinds_table():
        if len(kinds) == 1:
            assert meaning == CODES[kinds[0]].title, kinds[0]


def test_every_content_file_in_the_guide_exists() -> None:
    for path in set(re.findall(r"`(content/[\w./-]+\.(?:csv|md|yml))`", GUIDE + MAINTAINING)):
        assert (ROOT / path).is_file(), path
    assert "CSV UTF-8 (Comma delimited)" in GUIDE


def test_every_module_the_docs_name_exists() -> None:
    for text in DOCS:
        for path in re.findall(r"`(build/literacy_directory/[\w/]+\.py)`", text):
            assert (ROOT / path).is_file(), path
        for module in re.findall(r"python -m (literacy_directory[\w.]*)", text):
            assert importlib.util.find_spec(module) is not None, module


def test_the_guide_stays_short_and_for_coordinators() -> None:
    """Under about 1,200 words (``wc -w``); developer material lives in MAINTAINING.md."""
    assert len(GUIDE.split()) <= 1200
    for link in ("MAINTAINING.md", "COLUMNS.md", "SECURITY.md"):
        assert f"]({link}" in GUIDE, link
    assert "CONTRIBUTING.md" in MAINTAINING and "MAINTAINING.md" in README


def test_the_guide_sends_hours_to_the_sites_file() -> None:
    """Opening hours are a column of sites.csv, not programs.csv (the guide once said otherwise)."""
    assert any(name.startswith("hours_") for name in _columns("sites")) and not any(
        n.startswith("hours") for n in _columns("programs")
    )
    rows = {
        line.split("|")[2].strip(): line.split("|")[1]
        for line in GUIDE.splitlines()
        if line.startswith("| ") and "`content/" in line
    }
    assert "hours" in rows["`content/sites.csv`"] and "hours" not in rows["`content/programs.csv`"]


def _columns(table: str) -> list[str]:
    descriptor = json.loads((ROOT / "schemas" / "datapackage.json").read_text(encoding="utf-8"))
    return [f["name"] for r in descriptor["resources"] if r["name"] == table for f in r["schema"]["fields"]]
