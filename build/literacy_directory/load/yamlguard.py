"""Hard limits for the one YAML reader (front matter and form definitions), enforced while the
YAML is composed, before any value is built:

- no anchors or aliases (``&a`` / ``*a``): content never needs them, and nine levels of aliases
  in a 3 KB file ("billion laughs") expand to billions of values;
- no tags (``!!python/object``, ``!foo``, even ``!!str``): values are plain text, numbers,
  true/false, lists and settings;
- at most ``MAX_DEPTH`` levels of nesting (a form is four deep) and ``MAX_NODES`` values in all.

Each breach is a ``YAMLLimitError`` (a ``MarkedYAMLError``, so it is reported like a syntax error,
located at the offending value) with its own diagnostic code and hint.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent

from literacy_directory.load.textsafety import control_characters

MAX_DEPTH = 20
MAX_NODES = 50_000


class YAMLLimitError(MarkedYAMLError):
    """A limit of the content YAML reader was breached at ``problem_mark``."""

    def __init__(self, code: str, problem: str, hint: str, mark: Any):
        super().__init__(None, None, problem, mark)
        self.code = code
        self.hint = hint


class GuardedComposer(Composer):
    """ruamel's composer, refusing anchors, aliases and tags and counting depth and values."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise YAMLLimitError(
                "yaml-alias",
                "anchors and aliases (& and *) are not allowed",
                "Write each value out in full where it is needed, without & or *.",
                mark,
            )
        if getattr(event, "ctag", None) is not None:
            raise YAMLLimitError(
                "yaml-tag",
                f"tags like {event.ctag} are not allowed",
                "Delete the word starting with ! before the value; put the value in quotes if it must stay text.",
                mark,
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YAMLLimitError(
                "yaml-too-large",
                f"the file holds more than {MAX_NODES:,} values",
                "Split it into several files, or shorten it.",
                mark,
            )
        if self.depth >= MAX_DEPTH:
            raise YAMLLimitError(
                "yaml-depth",
                f"the settings are nested more than {MAX_DEPTH} levels deep",
                "Settings are at most a few levels deep: check the indentation and the brackets.",
                mark,
            )
        return super().compose_node(parent, index)


def invisible_characters(node: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """(where, which) for every text value holding a character no clean text holds (written with
    an escape like ``"\\x7f"``: the YAML reader refuses them raw). Settings named like a title or a
    name are held to the stricter rule for names (no line breaks, bidi or zero-width characters)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from invisible_characters(value, (*loc, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from invisible_characters(value, (*loc, i))
    elif isinstance(node, str):
        last = str(loc[-1]) if loc else ""
        bad = control_characters(node, name=last.startswith(("title_", "name_", "label_")))
        if bad:
            yield loc, bad
