"""Publishing speed on a 5,000-turn episode: each show-notes style, reading a
pasted page, the checks, and the caption and word-level transcript exports.

Prints one line per figure, as docs/performance.md asks:
``name  ours  reference  ratio  target  PASS|FAIL`` (no reference: ``-``);
exits 1 if any figure fails. The page to import is the classic export of the
same synthetic episode, so it has every chapter heading and multi-paragraph turn;
the partly timed page is that page where every tenth turn carries its time,
measured against the untimed page in the same run (runs taken in turns). The
captions are written with and without word times: with them, every word of
every turn has one (the times shared out by length, with a pause after every
seventh word), so each cut is made at word times.

    .venv/bin/python benchmarks/bench_publish.py [--runs N] [--turns N]
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import median_seconds, paired_medians  # noqa: E402
from benchmarks.synthetic import episode_arguments, make_project, partly_timed_page  # noqa: E402
from editor.core.builder import turn_spans  # noqa: E402
from editor.core.checks import check_project  # noqa: E402
from editor.core.importing import export_text  # noqa: E402
from editor.core.shownotes import read_page, render_shownotes  # noqa: E402
from editor.core.wordtimes import word_spans  # noqa: E402

EXPORT_TARGET_MS = 200
IMPORT_TARGET_MS = 500
CHECK_TARGET_MS = 200
PARTLY_TIMED_TARGET_RATIO = 1.5
CAPTIONS = (("vtt", {}), ("srt", {}), ("transcript-json", {"words": True}))


def with_word_times(project):
    """``project`` with a heard time for every word: shared out by length, and a
    pause of half a second after every seventh word where the turn has room."""
    for turn, (start, end) in zip(project.turns, turn_spans(project)):
        words, last = [], 0
        for k, span in enumerate(word_spans(turn, end)):
            last = max(last, min(span.start - start + 500 * (k // 7), end - start - 1))
            words.append(last)
        turn.words = tuple(words)
    return project



def report(name: str, seconds: float, target_ms: int) -> bool:
    ms = seconds * 1000
    passed = ms <= target_ms
    print(f"{name}  {ms:.1f}ms  -  -  <={target_ms}ms  {'PASS' if passed else 'FAIL'}")
    return passed


def main(argv: list[str] | None = None) -> int:
    args = episode_arguments(__doc__.splitlines()[0]).parse_args(argv)

    project = make_project(turns=args.turns, seed=1)
    page = render_shownotes(project, "text")
    imported = read_page(page)
    if len(imported.turns) != len(project.turns):
        print(f"# the page read back {len(imported.turns)} turns, not {len(project.turns)}")
        return 1
    words = sum(len(t.text.split()) for t in project.turns)
    print(f"# {len(project.turns)} turns, {words} words, {len(project.chapters)} chapters; "
          f"page {len(page.encode()) / 1e6:.2f} MB; median of {args.runs} runs")

    results = []
    for style, name in (("text", "shownotes-text"), ("md", "shownotes-md"),
                        ("html", "shownotes-html")):
        seconds = median_seconds(lambda: render_shownotes(project, style, times=True), args.runs)
        results.append(report(f"export {name} ({len(project.turns)} turns)", seconds,
                              EXPORT_TARGET_MS))
    seconds = median_seconds(lambda: read_page(page), args.runs)
    results.append(report(f"import pasted page ({len(project.turns)} turns, times estimated)",
                          seconds, IMPORT_TARGET_MS))
    partly = partly_timed_page(project)
    ours, reference = paired_medians(lambda: read_page(partly), lambda: read_page(page),
                                     args.runs)
    ratio = ours / reference
    passed = ratio <= PARTLY_TIMED_TARGET_RATIO
    print(f"import partly timed page ({len(project.turns)} turns, every 10th timed; "
          f"reference: the untimed page)  {ours * 1000:.1f}ms  {reference * 1000:.1f}ms  "
          f"{ratio:.2f}x  <={PARTLY_TIMED_TARGET_RATIO}x  {'PASS' if passed else 'FAIL'}")
    results.append(passed)
    seconds = median_seconds(lambda: check_project(project, "youtube"), args.runs)
    results.append(report(f"publish checks ({len(project.turns)} turns)", seconds,
                          CHECK_TARGET_MS))
    aligned = with_word_times(make_project(turns=args.turns, seed=1))
    for name, options in CAPTIONS:
        for timed, source in (("", project), (", word times", aligned)):
            if options and not timed:
                continue      # word segments: only the aligned episode
            label = f"{name} words" if options else name
            seconds = median_seconds(lambda: export_text(source, name, **options), args.runs)
            results.append(report(f"export {label} ({len(project.turns)} turns{timed})",
                                  seconds, EXPORT_TARGET_MS))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
