"""``.github/CODEOWNERS`` generated from the networks' ``github_team`` column.

Each network's own files are reviewed by its own team: its plans (``content/plans/<network id>/``)
and the referral protocols its member organizations take part in. A protocol added in a pull
request (in the web editor, say) has no line yet: it falls to the maintainers' ``*`` line, which
is safe, so ``--check`` lets it pass and the file is regenerated after the merge. The shared tables
(``content/*.csv``, one row per record, all networks in one file), forms, pages, schemas and code
go to the maintainers; ``literacy-directory diff`` names the networks whose rows a pull request
touches, so the maintainers know whom to ask.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from literacy_directory.core.project import Project
from literacy_directory.load.frontmatter import plain, read_document
from literacy_directory.load.lenient import read_lenient
from literacy_directory.schema.protocol import party_networks

CODEOWNERS_PATH = ".github/CODEOWNERS"
HEADER = """\
# Who reviews what. GENERATED from content/networks.csv (column github_team) and the parties of
# each referral protocol by `literacy-directory codeowners`: do not edit by hand, run the command.
# Later lines win over earlier ones.
"""


class OwnersError(Exception):
    """The networks' data does not say enough to write the file."""


def _rows(project: Project, table: str) -> list[dict[str, str]]:
    return read_lenient(project.content / f"{table}.csv")


def network_teams(project: Project) -> dict[str, str]:
    """``{network id: team}`` for the networks that name a team, in file order."""
    return {r["id"]: r["github_team"] for r in _rows(project, "networks") if r.get("id") and r.get("github_team")}


def default_maintainers(teams: dict[str, str]) -> str:
    organizations = {team.lstrip("@").split("/", 1)[0] for team in teams.values()}
    if len(organizations) != 1:
        raise OwnersError(
            "cannot tell the maintainers' team: give --maintainers @organization/team"
            " (the networks' teams are not all in one GitHub organization)"
        )
    return f"@{organizations.pop()}/maintainers"


def protocol_networks(project: Project) -> dict[str, list[str]]:
    """``{protocol file (project-relative): [network ids of its parties]}``, for each protocol and
    its French text (whether or not that exists yet, so adding a translation changes nothing here)."""
    org_network = {r["id"]: r.get("network_id", "") for r in _rows(project, "organizations")}
    found: dict[str, list[str]] = {}
    folder = project.protocols_dir
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name.endswith(".fr.md"):
            continue
        networks = _party_networks(project, path, org_network)
        for file in (path, path.with_name(path.stem + ".fr.md")):
            found[project.relative(file)] = networks
    return found


def _party_networks(project: Project, path: Path, org_network: dict[str, str]) -> list[str]:
    document, _ = read_document(project.relative(path), path.read_text(encoding="utf-8-sig", errors="replace"))
    data = plain(document.data) if document is not None else {}
    return party_networks(data, lambda organization_id: org_network.get(organization_id, ""))


def _line(pattern: str, owners: list[str]) -> str:
    return f"{pattern:<72} {' '.join(owners)}".rstrip()


def _lines(project: Project, teams: dict[str, str], maintainers: str) -> Iterator[str]:
    yield "# Everything not named below: the directory's maintainers."
    yield _line("*", [maintainers])
    yield ""
    yield "# Each network's Literacy Service Plans: that network's team."
    for network_id, team in teams.items():
        yield _line(f"/content/plans/{network_id}/", [team, maintainers])
    protocols = protocol_networks(project)
    if protocols:
        yield ""
        yield "# Referral protocols: the teams of the networks whose organizations take part."
    for path, networks in protocols.items():
        owners = list(dict.fromkeys(teams[n] for n in networks if n in teams))
        yield _line(f"/{path}", [*owners, maintainers])
    untracked = [r["id"] for r in _rows(project, "networks") if r.get("id") and r["id"] not in teams]
    if untracked:
        yield ""
        yield f"# No github_team yet (reviewed by the maintainers): {', '.join(untracked)}"


def owners_file(project: Project, maintainers: str | None = None) -> str:
    teams = network_teams(project)
    if not teams and not maintainers:
        raise OwnersError("no network has a github_team in content/networks.csv, and no --maintainers was given")
    who = maintainers or default_maintainers(teams)
    return HEADER + "\n" + "\n".join(_lines(project, teams, who)) + "\n"


PROTOCOL_PREFIX = "/content/referral_protocols/"


def _entries(text: str) -> dict[str, str]:
    """``{pattern: owners}`` of a CODEOWNERS text (comments and blank lines left out)."""
    entries = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, _, owners = line.strip().partition(" ")
            entries[pattern] = " ".join(owners.split())
    return entries


def staleness(committed: str, generated: str) -> tuple[list[str], list[str]]:
    """What differs, split in two: protocol files with no line yet (or a line left for a removed
    one), which only send a review to the maintainers, and everything else (a team that changed,
    a protocol's owners that changed), which would send a review to the wrong people."""
    old, new = _entries(committed), _entries(generated)
    harmless: list[str] = []
    wrong: list[str] = []
    for pattern in sorted(set(old) | set(new)):
        if old.get(pattern) == new.get(pattern):
            continue
        one_sided = pattern not in old or pattern not in new
        (harmless if one_sided and pattern.startswith(PROTOCOL_PREFIX) else wrong).append(pattern)
    return harmless, wrong
