"""editor.audio stays free of Qt; only vlc_player may import vlc."""
from __future__ import annotations

import subprocess
import sys


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return {name.split(".")[0] for name in result.stdout.split()}


def test_audio_package_imports_no_qt(libvlc) -> None:
    modules = loaded_after("import editor.audio, editor.audio.player, editor.audio.clock, "
                           "editor.audio.waveform, editor.audio.vlc_player")
    assert "editor" in modules and "vlc" in modules
    assert not {"PySide6", "shiboken6", "PyQt5", "PyQt6"} & modules


def test_only_the_vlc_player_loads_vlc() -> None:
    modules = loaded_after("import editor.audio.player, editor.audio.clock, "
                           "editor.audio.waveform, editor.audio.headers, "
                           "editor.audio.deferred_player")
    assert "editor" in modules
    assert "vlc" not in modules and "PySide6" not in modules
