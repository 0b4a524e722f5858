"""Write a generated tree: only files whose bytes changed, and remove files no longer generated,
so ``mkdocs serve`` rebuilds once and settles. Dot files (``.gitignore``) and dot folders are
left alone.

Thousands of pages are written on every clean build, so the system calls are counted: the
folder is listed once (not a stat per file), each folder is opened once, and a file is opened
only to compare or to write.

The output folder is git-ignored, but a pull request can still commit a symbolic link into it
(``docs/index.md`` pointing at a file elsewhere, ``docs/programs`` at a folder elsewhere). So no
link is ever followed: the output folder itself must not be one (``UnsafePathError``), every
folder below it is opened with ``O_NOFOLLOW`` relative to its parent, and a link found inside is
removed (only the link) and replaced by the generated file or folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from literacy_directory.core.safefs import FOLDER_FLAGS, NOT_A_PLAIN_ENTRY, check_relative, open_folder, read_regular, write_file


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_tree(files: Mapping[str, bytes], out_dir: Path) -> WriteStats:
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = _Folders(open_folder(out_dir))
    try:
        existing, links = _listing(out_dir)
        for rel in links:  # replaced by what is generated there, or removed as stale below
            folders.unlink(rel)
        written = unchanged = 0
        for rel, data in sorted(files.items()):
            parent, _, name = rel.rpartition("/")
            check_relative(rel)
            # The listing skips dot entries; a generated one (an asset like .gitkeep) is looked up.
            if (rel in existing or hidden(rel)) and _same(name, data, folders.fd(parent)):
                unchanged += 1
                continue
            write_file(name, data, folders.fd(parent))
            written += 1
        removed = folders.remove_stale(existing - set(files)) + len(links - set(files))
    finally:
        folders.close()
    return WriteStats(written, unchanged, removed)


def _same(name: str, data: bytes, dir_fd: int) -> bool:
    try:
        return read_regular(name, dir_fd=dir_fd) == data
    except (FileNotFoundError, IsADirectoryError, RuntimeError):
        return False


class _Folders:
    """Descriptors of the folders under the output folder, each opened once relative to its
    parent without following a link; a missing folder is made, a link in a folder's place is
    removed first."""

    def __init__(self, root_fd: int):
        self.fds = {"": root_fd}

    def fd(self, rel: str) -> int:
        found = self.fds.get(rel)
        if found is not None:
            return found
        parent, _, name = rel.rpartition("/")
        parent_fd = self.fd(parent)
        try:
            fd = os.open(name, FOLDER_FLAGS, dir_fd=parent_fd)
        except FileNotFoundError:
            os.mkdir(name, 0o777, dir_fd=parent_fd)
            fd = os.open(name, FOLDER_FLAGS, dir_fd=parent_fd)
        except OSError as exc:
            if exc.errno not in NOT_A_PLAIN_ENTRY:
                raise
            os.unlink(name, dir_fd=parent_fd)  # a link (or a stale file) where a folder belongs
            os.mkdir(name, 0o777, dir_fd=parent_fd)
            fd = os.open(name, FOLDER_FLAGS, dir_fd=parent_fd)
        self.fds[rel] = fd
        return fd

    def unlink(self, rel: str) -> None:
        parent, _, name = rel.rpartition("/")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=self.fd(parent))

    def remove_stale(self, stale: set[str]) -> int:
        """Delete the files no longer generated, then the folders that left empty."""
        emptied: set[str] = set()
        for rel in stale:
            self.unlink(rel)
            if "/" in rel:
                emptied.update(_ancestors(rel.rpartition("/")[0]))
        for rel in sorted(emptied, key=lambda r: r.count("/"), reverse=True):
            parent, _, name = rel.rpartition("/")
            with contextlib.suppress(OSError):  # not empty (or already gone)
                os.rmdir(name, dir_fd=self.fd(parent))
        return len(stale)

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()


def _listing(out_dir: Path) -> tuple[set[str], set[str]]:
    """Relative paths of the files and of the symbolic links under ``out_dir``, skipping dot
    entries; a link to a folder is listed as a link and not entered."""
    files: set[str] = set()
    links: set[str] = set()
    pending = [("", str(out_dir))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = prefix + entry.name
                if entry.is_symlink():
                    links.add(rel)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((rel + "/", entry.path))
                else:
                    files.add(rel)
    return files, links


def hidden(rel: str) -> bool:
    """Whether a relative POSIX path has a dot file or dot folder in it (which MkDocs skips)."""
    return any(part.startswith(".") for part in rel.split("/"))


def _ancestors(folder: str) -> list[str]:
    parts = folder.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
