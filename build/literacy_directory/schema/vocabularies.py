"""Controlled vocabularies (codes with English and French labels), kept as data in
``schemas/vocabularies.csv``. Beside each official label a term may carry a plain one
(``plain_en``, ``plain_fr``: "Finish high school" for "Secondary school credit"), which learner
pages show; referrer pages show the official label."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.lang import in_language

VOCABULARY_COLUMNS = ("vocabulary", "code", "label_en", "label_fr", "plain_en", "plain_fr")


@dataclass(frozen=True)
class Term:
    code: str
    label_en: str
    label_fr: str
    plain_en: str = ""
    plain_fr: str = ""

    def label(self, lang: str) -> str:
        return in_language(self.label_en, self.label_fr, lang)

    def plain(self, lang: str) -> str:
        """The learner-facing label; the official one when the term has none."""
        plain = self.plain_fr if lang == "fr" else self.plain_en
        return plain or self.label(lang)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    @cached_property
    def _by_code(self) -> dict[str, Term]:
        return {t.code: t for t in reversed(self.terms)}  # the first term of a code wins, as before

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code


class Vocabularies(Mapping[str, Vocabulary]):
    def __init__(self, vocabularies: dict[str, Vocabulary]):
        self._items = vocabularies

    def __getitem__(self, name: str) -> Vocabulary:
        return self._items[name]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def label(self, vocabulary: str, code: str, lang: str = "en") -> str:
        term = self._items[vocabulary].get(code)
        return term.label(lang) if term else code

    def plain(self, vocabulary: str, code: str, lang: str = "en") -> str:
        term = self._items[vocabulary].get(code)
        return term.plain(lang) if term else code


def parse_vocabularies(path: str, text: str) -> tuple[Vocabularies, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    grouped: dict[str, list[Term]] = {}
    seen: dict[tuple[str, str], int] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if tuple(reader.fieldnames or ()) != VOCABULARY_COLUMNS:
        problems.append(
            error(
                path,
                1,
                1,
                "header",
                f"the header must be exactly: {','.join(VOCABULARY_COLUMNS)}",
                "Put that line back as the first line of the file.",
            )
        )
        return Vocabularies({}), problems
    for row in reader:
        line = reader.line_num
        name, code = row["vocabulary"] or "", row["code"] or ""
        if not name or not code or not row["label_en"]:
            problems.append(
                error(
                    path,
                    line,
                    1,
                    "required",
                    "vocabulary, code and label_en are required",
                    "Fill in the vocabulary name, the code and the English label on this line.",
                )
            )
            continue
        if (name, code) in seen:
            problems.append(
                error(
                    path,
                    line,
                    2,
                    "duplicate-id",
                    f'code "{code}" is listed twice in vocabulary "{name}" (first on line {seen[name, code]})',
                    "Delete one of the two lines.",
                )
            )
            continue
        seen[name, code] = line
        grouped.setdefault(name, []).append(
            Term(code, row["label_en"], row["label_fr"] or "", row["plain_en"] or "", row["plain_fr"] or "")
        )
    return Vocabularies({n: Vocabulary(n, tuple(ts)) for n, ts in grouped.items()}), problems
