"""Publish checks: one test per finding, platforms, and a clean project."""
from __future__ import annotations

import pytest

from editor.core.checks import Finding, check_project, is_placeholder_name
from editor.core.commands import DeleteTurn, InsertTurn, SetTurnTimes
from editor.core.model import Chapter, Credit, Episode, Project, Speaker, Turn


def clean() -> Project:
    p = Project()
    p.episode = Episode(title="Night Shift Radio",
                        credits=(Credit("Hosted", ("Ann Lee",)), Credit("Guest", ("Bo Chan",))))
    p.speakers = [Speaker("ann", "Ann", "#2563eb", 1), Speaker("bo", "Bo Chan", "#b45309", 2)]
    p.chapters = [Chapter(0, "Hello"), Chapter(40_000, "Middle"), Chapter(80_000, "Bye")]
    p.turns = [Turn(0, "ann", "Welcome."), Turn(40_000, "bo", "Thanks."),
               Turn(80_000, "ann", "Goodbye.")]
    p.audio_duration = 120_000
    return p


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


@pytest.mark.parametrize("platform", [None, "youtube", "spotify"])
def test_clean_project_has_no_findings(platform):
    assert check_project(clean(), platform) == []


def test_unknown_platform_is_refused():
    with pytest.raises(ValueError, match="unknown platform 'tiktok'"):
        check_project(clean(), "tiktok")


def test_empty_title():
    p = clean()
    p.episode.title = "  "
    f = only(check_project(p), "empty-title")
    assert (f.severity, f.target) == ("error", ("episode", "title"))


@pytest.mark.parametrize("platform, severity", [(None, "warning"), ("youtube", "error"),
                                                ("spotify", "error")])
def test_first_chapter_must_start_at_zero(platform, severity):
    p = clean()
    p.chapters[0].start = 5_000
    f = only(check_project(p, platform), "first-chapter-not-at-zero")
    assert f.severity == severity
    assert f.message == "chapter 1 'Hello' starts at 00:05: the first chapter must start at 00:00"
    assert f.target == ("chapter", 0)


def test_at_least_three_listed_chapters():
    p = clean()
    p.chapters[2].toc = False       # a silent chapter does not count
    f = only(check_project(p, "youtube"), "too-few-chapters")
    assert f.severity == "error"
    assert f.message == "2 chapters listed: chapters show on YouTube only with at least 3"
    p.chapters = []
    f = only(check_project(p), "too-few-chapters")
    assert f.target is None and f.message.startswith("0 chapters listed")


@pytest.mark.parametrize("platform, severity", [(None, "warning"), ("youtube", "error"),
                                                ("spotify", "warning")])
def test_chapters_at_least_ten_seconds_long(platform, severity):
    p = clean()
    p.chapters[1] = Chapter(4_000, "News")
    f = only(check_project(p, platform), "chapter-too-short")
    assert f.severity == severity
    where = {"youtube": " on YouTube", "spotify": " on Spotify"}.get(platform, "")
    assert f.message == f"chapter 1 'Hello' lasts 4 s (at least 10 s{where})"
    assert f.target == ("chapter", 0)


def test_the_last_chapter_must_be_ten_seconds_long_too():
    p = clean()
    p.chapters[2].start = 115_000          # the audio ends at 2:00
    f = only(check_project(p, "youtube"), "chapter-too-short")
    assert (f.target, f.severity) == (("chapter", 2), "error")
    assert "lasts 5 s" in f.message


def test_chapter_times_are_judged_as_written_in_whole_seconds():
    p = clean()
    p.chapters[0].start = p.turns[0].start = 400    # written 00:00:00, which YouTube accepts
    assert check_project(p, "youtube") == []
    p = clean()
    p.chapters[0].start = p.turns[0].start = 1_000
    assert codes(check_project(p, "youtube")) == ["first-chapter-not-at-zero"]


def test_spotify_advises_chapters_of_thirty_seconds():
    p = clean()
    p.chapters[1].start = p.turns[1].start = 60_000     # "Middle" now lasts 20 s
    f = only(check_project(p, "spotify"), "chapter-short")
    assert (f.severity, f.target) == ("warning", ("chapter", 1))
    assert f.message == "chapter 2 'Middle' lasts 20 s (Spotify recommends at least 30 s)"
    assert check_project(p, "youtube") == []


def test_turns_out_of_time_order_are_an_error():
    p = clean()
    p.turns[2].start = 30_000               # before the turn above it (0:40)
    f = only(check_project(p), "turns-out-of-order")
    assert (f.severity, f.target) == ("error", ("turn", 2))
    assert f.message == "Ann\u2019s turn at 00:30 is before the turn above it (00:40)"


def test_chapter_title_lengths_per_platform():
    p = clean()
    p.chapters[1].title = "x" * 71
    p.chapters[2].title = "y" * 45
    youtube = check_project(p, "youtube")
    assert codes(youtube) == ["chapter-title-too-long"]
    assert youtube[0].message == f"chapter 2 '{'x' * 71}' has 71 characters (YouTube allows 70)"
    spotify = check_project(p, "spotify")
    assert codes(spotify) == ["chapter-title-long", "chapter-title-long"]
    assert all(f.severity == "warning" for f in spotify)
    assert spotify[1].message.endswith("has 45 characters (Spotify recommends fewer than 40)")
    p.chapters[1].title = "x" * 70
    assert check_project(p, "youtube") == []


def test_chapter_without_title():
    p = clean()
    p.chapters[1].title = ""
    f = only(check_project(p, "youtube"), "chapter-without-title")
    assert f.message == "chapter 2 has no title"


@pytest.mark.parametrize("platform", [None, "youtube", "spotify"])
def test_a_listed_chapter_without_turns_is_a_warning(platform):
    p = clean()
    p.turns[1].start = 20_000               # "Thanks." now falls under "Hello"
    f = only(check_project(p, platform), "chapter-without-turns")
    assert (f.severity, f.target) == ("warning", ("chapter", 1))
    assert f.message == ("chapter 2 'Middle' has no turns under it (is its heading "
                         "missing from the transcript?)")


def test_every_chapter_without_turns_is_named_but_not_without_a_transcript():
    p = clean()
    p.chapters.insert(1, Chapter(20_000, "Silent", toc=False))   # not listed: not judged
    p.turns = [Turn(0, "ann", "Welcome.")]
    assert [f.target for f in check_project(p) if f.code == "chapter-without-turns"] == [
        ("chapter", 2), ("chapter", 3)]
    p.turns = []                            # chapters only, no transcript yet
    assert "chapter-without-turns" not in codes(check_project(p))


def test_turns_before_the_first_chapter_fill_no_chapter():
    p = clean()
    p.chapters[0].start = 5_000
    p.turns[0].start = 0
    assert "chapter-without-turns" in codes(check_project(p))


@pytest.mark.parametrize("name", ["Speaker 1", "speaker 12", "SPEAKER_00", "Unknown",
                                  "Unknown speaker", "unknown SPEAKER", "Speaker"])
def test_placeholder_speakers(name):
    assert is_placeholder_name(name)
    p = clean()
    p.speakers[1].name = name
    f = only(check_project(p), "placeholder-speaker")
    assert f.severity == "error"
    assert f.message == (f"speaker {name!r} still has a placeholder name (1 turn, first: "
                         f"{name}\u2019s turn at 00:40)")
    assert f.target == ("turn", 1)


@pytest.mark.parametrize("name", ["Speakman", "Spencer", "Unknown Pleasures Fan", "Ann"])
def test_real_names_are_not_placeholders(name):
    assert not is_placeholder_name(name)


def test_placeholder_speaker_without_turns_is_not_reported():
    p = clean()
    p.speakers.append(Speaker("s3", "Speaker 3"))
    assert check_project(p) == []


def test_turns_and_chapters_past_the_end_of_the_audio():
    p = clean()
    p.audio_duration = 60_000
    findings = check_project(p)
    chapter = only(findings, "chapter-after-end")
    assert chapter.target == ("chapter", 2)
    assert chapter.message == ("chapter 3 'Bye' starts at 01:20, after the end of the audio "
                               "(01:00)")
    turn = only(findings, "turn-after-end")
    assert turn.target == ("turn", 2)
    assert turn.message == "Ann\u2019s turn at 01:20 is after the end of the audio (01:00)"
    p.history.push(InsertTurn(p, 3, Turn(90_000, "bo", "Late.")))
    assert only(check_project(p), "turn-after-end").message.endswith("; 2 turns in all")


def test_the_turn_checks_follow_every_edit_of_the_turn_starts():
    p = clean()
    assert check_project(p) == []
    # Turn 3 (1:20) moved to 0:30, before turn 2 (0:40).
    p.history.push(SetTurnTimes(p, 2, [(30_000, False)]))
    assert only(check_project(p), "turns-out-of-order").target == ("turn", 2)
    p.history.undo()
    assert check_project(p) == []
    p.history.redo()
    assert only(check_project(p), "turns-out-of-order").target == ("turn", 2)
    p.history.push(DeleteTurn(p, 1))
    # no turn is out of order; "Middle" and "Bye" (the last turn is at 0:30) are empty
    assert [f.target for f in check_project(p)] == [("chapter", 1), ("chapter", 2)]
    p.history.push(InsertTurn(p, 1, Turn(5_000, "bo", "Early.")))
    p.history.push(InsertTurn(p, 1, Turn(20_000, "bo", "Later.")))
    found = only(check_project(p), "turns-out-of-order")
    assert found.target == ("turn", 2)
    assert found.message == "Bo Chan\u2019s turn at 00:05 is before the turn above it (00:20)"
    p.turns = [Turn(0, "ann", "Welcome."), Turn(50_000, "bo", "Thanks.")]
    assert only(check_project(p), "chapter-without-turns").target == ("chapter", 2)
    p.audio_duration = 40_000
    assert only(check_project(p), "turn-after-end").target == ("turn", 1)


def test_unknown_duration_skips_the_end_checks():
    p = clean()
    p.audio_duration = None
    p.turns.append(Turn(10_000_000, "ann", "Very late."))
    assert check_project(p) == []


def test_estimated_times_are_one_finding_pointing_at_the_first():
    p = clean()
    p.turns[1].estimated = True
    p.turns[2].estimated = True
    f = only(check_project(p), "estimated-times")
    assert f.severity == "warning" and f.target == ("turn", 1)
    assert f.message == ("2 turn times are estimated, not yet confirmed "
                         "(first: Bo Chan\u2019s turn at ~00:40)")


def test_speaker_missing_from_the_credits():
    p = clean()
    p.episode.credits = (Credit("Hosted", ("Ann Lee",)),)
    f = only(check_project(p), "speaker-not-credited")
    assert f.severity == "warning" and f.target == ("turn", 1)
    assert f.message == ("speaker 'Bo Chan' speaks (1 turn, first: Bo Chan\u2019s turn at 00:40) "
                         "but is in no credit")


def test_credit_matching_is_by_name_words():
    p = clean()
    # "Ann" is credited as "Ann Lee"; a credited "Bo" covers the speaker "Bo Chan"
    p.episode.credits = (Credit("Hosted", ("Ann Lee",)), Credit("Guest", ("bo",)))
    assert check_project(p) == []
    p.episode.credits = (Credit("Hosted", ("Annika Lee",)), Credit("Guest", ("Bo Chan",)))
    assert codes(check_project(p)) == ["speaker-not-credited"]


def test_findings_come_in_a_stable_order():
    p = clean()
    p.episode.title = ""
    p.chapters[0].start = 1_000
    p.speakers[0].name = "Speaker 1"
    p.turns[0].estimated = True
    assert codes(check_project(p, "youtube")) == [
        "empty-title", "first-chapter-not-at-zero", "chapter-without-turns",
        "placeholder-speaker", "estimated-times"]


def test_each_turn_alignment_left_estimated_is_a_finding_of_its_own():
    p = clean()
    p.turns[0].text = "Welcome back."
    p.turns[0].words = (0, 400)              # aligned and heard: confirmed
    p.turns[1].estimated = True
    p.turns[1].words = (None,)               # aligned, not one word placed
    p.turns[2].estimated = True
    p.turns[2].words = (120,)                # aligned, but not confirmed
    found = [f for f in check_project(p) if f.code == "unconfirmed-after-alignment"]
    assert [f.target for f in found] == [("turn", 2)]
    assert found[0].severity == "warning"
    assert found[0].message == ("Ann\u2019s turn at ~01:20 stayed estimated after alignment: "
                                "listen and set its start")


def test_word_times_that_no_longer_fit_the_text_are_not_counted_as_aligned():
    p = clean()
    p.turns[1].estimated = True
    p.turns[1].words = (0, 300)              # two times, one word: typed over since
    assert "unconfirmed-after-alignment" not in codes(check_project(p))


def test_past_the_listed_turns_one_finding_counts_the_rest_and_points_at_the_next():
    from editor.core.checks import UNCONFIRMED_LISTED
    p = clean()
    p.turns = [Turn(k * 1000, "ann", "Hi.", estimated=True, words=(0,))
               for k in range(UNCONFIRMED_LISTED + 3)]
    found = [f for f in check_project(p) if f.code == "unconfirmed-after-alignment"]
    assert len(found) == UNCONFIRMED_LISTED + 1
    assert [f.target for f in found[:-1]] == [("turn", k) for k in range(UNCONFIRMED_LISTED)]
    assert found[-1].target == ("turn", UNCONFIRMED_LISTED)
    assert found[-1].message.startswith("3 more turns stayed estimated after alignment")
