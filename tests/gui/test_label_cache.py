"""Labels laid out once: whole when they fit, elided as Qt elides them when not,
nothing when not even an ellipsis fits, markup shown as written, and a cache
that starts afresh instead of growing without end."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from editor.gui import label_cache
from editor.gui.label_cache import LabelCache

TITLE = "Chapter 12: the long middle part of the interview"


def metrics() -> QFontMetrics:
    return QFontMetrics(QFont())


def test_a_text_that_fits_is_whole_and_laid_out_once(qapp):
    cache, fm = LabelCache(), metrics()
    label = cache.label(fm, TITLE, fm.horizontalAdvance(TITLE) + 5)
    assert label.text == TITLE and label.advance == fm.horizontalAdvance(TITLE)
    assert label.static.text() == TITLE
    assert cache.label(fm, TITLE, 2_000) is label


def test_a_text_too_wide_is_elided_as_qt_elides_it(qapp):
    cache, fm = LabelCache(), metrics()
    for width in (40, 90, fm.horizontalAdvance(TITLE) - 1):
        label = cache.label(fm, TITLE, width)
        expected = fm.elidedText(TITLE, Qt.TextElideMode.ElideRight, width)
        assert label.text == expected != TITLE
        assert label.advance == fm.horizontalAdvance(expected) <= width
        assert cache.label(fm, TITLE, width) is label


def test_nothing_is_drawn_where_not_even_an_ellipsis_fits(qapp):
    label = LabelCache().label(metrics(), TITLE, 1)
    assert label.text == "" and label.static is None and label.advance == 0


def test_markup_in_a_title_is_shown_as_written(qapp):
    label = LabelCache().label(metrics(), "<b>Bold</b> & co", 2_000)
    assert label.static.textFormat() == Qt.TextFormat.PlainText
    assert label.static.text() == "<b>Bold</b> & co"


def test_the_cache_starts_afresh_at_its_limit(qapp, monkeypatch):
    monkeypatch.setattr(label_cache, "LIMIT", 10)
    cache, fm = LabelCache(), metrics()
    first = cache.label(fm, "title 0", 500)
    for index in range(1, 10):
        cache.label(fm, f"title {index}", 500)
    assert len(cache) == 10 and cache.label(fm, "title 0", 500) is first
    cache.label(fm, "one more", 500)
    assert len(cache) == 1
    assert cache.label(fm, "title 0", 500) is not first
