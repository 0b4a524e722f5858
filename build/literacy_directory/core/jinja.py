"""The one Jinja environment this project makes (site pages and forms alike) and the interface
strings of each language, shared by the site and the forms."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.loaders import split_template_path

from literacy_directory.core.safefs import UnsafePathError, read_regular


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
    data = yaml.load(read_regular(path).decode("utf-8"), Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    return {str(k): str(v) for k, v in (data or {}).items()}


class NoLinkLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, refusing a template that is (or lies in) a symbolic link below its
    folder, before reading it: a template linked to a file elsewhere would be published."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            step = Path(folder)
            for piece in pieces:
                step = step / piece
                if step.is_symlink():
                    raise UnsafePathError(f"{step} is a symbolic link: templates are never read through a link")
            if os.path.lexists(step):
                break
        return super().get_source(environment, template)


def environment(folder: Path, **options: Any) -> jinja2.Environment:
    """The one way this project makes a Jinja environment (pages and forms alike): every value is
    escaped unless marked safe, and an undefined name is an error, never an empty string."""
    return jinja2.Environment(
        loader=NoLinkLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
