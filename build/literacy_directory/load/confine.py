"""Content is confined: every file the build reads from ``content/`` is a regular file inside the
repository, of a sane size, read without following a symlink.

A pull request can add a symlink (to ``/proc/self/environ``, ``.git/config``, ``/etc/passwd``) or a
special file (a FIFO that blocks every read). Such a file is refused by name, and what it points to
is never opened, resolved into a message, or printed. Two ways in, the same diagnostic from both:

- ``scan_content`` walks ``content/`` without following links and reports every entry that is
  not a folder or a regular file, files too large to read, names with control characters, and
  names that differ only in case (one of them would overwrite the other on Windows and macOS);
- ``read_confined`` is how loaders read a file: no component of its path below the project
  folder may be a symlink, the file itself is opened with ``O_NOFOLLOW`` and must be regular.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.project import Project
from literacy_directory.load.textsafety import control_characters

# Generous limits: the largest real table is well under 1 MB; the 5,000-program benchmark table is
# 20 MB. A file over its limit is refused before it is read (a 2 GB "CSV" never reaches memory).
TABLE_LIMIT = 100 * 1024 * 1024  # .csv
TEXT_LIMIT = 2 * 1024 * 1024  # .md, .yml and everything else
NAME_LIMIT = 100  # characters in a file name's id part, like a record id (a safe file name)

SYMLINK_HINT = (
    "Content files must be real files in the repository, not links: delete the link and add the file "
    "itself (copy its text into the repository)."
)


class Refused(Exception):
    """A content file that must not be read; ``diagnostic`` says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def size_limit(name: str) -> int:
    return TABLE_LIMIT if name.lower().endswith(".csv") else TEXT_LIMIT


def symlink_error(rel: str) -> Diagnostic:
    return error(rel, 1, 1, "symlink", "this is a symbolic link, not a file: it is not read", SYMLINK_HINT)


def special_error(rel: str) -> Diagnostic:
    return error(
        rel,
        1,
        1,
        "not-a-file",
        "this is not a regular file (a device, pipe or socket): it is not read",
        "Delete it: content folders hold only regular text files.",
    )


def outside_error(rel: str) -> Diagnostic:
    return error(
        rel,
        1,
        1,
        "outside-content",
        "this file is outside the content/ folder, so it is not read",
        "Content files live in content/; a path in schemas/ must name a file there, like content/programs.csv.",
    )


def too_large_error(rel: str, size: int, limit: int) -> Diagnostic:
    return error(
        rel,
        1,
        1,
        "file-too-large",
        f"the file is {size / 1024 / 1024:.1f} MB; content files of this kind may be at most {limit // 1024 // 1024} MB",
        "Split the file, or remove what does not belong in it (pictures pasted as text, repeated rows).",
    )


def read_confined(project: Project, path: Path, within: Path | None = None) -> bytes:
    """The bytes of a content file, or ``Refused``: outside ``within`` (``content/`` unless told),
    a symlink anywhere below the project folder, not a regular file, or larger than its limit.
    ``FileNotFoundError`` when it does not exist."""
    rel = project.relative(path)
    if not _inside(within or project.content, path):
        raise Refused(outside_error(rel))
    if _linked_folder(project.root, path) is not None:
        raise Refused(symlink_error(rel))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if os.path.islink(path):
            raise Refused(symlink_error(rel)) from None
        if isinstance(exc, FileNotFoundError):
            raise
        raise Refused(special_error(rel)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused(special_error(rel))
        limit = size_limit(path.name)
        if info.st_size > limit:
            raise Refused(too_large_error(rel, info.st_size, limit))
        return fh.read(limit + 1)


def read_or_report(project: Project, path: Path, found: list[Diagnostic]) -> bytes | None:
    """``read_confined``, with a refusal added to ``found`` (None returned)."""
    try:
        return read_confined(project, path)
    except Refused as refused:
        found.append(refused.diagnostic)
        return None


def _inside(folder: Path, path: Path) -> bool:
    """Whether ``path``, by its names alone (``..`` worked out, links not followed), is in ``folder``."""
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


def _linked_folder(root: Path, path: Path) -> Path | None:
    """The first folder between ``root`` and ``path`` that is a symlink, else None."""
    absolute = Path(os.path.abspath(path))
    try:
        parts = absolute.relative_to(os.path.abspath(root)).parts[:-1]
    except ValueError:
        return absolute.parent  # outside the project: refused like a link
    current = Path(os.path.abspath(root))
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def scan_content(project: Project) -> list[Diagnostic]:
    """Every problem with the entries of ``content/`` themselves (not their text)."""
    found: list[Diagnostic] = []
    if project.content.is_symlink():
        return [symlink_error(project.relative(project.content))]
    if not project.content.is_dir():
        return found
    for folder, entries in _folders(project.content):
        found.extend(_case_collisions(project, folder, [e.name for e in entries]))
        for entry in entries:
            found.extend(_entry_problems(project, Path(entry.path), entry))
    return found


def _folders(top: Path) -> Iterator[tuple[Path, list[os.DirEntry[str]]]]:
    """Each folder under ``top`` (links never followed) with its entries, dot entries left out
    (git and editors keep their own files there; nothing reads them)."""
    pending = [top]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        yield folder, entries
        pending.extend(Path(e.path) for e in entries if e.is_dir(follow_symlinks=False))


def _entry_problems(project: Project, path: Path, entry: os.DirEntry[str]) -> list[Diagnostic]:
    rel = project.relative(path)
    if entry.is_symlink():
        return [symlink_error(rel)]
    found = []
    bad = control_characters(entry.name)
    if bad:
        found.append(
            error(
                rel,
                1,
                1,
                "control-character",
                f"the file name holds an invisible control character ({bad})",
                "Rename the file with lowercase letters, digits and hyphens only.",
            )
        )
    if entry.is_dir(follow_symlinks=False):
        return found
    if not entry.is_file(follow_symlinks=False):
        return [*found, special_error(rel)]
    size, limit = entry.stat(follow_symlinks=False).st_size, size_limit(entry.name)
    if size > limit:
        found.append(too_large_error(rel, size, limit))
    return found


def _case_collisions(project: Project, folder: Path, names: list[str]) -> list[Diagnostic]:
    """Names in one folder that differ only in case: on Windows and macOS one file replaces the
    other, and the site (built on Linux) would publish two pages for one address."""
    first: dict[str, str] = {}
    found = []
    for name in names:
        other = first.setdefault(name.casefold(), name)
        if other != name:
            found.append(
                error(
                    project.relative(folder / name),
                    1,
                    1,
                    "case-collision",
                    f'"{name}" and "{other}" differ only in upper and lower case',
                    "Keep one of the two files: names are written in lowercase.",
                )
            )
    return found
