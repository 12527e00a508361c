"""The bundled sample episode: a project file Showscribe writes byte for byte, real
speech audio that plays, and turn times that sit where the speech starts."""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from editor.core.estimate import estimate_by_chapters
from editor.core.model import word_count
from editor.core.projectdump import dump_project
from editor.core.projectfile import load_project, save_project

ONSET_TOLERANCE_MS = 300
DURATION_TOLERANCE_MS = 1000
LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#1e1e1e"


@pytest.fixture
def episode_dir(sample_dir: Path) -> Path:
    return sample_dir / "sample-episode"


@pytest.fixture
def project_file(episode_dir: Path) -> Path:
    return episode_dir / "episode.showscribe.yaml"


@pytest.fixture
def project(project_file: Path):
    return load_project(project_file)


# -- helpers -------------------------------------------------------------------

def speech_onsets(ffmpeg: str, audio: Path, duration_ms: int) -> list[int]:
    """Where speech starts after each stretch of silence, by ffmpeg's silencedetect (ms)."""
    result = subprocess.run(
        [ffmpeg, "-nostdin", "-hide_banner", "-i", str(audio),
         "-af", "silencedetect=noise=-40dB:d=0.4", "-f", "null", "-"],
        capture_output=True, text=True, check=True)
    starts = [round(float(s) * 1000) for s in re.findall(r"silence_start: ([\d.]+)", result.stderr)]
    ends = [round(float(s) * 1000) for s in re.findall(r"silence_end: ([\d.]+)", result.stderr)]
    onsets = [0] if not starts or starts[0] > 0 else []
    # The silence running to the end of the file "ends" there, but no speech follows.
    return onsets + [end for end in ends if end < duration_ms - 100]


def near_an_onset(start: int, onsets: list[int]) -> bool:
    return any(abs(start - onset) <= ONSET_TOLERANCE_MS for onset in onsets)


def relative_luminance(color: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def load_build_script(sample_dir: Path):
    spec = importlib.util.spec_from_file_location("build_sample", sample_dir / "build_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the project file ----------------------------------------------------------

def test_loading_and_saving_gives_the_same_bytes(project_file: Path, episode_dir: Path,
                                                 tmp_path: Path):
    copy = tmp_path / "sample-episode"
    shutil.copytree(episode_dir, copy)
    saved = copy / project_file.name
    project = load_project(saved)
    assert project.audio_path == copy / "audio" / "episode.mp3"
    save_project(project, saved)
    assert saved.read_bytes() == project_file.read_bytes()
    assert dump_project(load_project(project_file), episode_dir) == \
        project_file.read_text(encoding="utf-8")


def test_project_file_is_what_the_build_script_makes_of_its_script(project, sample_dir: Path,
                                                                   episode_dir: Path):
    # The audio is not rebuilt here (that needs espeak-ng): the saved turn starts
    # stand in for the speech onsets, so texts, speakers, metadata, chapter starts
    # and the estimated layout must all come out of script.yaml unchanged.
    build = load_build_script(sample_dir)
    script = yaml.safe_load((episode_dir / "script.yaml").read_text(encoding="utf-8"))
    rebuilt = build.build_project(script, [t.start for t in project.turns],
                                  project.audio_duration)
    assert dump_project(rebuilt, episode_dir) == dump_project(project, episode_dir)


def test_content_is_a_complete_episode(project):
    ep = project.episode
    assert ep.title and ep.subtitle and ep.show and ep.language == "en"
    assert isinstance(ep.number, int) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ep.date)
    assert len(ep.description.split("\n\n")) == 2
    assert ep.disclaimer
    assert any(link.url for link in ep.links)
    assert any(link.url is None for link in ep.links), "a label-only call to action"
    credits = {c.role: c.names for c in ep.credits}
    assert credits.keys() >= {"Hosted", "Produced", "Edited"}
    assert len(credits["Edited"]) == 2

    assert 2 <= len(project.speakers) <= 3
    assert any(not s.name.isascii() for s in project.speakers)
    assert [s.slot for s in project.speakers] == list(range(1, len(project.speakers) + 1))
    ids = {s.id for s in project.speakers}
    assert {t.speaker for t in project.turns} == ids

    assert 20 <= len(project.turns) <= 40
    assert any(len(t.paragraphs) > 1 for t in project.turns)
    assert all(all(p.strip() for p in t.paragraphs) for t in project.turns)
    assert any(t.estimated for t in project.turns)
    assert any(not t.estimated for t in project.turns)


def test_speaker_colours_are_distinct_and_readable_on_light_and_dark(project):
    colors = [s.color.lower() for s in project.speakers]
    assert len(set(colors)) == len(colors)
    for color in colors:
        assert contrast(color, LIGHT_BACKGROUND) >= 3, color
        assert contrast(color, DARK_BACKGROUND) >= 3, color


def test_times_are_ordered_and_inside_the_audio(project):
    duration = project.audio_duration
    starts = [t.start for t in project.turns]
    assert starts == sorted(starts)
    assert all(0 <= s < duration for s in starts)

    chapter_starts = [c.start for c in project.chapters]
    assert len(chapter_starts) >= 3 and chapter_starts[0] == 0
    assert all(b - a >= 10_000 for a, b in zip(chapter_starts, chapter_starts[1:]))
    assert all(0 <= s < duration for s in chapter_starts)
    assert all(s in starts for s in chapter_starts), "every chapter starts on a turn"


def test_estimated_turns_are_laid_out_by_word_count(project):
    # The estimated turns are the last chapter's, spread over its span to the end.
    last_chapter = project.chapters[-1].start
    estimated = [t for t in project.turns if t.estimated]
    assert estimated == [t for t in project.turns if t.start >= last_chapter]
    expected = estimate_by_chapters([[word_count(t.text) for t in estimated]],
                                    [last_chapter], project.audio_duration)
    assert [t.start for t in estimated] == expected


# -- the audio -----------------------------------------------------------------

def test_audio_file_is_a_small_episode_length_mp3(project):
    audio = project.audio_path
    assert audio.is_file() and audio.suffix == ".mp3"
    assert audio.stat().st_size < 2 * 1024 * 1024
    assert 2 * 60_000 <= project.audio_duration <= 4 * 60_000


def test_ffprobe_duration_matches_the_project(project, ffmpeg):
    out = subprocess.run(
        [shutil.which("ffprobe"), "-v", "error", "-show_entries", "format=duration:stream=codec_name,channels",
         "-of", "default=noprint_wrappers=1", str(project.audio_path)],
        capture_output=True, text=True, check=True).stdout
    fields = dict(line.split("=", 1) for line in out.split())
    assert fields["codec_name"] == "mp3" and fields["channels"] == "1"
    assert abs(float(fields["duration"]) * 1000 - project.audio_duration) <= DURATION_TOLERANCE_MS


def test_audio_plays_through_libvlc(project, libvlc):
    import vlc

    instance = vlc.Instance("--aout=adummy", "--no-video", "--quiet")
    assert instance is not None, "libvlc could not start"
    player = instance.media_player_new()
    player.set_media(instance.media_new_path(str(project.audio_path)))
    try:
        assert player.play() == 0
        first_time = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            state = player.get_state()
            assert state not in (vlc.State.Error, vlc.State.Ended), state
            now = player.get_time()
            if state == vlc.State.Playing and now >= 0:
                if first_time is None:
                    first_time = now
                elif now > first_time:
                    break
            time.sleep(0.02)
        else:
            pytest.fail(f"playback did not advance (state {player.get_state()})")
        assert abs(player.get_length() - project.audio_duration) <= DURATION_TOLERANCE_MS
    finally:
        player.stop()
        player.release()
        instance.release()


def test_confirmed_turns_start_where_their_speech_starts(project, ffmpeg):
    onsets = speech_onsets(ffmpeg, project.audio_path, project.audio_duration)
    confirmed = [t.start for t in project.turns if not t.estimated]
    assert len(confirmed) >= 10
    misplaced = [s for s in confirmed if not near_an_onset(s, onsets)]
    assert not misplaced, f"turn starts with no speech starting near them: {misplaced}"

    # The check is not trivially true: the same turns 1.5 s late mostly miss.
    shifted = [s + 1500 for s in confirmed]
    assert sum(near_an_onset(s, onsets) for s in shifted) < len(confirmed) // 2
