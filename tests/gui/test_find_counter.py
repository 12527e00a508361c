"""The find counter ("3 of 8") and every match highlighted in the transcript; the
whole transcript is searched once typing pauses, not on each keystroke."""
from __future__ import annotations

import pytest
from projects import small_project, uniform_project
from PySide6.QtTest import QTest

import editor.gui.findbar as findbar
from editor.core.commands import SetTurnText
from editor.gui.findbar import FindBar
from editor.gui.transcript import TranscriptView


@pytest.fixture
def make_bar(qtbot):
    def make(project):
        view = TranscriptView(project)
        qtbot.addWidget(view)
        view.resize(700, 400)
        view.show()
        qtbot.waitExposed(view)
        bar = FindBar(project, view)
        qtbot.addWidget(bar)
        bar.open_bar(replace=False)
        return view, bar
    return make


def search(qtbot, bar: FindBar, text: str) -> None:
    QTest.keyClicks(bar.find_edit, text)
    qtbot.waitUntil(lambda: bar.count_label.text() != "", timeout=2000)


def shown_matches(view: TranscriptView) -> list[str]:
    """The document's text under each highlight, in document order."""
    text = view.editor.document().toPlainText().replace("\u2029", "\n")
    return [text[start:end] for start, end in view.highlights.shown()]


def test_the_counter_says_which_match_of_how_many(make_bar, qtbot):
    project = small_project()
    view, bar = make_bar(project)
    search(qtbot, bar, "the")
    total = sum(turn.text.lower().count("the") for turn in project.turns)
    assert total > 2
    assert bar.count_label.text() == f"{total} matches"
    bar.find_next()
    assert bar.count_label.text() == f"1 of {total}"
    bar.find_next()
    assert bar.count_label.text() == f"2 of {total}"
    bar.find_previous()
    assert bar.count_label.text() == f"1 of {total}"
    bar.find_previous()                  # wraps to the last
    assert bar.count_label.text() == f"{total} of {total}"


def test_the_counter_follows_edits_of_the_transcript(make_bar, qtbot):
    project = small_project()
    view, bar = make_bar(project)
    search(qtbot, bar, "news")
    before = sum(turn.text.lower().count("news") for turn in project.turns)
    assert bar.count_label.text() == f"{before} matches"
    project.history.push(SetTurnText(project, 0, "News, news and more news."))
    qtbot.waitUntil(lambda: bar.count_label.text() == f"{before + 3} matches", timeout=2000)


def test_every_match_in_view_is_highlighted_and_closing_clears_them(make_bar, qtbot):
    project = small_project()
    view, bar = make_bar(project)
    search(qtbot, bar, "the")
    qtbot.waitUntil(lambda: view.highlights.shown() != [], timeout=2000)
    expected = [word for turn in project.turns for word in
                [turn.text[i:i + 3] for i in range(len(turn.text))
                 if turn.text[i:i + 3].lower() == "the"]]
    assert shown_matches(view) == expected
    bar.close_bar()
    qtbot.waitUntil(lambda: view.highlights.shown() == [], timeout=2000)


def test_a_speaker_filter_highlights_only_that_speakers_turns(make_bar, qtbot):
    project = small_project()
    view, bar = make_bar(project)
    bar.speaker_combo.setCurrentIndex(bar.speaker_combo.findData("ann"))
    search(qtbot, bar, "the")
    qtbot.waitUntil(lambda: view.highlights.shown() != [], timeout=2000)
    ann = sum(t.text.lower().count("the") for t in project.turns if t.speaker == "ann")
    assert len(view.highlights.shown()) == ann
    assert bar.count_label.text() == f"{ann} matches"


def test_typing_in_the_find_field_does_not_search_the_whole_transcript(make_bar, qtbot,
                                                                       monkeypatch):
    project = uniform_project(5_000)
    view, bar = make_bar(project)
    calls = []
    real = findbar.find_all
    monkeypatch.setattr(findbar, "find_all", lambda *a: calls.append(1) or real(*a))
    QTest.keyClicks(bar.find_edit, "says")
    assert calls == []
    qtbot.waitUntil(lambda: bar.count_label.text() == "5,000 matches", timeout=3000)
    assert calls == [1]
    # Only the turns in view are highlighted, not 5,000 of them.
    qtbot.waitUntil(lambda: view.highlights.shown() != [], timeout=2000)
    in_view = {turn for turn, *_ in view.visible_blocks()}
    assert len(view.highlights.shown()) == len(in_view) < 100
