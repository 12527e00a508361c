"""Alignment: every turn and every word of a transcript gets its time from the audio;
and a rough draft transcript from the audio alone.

base.py       the Aligner protocol, TurnText in, AlignmentResult out, AlignError
sphinx.py     PocketsphinxAligner: the offline engine (recognise, match, force-align)
transcribe.py PocketsphinxTranscriber: a draft transcript, turns cut at pauses
workers.py    the pool of recogniser processes both engines use
matching.py   recognised words to transcript words: anchors, gaps (pure)
stream.py     the audio through ffmpeg at 16 kHz mono, cut at pauses into chunks
pronounce.py  the episode's pronunciation dictionary, with guesses for missing words
words.py      written words to the tokens the recogniser speaks in
"""
from editor.audio.align.base import (CONFIDENT, AlignCancelled, AlignError, Aligner,
                                     AlignmentResult, TurnText, TurnTime, Untranscribed,
                                     Unspoken, WordTime)

__all__ = ["CONFIDENT", "AlignCancelled", "AlignError", "Aligner", "AlignmentResult",
           "TurnText", "TurnTime", "Untranscribed", "Unspoken", "WordTime"]
