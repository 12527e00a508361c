"""Alignment benchmark: synthetic speech with known word times, aligned back.

Makes its own episode with flite (Debian's ``flite``) in four voices: turns of
random sentences with pauses between them, most spoken word by word (so every
word's start is known) and one in five spoken whole (natural prosody; only the
turn's start is known). Variants: ``clean``; ``noisy`` (white noise at 20 dB
below the speech); ``tempo`` (1.15x faster through ffmpeg's atempo); ``errors``
(a transcript with 10% of its words dropped or changed, and 30 s of speech
that is not in it). Each is aligned by the pocketsphinx aligner in a child
process whose whole process tree's memory is sampled, and one line per figure
is printed in docs/performance.md's format:
``name  ours  reference  ratio  target  PASS|FAIL``.

    .venv/bin/python benchmarks/bench_align.py [--minutes 20] [--variants clean,noisy,...]
    .venv/bin/python benchmarks/bench_align.py --minutes 180 --variants clean

The 3-hour run takes both cores for about ten minutes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import wave
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # noqa: E402

from editor.audio.align.base import TurnText  # noqa: E402

RATE = 16000
VOICES = ("slt", "kal16", "rms", "awb")
VARIANTS = ("clean", "noisy", "tempo", "errors")
TEMPO = 1.15
EXTRA_MS = 30000
_WORDS = (
    "the a and of to in that it is was for on you with as they be at one have this "
    "from or had by word but what some we can out other were all there when up use "
    "your how said an each she which do their time if will way about many then them "
    "write would like so these her long make thing see him two has look more day could "
    "go come did number sound no most people my over know water than call first who may "
    "down side been now find podcast episode microphone interview question answer "
    "really actually basically research history music story guest listener feedback "
    "chapter transcript audio recording studio season tomorrow yesterday coffee garden "
    "river market honey window kitchen winter summer mountain city bicycle library "
    "Berlin Lisbon Okafor Lindqvist colour neighbours metres favourite"
).split()


@dataclass
class Truth:
    """What the audio really holds: each turn's start, each known word's start."""

    turn_starts: list[int] = field(default_factory=list)
    # per turn: the start of each transcript word, None where it is not known
    word_starts: list[list[int | None]] = field(default_factory=list)
    extra: tuple[int, int] | None = None        # the passage not in the transcript


@dataclass
class Episode:
    audio: Path
    turns: list[TurnText]
    truth: Truth
    duration_ms: int


class Voices:
    """flite renders of single words and of whole turns, trimmed of silence."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.flite = shutil.which("flite")
        if self.flite is None:
            raise SystemExit("flite is not installed (apt-get install flite)")
        self._words: dict[tuple[str, str], bytes] = {}

    def word(self, voice: str, word: str) -> bytes:
        key = (voice, word.lower())
        if key not in self._words:
            self._words[key] = self.say(voice, word.lower())
        return self._words[key]

    def say(self, voice: str, text: str) -> bytes:
        out = self.folder / "say.wav"
        subprocess.run([self.flite, "-voice", voice, "-t", text, "-o", str(out)], check=True,
                       stdin=subprocess.DEVNULL)
        with wave.open(str(out)) as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (RATE, 1, 2):
                raise SystemExit(f"flite voice {voice} is not 16 kHz mono 16-bit")
            samples = wav.readframes(wav.getnframes())
        return _trim(samples)


def _trim(samples: bytes, threshold: int = 300) -> bytes:
    """Without the silence flite puts before and after what it says."""
    frame = 2 * RATE // 200                     # 5 ms
    count = len(samples) // frame
    loud = [k for k in range(count) if audioop.max(samples[k * frame:(k + 1) * frame], 2) > threshold]
    if not loud:
        return samples
    return samples[loud[0] * frame:(loud[-1] + 1) * frame]


def _silence(ms: int) -> bytes:
    return b"\0\0" * (RATE * ms // 1000)


def _sentence(rng: random.Random) -> list[str]:
    return [rng.choice(_WORDS) for _ in range(rng.randint(4, 12))]


def make_episode(folder: Path, minutes: float, variant: str = "clean", seed: int = 1,
                 voices: Voices | None = None,
                 turn_pause: tuple[int, int] = (300, 1200)) -> Episode:
    """A synthetic episode of about ``minutes`` in ``folder``, as ``variant`` says,
    with a pause of ``turn_pause`` ms (the shortest, the longest) between turns."""
    rng = random.Random(seed)
    voices = voices or Voices(folder)
    target_ms = int(minutes * 60_000)
    raw = folder / f"{variant}.raw"
    truth = Truth()
    texts: list[list[str]] = []
    position = 0                # ms written so far
    extra_at = target_ms * 2 // 5 if variant == "errors" else None
    turn = 0
    with open(raw, "wb") as out:
        def write(samples: bytes) -> None:
            nonlocal position
            out.write(samples)
            position += len(samples) // (2 * RATE // 1000)

        while position < target_ms:
            if extra_at is not None and position >= extra_at and truth.extra is None:
                start = position
                while position - start < EXTRA_MS:
                    for word in _sentence(rng):
                        write(voices.word("awb", word) + _silence(rng.randint(10, 60)))
                    write(_silence(rng.randint(200, 500)))
                truth.extra = (start, position)
                write(_silence(rng.randint(300, 900)))
            voice = VOICES[turn % len(VOICES)]
            words = [w for _ in range(rng.randint(1, 3)) for w in _sentence(rng)]
            if turn % 5 == 4:       # spoken whole: natural, but only the start is known
                truth.turn_starts.append(position)
                truth.word_starts.append([position] + [None] * (len(words) - 1))
                write(voices.say(voice, " ".join(words)))
            else:
                starts = []
                for number, word in enumerate(words):
                    starts.append(position)
                    write(voices.word(voice, word))
                    write(_silence(rng.randint(10, 60) if number % 8 != 7 else rng.randint(150, 350)))
                truth.turn_starts.append(starts[0])
                truth.word_starts.append(starts)
            texts.append(words)
            write(_silence(rng.randint(*turn_pause)))
            turn += 1

    if variant == "errors":
        texts, truth.word_starts = _corrupt(texts, truth.word_starts, rng)
    audio = folder / f"{variant}.wav"
    filters = []
    if variant == "noisy":
        filters = ["-filter_complex",
                   "[0]volume=1[s];anoisesrc=c=white:r=16000:a=0.02:seed=7[n];"
                   "[s][n]amix=inputs=2:duration=first:normalize=0"]
    elif variant == "tempo":
        filters = ["-af", f"atempo={TEMPO}"]
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(RATE),
                    "-ac", "1", "-i", str(raw), *filters, "-ac", "1", "-ar", str(RATE), str(audio)],
                   check=True)
    raw.unlink()
    if variant == "tempo":
        scale = 1 / TEMPO
        truth.turn_starts = [round(t * scale) for t in truth.turn_starts]
        truth.word_starts = [[None if t is None else round(t * scale) for t in turn]
                             for turn in truth.word_starts]
        position = round(position * scale)
    turns = [TurnText(0, " ".join(words).capitalize() + ".") for words in texts]
    return Episode(audio, turns, truth, position)


def _corrupt(texts: list[list[str]], starts: list[list[int | None]], rng: random.Random):
    """One word in ten dropped or changed; a turn's first word is only ever changed,
    so the turn still starts where its audio does."""
    new_texts, new_starts = [], []
    for words, times in zip(texts, starts):
        kept_words, kept_times = [], []
        for number, (word, start) in enumerate(zip(words, times)):
            roll = rng.random()
            if roll < 0.05 and number > 0:
                continue                                    # dropped
            if roll < 0.10:
                word = rng.choice([w for w in _WORDS if w != word])   # changed
            kept_words.append(word)
            kept_times.append(start)
        new_texts.append(kept_words)
        new_starts.append(kept_times)
    return new_texts, new_starts


# -- measuring ------------------------------------------------------------------

ALIGN_CHILD = """
import json, sys, time
from editor.audio.align.base import TurnText
from editor.audio.align.sphinx import PocketsphinxAligner
def main():
    data = json.load(open(sys.argv[1]))
    turns = [TurnText(0, text) for text in data["texts"]]
    started = time.perf_counter()
    result = PocketsphinxAligner().align(data["audio"], turns)
    seconds = time.perf_counter() - started
    json.dump({"seconds": seconds,
               "turns": [[t.start, t.confidence] for t in result.turns],
               "words": [[w.start for w in t.words] for t in result.turns],
               "untranscribed": [[u.start, u.end] for u in result.untranscribed],
               "unspoken": len(result.unspoken)}, open(sys.argv[2], "w"))
if __name__ == "__main__":
    main()
"""


def tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as statm:
                pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def run_aligner(episode: Episode, folder: Path) -> tuple[dict, int]:
    job, answer = folder / "job.json", folder / "answer.json"
    job.write_text(json.dumps({"audio": str(episode.audio),
                               "texts": [t.text for t in episode.turns]}))
    script = folder / "align_child.py"
    script.write_text(ALIGN_CHILD)
    child = subprocess.Popen([sys.executable, str(script), str(job), str(answer)],
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = 0

    def sample() -> None:
        nonlocal peak
        while child.poll() is None:
            peak = max(peak, tree_rss_kb(child.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample)
    sampler.start()
    child.wait()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"the aligner failed with exit code {child.returncode}")
    return json.loads(answer.read_text()), peak


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def line(name: str, ours: str, reference: str, ratio: str, target: str, ok: bool) -> None:
    print(f"{name:<32}  {ours:>12}  {reference:>18}  {ratio:>7}  {target:>22}  "
          f"{'PASS' if ok else 'FAIL'}", flush=True)


def errors_of(episode: Episode, answer: dict) -> tuple[list[int], list[int]]:
    turn_errors = [abs(a[0] - t) for a, t in zip(answer["turns"], episode.truth.turn_starts)]
    word_errors = [abs(got - want) for got_turn, want_turn in zip(answer["words"],
                                                                   episode.truth.word_starts)
                   for got, want in zip(got_turn, want_turn) if want is not None]
    return turn_errors, word_errors


def report(variant: str, episode: Episode, answer: dict, peak_kb: int) -> None:
    turn_errors, word_errors = errors_of(episode, answer)
    median_limit, p95_limit = (60, 200) if variant == "errors" else (40, 120)
    tag = f"{variant}_{episode.duration_ms // 60000}min"
    median, p95 = statistics.median(turn_errors), percentile(turn_errors, 0.95)
    line(f"align_{tag}_turn_median", f"{median:.0f} ms", f"{len(turn_errors)} turns", "-",
         f"<= {median_limit} ms", median <= median_limit)
    line(f"align_{tag}_turn_p95", f"{p95:.0f} ms", f"max {max(turn_errors)} ms", "-",
         f"<= {p95_limit} ms", p95 <= p95_limit)
    print(f"  word starts: median {statistics.median(word_errors):.0f} ms, p95 "
          f"{percentile(word_errors, 0.95):.0f} ms, max {max(word_errors)} ms "
          f"({len(word_errors)} words)", flush=True)
    speed = episode.duration_ms / 1000 / answer["seconds"]
    line(f"align_{tag}_speed", f"{speed:.1f}x", f"{answer['seconds']:.0f} s wall", "-",
         ">= 15x real time", speed >= 15)
    line(f"align_{tag}_peak_memory", f"{peak_kb / 1024:.0f} MB", "process tree", "-",
         "<= 400 MB", peak_kb <= 400 * 1024)
    estimated = [k for k, (start, confidence) in enumerate(answer["turns"]) if confidence < 0.5]
    print(f"  {len(estimated)} turns left estimated, {answer['unspoken']} unspoken passages, "
          f"untranscribed audio found: {answer['untranscribed']}", flush=True)
    if episode.truth.extra is not None:
        low, high = episode.truth.extra
        inside = [k for k, (start, _) in enumerate(answer["turns"]) if low < start < high]
        line(f"align_{tag}_turns_in_extra", f"{len(inside)}", f"{low}-{high} ms", "-", "0",
             not inside)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20,
                        help="length of each synthesized episode (default 20)")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help=f"comma-separated, of {', '.join(VARIANTS)}")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    print(f"{'name':<32}  {'ours':>12}  {'reference':>18}  {'ratio':>7}  {'target':>22}  result")
    with tempfile.TemporaryDirectory(prefix="bench_align_") as folder:
        voices = Voices(Path(folder))
        for variant in variants:
            started = time.perf_counter()
            episode = make_episode(Path(folder), args.minutes, variant, args.seed, voices)
            print(f"# {variant}: {len(episode.turns)} turns, {episode.duration_ms / 60000:.1f} "
                  f"min made in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            answer, peak = run_aligner(episode, Path(folder))
            report(variant, episode, answer, peak)
            episode.audio.unlink()


if __name__ == "__main__":
    main()
