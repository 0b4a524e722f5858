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
import re
from pathlib import Path
from typing import Any

import jinja2

from literacy_directory.catalog.directory import Catalog, is_retired
from literacy_directory.catalog.freshness import stale_by_network
from literacy_directory.catalog.readinglevels import NetworkGrades, grades_by_network
from literacy_directory.core import jinja, sitepaths
from literacy_directory.core.dates import reference_date
from literacy_directory.core.lang import field_in
from literacy_directory.core.project import Project
from literacy_directory.core.safefs import make_folders, read_regular, regular_files
from literacy_directory.forms.render import render_cached
from literacy_directory.load.confine import read_confined
from literacy_directory.schema.columns import column_reference
from literacy_directory.site import templating
from literacy_directory.site.finder import PAGE, mentions_website
from literacy_directory.site.finderpages import finder_pages
from literacy_directory.site.formlinks import FormLinks
from literacy_directory.site.handout import QrCodes, lines, mailto, sms
from literacy_directory.site.opendata import data_page_context, open_data_files
from literacy_directory.site.planpages import plan_pages
from literacy_directory.site.sanitize import front_matter_value, markdown_to_safe_html
from literacy_directory.site.searchterms import PageIndex, page_kind, suggestion_words
from literacy_directory.site.settings import DEFAULT_LANGUAGE, LANGUAGES, SiteOptions
from literacy_directory.site.templating import Templates
from literacy_directory.site.urls import Urls, absolute_url, form_file, localized, record_file
from literacy_directory.site.workbook_cache import site_workbooks
from literacy_directory.site.writer import write_tree
from literacy_directory.validate.readability import MIN_WORDS, CachedScorer

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

    def __init__(
        self,
        catalog: Catalog,
        project: Project,
        options: SiteOptions,
        lang: str,
        files: dict[str, bytes],
        qr_codes: QrCodes | None = None,
    ):
        self.catalog = catalog
        self.project = project
        self.options = options
        self.lang = lang
        self.t = Templates(
            project.templates,
            catalog,
            lang,
            bytecode_dir=make_folders(project.root, ".cache", "templates", BYTECODE_KEY, lang),
            globals={
                "options": options,
                "source": self.source,
                "mentions_website": mentions_website,
                "finder_page": PAGE,
                "form_links": FormLinks(catalog, lang),
                "page_url": self.page_url,
                "qr": (qr_codes or QrCodes()).svg,
                "mailto": mailto,
                "sms": sms,
                "lines": lines,
            },
        )
        self.files = files
        self.index = PageIndex(catalog, lang, self.t.t)

    def render(
        self,
        path: str,
        template: str,
        title: str,
        *,
        description: str = "",
        hide: tuple[str, ...] = ("navigation", "toc"),
        title_lang: str | None = None,
        indexed: bool = True,
        **context: Any,
    ) -> None:
        """Write one page. ``title_lang``: the language of ``title`` when it is not the page's
        (an English name on a French page); the page then carries its own marked heading.
        ``indexed=False`` keeps the page out of the site search and its facets (a retired record)."""
        body = self.t.render(template, urls=Urls.of_file(path, self.lang), **context)
        if title_lang and title_lang != self.lang:
            body = f'<h1 lang="{title_lang}">{html.escape(title)}</h1>\n\n{body}'  # Material then adds no h1
        front: dict[str, Any] = {"title": title, "hide": list(hide)}
        if description:
            front["description"] = description
        kind = page_kind(path)
        if kind and indexed:  # what the site search indexes, shows and filters on (see searchterms)
            front["pagefind"] = self.index.front_matter(kind, title, body, context)
        self.files[localized(path, self.lang)] = page(front, body)

    def page_url(self, urls: Urls) -> str:
        """The page's public address (printed on handouts, sent to learners); empty without site_url."""
        return absolute_url(self.options.site_url, self.lang, urls.page)

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
        workbooks = self.workbooks()
        self.render(
            sitepaths.NETWORKS,
            "networks.md.j2",
            t.t("networks_title"),
            freshness=stale,
            workbooks=workbooks,
            reading=self.reading_levels(),
            reading_min_words=MIN_WORDS,
        )
        self.render(sitepaths.REFERRERS, "referrers.md.j2", t.t("referrers_title"), description=t.t("referrers_description"))
        self.render(sitepaths.GLOSSARY, "glossary.md.j2", t.t("glossary_title"), hide=("navigation",))
        self.render(
            sitepaths.COLUMNS,
            "columns.md.j2",
            t.t("columns_title"),
            description=t.t("columns_description"),
            hide=("navigation",),
            tables=column_reference(self.project),
        )
        self.files[localized("search/words.json", self.lang)] = json.dumps(
            suggestion_words(self.catalog, self.lang), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        self.forms()
        plan_pages(self, self.catalog.plans)
        self.pages_from_content()

    def reading_levels(self) -> list[NetworkGrades]:
        """Each network's programs by reading grade, from the scores ``check`` keeps."""
        scorer = CachedScorer(self.project.root)
        grades = grades_by_network(self.catalog, scorer)
        scorer.save()
        return grades

    def workbooks(self) -> dict[str, int]:
        """Each network's workbook for editing its listings (``networks/<id>.xlsx``); their sizes in KB."""
        sizes = {}
        for network_id, data in site_workbooks(self.project, sorted(self.catalog.networks)).items():
            self.files[localized(f"networks/{network_id}.xlsx", self.lang)] = data
            sizes[network_id] = max(1, round(len(data) / 1024))
        return sizes

    def home_and_finder(self) -> None:
        t = self.t
        self.render(sitepaths.HOME, "home.md.j2", t.t("home_title"), description=t.t("home_description"))
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
                    indexed=not is_retired(record),
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
        cache = self.options.cache_dir or make_folders(self.project.root, ".cache", "forms")
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
            self.render(sitepaths.FORMS, "forms.md.j2", self.t.t("forms_title"), description=self.t.t("forms_description"))

    def data_page(self, data: dict[str, bytes]) -> None:
        """The "Download the data" page, listing the open data files (written once, for all languages)."""
        context = data_page_context(self.catalog, self.project, data, self.lang)
        self.render(
            "data/index.md",
            "data.md.j2",
            self.t.t("data_title"),
            description=self.t.t("data_description"),
            hide=("navigation",),
            **context,
        )

    def pages_from_content(self) -> None:
        """Hand-written pages (``about.md``, ``about.fr.md``): their Markdown is sanitized like any
        other content; a page without a French version shows the English one."""
        for stem, path in hand_written_pages(self.project, self.lang).items():
            title, _, rest = read_confined(self.project, path).decode("utf-8-sig").partition("\n")
            in_english = self.lang != DEFAULT_LANGUAGE and not path.name.endswith(f".{self.lang}.md")
            self.render(
                f"{stem}.md",
                "content_page.md.j2",
                title.lstrip("# ").strip(),
                body_html=page_links(markdown_to_safe_html(rest)),
                body_in_english=in_english,
                hide=("navigation",),
            )


PAGE_LINK = re.compile(r'href="([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.[a-z]{2})?\.md(#[^"]*)?"')


def page_links(body_html: str) -> str:
    """Links between hand-written pages as their authors write them (``privacy.md``, as in any
    Markdown editor) → the built page's address (``../privacy/``: each page is a folder)."""
    return PAGE_LINK.sub(lambda m: f'href="../{m.group(1)}/{m.group(2) or ""}"', body_html)


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
    """The site's assets, as they are; dot files (.DS_Store, .gitkeep) are left out and a
    symbolic link is refused (``UnsafePathError``), never followed."""
    folder = project.templates / "assets"
    for rel in regular_files(folder) if folder.is_dir() else []:
        files[f"{sitepaths.ASSETS}/{rel}"] = read_regular(folder / rel)


def form_assets(project: Project, files: dict[str, bytes]) -> None:
    """The forms' own stylesheet and script, loaded by form pages only."""
    for name, target in (("form.css", "assets/forms.css"), ("form.js", "assets/forms.js")):
        files[target] = read_regular(project.templates / "forms" / name)


def generate_into(catalog: Catalog, project: Project, options: SiteOptions, docs_dir: Path) -> str:
    """Generate the site's pages into ``docs_dir`` (writing only what changed); returns a one-line
    account for the log. Raises ``FormRenderError`` when forms cannot be rendered here."""
    files = generate_site(catalog, project, options)
    stats = write_tree(files, docs_dir)
    return f"generated {len(files)} files: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed"


def generate_site(catalog: Catalog, project: Project, options: SiteOptions) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    data = open_data_files(catalog, project)
    qr_codes = QrCodes(make_folders(project.root, ".cache", "qr"), project.root, deferred=True)
    for lang in LANGUAGES:
        generator = LanguageGenerator(catalog, project, options, lang, files, qr_codes)
        generator.generate()
        generator.data_page(data)
    qr_codes.fill(files)
    qr_codes.save()
    files.update(data)
    assets(project, files)
    form_assets(project, files)
    return files
