"""Build the bundled sample episode (audio and project file) from its script.

Reads ``sample-episode/script.yaml`` (speakers with their espeak-ng voices,
episode details, and the chapters with their turns, without times), speaks every
paragraph with the speaker's voice, joins the speech with short pauses and writes:

- ``sample-episode/audio/episode.mp3``: mono MP3;
- ``sample-episode/episode.showscribe.yaml``: written by
  :func:`editor.core.save_project`, so it is exactly what Showscribe saves.
  Each turn starts where its speech starts in the MP3 and each chapter where
  its first turn starts. Turns of a chapter marked ``estimated`` keep estimated
  times laid out by :mod:`editor.core.estimate` (as a pasted, unconfirmed section
  would have); the chapter itself still starts at its first turn's speech.

Run from the repository root (needs espeak-ng, ffmpeg and ffprobe)::

    .venv/bin/python sample_projects/build_sample.py

The same script with the same espeak-ng and ffmpeg gives the same files.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from pydub import AudioSegment
from pydub.silence import detect_leading_silence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.estimate import estimate_by_chapters  # noqa: E402
from editor.core.model import (Chapter, Credit, Episode, Link, Project,  # noqa: E402
                               Speaker, Turn, word_count)
from editor.core.projectfile import save_project  # noqa: E402

EPISODE_DIR = Path(__file__).resolve().parent / "sample-episode"
SCRIPT = EPISODE_DIR / "script.yaml"
AUDIO = EPISODE_DIR / "audio" / "episode.mp3"
PROJECT = EPISODE_DIR / "episode.showscribe.yaml"

TURN_PAUSE_MS = 800        # between turns: long enough for silence detection to split
PARAGRAPH_PAUSE_MS = 550   # between paragraphs of one turn
TAIL_MS = 1000             # after the last word
SILENCE_DBFS = -50         # espeak-ng pads with digital silence; anything above is speech
MP3_RATE = 44100
MP3_BITRATE = "48k"


def speak(text: str, voice: dict, workdir: Path) -> AudioSegment:
    """One paragraph spoken by espeak-ng, with its leading and trailing silence cut."""
    wav = workdir / "paragraph.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice["voice"], "-s", str(voice["speed"]),
         "-p", str(voice["pitch"]), "-w", str(wav), "--", text],
        check=True)
    speech = AudioSegment.from_wav(wav)
    start = detect_leading_silence(speech, SILENCE_DBFS, chunk_size=1)
    end = len(speech) - detect_leading_silence(speech.reverse(), SILENCE_DBFS, chunk_size=1)
    return speech[start:end]


def paragraphs(text: str) -> list[str]:
    """The script's paragraphs (blank-line separated), each on one line."""
    return [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]


def record(script: dict, workdir: Path) -> tuple[AudioSegment, list[int]]:
    """The whole episode's speech and, per turn in order, where its speech starts (ms)."""
    voices = {s["id"]: s for s in script["speakers"]}
    audio = AudioSegment.empty()
    onsets: list[int] = []
    for chapter in script["chapters"]:
        for turn in chapter["turns"]:
            if onsets:
                audio += AudioSegment.silent(TURN_PAUSE_MS, frame_rate=audio.frame_rate)
            onsets.append(len(audio))
            for n, paragraph in enumerate(paragraphs(turn["text"])):
                speech = speak(paragraph, voices[turn["speaker"]], workdir)
                if n:
                    audio += AudioSegment.silent(PARAGRAPH_PAUSE_MS, frame_rate=speech.frame_rate)
                audio += speech
    audio += AudioSegment.silent(TAIL_MS, frame_rate=audio.frame_rate)
    return audio, onsets


def encode_mp3(audio: AudioSegment, workdir: Path, episode: dict) -> None:
    wav = workdir / "episode.wav"
    audio.export(wav, format="wav")
    AUDIO.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav),
         "-ac", "1", "-ar", str(MP3_RATE), "-c:a", "libmp3lame", "-b:a", MP3_BITRATE,
         "-map_metadata", "-1", "-metadata", f"title={episode['title']}",
         "-metadata", f"artist={episode['show']}",
         "-fflags", "+bitexact", "-flags:a", "+bitexact", str(AUDIO)],
        check=True)


def mp3_duration_ms() -> int:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration",
         "-of", "default=noprint_wrappers=1:nokey=1", str(AUDIO)],
        check=True, capture_output=True, text=True).stdout
    return round(float(out) * 1000)


def build_project(script: dict, onsets: list[int], duration: int) -> Project:
    ep = script["episode"]
    project = Project()
    project.episode = Episode(
        title=ep["title"], subtitle=ep["subtitle"], description=ep["description"].strip(),
        show=ep["show"], number=ep["number"], date=str(ep["date"]),
        language=ep["language"],
        links=tuple(Link(label=l["label"], url=l.get("url")) for l in ep["links"]),
        credits=tuple(Credit(role=c["role"], names=tuple(c["names"])) for c in ep["credits"]),
        disclaimer=ep["disclaimer"].strip())
    project.speakers = [Speaker(id=s["id"], name=s["name"], color=s["color"], slot=s["key"])
                        for s in script["speakers"]]
    onset = iter(onsets)
    chapters = script["chapters"]
    for index, chapter in enumerate(chapters):
        starts = [next(onset) for _ in chapter["turns"]]
        texts = ["\n".join(paragraphs(t["text"])) for t in chapter["turns"]]
        estimated = bool(chapter.get("estimated"))
        if estimated:
            end = None if index + 1 < len(chapters) else duration
            if end is None:
                sys.exit(f"{SCRIPT}: only the last chapter can be estimated "
                         f"('{chapter['title']}' is not the last)")
            starts = estimate_by_chapters([[word_count(t) for t in texts]], [starts[0]], end)
        project.chapters.append(Chapter(start=starts[0], title=chapter["title"]))
        project.turns += [Turn(start=start, speaker=t["speaker"], text=text, estimated=estimated)
                          for start, t, text in zip(starts, chapter["turns"], texts)]
    project.audio_path = AUDIO
    project.audio_duration = duration
    return project


def main() -> None:
    script = yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        audio, onsets = record(script, Path(tmp))
        encode_mp3(audio, Path(tmp), script["episode"])
    duration = mp3_duration_ms()
    project = build_project(script, onsets, duration)
    save_project(project, PROJECT)
    PROJECT.with_name(PROJECT.name + ".bak").unlink(missing_ok=True)
    print(f"{AUDIO.relative_to(ROOT)}: {duration / 1000:.3f} s, "
          f"{AUDIO.stat().st_size / 1024:.0f} KiB")
    print(f"{PROJECT.relative_to(ROOT)}: {len(project.turns)} turns, "
          f"{len(project.chapters)} chapters, {len(project.speakers)} speakers")


if __name__ == "__main__":
    main()
