"""File access that never follows a symbolic link, for everything the build writes (the generated
pages, the site, the caches) and the project's own files it reads (templates and assets).

Content comes in pull requests, and git can commit a symbolic link anywhere: ``docs/index.md``
pointing at ``~/.bashrc``, a ``.cache`` pointing at ``/etc``, an asset pointing at
``/proc/self/environ``. Opening such a path would write through the link or publish what it points
at. Here every open uses ``O_NOFOLLOW`` (the last part of the path) on a folder that was itself
opened with ``O_NOFOLLOW`` (every part below a trusted base), so a link is refused or replaced,
never followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
# What open() answers for a symbolic link under O_NOFOLLOW (ELOOP), or with O_DIRECTORY for a file.
NOT_A_PLAIN_ENTRY = (errno.ELOOP, errno.ENOTDIR, errno.EMLINK)


class UnsafePathError(RuntimeError):
    """A path the build must not follow or write to (a symbolic link, a name leaving its folder)."""


def check_relative(rel: str) -> list[str]:
    """The parts of a relative POSIX path the build writes, refusing any that could leave its
    folder (absolute, ``..``, empty parts, NUL)."""
    parts = rel.split("/")
    if not rel or "\0" in rel or any(p in ("", ".", "..") for p in parts):
        raise UnsafePathError(f"refused to write {rel!r}: not a plain path inside the output folder")
    return parts


def open_folder(path: Path) -> int:
    """A descriptor of the folder ``path``, refusing it when it is a symbolic link."""
    try:
        return os.open(path, FOLDER_FLAGS)
    except OSError as exc:
        if exc.errno in NOT_A_PLAIN_ENTRY:
            raise UnsafePathError(
                f"{path} is a symbolic link (or not a folder): the build never writes through a link."
                " Delete it (git rm it if it is committed) and build again."
            ) from None
        raise


def make_folders(base: Path, *parts: str) -> Path:
    """``base/part/part...``, each part made when missing and refused when it is a symbolic link
    (``base`` itself is trusted). Returns the path."""
    fd = open_folder(base)
    try:
        for i, part in enumerate(parts):
            check_relative(part)
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o777, dir_fd=fd)
            try:
                child = os.open(part, FOLDER_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno in NOT_A_PLAIN_ENTRY:
                    where = base.joinpath(*parts[: i + 1])
                    raise UnsafePathError(
                        f"{where} is a symbolic link (or not a folder): the build never writes through a link."
                        " Delete it (git rm it if it is committed) and build again."
                    ) from None
                raise
            os.close(fd)
            fd = child
    finally:
        os.close(fd)
    return base.joinpath(*parts)


def read_regular(path: Path | str, dir_fd: int | None = None) -> bytes:
    """The bytes of a regular file; ``UnsafePathError`` for a symbolic link, a folder, a device or
    a pipe (``/dev/zero`` would never end), ``FileNotFoundError`` when it is missing."""
    try:
        fd = os.open(path, READ_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in NOT_A_PLAIN_ENTRY:
            raise UnsafePathError(f"{path} is a symbolic link: it is not read") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePathError(f"{path} is not a regular file: it is not read")
        return fh.read()


def write_file(name: str, data: bytes, dir_fd: int) -> None:
    """Write ``name`` in the folder ``dir_fd``; a symbolic link found there is replaced by the file
    (the link is removed, what it points at is never touched)."""
    try:
        fd = os.open(name, WRITE_FLAGS, 0o666, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno not in NOT_A_PLAIN_ENTRY:
            raise
        os.unlink(name, dir_fd=dir_fd)
        fd = os.open(name, WRITE_FLAGS | os.O_EXCL, 0o666, dir_fd=dir_fd)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def regular_files(folder: Path) -> list[str]:
    """Relative POSIX paths of the files under ``folder`` (sorted, dot entries skipped), refusing
    any symbolic link in it: the project's own assets are published as they are."""
    found: list[str] = []
    pending = [("", str(folder))]
    while pending:
        prefix, current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    raise UnsafePathError(f"{folder / rel} is a symbolic link: it is not published. Put the file itself there.")
                if entry.is_dir(follow_symlinks=False):
                    pending.append((rel + "/", entry.path))
                else:
                    found.append(rel)
    return sorted(found)


def write_below(base: Path, rel: str, data: bytes) -> None:
    """Write ``base/rel`` (a relative POSIX path), making its folders, following no link."""
    *folders, name = check_relative(rel)
    fd = open_folder(make_folders(base, *folders))
    try:
        write_file(name, data, fd)
    finally:
        os.close(fd)
