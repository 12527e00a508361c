"""`showscribe import / export / embed-chapters / formats`: exit codes, messages, files."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import load_project, save_project
from editor.core.formats import all_formats

from cli_projects import clean_project

SAMPLE = Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("script.yaml"))
    return folder / "episode.showscribe.yaml"


def test_formats_lists_every_registered_format_once(capsys):
    code, out, _ = run(["formats"], capsys)
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == [f.name for f in all_formats()]
    for fmt, line in zip(all_formats(), out.splitlines()):
        direction = line.split()[2]
        assert ("import" in direction) == fmt.can_read
        assert ("export" in direction) == fmt.can_write
        assert fmt.extensions[0] in line


def test_export_to_stdout_and_file_agree(sample_copy, tmp_path, capsys):
    code, out, err = run(["export", sample_copy, "--format", "vtt"], capsys)
    assert code == 0, err
    assert out.startswith("WEBVTT")
    target = tmp_path / "out.vtt"
    code, _, err = run(["export", sample_copy, "--format", "vtt", "-o", target], capsys)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == out


def test_export_show_notes_options(sample_copy, capsys):
    _, full, _ = run(["export", sample_copy, "--format", "shownotes-text"], capsys)
    _, short, _ = run(["export", sample_copy, "--format", "shownotes-text",
                       "--no-transcript"], capsys)
    assert "\nTranscript\n" in full and "\nTranscript\n" not in short
    assert "Timestamps" in short


def test_export_json_transcript_word_by_word(sample_copy, capsys):
    project = load_project(sample_copy)
    _, turns, _ = run(["export", sample_copy, "--format", "transcript-json"], capsys)
    code, words, err = run(["export", sample_copy, "--format", "transcript-json",
                            "--words"], capsys)
    assert code == 0, err
    assert len(json.loads(turns)["segments"]) == len(project.turns)
    segments = json.loads(words)["segments"]
    assert len(segments) == sum(len(t.text.split()) for t in project.turns)
    assert all(len(s["body"].split()) == 1 and s["endTime"] > s["startTime"]
               for s in segments)


def test_export_option_a_format_lacks_is_refused(sample_copy, capsys):
    code, out, err = run(["export", sample_copy, "--format", "srt", "--times"], capsys)
    assert code == 2 and out == ""
    assert "srt has no option --times" in err
    code, _, err = run(["export", sample_copy, "--format", "vtt", "--no-transcript"], capsys)
    assert code == 2 and "vtt has no option --no-transcript" in err
    code, _, err = run(["export", sample_copy, "--format", "vtt", "--words"], capsys)
    assert code == 2 and "vtt has no option --words" in err


def test_export_unknown_format(sample_copy, capsys):
    code, _, err = run(["export", sample_copy, "--format", "docx"], capsys)
    assert code == 2 and "unknown format 'docx'" in err


def test_export_of_unreadable_project_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("showscribe: 1\nturns: [\n", encoding="utf-8")
    target = tmp_path / "out.srt"
    code, _, err = run(["export", bad, "--format", "srt", "-o", target], capsys)
    assert code == 2 and "bad.yaml:" in err
    assert not target.exists()


def test_import_round_trip_through_srt(sample_copy, tmp_path, capsys):
    srt_file = tmp_path / "ep.srt"
    assert run(["export", sample_copy, "--format", "srt", "-o", srt_file], capsys)[0] == 0
    out_project = tmp_path / "imported.showscribe.yaml"
    audio = sample_copy.parent / "audio" / "episode.mp3"
    code, out, err = run(["import", srt_file, "--audio", audio, "-o", out_project], capsys)
    assert code == 0, err
    original, imported = load_project(sample_copy), load_project(out_project)
    assert [t.start for t in imported.turns] == [t.start for t in original.turns]
    assert [imported.speaker_name(t.speaker) for t in imported.turns] == \
        [original.speaker_name(t.speaker) for t in original.turns]
    assert imported.audio_path == audio.absolute()
    assert abs(imported.audio_duration - original.audio_duration) < 1000
    assert out.startswith("imported.showscribe.yaml: 26 turns")


def test_import_bad_source_names_file_and_line(tmp_path, capsys):
    bad = tmp_path / "broken.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 --> nonsense\nHello\n", encoding="utf-8")
    target = tmp_path / "p.yaml"
    code, _, err = run(["import", bad, "-o", target], capsys)
    assert code == 2
    assert "broken.vtt:3:" in err and err.count("\n") == 1
    assert not target.exists()


def test_import_names_a_skipped_cue_on_stderr_and_keeps_the_rest(tmp_path, capsys):
    source = tmp_path / "partly.vtt"
    source.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n\n"
                      "00:00:03.000 --> nonsense\nlost\n\n"
                      "00:00:04.000 --> 00:00:05.000\nagain\n", encoding="utf-8")
    target = tmp_path / "p.yaml"
    code, out, err = run(["import", source, "-o", target], capsys)
    assert code == 0
    assert err == (f"showscribe: warning: {source}:6: 'nonsense' is not a WebVTT timestamp "
                   "(HH:MM:SS.mmm, or MM:SS.mmm below an hour) (skipped)\n")
    assert [t.text for t in load_project(target).turns] == ["Hello", "again"]


def test_import_unknown_extension_asks_for_format(tmp_path, capsys):
    odd = tmp_path / "notes.xyz"
    odd.write_text("hello", encoding="utf-8")
    code, _, err = run(["import", odd, "-o", tmp_path / "p.yaml"], capsys)
    assert code == 2 and "--format" in err


def test_import_missing_audio(tmp_path, capsys, sample_copy):
    srt_file = tmp_path / "ep.srt"
    run(["export", sample_copy, "--format", "srt", "-o", srt_file], capsys)
    code, _, err = run(["import", srt_file, "--audio", tmp_path / "none.mp3",
                        "-o", tmp_path / "p.yaml"], capsys)
    assert code == 2 and "none.mp3: no such audio file" in err


def test_embed_chapters_writes_a_new_file_ffprobe_reads(sample_copy, capsys, ffmpeg):
    audio = sample_copy.parent / "audio" / "episode.mp3"
    before = audio.read_bytes()
    code, out, err = run(["embed-chapters", sample_copy], capsys)
    assert code == 0, err
    target = audio.with_name("episode.chapters.mp3")
    assert out.startswith(f"{target}: 4 chapters embedded")
    assert audio.read_bytes() == before
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json",
                            str(target)], capture_output=True, text=True, check=True)
    chapters = json.loads(probe.stdout)["chapters"]   # ffprobe's own order, as players show it
    project = load_project(sample_copy)
    assert [c["tags"]["title"] for c in chapters] == [c.title for c in project.chapters]
    for ours, theirs in zip(project.chapters, chapters):
        assert abs(float(theirs["start_time"]) * 1000 - ours.start) <= 1


def test_embed_chapters_without_audio(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    save_project(clean_project(), path)
    code, _, err = run(["embed-chapters", path], capsys)
    assert code == 2 and "has no audio file" in err


def test_import_page_with_audio_fits_estimated_times_to_the_audio(tmp_path, capsys, ffmpeg):
    """A pasted page has no audio length: with --audio the last chapter ends with it."""
    words = lambda n: " ".join(["word"] * n)  # noqa: E731
    page = tmp_path / "page.txt"
    page.write_text("Title\nTimestamps\n(00:00) One;\n(00:30) Two;\nTranscript\nOne\n"
                    f"Ann: {words(20)}\nBo: {words(20)}\nTwo\nAnn: {words(30)}\n"
                    f"Bo: {words(10)}\n", encoding="utf-8")
    audio = tmp_path / "a.mp3"
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono",
                    "-t", "90", "-b:a", "32k", str(audio)], check=True)
    out = tmp_path / "p.yaml"
    code, _, err = run(["import", page, "--audio", audio, "-o", out], capsys)
    assert code == 0, err
    project = load_project(out)
    duration = project.audio_duration
    assert abs(duration - 90_000) < 100
    assert [t.start for t in project.turns][:3] == [0, 15_000, 30_000]
    assert project.turns[3].start == 30_000 + (duration - 30_000) * 30 // 40
    assert all(t.estimated for t in project.turns)


def test_export_never_writes_over_the_project_it_reads(sample_copy, capsys):
    before = sample_copy.read_bytes()
    code, _, err = run(["export", sample_copy, "--format", "vtt", "-o", sample_copy], capsys)
    assert code == 2 and "-o names the file being read" in err
    assert sample_copy.read_bytes() == before


def test_import_never_writes_over_its_source(tmp_path, sample_copy, capsys):
    source = tmp_path / "s.vtt"
    run(["export", sample_copy, "--format", "vtt", "-o", source], capsys)
    before = source.read_bytes()
    code, _, err = run(["import", source, "-o", source], capsys)
    assert code == 2 and "-o names the file being read" in err
    assert source.read_bytes() == before


def test_import_with_a_file_that_is_not_audio(tmp_path, sample_copy, capsys):
    srt_file = tmp_path / "ep.srt"
    run(["export", sample_copy, "--format", "srt", "-o", srt_file], capsys)
    code, _, err = run(["import", srt_file, "--audio", srt_file, "-o", tmp_path / "p.yaml"],
                       capsys)
    assert code == 2 and "ep.srt: not an audio file Showscribe can read" in err
    assert not (tmp_path / "p.yaml").exists()


def test_a_utf16_file_with_a_byte_order_mark_imports(tmp_path, capsys):
    source = tmp_path / "win.srt"
    source.write_bytes("1\r\n00:00:01,000 --> 00:00:02,500\r\nAnn: Hej, vänner!\r\n\r\n"
                       .encode("utf-16"))
    code, _, err = run(["import", source, "-o", tmp_path / "p.yaml"], capsys)
    assert code == 0, err
    turn = load_project(tmp_path / "p.yaml").turns[0]
    assert (turn.start, turn.text) == (1000, "Hej, vänner!")
    bare = tmp_path / "bare.srt"
    bare.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nHi\n".encode("utf-16-le"))
    code, _, err = run(["import", bare, "-o", tmp_path / "q.yaml"], capsys)
    assert code == 2 and "UTF-16 without a byte order mark" in err
