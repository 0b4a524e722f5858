"""Caches that trust nothing they did not write themselves.

``.cache/`` keeps compiled Jinja templates (Python code objects, run when loaded) and rendered
forms (HTML inserted into pages unescaped, PDFs and DOCX files published as they are). A pull
request can commit files there (``git add -f``), so an entry is used only when it carries a
valid seal: an HMAC-SHA256 of its own bytes and of its name, made with a key that is kept
outside the project (``~/.local/state/literacy-directory/cache.key``, made on first use, mode
0600) and so is never in a checkout. An entry without a valid seal is ignored and rebuilt; a
committed file can therefore never be run or published, only cost a rebuild.

A fresh machine (a CI runner) has a fresh key, so a cache restored from elsewhere does not
verify there: it is rebuilt, which is the point.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

import jinja2

from literacy_directory.core.safefs import UnsafePathError, make_folders, read_regular

KEY_FILE_VARIABLE = "LITERACY_DIRECTORY_CACHE_KEY_FILE"
MAGIC = b"literacy-directory sealed cache 1\n"
KEY_BYTES = 32
SEAL_BYTES = hashlib.sha256().digest_size


def key_file() -> Path:
    """Where the key is kept: ``$LITERACY_DIRECTORY_CACHE_KEY_FILE``, else
    ``$XDG_STATE_HOME/literacy-directory/cache.key`` (``~/.local/state`` by default)."""
    override = os.environ.get(KEY_FILE_VARIABLE)
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "literacy-directory" / "cache.key"


def cache_key(project_root: Path) -> bytes:
    """The key that seals this machine's caches. A key file inside the project (which a pull
    request could commit) is not used: the key then lives only as long as the process."""
    return _key_for(str(project_root), str(key_file().absolute()))


@functools.lru_cache(maxsize=8)
def _key_for(project_root: str, key_path: str) -> bytes:
    path, root = Path(key_path), Path(project_root).resolve()
    if root == path.resolve() or root in path.resolve().parents or root in path.parents:
        return _process_key()
    return _stored_key(key_path)


@functools.lru_cache(maxsize=1)
def _process_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


@functools.lru_cache(maxsize=4)
def _stored_key(path: str) -> bytes:
    """The key in ``path``, made there when missing; a key that cannot be read or kept (a
    read-only home, a broken file) is replaced by one for this process only."""
    try:
        return _read_key(Path(path))
    except FileNotFoundError:
        pass
    except (OSError, UnsafePathError):
        return _process_key()
    try:
        _make_key(Path(path))
        return _read_key(Path(path))
    except (OSError, UnsafePathError):
        return _process_key()


def _read_key(path: Path) -> bytes:
    key = read_regular(path)
    if len(key) != KEY_BYTES:
        raise UnsafePathError(f"{path} is not a cache key")
    return key


def _make_key(path: Path) -> None:
    """Write a new key without ever replacing one another process made first."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600, O_EXCL
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(KEY_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def seal(key: bytes, name: str, data: bytes) -> bytes:
    return MAGIC + _mac(key, name, data) + data


def unseal(key: bytes, name: str, sealed: bytes) -> bytes | None:
    """The data of a sealed entry, or None when its seal is missing or does not match."""
    if not sealed.startswith(MAGIC):
        return None
    start = len(MAGIC) + SEAL_BYTES
    data = sealed[start:]
    return data if hmac.compare_digest(sealed[len(MAGIC) : start], _mac(key, name, data)) else None


def _mac(key: bytes, name: str, data: bytes) -> bytes:
    return hmac.new(key, name.encode("utf-8") + b"\0" + data, hashlib.sha256).digest()


class SealedFolder:
    """One cache folder: ``read`` returns an entry's bytes only when its seal verifies (else None),
    ``write`` seals and writes atomically. The folder is made without following links (its
    parent is trusted: ``make_folders`` checks the project's own ``.cache`` path beforehand)."""

    def __init__(self, folder: Path, project_root: Path):
        folder.parent.mkdir(parents=True, exist_ok=True)
        self.folder = make_folders(folder.parent, folder.name)
        self.key = cache_key(project_root)

    def _name(self, name: str) -> str:
        return f"{self.folder.absolute()}/{name}"

    def read(self, name: str) -> bytes | None:
        try:
            sealed = read_regular(self.folder / name)
        except (OSError, UnsafePathError):
            return None
        return unseal(self.key, self._name(name), sealed)

    def write(self, name: str, data: bytes) -> None:
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(seal(self.key, self._name(name), data))
            os.replace(temporary, self.folder / name)  # replaces a link, never writes through it
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class SealedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept sealed: a code object is unmarshalled only from an entry
    this machine wrote (Jinja's own FileSystemBytecodeCache loads whatever file it finds)."""

    def __init__(self, folder: Path, project_root: Path):
        self.entries = SealedFolder(folder, project_root)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.entries.read(f"{bucket.key}.cache")
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.entries.write(f"{bucket.key}.cache", bucket.bytecode_to_string())
