"""The whole-episode scan: each unknown word once, with its count and first place,
in slices or whole; and the publish check that reports it."""
from __future__ import annotations

import pytest

from editor.core.checks import check_project
from editor.core.model import Chapter, Credit, Project, Speaker, Turn
from editor.core.spelling import (Place, SpellChecker, SpellingReport, SpellingScan,
                                  next_misspelling, scan_project)


@pytest.fixture
def project(english_dictionary) -> Project:
    project = Project()
    project.episode.title = "The Lighthouse Tset"
    project.episode.language = "en"
    project.episode.credits = (Credit("Hosted", ("Mara Ilves",)),)
    project.speakers = [Speaker("mara", "Mara Ilves"), Speaker("takeo", "Takeo")]
    project.chapters = [Chapter(0, "Welcome"), Chapter(300_000, "Teh lighthouse")]
    project.turns = [
        Turn(0, "mara", "Welcome, Takeo. Teh lighthouse at https://exmaple.org is old."),
        Turn(12_000, "takeo", "Thanks Mara.\nI recieve letters about it."),
        Turn(216_000, "takeo", "We recieve them at 03:36 every day, teh postman says.",
             estimated=True),
        Turn(250_000, "", "Recieve is not recieve."),
    ]
    return project


def listing(project: Project, report: SpellingReport) -> list[tuple[str, int, str]]:
    return [(u.word, u.count, u.first.describe(project)) for u in report.unknown]


def test_each_unknown_word_once_with_its_count_and_first_place(project):
    report = scan_project(SpellChecker(project))
    assert listing(project, report) == [
        ("Tset", 1, "episode title"),
        ("Teh", 2, "chapter 2 'Teh lighthouse' at 05:00"),
        ("recieve", 3, "Takeo\u2019s turn at 00:12"),
        ("teh", 1, "Takeo\u2019s turn at ~03:36"),
        ("Recieve", 1, "the turn at 04:10"),
    ]
    assert report.occurrences == 8 and report.not_checked is None
    first_recieve = report.unknown[2].first
    assert first_recieve == Place("turn", 1, project.turns[1].text.index("recieve"))
    assert first_recieve.target == ("turn", 1)


def test_a_scan_in_slices_gives_the_same_report(project):
    checker = SpellChecker(project)
    whole = scan_project(checker)
    scan = SpellingScan(checker, project)
    runs = 1
    while not scan.run(texts=2):
        runs += 1
    assert scan.done and runs >= 5          # 4 episode fields + 2 chapters + 4 turns
    assert scan.run() is True
    assert scan.report() == whole


def test_a_clean_episode_has_nothing_to_report(project):
    project.episode.title = "The Lighthouse"
    project.chapters = [Chapter(0, "Welcome")]
    project.turns = [Turn(0, "mara", "Welcome back, Takeo.")]
    report = scan_project(SpellChecker(project))
    assert report.unknown == () and report.occurrences == 0


def test_no_dictionary_reports_why(project):
    project.episode.language = "xx"
    report = scan_project(SpellChecker(project))
    assert report.unknown == ()
    assert report.not_checked.startswith("no spelling dictionary for language 'xx'")


def test_the_publish_check_counts_unknown_words_and_points_to_the_first(project):
    report = scan_project(SpellChecker(project))
    findings = check_project(project, spelling=report)
    spelling = [f for f in findings if f.code == "unknown-words"]
    assert findings[-1] is spelling[0]
    assert spelling[0].severity == "warning"
    assert spelling[0].message == "5 unknown words (first: 'Tset' in episode title)"
    assert spelling[0].target == ("episode", "title")
    project.episode.title = "The Lighthouse"
    spelling = check_project(project, spelling=scan_project(SpellChecker(project)))[-1]
    assert spelling.message == ("4 unknown words (first: 'Teh' in chapter 2 "
                                "'Teh lighthouse' at 05:00)")
    assert spelling.target == ("chapter", 1)


def test_the_publish_checks_leave_spelling_out_unless_given_a_scan(project):
    codes = [f.code for f in check_project(project)]
    assert "unknown-words" not in codes and "spelling-not-checked" not in codes
    project.episode.language = "xx"
    findings = check_project(project, spelling=scan_project(SpellChecker(project)))
    assert findings[-1].code == "spelling-not-checked" and findings[-1].target is None
    assert "no spelling dictionary for language 'xx'" in findings[-1].message


def test_one_unknown_word_is_said_in_the_singular(project):
    project.episode.title = "The Lighthouse"
    project.chapters = []
    project.turns = [Turn(0, "mara", "Welcome, Takeo, to Kõpu.")]
    finding = check_project(project, spelling=scan_project(SpellChecker(project)))[-1]
    assert finding.message == "1 unknown word (first: 'Kõpu' in Mara Ilves\u2019s turn at 00:00)"


def test_next_misspelling_walks_the_episode_in_order_and_wraps_round(project):
    checker = SpellChecker(project)
    found, where = [], None
    for _ in range(10):
        where, word = next_misspelling(checker, project, where)
        found.append((where.kind, where.key, where.offset, word))
    turn_2 = project.turns[1].text
    assert found == [
        ("episode", "title", 15, "Tset"),
        ("chapter", 1, 0, "Teh"),
        ("turn", 0, 16, "Teh"),
        ("turn", 1, turn_2.index("recieve"), "recieve"),
        ("turn", 2, 3, "recieve"),
        ("turn", 2, project.turns[2].text.index("teh"), "teh"),
        ("turn", 3, 0, "Recieve"),
        ("turn", 3, project.turns[3].text.index("recieve"), "recieve"),
        ("episode", "title", 15, "Tset"),         # round to the start
        ("chapter", 1, 0, "Teh"),
    ]


def test_next_misspelling_from_a_cursor_inside_a_text(project):
    checker = SpellChecker(project)
    text = project.turns[2].text                 # "We recieve them at 03:36 every day, teh..."
    assert next_misspelling(checker, project, Place("turn", 2, 0)) == (
        Place("turn", 2, 3), "recieve")
    assert next_misspelling(checker, project, Place("turn", 2, 3)) == (
        Place("turn", 2, text.index("teh")), "teh")
    assert next_misspelling(checker, project, Place("episode", "subtitle")) == (
        Place("chapter", 1, 0), "Teh")


def test_next_misspelling_with_one_left_finds_it_again_and_none_when_clean(project):
    project.episode.title = "The Lighthouse"
    project.chapters = [Chapter(0, "Welcome")]
    project.turns = [Turn(0, "mara", "Welcome back, Takeo."), Turn(9_000, "takeo", "Hi, zzqx.")]
    checker = SpellChecker(project)
    only = (Place("turn", 1, 4), "zzqx")
    assert next_misspelling(checker, project) == only
    assert next_misspelling(checker, project, Place("turn", 1, 4)) == only
    assert next_misspelling(checker, project, Place("turn", 1, 9)) == only
    project.turns.pop()
    assert next_misspelling(checker, project) is None
    project.episode.language = "xx"
    assert next_misspelling(SpellChecker(project), project) is None
