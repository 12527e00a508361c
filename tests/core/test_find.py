"""Find and replace logic: literal text (regex characters match themselves), case,
whole word, the speaker filter, wrapping search in both directions, replace all."""
from __future__ import annotations

from editor.core.commands import ReplaceTexts
from editor.core.find import Match, Query, find_all, find_next, match_at, match_number, \
    matches_in_text, replace_all, replace_match
from editor.core.model import Project, Turn


def turns(*texts: str, speakers: tuple[str, ...] = ()) -> list[Turn]:
    return [Turn(start=i * 1000, speaker=speakers[i] if speakers else "a", text=t)
            for i, t in enumerate(texts)]


def test_case_is_ignored_unless_asked():
    found = turns("Bees and bees", "BEES")
    assert [(m.turn, m.start) for m in find_all(found, Query("bees"))] == [(0, 0), (0, 9), (1, 0)]
    assert find_all(found, Query("bees", case_sensitive=True)) == [Match(0, 9, 13)]


def test_whole_word_does_not_match_inside_words():
    text = turns("the theme; the end. Another the")
    assert len(find_all(text, Query("the"))) == 5      # "theme" and "Another" too
    whole = find_all(text, Query("the", whole_word=True))
    assert [m.start for m in whole] == [0, 11, 28]


def test_whole_word_works_for_search_text_with_punctuation():
    text = turns("call 911! not 9111!")
    assert find_all(text, Query("911!", whole_word=True)) == [Match(0, 5, 9)]


def test_regex_characters_match_themselves():
    text = turns("costs $5.00 (roughly) a+b [x] c.d", "cXd")
    for needle in ("$5.00", "(roughly)", "a+b", "[x]", "c.d"):
        matches = find_all(text, Query(needle))
        assert len(matches) == 1, needle
        match = matches[0]
        assert text[0].text[match.start:match.end] == needle


def test_the_speaker_filter_searches_one_speakers_turns():
    text = turns("hello", "hello", "hello", speakers=("a", "b", "a"))
    assert [m.turn for m in find_all(text, Query("hello", speaker="a"))] == [0, 2]
    assert [m.turn for m in find_all(text, Query("hello", speaker="b"))] == [1]
    assert find_all(text, Query("hello", speaker="nobody")) == []


def test_find_next_goes_forward_and_wraps():
    text = turns("one x", "two", "x three x")
    query = Query("x")
    assert find_next(text, query, 0, 0) == Match(0, 4, 5)
    assert find_next(text, query, 0, 5) == Match(2, 0, 1)
    assert find_next(text, query, 2, 1) == Match(2, 8, 9)
    assert find_next(text, query, 2, 9) == Match(0, 4, 5)      # wrapped round


def test_find_previous_goes_backwards_and_wraps():
    text = turns("one x", "two", "x three x")
    query = Query("x")
    assert find_next(text, query, 2, 8, backwards=True) == Match(2, 0, 1)
    assert find_next(text, query, 2, 0, backwards=True) == Match(0, 4, 5)
    assert find_next(text, query, 0, 4, backwards=True) == Match(2, 8, 9)   # wrapped


def test_find_next_in_the_start_turn_before_the_cursor_after_wrapping():
    text = turns("x then y", "nothing")
    assert find_next(text, Query("x"), 0, 3) == Match(0, 0, 1)


def test_nothing_to_find():
    assert find_next(turns("abc"), Query("zzz"), 0, 0) is None
    assert find_next(turns("abc"), Query(""), 0, 0) is None
    assert find_next([], Query("a"), 0, 0) is None
    assert find_all(turns("abc"), Query("")) == []


def test_match_at_notices_a_changed_text():
    text = turns("a cat")
    match = find_all(text, Query("cat"))[0]
    assert match_at(text, Query("cat"), match)
    text[0].text = "a dog"
    assert not match_at(text, Query("cat"), match)


def test_replace_match_and_replace_all():
    text = turns("Bees, bees! (bees)", "no match", "bees\\1")
    assert replace_match(text[0].text, Match(0, 0, 4), "Wasps") == "Wasps, bees! (bees)"
    changes = replace_all(text, Query("bees"), r"w\1$&")
    # The replacement is literal: no group references, no escapes.
    assert changes == {0: r"w\1$&, w\1$&! (w\1$&)", 2: r"w\1$&\1"}


def test_replace_all_respects_case_whole_word_and_speaker():
    text = turns("The theme", "the end", "THE", speakers=("a", "a", "b"))
    assert replace_all(text, Query("the", case_sensitive=True, whole_word=True), "a") == \
        {1: "a end"}
    assert replace_all(text, Query("the", whole_word=True, speaker="a"), "X") == \
        {0: "X theme", 1: "X end"}


def test_replace_all_is_one_undo_step():
    project = Project()
    project.turns = turns("one fish", "two fish", "red fish")
    project.history.push(ReplaceTexts(project, replace_all(project.turns, Query("fish"),
                                                           "bird")))
    assert [t.text for t in project.turns] == ["one bird", "two bird", "red bird"]
    assert project.history.undo()
    assert [t.text for t in project.turns] == ["one fish", "two fish", "red fish"]
    assert not project.history.can_undo


def test_match_number_places_a_match_in_document_order():
    turns = [Turn(0, "a", "one two one"), Turn(1, "b", "none"), Turn(2, "a", "One")]
    query = Query("one")
    matches = find_all(turns, query)
    assert [(m.turn, m.start) for m in matches] == [(0, 0), (0, 8), (1, 1), (2, 0)]
    assert [match_number(matches, m) for m in matches] == [1, 2, 3, 4]
    assert match_number(matches, Match(0, 4, 7)) == 0
    assert match_number([], Match(0, 0, 3)) == 0


def test_matches_in_text_follow_the_query_options():
    assert matches_in_text("One one bone", Query("one")) == [(0, 3), (4, 7), (9, 12)]
    assert matches_in_text("One one bone", Query("one", whole_word=True)) == [(0, 3), (4, 7)]
    assert matches_in_text("One one bone", Query("One", case_sensitive=True)) == [(0, 3)]
    assert matches_in_text("anything", Query("")) == []
