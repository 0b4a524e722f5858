"""Logs are data: text taken from content is shown on one line, with every control character
written as an escape, so a cell can neither start a line of its own in CI's log (where a line
``::warning ...::`` is a workflow command, and ``::stop-commands::`` would silence the real ones)
nor hide or reorder text (bidi overrides, zero-width characters)."""

from __future__ import annotations

import re
import secrets

# Inside a regular expression's character class: C0 controls; then C1 controls, DEL, line and
# paragraph separators, zero-width and bidi formatting marks, BOM and interlinear annotations.
# (forms.render builds its CSS escaper from the same two.)
C0_CONTROLS = "\x00-\x1f"
INVISIBLE = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
UNSAFE = re.compile(f"[{C0_CONTROLS}{INVISIBLE}]")
# What json.dumps leaves as it is: all but the C0 controls, which it escapes itself (so the only raw
# C0 character in its output is the newline of indentation, outside strings).
JSON_UNSAFE = re.compile(f"[{INVISIBLE}]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return NAMED.get(char) or f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """``text`` on one line: newlines as ``\\n``, other control and invisible formatting
    characters as ``\\uXXXX``; everything else as it is (accents, French quotes)."""
    return UNSAFE.sub(_escape, text)


def json_text(text: str) -> str:
    """JSON (from ``json.dumps(..., ensure_ascii=False)``, which escapes only C0 controls) with the
    other unsafe characters escaped too; they occur only inside strings, so it stays valid JSON
    with the same values."""
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def verbatim(text: str, in_github_actions: bool) -> str:
    """``text`` (another program's log, like MkDocs', which may quote content) for CI's log. In
    GitHub Actions it is wrapped in ``::stop-commands::TOKEN`` ... ``::TOKEN::`` with a token the
    text cannot guess, so no line of it is run as a workflow command."""
    if not in_github_actions or not text:
        return text
    token = secrets.token_hex(16)
    end = "" if text.endswith("\n") else "\n"
    return f"::stop-commands::{token}\n{text}{end}::{token}::\n"
