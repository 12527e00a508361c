"""Spell checking that fits a transcript: Hunspell dictionaries through Enchant,
plus the episode's own words (names, credits, its ``dictionary``) and the
user's own list.

- ``words``: where the words to check are in a text (URLs, numbers, times skipped)
- ``engine``: the dictionary for a language (the only module importing enchant)
- ``userdict``: the user's word list file and "Add to my dictionary"
- ``accepted``: the words an episode accepts, kept up to date with the project
- ``checker``: :class:`SpellChecker`, per text, for the editor as one types
- ``scan``: the whole episode's unknown words, in slices, for checks and the CLI

Importing this package loads no spelling library; the first dictionary opened does.
"""
from .accepted import AcceptedWords
from .checker import SpellChecker
from .engine import Dictionary, SpellingUnavailable, dictionary_tag, open_dictionary
from .scan import (Place, SpellingReport, SpellingScan, UnknownWord, next_misspelling,
                   scan_project)
from .userdict import AddUserWord, UserDictionary, user_dictionary_path
from .words import check_spans, name_words, utf16_spans

__all__ = [
    "AcceptedWords", "AddUserWord", "Dictionary", "Place", "SpellChecker", "SpellingReport",
    "SpellingScan", "SpellingUnavailable", "UnknownWord", "UserDictionary", "check_spans",
    "dictionary_tag", "name_words", "open_dictionary", "scan_project", "user_dictionary_path",
    "next_misspelling", "utf16_spans",
]
