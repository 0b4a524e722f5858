"""The Jinja environment for generated pages: autoescape on, undefined names are errors, and the
filters templates use to show vocabulary labels, phone links, dates and glossary tooltips."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from literacy_directory.catalog.directory import Catalog
from literacy_directory.core.jinja import environment, load_strings
from literacy_directory.core.lang import field_in, in_language
from literacy_directory.core.sealedcache import SealedBytecodeCache

PHONE_DIGITS = re.compile(r"^(1-)?(\d{3})-(\d{3})-(\d{4})(?: ext\. (\d+))?$")


ACRONYM = r"[A-Za-z][A-Za-z0-9-]{1,9}"
# A word that could be an acronym: not inside a longer word, an entity (&amp;) or a hyphenated word.
# A term can only ever match such a whole word, so finding the words once and looking each up is
# the same as searching for every term, in time linear in the text whatever the glossary's size
# (one alternation of 200,000 terms is tried term by term at every position: it never finished).
CANDIDATE = re.compile(r"(?<![\w&#-])" + ACRONYM + r"(?![\w-])")


class Glossary:
    """Wraps known acronyms in escaped text with ``<abbr title>`` (tooltips)."""

    def __init__(self, catalog: Catalog, lang: str):
        self.titles: dict[str, str] = {}
        for term in catalog.glossary.values():
            word = in_language(term.term_en, term.term_fr, lang).strip()
            expansion = in_language(term.expansion_en, term.expansion_fr, lang) or ""
            if expansion and re.fullmatch(ACRONYM, word):
                self.titles[word] = expansion

    def _link(self, match: re.Match[str]) -> str:
        word = match.group()
        title = self.titles.get(word)
        return f'<abbr title="{escape(title)}">{word}</abbr>' if title is not None else word

    def __call__(self, text: Any) -> Markup:
        safe = str(escape(text))
        if not self.titles:
            return Markup(safe)
        return Markup(CANDIDATE.sub(self._link, safe))


CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(text: Any) -> Markup:
    """Escaped text whose Markdown code spans (`east-end-literacy`) become ``<code>`` elements:
    the schema's descriptions are written that way."""
    return Markup(CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


def _field(record: Any, name: str) -> Any:
    """``record[name]`` as Jinja reads it: a key of a mapping, else an attribute."""
    if isinstance(record, Mapping):
        return record[name]
    return getattr(record, name)


def fold(text: str) -> str:
    """Lower case without accents, for sorting (œ and æ spelled out)."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def tel_href(phone: str) -> str:
    """``613-555-0142 ext. 12`` → ``tel:+16135550142,12``."""
    match = PHONE_DIGITS.match(phone or "")
    if not match:
        return ""
    _, area, exchange, line, ext = match.groups()
    return f"tel:+1{area}{exchange}{line}" + (f",{ext}" if ext else "")


class Templates:
    """The page templates in one language. ``bytecode_dir``: where compiled templates are kept
    (keyed on each template's source and sealed, see ``sealedcache``), so the second language and the next
    build do not compile them again (~0.25 s a language)."""

    def __init__(
        self,
        templates: Path,
        catalog: Catalog,
        lang: str = "en",
        bytecode_dir: Path | None = None,
        globals: dict[str, Any] | None = None,
    ):
        self.lang = lang
        self.catalog = catalog
        self.strings = load_strings(templates, lang)
        self.glossary = Glossary(catalog, lang)
        bytecode_cache = None
        if bytecode_dir is not None:  # sealed: a compiled template is run only if this machine wrote it
            bytecode_cache = SealedBytecodeCache(bytecode_dir, templates.parent)
        self.env = environment(templates / "pages", bytecode_cache=bytecode_cache, keep_trailing_newline=True)
        self.env.filters.update(
            label=self.label,
            labels=self.labels,
            plain=self.plain,
            km=self.km,
            tel=tel_href,
            date=self.date,
            txt=self.glossary,
            t=self.t,
            community_name=self.community_name,
            by_text=self.by_text,
            code=code_spans,
        )
        self.env.tests["contains"] = lambda seq, item: item in (seq or ())
        # Globals, not render context, so that `{% import '_macros.j2' as m %}` is compiled and run
        # once per language instead of once per page.
        self.env.globals.update(
            t=self.t,
            text=self.text,
            text_of=self.text_of,
            list_labels=self.list_labels,
            plain_labels=self.plain_labels,
            catalog=catalog,
            lang=lang,
            **(globals or {}),
        )

    def t(self, key: str, **values: Any) -> str:
        try:
            text = self.strings[key]
        except KeyError:
            raise KeyError(f"no interface string {key!r} in site_templates/i18n/{self.lang}.yml") from None
        return text.format(**values) if values else text

    def text(self, record: Any, base: str, note: bool = True) -> Markup:
        """A bilingual field in the page's language, with glossary tooltips. On a French page
        without French text, the English text is marked lang="en", with a short note unless
        ``note`` is false (names need none). (A Python function rather than a Jinja macro: it
        runs for nearly every value on every page.)"""
        english = _field(record, f"{base}_en")
        if self.lang != "fr":
            return self.glossary(english)
        french = _field(record, f"{base}_fr")
        if french:
            return self.glossary(french)
        if not english:
            return Markup()
        marked = Markup('<span lang="en">{}</span>').format(self.glossary(english))
        return marked + Markup(' <span class="ld-en-only">{}</span>').format(self.t("english_only")) if note else marked

    def list_labels(self, codes: Iterable[str] | None, vocabulary: str) -> Markup:
        """The labels of ``codes``, escaped and joined with commas."""
        return Markup(", ").join(self.labels(codes, vocabulary))

    def label(self, code: str | None, vocabulary: str) -> str:
        return self.catalog.label(vocabulary, code, self.lang) if code else ""

    def plain(self, code: str | None, vocabulary: str) -> str:
        """The learner-facing label of a code (its official label when it has none)."""
        return self.catalog.plain(vocabulary, code, self.lang) if code else ""

    def plain_labels(self, codes: Iterable[str] | None, vocabulary: str) -> str:
        return ", ".join(self.plain(c, vocabulary) for c in codes or [])

    def km(self, value: float) -> str:
        """``2.34`` → ``2.3`` (``2,3`` in French); whole kilometres from 10 km (as finder.js)."""
        text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
        return text.replace(".", ",") if self.lang == "fr" else text

    def labels(self, codes: Iterable[str] | None, vocabulary: str) -> list[str]:
        return [self.label(c, vocabulary) for c in codes or []]

    def text_of(self, record: Any, base: str) -> str:
        """A bilingual field in the page language, falling back to English."""
        return field_in(record, base, self.lang)

    def by_text(self, records: Iterable[Any], base: str) -> list[Any]:
        """Records in the page language's alphabetical order ("Évaluation" under E): by the field's
        text with case and accents folded."""
        return sorted(records, key=lambda r: (fold(self.text_of(r, base)), r.id))

    def community_name(self, community_id: str) -> str:
        community = self.catalog.communities[community_id]
        return in_language(community.name_en, community.name_fr, self.lang) or community_id

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        month = self.t(f"month_{value.month}")
        return self.t("date_format", day=value.day, month=month, year=value.year)

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
