"""Where things are in a project checkout."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def package_path(self) -> Path:
        return self.schemas / "datapackage.json"

    @property
    def vocabularies_path(self) -> Path:
        return self.schemas / "vocabularies.csv"

    @property
    def protocols_dir(self) -> Path:
        return self.content / "referral_protocols"

    @property
    def forms_dir(self) -> Path:
        return self.content / "forms"

    @property
    def templates(self) -> Path:
        return self.root / "site_templates"

    @property
    def own_files(self) -> tuple[Path, ...]:
        """What a build must never write over: the sources, git and the caches (resolved)."""
        root = self.root.resolve()
        return tuple(p.resolve() for p in (self.content, self.schemas, self.templates, root / ".cache", root / ".git"))

    def input_fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """(path, size, mtime) of every file the site is generated from: equal fingerprints mean
        nothing to regenerate."""
        files = [
            p
            for folder in (self.content, self.schemas, self.templates)
            if folder.is_dir()
            for p in folder.rglob("*")
            if p.is_file()
        ]
        return tuple(sorted((p.as_posix(), (st := p.stat()).st_size, st.st_mtime_ns) for p in files))

    def relative(self, path: Path) -> str:
        """Project-relative POSIX path, as shown in diagnostics. Worked out from the names (never
        by resolving links), so a symlink is named as itself, never by what it points to."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            pass
        try:
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder (from ``start`` upwards) holding ``schemas/datapackage.json``."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "schemas" / "datapackage.json").is_file():
                return cls(folder)
        return cls(here)


def overlapping(a: Path, b: Path) -> bool:
    """Whether two resolved paths are the same, or one lies inside the other."""
    return a == b or a in b.parents or b in a.parents
