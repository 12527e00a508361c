"""editor.app: what opens at start-up, and run() end to end in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from editor import app


def test_startup_opens_the_argument_first(tmp_path):
    recent = tmp_path / "recent.showscribe.yaml"
    recent.write_text("x")
    assert app.startup_path("given.yaml", [recent]) == Path("given.yaml")


def test_startup_opens_the_newest_recent_file_that_still_exists(tmp_path):
    gone, there = tmp_path / "gone.yaml", tmp_path / "there.yaml"
    there.write_text("x")
    assert app.startup_path(None, [gone, there]) == there


def test_startup_opens_the_sample_the_first_time():
    assert app.SAMPLE_PROJECT.is_file()
    assert app.startup_path(None, []) == app.SAMPLE_PROJECT


def test_seconds_since_process_start_counts_from_the_process_not_the_import():
    """A process that waits 1.5 s before it imports editor.app has been running at
    least that long (and not much longer: Python starts in well under 3 s)."""
    code = ("import time; time.sleep(1.5); import editor.app; "
            "print(editor.app.seconds_since_process_start())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert 1.5 <= float(done.stdout) < 4.5


def _run_app(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SHOWSCRIBE_VLC_ARGS="--aout=adummy",
               SHOWSCRIBE_REPORT_PAINTED="1", XDG_CONFIG_HOME=str(home), HOME=str(home))
    code = "import editor.app, sys; sys.exit(editor.app.run(sys.argv[1] if len(sys.argv) > 1 " \
           "else None))"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_run_paints_the_project_then_reopens_it_as_the_most_recent(libvlc, sample_copy,
                                                                   tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    first = _run_app([str(sample_copy)], home)
    assert first.returncode == 0, first.stderr
    word, seconds, shown = first.stdout.split()
    assert word == "painted" and float(seconds) > 0 and Path(shown) == sample_copy
    again = _run_app([], home)
    assert again.returncode == 0, again.stderr
    assert Path(again.stdout.split()[2]) == sample_copy


def test_an_open_window_holds_no_module_sources_nor_libvlc_until_audio_plays(
        libvlc, ffmpeg, sample_copy, tmp_path):
    """Memory at open: PySide6 reads every module's source and linecache keeps it;
    python-vlc and libvlc (the check for it at start too) wait for the first play.
    The audio has loaded by the time the waveform is shown."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SHOWSCRIBE_VLC_ARGS="--aout=adummy",
               SHOWSCRIBE_REPORT_PAINTED="memory", XDG_CONFIG_HOME=str(home), HOME=str(home),
               SHOWSCRIBE_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import editor.app, linecache, sys\n"
            "code = editor.app.run(sys.argv[1])\n"
            "import editor.gui.mainwindow as window\n"
            "maps = open('/proc/self/maps').read()\n"
            "print('sources', window.__file__ in linecache.cache, 'vlc', 'vlc' in sys.modules,\n"
            "      'libvlc', 'libvlc.so' in maps)\n"
            "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, str(sample_copy)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "sources False vlc False libvlc False"
    assert done.stdout.splitlines()[-2].startswith("memory ")


def test_the_project_read_before_the_window_is_used_only_while_the_file_is_unchanged(
        sample_copy):
    """run() reads the project before the window's modules load; a question at start
    (another project's recovery copy) may wait long, so a file changed meanwhile is
    read again when the window opens it."""

    project, stamp = app.read_at_start(sample_copy)
    assert project is not None and project.path == sample_copy.absolute()
    assert app.still_on_disk(project, stamp, sample_copy) is project
    sample_copy.write_text(sample_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert app.still_on_disk(project, stamp, sample_copy) is None
    assert app.read_at_start(None) == (None, None)


def test_a_project_that_does_not_read_at_start_is_left_for_the_window_to_explain(tmp_path):

    broken = tmp_path / "broken.showscribe.yaml"
    broken.write_text("showscribe: [unclosed\n", encoding="utf-8")
    project, stamp = app.read_at_start(broken)
    assert project is None and stamp is not None
    assert app.still_on_disk(project, stamp, broken) is None
    assert app.read_at_start(tmp_path / "gone.yaml") == (None, None)
