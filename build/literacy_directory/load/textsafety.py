"""Characters that do not belong in content text, found in one C-level regex pass.

- In any text: C0 controls (but tab, line feed and carriage return), DEL and C1 controls. They
  are invisible, and they break the YAML front matter of generated pages.
- In names, titles and ids also: tab and line breaks, bidirectional overrides and isolates (which
  make a name read differently from what it is, "Trojan Source"), and zero-width characters (which
  make two names that look the same differ).
- At the start of a free-text cell: ``=``, ``+``, ``-``, ``@``, tab or carriage return make a
  spreadsheet read the cell as a formula (CSV injection), so the published CSV files could run
  code in a referrer's Excel.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
INVISIBLE = f"{_CONTROLS}{_BIDI}{_ZERO_WIDTH}"  # for a character class: what no clean text holds
TEXT_CONTROLS = re.compile(f"[{_CONTROLS}]")
NAME_CONTROLS = re.compile(f"[\t\n\r{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")
_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x00": "NUL", "\x7f": "DELETE"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FORMULA_HINT = (
    "Start the text with a word: a spreadsheet runs a cell starting with =, +, -, @ or a tab as a formula. "
    'For example write "Call +1 613-555-0100" instead of "+1 613-555-0100", "Minus 5" instead of "-5", '
    "and list items without a leading dash."
)


def describe(char: str) -> str:
    """``U+007F DELETE``: how a message names an invisible character."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def control_characters(text: str, name: bool = True) -> str:
    """A description of the first character not allowed in ``text`` (a name when ``name``, else
    free text), or "" when there is none."""
    match = (NAME_CONTROLS if name else TEXT_CONTROLS).search(text)
    return describe(match.group()) if match else ""


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)
