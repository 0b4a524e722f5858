"""The finder's pages, each usable without JavaScript: the finder (``find/``), one page per goal
listing the places that have it (``find/goals/<goal>/``), one per community (``find/<community>/``)
and one per community and goal (``find/<community>/<goal>/``), a short list in the finder's order.
``finder.js`` enhances the same markup; it reads ``find/index.json``, ``find/places.json`` once a place
is typed, and ``find/data/<community>.json``.

Three taps from the home page without JavaScript: a goal button, a place, the list.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from literacy_directory.site.finder import (
    community_centre,
    finder_index,
    finder_places,
    finder_shard,
    nearest_with_goal,
    ordered,
    programs_for,
    province_wide,
    province_wide_programs,
)
from literacy_directory.site.planpages import PageWriter
from literacy_directory.site.settings import SiteOptions
from literacy_directory.site.templating import fold
from literacy_directory.site.urls import localized


class FinderWriter(PageWriter, Protocol):
    """What the finder's pages need of the generator of one language (``generate.LanguageGenerator``)."""

    options: SiteOptions


GOALS_FOLDER = "goals"
"""``find/goals/<goal>/``: a community with this id would clash, so none gets a page under it."""


class CommunityLists:
    """Each community's programs (its own and the province-wide ones), found once: the finder's
    pages ask for them per community and goal (about 12 times per community and language), and
    finding the province-wide programs means a pass over every program."""

    def __init__(self, catalog: Any):
        self.catalog = catalog
        self.wide = province_wide_programs(catalog)
        self._all: dict[str, list[Any]] = {}

    def of(self, community_id: str, goal: str | None = None) -> list[Any]:
        found = self._all.get(community_id)
        if found is None:
            found = self._all[community_id] = programs_for(self.catalog, community_id, None, self.wide)
        return found if goal is None else [p for p in found if goal in p.goal_paths]


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def finder_pages(gen: FinderWriter) -> None:
    catalog, lang, t = gen.catalog, gen.lang, gen.t
    goals = list(catalog.vocabularies["goal_path"].codes)
    communities = sorted(catalog.communities.values(), key=lambda c: (fold(t.text_of(c, "name")), c.id))
    lists = CommunityLists(catalog)
    languages = {code for p in catalog.current("programs") for code in p.languages}
    common: dict[str, Any] = {
        "goals": goals,
        "communities": communities,
        "help_phone": gen.options.help_phone,
        "languages": languages,
    }
    gen.render(
        "find/index.md",
        "finder.md.j2",
        t.t("finder_title"),
        description=t.t("finder_description"),
        base="../",
        community=None,
        goal=None,
        groups=ordered(catalog, lists.wide, None, lang),
        counts={c.id: len(lists.of(c.id)) for c in communities},
        **common,
    )
    gen.files[localized("find/index.json", lang)] = _json(finder_index(catalog, lang, t.date))
    gen.files[localized("find/places.json", lang)] = _json(finder_places(catalog, lang))
    for goal in goals:
        counts = {c.id: len(lists.of(c.id, goal)) for c in communities}
        gen.render(
            f"find/{GOALS_FOLDER}/{goal}/index.md",
            "finder_goal.md.j2",
            catalog.plain("goal_path", goal, lang),
            description=t.t("finder_goal_description", goal=catalog.plain("goal_path", goal, lang)),
            base="../../../",
            goal=goal,
            counts=counts,
            **common,
        )
    for community in communities:
        if community.id == GOALS_FOLDER:
            continue
        gen.files[localized(f"find/data/{community.id}.json", lang)] = _json(finder_shard(catalog, community.id, lang, t.date))
        _community_pages(gen, community, common, lists)


def _community_pages(gen: FinderWriter, community: Any, common: dict[str, Any], lists: CommunityLists) -> None:
    catalog, lang, t = gen.catalog, gen.lang, gen.t
    name = t.text_of(community, "name")
    origin = community_centre(catalog, community.id)
    counts = {g: len(lists.of(community.id, g)) for g in common["goals"]}
    for goal in (None, *common["goals"]):
        programs = lists.of(community.id, goal)
        title = t.t("finder_list_title", goal=catalog.plain("goal_path", goal, lang), place=name) if goal else name
        gen.render(
            f"find/{community.id}/{goal + '/' if goal else ''}index.md",
            "finder_list.md.j2",
            title,
            description=t.t("finder_community_description", place=name),
            base="../../../" if goal else "../../",
            community=community,
            goal=goal,
            goal_counts=counts,
            groups=ordered(catalog, programs, origin, lang),
            nearby=[]
            if any(p for p in programs if not province_wide(catalog, p))
            else nearest_with_goal(catalog, community.id, goal),
            **common,
        )
