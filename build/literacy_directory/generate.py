"""Render the catalog into the Markdown pages, data files and assets MkDocs builds the site from.

``generate_site`` is pure: it returns ``{relative path: bytes}``; ``writer.write_tree`` puts them
on disk. Pages are Markdown files whose body is one HTML block rendered by autoescaping Jinja, so
content text can never become Markdown or HTML markup.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .finder import finder_data
from .project import Project
from .sanitize import front_matter_value, markdown_to_safe_html
from .schema import PackageSpec
from .templating import Templates


@dataclass(frozen=True)
class SiteOptions:
    """Settings that come from the plugin configuration in mkdocs.yml."""

    source_url: str = ""
    help_phone: str = ""


def page(front: dict[str, Any], body: str) -> bytes:
    lines = ["---"]
    for key, value in front.items():
        lines.append(f"{key}: {front_matter_value(value) if isinstance(value, str) else json.dumps(value)}")
    lines += ["---", "", body.strip(), ""]
    return "\n".join(lines).encode("utf-8")


class SiteGenerator:
    def __init__(self, catalog: Catalog, project: Project, options: SiteOptions, package: PackageSpec | None = None):
        self.catalog = catalog
        self.project = project
        self.options = options
        self.package = package
        self.t = Templates(project.templates, catalog, "en")
        self.files: dict[str, bytes] = {}

    def render(
        self,
        path: str,
        template: str,
        title: str,
        *,
        description: str = "",
        hide: tuple[str, ...] = ("navigation", "toc"),
        **context: Any,
    ) -> None:
        body = self.t.render(template, options=self.options, source=self.source, **context)
        front: dict[str, Any] = {"title": title, "hide": list(hide)}
        if description:
            front["description"] = description
        self.files[path] = page(front, body)

    def source(self, kind: str, record_id: str) -> str:
        """Link to the record's line in the repository, for 'suggest a correction'."""
        src = self.catalog.sources.get((kind, record_id))
        if not src or not self.options.source_url:
            return ""
        return f"{self.options.source_url.rstrip('/')}/{src.path}#L{src.line}"

    def generate(self) -> dict[str, bytes]:
        c, t = self.catalog, self.t
        self.render("index.md", "home.md.j2", t.t("home_title"), description=t.t("home_description"))
        served = {p for c_id in c.communities for p in (x.id for x in c.programs_in_community(c_id))}
        languages = {code for p in c.programs.values() for code in p.languages}
        self.render(
            "find/index.md",
            "finder.md.j2",
            t.t("finder_title"),
            description=t.t("finder_description"),
            served_ids=served,
            used_languages=languages,
        )
        self.files["find/programs.json"] = json.dumps(
            finder_data(c, "en"), ensure_ascii=False, separators=(",", ":"), sort_keys=True
        ).encode("utf-8")
        for p in c.programs.values():
            org = c.organizations[p.organization_id]
            self.render(f"programs/{p.id}.md", "program.md.j2", p.name_en, description=p.summary_en, program=p, org=org)
        for o in c.organizations.values():
            self.render(f"organizations/{o.id}.md", "organization.md.j2", o.name_en, description=o.description_en or "", org=o)
        for s in c.sites.values():
            self.render(f"sites/{s.id}.md", "site.md.j2", s.name_en, site=s, org=c.organizations[s.organization_id])
        for n in c.networks.values():
            self.render(f"networks/{n.id}.md", "network.md.j2", n.name_en, description=n.description_en or "", network=n)
        self.render("networks/index.md", "networks.md.j2", t.t("networks_title"))
        for pr in c.protocols.values():
            self.render(
                f"protocols/{pr.id}.md",
                "protocol.md.j2",
                pr.meta.title_en,
                description=pr.meta.summary_en,
                protocol=pr,
                body_html=markdown_to_safe_html(pr.body),
            )
        self.render("referrers/index.md", "referrers.md.j2", t.t("referrers_title"), description=t.t("referrers_description"))
        self.render("glossary.md", "glossary.md.j2", t.t("glossary_title"), hide=("navigation",))
        self.pages_from_content()
        self.assets()
        return self.files

    def pages_from_content(self) -> None:
        """Hand-written pages: their Markdown is sanitized like any other content."""
        folder = self.project.content / "pages"
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8")
            title, _, rest = text.partition("\n")
            body = markdown_to_safe_html(rest)
            self.render(f"{path.stem}.md", "content_page.md.j2", title.lstrip("# ").strip(), body_html=body, hide=("navigation",))

    def assets(self) -> None:
        folder = self.project.templates / "assets"
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                self.files[f"assets/{path.relative_to(folder).as_posix()}"] = path.read_bytes()


def generate_site(catalog: Catalog, project: Project, options: SiteOptions) -> dict[str, bytes]:
    return SiteGenerator(catalog, project, options).generate()


def clean_docs_dir(docs: Path) -> None:
    if docs.exists():
        shutil.rmtree(docs)
