"""Spell checking with the real Hunspell en_US dictionary through Enchant: what is
flagged and what never is, suggestions, the language, and the accepted words
following the project as it changes."""
from __future__ import annotations

import pytest

from editor.core.commands import AddEpisodeWord, SetEpisodeField, SetSpeakerField
from editor.core.model import Credit, Project, Speaker, Turn
from editor.core.spelling import (SpellChecker, UserDictionary, check_spans, dictionary_tag,
                                  open_dictionary, utf16_spans)

from helpers import load_synthetic


@pytest.fixture
def project(english_dictionary) -> Project:
    project = Project()
    project.episode.language = "en"
    project.episode.show = "Northern Founders"
    project.episode.credits = (Credit("Hosted", ("Jonas Pärn",)),)
    project.speakers = [Speaker("takeo", "Takeo Ishikawa"), Speaker("mara", "Mara Ilves")]
    project.turns = [Turn(0, "takeo", "")]
    return project


def flagged(checker: SpellChecker, text: str) -> list[str]:
    return [text[start:end] for start, end in checker.misspelled_spans(text)]


def test_a_known_misspelling_is_found_where_it_is_with_the_right_suggestion(project):
    checker = SpellChecker(project)
    text = "We recieve letters every week."
    assert checker.misspelled_spans(text) == [(3, 10)]
    assert "receive" in checker.suggestions("recieve")
    assert len(checker.suggestions("recieve", limit=2)) <= 2
    assert checker.language == "en_US" and checker.problem is None


def test_correct_text_flags_nothing_and_typos_each_once(project):
    checker = SpellChecker(project)
    assert flagged(checker, "The quick brown fox jumps over the lazy dog.") == []
    assert flagged(checker, "Teh quick brwon fox, teh end.") == ["Teh", "brwon", "teh"]


def test_speakers_and_credited_names_and_the_show_are_not_flagged(project):
    checker = SpellChecker(project)
    text = "Takeo Ishikawa met Mara Ilves and Jonas Pärn on Northern Founders."
    assert flagged(checker, text) == []
    # ...in their own spelling, ALL CAPS and possessive, but a lower-case name is a typo
    assert flagged(checker, "ISHIKAWA said Ilves's point and Ilves’s too") == []
    assert flagged(checker, "ishikawa") == ["ishikawa"]


def test_the_episode_dictionary_words_are_not_flagged(project):
    project.dictionary = ["Sauna", "Kõpu", "Harbourside Labs", "podcasty"]
    checker = SpellChecker(project)
    assert flagged(checker, "Kõpu and Harbourside Labs, Podcasty PODCASTY podcasty") == []
    assert flagged(checker, "kõpu") == ["kõpu"]


def test_adding_a_word_is_undoable_and_the_checker_follows(project):
    checker = SpellChecker(project)
    heard = []
    checker.changed.connect(lambda: heard.append("changed"))
    assert flagged(checker, "Ask Virtanen.") == ["Virtanen"]
    project.history.push(AddEpisodeWord(project, "Virtanen"))
    assert heard == ["changed"]
    assert flagged(checker, "Ask Virtanen.") == []
    project.history.undo()
    assert heard == ["changed", "changed"]
    assert flagged(checker, "Ask Virtanen.") == ["Virtanen"]
    project.history.redo()
    assert flagged(checker, "Ask Virtanen.") == []


def test_renaming_a_speaker_or_editing_credits_updates_what_is_accepted(project):
    checker = SpellChecker(project)
    project.history.push(SetSpeakerField(project, "takeo", "name", "Aino Virtanen"))
    assert flagged(checker, "Aino Virtanen, not Ishikawa") == ["Ishikawa"]
    project.history.push(SetEpisodeField(project, "credits",
                                         (Credit("Produced", ("Liis Saar",)),)))
    assert flagged(checker, "Liis Saar, not Pärn") == ["Pärn"]


def test_urls_emails_times_and_numbers_are_not_flagged(project):
    checker = SpellChecker(project)
    text = ("See https://exmaple.org/pth?q=zzx, www.foobarr.com/x and shopp.exmaple.co.uk; "
            "write to hello@exmaple.org or @showscribbe. At 03:36 and 1:02:07, 1,000 "
            "people, 3.5 kg, mp3s, 21st, 2nd, 4K, B2B.")
    assert flagged(checker, text) == []
    # the checking is on: a typo beside them is found
    assert flagged(checker, "At 03:36 we wnet to exmaple.org.") == ["wnet"]


def test_all_caps_are_skipped_unless_asked_for(project):
    checker = SpellChecker(project)
    heard = []
    checker.changed.connect(lambda: heard.append("changed"))
    assert flagged(checker, "The NASAA report") == []
    checker.set_ignore_all_caps(False)
    assert heard == ["changed"]
    assert flagged(checker, "The NASAA report by NASA") == ["NASAA"]
    assert flagged(checker, "ILVES") == []          # a name stays a name


def test_apostrophes_keep_a_word_and_hyphens_split_it(project):
    checker = SpellChecker(project)
    assert flagged(checker, "don't, O'Brien, don’t, O’Brien, well-known, e-mail") == []
    assert flagged(checker, "well-knwon and dont'") == ["knwon", "dont"]
    text = "rock-n-rol"
    assert check_spans(text) == [(0, 4), (5, 6), (7, 10)]


def test_spans_index_the_python_string_with_accents_decomposed(project):
    checker = SpellChecker(project)
    text = "Cafe\u0301 zzqx"      # "Café" with a combining accent, then a typo
    assert check_spans(text) == [(0, 5), (6, 10)]
    assert checker.misspelled_spans(text)[-1] == (6, 10)


def test_spans_convert_to_utf16_positions_after_an_emoji(project):
    checker = SpellChecker(project)
    text = "Hi \U0001F600 teh the zzqx"
    spans = checker.misspelled_spans(text)
    assert [text[a:b] for a, b in spans] == ["teh", "zzqx"]
    assert spans == [(5, 8), (13, 17)]
    assert utf16_spans(text, spans) == [(6, 9), (14, 18)]
    assert utf16_spans("plain teh", [(6, 9)]) == [(6, 9)]
    assert text.encode("utf-16-le")[6 * 2:9 * 2].decode("utf-16-le") == "teh"


def test_a_scan_grows_with_the_episode_not_faster(project):
    from editor.core.spelling import scan_project
    import time
    synthetic = load_synthetic()

    def seconds(turns: int) -> float:
        episode = synthetic.make_project(turns=turns, seed=3)
        episode.episode.language = "en"
        checker = SpellChecker(episode)
        scan_project(checker)                     # the dictionary's answers cached
        begin = time.perf_counter()
        scan_project(checker)
        return time.perf_counter() - begin

    small, large = min(seconds(300) for _ in range(3)), min(seconds(3000) for _ in range(3))
    assert large < small * 30, (small, large)     # ten times the turns, not a hundred


def test_ignore_lasts_while_the_episode_is_open_and_is_not_saved(project):
    checker = SpellChecker(project)
    checker.ignore("Zorblax")
    assert flagged(checker, "Zorblax zorblax") == ["zorblax"]
    assert project.dictionary == []
    assert flagged(SpellChecker(project), "Zorblax") == ["Zorblax"]


def test_a_user_dictionary_word_is_accepted_in_every_episode(project, tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("# my words\nVirtanen\n\nSaar\n", encoding="utf-8")
    checker = SpellChecker(project, UserDictionary.load(path))
    assert flagged(checker, "Virtanen, Saar and Ruutel") == ["Ruutel"]


# -- the language ---------------------------------------------------------------

@pytest.mark.parametrize("language, message", [
    ("", "the episode has no language (episode.language); spelling is not checked"),
    ("xx", "no spelling dictionary for language 'xx' is installed (installed: "),
    ("en-XY", "on Debian a package such as hunspell-en-xy); spelling is not checked"),
])
def test_no_dictionary_means_checking_off_with_a_clear_message(project, language, message):
    project.episode.language = language
    checker = SpellChecker(project)
    assert not checker.active and checker.language is None
    assert message in checker.problem and "\n" not in checker.problem
    assert checker.misspelled_spans("Teh brwon fox") == []
    assert checker.suggestions("brwon") == []


def test_changing_the_language_turns_checking_on_and_off(project):
    project.episode.language = "xx"
    checker = SpellChecker(project)
    heard = []
    checker.changed.connect(lambda: heard.append(checker.active))
    project.history.push(SetEpisodeField(project, "language", "en-US"))
    assert heard == [True] and flagged(checker, "Teh fox") == ["Teh"]
    project.history.undo()
    assert heard == [True, False] and flagged(checker, "Teh fox") == []


@pytest.mark.parametrize("language, tag", [
    ("en", "en_US"), ("en-US", "en_US"), ("en_us", "en_US"), ("EN-us", "en_US"),
    ("en-GB", None), ("de", "de_DE"), ("pt", "pt_PT"), ("pt-BR", "pt_BR"),
    ("fr", None), ("", None), ("english", None), ("en-", None),
])
def test_the_language_field_picks_an_installed_dictionary(language, tag):
    installed = ["de_AT", "de_DE", "en_AU", "en_US", "pt_BR", "pt_PT"]
    assert dictionary_tag(language, installed) == tag


def test_a_bare_language_without_a_preferred_country_takes_the_first_installed():
    assert dictionary_tag("en", ["en_GB", "en_AU"]) == "en_AU"


def test_the_english_dictionary_opens_for_en(english_dictionary):
    assert open_dictionary("en").tag == "en_US"
