"""Write a generated tree: only files whose bytes changed, and remove files no longer generated,
so ``mkdocs serve`` rebuilds once and settles. Dot files (``.gitignore``) and dot folders are
left alone.

Thousands of pages are written on every clean build, so the system calls are counted: the
folder is listed once (not a stat per file), each folder is made once, and a file is opened
only to compare or to write.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_tree(files: Mapping[str, bytes], out_dir: Path) -> WriteStats:
    out_dir.mkdir(parents=True, exist_ok=True)
    existing, folders = _listing(out_dir)
    written = unchanged = 0
    for rel, data in sorted(files.items()):
        target = out_dir / rel
        # The listing skips dot entries; a generated one (an asset like .gitkeep) is looked up.
        known = rel in existing or (hidden(rel) and target.is_file())
        if known and target.read_bytes() == data:
            unchanged += 1
            continue
        parent = rel.rpartition("/")[0]
        if parent and parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.update(_ancestors(parent))
        target.write_bytes(data)
        written += 1
    removed = _remove_stale(out_dir, existing - set(files))
    return WriteStats(written, unchanged, removed)


def _listing(out_dir: Path) -> tuple[set[str], set[str]]:
    """Relative paths of the files and of the folders under ``out_dir``, skipping dot entries."""
    files: set[str] = set()
    folders: set[str] = set()
    for folder, subfolders, names in os.walk(out_dir):
        subfolders[:] = [s for s in subfolders if not s.startswith(".")]
        rel = Path(folder).relative_to(out_dir).as_posix()
        prefix = "" if rel == "." else rel + "/"
        folders.update(prefix + s for s in subfolders)
        files.update(prefix + n for n in names if not n.startswith("."))
    return files, folders


def hidden(rel: str) -> bool:
    """Whether a relative POSIX path has a dot file or dot folder in it (which MkDocs skips)."""
    return any(part.startswith(".") for part in rel.split("/"))


def _ancestors(folder: str) -> list[str]:
    parts = folder.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _remove_stale(out_dir: Path, stale: set[str]) -> int:
    """Delete the files no longer generated, then the folders that left empty."""
    emptied: set[str] = set()
    for rel in stale:
        (out_dir / rel).unlink(missing_ok=True)
        if "/" in rel:
            emptied.update(_ancestors(rel.rpartition("/")[0]))
    for rel in sorted(emptied, key=lambda r: r.count("/"), reverse=True):
        folder = out_dir / rel
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(stale)
