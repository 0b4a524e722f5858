"""Formatting apart from meaning, for ``diff``: two versions of a content file that ``fix`` writes
the same way say the same thing.

``diff`` compares the canonical form of every content file, so a file saved again by a spreadsheet
(every cell quoted, Windows line endings, a byte order mark, columns moved, ``TRUE``, ``9/14/2026``,
garbled accents) lists no changes; this module names those files once, as "formatting only (run
fix)".
"""

from __future__ import annotations

from pathlib import Path

from literacy_directory.core.project import Project
from literacy_directory.tools.canonical import FileFix, canonical_csv, canonical_text
from literacy_directory.tools.fix import Schemas, content_files


class Formatting:
    """The canonical form of the content files of one side of a diff (computed once per file)."""

    def __init__(self, root: Path):
        self.project = Project(root)
        self._schemas: Schemas | None = None
        self.fixes: dict[str, FileFix] = {}

    def canonical(self, rel: str, data: bytes) -> bytes:
        """The bytes ``fix`` would write for the content file ``rel`` (``data`` when it would not
        touch it, or when ``rel`` is not a content file)."""
        if not rel.startswith("content/"):
            return data
        fix = self.fixes.get(rel)
        if fix is None or fix.original != data:
            fix = self.fixes[rel] = self._fix(rel, data)
        return fix.fixed if fix.fixed is not None else data

    def _fix(self, rel: str, data: bytes) -> FileFix:
        if rel.endswith(".csv"):
            if self._schemas is None:
                self._schemas = Schemas(self.project)
            return canonical_csv(rel, data, self._schemas.spec_for(rel))
        return canonical_text(rel, data)

    def all_files(self) -> dict[str, bytes]:
        return {self.project.relative(p): p.read_bytes() for p in content_files(self.project, [self.project.content])}


def formatting_only(old: Formatting, new: Formatting) -> list[FileFix]:
    """The files of ``new`` whose bytes differ from ``old`` but not their canonical form, and the
    changed files of ``new`` that are not in the canonical form."""
    before, after = old.all_files(), new.all_files()
    found = []
    for rel, data in sorted(after.items()):
        if before.get(rel) == data:
            continue
        new.canonical(rel, data)
        if new.fixes[rel].changed:
            found.append(new.fixes[rel])
    return found


def _what(fix: FileFix) -> str:
    reasons: dict[str, int] = {}
    for cell in fix.cells:
        for reason in cell.reason.split("; "):
            reasons[reason] = reasons.get(reason, 0) + 1
    parts = [*fix.notes, *(f"{reason} ({n} cell{'s' if n > 1 else ''})" for reason, n in reasons.items())]
    return "; ".join(parts)


def formatting_section(old: Formatting, new: Formatting) -> str:
    """Markdown naming the files changed in their formatting only (and those that need ``fix``)."""
    files = formatting_only(old, new)
    if not files:
        return ""
    before = old.all_files()
    only = [f for f in files if f.path in before and old.canonical(f.path, before[f.path]) == f.fixed]
    also = [f for f in files if f not in only]
    out = ["", "### Formatting only (run fix)", ""]
    if only:
        out += [
            "These files changed only in how they are written, not in what they say: nothing on the site changes."
            " Run `literacy-directory fix` and commit, so the pull request shows only real changes.",
            "",
        ]
        out += [f"- `{f.path}`: formatting only (run fix): {_what(f)}" for f in only]
    if also:
        out += ["", "These changed files are also not written in the canonical form (run `literacy-directory fix`):", ""]
        out += [f"- `{f.path}`: {_what(f)}" for f in also]
    return "\n".join(out) + "\n"
