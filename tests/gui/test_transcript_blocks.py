"""The map from document blocks to turns, and the layout's spacing."""
from __future__ import annotations

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
