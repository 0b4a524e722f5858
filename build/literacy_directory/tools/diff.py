"""``literacy-directory diff <ref>``: what a change does to the published directory, in plain words.

The content at ``ref`` is taken out of git (``git archive``) into a temporary folder and compared
with the working tree: table rows by id and column by column, referral protocols setting by
setting, forms, plans and pages file by file. Values are compared as written in the files, so the
summary works even when one side has errors. The output is Markdown for a pull-request comment.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic
from literacy_directory.core.project import Project
from literacy_directory.load.frontmatter import plain, read_document, read_yaml_file
from literacy_directory.load.lenient import parse_lenient
from literacy_directory.schema.protocol import party_networks
from literacy_directory.tools.formatting import Formatting, formatting_section
from literacy_directory.tools.idsforever import Side, removed_ids

SNAPSHOT_PATHS = ("content", "schemas", "site_templates", "mkdocs.yml")
TABLES = (  # (table, what one row is, section title), in the order the summary lists them
    ("networks", "network", "Networks"),
    ("communities", "community", "Communities"),
    ("organizations", "organization", "Organizations"),
    ("sites", "site", "Sites"),
    ("programs", "program", "Programs"),
    ("glossary", "glossary term", "Glossary"),
)
LONG = 160
SHARED = "(shared)"


class GitError(Exception):
    """The ref could not be read (not a git repository, or no such commit)."""


# --- reading one side ------------------------------------------------------------------------


@dataclass
class Snapshot:
    """The content of the directory at one point, as written in its files."""

    root: Path
    tables: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    formatting: Formatting = field(init=False)

    def __post_init__(self) -> None:
        self.formatting = Formatting(self.root)

    @classmethod
    def read(cls, root: Path) -> Snapshot:
        snapshot = cls(root)
        for table, _, _ in TABLES:
            snapshot._read_table(table)
        return snapshot

    def _read_table(self, table: str) -> None:
        path = self.root / "content" / f"{table}.csv"
        if not path.is_file():
            return
        try:
            text = self.formatting.canonical(f"content/{table}.csv", path.read_bytes()).decode("utf-8-sig")
        except UnicodeDecodeError:
            self.unreadable.append(f"content/{table}.csv")
            return
        parsed = parse_lenient(text)
        self.texts[table] = text
        self.columns[table] = parsed.columns
        rows: dict[str, dict[str, str]] = {}
        for values in parsed.rows:
            if values.get("id"):
                rows.setdefault(values["id"], values)
        self.tables[table] = rows

    def row(self, table: str, record_id: str) -> dict[str, str]:
        return self.tables.get(table, {}).get(record_id, {})

    def files(self, folder: str, pattern: str = "*") -> dict[str, bytes]:
        base = self.root / folder
        if base.is_file():
            return {folder: base.read_bytes()}
        paths = sorted(p for p in base.rglob(pattern) if p.is_file()) if base.is_dir() else []
        files = ((p.relative_to(self.root).as_posix(), p.read_bytes()) for p in paths)
        return {rel: self.formatting.canonical(rel, data) for rel, data in files}


def network_of(table: str, row: dict[str, str], sides: Iterable[Snapshot]) -> str:
    """The network a row belongs to (``(shared)`` for the glossary)."""
    if table == "networks":
        return row.get("id", "")
    if row.get("network_id"):
        return row["network_id"]
    return organization_network(row.get("organization_id", ""), sides) or SHARED


def organization_network(organization_id: str, sides: Iterable[Snapshot]) -> str:
    """The network of an organization on the first side that has one, else ""."""
    return next((n for side in sides if (n := side.row("organizations", organization_id).get("network_id"))), "")


def record_name(row: dict[str, str]) -> str:
    return row.get("name_en") or row.get("term_en") or row.get("title_en") or row.get("id", "")


# --- changes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One record or file added, removed or changed, with a line per changed value."""

    section: str
    action: str  # added, removed, changed
    what: str
    name: str
    record_id: str
    networks: tuple[str, ...]
    details: tuple[str, ...] = ()


LABELS = {"github_team": "GitHub team", "id": "Id", "last_verified": "Last verified"}


def label(column: str) -> str:
    """``hours_en`` → ``Hours``, ``hours_fr`` → ``Hours (French)``, ``site_ids`` → ``Sites``."""
    if column in LABELS:
        return LABELS[column]
    base, french = column, ""
    if column.endswith(("_en", "_fr")):
        base, french = column[:-3], " (French)" if column.endswith("_fr") else ""
    base = base.removesuffix("_ids").removesuffix("_id") + ("s" if column.endswith("_ids") else "")
    return base.replace("_", " ").capitalize() + french


def shown(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= LONG else text[: LONG - 1] + "…"


def value_change(column: str, name: str, old: Any, new: Any) -> str:
    what = f"{label(column)} of {name}"
    if old in ("", None, []):
        return f"{what} added: {shown(new)}"
    if new in ("", None, []):
        return f"{what} removed (was: {shown(old)})"
    return f"{what}: {shown(old)} → {shown(new)}"


def missing_french(row: dict[str, str], columns: Iterable[str]) -> list[str]:
    return [
        c[:-3] for c in columns if c.endswith("_en") and row.get(c) and f"{c[:-3]}_fr" in columns and not row.get(f"{c[:-3]}_fr")
    ]


def french_notes(old: dict[str, str], new: dict[str, str], columns: list[str]) -> list[str]:
    """English text changed while its French stayed the same: the translation may be out of date."""
    notes = []
    for c in columns:
        fr = f"{c[:-3]}_fr"
        if c.endswith("_en") and fr in columns and old.get(c) != new.get(c) and new.get(fr) and old.get(fr) == new.get(fr):
            notes.append(f"⚠️ The English {label(c).lower()} changed but the French did not: update {label(fr)} too.")
    return notes


def table_changes(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    for table, what, section in TABLES:
        before, after = old.tables.get(table, {}), new.tables.get(table, {})
        columns = new.columns.get(table) or old.columns.get(table, [])
        for record_id in sorted(set(before) | set(after)):
            yield from _row_change(table, what, section, before.get(record_id), after.get(record_id), columns, (new, old))


def _row_change(
    table: str,
    what: str,
    section: str,
    before: dict[str, str] | None,
    after: dict[str, str] | None,
    columns: list[str],
    sides: tuple[Snapshot, Snapshot],
) -> Iterator[Change]:
    row = after or before or {}
    networks = tuple(dict.fromkeys(network_of(table, r, sides) for r in (after, before) if r))
    name = record_name(row)
    if before is None:
        missing = missing_french(row, columns)
        details = (f"No French yet for: {', '.join(label(m).lower() for m in missing)}.",) if missing else ()
        yield Change(section, "added", what, name, row["id"], networks, details)
    elif after is None:
        yield Change(section, "removed", what, name, row["id"], networks, ("Its page will disappear from the site.",))
    else:
        lines = [
            value_change(c, record_name(before), before.get(c, ""), after.get(c, ""))
            for c in columns
            if before.get(c, "") != after.get(c, "")
        ]
        if after.get("status") == "retired" and before.get("status") != "retired":
            lines.append("Retired: its page stays at the same address and says it has ended; it leaves the finder and the lists.")
        if lines:
            yield Change(section, "changed", what, name, row["id"], networks, (*lines, *french_notes(before, after, columns)))


# --- protocols, forms, plans, pages -----------------------------------------------------------


def read_protocol(text: str) -> tuple[dict[str, Any], str]:
    document, _ = read_document("protocol.md", text)
    if document is None:
        return {}, text
    data = plain(document.data)
    return (data if isinstance(data, dict) else {}), document.body.strip()


def _party_text(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    return [
        f"{p.get('organization_id')}" + (f"/{p['program_id']}" if p.get("program_id") else "") + f" ({p.get('role')})"
        if isinstance(p, dict)
        else str(p)
        for p in value
    ]


def protocol_changes(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    before, after = old.files("content/referral_protocols", "*.md"), new.files("content/referral_protocols", "*.md")
    for path in sorted(p for p in set(before) | set(after) if not p.endswith(".fr.md")):
        yield from _protocol_change(path, before, after, (new, old))


def _protocol_change(
    path: str, before: dict[str, bytes], after: dict[str, bytes], sides: tuple[Snapshot, Snapshot]
) -> Iterator[Change]:
    record_id = Path(path).stem
    french = path.removesuffix(".md") + ".fr.md"
    old_data, old_body = read_protocol(before[path].decode("utf-8-sig", "replace")) if path in before else ({}, "")
    new_data, new_body = read_protocol(after[path].decode("utf-8-sig", "replace")) if path in after else ({}, "")
    data = new_data or old_data
    name = str(data.get("title_en") or record_id)
    networks = _protocol_networks([old_data, new_data], sides)
    if path not in before:
        details = () if french in after else ("No French text yet (a .fr.md file next to it).",)
        yield Change("Referral protocols", "added", "referral protocol", name, record_id, networks, details)
        return
    if path not in after:
        yield Change(
            "Referral protocols",
            "removed",
            "referral protocol",
            name,
            record_id,
            networks,
            ("Its page will disappear from the site.",),
        )
        return
    lines = [
        value_change(k, name, _party_text(old_data.get(k, "")), _party_text(new_data.get(k, "")))
        for k in dict.fromkeys([*old_data, *new_data])
        if old_data.get(k) != new_data.get(k)
    ]
    if old_body != new_body:
        lines.append(f"The English text of {name} changed.")
    if before.get(french) != after.get(french):
        lines.append(_french_file_change(name, french in before, french in after))
    if lines:
        yield Change("Referral protocols", "changed", "referral protocol", name, record_id, networks, tuple(lines))


def _french_file_change(name: str, was: bool, now: bool) -> str:
    if not was:
        return f"French text of {name} added."
    if not now:
        return f"French text of {name} removed: the French page will show the English text."
    return f"The French text of {name} changed."


def _protocol_networks(datas: list[dict[str, Any]], sides: tuple[Snapshot, Snapshot]) -> tuple[str, ...]:
    found = [n for data in datas for n in party_networks(data, lambda org: organization_network(org, sides))]
    return tuple(dict.fromkeys(found)) or (SHARED,)


def form_fields(data: bytes) -> tuple[str, list[str]]:
    document, _ = read_yaml_file("form.yml", data.decode("utf-8-sig", "replace"))
    form: Any = plain(document.data) if document is not None else {}
    form = form if isinstance(form, dict) else {}
    sections: Any = form.get("sections")
    fields = [f for s in sections if isinstance(s, dict) for f in s.get("fields") or []] if isinstance(sections, list) else []
    return str(form.get("title_en") or ""), [str(f.get("id")) for f in fields if isinstance(f, dict)]


def form_changes(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    before, after = old.files("content/forms", "*.yml"), new.files("content/forms", "*.yml")
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        record_id = Path(path).stem
        old_title, old_fields = form_fields(before[path]) if path in before else ("", [])
        new_title, new_fields = form_fields(after[path]) if path in after else ("", [])
        name = new_title or old_title or record_id
        action = "added" if path not in before else "removed" if path not in after else "changed"
        details: list[str] = []
        if action == "changed":
            added = [f for f in new_fields if f not in old_fields]
            removed = [f for f in old_fields if f not in new_fields]
            details += [f"Questions added: {', '.join(added)}."] if added else []
            details += [f"Questions removed: {', '.join(removed)}."] if removed else []
            details += [] if added or removed else ["Wording or settings changed (the same questions)."]
        yield Change("Forms", action, "form", name, record_id, (SHARED,), tuple(details))


def file_changes(old: Snapshot, new: Snapshot, folder: str, section: str, what: str) -> Iterator[Change]:
    """Files compared as a whole, grouped by the folder that holds one record: a plan is
    ``content/plans/<network id>/<year>/`` (its network is the first folder), a page is one file."""
    before, after = old.files(folder), new.files(folder)
    groups: dict[str, list[str]] = {}
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            inside = Path(path).relative_to(folder).parts
            groups.setdefault("/".join(inside[:2]) if len(inside) > 2 else "/".join(inside), []).append(path)
    for record, paths in groups.items():
        had = any(p.startswith(f"{folder}/{record}") for p in before)
        has = any(p.startswith(f"{folder}/{record}") for p in after)
        action = "added" if not had else "removed" if not has else "changed"
        network = record.split("/")[0] if folder == "content/plans" and "/" in record else SHARED
        details = tuple(_file_detail(p, before, after) for p in paths) if len(paths) > 1 or action == "changed" else ()
        name = record.split("/")[-1] if network != SHARED else record
        yield Change(section, action, what, name, f"{folder}/{record}", (network,), details)


def _file_detail(path: str, before: dict[str, bytes], after: dict[str, bytes]) -> str:
    name = Path(path).name
    if path not in before:
        return f"{name} added"
    if path not in after:
        return f"{name} removed"
    return f"{name} changed"


def site_file_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """Files that change how the site looks or what the content must be (not described in detail)."""
    changed = []
    for folder in ("schemas", "site_templates", "mkdocs.yml"):
        before, after = old.files(folder), new.files(folder)
        changed += [p for p in sorted(set(before) | set(after)) if before.get(p) != after.get(p)]
    return changed


def all_changes(old: Snapshot, new: Snapshot) -> list[Change]:
    return [
        *table_changes(old, new),
        *protocol_changes(old, new),
        *form_changes(old, new),
        *file_changes(old, new, "content/plans", "Literacy Service Plans", "plan"),
        *file_changes(old, new, "content/pages", "Pages", "page"),
    ]


# --- Markdown ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Plain text safe in GitHub Markdown: no formatting, no HTML, no @mentions."""
    for char in "\\`*_[]<>#|~":
        text = text.replace(char, "\\" + char)
    return text.replace("@", "@\u200b")


def code_span(text: str) -> str:
    """Text for inside a Markdown code span (where backslashes are literal): no backquotes, one line."""
    return " ".join(text.replace("`", "'").split())


def network_names(sides: Iterable[Snapshot]) -> dict[str, str]:
    names: dict[str, str] = {}
    for side in sides:
        for network_id, row in side.tables.get("networks", {}).items():
            names.setdefault(network_id, row.get("name_en") or network_id)
    return names


def render(changes: list[Change], names: dict[str, str], against: str, site_files: list[str], unreadable: list[str]) -> str:
    out = ["## What this change does to the directory", "", f"Compared with `{against}`.", ""]
    out += _overview(changes, names)
    for section in dict.fromkeys(c.section for c in changes):
        out += ["", f"### {section}", ""]
        for c in (c for c in changes if c.section == section):
            out += _change_lines(c, names)
    if site_files:
        out += [
            "",
            "### How the site works",
            "",
            "These files change the site's look or the rules for the content (a maintainer reviews them):",
        ]
        out += [f"- `{p}`" for p in site_files]
    if unreadable:
        out += ["", "⚠️ Could not be read (not saved as UTF-8?): " + ", ".join(f"`{p}`" for p in unreadable)]
    return "\n".join(out) + "\n"


def _overview(changes: list[Change], names: dict[str, str]) -> list[str]:
    if not changes:
        return ["No listing, protocol, form, plan or page changes."]
    counts: dict[tuple[str, str], int] = {}
    for c in changes:
        counts[c.what, c.action] = counts.get((c.what, c.action), 0) + 1
    parts = [f"{n} {_plural(what) if n > 1 else what} {action}" for (what, action), n in counts.items()]
    lines = [f"**{len(changes)} change{'s' if len(changes) != 1 else ''}:** " + ", ".join(parts) + "."]
    touched = {n for c in changes for n in c.networks if n != SHARED}
    if len(touched) > 1:
        listed = ", ".join(escape(names.get(n, n)) for n in sorted(touched, key=lambda n: names.get(n, n)))
        lines += [
            "",
            f"> ⚠️ **This pull request changes the content of {len(touched)} networks:** {listed}."
            " Each network should check its own listings before it is merged: ask their coordinators to review,"
            " or split the pull request by network.",
        ]
    elif touched:
        lines += ["", f"Network: {escape(names.get(next(iter(touched)), next(iter(touched))))}."]
    return lines


def _plural(what: str) -> str:
    return what[:-1] + "ies" if what.endswith("y") else what if what.endswith("s") else what + "s"


def _change_lines(c: Change, names: dict[str, str]) -> list[str]:
    where = ", ".join(escape(names.get(n, n)) for n in c.networks if n not in (SHARED, c.record_id))
    head = f"- **{c.action.capitalize()}** {c.what}: {escape(c.name)} (`{c.record_id}`)" + (f" · {where}" if where else "")
    return [head, *(f"  - {escape(d)}" for d in c.details)]


# --- git ----------------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc


def extract(root: Path, ref: str, target: Path) -> str:
    """Put the directory's files as they were at ``ref`` into ``target``; returns ``ref (sha)``."""
    sha = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if sha.returncode != 0:
        inside = _git(root, "rev-parse", "--is-inside-work-tree").returncode == 0
        raise GitError(
            f'"{ref}" is not a commit, branch or tag of this repository' if inside else "this folder is not in a git repository"
        )
    commit = sha.stdout.decode().strip()
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.decode().strip())
    tree = f"{commit}:{prefix}"
    listed = _git(top, "ls-tree", "--name-only", tree).stdout.decode().split("\n")
    paths = [p for p in SNAPSHOT_PATHS if p in listed]
    if paths:
        archive = _git(top, "archive", "--format=tar", tree, *paths)
        if archive.returncode != 0:
            raise GitError(archive.stderr.decode(errors="replace").strip())
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
    return commit[:7] if commit.startswith(ref.lower()) else f"{ref} ({commit[:7]})"


@dataclass(frozen=True)
class Comparison:
    """What ``diff`` found: the summary in Markdown, and the published ids that disappeared
    (errors: ids never change)."""

    markdown: str
    problems: list[Diagnostic]


def compare(old_root: Path, new_root: Path, against: str) -> Comparison:
    old, new = Snapshot.read(old_root), Snapshot.read(new_root)
    problems = removed_ids(Side.read(old_root, old.texts), Side.read(new_root, new.texts))
    changes = all_changes(old, new)
    unreadable = sorted(set(old.unreadable) | set(new.unreadable))
    out = render(changes, network_names((new, old)), against, site_file_changes(old, new), unreadable)
    out = _with_removed_ids(out, problems)
    return Comparison(out + formatting_section(old.formatting, new.formatting), problems)


def _with_removed_ids(markdown: str, problems: list[Diagnostic]) -> str:
    """The summary with, right after its heading, what must be fixed before merging."""
    if not problems:
        return markdown
    head, _, rest = markdown.partition("\n\n")
    lines = [
        "### ⛔ Ids that must come back",
        "",
        "Ids never change: addresses on the web and in printed handouts point at them."
        " Retire a record that has ended instead of deleting it; keep the old id when you rename one.",
        "",
    ]
    lines += [f"- `{code_span(d.path)}` line {d.line}: {escape(d.message)}\n  - {escape(d.hint)}" for d in problems]
    return f"{head}\n\n" + "\n".join(lines) + f"\n\n{rest}"


def summarize(old_root: Path, new_root: Path, against: str) -> str:
    return compare(old_root, new_root, against).markdown


def compare_with(project: Project, ref: str) -> Comparison:
    with tempfile.TemporaryDirectory(prefix="literacy-directory-diff-") as folder:
        against = extract(project.root, ref, Path(folder))
        return compare(Path(folder), project.root, against)


def diff_against(project: Project, ref: str) -> str:
    return compare_with(project, ref).markdown
