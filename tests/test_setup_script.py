"""scripts/setup.sh installs what a fresh machine lacks: Node and npm from Debian, like Chromium."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def node_tools_with(path: str) -> str:
    """Run setup_node_tools with ``PATH=path``, the package installer and npm replaced by echoes."""
    script = (
        f'. scripts/setup.sh; setup_system_packages() {{ echo "install: $*"; }}; npm() {{ echo "npm $*"; }}; '
        f"PATH={path}; hash -r; setup_node_tools"
    )
    done = subprocess.run(["/bin/bash", "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_node_and_npm_are_installed_from_debian_when_missing(tmp_path: Path) -> None:
    assert "install: nodejs npm" in node_tools_with(str(tmp_path)).splitlines()


def test_an_existing_node_is_kept(tmp_path: Path) -> None:
    for tool in ("node", "npm"):
        (tmp_path / tool).write_text("#!/bin/sh\n", encoding="utf-8")
        (tmp_path / tool).chmod(0o755)
    assert "install: nodejs npm" not in node_tools_with(str(tmp_path)).splitlines()
