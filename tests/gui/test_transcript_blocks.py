"""The map from document blocks to turns, and the layout's spacing."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.gui.transcript.blocks import TurnBlocks, block_count, shown_text


def test_blocks_map_paragraphs_to_turns():
    blocks = TurnBlocks()
    blocks.reset(["one", "two\nthree", "four"])
    assert blocks.first == [0, 1, 3]
    assert [blocks.turn_of_block(n) for n in range(4)] == [0, 1, 1, 2]
    assert blocks.last_block(1) == 2 and blocks.total_blocks() == 4


def test_blocks_renumber_only_when_paragraphs_change():
    blocks = TurnBlocks()
    blocks.reset(["a", "b", "c"])
    assert blocks.set_texts({1: "bb"}) is False and blocks.first == [0, 1, 2]
    assert blocks.set_texts({0: "a\na2"}) is True and blocks.first == [0, 2, 3]
    assert [blocks.begins_turn(n) for n in range(5)] == [True, False, True, True, False]


def test_blocks_follow_inserted_and_removed_turns():
    blocks = TurnBlocks()
    blocks.reset(["a", "b\nb2", "c"])
    blocks.insert(1, ["x", "y\ny2\ny3"])
    assert blocks.texts == ["a", "x", "y\ny2\ny3", "b\nb2", "c"]
    assert blocks.first == [0, 1, 2, 5, 7]
    blocks.remove(1, 3)
    assert blocks.texts == ["a", "c"] and blocks.first == [0, 1]
    blocks.remove(0, 1)
    assert len(blocks) == 0 and blocks.turn_of_block(0) == -1 and blocks.total_blocks() == 1


def test_every_paragraph_break_the_document_knows_is_counted():
    assert shown_text("a\r\nb\rc\u2029d") == "a\nb\nc\nd"
    assert block_count("a\r\nb") == 2 and block_count("") == 1


TEXTS = st.sampled_from(["a", "b\nb2", "c\nc2\nc3", "", "\n"])
EDITS = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 50), st.lists(TEXTS, min_size=1, max_size=4)),
    st.tuples(st.just("remove"), st.integers(0, 50), st.integers(0, 3)),
    st.tuples(st.just("set"), st.dictionaries(st.integers(0, 50), TEXTS, max_size=3)))


@given(st.lists(TEXTS, max_size=8), st.lists(EDITS, max_size=12))
def test_renumbering_from_the_edit_numbers_as_a_fresh_map_would(texts, edits):
    """Only the turns from an edit on are renumbered; the numbers must still be
    those of a map made afresh from the same texts."""
    blocks = TurnBlocks()
    blocks.reset(texts)
    for edit in edits:
        count = len(blocks)
        if edit[0] == "insert":
            blocks.insert(min(edit[1], count), edit[2])
        elif edit[0] == "remove" and count:
            first = min(edit[1], count - 1)
            blocks.remove(first, min(first + edit[2], count - 1))
        elif edit[0] == "set" and count:
            blocks.set_texts({turn % count: text for turn, text in edit[1].items()})
        fresh = TurnBlocks()
        fresh.reset(blocks.texts)
        assert (blocks.counts, blocks.first) == (fresh.counts, fresh.first)
