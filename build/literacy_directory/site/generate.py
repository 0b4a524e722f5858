"""Render the catalog into the Markdown pages, data files and assets MkDocs builds the site from.

``generate_site`` is pure: it returns ``{relative path: bytes}``; ``writer.write_tree`` puts them
on disk. Pages are Markdown files whose body is one HTML block rendered by autoescaping Jinja, so
content text can never become Markdown or HTML markup. Every page exists in each language:
``x.md`` (English, the default) and ``x.fr.md``, the suffix layout mkdocs-static-i18n reads.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import jinja2

from literacy_directory.catalog.directory import Catalog
from literacy_directory.catalog.freshness import stale_by_network
from literacy_directory.core import jinja
from literacy_directory.core.dates import reference_date
from literacy_directory.core.lang import field_in
from literacy_directory.core.project import Project
from literacy_directory.forms.render import render_cached
from literacy_directory.site import templating
from literacy_directory.site.finder import mentions_website
from literacy_directory.site.finderpages import finder_pages
from literacy_directory.site.planpages import plan_pages
from literacy_directory.site.sanitize import front_matter_value, markdown_to_safe_html
from literacy_directory.site.settings import DEFAULT_LANGUAGE, LANGUAGES, SiteOptions
from literacy_directory.site.templating import Templates
from literacy_directory.site.urls import Urls, form_file, localized, record_file
from literacy_directory.site.writer import hidden, write_tree

# Compiled templates depend on Jinja's version and on the environment's options (autoescape...),
# which live in templating.py: a new folder when either changes, so stale code is never loaded.
# One folder per language: Jinja evaluates a filter on a constant while compiling ('x' | label
# would be compiled to the English label), so compiled code must never cross languages; and a
# test keeps filters off constants altogether, as their results would also outlive the data.
BYTECODE_KEY = f"jinja-{jinja2.__version__}-{hashlib.sha256(Path(templating.__file__).read_bytes() + Path(jinja.__file__).read_bytes()).hexdigest()[:12]}"

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LanguageGenerator",
    "SiteOptions",
    "generate_into",
    "generate_site",
    "page",
]

# One page per record: (catalog table, template and variable name, column of the page description).
LISTINGS = (
    ("programs", "program", "summary"),
    ("organizations", "organization", "description"),
    ("sites", "site", None),
    ("networks", "network", "description"),
)


def page(front: dict[str, Any], body: str) -> bytes:
    lines = ["---"]
    for key, value in front.items():
        lines.append(f"{key}: {front_matter_value(value) if isinstance(value, str) else json.dumps(value)}")
    lines += ["---", "", body.strip(), ""]
    return "\n".join(lines).encode("utf-8")


class LanguageGenerator:
    """All pages of one language."""

    def __init__(self, catalog: Catalog, project: Project, options: SiteOptions, lang: str, files: dict[str, bytes]):
        self.catalog = catalog
        self.project = project
        self.options = options
        self.lang = lang
        self.t = Templates(
            project.templates,
            catalog,
            lang,
            bytecode_dir=project.root / ".cache" / "templates" / BYTECODE_KEY / lang,
            globals={"options": options, "source": self.source, "mentions_website": mentions_website},
        )
        self.files = files

    def render(
        self,
        path: str,
        template: str,
        title: str,
        *,
        description: str = "",
        hide: tuple[str, ...] = ("navigation", "toc"),
        title_lang: str | None = None,
        **context: Any,
    ) -> None:
        """Write one page. ``title_lang``: the language of ``title`` when it is not the page's
        (an English name on a French page); the page then carries its own marked heading."""
        body = self.t.render(template, urls=Urls.of_file(path, self.lang), **context)
        if title_lang and title_lang != self.lang:
            body = f'<h1 lang="{title_lang}">{html.escape(title)}</h1>\n\n{body}'  # Material then adds no h1
        front: dict[str, Any] = {"title": title, "hide": list(hide)}
        if description:
            front["description"] = description
        self.files[localized(path, self.lang)] = page(front, body)

    def source(self, kind: str, record_id: str) -> str:
        """Link to the record's line in the repository, for 'suggest a correction'."""
        src = self.catalog.sources.get((kind, record_id))
        if not src or not self.options.source_url:
            return ""
        return f"{self.options.source_url.rstrip('/')}/{src.path}#L{src.line}"

    def generate(self) -> None:
        self.home_and_finder()
        self.listings()
        self.protocols()
        t = self.t
        stale = stale_by_network(self.catalog, reference_date())
        self.render("networks/index.md", "networks.md.j2", t.t("networks_title"), freshness=stale)
        self.render("referrers/index.md", "referrers.md.j2", t.t("referrers_title"), description=t.t("referrers_description"))
        self.render("glossary.md", "glossary.md.j2", t.t("glossary_title"), hide=("navigation",))
        self.forms()
        plan_pages(self, self.catalog.plans)
        self.pages_from_content()

    def home_and_finder(self) -> None:
        t = self.t
        self.render("index.md", "home.md.j2", t.t("home_title"), description=t.t("home_description"))
        finder_pages(self)

    def listings(self) -> None:
        for table, kind, description in LISTINGS:
            for record in getattr(self.catalog, table).values():
                self.render(
                    record_file(table, record.id),
                    f"{kind}.md.j2",
                    field_in(record, "name", self.lang),
                    title_lang=None if getattr(record, f"name_{self.lang}", None) else DEFAULT_LANGUAGE,
                    description=field_in(record, description, self.lang) if description else "",
                    **{kind: record, "org": self.owner(table, record)},
                )

    def owner(self, table: str, record: Any) -> Any:
        """The organization a record belongs to (itself for an organization; None for a network)."""
        if table == "organizations":
            return record
        organization_id = getattr(record, "organization_id", None)
        return self.catalog.organizations[organization_id] if organization_id else None

    def protocols(self) -> None:
        for pr in self.catalog.protocols.values():
            meta, french = pr.meta, self.lang == "fr"
            body = pr.body_fr if french and pr.body_fr is not None else pr.body
            self.render(
                record_file("protocols", pr.id),
                "protocol.md.j2",
                field_in(meta, "title", self.lang),
                description=field_in(meta, "summary", self.lang),
                protocol=pr,
                body_html=markdown_to_safe_html(body),
                body_in_english=french and pr.body_fr is None,
            )

    def forms(self) -> None:
        """Each form as a page with its fillable HTML, and its PDF and DOCX beside it
        (``forms/<id>.pdf``, localized like the pages). Rendering is cached per definition."""
        cache = self.options.cache_dir or self.project.root / ".cache" / "forms"
        for form in self.catalog.forms.values():
            lang = self.lang if self.lang in form.languages else DEFAULT_LANGUAGE
            downloads = {}
            for kind in ("pdf", "docx"):
                data = render_cached(form, lang, kind, cache)
                self.files[localized(form_file(form.id, kind), self.lang)] = data
                downloads[kind] = max(1, round(len(data) / 1024))
            html = render_cached(form, lang, "html", cache).decode("utf-8")
            self.render(
                record_file("forms", form.id),
                "form.md.j2",
                form.tr("title", lang),
                description=form.tr("purpose", lang),
                form=form,
                form_lang=lang,
                form_html=html,
                downloads=downloads,
                hide=("navigation",),
            )
        if self.catalog.forms:
            self.render("forms/index.md", "forms.md.j2", self.t.t("forms_title"), description=self.t.t("forms_description"))

    def pages_from_content(self) -> None:
        """Hand-written pages (``about.md``, ``about.fr.md``): their Markdown is sanitized like any
        other content; a page without a French version shows the English one."""
        for stem, path in hand_written_pages(self.project, self.lang).items():
            title, _, rest = path.read_text(encoding="utf-8").partition("\n")
            in_english = self.lang != DEFAULT_LANGUAGE and not path.name.endswith(f".{self.lang}.md")
            self.render(
                f"{stem}.md",
                "content_page.md.j2",
                title.lstrip("# ").strip(),
                body_html=markdown_to_safe_html(rest),
                body_in_english=in_english,
                hide=("navigation",),
            )


def hand_written_pages(project: Project, lang: str) -> dict[str, Path]:
    folder = project.content / "pages"
    pages: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        stem, _, suffix = path.stem.partition(".")
        if not suffix:
            pages.setdefault(stem, path)
        elif suffix == lang:
            pages[stem] = path
    return pages


def assets(project: Project, files: dict[str, bytes]) -> None:
    folder = project.templates / "assets"
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not hidden(rel):  # .DS_Store, .gitkeep
            files[f"assets/{rel}"] = path.read_bytes()


def form_assets(project: Project, files: dict[str, bytes]) -> None:
    """The forms' own stylesheet and script, loaded by form pages only."""
    for name, target in (("form.css", "assets/forms.css"), ("form.js", "assets/forms.js")):
        files[target] = (project.templates / "forms" / name).read_bytes()


def generate_into(catalog: Catalog, project: Project, options: SiteOptions, docs_dir: Path) -> str:
    """Generate the site's pages into ``docs_dir`` (writing only what changed); returns a one-line
    account for the log. Raises ``FormRenderError`` when forms cannot be rendered here."""
    files = generate_site(catalog, project, options)
    stats = write_tree(files, docs_dir)
    return f"generated {len(files)} files: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed"


def generate_site(catalog: Catalog, project: Project, options: SiteOptions) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        LanguageGenerator(catalog, project, options, lang, files).generate()
    assets(project, files)
    form_assets(project, files)
    return files
