"""Spelling in the window with the real Hunspell en_US dictionary: wavy underlines
in the transcript's text, the context menu's suggestions, Adds and Ignore, F7 to
the next misspelling, and Edit > Check Spelling."""
from __future__ import annotations

import pytest
from projects import small_project
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidget

from editor.core.commands import SetEpisodeField, SetTurnText
from editor.core.projectfile import save_project
from editor.core.spelling import SpellChecker, UserDictionary
from editor.gui.transcript import TranscriptView

pytestmark = pytest.mark.usefixtures("english_dictionary")

TYPO_TURN = 1
TYPO_TEXT = "Thanks for havng me here, I recieve letters."


@pytest.fixture
def project():
    project = small_project()
    project.turns[TYPO_TURN].text = TYPO_TEXT
    return project


@pytest.fixture
def make_view(qtbot):
    def make(project, user=None):
        view = TranscriptView(project)
        qtbot.addWidget(view)
        view.resize(700, 400)
        view.show()
        qtbot.waitExposed(view)
        view.set_spell_checker(SpellChecker(project, user))
        return view
    return make


def underlined(view: TranscriptView) -> list[str]:
    """The document's text under each underline, in document order."""
    text = view.editor.document().toPlainText().replace("\u2029", "\n")
    return [text[start:end] for start, end in view.spelling.shown()]


def position_of(view: TranscriptView, turn: int, word: str) -> int:
    return view.mirror.turn_start_pos(turn) + view.project.turns[turn].text.index(word) + 1


def menu_action(view: TranscriptView, position: int, label: str):
    menu = view.context_menu(position)
    labels = [action.text() for action in menu.actions()]
    assert label in labels, labels
    return next(action for action in menu.actions() if action.text() == label)


def test_misspelled_words_in_view_get_a_wavy_underline(make_view, qtbot, project):
    view = make_view(project)
    qtbot.waitUntil(lambda: underlined(view) == ["havng", "recieve"], timeout=2000)
    selections = view.editor.extraSelections()
    styles = [selection.format.underlineStyle() for selection in selections]
    assert styles == [QTextCharFormat.UnderlineStyle.WaveUnderline] * 2


def test_no_checker_underlines_nothing(make_view, qtbot, project):
    view = make_view(project)
    qtbot.waitUntil(lambda: underlined(view) != [], timeout=2000)
    view.set_spell_checker(None)
    qtbot.waitUntil(lambda: underlined(view) == [], timeout=2000)


def test_the_underline_goes_after_add_to_episode_dictionary_and_undo_brings_it_back(
        make_view, qtbot, project):
    view = make_view(project)
    qtbot.waitUntil(lambda: "recieve" in underlined(view), timeout=2000)
    menu_action(view, position_of(view, TYPO_TURN, "recieve"),
                "Add to Episode Dictionary").trigger()
    assert project.dictionary == ["recieve"]
    qtbot.waitUntil(lambda: underlined(view) == ["havng"], timeout=2000)
    project.history.undo()
    assert project.dictionary == []
    qtbot.waitUntil(lambda: underlined(view) == ["havng", "recieve"], timeout=2000)


def test_a_suggestion_replaces_the_word_in_one_undo_step(make_view, qtbot, project):
    view = make_view(project)
    qtbot.waitUntil(lambda: "recieve" in underlined(view), timeout=2000)
    view.focus_turn(TYPO_TURN, len(TYPO_TEXT))
    QTest.keyClicks(view.editor, " Yes")       # typing the same turn first: its own step
    menu_action(view, position_of(view, TYPO_TURN, "recieve"), "receive").trigger()
    assert project.turns[TYPO_TURN].text == "Thanks for havng me here, I receive letters. Yes"
    qtbot.waitUntil(lambda: underlined(view) == ["havng"], timeout=2000)
    project.history.undo()
    assert project.turns[TYPO_TURN].text == TYPO_TEXT + " Yes"
    qtbot.waitUntil(lambda: underlined(view) == ["havng", "recieve"], timeout=2000)
    project.history.undo()
    assert project.turns[TYPO_TURN].text == TYPO_TEXT


def test_ignore_and_add_to_my_dictionary(make_view, qtbot, project, tmp_path):
    user = UserDictionary(tmp_path / "dictionary.txt")
    view = make_view(project, user)
    qtbot.waitUntil(lambda: underlined(view) == ["havng", "recieve"], timeout=2000)
    menu_action(view, position_of(view, TYPO_TURN, "havng"), "Ignore").trigger()
    qtbot.waitUntil(lambda: underlined(view) == ["recieve"], timeout=2000)
    menu_action(view, position_of(view, TYPO_TURN, "recieve"), "Add to My Dictionary").trigger()
    assert (tmp_path / "dictionary.txt").read_text(encoding="utf-8").splitlines() == ["recieve"]
    qtbot.waitUntil(lambda: underlined(view) == [], timeout=2000)
    project.history.undo()
    assert UserDictionary.load(tmp_path / "dictionary.txt").words == []


def test_a_correct_word_has_no_spelling_entries(make_view, qtbot, project):
    view = make_view(project)
    labels = [a.text() for a in view.context_menu(position_of(view, TYPO_TURN, "Thanks"))
              .actions()]
    assert "Ignore" not in labels and "Cut" in labels


def test_a_typed_misspelling_is_underlined_once_the_cursor_leaves_it(make_view, qtbot, project):
    view = make_view(project)
    qtbot.waitUntil(lambda: underlined(view) == ["havng", "recieve"], timeout=2000)
    view.focus_turn(0, len(project.turns[0].text))
    QTest.keyClicks(view.editor, " Qwzrt")
    QTest.qWait(50)
    assert underlined(view) == ["havng", "recieve"]     # still being typed
    QTest.keyClick(view.editor, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: underlined(view) == ["Qwzrt", "havng", "recieve"], timeout=2000)
    for _ in range(6):
        QTest.keyClick(view.editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: underlined(view) == ["havng", "recieve"], timeout=2000)
    QTest.keyClicks(view.editor, " Qwzrt")
    QTest.keyClick(view.editor, Qt.Key.Key_Home)         # moving away underlines it too
    qtbot.waitUntil(lambda: underlined(view) == ["Qwzrt", "havng", "recieve"], timeout=2000)


def test_the_checker_follows_a_language_change(make_view, qtbot, project):
    view = make_view(project)
    qtbot.waitUntil(lambda: underlined(view) != [], timeout=2000)
    project.history.push(SetEpisodeField(project, "language", ""))
    qtbot.waitUntil(lambda: underlined(view) == [], timeout=2000)


# -- the window ----------------------------------------------------------------------------


@pytest.fixture
def episode_file(tmp_path, project):
    project.episode.title = "Smal talk"
    project.turns[4].text = "I have a qestion about that one."
    path = tmp_path / "typos.showscribe.yaml"
    save_project(project, path)
    return path


def selected(window) -> str:
    return window.transcript.editor.textCursor().selectedText()


def test_the_checker_is_made_after_the_window_is_shown(make_window, episode_file, qtbot):
    from editor.gui.mainwindow import MainWindow
    from editor.gui.settings import Settings
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.open_path(episode_file)
    assert window.spelling.checker is None          # nothing slow before the first paint
    window.show()
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    qtbot.waitUntil(lambda: underlined(window.transcript) == ["havng", "recieve", "qestion"],
                    timeout=2000)


def test_the_dictionary_opens_only_after_the_first_paint(make_window, episode_file, qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from editor.gui.mainwindow import MainWindow
    from editor.gui.settings import Settings
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    at_first_paint = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and not at_first_paint and (
                    watched is window.transcript or window.transcript.isAncestorOf(watched)):
                at_first_paint.append(window.spelling.checker)
            return False

    watcher = FirstPaint()
    QApplication.instance().installEventFilter(watcher)
    try:
        assert window.open_path(episode_file)
        QTest.qWait(20)             # the event loop runs before the window is shown
        window.show()
        qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=1000)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert at_first_paint == [None]


def test_f7_goes_from_misspelling_to_misspelling_round_the_episode(make_window, episode_file,
                                                                   qtbot):
    window = make_window(episode_file, wait_audio=False)
    window.transcript.focus_turn(0, 0)
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7)
    assert (window.transcript.current_turn(), selected(window)) == (TYPO_TURN, "havng")
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7)
    assert (window.transcript.current_turn(), selected(window)) == (TYPO_TURN, "recieve")
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7)
    assert (window.transcript.current_turn(), selected(window)) == (4, "qestion")
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7)     # round to the title
    title = window.episode_panel.edits["title"]
    assert window.side_tabs.currentWidget() is window.episode_panel
    assert title.hasFocus() and title.selectedText() == "Smal"
    QTest.keyClick(title, Qt.Key.Key_F7)                         # and on to the transcript
    assert (window.transcript.current_turn(), selected(window)) == (TYPO_TURN, "havng")


def test_f7_is_rebindable_and_check_spelling_turns_it_all_off(make_window, episode_file,
                                                              qtbot):
    window = make_window(episode_file, wait_audio=False)
    qtbot.waitUntil(lambda: underlined(window.transcript) != [], timeout=2000)
    window.settings.set_keymap({"next_misspelling": ["Ctrl+F7"]})
    window.settings.changed.emit()
    window.transcript.focus_turn(0, 0)
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7)
    assert selected(window) == ""
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7, Qt.KeyboardModifier.ControlModifier)
    assert selected(window) == "havng"

    check = window.actions_by_id["check_spelling"]
    assert check.isChecked()
    check.trigger()
    assert not check.isChecked() and not window.actions_by_id["next_misspelling"].isEnabled()
    qtbot.waitUntil(lambda: underlined(window.transcript) == [], timeout=2000)
    assert not window.settings.check_spelling           # kept for the next window
    check.trigger()
    qtbot.waitUntil(lambda: underlined(window.transcript) != [], timeout=2000)
    assert window.actions_by_id["next_misspelling"].isEnabled()
    assert window.settings.check_spelling


def test_spelling_left_off_stays_off_in_the_next_window(make_window, episode_file, qtbot):
    from editor.gui.settings import Settings
    Settings().check_spelling = False
    window = make_window(episode_file, wait_audio=False)
    assert not window.actions_by_id["check_spelling"].isChecked()
    assert not window.actions_by_id["next_misspelling"].isEnabled()
    QTest.qWait(50)
    assert window.spelling.checker is None and underlined(window.transcript) == []


def test_no_dictionary_for_the_language_is_said_in_one_line(make_window, episode_file, qtbot):
    window = make_window(episode_file, wait_audio=False)
    window.project.history.push(SetEpisodeField(window.project, "language", "xx"))
    window.transcript.focus_turn(0, 0)
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_F7)
    message = window.status_line.currentMessage()
    assert message.startswith("Spelling is not checked:") and "\n" not in message
    assert selected(window) == ""


def test_an_unreadable_user_dictionary_is_said_and_spelling_goes_on(
        make_window, episode_file, qtbot, monkeypatch, tmp_path):
    config = tmp_path / "config"
    (config / "showscribe").mkdir(parents=True)
    (config / "showscribe" / "dictionary.txt").write_bytes(b"ok\n\xff\xfe bad\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    window = make_window(episode_file, wait_audio=False)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    message = window.status_line.currentMessage()
    assert message.endswith("dictionary.txt:2: not UTF-8 text (byte 0xff)"), message
    qtbot.waitUntil(lambda: underlined(window.transcript) != [], timeout=2000)


def test_a_project_shown_later_gets_its_own_checker(make_window, episode_file, qtbot):
    window = make_window(episode_file, wait_audio=False)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    first = window.spelling.checker
    window.project.history.push(SetTurnText(window.project, 0, "Wrongg"))
    window.project.history.set_clean()
    assert window.open_path(episode_file)
    qtbot.waitUntil(lambda: window.spelling.checker not in (None, first), timeout=2000)
    assert window.spelling.checker.project is window.project


def wave_ranges(edit) -> list[str]:
    """The text under each wavy underline of a QPlainTextEdit's first block."""
    block = edit.document().firstBlock()
    return [block.text()[r.start:r.start + r.length] for r in block.layout().formats()
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]


def test_episode_fields_and_chapter_titles_are_underlined_too(make_window, episode_file, qtbot):
    from editor.core.commands import AddEpisodeWord, SetChapterField
    window = make_window(episode_file, wait_audio=False)
    project = window.project
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    title = window.spelling.underlines["title"]
    assert title.words() == ["Smal"]
    project.history.push(SetEpisodeField(project, "description", "A descriptoin, and more."))
    assert wave_ranges(window.episode_panel.edits["description"]) == ["descriptoin"]
    project.history.push(SetChapterField(project, 1, "title", "Nwes of teh week"))
    delegate = window.spelling.underlines["chapter titles"]
    table = window.chapters_panel.table
    assert delegate.misspelled_words(table.model().index(1, 1)) == ["Nwes", "teh"]
    assert delegate.misspelled_words(table.model().index(0, 1)) == []
    window.side_tabs.setCurrentWidget(window.chapters_panel)
    table.grab()                                   # the delegate paints its waves
    project.history.push(AddEpisodeWord(project, "Smal"))
    assert title.words() == []
    window.actions_by_id["check_spelling"].trigger()      # off: no field underlines either
    assert wave_ranges(window.episode_panel.edits["description"]) == []
    assert delegate.misspelled_words(table.model().index(1, 1)) == []


def test_typing_in_a_line_field_checks_it_again(make_window, episode_file, qtbot):
    window = make_window(episode_file, wait_audio=False)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    edit = window.episode_panel.edits["subtitle"]
    window.side_tabs.setCurrentWidget(window.episode_panel)
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "A tset episode")
    assert window.spelling.underlines["subtitle"].words() == ["tset"]
    assert window.project.episode.subtitle == "A tset episode"
    edit.grab()                                    # the overlay paints its wave


def unknown_words(window) -> list[str]:
    return [f.message for f in window.publishing.check_panel.findings
            if f.code == "unknown-words"]


def test_the_check_tab_lists_the_unknown_words_and_goes_to_the_first(make_window, episode_file,
                                                                     qtbot):
    window = make_window(episode_file, wait_audio=False)
    panel = window.publishing.check_panel
    window.side_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: unknown_words(window) != [], timeout=3000)
    assert unknown_words(window) == ["4 unknown words (first: 'Smal' in episode title)"]
    project = window.project
    project.history.push(SetEpisodeField(project, "title", "Small talk"))
    qtbot.waitUntil(lambda: unknown_words(window) != [
        "4 unknown words (first: 'Smal' in episode title)"], timeout=3000)
    message = unknown_words(window)[0]
    assert message == "3 unknown words (first: 'havng' in Bo\u2019s turn at ~00:04)"
    findings = panel.findChild(QListWidget)
    item = next(findings.item(row) for row in range(findings.count())
                if findings.item(row).text() == message)
    findings.itemClicked.emit(item)
    assert window.transcript.current_turn() == TYPO_TURN
    window.actions_by_id["check_spelling"].trigger()      # off: the finding goes
    assert unknown_words(window) == []


def test_the_scan_runs_in_slices_between_events(make_window, episode_file, qtbot):
    window = make_window(episode_file, wait_audio=False)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    window.side_tabs.setCurrentWidget(window.publishing.check_panel)
    scan = window.spelling.scan
    assert scan is not None and not scan.done          # started, not run in one go
    qtbot.waitUntil(lambda: scan.done, timeout=3000)


def labels_of(menu) -> list[str]:
    return [action.text() for action in menu.actions()]


def action_of(menu, label: str):
    return next(action for action in menu.actions() if action.text() == label)


def point_on(edit, word: str):
    """A point inside ``word`` of a line field's text."""
    from PySide6.QtCore import QPoint
    text = edit.text()
    left = edit.fontMetrics().horizontalAdvance(text[:text.index(word) + 1])
    return QPoint(left + 5, edit.height() // 2)


def test_a_field_menu_offers_suggestions_that_replace_the_word_in_one_undo_step(
        make_window, episode_file, qtbot):
    window = make_window(episode_file, wait_audio=False)
    project = window.project
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    window.side_tabs.setCurrentWidget(window.episode_panel)
    edit = window.episode_panel.edits["title"]
    edit.setFocus()
    edit.end(False)
    QTest.keyClicks(edit, "!")          # typing just before: the replacement must not merge with it
    assert project.episode.title == "Smal talk!"
    menus = window.spelling.field_menus
    menu = menus.field_menu("title", edit, point_on(edit, "Smal"))
    labels = labels_of(menu)
    assert "Small" in labels and labels.index("Small") < labels.index("Add to Episode Dictionary")
    assert "Ignore" in labels
    assert any("Select All" in label.replace("&", "") for label in labels)   # the field's own
    action_of(menu, "Small").trigger()
    assert project.episode.title == "Small talk!"
    assert edit.text() == "Small talk!"
    assert window.spelling.underlines["title"].words() == []
    project.history.undo()
    assert project.episode.title == "Smal talk!"
    project.history.undo()
    assert project.episode.title == "Smal talk"


def test_a_correct_word_in_a_field_has_only_the_fields_own_menu(make_window, episode_file,
                                                                 qtbot):
    window = make_window(episode_file, wait_audio=False)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    window.side_tabs.setCurrentWidget(window.episode_panel)
    edit = window.episode_panel.edits["title"]
    labels = labels_of(window.spelling.field_menus.field_menu("title", edit, point_on(edit, "talk")))
    assert "Add to Episode Dictionary" not in labels and "Small" not in labels
    assert any("Copy" in label.replace("&", "") for label in labels)
    window.actions_by_id["check_spelling"].trigger()      # off: no entries on a typo either
    labels = labels_of(window.spelling.field_menus.field_menu("title", edit, point_on(edit, "Smal")))
    assert "Add to Episode Dictionary" not in labels


def test_add_to_episode_dictionary_from_a_description_menu(make_window, episode_file, qtbot):
    window = make_window(episode_file, wait_audio=False)
    project = window.project
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    project.history.push(SetEpisodeField(project, "description", "A descriptoin here."))
    window.side_tabs.setCurrentWidget(window.episode_panel)
    edit = window.episode_panel.edits["description"]
    cursor = edit.textCursor()
    cursor.setPosition(len("A desc"))
    point = edit.cursorRect(cursor).center()
    menu = window.spelling.field_menus.field_menu("description", edit, point)
    action_of(menu, "Add to Episode Dictionary").trigger()
    assert project.dictionary == ["descriptoin"]
    assert wave_ranges(edit) == []
    project.history.undo()
    assert project.dictionary == []


def test_a_chapter_title_menu_replaces_each_misspelled_word(make_window, episode_file, qtbot):
    from editor.core.commands import SetChapterField
    window = make_window(episode_file, wait_audio=False)
    project = window.project
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=2000)
    project.history.push(SetChapterField(project, 1, "title", "Nwes of teh week"))
    window.side_tabs.setCurrentWidget(window.chapters_panel)
    table = window.chapters_panel.table
    menus = window.spelling.field_menus
    assert menus.title_menu(table, 1, table.visualRect(table.model().index(0, 1)).center()) is None
    assert menus.title_menu(table, 1, table.visualRect(table.model().index(1, 0)).center()) is None
    menu = menus.title_menu(table, 1, table.visualRect(table.model().index(1, 1)).center())
    assert labels_of(menu)[:2] == ["Nwes", "teh"]            # a submenu for each word
    words = {action.text(): action.menu() for action in menu.actions()[:2]}
    action_of(words["teh"], "the").trigger()
    assert project.chapters[1].title == "Nwes of the week"
    project.history.undo()
    assert project.chapters[1].title == "Nwes of teh week"
