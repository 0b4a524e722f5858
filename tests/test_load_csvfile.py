"""The byte-level CSV pass: its shortcut for files where every record is one line must give what
the full scan gives."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator

import pytest

from literacy_directory.load import csvfile
from literacy_directory.load.csvfile import inspect_csv


def full_scan(text: str):  # the scan without its shortcut
    original = csvfile._one_record_per_line
    csvfile._one_record_per_line = lambda _text: False
    try:
        return csvfile._scan_records("t.csv", text)
    finally:
        csvfile._one_record_per_line = original


def lines_of(starts: dict[int, int], count: int) -> list[int]:
    return [starts.get(n, n) for n in range(1, count + 1)]


@pytest.mark.parametrize(
    "text",
    [
        "id,name\na,Alpha\nb,Beta\n",
        "id,name\r\na,Alpha\r\n\r\nb,Beta",  # CRLF and a blank line
        "id,name\n a , spaced \n,\n",
    ],
)
def test_files_without_quotes_take_the_shortcut_and_agree(text: str) -> None:
    assert csvfile._one_record_per_line(text)
    starts, problems = csvfile._scan_records("t.csv", text)
    full_starts, full_problems = full_scan(text)
    assert problems == full_problems == []
    records = len(list(csv.reader(text.splitlines(keepends=True))))
    assert lines_of(starts, records) == lines_of(full_starts, records)


@pytest.fixture
def small_field_limit() -> Iterator[int]:
    """The csv module's cell limit set low for one test, then put back. The limit is global and
    frictionless raises it to 2**31 - 2 when its CSV parser loads (any test that runs ``check``
    first), so a test reading the current limit would build a 2 GiB line."""
    limit = 1_000
    previous = csv.field_size_limit(limit)
    try:
        yield limit
    finally:
        csv.field_size_limit(previous)


@pytest.mark.parametrize(
    "text",
    [
        'id,notes\na,"two\nlines"\nb,x\n',  # a quoted cell holding a line break
        "id,name\ra,Alpha\rb,Beta\r",  # old Mac line ends: csv sees records, lines do not
    ],
)
def test_anything_else_gets_the_full_scan(text: str) -> None:
    assert not csvfile._one_record_per_line(text)


def test_a_line_over_the_cell_limit_gets_the_full_scan(small_field_limit: int) -> None:
    at_limit = "id,name\na," + "x" * (small_field_limit - 2) + "\n"
    assert csvfile._one_record_per_line(at_limit)
    over = "id,name\na," + "x" * (small_field_limit + 1) + "\n"
    assert not csvfile._one_record_per_line(over)


def test_an_unclosed_quote_is_still_found() -> None:
    text = 'id,name,notes\na,Alpha,"no end\nb,Beta,x\nc,Gamma,y\n'
    inspection = inspect_csv("t.csv", text.encode())
    assert [(d.line, d.code) for d in inspection.diagnostics] == [(2, "unclosed-quote")]


def test_random_files_map_lines_the_same_with_and_without_the_shortcut() -> None:
    rng = random.Random(20261128)
    pieces = ["a", "b c", " ", "", "é", ";", "\r\n", "\n", "x,y"]
    for _ in range(300):
        rows = ["id,v,w"] + [",".join(rng.choice(pieces) for _ in range(3)) for _ in range(rng.randint(0, 6))]
        text = rng.choice(["\n", "\r\n"]).join(rows)
        if not csvfile._one_record_per_line(text):
            continue
        starts, problems = csvfile._scan_records("t.csv", text)
        full_starts, full_problems = full_scan(text)
        assert problems == full_problems
        assert lines_of(starts, 20) == lines_of(full_starts, 20)
