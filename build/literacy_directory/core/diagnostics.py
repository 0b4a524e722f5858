"""Errors are data: every problem found in the content is one located ``Diagnostic``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from literacy_directory.core.codes import SUPERSEDES, Severity, check_code

__all__ = ["Diagnostic", "Severity", "count", "error", "sorted_diagnostics", "warning", "without_superseded"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (project-relative path, 1-based physical line and column), what
    is wrong in plain words, and how to fix it.

    ``code`` is a stable identifier (``enum``, ``encoding``, ``dangling-reference`` ...) that tests
    and tools can rely on; the message wording may change. It must be one of ``codes.CODES``, with
    a severity that code allows.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        check_code(self.code, self.severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, Severity.ERROR, code, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, Severity.WARNING, code, message, hint)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.path, d.line, d.column, d.code, d.message)


def sorted_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by place, duplicates (same place, code and message) removed."""
    return sorted(set(items), key=sort_key)


def without_superseded(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Without the findings another at the same place makes redundant (``Code.supersedes``: a
    reference that matches no id, or a code not in its vocabulary, is better told, with a
    suggestion, than "not in the expected form")."""
    items = list(items)
    codes_at: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for d in items:
        codes_at[d.path, d.line, d.column].add(d.code)
    return [d for d in items if not any(d.code in SUPERSEDES.get(c, ()) for c in codes_at[d.path, d.line, d.column])]


def count(items: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for d in items:
        if d.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
