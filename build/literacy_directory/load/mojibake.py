"""Garbled accents (mojibake): UTF-8 text that a spreadsheet read as Windows-1252 and saved again.

A CSV file opened by a double click in Excel is read as Windows-1252; saved "as CSV UTF-8" it is
valid UTF-8 again, but every ``é`` has become ``Ã©`` and every en dash ``â€“``. The bytes are fine, so
only the text shows it. ftfy recognizes these sequences (and leaves real French alone); the whole
file is screened with one regular expression first, and only a file that fails the screen is
looked at cell by cell.
"""

from __future__ import annotations

import csv
import io
import re

from literacy_directory.core.diagnostics import Diagnostic, error

SHOWN = 80
# The first two characters of every mojibake of this kind: a UTF-8 lead byte read as Windows-1252
# (Â Ã â Å ...) followed by a continuation byte read the same way (€ ƒ „ … † ‡ ‰ curly quotes,
# dashes, ™ © « » a no-break space ...). ftfy's own test takes 13 s on a 27 MB file, this pattern
# 0.14 s; and English and French text turn into mojibake starting with Ã or Â (accented letters,
# « », no-break spaces), Å (œ) or â (dashes, curly quotes, €), which plain searches for those
# characters find in a tenth of that. Only what passes both is shown to ftfy.
CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
SCREEN = re.compile(f"[\u00c2-\u00f4][{CONTINUATION}]")
PUNCTUATION = re.compile(f"\u00e2[{CONTINUATION}]")  # starts with a literal: a fast search


def suspicious(text: str) -> bool:
    """Whether ``text`` may hold mojibake (then ftfy decides)."""
    if not ("\u00c3" in text or "\u00c2" in text or "\u00c5" in text or PUNCTUATION.search(text)):
        return False
    return SCREEN.search(text) is not None


def repaired(value: str) -> str:
    """``value`` with its mojibake repaired (only the encoding; nothing else is cleaned up), and
    only when ftfy is sure it is mojibake, not French."""
    if not suspicious(value):
        return value
    from ftfy import fix_encoding  # noqa: PLC0415 (about 80 ms to import; only needed on suspicious text)
    from ftfy.badness import is_bad  # noqa: PLC0415

    return fix_encoding(value) if is_bad(value) else value


def mojibake_problems(path: str, text: str) -> list[Diagnostic]:
    """One located error per garbled cell, with the repaired text in the hint."""
    if not suspicious(text):
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    header: list[str] = []
    found = []
    previous_end = 0
    for cells in reader:
        header = header or cells
        line = previous_end + 1
        for column, value in enumerate(cells, start=1):
            fixed = repaired(value)
            if fixed != value:
                name = header[column - 1].strip() if column <= len(header) else ""
                found.append(_garbled(path, line + sum(c.count("\n") for c in cells[: column - 1]), column, name, fixed))
        previous_end = reader.line_num
    return found


def _garbled(path: str, line: int, column: int, name: str, fixed: str) -> Diagnostic:
    shown = fixed if len(fixed) <= SHOWN else fixed[: SHOWN - 1] + "…"
    where = f' in column "{name}"' if name else ""
    return error(
        path,
        line,
        column,
        "mojibake",
        f"the accents{where} are garbled (like Ã© for é): the file was opened as Windows text and saved again as UTF-8",
        f'It should read: "{shown}". Run `literacy-directory fix` to repair it. Next time open the file with '
        "Data > From Text/CSV and choose 65001: Unicode (UTF-8), or edit it on GitHub.",
    )
