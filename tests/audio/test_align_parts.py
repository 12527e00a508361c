"""The aligner's pure parts: tokens, pronunciations, matching, gaps; and its model."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from editor.audio.align import matching
from editor.audio.align.base import AlignError
from editor.audio.align.matching import Heard, Run, anchor_chain, gap_kind, match_words, runs_of
from editor.audio.align.pronounce import episode_dictionary, letter_to_sound
from editor.audio.align.sphinx import find_model
from editor.audio.align.words import spoken_token, turn_tokens

ALIGN_DIR = Path(__file__).resolve().parents[2] / "editor" / "audio" / "align"


def test_the_english_model_ships_inside_the_pocketsphinx_wheel():
    # No skip: a missing model must fail the run, in CI above all.
    model = find_model("en")
    assert (model.hmm / "mdef").is_file()
    assert (model.hmm / "means").is_file()
    assert model.dictionary.stat().st_size > 1_000_000


def test_another_language_without_a_model_folder_is_refused_with_what_to_do():
    with pytest.raises(AlignError) as caught:
        find_model("de")
    assert "'de'" in str(caught.value) and "Preferences" in str(caught.value)


def test_a_model_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(AlignError, match="not a pocketsphinx model folder"):
        find_model("de", tmp_path)
    with pytest.raises(AlignError, match="is not there"):
        find_model("de", tmp_path / "missing")


def test_the_aligner_imports_no_qt():
    for path in ALIGN_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(("PySide6", "vlc", "editor.gui")), (path, name)


def test_written_words_become_the_tokens_the_recogniser_speaks():
    assert turn_tokens("Aino Mäkelä, welcome — to the “show”. Don’t") == [
        "aino", "makela", "welcome", "", "to", "the", "show", "don't"]
    assert spoken_token("colour-blind!") == "colour-blind"
    assert spoken_token("R&D") == "randd"


def test_every_word_gets_a_pronunciation_with_the_dictionary_first():
    model = find_model("en")
    found = episode_dictionary(model.dictionary, ["honey", "neighbours", "metres",
                                                  "callum's", "zzyzqx", "2026"])
    assert found["honey"] == ["HH AH N IY"]
    assert found["neighbours"] == episode_dictionary(model.dictionary, ["neighbors"])["neighbors"][:1]
    assert found["callum's"][0].endswith(" Z")
    assert found["zzyzqx"] == [letter_to_sound("zzyzqx")]
    assert found["2026"] == ["T UW Z IH R OW T UW S IH K S"]


def _heard(tokens: list[str], start: int = 0, step: int = 300) -> list[Heard]:
    return [Heard(token, start + k * step, start + k * step + 250)
            for k, token in enumerate(tokens)]


def test_matching_finds_the_transcript_words_in_what_was_heard():
    words = "we open the roof once a month for visits and i post a diary".split()
    heard = _heard("uh we open the roof once a month for business and i post a diary".split())
    pairs = match_words(words, heard)
    assert (1, 2) in pairs and (13, 14) in pairs      # "open", "diary"
    assert all(words[w] == heard[h].token for w, h in pairs)


def test_the_chain_skips_a_match_too_far_ahead_for_the_time_between():
    heard = _heard(["a"] * 40)
    runs = [Run(0, 0, 5), Run(300, 6, 2), Run(5, 8, 5)]
    # 295 words skipped in a second and a half: nobody talks that fast.
    assert anchor_chain(runs, heard) == [Run(0, 0, 5), Run(5, 8, 5)]


def test_the_chain_may_jump_over_a_cut_passage_between_two_strong_runs():
    heard = _heard(["a"] * 40)
    runs = [Run(0, 0, 6), Run(200, 6, 6)]
    assert anchor_chain(runs, heard) == runs
    assert anchor_chain([Run(0, 0, 6), Run(200, 6, 2)], heard) == [Run(0, 0, 6)]


def test_runs_join_pairs_consecutive_in_both_orders():
    assert runs_of([(0, 0), (1, 1), (2, 2), (5, 3), (6, 4)]) == [Run(0, 0, 3), Run(5, 3, 2)]


def test_gaps_say_what_to_do_with_their_words():
    assert gap_kind(3, 1500) == "align"
    assert gap_kind(40, 1000) == "unspoken"
    assert gap_kind(0, 30000) == "long"
    assert gap_kind(2, 30000) == "long"
    heard = _heard("one two three four five six".split())
    gaps = matching.plan_gaps([Run(1, 0, 3)], heard, 6, 5000)
    assert [(g.first, g.last, g.kind) for g in gaps] == [(0, 0, "align"), (4, 5, "align")]
    assert (gaps[0].start, gaps[0].end) == (0, 0) and gaps[1].start == heard[2].end


def test_a_word_starts_after_the_pause_it_swallowed():
    import math
    import struct
    from editor.audio.align.sphinx import _onsets_after_silence
    speech = b"".join(struct.pack("<h", int(3000 * math.sin(k / 5))) for k in range(8000))
    silence = b"\0\0" * 8000
    samples = speech + silence + speech         # 0.5 s, a 0.5 s pause, 0.5 s
    # The second word was aligned from the middle of the first one.
    assert _onsets_after_silence([(0, 400), (250, 1500)], samples, 0) == [(0, 400), (990, 1500)]
    assert _onsets_after_silence([(1000, 1500)], samples, 0) == [(1000, 1500)]
