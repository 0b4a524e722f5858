"""The one Jinja environment this project makes (site pages and forms alike) and the interface
strings of each language, shared by the site and the forms."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
import yaml


def load_strings(templates: Path, lang: str) -> dict[str, str]:
    """Interface strings of one language from ``site_templates/i18n/<lang>.yml`` (a copy: the
    file is read once per version, as reading the YAML takes ~0.1 s)."""
    path = templates / "i18n" / f"{lang}.yml"
    stat = path.stat()
    return dict(_read_strings(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _read_strings(path: str, mtime_ns: int, size: int) -> dict[str, str]:
    # PyYAML's base loader in C: every value stays the text written (no YAML 1.1 surprises such
    # as `no` → False), 20 times faster than a pure-Python loader. Our own files, so its silence
    # on duplicate keys is covered by a test that reads them with ruamel instead.
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    return {str(k): str(v) for k, v in (data or {}).items()}


def environment(folder: Path, **options: Any) -> jinja2.Environment:
    """The one way this project makes a Jinja environment (pages and forms alike): every value is
    escaped unless marked safe, and an undefined name is an error, never an empty string."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
