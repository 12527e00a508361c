"""Audio: playback behind a small interface, and waveform peaks. Imports no Qt."""
