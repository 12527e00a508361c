"""Every menu item and shortcut of the editor window, declared in one table.

Each :class:`ActionSpec` names the action, its menu, its default keys (the
keyboard table in the README; the user may rebind them in Preferences), the rules
that must all hold for it to be enabled, and its key scope:

- ``window``: the window's meaning of the key wins even while a text field has the
  focus (Esc plays and pauses while typing; Ctrl+Z is the project's undo everywhere);
- ``transcript``: it wins only while typing in the transcript (Ctrl+Backspace merges
  there, and keeps its delete-word meaning in every other field).

A few keys stay with the field being typed in even so (``keyrouting.py`` says
which): Esc closes what is open on top (a table's cell editor, the menu bar
walked with the keyboard) and plays and pauses everywhere else, the find box
included; undo and redo go to a line edit that has typing of its own not yet
handed to the project.

The window binds each id to a handler and each rule to a predicate through two
explicit tables (``{action id: handler}``, ``{rule: predicate}``), put together
with :func:`joined` and checked against this table with :func:`binding_problems`.
Nothing here imports a widget, so the table is easy to read and to test.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, TypeVar

_Bound = TypeVar("_Bound")


@dataclass(frozen=True)
class ActionSpec:
    id: str
    label: str
    menu: str                          # "file", "edit", "playback", "audio", "view", "help"
    keys: tuple[str, ...] = ()         # portable QKeySequence text, e.g. "Ctrl+J"
    rules: tuple[str, ...] = ()        # all must hold; none: always enabled
    scope: str = "window"              # "window" or "transcript" (see the docstring)
    checkable: bool = False
    separator_before: bool = False
    submenu: bool = False              # a menu of its own (Open Recent)


MENUS = (("file", "&File"), ("edit", "&Edit"), ("playback", "&Playback"), ("audio", "&Audio"),
         ("view", "&View"), ("help", "&Help"))

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new_from_audio", "&New from Audio...", "file", ("Ctrl+N",)),
    ActionSpec("open", "&Open...", "file", ("Ctrl+O",)),
    ActionSpec("open_recent", "Open &Recent", "file", rules=("has_recent",), submenu=True),
    ActionSpec("save", "&Save", "file", ("Ctrl+S",), separator_before=True),
    ActionSpec("save_as", "Save &As...", "file", ("Ctrl+Shift+S",)),
    ActionSpec("import", "&Import...", "file", ("Ctrl+I",), separator_before=True),
    ActionSpec("import_page", "Import Show Notes &Page...", "file"),
    ActionSpec("export", "&Export...", "file", ("Ctrl+E",)),
    ActionSpec("embed_chapters", "Embed &Chapters in Audio...", "file",
               rules=("has_chapters", "has_embeddable_audio")),
    ActionSpec("check", "Chec&k Before Publishing", "file", ("Ctrl+Shift+K",)),
    ActionSpec("locate_audio", "&Locate Audio...", "file", separator_before=True),
    ActionSpec("quit", "&Quit", "file", ("Ctrl+Q",), separator_before=True),
    # Edit
    ActionSpec("undo", "&Undo", "edit", ("Ctrl+Z",), rules=("can_undo",)),
    ActionSpec("redo", "&Redo", "edit", ("Ctrl+Shift+Z", "Ctrl+Y"), rules=("can_redo",)),
    ActionSpec("find", "&Find...", "edit", ("Ctrl+F",), rules=("has_turns",),
               separator_before=True),
    ActionSpec("replace", "R&eplace...", "edit", ("Ctrl+H",), rules=("has_turns",)),
    ActionSpec("split_turn", "&Split Turn at Cursor", "edit", ("Ctrl+Return", "Ctrl+Enter"),
               rules=("has_current_turn",), scope="transcript", separator_before=True),
    ActionSpec("merge_with_previous", "&Merge with Previous Turn", "edit", ("Ctrl+Backspace",),
               rules=("has_previous_turn",), scope="transcript"),
    ActionSpec("set_turn_start", "Set Turn Start to &Playhead", "edit", ("Ctrl+J",),
               rules=("has_current_turn", "has_audio")),
    ActionSpec("delete_turn", "&Delete Turn", "edit",
               rules=("has_current_turn", "has_other_turns")),
    ActionSpec("add_chapter", "Add &Chapter at Playhead", "edit", ("Ctrl+M",),
               rules=("has_audio",), separator_before=True),
    *(ActionSpec(f"speaker_{n}", f"Speaker {n}", "speakers", (f"Ctrl+{n}",),
                 rules=("has_current_turn",)) for n in range(1, 10)),
    ActionSpec("check_spelling", "Check Spe&lling", "edit", checkable=True,
               separator_before=True),
    ActionSpec("next_misspelling", "Next Mis&spelling", "edit", ("F7",), rules=("spelling_on",)),
    ActionSpec("preferences", "Pre&ferences...", "edit", separator_before=True),
    # Playback
    ActionSpec("play_pause", "&Play / Pause", "playback", ("Esc",), rules=("has_audio",)),
    ActionSpec("back", "&Back", "playback", ("F1",), rules=("has_audio",)),
    ActionSpec("forward", "&Forward", "playback", ("F2",), rules=("has_audio",)),
    ActionSpec("slower", "&Slower", "playback", ("F3",), rules=("has_audio",),
               separator_before=True),
    ActionSpec("faster", "F&aster", "playback", ("F4",), rules=("has_audio",)),
    ActionSpec("normal_speed", "&Normal Speed", "playback", rules=("has_audio",)),
    ActionSpec("follow_playback", "F&ollow Playback", "playback", checkable=True,
               separator_before=True),
    # Audio
    ActionSpec("align", "&Align Transcript to Audio...", "audio",
               rules=("has_turns", "has_audio", "not_aligning")),
    ActionSpec("replace_audio", "&Replace Audio...", "audio",
               rules=("has_turns", "not_replacing_audio")),
    # View: the waveform detail
    ActionSpec("waveform_detail", "Waveform &Detail", "view", checkable=True),
    ActionSpec("zoom_in", "Zoom &In", "view", ("Ctrl+=", "Ctrl++"), rules=("can_zoom_in",)),
    ActionSpec("zoom_out", "Zoom &Out", "view", ("Ctrl+-",), rules=("can_zoom_out",)),
    ActionSpec("zoom_episode", "&Whole Episode", "view", ("Ctrl+0",), rules=("can_zoom_out",)),
    # Help
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "help"),
    ActionSpec("about", "&About Showscribe", "help"),
)

ACTIONS_BY_ID = {spec.id: spec for spec in ACTIONS}


def rule_names() -> set[str]:
    """Every enable rule the table uses."""
    return {rule for spec in ACTIONS for rule in spec.rules}


def joined(*tables: Mapping[str, _Bound]) -> dict[str, _Bound]:
    """One table from several (the window's and its controllers'); a name bound in
    two of them is a mistake, not an override."""
    result: dict[str, _Bound] = {}
    for table in tables:
        twice = result.keys() & table.keys()
        if twice:
            raise ValueError(f"bound twice: {', '.join(sorted(twice))}")
        result.update(table)
    return result


def binding_problems(handlers: Mapping[str, object],
                     predicates: Mapping[str, object]) -> list[str]:
    """What is wrong with these tables against ``ACTIONS``: an action without a
    handler, a rule without a predicate, or an entry the table does not declare."""
    rules = rule_names()
    return ([f"action {spec.id} has no handler" for spec in ACTIONS if spec.id not in handlers]
            + [f"rule {rule} has no predicate" for rule in sorted(rules - predicates.keys())]
            + [f"handler for unknown action {name}" for name in handlers
               if name not in ACTIONS_BY_ID]
            + [f"predicate for unknown rule {name}" for name in predicates
               if name not in rules])
