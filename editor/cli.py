"""The ``showscribe`` command: the editor, and import / export / check for scripts.

``showscribe [PROJECT]`` opens the editor window; the subcommands use only the
core (and ``align`` and ``transcribe``, the recogniser in editor/audio). Exit codes: 0 fine, 1 publish
findings (``check``; with ``--spelling``, unknown words too), 2 unreadable input,
bad usage, or spelling asked for that cannot be checked (no dictionary for the
episode's language). Errors are one line on standard error, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .core.errors import ShowscribeError

SUBCOMMANDS = ("check", "import", "export", "embed-chapters", "formats", "align", "transcribe")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="showscribe",
        description="Transcript and chapter editor for podcasts. "
                    "With no subcommand, opens the editor (on PROJECT if given).")
    parser.add_argument("--version", action="version", version=f"showscribe {__version__}")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add Showscribe to the desktop's applications, with its icon "
                              "and project file type (in ~/.local/share)")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="take out what --install-desktop added")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate a project and run the publish checks")
    check.add_argument("project", type=Path)
    check.add_argument("--platform", choices=("youtube", "spotify"),
                       help="also apply that platform's chapter rules")
    check.add_argument("--format", dest="format_name", metavar="F",
                       help="also say what exporting in format F would lose; see 'formats'")
    check.add_argument("--spelling", action="store_true",
                       help="also list the unknown words, with the episode's language "
                            "and dictionary and your own")

    imp = sub.add_parser("import", help="make a project from a transcript, chapters or page")
    imp.add_argument("source", type=Path)
    imp.add_argument("--format", dest="format_name", metavar="F",
                     help="the source's format (default: from its name); see 'formats'")
    imp.add_argument("--audio", type=Path, help="the episode's audio file")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="PROJECT.yaml")
    imp.add_argument("--force", action="store_true",
                     help="replace the output even when it is read-only")

    exp = sub.add_parser("export", help="write a project in a publishing format")
    exp.add_argument("project", type=Path)
    exp.add_argument("--format", dest="format_name", metavar="F", required=True)
    exp.add_argument("-o", "--output", type=Path, help="default: standard output")
    exp.add_argument("--no-transcript", action="store_true",
                     help="show notes without the transcript")
    exp.add_argument("--times", action="store_true", help="show notes with per-turn times")
    exp.add_argument("--words", action="store_true",
                     help="a JSON transcript with one segment per word")
    exp.add_argument("--force", action="store_true",
                     help="replace the output even when it is read-only")

    emb = sub.add_parser("embed-chapters", help="write the chapters into the audio file")
    emb.add_argument("project", type=Path)
    emb.add_argument("-o", "--output", type=Path, metavar="AUDIO_OUT",
                     help="default: NAME.chapters.EXT beside the audio")
    emb.add_argument("--overwrite", action="store_true",
                     help="write into the project's audio file itself")

    sub.add_parser("formats", help="list every import and export format")

    align = sub.add_parser("align", help="time the turns from the audio (offline)")
    align.add_argument("project", type=Path)
    align.add_argument("--audio", type=Path, help="align to this audio file instead, "
                                                  "and make it the project's")
    align.add_argument("--all", action="store_true",
                       help="re-time every turn, not only those still estimated")
    align.add_argument("-o", "--output", type=Path, metavar="PROJECT.yaml",
                       help="default: the project file itself")
    align.add_argument("--model", type=Path, metavar="FOLDER",
                       help="the pocketsphinx model folder for the episode's language "
                            "(English ships)")

    transcribe = sub.add_parser(
        "transcribe", help="a rough draft transcript from the audio alone (offline, English)")
    transcribe.add_argument("audio", type=Path)
    transcribe.add_argument("-o", "--output", type=Path, required=True,
                            metavar="PROJECT.showscribe.yaml")
    transcribe.add_argument("--force", action="store_true",
                            help="replace the output if it exists")
    return parser


def _load(path: Path):
    from .core.projectfile import load_project
    return load_project(path)


def _summary(project, path: Path) -> str:
    from .core.timecode import format_clock
    estimated = sum(turn.estimated for turn in project.turns)
    duration = (format_clock(project.audio_duration)
                if project.audio_duration is not None else "unknown")
    counts = ", ".join(_count(n, what) for n, what in (
        (len(project.turns), "turn"), (len(project.speakers), "speaker"),
        (len(project.chapters), "chapter")))
    return (f"{path.name}: {counts}, duration {duration}, "
            f"{_count(estimated, 'estimated turn time')}")


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def cmd_check(args) -> int:
    from .core.checks import check_project
    from .core.formatcheck import embed_findings, format_findings
    from .core.importing import resolve_format
    fmt = resolve_format(None, args.format_name, readable=False) if args.format_name else None
    project = _load(args.project)
    report = _spelling_report(project, args.project) if args.spelling else None
    print(_summary(project, args.project))
    findings = (check_project(project, platform=args.platform, spelling=report)
                + embed_findings(project))
    if fmt is not None:
        findings += format_findings(project, fmt)
    for finding in findings:
        print(f"{finding.severity}: {finding.message}")
    for unknown in report.unknown if report else ():
        times = _count(unknown.count, "time")
        print(f"unknown word: {unknown.word} ({times}, first: "
              f"{unknown.first.describe(project)})")
    return EXIT_FINDINGS if findings else EXIT_OK


def _spelling_report(project, path: Path):
    """The project's unknown words; asked for spelling that cannot be checked, an error."""
    from .core.spelling import SpellChecker, UserDictionary, scan_project
    checker = SpellChecker(project, UserDictionary.load())
    if not checker.active:
        raise ShowscribeError(f"{path}: {checker.problem}")
    return scan_project(checker)


def _audio_duration(path: Path) -> int:
    import mutagen
    if not path.is_file():
        raise ShowscribeError(f"{path}: no such audio file")
    try:
        info = mutagen.File(path)
    except (mutagen.MutagenError, OSError) as exc:
        raise ShowscribeError(f"{path}: cannot read the audio: {exc}") from None
    if info is None or not getattr(info.info, "length", None):
        raise ShowscribeError(f"{path}: not an audio file Showscribe can read")
    return round(info.info.length * 1000)


def _refuse_writing_over(output: Path, source: Path) -> None:
    """An export or import must never replace the file it reads."""
    if output.exists() and source.exists() and output.samefile(source):
        raise ShowscribeError(f"{output}: -o names the file being read; choose another")


def cmd_import(args) -> int:
    from .core.commands import SetAudio, SetTurnTimes
    from .core.estimate import fit_to_duration
    from .core.importing import import_file
    from .core.projectfile import save_project
    _refuse_writing_over(args.output, args.source)
    duration = _audio_duration(args.audio) if args.audio else None
    project = import_file(args.source, args.format_name)
    if args.audio:
        # Through commands, as the editor does: they check what they are given.
        project.history.push(SetAudio(project, args.audio.absolute(), duration))
        fitted = fit_to_duration(project.turns, [c.start for c in project.chapters], duration)
        if fitted:
            project.history.push(SetTurnTimes(project, *fitted))
    save_project(project, args.output, force=args.force)
    for warning in project.import_warnings:
        print(f"showscribe: warning: {warning.with_source(str(args.source))}", file=sys.stderr)
    print(_summary(project, args.output))
    return EXIT_OK


# The export options as the command line spells them.
OPTION_FLAGS = {"transcript": "--no-transcript", "times": "--times", "words": "--words"}


def cmd_export(args) -> int:
    from .core.importing import export_file, export_text, resolve_format
    fmt = resolve_format(None, args.format_name, readable=False)
    if args.output:
        _refuse_writing_over(args.output, args.project)
    project = _load(args.project)
    options = {}
    if args.no_transcript:
        options["transcript"] = False
    if args.times:
        options["times"] = True
    if args.words:
        options["words"] = True
    unsupported = [OPTION_FLAGS[o] for o in options if o not in fmt.options]
    if unsupported:
        raise ShowscribeError(f"{fmt.name} has no option {', '.join(unsupported)}")
    if args.output:
        export_file(project, args.format_name, args.output, force=args.force, **options)
    else:
        _write_stdout(export_text(project, args.format_name, **options))
    return EXIT_OK


def _write_stdout(text: str) -> None:
    """Standard output, flushed here: a full disk is an error, not a cut-off success."""
    from .core.atomic import write_stream
    try:
        write_stream(sys.stdout, text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        # What is left in the buffer would fail again at exit, with a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise ShowscribeError(f"standard output: cannot write: {exc.strerror or exc}") \
            from None


def cmd_embed(args) -> int:
    from .core.embed import embed_chapters, read_embedded_chapters
    project = _load(args.project)
    if project.audio_path is None:
        raise ShowscribeError(f"{args.project}: the project has no audio file")
    if args.output and args.overwrite:
        raise ShowscribeError("give either -o or --overwrite, not both")
    target = embed_chapters(project, project.audio_path, args.output,
                            overwrite=args.overwrite)
    # Read back: M4A has no hidden chapters, so it may hold fewer than the project.
    print(f"{target}: {_count(len(read_embedded_chapters(target)), 'chapter')} embedded")
    return EXIT_OK


def cmd_formats(args) -> int:
    from .core.formats import all_formats
    rows = []
    for fmt in all_formats():
        direction = "/".join(d for d, ok in (("import", fmt.can_read),
                                            ("export", fmt.can_write)) if ok)
        rows.append((fmt.name, fmt.kind, direction, " ".join(fmt.extensions), fmt.label))
    widths = [max(len(row[i]) for row in rows) for i in range(4)] if rows else []
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4])
    return EXIT_OK


class _ProgressLine:
    """``aligning NAME: 42%`` on standard error: rewritten in place on a terminal,
    a line every tenth otherwise."""

    def __init__(self, name: str, doing: str = "aligning") -> None:
        self.name = name
        self.doing = doing
        self.tty = sys.stderr.isatty()
        self.shown = -1

    def __call__(self, fraction: float) -> None:
        percent = int(fraction * 100)
        step = percent if self.tty else percent - percent % 10
        if step != self.shown:
            self.shown = step
            end = "\r" if self.tty and percent < 100 else "\n"
            print(f"{self.doing} {self.name}: {step}%", end=end, file=sys.stderr, flush=True)


def cmd_align(args) -> int:
    from .audio.align import TurnText
    from .audio.align.sphinx import MissingModel, PocketsphinxAligner
    from .core.alignment import alignment_changes
    from .core.commands import ApplyAlignment, SetAudio
    from .core.projectfile import save_project
    from .core.timecode import format_clock
    project = _load(args.project)
    audio = args.audio or project.audio_path
    if audio is None:
        raise ShowscribeError(f"{args.project}: the project has no audio file; give --audio")
    if not project.turns:
        raise ShowscribeError(f"{args.project}: the project has no turns to align")
    language = project.episode.language or "en"
    try:
        aligner = PocketsphinxAligner(language=language, model_dir=args.model)
    except MissingModel:
        raise ShowscribeError(f"{args.project}: no speech model for the episode's language "
                              f"'{language}': only English ships; give a pocketsphinx model "
                              f"folder for it with --model FOLDER") from None
    turns = [TurnText(turn.start, turn.text) for turn in project.turns]
    try:
        result = aligner.align(audio, turns, progress=_ProgressLine(Path(audio).name))
    except KeyboardInterrupt:
        raise ShowscribeError("alignment interrupted; the project is unchanged") from None
    if args.audio:
        project.history.push(SetAudio(project, args.audio.absolute(), result.duration))
    # Every turn is aligned (the others give context); the estimated ones are
    # re-timed (every one with --all), and every turn gets its word times.
    changes = alignment_changes(project, result, range(len(project.turns)),
                                all_turns=args.all)
    project.history.push(ApplyAlignment(project, changes))
    output = args.output or args.project
    save_project(project, output)
    print(f"{output.name}: {_count(len(project.turns), 'turn')}, "
          f"{sum(not t.estimated for t in project.turns)} confirmed, "
          f"{_count(sum(t.estimated for t in project.turns), 'estimated turn time')}, "
          f"{sum(t.words is not None for t in project.turns)} with word times")
    for span in result.untranscribed:
        print(f"audio not in the transcript: {format_clock(span.start)} "
              f"to {format_clock(span.end)}")
    for passage in result.unspoken:
        print(f"not found in the audio: turn {passage.first[0] + 1} word {passage.first[1] + 1} "
              f"to turn {passage.last[0] + 1} word {passage.last[1] + 1}")
    return EXIT_OK


def cmd_transcribe(args) -> int:
    from .audio.align.transcribe import PocketsphinxTranscriber
    from .core.newproject import new_project_from_draft
    from .core.projectfile import save_project
    output = args.output
    # Refused now, not after minutes of recognition.
    if output.exists() and not args.force:
        raise ShowscribeError(f"{output}: already exists; give --force to replace it")
    if not output.absolute().parent.is_dir():
        raise ShowscribeError(f"{output}: the folder {output.parent} does not exist")
    _refuse_writing_over(output, args.audio)
    if not args.audio.is_file():
        raise ShowscribeError(f"{args.audio}: file not found")
    transcriber = PocketsphinxTranscriber()
    try:
        draft = transcriber.transcribe(
            args.audio, progress=_ProgressLine(args.audio.name, "transcribing"))
    except KeyboardInterrupt:
        raise ShowscribeError("transcription interrupted; nothing was written") from None
    project = new_project_from_draft(args.audio, draft.duration, draft.turns)
    save_project(project, output, force=args.force)
    words = sum(len(turn.words) for turn in draft.turns)
    print(f"{output.name}: a rough draft: {_count(len(draft.turns), 'turn')}, "
          f"{_count(words, 'word')}, all Speaker 1")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "import": cmd_import, "export": cmd_export,
            "embed-chapters": cmd_embed, "formats": cmd_formats, "align": cmd_align,
            "transcribe": cmd_transcribe}


def _desktop(install: bool) -> int:
    from . import desktop
    try:
        if install:
            print(desktop.describe(desktop.install_desktop(), "installed"))
        else:
            print(desktop.describe(desktop.uninstall_desktop(), "removed"))
    except OSError as exc:
        print(f"showscribe: {exc.filename or desktop.data_home()}: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _open_editor(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: showscribe [PROJECT] | showscribe COMMAND ... (see --help)",
              file=sys.stderr)
        return EXIT_ERROR
    from .app import run
    return run(argv[0] if argv else None)


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # A frozen program's worker process (the recognisers of align and
        # transcribe) runs its task here and exits.
        import multiprocessing
        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        return _open_editor(argv)
    args = _parser().parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        return _desktop(args.install_desktop)
    if args.command is None:
        return _open_editor([])
    try:
        return COMMANDS[args.command](args)
    except ShowscribeError as exc:
        print(f"showscribe: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `showscribe export ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)   # nothing more can reach the pipe
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
