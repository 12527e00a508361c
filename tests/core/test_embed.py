"""Chapters embedded into real MP3 and M4A files, checked with ffprobe and mutagen."""
from __future__ import annotations

import base64
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from mutagen.id3 import APIC, CHAP, CTOC, ID3, TIT2, TIT3, CTOCFlags
from mutagen.mp3 import MP3

from editor.core.embed import (MAX_TOC_CHAPTERS, default_target, embed_chapters,
                               read_embedded_chapters, read_embedded_project)
from editor.core.errors import FormatError, ShowscribeError
from editor.core.formats import by_name, guess
from editor.core.model import Chapter, Project

TRICKY = "Café = crème; #1 \\ done"
LENGTH_MS = 40_000

# 1x1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2264d"
    "d40000000049454e44ae426082")


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def made(tmp_path_factory, ffmpeg) -> dict[str, Path]:
    """Real audio files, made once: a tagged MP3, a titled M4A with cover art, a WAV."""
    folder = tmp_path_factory.mktemp("audio")
    sine = ["-f", "lavfi", "-i", f"sine=frequency=300:duration={LENGTH_MS // 1000}"]
    _ffmpeg(*sine, "-ac", "1", "-b:a", "64k", str(folder / "t.mp3"))
    tags = ID3(folder / "t.mp3")
    tags.add(TIT2(encoding=3, text=["Episode Seven"]))
    tags.save(folder / "t.mp3", v2_version=3)
    _ffmpeg("-f", "lavfi", "-i", "color=red:s=16x16", "-frames:v", "1",
            str(folder / "cover.jpg"))
    _ffmpeg(*sine, "-i", str(folder / "cover.jpg"), "-map", "0", "-map", "1", "-ac", "1",
            "-c:a", "aac", "-b:a", "64k", "-c:v", "copy", "-disposition:v", "attached_pic",
            "-metadata", "title=Episode Seven", str(folder / "t.m4a"))
    _ffmpeg(*sine, "-t", "2", str(folder / "t.wav"))
    return {"mp3": folder / "t.mp3", "m4a": folder / "t.m4a", "wav": folder / "t.wav"}


def _copy(made: dict[str, Path], kind: str, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or made[kind].name)
    shutil.copyfile(made[kind], target)
    return target


def _project(*chapters: Chapter) -> Project:
    project = Project()
    project.chapters = sorted(chapters, key=lambda c: c.start)
    return project


def _sample() -> Project:
    return _project(Chapter(0, "Intro", url="https://ex.com/intro"),
                    Chapter(9_500, TRICKY),
                    Chapter(20_250, "Ad break", toc=False),
                    Chapter(25_001, "Ünïcødé — ending", url="https://ex.com/end"))


def _probe(path: Path, *entries: str) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", *entries, "-of", "json", str(path)],
                            capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


def _probed_chapters(path: Path) -> list[tuple[int, int, str]]:
    """ffprobe's chapter list in ffprobe's own order (the order players show)."""
    chapters = _probe(path, "-show_chapters")["chapters"]
    return [(round(float(c["start_time"]) * 1000), round(float(c["end_time"]) * 1000),
             c.get("tags", {}).get("title")) for c in chapters]


def _duration_ms(path: Path) -> int:
    return round(float(_probe(path, "-show_format")["format"]["duration"]) * 1000)


def _decodes(path: Path) -> bool:
    result = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path),
                             "-f", "null", "-"], capture_output=True)
    return result.returncode == 0 and not result.stderr.strip()


# -- what other programs read ---------------------------------------------------

def test_ffprobe_reads_mp3_chapters_with_titles_times_and_end(made, tmp_path):
    source = _copy(made, "mp3", tmp_path)
    out = embed_chapters(_sample(), source)
    chapters = _probed_chapters(out)
    length = _duration_ms(out)
    assert [(s, t) for s, _, t in chapters] == [
        (0, "Intro"), (9_500, TRICKY), (20_250, "Ad break"), (25_001, "Ünïcødé — ending")]
    assert [e for _, e, _ in chapters[:-1]] == [9_500, 20_250, 25_001]
    assert abs(chapters[-1][1] - length) <= 1
    assert abs(length - LENGTH_MS) < 100


def test_ffprobe_reads_m4a_chapters_with_titles_times_and_end(made, tmp_path):
    source = _copy(made, "m4a", tmp_path)
    out = embed_chapters(_sample(), source)
    chapters = _probed_chapters(out)
    # MP4 has no silent chapters: the one before the ad runs on to the next listed one.
    assert chapters == [(0, 9_500, "Intro"), (9_500, 25_001, TRICKY),
                        (25_001, chapters[-1][1], "Ünïcødé — ending")]
    assert abs(chapters[-1][1] - _duration_ms(source)) <= 1


def _many_chapters() -> Project:
    # Titles of very different lengths: mutagen on its own saves frames by size.
    titles = ["Listener Questions about the whole thing, at length", "Intro", "News",
              "A", "Interview with our guest of the week", "Outro and thanks"]
    return _project(*(Chapter(i * 5_000, title, url=f"https://ex.com/{'x' * (9 - i)}")
                      for i, title in enumerate(titles)))


def test_ffprobe_lists_mp3_chapters_in_time_order(made, tmp_path):
    project = _many_chapters()
    out = embed_chapters(project, _copy(made, "mp3", tmp_path))
    assert [(s, t) for s, _, t in _probed_chapters(out)] == [
        (c.start, c.title) for c in project.chapters]
    assert [chap.element_id for chap in ID3(out).getall("CHAP")] == [
        f"chp{i}" for i in range(6)]


def test_transcoding_the_embedded_mp3_to_m4a_keeps_every_chapter(made, tmp_path):
    project = _many_chapters()
    out = embed_chapters(project, _copy(made, "mp3", tmp_path))
    m4a = tmp_path / "out.m4a"
    _ffmpeg("-i", str(out), "-c:a", "aac", str(m4a))
    probed = _probed_chapters(m4a)
    assert [t for _, _, t in probed] == [c.title for c in project.chapters]
    # The AAC encoder's timebase moves times by up to one frame (1024 samples).
    assert all(abs(s - c.start) <= 30 for (s, _, _), c in zip(probed, project.chapters))
    assert all(end > start for start, end, _ in probed)
    assert [s for s, _, _ in probed] == sorted(s for s, _, _ in probed)


def test_an_untitled_mp3_chapter_has_a_placeholder_title_not_its_element_id(made,
                                                                           tmp_path):
    out = embed_chapters(_project(Chapter(0, "Intro"), Chapter(5_000, " "),
                                  Chapter(9_000, "End")), _copy(made, "mp3", tmp_path))
    assert [t for _, _, t in _probed_chapters(out)] == ["Intro", "Chapter 2", "End"]


def test_a_chapter_url_outside_latin1_is_written_as_idna_and_percent_encoding(made,
                                                                            tmp_path):
    project = _project(Chapter(0, "Intro", url="https://例え.jp/パス?q=ü"),
                       Chapter(5_000, "Plain", url="https://ex.com/a"))
    out = embed_chapters(project, _copy(made, "mp3", tmp_path))
    assert [c.url for c in read_embedded_chapters(out)] == [
        "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=%C3%BC", "https://ex.com/a"]


def test_a_chapter_url_that_cannot_be_encoded_is_refused_in_one_line(made, tmp_path):
    source = _copy(made, "mp3", tmp_path)
    before = source.read_bytes()
    project = _project(Chapter(0, "Intro"), Chapter(5_000, "Bad", url="https://a\u3000b..jp/"))
    with pytest.raises(ShowscribeError, match=r"t\.mp3: chapter 2's URL .* cannot be written "
                                              r"in an MP3 \(its host is not a valid domain "
                                              r"name\)$"):
        embed_chapters(project, source)
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.mp3"]


def test_mp3_chapter_subtitles_and_images_are_imported_and_embed_again(made, tmp_path):
    path = _copy(made, "mp3", tmp_path)
    tags = ID3(path)
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=["a", "b"]))
    tags.add(CHAP(element_id="a", start_time=0, end_time=4000, sub_frames=[
        TIT2(text=["One"]), TIT3(text=["The first one"]),
        APIC(mime="image/png", type=3, desc="a", data=PNG)]))
    tags.add(CHAP(element_id="b", start_time=4000, end_time=9000,
                  sub_frames=[TIT2(text=["Two"])]))
    tags.save(path, v2_version=3)
    first, second = read_embedded_chapters(path)
    assert first.extra == {"subtitle": "The first one"}
    assert first.image == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert (second.extra, second.image) == ({}, None)

    again = embed_chapters(_project(first, second), path, tmp_path / "again.mp3")
    chaps = ID3(again).getall("CHAP")
    assert [(p.mime, p.data) for p in chaps[0].sub_frames.getall("APIC")] == [
        ("image/png", PNG)]
    assert chaps[0].sub_frames.getall("TIT3")[0].text == ["The first one"]


@pytest.mark.parametrize("kind", ["mp3", "m4a"])
def test_audio_still_decodes_after_embedding(made, tmp_path, kind):
    out = embed_chapters(_sample(), _copy(made, kind, tmp_path))
    assert _decodes(out)


# -- round trips ------------------------------------------------------------------

def test_mp3_round_trip_keeps_title_start_url_and_toc(made, tmp_path):
    project = _sample()
    out = embed_chapters(project, _copy(made, "mp3", tmp_path))
    assert read_embedded_chapters(out) == [
        Chapter(c.start, c.title, url=c.url, toc=c.toc) for c in project.chapters]


def test_m4a_round_trip_keeps_titles_and_starts_of_listed_chapters(made, tmp_path):
    project = _sample()
    out = embed_chapters(project, _copy(made, "m4a", tmp_path))
    assert read_embedded_chapters(out) == [
        Chapter(c.start, c.title) for c in project.chapters if c.toc]


def test_registry_readers_give_chapters_and_duration(made, tmp_path):
    mp3 = embed_chapters(_sample(), _copy(made, "mp3", tmp_path))
    m4b = embed_chapters(_sample(), _copy(made, "m4a", tmp_path, "book.m4b"))
    assert guess(mp3).name == "id3-chapters" and guess(m4b).name == "m4a-chapters"
    assert by_name("id3-chapters").binary and by_name("m4a-chapters").binary
    assert not by_name("id3-chapters").can_write

    from_mp3 = by_name("id3-chapters").read(str(mp3))
    assert [c.title for c in from_mp3.chapters] == [c.title for c in _sample().chapters]
    assert from_mp3.audio_duration == round(MP3(mp3).info.length * 1000)
    from_m4b = by_name("m4a-chapters").read(m4b)
    assert [c.start for c in from_m4b.chapters] == [0, 9_500, 25_001]
    assert abs(from_m4b.audio_duration - _duration_ms(m4b)) <= 1


def test_reads_mp3_chapters_written_by_ffmpeg(made, tmp_path):
    metadata = tmp_path / "meta.txt"
    metadata.write_text(";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=5000\n"
                        "title=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=5000\nEND=40000\n"
                        "title=Two \\= 2\n", encoding="utf-8")
    out = tmp_path / "ff.mp3"
    _ffmpeg("-i", str(made["mp3"]), "-i", str(metadata), "-map", "0:a", "-map_chapters",
            "1", "-c", "copy", str(out))
    assert read_embedded_chapters(out) == [Chapter(0, "One"), Chapter(5000, "Two = 2")]


def test_mp3_chapters_with_no_table_of_contents_are_all_listed(made, tmp_path):
    path = _copy(made, "mp3", tmp_path)
    tags = ID3(path)
    for eid, start, title in (("b", 7000, "Later"), ("a", 0, "First")):
        tags.add(CHAP(element_id=eid, start_time=start, end_time=start + 1000,
                      sub_frames=[TIT2(text=[title])]))
    tags.save(path)
    assert read_embedded_chapters(path) == [Chapter(0, "First"), Chapter(7000, "Later")]


# -- the ID3 frames themselves --------------------------------------------------

def test_mp3_frames_follow_the_chapter_spec(made, tmp_path):
    out = embed_chapters(_sample(), _copy(made, "mp3", tmp_path))
    tags = ID3(out)
    assert tags.version[:2] == (2, 3)
    (ctoc,) = tags.getall("CTOC")
    assert ctoc.element_id == "toc"
    assert int(ctoc.flags) == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    # The silent chapter chp2 is a CHAP that no CTOC lists.
    assert ctoc.child_element_ids == ["chp0", "chp1", "chp3"]
    chaps = {chap.element_id: chap for chap in tags.getall("CHAP")}
    assert sorted(chaps) == ["chp0", "chp1", "chp2", "chp3"]
    assert [(chaps[e].start_time, chaps[e].end_time) for e in sorted(chaps)] == [
        (0, 9_500), (9_500, 20_250), (20_250, 25_001),
        (25_001, round(MP3(out).info.length * 1000))]
    assert {(c.start_offset, c.end_offset) for c in chaps.values()} == {(0xFFFFFFFF,) * 2}
    assert chaps["chp1"].sub_frames.getall("TIT2")[0].text == [TRICKY]
    assert chaps["chp0"].sub_frames.getall("WXXX")[0].url == "https://ex.com/intro"
    assert chaps["chp1"].sub_frames.getall("WXXX") == []


def test_mp3_chapter_images_embed_local_files_only(made, tmp_path):
    (tmp_path / "pic.png").write_bytes(PNG)
    (tmp_path / "pic.jpg").write_bytes(made["m4a"].with_name("cover.jpg").read_bytes())
    project = _project(Chapter(0, "png", image="pic.png"),
                       Chapter(1000, "jpeg", image=str(tmp_path / "pic.jpg")),
                       Chapter(2000, "remote", image="https://ex.com/a.png"),
                       Chapter(3000, "missing", image="nope.png"))
    project.path = tmp_path / "episode.showscribe"   # relative images live beside it
    out = embed_chapters(project, _copy(made, "mp3", tmp_path))
    chaps = {chap.element_id: chap for chap in ID3(out).getall("CHAP")}
    pictures = {eid: chaps[eid].sub_frames.getall("APIC") for eid in chaps}
    assert [(p.mime, p.data) for p in pictures["chp0"]] == [("image/png", PNG)]
    assert [p.mime for p in pictures["chp1"]] == ["image/jpeg"]
    assert pictures["chp2"] == [] and pictures["chp3"] == []


# -- targets, in place, existing tags, re-embedding -------------------------------

@pytest.mark.parametrize("kind", ["mp3", "m4a"])
def test_default_target_is_a_new_file_and_source_is_unchanged(made, tmp_path, kind):
    source = _copy(made, kind, tmp_path)
    before = source.read_bytes()
    out = embed_chapters(_sample(), source)
    assert out == tmp_path / f"t.chapters.{kind}" == default_target(source)
    assert source.read_bytes() == before
    assert read_embedded_chapters(source) == []
    assert read_embedded_chapters(out) != []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([source.name, out.name])
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(source.stat().st_mode)


@pytest.mark.parametrize("kind", ["mp3", "m4a"])
def test_explicit_target(made, tmp_path, kind):
    source = _copy(made, kind, tmp_path)
    wanted = tmp_path / "sub" / f"published.{kind}"
    wanted.parent.mkdir()
    assert embed_chapters(_sample(), source, wanted) == wanted
    assert [c.title for c in read_embedded_chapters(wanted)][:2] == ["Intro", TRICKY]


@pytest.mark.parametrize("kind", ["mp3", "m4a"])
def test_overwrite_replaces_the_source_in_place(made, tmp_path, kind):
    source = _copy(made, kind, tmp_path)
    assert embed_chapters(_sample(), source, overwrite=True) == source
    assert read_embedded_chapters(source)[0].title == "Intro"
    assert [p.name for p in tmp_path.iterdir()] == [source.name]
    assert _decodes(source)


def test_existing_mp3_tags_survive(made, tmp_path):
    out = embed_chapters(_sample(), _copy(made, "mp3", tmp_path))
    assert ID3(out).getall("TIT2")[0].text == ["Episode Seven"]


def test_existing_m4a_title_and_cover_survive(made, tmp_path):
    out = embed_chapters(_sample(), _copy(made, "m4a", tmp_path))
    assert _probe(out, "-show_format")["format"]["tags"]["title"] == "Episode Seven"
    streams = _probe(out, "-show_streams")["streams"]
    assert [s["codec_type"] for s in streams if s["disposition"]["attached_pic"]] == ["video"]


@pytest.mark.parametrize("kind", ["mp3", "m4a"])
def test_re_embedding_replaces_old_chapters(made, tmp_path, kind):
    source = _copy(made, kind, tmp_path)
    embed_chapters(_sample(), source, overwrite=True)
    embed_chapters(_project(Chapter(0, "Only"), Chapter(30_000, "Last")), source,
                   overwrite=True)
    assert read_embedded_chapters(source) == [Chapter(0, "Only"), Chapter(30_000, "Last")]
    assert [t for _, _, t in _probed_chapters(source)] == ["Only", "Last"]


@pytest.mark.parametrize("kind", ["mp3", "m4a"])
def test_embedding_no_chapters_removes_them(made, tmp_path, kind):
    source = _copy(made, kind, tmp_path)
    embed_chapters(_sample(), source, overwrite=True)
    embed_chapters(Project(), source, overwrite=True)
    assert read_embedded_chapters(source) == []
    assert _probed_chapters(source) == []


# -- failures leave everything as it was -----------------------------------------

def _untouched(folder: Path, source: Path, before: bytes) -> None:
    assert source.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [source.name]


def test_failing_ffmpeg_run_leaves_no_trace(made, tmp_path):
    # Readable audio, but PCM cannot be stream-copied into an M4A: ffmpeg fails.
    source = _copy(made, "wav", tmp_path, "mislabelled.m4a")
    before = source.read_bytes()
    with pytest.raises(ShowscribeError) as caught:
        embed_chapters(_sample(), source)
    message = str(caught.value)
    assert message.startswith(f"{source}: ffmpeg could not add the chapters: ")
    assert message.endswith("Could not find tag for codec pcm_s16le in stream #0, "
                            "codec not currently supported in container")
    _untouched(tmp_path, source, before)


def test_ffmpeg_dying_midway_leaves_no_half_written_file(made, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "ffmpeg"
    # Writes part of its output (the last argument), then fails like a full disk.
    fake.write_text('#!/bin/sh\nfor last; do :; done\nprintf partial > "$last"\n'
                    'echo "[ipod @ 0x5581] No space left on device" >&2\n'
                    'echo "Conversion failed!" >&2\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    folder = tmp_path / "work"
    folder.mkdir()
    source = _copy(made, "m4a", folder)
    before = source.read_bytes()
    for overwrite in (False, True):
        with pytest.raises(ShowscribeError, match="No space left on device$"):
            embed_chapters(_sample(), source, overwrite=overwrite)
        _untouched(folder, source, before)


def test_corrupt_m4a_is_refused_without_a_trace(tmp_path, ffmpeg):
    source = tmp_path / "broken.m4a"
    source.write_bytes(b"\x00\x00\x00\x18ftypM4A " + os.urandom(2000))
    before = source.read_bytes()
    with pytest.raises(ShowscribeError, match=r"broken\.m4a: ffprobe cannot read it: "):
        embed_chapters(_sample(), source)
    _untouched(tmp_path, source, before)


def test_failing_mutagen_save_leaves_no_trace(made, tmp_path, monkeypatch):
    def save_then_fail(self, filething=None, **options):
        Path(filething).write_bytes(b"ID3\x03\x00 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ID3, "save", save_then_fail)
    source = _copy(made, "mp3", tmp_path)
    before = source.read_bytes()
    for overwrite in (False, True):
        with pytest.raises(ShowscribeError) as caught:
            embed_chapters(_sample(), source, overwrite=overwrite)
        assert str(caught.value) == (f"{source}: cannot write the chapters "
                                     "([Errno 28] No space left on device)")
        _untouched(tmp_path, source, before)


def test_more_than_255_listed_chapters_is_an_error(made, tmp_path):
    source = _copy(made, "mp3", tmp_path)
    before = source.read_bytes()
    too_many = _project(*(Chapter(i * 100, f"c{i}") for i in range(MAX_TOC_CHAPTERS + 1)))
    with pytest.raises(ShowscribeError, match="256 chapters .* at most 255"):
        embed_chapters(too_many, source)
    _untouched(tmp_path, source, before)


def test_mp3_chapter_times_must_fit_the_frame(made, tmp_path):
    source = _copy(made, "mp3", tmp_path)
    with pytest.raises(ShowscribeError, match="chapter times must lie between 0 and"):
        embed_chapters(_project(Chapter(-5, "before"), Chapter(0, "start")), source)
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


def test_255_listed_plus_silent_chapters_fit(made, tmp_path):
    chapters = [Chapter(i * 100, f"c{i}", toc=i % 2 == 0) for i in range(2 * MAX_TOC_CHAPTERS)]
    out = embed_chapters(_project(*chapters), _copy(made, "mp3", tmp_path))
    (ctoc,) = ID3(out).getall("CTOC")
    assert len(ctoc.child_element_ids) == MAX_TOC_CHAPTERS
    assert read_embedded_chapters(out) == chapters


@pytest.mark.parametrize("name", ["episode.wav", "episode.ogg", "episode"])
def test_unsupported_extension(made, tmp_path, name):
    source = _copy(made, "wav", tmp_path, name)
    with pytest.raises(ShowscribeError, match="cannot be embedded in a"):
        embed_chapters(_sample(), source)
    with pytest.raises(FormatError, match=rf"{name}: no embedded chapters can be read"):
        read_embedded_chapters(source)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_bad_targets(made, tmp_path):
    source = _copy(made, "mp3", tmp_path)
    with pytest.raises(ShowscribeError, match="pass overwrite=True"):
        embed_chapters(_sample(), source, source)
    with pytest.raises(ShowscribeError, match="cannot be copied into a .m4a"):
        embed_chapters(_sample(), source, tmp_path / "x.m4a")
    with pytest.raises(ShowscribeError, match="do not also name a target"):
        embed_chapters(_sample(), source, tmp_path / "x.mp3", overwrite=True)
    with pytest.raises(ShowscribeError, match="cannot write there"):
        embed_chapters(_sample(), source, tmp_path / "missing" / "x.mp3")
    with pytest.raises(ShowscribeError, match="no such audio file"):
        embed_chapters(_sample(), tmp_path / "absent.mp3")
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


def test_non_mp3_content_is_refused_for_embedding(tmp_path):
    source = tmp_path / "noise.mp3"
    source.write_bytes(b"not audio at all" * 10)
    with pytest.raises(ShowscribeError, match=r"noise\.mp3: not a readable MP3 file"):
        embed_chapters(_sample(), source)
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


@pytest.mark.parametrize("name, content", [("bad.mp3", b"garbage" * 50),
                                           ("empty.mp3", b""),
                                           ("bad.m4a", b"garbage" * 50),
                                           ("bad.m4b", b"")])
def test_corrupt_file_on_read_names_the_file(tmp_path, ffmpeg, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FormatError) as caught:
        read_embedded_chapters(path)
    assert str(caught.value).startswith(f"{path}: ")
    with pytest.raises(FormatError):
        guess(path).read(str(path))


def test_missing_file_on_read_is_a_format_error(tmp_path, ffmpeg):
    for name in ("absent.mp3", "absent.m4a"):
        with pytest.raises(FormatError, match=name):
            read_embedded_project(tmp_path / name)


def test_target_that_cannot_be_replaced_leaves_no_temp_file(made, tmp_path):
    source = _copy(made, "mp3", tmp_path)
    (tmp_path / "folder.mp3").mkdir()
    with pytest.raises(ShowscribeError, match=r"folder\.mp3: cannot replace it"):
        embed_chapters(_sample(), source, tmp_path / "folder.mp3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.mp3", source.name]
    assert list((tmp_path / "folder.mp3").iterdir()) == []
