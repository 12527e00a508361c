"""The Hunspell dictionaries, through Enchant (pyenchant): the only module that
imports ``enchant``, and only when a dictionary is first asked for, so nothing
that does not check spelling pays for loading it.

``open_dictionary(language)`` turns an episode's ``language`` (``en``,
``en-US``, ``pt_BR``) into a :class:`Dictionary`, or raises
:class:`SpellingUnavailable` with a one-line reason that says what to install.
Emits nothing.
"""
from __future__ import annotations

import re

from ..errors import ShowscribeError

__all__ = ["Dictionary", "SpellingUnavailable", "open_dictionary", "dictionary_tag"]

_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?")


class SpellingUnavailable(ShowscribeError):
    """Spelling cannot be checked for this episode; the message says why."""


class Dictionary:
    """One language's word list: ``check(word)`` and ``suggest(word)``."""

    def __init__(self, tag: str, backend) -> None:
        self.tag = tag              # the installed dictionary used, e.g. en_US
        self._backend = backend

    def check(self, word: str) -> bool:
        return self._backend.check(word)

    def suggest(self, word: str) -> list[str]:
        return self._backend.suggest(word)


def _enchant():
    try:
        import enchant
    except ImportError:  # pyenchant raises it when libenchant-2 itself is missing
        raise SpellingUnavailable(
            "the Enchant spelling library is not installed (Debian: libenchant-2-2); "
            "spelling is not checked") from None
    return enchant


def dictionary_tag(language: str, installed: list[str]) -> str | None:
    """The installed dictionary for ``language``: the exact one, else for a bare
    language the one of its own country (de_DE), en_US for English, or the first."""
    match = _TAG.fullmatch(language.strip())
    if not match:
        return None
    lang, region = match.group(1).lower(), match.group(2)
    wanted = f"{lang}_{region.upper()}" if region else lang
    if wanted in installed:
        return wanted
    if region:
        return None
    same = sorted(tag for tag in installed if tag.split("_")[0] == lang)
    for preferred in (f"{lang}_{lang.upper()}", "en_US" if lang == "en" else None):
        if preferred in same:
            return preferred
    return same[0] if same else None


def open_dictionary(language: str) -> Dictionary:
    if not language.strip():
        raise SpellingUnavailable("the episode has no language (episode.language); "
                                  "spelling is not checked")
    enchant = _enchant()
    installed = enchant.list_languages()
    tag = dictionary_tag(language, installed)
    if tag is None:
        package = "hunspell-" + language.strip().lower().replace("_", "-")
        have = ", ".join(sorted(installed)) or "none"
        raise SpellingUnavailable(
            f"no spelling dictionary for language {language.strip()!r} is installed "
            f"(installed: {have}; on Debian a package such as {package}); "
            "spelling is not checked")
    try:
        return Dictionary(tag, enchant.Dict(tag))
    except enchant.errors.Error as exc:
        raise SpellingUnavailable(f"the {tag} dictionary cannot be opened ({exc}); "
                                  "spelling is not checked") from None
