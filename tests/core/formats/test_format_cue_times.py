"""Caption cues at word times (WebVTT and SRT): every cue after a turn's first
starts where its first word was heard, pauses are cut at like sentence ends,
no cue flashes by, and the sample with word times reads back in webvtt-py and
the srt library as written."""
from __future__ import annotations

import re
from datetime import timedelta

import srt as srtlib
import webvtt

from editor.core.builder import turn_spans
from editor.core.formats import srt, vtt
from editor.core.formats._captions import MIN_CUE_MS, cut_turns
from editor.core.model import Project, Speaker, Turn
from editor.core.projectfile import load_project
from editor.core.wordtimes import word_spans
from formats_support import aligned_sample, turn_view


def one_turn(text: str, words, end: int = 10_000) -> Project:
    project = Project()
    project.speakers = [Speaker("a", "Ann"), Speaker("b", "Bo")]
    project.turns = [Turn(0, "a", text, words=words), Turn(end, "b", "Next.")]
    project.audio_duration = end + 2_000
    return project


def first_words(project: Project, cues_by_turn: dict[int, list[str]]) -> dict[int, list[int]]:
    """For each turn, the index of the first word of each of its cues' texts."""
    firsts = {}
    for number, texts in cues_by_turn.items():
        at, indexes = 0, []
        for text in texts:
            indexes.append(at)
            at += len(text.split())
        assert at == len(project.turns[number - 1].text.split())
        firsts[number] = indexes
    return firsts


# -- the aligned sample, as webvtt-py and the srt library read it ------------------------

def test_vtt_cues_of_the_aligned_sample_start_at_word_times(sample_dir):
    project = aligned_sample(sample_dir)
    text = vtt.write(project)
    captions = webvtt.from_string(text).captions
    assert [c.identifier for c in captions] == re.findall(r"^\d+-\d+-\d+(?:-\d+)?$", text,
                                                          re.MULTILINE)
    by_turn: dict[int, list] = {}
    for caption in captions:
        by_turn.setdefault(int(caption.identifier.split("-")[0]), []).append(caption)
    assert list(by_turn) == list(range(1, len(project.turns) + 1))
    firsts = first_words(project, {n: [c.text.replace("\n", " ") for c in cues]
                                   for n, cues in by_turn.items()})
    spans = turn_spans(project)
    cut = 0
    for number, cues in by_turn.items():
        turn = project.turns[number - 1]
        starts = [c.start_time.in_milliseconds() for c in cues]
        assert starts == [turn.start] + [turn.start + turn.words[k] for k in firsts[number][1:]]
        cut += len(cues) - 1
        # One turn's speaker, inside that turn's span.
        assert {c.voice for c in cues} == {project.speaker_name(turn.speaker)}
        assert cues[-1].end_time.in_milliseconds() == spans[number - 1][1]
    assert cut >= 20      # most long turns of the sample are cut, so the times are tested


def test_vtt_cues_of_the_aligned_sample_are_readable(sample_dir):
    project = aligned_sample(sample_dir)
    captions = webvtt.from_string(vtt.write(project)).captions
    spans = {n + 1: end - start for n, (start, end) in enumerate(turn_spans(project))}
    for caption in captions:
        lines = caption.text.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), lines
        duration = caption.end_time.in_milliseconds() - caption.start_time.in_milliseconds()
        turn = int(caption.identifier.split("-")[0])
        assert duration >= MIN_CUE_MS or spans[turn] < MIN_CUE_MS, caption
    # webvtt-py's own order is the file's, which is time order.
    starts = [c.start_time.in_milliseconds() for c in captions]
    assert starts == sorted(starts)


def test_srt_of_the_aligned_sample_in_the_srt_library(sample_dir):
    project = aligned_sample(sample_dir)
    text = srt.write(project)
    subtitles = list(srtlib.parse(text))
    # The library's own order and form are the file's.
    assert srtlib.compose(srtlib.sort_and_reindex(subtitles)) == text
    names = [project.speaker_name(t.speaker) for t in project.turns]
    at = 0
    for turn, name, (start, end) in zip(project.turns, names, turn_spans(project)):
        words, starts = [], []
        while len(words) < len(turn.text.split()):
            subtitle = subtitles[at]
            lines = subtitle.content.split("\n")
            assert len(lines) <= 2 and all(len(line) <= 32 for line in lines), lines
            content = " ".join(subtitle.content.split())
            if not starts:    # a turn's first cue, and only that, names its speaker
                assert content.startswith(f"{name}: "), content
                content = content.removeprefix(f"{name}: ")
            else:
                assert not any(content.startswith(f"{n}:") for n in names), content
            ms = round(subtitle.start / timedelta(milliseconds=1))
            starts.append(ms - turn.start if starts else None)
            assert starts[-1] is None or starts[-1] == turn.words[len(words)]
            duration = (subtitle.end - subtitle.start) / timedelta(milliseconds=1)
            assert duration >= MIN_CUE_MS or end - start < MIN_CUE_MS, subtitle
            assert start <= ms and subtitle.end / timedelta(milliseconds=1) <= end
            words += content.split()
            at += 1
        assert words == turn.text.split() and ms >= turn.start
    assert at == len(subtitles) > len(project.turns) + 20


def test_the_aligned_sample_reads_back_whole(sample_dir):
    project = aligned_sample(sample_dir)
    assert turn_view(vtt.read(vtt.write(project))) == turn_view(project)
    assert turn_view(srt.read(srt.write(project)), paragraphs=False) == \
        turn_view(project, paragraphs=False)


# -- where cues are cut ------------------------------------------------------------------

# 98 characters: two cues, and no punctuation to cut at.
PLAIN = ("so we carried the boxes up the stairs one by one and then we "
         "waited on the roof until the bees came")


def test_a_pause_is_cut_at_like_a_sentence_end():
    words = PLAIN.split()
    pause_after = words.index("then")          # "... one by one and then | we waited"
    times = [k * 250 + (1_500 if k > pause_after else 0) for k in range(len(words))]
    cues = cut_turns(one_turn(PLAIN, tuple(times)), 42, 2)[:-1]
    assert [" ".join(c.lines).split()[-1] for c in cues] == ["then", "came"]
    assert cues[1].start == times[pause_after + 1]
    # Without the pause the cut falls elsewhere: it is the pause that decides.
    even = tuple(k * 250 for k in range(len(words)))
    assert " ".join(cut_turns(one_turn(PLAIN, even), 42, 2)[0].lines).split()[-1] != "then"


def test_a_tail_heard_in_a_flash_is_merged_into_its_neighbour():
    text = ("The harder part was the paperwork for the council, the insurer and the "
            "caretaker. Done.")
    words = text.split()
    # Everything but "Done." in the first 6 s; "Done." at 9.6 s, 0.4 s before Bo.
    times = tuple([k * 400 for k in range(len(words) - 1)] + [9_600])
    cues = cut_turns(one_turn(text, times), 42, 2)[:-1]
    assert all(c.end - c.start >= MIN_CUE_MS for c in cues), [(c.lines, c.start) for c in cues]
    assert cues[-1].lines[-1].endswith("Done.")
    assert [c.start for c in cues[1:]] == [times[len(" ".join(cues[0].lines).split())]]


def test_no_cue_flashes_by_even_where_an_even_cut_or_a_pause_would_make_one():
    words = PLAIN.split()
    # Nine words at a talking pace, then a pause, then the rest gabbled in 0.6 s.
    times = tuple(k * 500 if k < 9 else 9_300 + 50 * (k - 9) for k in range(len(words)))
    cues = cut_turns(one_turn(PLAIN, times), 42, 2)[:-1]
    assert len(cues) == 2 and all(c.end - c.start >= MIN_CUE_MS for c in cues)
    first = len(" ".join(cues[0].lines).split())
    assert first <= 8 and cues[1].start == times[first]     # still at a word's time


def test_without_word_times_cues_are_cut_at_the_shared_out_times(sample_dir):
    project = load_project(sample_dir / "sample-episode" / "episode.showscribe.yaml")
    without = cut_turns(project, 42, 2)
    for turn, (start, end) in zip(project.turns, turn_spans(project)):
        turn.words = tuple(span.start - start for span in word_spans(turn, end))
    assert cut_turns(project, 42, 2) == without
    assert len(without) > len(project.turns)     # some turns were cut


def test_word_times_out_of_order_or_past_the_turn_keep_cues_in_order():
    words = PLAIN.split()
    for times in ([0] + [50_000] * (len(words) - 1),            # past the next turn
                  [0] + [(k * 7_919) % 9_000 for k in range(1, len(words))],  # shuffled
                  [0, 100]):                                    # the text was retyped
        cues = cut_turns(one_turn(PLAIN, tuple(times)), 42, 2)
        assert " ".join(" ".join(c.lines) for c in cues[:-1]) == PLAIN
        for before, after in zip(cues, cues[1:]):
            assert before.start < before.end == after.start or after.turn != before.turn
        assert all(c.start < 10_000 for c in cues[:-1])          # never into Bo's turn
        assert cues[-1].start == 10_000


def test_a_cue_holding_a_paragraph_break_reads_back_as_two_paragraphs():
    project = one_turn("The harder part was the paperwork, because the building needed "
                       "a permit.\nYes.\nAnd then the bees arrived.", None, end=6_000)
    text = vtt.write(project)
    assert "\n1-2-1-2\n" in text                 # "Yes." / "And then ..." in one cue
    assert turn_view(vtt.read(text)) == turn_view(project)
    # A break line that is not in the cue means no break.
    assert vtt.read(text.replace("1-2-1-2", "1-2-1-9")).turns[0].text == (
        "The harder part was the paperwork, because the building needed a permit.\n"
        "Yes. And then the bees arrived.")
