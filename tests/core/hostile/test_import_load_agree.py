"""What an import writes, a load accepts: an import that would save a project the
loader refuses is refused at import, with the loader's own words; and for every
reader, whatever it accepts saves and loads back as the same project."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.errors import FormatError
from editor.core.formats import all_formats, by_name
from editor.core.importing import import_file
from editor.core.projectfile import load_project
from helpers import ROOT

from agree import import_save_load
from formats_support import chapter_project, transcript_project

SAMPLE_MP3 = ROOT / "sample_projects" / "sample-episode" / "audio" / "episode.mp3"
TEXT_READERS = sorted(f.name for f in all_formats() if f.can_read and not f.binary)


def test_an_html_time_past_1000_hours_is_refused_at_import(tmp_path):
    path = tmp_path / "far.html"
    path.write_text('<html><body><cite>Ann:</cite><time datetime="PT3600005S">1000:00:05'
                    '</time><p>hi</p></body></html>')
    with pytest.raises(FormatError) as caught:
        import_file(path)
    assert str(caught.value) == (
        f"{path}: would make a project Showscribe cannot load: turns[0].start: "
        "'1000:00:05.000' is not a time within 1000 hours")


def test_an_id3_chapter_at_0xfffffff0_ms_is_refused_at_import(tmp_path):
    from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags
    path = tmp_path / "far.mp3"
    shutil.copy(SAMPLE_MP3, path)
    tags = ID3(path)
    tags.delall("CHAP")
    tags.delall("CTOC")
    tags.add(CHAP(element_id="c0", start_time=0xFFFFFFF0, end_time=0xFFFFFFF1,
                  sub_frames=[TIT2(text=["late"])]))
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=["c0"], sub_frames=[]))
    tags.save()
    with pytest.raises(FormatError) as caught:
        import_file(path)
    assert str(caught.value) == (
        f"{path}: would make a project Showscribe cannot load: chapters[0].start: "
        "'1193:02:47.280' is not a time within 1000 hours")


def test_the_sample_mp3_imports_saves_and_loads(tmp_path):
    result = import_save_load(SAMPLE_MP3, "id3-chapters", tmp_path / "p.showscribe.yaml")
    assert not isinstance(result, FormatError) and result.audio_duration > 0


def test_an_imported_project_loads_from_the_file_it_saved(tmp_path):
    source = tmp_path / "talk.vtt"
    source.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Hello\n\n"
                      "00:02.000 --> 00:04.000\n<v Bo>Hi Ann\n")
    result = import_save_load(source, "vtt", tmp_path / "p.showscribe.yaml")
    assert [t.text for t in result.turns] == ["Hello", "Hi Ann"]
    assert load_project(tmp_path / "p.showscribe.yaml").speakers[1].name == "Bo"


AGREE = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Text that reaches the places readers carry into a project: times, names, titles,
# characters YAML must escape, lone surrogates, huge numbers.
pieces = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\\ud800", "\ud800", "\x00", "\x85", "\u2028", "\ufeff", "&#0;", "1" * 40,
                     "999:59:59.999", "1000:00:00", "Ann: ", "\n\n", "<v Ann>", " --> ",
                     '"startTime": 1e308', "&amp;", "#", "|", "- ", "*a", "&a "]))


@pytest.mark.parametrize("name", TEXT_READERS)
@AGREE
@given(data=st.data())
def test_whatever_a_reader_accepts_saves_and_loads_the_same(name, data):
    fmt = by_name(name)
    if fmt.can_write:
        sample = (transcript_project() if fmt.kind == "transcript" else chapter_project())
        valid = fmt.write(sample)
    else:
        valid = '{"text": "<p>Ann: hello</p><p>Bo: hi</p>", "media": "", "media-time": 0}'
    at = data.draw(st.integers(0, len(valid)))
    inserted = "".join(data.draw(st.lists(pieces, max_size=4)))
    text = valid[:at] + inserted + valid[at:]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / ("source" + fmt.extensions[0])
        source.write_bytes(text.encode("utf-8", "surrogatepass"))
        import_save_load(source, name, Path(folder) / "p.showscribe.yaml")
