"""The transcript editor widget: every turn of a project, edited in place.

See :mod:`.view` for the design; the window uses only :class:`TranscriptView`.
"""
from .view import TranscriptView

__all__ = ["TranscriptView"]
