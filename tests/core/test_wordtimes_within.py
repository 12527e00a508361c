"""spans_within: word spans that trust only the word times inside the turn and
in order, so writers that cut or time by words never run backwards or into the
next turn."""
from __future__ import annotations

from editor.core.model import Turn
from editor.core.wordtimes import spans_within, word_spans


def starts(spans) -> list[int]:
    return [span.start for span in spans]


def test_times_inside_the_turn_and_in_order_are_kept_as_they_are():
    turn = Turn(1_000, "a", "one two three four", words=(0, 300, None, 1_500))
    assert spans_within(turn, 5_000) == word_spans(turn, 5_000)
    assert [s.known for s in spans_within(turn, 5_000)] == [True, True, False, True]


def test_a_time_past_the_turn_is_shared_out_like_an_unknown_one():
    turn = Turn(1_000, "a", "one two three four", words=(0, 300, 600, 9_000))
    spans = spans_within(turn, 2_000)
    assert [s.known for s in spans] == [True, True, True, False]
    assert starts(spans)[:3] == [1_000, 1_300, 1_600]
    assert 1_600 < spans[3].start < spans[3].end == 2_000


def test_a_time_before_an_earlier_words_is_not_trusted():
    turn = Turn(0, "a", "one two three four", words=(0, 800, 400, 1_200))
    spans = spans_within(turn, 3_000)
    assert [s.known for s in spans] == [True, True, False, True]
    assert starts(spans) == sorted(starts(spans))
    assert starts(spans)[1] == 800 and starts(spans)[3] == 1_200


def test_times_for_other_words_are_ignored_as_word_spans_ignores_them():
    turn = Turn(0, "a", "one two three", words=(0, 9_000))    # the text was retyped
    assert spans_within(turn, 3_000) == word_spans(Turn(0, "a", "one two three"), 3_000)
