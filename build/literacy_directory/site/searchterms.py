"""What the site search (Pagefind) knows about a page beyond its visible text. No I/O, no MkDocs.

Only records and references are indexed: program, organization, site, protocol, glossary, plan and
form pages (``page_kind``). Each indexed page carries, in its front matter (``pagefind:``), what
the theme turns into Pagefind attributes:

- ``type``, ``organization``, ``communities``: shown with each result (``data-pagefind-meta``);
- ``type``, ``communities``, ``goals``: facets (``data-pagefind-filter``);
- ``name``: the record's name again, weighted high, so an exact name ranks first;
- ``terms``: the words learners use for what the page says, from the glossary (its term, what
  an acronym stands for, and its ``synonyms_*`` column): a page saying "secondary school credit"
  is also found by "GED" and "high school equivalency", one saying "math" by "numeracy".

``suggestion_words`` lists the site's own words (community, program and organization names) that
"Did you mean" picks from when a search finds nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from literacy_directory.catalog.directory import Catalog, current

# First folder of a page → its kind. Folder index pages (lists) are not indexed.
KIND_OF_FOLDER = {"programs": "program", "organizations": "organization", "sites": "site", "protocols": "protocol"}
TAG = re.compile(r"<[^>]*>")
COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
LOW_WEIGHT_KINDS = {"glossary": 0.5, "plan": 0.5, "form": 0.5}
"""Pages that explain words (the glossary) or serve networks and referrers (plans, forms) rank after
the programs a learner is looking for (Pagefind weights 0-10)."""


def page_kind(path: str) -> str | None:
    """The kind of an indexed page from its path in docs/ (``programs/x.md`` → ``program``), or None."""
    folder, _, rest = path.partition("/")
    if path == "glossary.md":
        return "glossary"
    if not rest or rest == "index.md" or not rest.endswith(".md"):
        return None
    if folder == "plans":
        return "plan"
    if folder == "forms":
        return "form"
    return KIND_OF_FOLDER.get(folder)


def fold(text: str) -> str:
    """Lower case without accents (what learners type on a phone)."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    return COMBINING.sub("", unicodedata.normalize("NFD", text))  # one C-level pass: it runs on every page


def split_list(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def in_language(record: Any, base: str, lang: str) -> str:
    """A bilingual field in ``lang``, else English (the project's French-else-English rule)."""
    value = getattr(record, f"{base}_{lang}", None) if lang != "en" else None
    return str(value or getattr(record, f"{base}_en", None) or "")


class LearnerWords:
    """The glossary as groups of words that mean the same thing, in one language."""

    def __init__(self, catalog: Catalog, lang: str):
        self.groups: list[tuple[str, ...]] = []
        for term in catalog.glossary.values():
            # An acronym is also searched in its English form (GED, ESL); other English terms
            # ("Assessment") have no place on a French page.
            english = [term.term_en] if term.expansion_en else []
            phrases = [in_language(term, "term", lang), *english, in_language(term, "expansion", lang)]
            phrases += split_list(in_language(term, "synonyms", lang))
            group = tuple(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))
            if len(group) > 1:
                self.groups.append(group)

    @cached_property
    def _phrases(self) -> dict[str, list[tuple[str, set[int]]]]:
        """First word → [(the phrase's words joined by spaces, its groups)], all folded."""
        owners: dict[str, set[int]] = {}
        for i, group in enumerate(self.groups):
            for phrase in group:
                owners.setdefault(" ".join(WORD.findall(fold(phrase))), set()).add(i)
        by_first: dict[str, list[tuple[str, set[int]]]] = {}
        for phrase, groups in owners.items():
            if phrase:
                by_first.setdefault(phrase.split(" ", 1)[0], []).append((phrase, groups))
        return by_first

    @cached_property
    def _folded(self) -> list[tuple[tuple[str, str], ...]]:
        return [tuple((p, " ".join(WORD.findall(fold(p)))) for p in group) for group in self.groups]

    def extra_words(self, text: str) -> str:
        """The words of every group ``text`` mentions (whole words) that it does not already contain."""
        words = WORD.findall(fold(text))
        joined = f" {' '.join(words)} "
        present: set[str] = set()
        found: set[int] = set()
        for first in self._phrases.keys() & set(words):  # set operations in C: pages are many
            for phrase, groups in self._phrases[first]:
                if f" {phrase} " in joined:
                    present.add(phrase)
                    found |= groups
        extra: dict[str, str] = {}  # folded → as written, the first spelling kept
        for i in sorted(found):
            for phrase, folded in self._folded[i]:
                if folded not in present:
                    extra.setdefault(folded, phrase)
        return " · ".join(extra.values())


def page_text(body_html: str) -> str:
    return html.unescape(TAG.sub(" ", body_html))


class PageIndex:
    """The ``pagefind:`` front matter of the indexed pages of one language."""

    def __init__(self, catalog: Catalog, lang: str, t: Callable[[str], str]):
        self.catalog = catalog
        self.lang = lang
        self.t = t
        self.words = LearnerWords(catalog, lang)

    def front_matter(self, kind: str, title: str, body_html: str, context: dict[str, Any]) -> dict[str, Any]:
        about = self._about(kind, context)
        front: dict[str, Any] = {"type": self.t(f"search_type_{kind}"), "name": title, **about}
        if kind != "glossary":  # the glossary already holds every word of every group
            terms = self.words.extra_words(f"{title} {page_text(body_html)}")
            if terms:
                front["terms"] = terms
        if kind in LOW_WEIGHT_KINDS:
            front["weight"] = LOW_WEIGHT_KINDS[kind]
        return front

    def _about(self, kind: str, context: dict[str, Any]) -> dict[str, Any]:
        c = self.catalog
        if kind == "program":
            program = context["program"]
            return self._facts(context["org"], c.program_community_ids(program.id), program.goal_paths)
        if kind == "organization":
            org = context["organization"]
            programs = c.programs_of_organization(org.id)
            communities = [s.community_id for s in c.sites_of_organization(org.id)]
            communities += [cid for p in programs for cid in c.program_community_ids(p.id)]
            facts = self._facts(org, communities, [g for p in programs for g in p.goal_paths])
            facts.pop("organization", None)  # its own name: the result's title already says it
            return facts
        if kind == "site":
            return self._facts(context["org"], [context["site"].community_id], ())
        if kind == "protocol":
            orgs = [c.organizations[o] for o in context["protocol"].organization_ids if o in c.organizations]
            return {"organization": ", ".join(in_language(o, "name", self.lang) for o in orgs)} if orgs else {}
        return {}

    def _facts(self, org: Any, community_ids: Iterable[str], goal_paths: Iterable[str]) -> dict[str, Any]:
        communities = [in_language(self.catalog.communities[i], "name", self.lang) for i in dict.fromkeys(community_ids)]
        goals = [self.catalog.label("goal_path", g, self.lang) for g in dict.fromkeys(goal_paths)]
        facts: dict[str, Any] = {"organization": in_language(org, "name", self.lang)} if org is not None else {}
        if communities:
            facts["communities"] = communities
        if goals:
            facts["goals"] = goals
        return facts


def suggestion_words(catalog: Catalog, lang: str) -> list[str]:
    """Distinct words (3+ letters) of community, program and organization names, as written,
    sorted by their folded form: what "Did you mean" may offer."""
    names = [
        in_language(r, "name", lang)
        for table in (catalog.communities, catalog.programs, catalog.organizations)
        for r in current(table.values())  # a retired name would lead to a search with no result
    ]
    words: dict[str, str] = {}
    for name in names:
        for word in WORD.findall(name):
            if len(word) >= 3 and not word.isdigit():
                words.setdefault(fold(word), word)
    return [words[k] for k in sorted(words)]
