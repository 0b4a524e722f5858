"""What the finder should show, computed from the content CSVs (never hard-coded): the place a
text resolves to, distances, the province-wide programs, and the order of a result list."""

from __future__ import annotations

import math
import re
from typing import Any

from browser_support import Content, read_csv, split

TAKING = {"open": 0, "limited": 0, "": 0, "waitlist": 1, "paused": 2, "closed": 2}
KM = re.compile(r"(\d+(?:[.,]\d)?) km")
Point = tuple[float, float]


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance by the spherical law of cosines (an oracle independent of the
    finder's haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cosine)))


def places(content: Content) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_csv(content.root, "places")}


def place_point(content: Content, place_id: str) -> Point:
    row = places(content)[place_id]
    return (float(row["latitude"]), float(row["longitude"]))


def site_with_postal_code(content: Content, code: str) -> dict[str, str]:
    return next(s for s in content.sites.values() if s["postal_code"] == code)


def province_wide(content: Content, program: dict[str, str]) -> bool:
    roles = split(content.organizations[program["organization_id"]]["roles"])
    return not program["site_ids"] and "e_channel_provider" in roles


def nearest_km(content: Content, program: dict[str, str], origin: Point) -> float:
    points = [content.sites[s] for s in split(program["site_ids"])]
    return min(
        (distance_km(origin, (float(s["latitude"]), float(s["longitude"]))) for s in points if s["latitude"]), default=math.inf
    )


def nearest_taking_lbs(content: Content, origin: Point) -> str:
    """The LBS program with a site, taking learners, nearest to ``origin``: the first result."""
    candidates = [p for p in content.programs if p["type"] == "lbs" and p["site_ids"] and TAKING[p["intake_status"]] == 0]
    return min(candidates, key=lambda p: nearest_km(content, p, origin))["id"]


def cards(page: Any, group: str) -> list[dict[str, Any]]:
    """The cards of one result group: id, intake class, distance in km (None when not shown)."""
    found = page.locator(f"#ld-results .ld-group--{group} li.ld-result").evaluate_all(
        """items => items.map(li => ({
            id: li.dataset.id,
            status: (li.querySelector('.ld-status') || {className: ''}).className,
            where: (li.querySelector('.ld-distance') || {textContent: ''}).textContent,
        }))"""
    )
    for card in found:
        match = KM.search(card["where"])
        card["km"] = float(match.group(1).replace(",", ".")) if match else None
    return found


def in_finder_order(content: Content, found: list[dict[str, Any]]) -> bool:
    """Taking learners first, then nearest (distances as shown, to 0.1 km)."""
    programs = {p["id"]: p for p in content.programs}
    keys = [(TAKING[programs[c["id"]]["intake_status"]], math.inf if c["km"] is None else c["km"]) for c in found]
    return keys == sorted(keys)
