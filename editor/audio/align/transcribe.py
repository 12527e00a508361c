"""A draft transcript from the audio alone: rough English text with word times.

:class:`PocketsphinxTranscriber` recognises the whole audio with pocketsphinx's
general US English language model and dictionary (inside the wheel), in chunks
cut at pauses, on the same pool of worker processes and the same ffmpeg stream
as the aligner (:mod:`.workers`, :mod:`.stream`). It returns a :class:`Draft`:
turns of recognised words, each word with its start.

The text is rough: a general model on podcast speech gets many words wrong,
and it knows English only. It does not tell voices apart either: turns are cut
at pauses, never at a change of speaker, and the project gives them all to
"Speaker 1". A pause of :data:`TURN_PAUSE_MS` or more always ends a turn: in
talk, breathing and hesitation pauses stay under a second or so, and a pause
longer than that is a change of thought or of speaker; the gaps between
speakers are usually far shorter, so most speaker changes are not seen at
all. Without a long pause a turn is cut anyway once it reaches
:data:`MAX_TURN_MS`, at the longest pause in its last part, so no draft turn
runs on for minutes of speech.

Progress goes to ``progress(fraction)``; ``cancel`` stops ffmpeg and the
workers at once (:class:`~editor.audio.align.base.AlignCancelled`). Problems
are one-line :class:`~editor.audio.align.base.AlignError` naming the file.
"""
from __future__ import annotations

import itertools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from editor.audio.align import workers
from editor.audio.align.base import Cancel, Progress
from editor.audio.align.matching import Heard
from editor.audio.align.sphinx import find_model
from editor.audio.align.stream import PcmStream
from editor.audio.align.workers import worker_count

TURN_PAUSE_MS = 1500
MAX_TURN_MS = 20000
MIN_TURN_MS = 8000          # a turn cut for length keeps at least this much
_WHAT = "transcription"     # for the cancel message
# A narrower search than pocketsphinx's default: half the time, and no more
# words wrong, on the sample's espeak-ng voices and on flite's.
_SEARCH = {"maxhmmpf": 3000, "pl_window": 10, "topn": 2}
# The pronoun and its contractions, the only words English always capitalises.
_I_FORMS = {"i", "i'm", "i'll", "i've", "i'd"}


@dataclass(frozen=True, slots=True)
class DraftTurn:
    start: int                  # ms from the start of the audio: the first word's
    text: str
    words: tuple[int, ...]      # each word's start (of text.split()), ms from the audio's start


@dataclass(frozen=True)
class Draft:
    turns: list[DraftTurn]
    duration: int               # of the audio, ms


class PocketsphinxTranscriber:
    def __init__(self, workers: int | None = None) -> None:
        self.model = find_model("en")
        self.workers = workers or worker_count()

    def transcribe(self, audio_path: Path | str, progress: Progress | None = None,
                   cancel: Cancel | None = None) -> Draft:
        audio = Path(audio_path)
        report = progress or (lambda fraction: None)
        scratch = Path(tempfile.mkdtemp(prefix="showscribe-transcribe-"))
        pool = None
        stream = PcmStream(audio, scratch / "audio.pcm")
        try:
            # The first chunk before the workers: a file that is not audio is
            # refused at once, not after the models have loaded.
            chunks = stream.chunks()
            first = list(itertools.islice(chunks, 1))
            pool = workers.open_pool(self.model.hmm, self.model.dictionary, self.model.lm,
                                     self.workers, **_SEARCH)
            heard = workers.recognise(pool, stream, report, cancel, _WHAT,
                                      chunks=itertools.chain(first, chunks))
            workers.close_pool(pool, finished=True)
            pool = None
            report(1.0)
            return Draft(draft_turns(heard), stream.duration)
        finally:
            stream.stop()
            workers.close_pool(pool, finished=False)
            shutil.rmtree(scratch, ignore_errors=True)


def draft_turns(heard: list[Heard]) -> list[DraftTurn]:
    """The heard words (in time order) as turns: cut at every pause of
    :data:`TURN_PAUSE_MS` or more, and where a turn would pass :data:`MAX_TURN_MS`."""
    turns: list[DraftTurn] = []
    current: list[Heard] = []
    for word in heard:
        if current and word.start - current[-1].end >= TURN_PAUSE_MS:
            turns.append(_turn(current))
            current = []
        current.append(word)
        if current[-1].end - current[0].start > MAX_TURN_MS:
            cut = _longest_pause(current)
            turns.append(_turn(current[:cut]))
            current = current[cut:]
    if current:
        turns.append(_turn(current))
    return turns


def _longest_pause(words: list[Heard]) -> int:
    """Where to cut a turn grown too long: before the word after the longest
    pause that leaves the first part at least :data:`MIN_TURN_MS` long (the
    later of equal pauses, so the part left over is short)."""
    earliest = next((k for k in range(1, len(words))
                     if words[k].start - words[0].start >= MIN_TURN_MS), len(words) - 1)
    best, best_at = -1, len(words) - 1
    for k in range(max(earliest, 1), len(words)):
        pause = words[k].start - words[k - 1].end
        if pause >= best:
            best, best_at = pause, k
    return best_at


def _turn(words: list[Heard]) -> DraftTurn:
    tokens = ["I" + w.token[1:] if w.token in _I_FORMS else w.token for w in words]
    tokens[0] = tokens[0][:1].upper() + tokens[0][1:]
    tokens[-1] += "."
    return DraftTurn(words[0].start, " ".join(tokens), tuple(w.start for w in words))
