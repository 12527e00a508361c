"""The episode date rule (editor/core/model.py: is_iso_date, date_problem), which
commands, the project file and the details panel all apply."""
from __future__ import annotations

import pytest

from editor.core.commands import SetEpisodeField
from editor.core.model import date_problem, is_iso_date

from helpers import small_project


@pytest.mark.parametrize("text", ["2025-03-14", "2024-02-29", "0001-01-01", "9999-12-31"])
def test_real_dates_written_yyyy_mm_dd_are_dates(text):
    assert is_iso_date(text)
    assert date_problem(text) is None


@pytest.mark.parametrize("text", [
    "2025-02-29",          # no such day
    "2025-13-01",          # no such month
    "2025-3-14",           # one-digit month
    "20250314",            # Python reads it; nobody else writes it
    "2025-W11-5",          # an ISO week date, also ten characters
    "2025-03-14T10:00",
    " 2025-03-14",
    "2025-03-1\u0664",     # an Arabic-Indic digit
    "14.3.2025",
    "",
])
def test_anything_else_is_refused_with_one_line_saying_how_to_write_it(text):
    assert not is_iso_date(text)
    assert date_problem(text) == (f"\u201c{text}\u201d is not a date: "
                                  "type it as YYYY-MM-DD, e.g. 2025-03-14.")


@pytest.mark.parametrize("value", [None, 20250314, b"2025-03-14"])
def test_values_that_are_not_text_are_not_dates(value):
    assert not is_iso_date(value)


def test_the_episode_date_command_follows_the_rule():
    project = small_project()
    with pytest.raises(ValueError):
        SetEpisodeField(project, "date", "2025-W11-5")
    project.history.push(SetEpisodeField(project, "date", "2025-03-15"))
    assert project.episode.date == "2025-03-15"
