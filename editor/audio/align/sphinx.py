"""The pocketsphinx aligner: recognise, match, force-align the gaps, guess the rest.

:class:`PocketsphinxAligner` follows :class:`~editor.audio.align.base.Aligner`.
It builds a language model and a pronunciation dictionary from the episode's
own words, streams the audio through ffmpeg (:mod:`.stream`) and has a pool of
worker processes (:mod:`.workers`: one per core, two at most) recognise it chunk
by chunk as it arrives. The recognised words are matched to the transcript (:mod:`.matching`);
the short gaps between matches are force-aligned by the same workers; what
is left gets times interpolated between its neighbours and a low confidence.
Progress goes to ``progress(fraction)``; ``cancel`` stops ffmpeg and the
workers at once. Every English model file comes inside the pocketsphinx wheel:
nothing is downloaded, the general language model the draft transcriber
(:mod:`.transcribe`) uses among them. Another language needs a model folder in
pocketsphinx's layout (an acoustic model folder with ``mdef``, a ``.dict`` file
and, for a draft, a ``.lm.bin`` or ``.lm`` language model).
"""
from __future__ import annotations

import shutil
import tempfile
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from editor.audio.align import workers
from editor.audio.align.base import (AlignError, AlignmentResult, Cancel, Progress, TurnText,
                                     TurnTime, Untranscribed, Unspoken, WordTime)
from editor.audio.align.matching import (Gap, Heard, SpeechEdges, anchor_chain, match_words,
                                         plan_gaps, runs_of)
from editor.audio.align.onsets import start_first_words_after_pauses
from editor.audio.align.pronounce import dictionary_lines, episode_dictionary
from editor.audio.align.stream import PcmStream, audioop, read_span
from editor.audio.align.words import turn_tokens
from editor.audio.align.workers import worker_count

_ENGLISH = {"en", "en-us", "en-gb", "en-au", "en-ca", "en-nz", "en-ie", "en-in"}
_RECOGNISE_SHARE = 0.85         # of the progress bar, the rest is the gaps
_GAPS_PER_TASK = 40
_WHAT = "alignment"             # for the cancel message
# Confidence of each way a word gets its time.
MATCHED = {1: 0.7, 2: 0.85}     # by the length of the run it was matched in; longer: 0.95
ALIGNED, ALIGNED_LONG_GAP, ALIGNED_AT_EDGE, GUESSED, UNSPOKEN = 0.75, 0.6, 0.4, 0.1, 0.0
_LONG_GAP_WORDS = 6
UNTRANSCRIBED_MIN_MS = 8000     # shorter leftovers are pauses, not an ad break


class MissingModel(AlignError):
    """No model ships for the language and no folder was given for it."""

    def __init__(self, language: str) -> None:
        super().__init__(f"no speech model for the episode's language '{language}': "
                         f"only English ships; set a pocketsphinx model folder for "
                         f"'{language}' in Preferences")
        self.language = language


@dataclass(frozen=True)
class SphinxModel:
    hmm: Path           # the acoustic model folder
    dictionary: Path
    lm: Path | None     # a general language model, for recognising any speech


def find_model(language: str, model_dir: Path | str | None = None) -> SphinxModel:
    """The model for ``language``: the folder given, else the English one in the wheel."""
    if model_dir is not None:
        folder = Path(model_dir)
        if not folder.is_dir():
            raise AlignError(f"{folder}: the speech model folder for '{language}' is not there")
        hmm = next((p.parent for p in sorted(folder.rglob("mdef"))), None)
        dictionary = next(iter(sorted(folder.rglob("*.dict"))), None)
        if hmm is None or dictionary is None:
            raise AlignError(f"{folder}: not a pocketsphinx model folder "
                             f"(it needs an acoustic model with mdef and a .dict file)")
        lm = next(iter(sorted(folder.rglob("*.lm.bin")) + sorted(folder.rglob("*.lm"))), None)
        return SphinxModel(hmm, dictionary, lm)
    if language.lower() not in _ENGLISH:
        raise MissingModel(language)
    try:
        from pocketsphinx import get_model_path
    except ImportError:
        raise AlignError("pocketsphinx is not installed: alignment needs it "
                         "(pip install pocketsphinx)") from None
    hmm = Path(get_model_path("en-us/en-us"))
    dictionary = Path(get_model_path("en-us/cmudict-en-us.dict"))
    lm = Path(get_model_path("en-us/en-us.lm.bin"))
    if not (hmm / "mdef").is_file() or not dictionary.is_file() or not lm.is_file():
        raise AlignError(f"{hmm}: pocketsphinx's English model is missing; "
                         f"reinstall pocketsphinx")
    return SphinxModel(hmm, dictionary, lm)


class PocketsphinxAligner:
    def __init__(self, language: str = "en", model_dir: Path | str | None = None,
                 workers: int | None = None) -> None:
        self.model = find_model(language, model_dir)
        self.workers = workers or worker_count()

    def align(self, audio_path: Path | str, turns: Sequence[TurnText],
              progress: Progress | None = None,
              cancel: Cancel | None = None) -> AlignmentResult:
        audio = Path(audio_path)
        words = _Words(turns)
        if not words.tokens:
            raise AlignError(f"{audio}: nothing to align: the transcript has no words")
        report = progress or (lambda fraction: None)
        scratch = Path(tempfile.mkdtemp(prefix="showscribe-align-"))
        pool = None
        stream = PcmStream(audio, scratch / "audio.pcm")
        try:
            dict_path, lm_path = _write_episode_model(self.model, words.tokens, scratch)
            pool = workers.open_pool(self.model.hmm, dict_path, lm_path, self.workers,
                                     fwdflat=False)
            heard = workers.recognise(pool, stream, report, cancel, _WHAT, _RECOGNISE_SHARE)
            duration = stream.duration
            runs = anchor_chain(runs_of(match_words(words.tokens, heard)), heard)
            gaps = plan_gaps(runs, heard, len(words.tokens), duration)
            times = _anchor_times(runs, heard)
            self._align_gaps(pool, stream.pcm_path, gaps, words.tokens,
                             [turn for turn, _ in words.places], times, SpeechEdges(heard),
                             report, cancel)
            workers.close_pool(pool, finished=True)
            pool = None
            workers.check(cancel, _WHAT)
            start_first_words_after_pauses(times, words.first_of_each_turn(), stream.pcm_path)
            report(1.0)
            return words.result(times, gaps, heard, duration)
        finally:
            stream.stop()
            workers.close_pool(pool, finished=False)
            shutil.rmtree(scratch, ignore_errors=True)

    def _align_gaps(self, pool, pcm_path: Path, gaps: list[Gap], tokens: list[str],
                    turn_of: list[int], times: dict[int, WordTime], edges: SpeechEdges,
                    report: Progress, cancel: Cancel | None) -> None:
        """Force-align the words of each gap that has any, adding their times."""
        pieces = []
        for gap in gaps:
            if gap.count and gap.kind != "unspoken":
                pieces.extend(_gap_pieces(gap, tokens, turn_of, times, edges))
        batches = [pieces[k:k + _GAPS_PER_TASK] for k in range(0, len(pieces), _GAPS_PER_TASK)]
        results = [pool.apply_async(_align_batch, (str(pcm_path), [p.window for p in batch]))
                   for batch in batches]
        for number, (batch, result) in enumerate(zip(batches, results), start=1):
            for piece, spans in zip(batch, workers.wait(result, cancel, _WHAT)):
                for offset, (start, end) in enumerate(spans or ()):
                    times[piece.first + offset] = WordTime(start, end, piece.confidence)
            report(_RECOGNISE_SHARE + (1 - _RECOGNISE_SHARE) * number / len(batches))


@dataclass(frozen=True)
class _Piece:
    """Words ``first``.. of a gap to align in ``window`` (start, end, text, lead,
    trail: the text may begin and end with the matched word beside the gap)."""

    first: int
    window: tuple
    confidence: float


def _gap_pieces(gap: Gap, tokens: list[str], turn_of: list[int],
                times: dict[int, WordTime], edges: SpeechEdges) -> list[_Piece]:
    # The matched word on either side goes in too: with a word to start and
    # end on, the alignment does not have to guess the edges.
    before, after = times.get(gap.first - 1), times.get(gap.last + 1)
    start = before.start if before else gap.start
    end = after.end if after else gap.end

    def piece(first: int, last: int, low: int, high: int, confidence: float) -> _Piece:
        # A window reaching into a matched word takes all of it, and its text.
        lead = before is not None and first == gap.first and low < before.end
        trail = after is not None and last == gap.last and high > after.start
        low, high = min(low, before.start) if lead else low, max(high, after.end) if trail else high
        text = ([tokens[first - 1]] if lead else []) + tokens[first:last + 1] + \
            ([tokens[last + 1]] if trail else [])
        return _Piece(first, (low, high, text, int(lead), int(trail)), confidence)

    if gap.kind != "long":
        return [piece(gap.first, gap.last, start, end, _aligned_confidence(gap.count))]
    # Far more audio than words: the rest is not in the transcript. A turn
    # runs on without such a break, so the words of the turn before the gap
    # follow the match before it, and the others lead into the match after
    # it, each in a window no longer than the words need (and some silence
    # before the first word, which alignment needs to find its onset).
    margin = 500
    if before is None:
        split = gap.first
    elif after is None:
        split = gap.last + 1
    else:
        split = gap.first
        while split <= gap.last and turn_of[split] == turn_of[gap.first - 1]:
            split += 1
    pieces = []
    if split > gap.first:
        count = split - gap.first
        head = max(edges.end_after(gap.start, gap.end), gap.start + 400 * count)
        head = min(head, gap.start + 900 * count + 1500)
        pieces.append(piece(gap.first, split - 1, start, min(head + margin, end),
                            ALIGNED_AT_EDGE))
    if split <= gap.last:
        count = gap.last - split + 1
        tail = min(edges.start_before(gap.end, gap.start), gap.end - 400 * count)
        tail = max(tail, gap.end - 900 * count - 1500)
        pieces.append(piece(split, gap.last, max(tail - margin, start), end, ALIGNED_AT_EDGE))
    return pieces


def _aligned_confidence(count: int) -> float:
    return ALIGNED_LONG_GAP if count > _LONG_GAP_WORDS else ALIGNED


def _write_episode_model(model: SphinxModel, tokens: list[str],
                         folder: Path) -> tuple[Path, Path]:
    """The episode's dictionary and trigram language model, written in ``folder``."""
    from pocketsphinx.lm import ArpaBoLM
    pronunciations = episode_dictionary(model.dictionary, tokens)
    dict_path = folder / "episode.dict"
    dict_path.write_text("\n".join(dictionary_lines(pronunciations)) + "\n", encoding="utf-8")
    # One sentence per line of about a breath's length: the model learns the order.
    lines = [" ".join(tokens[k:k + 12]) for k in range(0, len(tokens), 12)]
    lm = ArpaBoLM(text="\n".join(lines) + "\n", add_start=True)
    lm.compute()
    lm_path = folder / "episode.lm"
    lm.write_file(str(lm_path))
    return dict_path, lm_path


def _anchor_times(runs, heard: list[Heard]) -> dict[int, WordTime]:
    times = {}
    for run in runs:
        confidence = MATCHED.get(run.length, 0.95)
        for k in range(run.length):
            item = heard[run.heard + k]
            times[run.word + k] = WordTime(item.start, item.end, confidence)
    return times


class _Words:
    """The transcript's words, flat: each spoken token with its (turn, word) place."""

    def __init__(self, turns: Sequence[TurnText]) -> None:
        self.turns = list(turns)
        self.places: list[tuple[int, int]] = []     # of each spoken token
        self.tokens: list[str] = []
        self.counts: list[int] = []                 # written words per turn
        for turn_index, turn in enumerate(self.turns):
            tokens = turn_tokens(turn.text)
            self.counts.append(len(tokens))
            for word_index, token in enumerate(tokens):
                if token:
                    self.places.append((turn_index, word_index))
                    self.tokens.append(token)

    def first_of_each_turn(self) -> list[int]:
        """The token index of each turn's first spoken word."""
        return [k for k, (turn, _) in enumerate(self.places)
                if k == 0 or self.places[k - 1][0] != turn]

    def result(self, times: dict[int, WordTime], gaps: list[Gap],
               heard: list[Heard], duration: int) -> AlignmentResult:
        unspoken = [Unspoken(self.places[gap.first], self.places[gap.last])
                    for gap in gaps if gap.kind == "unspoken" and gap.count]
        untranscribed = _untranscribed(gaps, times, heard)
        spoken = _interpolate(times, self.tokens, [turn for turn, _ in self.places], duration,
                              {k for gap in gaps if gap.kind == "unspoken"
                               for k in range(gap.first, gap.last + 1)})
        by_place = dict(zip(self.places, spoken))
        turn_times = []
        previous_end = 0
        for turn_index, turn in enumerate(self.turns):
            placed = [by_place.get((turn_index, k)) for k in range(self.counts[turn_index])]
            words = _fill_silent_words(placed, previous_end)
            if words:
                first = next((w for w in placed if w is not None), words[0])
                turn_times.append(TurnTime(first.start, first.confidence, tuple(words)))
                previous_end = words[-1].end
            else:
                turn_times.append(TurnTime(previous_end, 0.0, ()))
        return AlignmentResult(turn_times, unspoken, untranscribed, duration)


_GUESS_MS_PER_LETTER = 80      # a slow speaking pace, for words placed by guess


def _interpolate(times: dict[int, WordTime], tokens: list[str], turn_of: list[int],
                 duration: int, unspoken: set[int]) -> list[WordTime]:
    """A time for every token: known ones as they are, the others shared out
    between their known neighbours by length; where there is far more time
    than they need, they keep to the neighbour of their own turn instead of
    being stretched over audio that is not theirs."""
    count = len(tokens)
    out: list[WordTime | None] = [times.get(k) for k in range(count)]
    k = 0
    while k < count:
        if out[k] is not None:
            k += 1
            continue
        stop = k
        while stop < count and out[stop] is None:
            stop += 1
        left = out[k - 1].end if k > 0 else 0
        right = max(out[stop].start if stop < count else duration, left)
        weights = [len(tokens[j]) + 1 for j in range(k, stop)]
        need = sum(weights) * _GUESS_MS_PER_LETTER
        if right - left > 2 * need + 2000:
            # Words of the turn before keep to it; the rest lead into the next.
            split = k
            while split < stop and k > 0 and turn_of[split] == turn_of[k - 1]:
                split += 1
            if k == 0 or stop == count and split == k:
                split = stop if k > 0 else k
            _share(out, k, split, left, left + sum(weights[:split - k]) * _GUESS_MS_PER_LETTER,
                   weights[:split - k], unspoken)
            _share(out, split, stop, right - sum(weights[split - k:]) * _GUESS_MS_PER_LETTER,
                   right, weights[split - k:], unspoken)
        else:
            _share(out, k, stop, left, right, weights, unspoken)
        k = stop
    return out


def _share(out: list, first: int, stop: int, left: float, right: float,
           weights: list[int], unspoken: set[int]) -> None:
    total = sum(weights) or 1
    position = float(left)
    for j, weight in zip(range(first, stop), weights):
        step = (right - left) * weight / total
        out[j] = WordTime(round(position), round(position + step),
                          UNSPOKEN if j in unspoken else GUESSED)
        position += step


def _fill_silent_words(placed: list[WordTime | None], previous_end: int) -> list[WordTime]:
    """Written words with nothing spoken (a dash) take the time of the word before."""
    words = []
    last = next((w for w in placed if w is not None), None)
    if last is None:
        return []
    last = WordTime(last.start, last.start, last.confidence)
    for word in placed:
        if word is None:
            words.append(WordTime(last.end, last.end, last.confidence))
        else:
            words.append(word)
            last = word
    return words


def _untranscribed(gaps: list[Gap], times: dict[int, WordTime],
                   heard: list[Heard]) -> list[Untranscribed]:
    """Long stretches of recognised speech inside gaps that no word was placed in."""
    found = []
    starts = [h.start for h in heard]
    for gap in gaps:
        if gap.kind == "unspoken" or gap.end - gap.start < UNTRANSCRIBED_MIN_MS:
            continue
        placed = sorted((times[k].start, times[k].end) for k in range(gap.first, gap.last + 1)
                        if k in times)
        edges = [gap.start] + [t for span in placed for t in span] + [gap.end]
        for start, end in zip(edges[::2], edges[1::2]):
            if end - start < UNTRANSCRIBED_MIN_MS:
                continue
            # Heard words are in time order and a few seconds long at most.
            near = heard[bisect_left(starts, start - 5000):bisect_left(starts, end)]
            speech = sum(min(h.end, end) - max(h.start, start) for h in near
                         if h.end > start and h.start < end)
            if speech >= (end - start) // 4:
                found.append(Untranscribed(start, end))
    return found


# -- in the worker processes ---------------------------------------------------

def _align_batch(pcm_path: str, windows) -> list[list[tuple[int, int]] | None]:
    """The words of each window force-aligned there (without the matched words
    at its ends), or None where they do not fit."""
    workers.decoder()
    out = []
    for start, end, text, lead, trail in windows:
        spans = _align_span(pcm_path, start, end, text)
        out.append(None if spans is None else spans[lead:len(spans) - trail])
    return out


def _align_span(pcm_path: str, start: int, end: int,
                text: list[str]) -> list[tuple[int, int]] | None:
    """(start, end) of each word of ``text`` force-aligned in that audio, or None."""
    if end - start < 10 * len(text) * 3:        # not even three frames a word
        return None
    samples = read_span(Path(pcm_path), start, end)
    try:
        workers.decoder().set_align_text(" ".join(text))
        workers.decode(samples)
    except RuntimeError:
        return None
    words = workers.words_of(start)
    if len(words) != len(text):
        return None
    return _onsets_after_silence([(s, e) for _, s, e in words], samples, start)


_FRAME_BYTES = 320                  # 10 ms at 16 kHz, 16-bit
_PAUSE_FRAMES = 15                  # no word holds a silence of 150 ms


def _onsets_after_silence(spans: list[tuple[int, int]], samples: bytes,
                          offset: int) -> list[tuple[int, int]]:
    """Forced alignment lets a word swallow the pause before it (the first word
    of a turn takes the silence between turns, and any sound before that):
    start each word after the last pause inside it instead."""
    energy = [audioop.rms(samples[k:k + _FRAME_BYTES], 2)
              for k in range(0, len(samples) - _FRAME_BYTES + 1, _FRAME_BYTES)]
    if not energy:
        return spans
    ordered = sorted(energy)
    floor, loud = ordered[len(ordered) // 10], ordered[len(ordered) * 9 // 10]
    threshold = max(4 * floor, floor + (loud - floor) // 20)
    out = []
    for start, end in spans:
        first, last = (start - offset) // 10, min((end - offset) // 10, len(energy))
        quiet, onset = 0, None
        for frame in range(first, last - 5):
            if energy[frame] <= threshold:
                quiet += 1
            else:
                if quiet >= _PAUSE_FRAMES or (quiet and frame - quiet == first):
                    onset = frame
                quiet = 0
        if onset is not None and (onset - first) * 10 >= 100:
            start = offset + (onset - 1) * 10
        out.append((start, end))
    return out
