"""Run ``mkdocs build --strict`` into a temporary folder and swap it in only on success, so a
failed build never leaves a half-built site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from literacy_directory.core.project import Project


@dataclass(frozen=True)
class BuildOutcome:
    ok: bool
    log: str


def mkdocs_command(project: Project) -> list[str]:
    return [sys.executable, "-m", "mkdocs"]


def mkdocs_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def serve_site(project: Project, port: int) -> int:
    """Run ``mkdocs serve`` on 127.0.0.1:``port`` until it stops. A SIGTERM to this process stops
    it too (Ctrl+C reaches both already): it must not outlive us holding the port."""
    command = [*mkdocs_command(project), "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    child = subprocess.Popen(command, cwd=project.root, env=mkdocs_environment())
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                continue  # the child got the Ctrl+C too: wait for it to finish
    finally:
        signal.signal(signal.SIGTERM, previous)


def build_site(project: Project, target: Path, environment: Mapping[str, str] | None = None) -> BuildOutcome:
    """``environment``: variables added for MkDocs (the hand-off token of ``sitesettings``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    command = [
        *mkdocs_command(project),
        "build",
        "--strict",
        "--clean",
        "-f",
        str(project.root / "mkdocs.yml"),
        "-d",
        str(staging),
    ]
    done = subprocess.run(
        command, cwd=project.root, env=mkdocs_environment(environment), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildOutcome(False, done.stdout + done.stderr)
    _swap(staging, target)
    return BuildOutcome(True, done.stdout + done.stderr)


def _swap(staging: Path, target: Path) -> None:
    """Put the new site in place of ``target``. A symbolic link at ``target`` (or at its ``.old``
    name) is removed, never followed: the site replaces the link, not what it points at."""
    old = target.with_name(target.name + ".old")
    _remove(old)
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        target.rename(old)
    staging.rename(target)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
