"""The site's settings, and the hand-off between ``literacy-directory build`` and the plugin.

``build`` checks the content and generates the pages in its own process, then runs
``mkdocs build`` in a subprocess. Without a hand-off the plugin there would check and generate
everything a second time; with it, MkDocs' process never even imports the checker (half the
memory of a build at 500 programs was ours). The hand-off is a token in the environment: a hash
of every input file's (path, size, mtime), the options and the docs folder, taken *before* the
check. The plugin computes the same token from what it sees; only when they are equal does it
trust the pages on disk, so a stale or mistaken hand-off costs time, never correctness.

This module is imported by the plugin on every MkDocs start: it must stay light (no checker, no
Jinja, no frictionless).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from literacy_directory.core import sitepaths
from literacy_directory.core.project import Project, overlapping

LANGUAGES = sitepaths.LANGUAGES
DEFAULT_LANGUAGE = sitepaths.DEFAULT_LANGUAGE
PLUGIN_NAME = "literacy-directory"
HANDOFF_VARIABLE = "LITERACY_DIRECTORY_GENERATED"
OPTION_NAMES = ("source_url", "help_phone", "referral_form")
"""The plugin's options in mkdocs.yml (a test keeps this equal to the plugin's configuration)."""


@dataclass(frozen=True)
class SiteOptions:
    """Settings that come from the plugin configuration in mkdocs.yml."""

    source_url: str = ""
    help_phone: str = ""
    referral_form: str = "learner-referral"
    """The form program pages link to, pre-filled with the receiving program, when they accept referrals."""
    site_url: str = ""
    """The site's public address (mkdocs.yml ``site_url``, ending in ``/``): printed handouts carry
    their page's full address and a QR code to it. Empty: handouts print neither."""
    cache_dir: Path | None = None
    """Where rendered forms (PDF, DOCX, HTML) are kept between builds; default .cache/forms."""


@dataclass(frozen=True)
class SiteSettings:
    options: SiteOptions
    docs_dir: Path


def handoff_token(inputs: tuple[tuple[str, int, int], ...], options: SiteOptions, docs_dir: Path) -> str:
    """Equal tokens: the pages in ``docs_dir`` were generated from exactly these inputs and options."""
    described = repr((inputs, dataclasses.astuple(options), str(docs_dir.resolve())))
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def read_site_settings(project: Project) -> SiteSettings | None:
    """The docs folder and the plugin's options, read from mkdocs.yml without MkDocs.

    Only the plain forms are understood (``docs_dir: docs``, ``- literacy-directory:`` with string
    options). Anything else (``INHERIT``, ``!ENV``, a missing plugin entry, a file that does not
    parse) gives ``None``: ``build`` then leaves all of the work to the plugin, which reads the
    configuration the way MkDocs does.
    """
    from ruamel.yaml import YAML  # noqa: PLC0415 (only `build` needs it; keep the plugin's import light)
    from ruamel.yaml.error import YAMLError  # noqa: PLC0415

    path = project.root / "mkdocs.yml"
    try:
        config = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    if not isinstance(config, dict) or "INHERIT" in config:
        return None
    docs_dir = config.get("docs_dir", "docs")
    settings = _plugin_settings(config.get("plugins"))
    if settings is None or not isinstance(docs_dir, str):
        return None
    values = {str(k): v for k, v in settings.items()}
    if set(values) - set(OPTION_NAMES) or not all(isinstance(v, str) for v in values.values()):
        return None
    defaults = SiteOptions()
    site_url = _env_tagged(config.get("site_url"))
    if site_url is None:
        return None
    options = SiteOptions(
        source_url=str(values.get("source_url", defaults.source_url)),
        help_phone=str(values.get("help_phone", defaults.help_phone)),
        referral_form=str(values.get("referral_form", defaults.referral_form)),
        site_url=normal_site_url(site_url),
    )
    docs = project.root / str(docs_dir)
    return SiteSettings(options, docs.resolve()) if safe_docs_dir(project, docs) else None


def normal_site_url(url: str | None) -> str:
    """``site_url`` as MkDocs keeps it: ending in ``/`` (empty stays empty)."""
    if not url:
        return ""
    return url if url.endswith("/") else url + "/"


def _env_tagged(value: Any) -> str | None:
    """A plain string value, or one written with MkDocs' ``!ENV`` tag (``!ENV VAR`` or
    ``!ENV [VAR, ..., default]``: the first variable that is set, else the last item as the
    default), resolved as MkDocs resolves it. Absent: ``""``. Anything else: None."""
    if value is None:
        return ""
    tag = getattr(getattr(value, "tag", None), "value", None)
    if tag is None:
        return value if isinstance(value, str) else None
    if tag != "!ENV":
        return None
    items = [str(value)] if not isinstance(value, list) else [str(v) for v in value]
    for name in items[:-1] if len(items) > 1 else items:
        if name in os.environ:
            return os.environ[name]
    return items[-1] if len(items) > 1 else ""


def safe_docs_dir(project: Project, docs: Path) -> bool:
    """Whether ``build`` may write (and delete stale files) in ``docs`` before MkDocs has checked
    its configuration (see ``docs_dir_problem``). Anything else is left to the plugin, which
    refuses it too."""
    return docs_dir_problem(project, docs) is None


def docs_dir_problem(project: Project, docs: Path) -> str | None:
    """Why the generator must not write (and delete stale files) in ``docs``, or None when it may:
    it must be an existing folder strictly inside the project, reached without a symbolic link
    (a committed ``docs`` link to ``tests/`` would have its files replaced), that neither holds
    nor lies inside the content, schemas, templates, caches or git."""
    root = project.root.resolve()
    resolved = docs.resolve()
    if not resolved.is_dir() or resolved == root or root not in resolved.parents:
        return f"docs_dir {docs} is not a folder inside the project: the pages are written only there."
    link = _link_on_the_way(root, docs.absolute())
    if link is not None:
        return f"{link} is a symbolic link: the pages are never written through a link. Delete it and build again."
    if any(overlapping(resolved, own) for own in project.own_files):
        return f"docs_dir {docs} holds or lies inside the project's own files: choose a folder of its own, like docs/."
    return None


def _link_on_the_way(root: Path, path: Path) -> Path | None:
    """The first symbolic link among ``path`` and its parents below the project root, if any."""
    for step in (path, *path.parents):
        if step.resolve() == root:
            return None
        if step.is_symlink():
            return step
    return None


def _plugin_settings(plugins: Any) -> dict[str, Any] | None:
    """The ``literacy-directory`` entry of a ``plugins:`` list or mapping, or None when absent."""
    if isinstance(plugins, dict):
        pairs = list(plugins.items())
    else:
        pairs = [(e, None) if isinstance(e, str) else next(iter(e.items())) for e in plugins or [] if _is_entry(e)]
    for name, value in pairs:
        if name == PLUGIN_NAME:
            if value is None:
                return {}
            return dict(value) if isinstance(value, dict) else None
    return None


def _is_entry(entry: Any) -> bool:
    return isinstance(entry, str) or (isinstance(entry, dict) and len(entry) == 1)
