"""A long random session: 20,000 edits of every kind, with undo, redo and macros
mixed in. Every state the history can return to is compared with the dump taken
when it was first reached, and now and then a state is saved and loaded back;
at the end, undoing everything gives the first dump exactly and redoing
everything the last."""
from __future__ import annotations

import random
import string
from pathlib import Path
from types import SimpleNamespace

from editor.core import commands as c
from editor.core.alignment import alignment_changes
from editor.core.model import Chapter, Link, Speaker, Turn
from editor.core.projectdump import project_to_data
from editor.core.projectfile import load_project, save_project
from editor.core.wordtimes import words_fit

from helpers import dump, small_project

STEPS = 20_000
SEED = 20251128
MAX_TURNS, MAX_CHAPTERS, MAX_SPEAKERS = 30, 8, 6


def _words(rng: random.Random, low: int = 0, high: int = 8) -> str:
    words = ["".join(rng.choices(string.ascii_lowercase + "éß", k=rng.randint(1, 7)))
             for _ in range(rng.randint(low, high))]
    return " ".join(words)


def _text(rng: random.Random) -> str:
    return "\n".join(_words(rng) for _ in range(rng.choice((1, 1, 1, 2, 3))))


def _time(rng: random.Random) -> int:
    return rng.randrange(0, 130_000, rng.choice((1, 500, 1000)))


def _speaker_id(rng: random.Random, project) -> str:
    return rng.choice([s.id for s in project.speakers] + [""])


def _turn_index(rng: random.Random, project) -> int:
    return rng.randrange(len(project.turns))


# Each maker returns a command with random valid arguments, or None when the
# project's current shape does not allow one (no turns to delete, say).
def _set_turn_text(rng, p):
    return p.turns and c.SetTurnText(p, _turn_index(rng, p), _text(rng))


def _set_turn_start(rng, p):
    if not p.turns:
        return None
    index = _turn_index(rng, p)
    low, high = c.start_bounds(p, index)
    if high is not None and high < low:   # neighbours already out of order
        return None
    return c.SetTurnStart(p, index, rng.randint(low, low + 60_000 if high is None else high))


def _set_turn_times(rng, p):
    if not p.turns:
        return None
    first = _turn_index(rng, p)
    count = rng.randint(1, min(5, len(p.turns) - first))
    times = sorted(_time(rng) for _ in range(count))
    return c.SetTurnTimes(p, first, [(t, rng.random() < 0.5) for t in times])


def _set_turn_speaker(rng, p):
    return p.turns and c.SetTurnSpeaker(p, _turn_index(rng, p), _speaker_id(rng, p))


def _split_turn(rng, p):
    if not p.turns or len(p.turns) >= MAX_TURNS:
        return None
    index = _turn_index(rng, p)
    return c.SplitTurn(p, index, rng.randint(0, len(p.turns[index].text)))


def _merge_with_previous(rng, p):
    return len(p.turns) > 1 and c.MergeWithPrevious(p, rng.randrange(1, len(p.turns)))


def _insert_turn(rng, p):
    if len(p.turns) >= MAX_TURNS:
        return None
    turn = Turn(_time(rng), _speaker_id(rng, p), _text(rng), rng.random() < 0.5)
    return c.InsertTurn(p, rng.randint(0, len(p.turns)), turn)


def _delete_turn(rng, p):
    return p.turns and c.DeleteTurn(p, _turn_index(rng, p))


def _edit_across_turns(rng, p):
    if not p.turns:
        return None
    first = _turn_index(rng, p)
    last = rng.randint(first, min(first + 5, len(p.turns) - 1))
    return c.EditAcrossTurns(p, first, last, _text(rng))


def _replace_texts(rng, p):
    if not p.turns:
        return None
    chosen = rng.sample(range(len(p.turns)), rng.randint(1, min(4, len(p.turns))))
    return c.ReplaceTexts(p, {i: _text(rng) for i in chosen})


def _replace_turns(rng, p):
    if rng.random() > 0.2:  # a whole new transcript is rare next to ordinary edits
        return None
    count = rng.randint(0, min(MAX_TURNS, len(p.turns) + 3))
    turns = sorted((Turn(_time(rng), _speaker_id(rng, p), _text(rng), rng.random() < 0.5)
                    for _ in range(count)), key=lambda t: t.start)
    return c.ReplaceTurns(p, turns)


def _aligned(rng: random.Random, start: int, words: int) -> SimpleNamespace:
    """An aligner's result for one turn (the shape alignment_changes reads)."""
    at, heard = max(0, start + rng.randint(-3_000, 3_000)), []
    for _ in range(words):
        sure = rng.random() < 0.8
        heard.append(SimpleNamespace(start=at, confident=sure))
        at += rng.randint(0, 600)
    sure = rng.random() < 0.7
    return SimpleNamespace(start=max(0, start + rng.randint(-3_000, 3_000)),
                           confidence=0.9 if sure else 0.1, confident=sure, words=heard)


def _apply_alignment(rng, p):
    if not p.turns:
        return None
    result = SimpleNamespace(turns=[_aligned(rng, t.start, len(t.text.split()))
                                    for t in p.turns])
    chosen = rng.sample(range(len(p.turns)), rng.randint(1, len(p.turns)))
    changes = alignment_changes(p, result, chosen, all_turns=rng.random() < 0.3)
    return changes and c.ApplyAlignment(p, changes)


def _add_chapter(rng, p):
    if len(p.chapters) >= MAX_CHAPTERS:
        return None
    return c.AddChapter(p, Chapter(_time(rng), _words(rng, 1, 4),
                                   url=rng.choice((None, "https://example.com/c")),
                                   toc=rng.random() < 0.8))


def _delete_chapter(rng, p):
    return p.chapters and c.DeleteChapter(p, rng.randrange(len(p.chapters)))


def _move_chapter(rng, p):
    if not p.chapters:
        return None
    index = rng.randrange(len(p.chapters))
    # sometimes onto another chapter's start, to exercise equal starts
    start = rng.choice([_time(rng), rng.choice(p.chapters).start])
    return c.MoveChapter(p, index, start)


def _set_chapter_starts(rng, p):
    # Every chapter shifted as a re-cut audio moves them: by amounts that grow
    # along the episode (a cut early moves all later ones), kept in order.
    if not p.chapters:
        return None
    shift, starts = 0, []
    for chapter in p.chapters:
        shift += rng.randint(-2_000, 2_000)
        starts.append(max(0, chapter.start + shift, starts[-1] if starts else 0))
    return c.SetChapterStarts(p, starts)


def _set_chapter_field(rng, p):
    if not p.chapters:
        return None
    field = rng.choice(c.CHAPTER_FIELDS)
    value = {"title": _words(rng, 0, 4), "url": rng.choice((None, "https://e.com/u")),
             "image": rng.choice((None, "cover.png")), "toc": rng.random() < 0.5}[field]
    return c.SetChapterField(p, rng.randrange(len(p.chapters)), field, value)


def _set_episode_field(rng, p):
    field = rng.choice(("title", "subtitle", "description", "show", "number", "language",
                        "links", "disclaimer", "notes"))
    value = {"number": rng.choice((None, rng.randint(1, 500))),
             "links": tuple(Link(_words(rng, 1, 3), rng.choice((None, "https://e.com")))
                            for _ in range(rng.randint(0, 2)))}.get(field, _text(rng))
    return c.SetEpisodeField(p, field, value)


def _set_audio(rng, p):
    if rng.random() < 0.2:
        return c.SetAudio(p, None, None)
    return c.SetAudio(p, Path(f"/audio/{_words(rng, 1, 1) or 'a'}.mp3"),
                      rng.choice((None, rng.randint(60_000, 200_000))))


def _add_speaker(rng, p):
    if len(p.speakers) >= MAX_SPEAKERS:
        return None
    name = _words(rng, 1, 2)
    speaker = Speaker(p.new_speaker_id(name), name, f"#{rng.randrange(0x1000000):06x}",
                      rng.choice((None, rng.randint(1, 9))))
    return c.AddSpeaker(p, speaker, rng.randint(0, len(p.speakers)))


def _set_speaker_field(rng, p):
    if not p.speakers:
        return None
    field = rng.choice(c.SPEAKER_FIELDS)
    value = {"name": _words(rng, 1, 3), "color": f"#{rng.randrange(0x1000000):06x}",
             "slot": rng.choice((None, rng.randint(1, 9)))}[field]
    return c.SetSpeakerField(p, rng.choice(p.speakers).id, field, value)


def _merge_speakers(rng, p):
    if len(p.speakers) < 2:
        return None
    source, target = rng.sample([s.id for s in p.speakers], 2)
    return c.MergeSpeakers(p, source, target)


def _add_episode_word(rng, p):
    word = _words(rng, 1, 1)
    return word not in p.dictionary and c.AddEpisodeWord(p, word)


def _remove_episode_word(rng, p):
    return p.dictionary and c.RemoveEpisodeWord(p, rng.choice(p.dictionary))


MAKERS = (
    _set_turn_text, _set_turn_start, _set_turn_times, _set_turn_speaker, _split_turn,
    _merge_with_previous,
    _insert_turn, _delete_turn, _edit_across_turns, _replace_texts, _replace_turns,
    _add_chapter, _delete_chapter, _move_chapter, _set_chapter_starts,
    _set_chapter_field, _set_episode_field, _set_audio, _add_speaker, _set_speaker_field,
    _merge_speakers, _add_episode_word, _remove_episode_word, _apply_alignment,
)


def _random_command(rng: random.Random, project):
    while True:
        command = rng.choice(MAKERS)(rng, project)
        if command:
            return command


def _check_invariants(project) -> None:
    starts = [ch.start for ch in project.chapters]
    assert starts == sorted(starts), "chapters out of order"
    ids = {s.id for s in project.speakers}
    assert len(ids) == len(project.speakers), "duplicate speaker ids"
    assert all(t.speaker in ids or t.speaker == "" for t in project.turns), \
        "a turn refers to a missing speaker"
    assert project.turn_starts() == [t.start for t in project.turns], "stale turn starts"
    assert all(words_fit(t) for t in project.turns), "word times that do not fit the text"


def _check_file_round_trip(project, folder: Path) -> None:
    """The state saves and loads back the same (saving also sets the clean mark)."""
    path = folder / "soak.yaml"
    save_project(project, path)
    assert project_to_data(load_project(path), folder) == project_to_data(project, folder)


def test_twenty_thousand_random_edits_undo_and_redo_exactly(tmp_path):
    rng = random.Random(SEED)
    project = small_project()
    history = project.history
    # states[i]: the dump when the history stood at index i (after any merges)
    states = [dump(project)]
    kinds_pushed: set[type] = set()

    for step in range(STEPS):
        roll = rng.random()
        if roll < 0.15:
            if history.undo():
                assert dump(project) == states[history.index], f"undo at step {step}"
        elif roll < 0.27:
            if history.redo():
                assert dump(project) == states[history.index], f"redo at step {step}"
        elif roll < 0.31:
            with history.macro("Several edits"):
                for _ in range(rng.randint(1, 3)):
                    command = _random_command(rng, project)
                    kinds_pushed.add(type(command))
                    history.push(command)
            del states[history.index:]
            states.append(dump(project))
        else:
            if roll < 0.35:
                history.break_merge()
            command = _random_command(rng, project)
            kinds_pushed.add(type(command))
            history.push(command)
            del states[history.index:]
            states.append(dump(project))
        assert len(states) == len(history) + 1
        if step % 500 == 0:
            _check_invariants(project)
            _check_file_round_trip(project, tmp_path)

    assert kinds_pushed == {
        obj for obj in vars(c).values()
        if isinstance(obj, type) and issubclass(obj, c.Command) and obj.__module__ == c.__name__
    }, "the soak did not use every kind of command"
    assert len(history) > 1000

    while history.undo():
        pass
    assert dump(project) == states[0]
    _check_invariants(project)
    while history.redo():
        pass
    assert dump(project) == states[-1]
    _check_invariants(project)
