"""Time grammars: every form Showscribe writes reads back to the same milliseconds,
and text that is not a time is refused with a message that quotes it."""
from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from editor.core.timecode import (TimeError, format_clock, format_hms_ms, format_npt,
                                  format_seconds, format_srt, format_vtt, parse_npt,
                                  parse_shownotes, parse_srt, parse_time, parse_vtt)

HOUR = 3_600_000
times = st.integers(min_value=0, max_value=200 * HOUR)
whole_seconds = st.integers(min_value=0, max_value=999 * HOUR // 1000).map(lambda s: s * 1000)


# -- round trips -------------------------------------------------------------------

@given(times)
def test_hms_ms_round_trips_through_parse_time(ms):
    text = format_hms_ms(ms)
    assert parse_time(text) == ms
    assert parse_npt(text) == ms


@given(times)
def test_vtt_round_trips(ms):
    assert parse_vtt(format_vtt(ms)) == ms


@given(times)
def test_srt_round_trips(ms):
    text = format_srt(ms)
    assert "," in text
    assert parse_srt(text) == ms
    assert parse_time(text) == ms   # a person may paste either decimal mark


@given(times)
def test_npt_round_trips(ms):
    assert parse_npt(format_npt(ms)) == ms


@given(whole_seconds, st.sampled_from([None, True, False]), st.booleans())
def test_clock_round_trips_through_shownotes(ms, hours, pad_minutes):
    # show notes allow at most 999 minutes when there are no hours
    assume(hours is not False or ms < 1000 * 60_000)
    text = format_clock(ms, hours=hours, pad_minutes=pad_minutes)
    assert parse_shownotes(text) == ms
    assert parse_shownotes(f"({text})") == ms
    assert parse_shownotes(f"[{text}]") == ms


@given(times)
def test_clock_drops_the_milliseconds(ms):
    assert parse_shownotes(format_clock(ms)) == ms - ms % 1000


@given(times)
def test_seconds_are_exact_to_the_millisecond(ms):
    value = format_seconds(ms)
    assert round(value * 1000) == ms
    assert isinstance(value, int) == (ms % 1000 == 0)


# -- the forms each grammar takes -----------------------------------------------------

@pytest.mark.parametrize("text, ms", [
    ("0", 0), ("37", 37_000), ("7:48", 468_000), ("35:12.250", 2_112_250),
    ("05:12:03.500", 18_723_500), ("1:02:03.4", 3_723_400), ("120:00:00.000", 432_000_000),
])
def test_npt_examples_from_the_podlove_spec(text, ms):
    assert parse_npt(text) == ms
    assert parse_time(text) == ms


@pytest.mark.parametrize("text, ms", [
    ("0.5", 500), ("00:00:00.5", 500), ("00:00:01.5", 1_500), ("1:00.05", 60_050),
    ("00:00:01.005", 1_005),
])
def test_npt_fraction_is_a_decimal_fraction(text, ms):
    # The trap in docs/formats.md: NPT ".5" is 500 ms, not 5 ms
    assert parse_npt(text) == ms


def test_srt_fraction_is_read_as_a_decimal_fraction_too():
    # srt, pysrt and webvtt-py read "00:00:01,5" as 1.005 s; Showscribe reads 1.5 s
    assert parse_srt("00:00:01,5") == 1_500
    assert parse_srt("00:00:01.5") == 1_500
    assert parse_time("00:00:01,5") == 1_500


@pytest.mark.parametrize("text, ms", [
    ("00:01.000", 1_000), ("01:00:00.000", HOUR), ("100:00:00.000", 100 * HOUR),
])
def test_vtt_forms(text, ms):
    assert parse_vtt(text) == ms


@pytest.mark.parametrize("text, ms", [
    ("(05:12)", 312_000), ("(1:02:07)", 3_727_000), ("[01:02:07]", 3_727_000),
    ("( 5:12 )", 312_000), ("0:00", 0),
])
def test_shownotes_forms(text, ms):
    assert parse_shownotes(text) == ms
    assert parse_time(text) == ms


def test_shownotes_minutes_may_pass_59_only_without_hours():
    assert parse_shownotes("75:00") == 4_500_000
    assert parse_shownotes("(999:59)") == 59_999_000
    with pytest.raises(TimeError):
        parse_shownotes("1:75:00")
    with pytest.raises(TimeError):
        parse_time("75:00")   # NPT minutes run 00-59


def test_format_clock_forms():
    assert format_clock(312_000) == "05:12"
    assert format_clock(312_000, hours=True) == "0:05:12"
    assert format_clock(312_000, pad_minutes=False) == "5:12"
    assert format_clock(3_727_999) == "1:02:07"
    assert format_clock(3_727_000, hours=False) == "62:07"


# -- what is not a time -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "1:75", "", " ", "abc", "-1", "-00:00:01.000", "1:60", "60:00:00:00", "00:60:00",
    "1:2:3:4", "12:34:56.7890", "1.2.3", "5 minutes", ".", ":", "1:", ":5", "(5:00]",
    "(5:00", "1e3", "+5",
])
def test_parse_time_refuses_what_is_not_a_time(text):
    with pytest.raises(TimeError) as caught:
        parse_time(text)
    assert str(caught.value) == f"{text!r} is not a time"
    assert caught.value.text == text


@pytest.mark.parametrize("parse, text", [
    (parse_npt, "1:75"), (parse_npt, "75:00"), (parse_npt, ""), (parse_npt, "abc"),
    (parse_npt, "-5"), (parse_npt, ".5"), (parse_npt, "1,5"),
    (parse_vtt, "1:00:00.000"), (parse_vtt, "00:00.5"), (parse_vtt, "00:60.000"),
    (parse_vtt, "60:00.000"), (parse_vtt, "00:00:00,000"), (parse_vtt, ""),
    (parse_vtt, "-00:00:01.000"),
    (parse_srt, "00:00:01"), (parse_srt, "00:75:00,000"), (parse_srt, "abc"),
    (parse_srt, ""), (parse_srt, "-00:00:01,000"),
    (parse_shownotes, "(5:00]"), (parse_shownotes, "[5:00)"), (parse_shownotes, "(5:00"),
    (parse_shownotes, "5:00)"), (parse_shownotes, "1:75:00"), (parse_shownotes, "5:7"),
    (parse_shownotes, ""), (parse_shownotes, "(abc)"),
])
def test_each_grammar_refuses_what_it_does_not_allow(parse, text):
    with pytest.raises(TimeError) as caught:
        parse(text)
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize("value", [None, 5, 1.5, b"00:01"])
def test_parse_time_refuses_what_is_not_text(value):
    with pytest.raises(TimeError):
        parse_time(value)


@pytest.mark.parametrize("fmt", [format_hms_ms, format_vtt, format_srt, format_clock,
                                 format_npt])
def test_negative_times_cannot_be_formatted(fmt):
    with pytest.raises(ValueError, match="negative"):
        fmt(-1)


@given(st.text(max_size=12))
def test_parse_time_either_reads_a_time_or_raises_time_error(text):
    try:
        ms = parse_time(text)
    except TimeError:
        return
    assert isinstance(ms, int) and ms >= 0


@given(times)
def test_padded_and_surrounded_by_spaces_still_reads(ms):
    assume(ms < 100 * HOUR)
    assert parse_time(f"  {format_hms_ms(ms)}\t") == ms
