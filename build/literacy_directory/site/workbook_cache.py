"""The site's copy of each network's workbook, made again only when what it is made from changed."""

from __future__ import annotations

import hashlib
import shutil
from importlib.metadata import version
from pathlib import Path

from literacy_directory.core.project import Project

MADE_FROM = ("networks", "communities", "organizations", "sites", "programs")


def site_workbooks(project: Project, network_ids: list[str]) -> dict[str, bytes]:
    """Every network's workbook, for the site to offer. Kept in ``.cache/workbooks/`` under a hash
    of what they are made from (the tables, the schemas, the workbook module and openpyxl's
    version), so a build makes them (and imports openpyxl, 0.5 s) only when one of those changed."""
    folder = project.root / ".cache" / "workbooks" / _digest(project)
    if not all((folder / f"{n}.xlsx").is_file() for n in network_ids):
        from literacy_directory.site.workbook import export_workbook  # noqa: PLC0415

        folder.mkdir(parents=True, exist_ok=True)
        for network_id in network_ids:
            temporary = folder / f".{network_id}.xlsx.tmp"
            temporary.write_bytes(export_workbook(project, network_id))
            temporary.replace(folder / f"{network_id}.xlsx")
        for stale in folder.parent.iterdir():
            if stale != folder:
                shutil.rmtree(stale, ignore_errors=True)
    return {n: (folder / f"{n}.xlsx").read_bytes() for n in network_ids}


def _digest(project: Project) -> str:
    digest = hashlib.sha256(version("openpyxl").encode())
    digest.update((Path(__file__).with_name("workbook.py")).read_bytes())
    for path in (project.package_path, project.vocabularies_path, *(project.content / f"{t}.csv" for t in MADE_FROM)):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()[:24]
