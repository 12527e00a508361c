"""Showscribe: a transcript and chapter editor for podcasts and recorded interviews."""

__version__ = "0.1.0"
