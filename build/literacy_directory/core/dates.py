"""Today's date, in one place: freshness and the generated pages are judged against it, and
builds and tests pin it with the LITERACY_DIRECTORY_TODAY environment variable."""

from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "LITERACY_DIRECTORY_TODAY"


def today_from_environment() -> dt.date | None:
    """The date in LITERACY_DIRECTORY_TODAY, or None when it is unset or not a YYYY-MM-DD date."""
    value = os.environ.get(TODAY_VARIABLE, "")
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def reference_date(today: dt.date | None = None) -> dt.date:
    """The date freshness is judged against: ``today`` if given, else the LITERACY_DIRECTORY_TODAY
    environment variable (for reproducible builds and tests), else the real date."""
    return today or today_from_environment() or dt.date.today()
