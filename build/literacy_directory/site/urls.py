"""The shapes of the site's addresses and file names, in one place (in the manner of datasette's
``url_builder``): Python asks here for a page's address or its Markdown file, and every template
gets a ``Urls`` bound to the page being written, whose links climb from that page."""

from __future__ import annotations

from dataclasses import dataclass

from literacy_directory.site.settings import DEFAULT_LANGUAGE


def localized(path: str, lang: str) -> str:
    """``programs/x.md`` → ``programs/x.fr.md`` (the default language keeps the plain name)."""
    if lang == DEFAULT_LANGUAGE:
        return path
    stem, dot, extension = path.rpartition(".")
    return f"{stem}.{lang}.{extension}" if dot else f"{path}.{lang}"


def record_url(table: str, record_id: str) -> str:
    """A record's page, from the language's root: ``programs/x/`` (protocols: ``protocols/x/``)."""
    return f"{table}/{record_id}/"


def record_file(table: str, record_id: str) -> str:
    """The Markdown file of a record's page: ``programs/x.md``."""
    return f"{table}/{record_id}.md"


def plan_url(network_id: str, fiscal_year: str) -> str:
    """A Literacy Service Plan's page: ``plans/<network>/<YYYY-YY>/`` (its files sit beside it)."""
    return f"plans/{network_id}/{fiscal_year}/"


def form_file(form_id: str, kind: str) -> str:
    """A form's download beside its page: ``forms/<id>.pdf`` (or ``.docx``)."""
    return f"forms/{form_id}.{kind}"


def absolute_url(site_url: str, lang: str, page: str) -> str:
    """A page's public address: ``site_url`` + the language's folder + the page's address
    (``https://…/fr/programs/x/``). Empty when the site has no ``site_url``."""
    if not site_url:
        return ""
    folder = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{site_url}{folder}{page}"


def address(page_file: str) -> str:
    """The address of the page a Markdown file makes (directory URLs): ``programs/x.md`` →
    ``programs/x/``, ``networks/index.md`` → ``networks/``, ``index.md`` → ``""``."""
    stem = page_file.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/" if stem else ""


@dataclass(frozen=True)
class Urls:
    """Links from one page (``page``: its address from the language's root) to the others."""

    page: str
    lang: str

    @classmethod
    def of_file(cls, page_file: str, lang: str) -> Urls:
        return cls(address(page_file), lang)

    @property
    def root(self) -> str:
        """From the page up to its language's root (``../../`` from ``programs/x/``)."""
        return "../" * self.page.count("/")

    def __call__(self, path: str) -> str:
        """Any page by its address from the language's root, like ``plans/``."""
        return self.root + path

    def record(self, table: str, record_id: str) -> str:
        return self.root + record_url(table, record_id)

    def plan(self, network_id: str, fiscal_year: str) -> str:
        return self.root + plan_url(network_id, fiscal_year)

    def near(self, path: str) -> str:
        """The shortest link to ``path`` (an address from the language's root), for the page's
        neighbours: another year of a plan (``../2024-25/``), a form's download (``../x.pdf``)."""
        here, there = self.page.split("/")[:-1], path.split("/")
        common = 0
        while common < min(len(here), len(there) - 1) and here[common] == there[common]:
            common += 1
        return "../" * (len(here) - common) + "/".join(there[common:])

    def near_plan(self, network_id: str, fiscal_year: str) -> str:
        return self.near(plan_url(network_id, fiscal_year))

    def download(self, form_id: str, kind: str) -> str:
        return self.near(form_file(form_id, kind))

    def asset(self, name: str) -> str:
        """A site-wide file (``assets/``), kept once at the site's root: pages of another language
        than the default are one folder deeper (``/fr/...``), so they climb one more level."""
        return self.root + ("" if self.lang == DEFAULT_LANGUAGE else "../") + f"assets/{name}"
