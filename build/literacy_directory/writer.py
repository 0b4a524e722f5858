"""Write a generated tree: only files whose bytes changed, and remove files no longer generated,
so ``mkdocs serve`` rebuilds once and settles. Dot files (``.gitignore``) are left alone."""

from __future__ import annotations

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
    written = unchanged = 0
    for rel, data in sorted(files.items()):
        target = out_dir / rel
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    removed = _remove_stale(out_dir, set(files))
    return WriteStats(written, unchanged, removed)


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    removed = 0
    for path in sorted(out_dir.rglob("*"), reverse=True):
        rel = path.relative_to(out_dir).as_posix()
        if path.name.startswith("."):
            continue
        if path.is_file() and rel not in keep:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
