"""Audio: playback behind a small interface, and waveform peaks. Imports no Qt.

player.py      the Player protocol, PlayerEvent/EventKind, PlayerError
vlc_player.py  VlcPlayer, the libvlc Player (the only module that imports vlc)
clock.py       PlayheadClock: smooth playhead between coarse backend readings
waveform.py    waveform_peaks(): streamed ffmpeg decodes, one time range a core, to
               cached (min, max) peaks; PeakLevels, their levels of detail
"""
