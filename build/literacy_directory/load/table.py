"""A CSV table as read: its typed rows, each with the physical line where it starts, and where
each column sits in the file's header (so every finding can be located)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from literacy_directory.schema.datapackage import TableSpec


@dataclass(frozen=True)
class Row:
    """One record of a table: its typed values and the physical line where it starts.

    ``complete`` is False when the record has more or fewer cells than the header: its values are
    then shifted, so only its id is trusted and the rules skip it."""

    line: int
    values: dict[str, Any]
    complete: bool = True

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)


@dataclass
class Table:
    spec: TableSpec
    path: str
    rows: list[Row] = field(default_factory=list)
    readable: bool = True
    header_positions: dict[str, int] = field(default_factory=dict)
    truncated: bool = False

    @property
    def ids_known(self) -> bool:
        """True when every id of the table was read, so a reference to a missing one is an error."""
        return self.readable and not self.truncated and "id" in self.header_positions

    @property
    def complete_rows(self) -> list[Row]:
        """The rows whose cells line up with the header (the ones the rules can judge)."""
        return [r for r in self.rows if r.complete]

    def column_of(self, name: str) -> int:
        """1-based position of a column in the file's header (1 when the column is missing)."""
        return self.header_positions.get(name, 1)
