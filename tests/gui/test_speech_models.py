"""The speech model folder of each language: kept in Settings, set in Preferences
(a folder that is no model is refused with its one-line reason), and used to
align an episode in that language."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from editor.gui.preferences import PreferencesDialog
from editor.gui.settings import Settings
from editor.gui.speech_models import make_aligner


@pytest.fixture
def english_copy(tmp_path) -> Path:
    """pocketsphinx's English model copied to a folder of the test's own."""
    from pocketsphinx import get_model_path
    folder = tmp_path / "model-xx"
    shutil.copytree(get_model_path("en-us/en-us"), folder / "acoustic")
    shutil.copy(get_model_path("en-us/cmudict-en-us.dict"), folder / "words.dict")
    return folder


def test_settings_keep_a_folder_per_language_and_fall_back_to_the_main_one(qapp, tmp_path):
    settings = Settings()
    settings.set_speech_model_folders({"pt_BR": tmp_path / "br", "de": tmp_path / "de"})
    again = Settings()
    assert again.speech_model_folders() == {"pt-br": tmp_path / "br", "de": tmp_path / "de"}
    assert again.speech_model_folder("PT-br") == tmp_path / "br"
    assert again.speech_model_folder("de-AT") == tmp_path / "de"     # its main language
    assert again.speech_model_folder("pt") is None and again.speech_model_folder("en") is None
    again.set_speech_model_folders({})
    assert Settings().speech_model_folders() == {}


def test_a_folder_that_is_not_a_model_keeps_the_dialog_open_with_the_reason(qtbot, tmp_path):
    settings = Settings()
    fake = tmp_path / "fake"
    fake.mkdir()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.speech_models.add_row("xx", fake)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.models_problem.isVisible()
    assert dialog.models_problem.text() == (
        f"Speech models: {fake}: not a pocketsphinx model folder (it needs an acoustic "
        "model with mdef and a .dict file).")
    assert settings.speech_model_folders() == {}


@pytest.mark.parametrize("rows, problem", [
    ([("english!", "/m")], "Speech models, row 1: \u201cenglish!\u201d is not a language code"),
    ([("", "/m")], "Speech models, row 1: \u201c\u201d is not a language code"),
    ([("de", "")], "Speech models, row 1: choose the folder for de."),
    ([("de", "/a"), ("DE", "/b")], "Speech models: de has two folders; keep one."),
])
def test_rows_that_cannot_be_saved_are_named(qtbot, rows, problem):
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    for language, folder in rows:
        dialog.speech_models.add_row(language, folder)
    assert dialog.speech_models.problem().startswith(problem)


def test_a_real_model_folder_is_kept_and_aligns_that_language(qtbot, english_copy):
    settings = Settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.speech_models.add_row("xx", english_copy)
    dialog.speech_models.add_row("", "")            # a row left empty is dropped
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Settings().speech_model_folders() == {"xx": english_copy}
    aligner = make_aligner(Settings(), "xx")
    assert aligner.model.hmm == english_copy / "acoustic"
    assert aligner.model.dictionary == english_copy / "words.dict"
    again = PreferencesDialog(Settings())           # shown again next time
    qtbot.addWidget(again)
    assert again.speech_models.folders() == {"xx": str(english_copy)}


def test_english_needs_no_folder_and_another_language_says_what_is_missing(qapp):
    from editor.audio.align import AlignError
    assert make_aligner(Settings(), "").model.hmm.name == "en-us"
    with pytest.raises(AlignError, match="'xx'.*Preferences"):
        make_aligner(Settings(), "xx")
