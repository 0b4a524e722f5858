"""Rules for ``content/places.csv`` that a Table Schema cannot say: each postal prefix is the
first three characters of an Ontario postal code (a forward sortation area, like ``N4R``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.validate.content import Content

ONTARIO_FSA = re.compile(r"[KLMNP][0-9][ABCEGHJ-NPRSTV-Z]")


def check_places(content: Content, today: dt.date) -> Iterator[Diagnostic]:
    table = content.tables.get("places")
    if table is None:
        return
    for row in table.complete_rows:
        for prefix in row["postal_prefixes"] or []:
            if not ONTARIO_FSA.fullmatch(prefix):
                yield error(
                    table.path,
                    row.line,
                    table.column_of("postal_prefixes"),
                    "postal-prefix",
                    f'"{prefix}" is not the start of an Ontario postal code',
                    "Write the first three characters of the postal code, in capitals, like N4R "
                    "(Ontario's begin with K, L, M, N or P); separate several with ;.",
                )
