"""Short real audio files made with ffmpeg, once per test session."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def _make(ffmpeg: str, out: Path, *args: str) -> Path:
    subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-y", *args, str(out)], check=True)
    return out


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("audio")


@pytest.fixture(scope="session")
def tone_mp3(ffmpeg, audio_dir) -> Path:
    """6 s of a 440 Hz sine at half of full scale, mono 64 kbps MP3."""
    return _make(ffmpeg, audio_dir / "tone.mp3", "-f", "lavfi",
                 "-i", "sine=frequency=440:duration=6", "-af", "volume=4",
                 "-ac", "1", "-b:a", "64k")


@pytest.fixture(scope="session")
def silence_then_tone_mp3(ffmpeg, audio_dir) -> Path:
    """2 s of silence, then 2 s of the half-scale sine."""
    return _make(ffmpeg, audio_dir / "silence_then_tone.mp3",
                 "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono:d=2",
                 "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                 "-filter_complex", "[1]volume=4[t];[0][t]concat=n=2:v=0:a=1",
                 "-ac", "1", "-b:a", "64k")


@pytest.fixture(scope="session")
def long_mp3(ffmpeg, audio_dir) -> Path:
    """100 s of pink noise: long enough for several decode chunks."""
    return _make(ffmpeg, audio_dir / "long.mp3", "-f", "lavfi",
                 "-i", "anoisesrc=color=pink:amplitude=0.3:duration=100:seed=3:r=16000",
                 "-ac", "1", "-b:a", "24k")


@pytest.fixture(scope="session")
def not_audio_mp3(audio_dir) -> Path:
    path = audio_dir / "notes.mp3"
    path.write_text("These are show notes, not audio.\n" * 20)
    return path
