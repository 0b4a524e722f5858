"""Whatever a content file holds, ``check`` reports located diagnostics and exits 0 or 1: never a
traceback, never exit 2. A seeded random stream of garbage (random bytes, mangled CSV or YAML
text, odd encodings) is written over each file in turn; the seed makes any failure reproducible."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from check_support import CheckRun

FILES = (
    "content/networks.csv",
    "content/communities.csv",
    "content/organizations.csv",
    "content/sites.csv",
    "content/programs.csv",
    "content/glossary.csv",
    "content/referral_protocols/ow-to-bayview.md",
)
ROUNDS_PER_FILE = 7
CSV_PIECES = (
    '"',
    '""',
    ",",
    ";",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "é",
    "\x00",
    "\ufeff",
    "\\",
    "ÿ",
    "'",
    "=",
    "-",
    "2026-02-30",
    "\u2028",
)
YAML_PIECES = (
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "---\n",
    "# ",
    "|",
    ">",
    "? ",
    "no",
    "9:30",
    "012345",
    "~",
    "null",
    "2026-13-45",
    "@",
    "%",
    "\x00",
    "é",
)


def mangle(rng: random.Random, text: str, pieces: tuple[str, ...]) -> str:
    """``text`` with a few random insertions, deletions and line shuffles."""
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(text) + 1)
        action = rng.choice(("insert", "insert", "delete", "duplicate-line", "swap-lines", "truncate"))
        if action == "insert":
            text = text[:at] + rng.choice(pieces) * rng.randint(1, 3) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif action == "truncate":
            text = text[:at]
        else:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines.insert(j, lines[i]) if action == "duplicate-line" else (lines.__setitem__(i, lines[j]))
            text = "\n".join(lines)
    return text


def garbage(rng: random.Random, original: str, pieces: tuple[str, ...]) -> bytes:
    kind = rng.choice(("bytes", "text", "text", "text", "encoded"))
    if kind == "bytes":
        return rng.randbytes(rng.randint(0, 400))
    text = mangle(rng, original, pieces)
    if kind == "encoded":
        encoding = rng.choice(("cp1252", "utf-16", "utf-8-sig", "latin-1"))
        return text.encode(encoding, errors="replace")
    return text.encode("utf-8", errors="surrogatepass")


def _physical_lines(data: bytes) -> int:
    """Lines end with CRLF, LF or a lone CR."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1


@pytest.mark.parametrize("target", FILES, ids=lambda f: Path(f).name)
def test_check_survives_garbage(target: str, project: Path, run_check: Callable[..., CheckRun]) -> None:
    path = project / target
    original = path.read_text(encoding="utf-8")
    pieces = YAML_PIECES if target.endswith(".md") else CSV_PIECES
    rng = random.Random(f"robustness:{target}")
    for round_number in range(ROUNDS_PER_FILE):
        data = garbage(rng, original, pieces)
        path.write_bytes(data)
        where = f"{target}, round {round_number}, content {data[:300]!r}"
        run = run_check(project, "--format", "json")
        assert run.exit_code in (0, 1), where
        assert "Traceback" not in run.out + run.err, where
        for d in run.json()["diagnostics"]:
            assert d["message"].strip() and d["hint"].strip(), (where, d)
            assert d["line"] >= 1 and d["column"] >= 1, (where, d)
            if d["path"] == target:
                assert d["line"] <= _physical_lines(data), (where, d)
    path.write_text(original, encoding="utf-8")
