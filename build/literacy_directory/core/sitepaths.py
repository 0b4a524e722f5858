"""The addresses the generated site keeps for itself: one list, used by the generator (which writes
these pages) and by ``check`` (which refuses a record id or a hand-written page name that would
replace one of them, or be silently dropped in its favour). A test holds every file the generator
writes to this list.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"  # x.md; the others x.<lang>.md

FOLDER_PAGE = "index"  # a folder's own page: <folder>/index.md is the page at <folder>/

HOME = "index.md"
FINDER = "find/index.md"
FINDER_DATA = "find/index.json"
NETWORKS = "networks/index.md"
REFERRERS = "referrers/index.md"
GLOSSARY = "glossary.md"
COLUMNS = "columns.md"  # the column reference for networks (schema.columns)
FORMS = "forms/index.md"
PLANS = "plans/index.md"
ASSETS = "assets"
PROTOCOLS = "protocols"
OPEN_DATA = "data"  # data/: the directory as open data (site.opendata)

# One page per record: <folder>/<id>.md (the listings, protocols and forms), plans under plans/.
RECORD_FOLDERS = ("programs", "organizations", "sites", "networks", "protocols", "forms", "plans")

# Written into the built site by MkDocs, Material and mkdocs-static-i18n themselves (the search
# words for "did you mean", the not-found page, the sitemap, one folder per language other than
# English) and by Pagefind (pagefind/, the site search's index).
ENGINE_NAMES = ("search", "404", "sitemap", "pagefind", *LANGUAGES)

FIXED_PAGES = (HOME, FINDER, FINDER_DATA, NETWORKS, REFERRERS, GLOSSARY, COLUMNS, FORMS, PLANS)


def _top(path: str) -> str:
    return path.split("/", 1)[0].removesuffix(".md").removesuffix(".json")


RESERVED_PAGE_NAMES = frozenset({_top(p) for p in FIXED_PAGES} | {ASSETS, OPEN_DATA, *RECORD_FOLDERS, *ENGINE_NAMES})
"""Names a hand-written page in ``content/pages/`` cannot have."""

FINDER_FOLDERS = ("goals", "data")
"""find/goals/ and find/data/ (site.finderpages): no community can have these ids, as each community
gets find/<id>/."""

RESERVED_IDS = frozenset({FOLDER_PAGE})
"""Ids no record can have: ``<folder>/index.md`` is the folder's own page."""

RESERVED_COMMUNITY_IDS = frozenset({FOLDER_PAGE, *FINDER_FOLDERS})
"""Ids no community can have: each community gets find/<id>/ beside the finder's own folders."""
