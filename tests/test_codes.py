"""The registry of diagnostic codes: complete, consistent, and enforced when a diagnostic is made."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import frictionless.errors
import pytest

from literacy_directory.core.codes import CODES, FRICTIONLESS_TYPES, OWN_CODES, SUPERSEDES, Severity, UnknownCode
from literacy_directory.core.diagnostics import Diagnostic, error, warning

PACKAGE = Path(__file__).resolve().parents[1] / "build" / "literacy_directory"
CODE_SHAPE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
MAKERS = {"error", "warning", "make", "Diagnostic", "_cell_error"}


def test_a_diagnostic_with_an_unknown_code_cannot_be_made() -> None:
    with pytest.raises(UnknownCode, match="no-such-code"):
        Diagnostic("content/x.csv", 1, 1, Severity.ERROR, "no-such-code", "message")
    with pytest.raises(UnknownCode):
        error("content/x.csv", 1, 1, "Enum", "message")


def test_a_code_has_its_severity() -> None:
    with pytest.raises(UnknownCode, match="never a warning"):
        warning("content/x.csv", 1, 1, "enum", "message")
    assert warning("content/x.csv", 1, 1, "stale", "message").code == "stale"
    assert error("content/x.csv", 1, 1, "stale", "message").is_error  # escalates after 24 months


def test_codes_are_unique_and_well_formed() -> None:
    names = [c.name for c in OWN_CODES]
    assert len(names) == len(set(names))
    assert all(CODE_SHAPE.match(n) for n in names)
    assert all(c.title and c.title[0].isupper() for c in CODES.values())


def test_superseded_codes_exist() -> None:
    assert SUPERSEDES == {"dangling-reference": ("slug",), "enum": ("slug", "pattern"), "date": ("retirement",)}
    assert all(s in CODES for superseded in SUPERSEDES.values() for s in superseded)


def test_every_error_type_of_frictionless_is_registered() -> None:
    """frictionless' own error types are passed on when no rule words them: a type added by an
    upgrade must be registered, or a file showing it would stop the check with an internal error."""
    types = {c.type for _, c in inspect.getmembers(frictionless.errors, inspect.isclass) if getattr(c, "type", None)}
    assert set(FRICTIONLESS_TYPES) <= types
    assert types <= set(CODES)


def _literal_codes() -> set[tuple[str, str]]:
    """(module, code) for every code written as a literal where a diagnostic is made."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in MAKERS:
                values = [*node.args, *(k.value for k in node.keywords if k.arg == "code")]
                found |= {(path.name, v.value) for v in values if isinstance(v, ast.Constant) and CODE_SHAPE.match(str(v.value))}
    return found


def test_every_code_the_package_writes_is_registered() -> None:
    literal = _literal_codes()
    assert len(literal) > 50
    assert [(module, code) for module, code in sorted(literal) if code not in CODES] == []
