"""Markdown files with YAML front matter (and whole YAML files, like form definitions), read with
line numbers and checked by pydantic models.

ruamel.yaml (YAML 1.2) keeps ``no``, ``9:30`` and ``2024-13-01`` as text, and reports duplicate
keys; numbers are numbers only when written plainly (``0x10`` stays text); every pydantic error is
mapped back to the line of the key or item it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.suggest import closest, did_you_mean
from literacy_directory.load.yamlguard import GuardedComposer, YAMLLimitError, invisible_characters
from literacy_directory.schema.protocol import SLUG_PATTERN

M = TypeVar("M", bound=BaseModel)
FENCE = "---"


DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)")


class _PlainScalars(RoundTripConstructor):
    """Leave dates as text so pydantic parses them (and reports bad ones with a location), and
    read only plainly written numbers as numbers: ``0x10``, ``0o17``, ``1_000``, ``1e3`` or
    ``.inf`` stay text, so a number never silently becomes another one."""


def _number_or_text(pattern: re.Pattern[str], kind: type) -> Any:
    def construct(self: RoundTripConstructor, node: Any) -> Any:
        text = self.construct_scalar(node)
        return kind(text) if pattern.fullmatch(text) else str(text)

    return construct


_PlainScalars.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: str(self.construct_scalar(node)))
_PlainScalars.add_constructor("tag:yaml.org,2002:int", _number_or_text(DECIMAL_INT, int))
_PlainScalars.add_constructor("tag:yaml.org,2002:float", _number_or_text(DECIMAL_FLOAT, float))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _PlainScalars
    yaml.Composer = GuardedComposer  # no aliases, no tags, bounded depth and size
    return yaml


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter (with locations) and its body."""

    path: str
    data: Any
    body: str
    body_line: int
    lines: tuple[str, ...] = ()
    first_line: int = 2  # file line of the YAML's first line: 2 after the opening ---, 1 in a .yml file

    def line_of(self, loc: tuple[int | str, ...]) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its nearest parent found."""
        node, line, col = self.data, 0, 0
        for key in loc:
            found = _child_position(node, key)
            if found is None:
                break
            line, col = found
            node = node[key]
        return line + self.first_line, col + 1

    def source_of(self, loc: tuple[int | str, ...]) -> str | None:
        """The value at ``loc`` as written in the file (``012345``, not the number 12345), when it
        is a plain value on one line."""
        parent = self.data
        for key in loc[:-1]:
            if _child_position(parent, key) is None:
                return None
            parent = parent[key]
        if not loc or _child_position(parent, loc[-1]) is None:
            return None
        line, col = parent.lc.value(loc[-1]) if isinstance(parent, CommentedMap) else parent.lc.item(loc[-1])
        if not 0 <= line < len(self.lines):
            return None
        text = self.lines[line][col:].split(" #")[0].strip()
        return text.rstrip(",]}").strip() if isinstance(parent, CommentedSeq) else text


def _child_position(node: Any, key: int | str) -> tuple[int, int] | None:
    if isinstance(node, CommentedMap) and key in node:
        return tuple(node.lc.key(key))  # type: ignore[return-value]
    if isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
        return tuple(node.lc.item(key))  # type: ignore[return-value]
    return None


def _normalised(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_yaml_file(path: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    """A whole YAML file of settings (like ``content/forms/<id>.yml``), read like front matter:
    same loader, same located errors; line 1 is the file's first line."""
    text = _normalised(text)
    try:
        data = _yaml().load(text)
    except (MarkedYAMLError, YAMLError) as exc:
        return None, [_yaml_problem(path, exc, first_line=1, what="the file")]
    if not isinstance(data, CommentedMap):
        return None, [
            error(
                path,
                1,
                1,
                "yaml-syntax",
                "the file must be a list of 'key: value' settings",
                "Write one setting per line, like 'title_en: Learner referral form'.",
            )
        ]
    document = Document(path, data, "", 0, tuple(text.split("\n")), first_line=1)
    return document, text_problems(document)


def read_document(path: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    text = _normalised(text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, [
            error(
                path,
                1,
                1,
                "front-matter",
                "the file must start with a line '---' opening the front matter",
                "Put the settings between two lines of three dashes (---) at the very top of the file.",
            )
        ]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        return None, [
            error(
                path,
                1,
                1,
                "front-matter",
                "the front matter opened on line 1 is never closed",
                "Add a line '---' after the last setting.",
            )
        ]
    try:
        data = _yaml().load("\n".join(lines[1:end]))
    except (MarkedYAMLError, YAMLError) as exc:
        return None, [_yaml_problem(path, exc)]
    if not isinstance(data, CommentedMap):
        return None, [
            error(
                path,
                2,
                1,
                "front-matter",
                "the front matter must be a list of 'key: value' settings",
                "Write one setting per line, like 'status: active', between the two lines of ---.",
            )
        ]
    document = Document(path, data, "\n".join(lines[end + 1 :]), end + 2, tuple(lines[1:end]))
    return document, text_problems(document)


def text_problems(document: Document) -> list[Diagnostic]:
    """Invisible characters in the values (they would break the generated pages' front matter)."""
    return [
        error(
            document.path,
            *document.line_of(loc),
            "control-character",
            f'the value of "{".".join(map(str, loc))}" holds an invisible character ({bad})',
            "Delete the escape sequence (like \\x7f or \\u202e) from the text.",
        )
        for loc, bad in invisible_characters(document.data)
    ]


def _yaml_problem(path: str, exc: YAMLError, first_line: int = 2, what: str = "the front matter") -> Diagnostic:
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, YAMLLimitError):
        mark = exc.problem_mark
        return error(path, mark.line + first_line, mark.column + 1, exc.code, f"{what} cannot be read: {problem}", exc.hint)
    code = "duplicate-key" if "duplicate key" in str(problem) else "yaml-syntax"
    # The cause of a syntax error is where the unfinished thing began (context); a duplicate key
    # is best shown at its second occurrence (problem).
    marks = ("problem_mark", "context_mark") if code == "duplicate-key" else ("context_mark", "problem_mark")
    mark = getattr(exc, marks[0], None) or getattr(exc, marks[1], None)
    line, column = (mark.line + first_line, mark.column + 1) if mark is not None else (first_line, 1)
    hint = (
        "Each setting may appear only once: delete or rename one."
        if code == "duplicate-key"
        else "Check indentation, colons, and that quotes and brackets are closed. Text with a colon needs quotes."
    )
    return error(path, line, column, code, f"{what} cannot be read: {problem}", hint)


def text_items(value: Any) -> list[str | None]:
    """The items of a front-matter value (a single value counts as a list of one), each at its
    position so that ``line_of((key, i))`` finds it; an item that is not text (a malformed value,
    which the model reports) is None there."""
    items = value if isinstance(value, list) else [value]
    return [v if isinstance(v, str) else None for v in items]


def validate_model(model: type[M], document: Document) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(plain(document.data)), []
    except ValidationError as exc:
        errors = exc.errors()
        misspelled = _misspelled_keys(errors)
        return None, [_pydantic_problem(model, document, e) for e in errors if tuple(e["loc"]) not in misspelled]


def _misspelled_keys(errors: list[Any]) -> set[tuple[Any, ...]]:
    """Required keys reported missing only because they were misspelled (``summery_en``): the
    unknown-key error with its did-you-mean says it all, so one mistake gives one error."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for e in errors:
        if e["type"] == "extra_forbidden":
            unknown.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    return {
        tuple(e["loc"])
        for e in errors
        if e["type"] == "missing" and e["loc"] and closest(str(e["loc"][-1]), unknown.get(tuple(e["loc"][:-1]), []))
    }


def plain(node: Any) -> Any:
    """ruamel's round-trip objects as plain dicts, lists, numbers and strings."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def _pydantic_problem(model: type[BaseModel], document: Document, e: Any) -> Diagnostic:
    loc = tuple(e["loc"])
    line, column = document.line_of(loc)
    where = ".".join(str(p) for p in loc) or "front matter"
    kind = e["type"]
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) or f"Allowed keys here: {', '.join(known)}."
        return error(
            document.path, line, column, "unknown-key", f'"{loc[-1]}" is not a known setting', hint[:1].upper() + hint[1:]
        )
    if kind == "missing":
        return error(
            document.path,
            line,
            column,
            "missing-key",
            f'the setting "{where}" is required',
            f'Add a line "{loc[-1]}: ..." to the front matter.',
        )
    value = e.get("input")
    written = document.source_of(loc) or repr(value)
    code, hint = _code_and_hint(e, value, written)
    return error(document.path, line, column, code, f"{where}: {e['msg']} (you wrote {written})", hint)


SLUG_HINT = "Use lowercase letters, digits and single hyphens, like east-end-literacy."
CODE_HINT = "Codes are lowercase letters, digits and underscores, as listed in schemas/vocabularies.csv."


def _code_and_hint(e: Any, value: Any, written: str) -> tuple[str, str]:
    """The diagnostic code and a how-to-fix for a pydantic error about a value."""
    kind = e["type"]
    own_hint = e.get("ctx", {}).get("hint")
    if own_hint:  # a model's own check (PydanticCustomError) names its code and how to fix
        return kind, str(own_hint)
    if "date" in kind:
        return "date", "Write dates as YYYY-MM-DD, like 2026-04-01."
    if kind == "string_pattern_mismatch":
        is_slug = e.get("ctx", {}).get("pattern") == SLUG_PATTERN
        return ("slug", SLUG_HINT) if is_slug else ("pattern", CODE_HINT)
    if kind == "string_type" and value is not None and not isinstance(value, list | dict):
        return "type", f'Put the value in quotes, like "{written.strip(chr(34) + chr(39))}", so it stays text.'
    if kind.startswith(("int", "greater", "less")):
        return "type", "Write a whole number, like 5 (no quotes, units or times)."
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", "")))
        suggestion = did_you_mean(str(value), allowed)
        return "enum", (f"{suggestion[:1].upper()}{suggestion[1:]} " if suggestion else "") + f"Allowed: {', '.join(allowed)}."
    if kind.startswith("bool"):
        return "type", "Write true or false (no quotes)."
    if kind == "too_short":
        return "type", f"Add items: this list needs at least {e.get('ctx', {}).get('min_length', 1)}."
    if kind == "list_type":
        return "type", "Write a list, one item per line starting with '- ', or like [a, b]."
    if value is None:
        return "type", "Write the value after the colon, or delete the line if the setting is optional."
    return "type", "See the example protocols in content/referral_protocols/ for the expected form."


def _known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[str(part)].annotation if str(part) in current.model_fields else None
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return list(current.model_fields)
        current = inner
    return list(current.model_fields)
