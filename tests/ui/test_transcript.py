"""The transcript editor in the main window: typing, splitting, merging, undo, checking doubtful words.

Each test opens a project made the fast way (segments with hand-made timed words, no recogniser) in a
real MainWindow with its own settings file, works the editor with real key presses and mouse clicks,
and asserts on the rows stored in the project file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import CONFIDENCE_THRESHOLD, Settings
from annotator.ui.transcript.highlighter import FLAGGED_BACKGROUND
from tests.conftest import snapshot

WAIT_MS = 5_000

# Three segments of the Indonesian clip (5.75 s): (start, end, words as (start, end, text, probability), flags).
SEGMENTS = [
    (
        0,
        1900,
        [
            (100, 400, "Saya", 0.95),
            (400, 800, "merasa", 0.9),
            (800, 1300, "nyaman", 0.45),
            (1300, 1900, "tinggal", 0.92),
        ],
        [],
    ),
    (
        2000,
        3500,
        [
            (2000, 2300, "di", 0.9),
            (2300, 2800, "panti,", 0.88),
            (2800, 3100, "karena", 0.97),
            (3100, 3500, "pegawai", 0.3),
        ],
        [],
    ),
    (
        3600,
        5600,
        [
            (3600, 3900, "mau", 0.5),
            (3900, 4700, "mendengarkan", 0.8),
            (4700, 5100, "cerita", 0.9),
            (5100, 5600, "saya.", 0.85),
        ],
        ["low_confidence"],
    ),
]
TEXTS = [" ".join(w[2] for w in words) for _s, _e, words, _f in SEGMENTS]


def make_project(path: Path, media: dict[str, Path]) -> Path:
    with Project.create(path, name="Studi Panti", language="id") as project:
        project.recordings.add(media["wav"], title="WBS-01 sesi 1", participant="WBS-01", role="resident")
        for start, end, words, flags in SEGMENTS:
            project.transcripts.add_segment(
                1,
                NewSegment(start, end, " ".join(w[2] for w in words), [NewWord(*w) for w in words], flags=list(flags)),
            )
    return path


def segments(path: Path) -> list[tuple]:
    """(id, start, end, text, status) of every segment, in time order."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT id, start_ms, end_ms, text, status FROM segments ORDER BY start_ms, id"
        ).fetchall()


def words(path: Path, segment_id: int) -> list[tuple]:
    """(start, end, text, char_start, char_end, probability) of a segment's words, in order."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT start_ms, end_ms, text, char_start, char_end, probability FROM words "
            "WHERE segment_id = ? ORDER BY position",
            (segment_id,),
        ).fetchall()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def path(tmp_path: Path, media: dict[str, Path]) -> Path:
    return make_project(tmp_path / "studi.annotator", media)


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, path: Path) -> Iterator[MainWindow]:
    """The project open on its recording, the window shown and active, the media loaded, focus in the editor."""
    created = MainWindow(settings)
    qtbot.addWidget(created)
    created.resize(1200, 800)
    created.show()
    qtbot.waitExposed(created)
    created.activateWindow()
    qtbot.waitUntil(created.isActiveWindow, timeout=WAIT_MS)
    assert created.open_project(path)
    qtbot.waitUntil(lambda: created.player.duration_ms > 0 and created.player.is_loaded, timeout=WAIT_MS)
    created.transcript.editor.setFocus()
    qtbot.waitUntil(created.transcript.editor.hasFocus, timeout=WAIT_MS)
    yield created
    created.close()


def place(window: MainWindow, block: int, offset: int = 0, anchor: tuple[int, int] | None = None) -> None:
    """Put the editor's cursor at (block, offset), selecting from ``anchor`` (block, offset) if given."""
    editor = window.transcript.editor
    document = editor.document()
    cursor = QTextCursor(document)
    if anchor is not None:
        cursor.setPosition(document.findBlockByNumber(anchor[0]).position() + anchor[1])
        mode = QTextCursor.MoveMode.KeepAnchor
    else:
        mode = QTextCursor.MoveMode.MoveAnchor
    cursor.setPosition(document.findBlockByNumber(block).position() + offset, mode)
    editor.setTextCursor(cursor)


def block_texts(window: MainWindow) -> list[str]:
    return window.transcript.editor.toPlainText().split("\n")


# -- typing ---------------------------------------------------------------------------------------------
def test_typing_is_stored_after_a_pause_and_keeps_the_times_of_unchanged_words(
    qtbot: QtBot, window: MainWindow, path: Path
) -> None:
    editor = window.transcript.editor
    assert editor.blockCount() == 3 and block_texts(window) == TEXTS
    place(window, 0, len("Saya merasa"))
    QTest.keyClicks(editor, " sekali")
    assert segments(path)[0][3] == TEXTS[0]  # not yet an edit: that waits for a pause in typing
    qtbot.waitUntil(lambda: segments(path)[0][3] == "Saya merasa sekali nyaman tinggal", timeout=WAIT_MS)
    first = segments(path)[0]
    assert first[4] == "edited"
    stored = words(path, first[0])
    assert [w[2] for w in stored] == ["Saya", "merasa", "sekali", "nyaman", "tinggal"]
    kept = [w for w in stored if w[2] != "sekali"]
    assert [(w[0], w[1], w[5]) for w in kept] == [(s, e, p) for s, e, _t, p in SEGMENTS[0][2]]
    new = stored[2]
    assert new[5] is None and 800 <= new[0] <= new[1] <= 800  # between "merasa" (ends 800) and "nyaman" (starts 800)
    assert (new[3], new[4]) == (12, 18)
    assert [s[3] for s in segments(path)[1:]] == TEXTS[1:]  # the others untouched


def test_one_undo_command_per_pause_in_typing(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    editor = window.transcript.editor
    place(window, 1, len(TEXTS[1]))
    QTest.keyClicks(editor, " baru")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=WAIT_MS)
    assert window.undo_stack.text(0) == "Edit text"
    QTest.keyClicks(editor, " saja")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 2, timeout=WAIT_MS)
    assert segments(path)[1][3] == TEXTS[1] + " baru saja"
    assert window.actions["edit.undo"].isEnabled() and not window.actions["edit.redo"].isEnabled()


def test_undo_and_redo_of_typing_restore_the_rows_exactly(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    before = snapshot(path)
    editor = window.transcript.editor
    place(window, 2, len("mau "))
    QTest.keyClicks(editor, "tidak ")
    editor.commit()
    assert segments(path)[2][3] == "mau tidak mendengarkan cerita saya."
    after = snapshot(path)
    window.undo_stack.undo()
    assert snapshot(path) == before  # text, status, word times and probabilities, ids
    assert block_texts(window) == TEXTS
    window.undo_stack.redo()
    assert snapshot(path) == after
    assert block_texts(window)[2] == "mau tidak mendengarkan cerita saya."


def test_ctrl_z_typed_in_the_editor_undoes_the_last_change(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    before = snapshot(path)
    editor = window.transcript.editor
    place(window, 0, len(TEXTS[0]))
    QTest.keyClicks(editor, " sekali")
    editor.commit()
    assert window.undo_stack.count() == 1
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(path) == before
    assert block_texts(window) == TEXTS


def test_undo_right_after_typing_undoes_that_typing(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    editor = window.transcript.editor
    place(window, 0, len(TEXTS[0]))
    QTest.keyClicks(editor, " sekali")
    editor.commit()  # a first change, stored
    edited = snapshot(path)
    QTest.keyClicks(editor, " lagi")  # then more typing, and Undo before the pause that stores it
    window.actions["edit.undo"].trigger()
    editor.commit()  # whatever is still pending is stored now: the result must stay
    assert block_texts(window)[0] == TEXTS[0] + " sekali"
    assert snapshot(path) == edited


# -- split and merge ------------------------------------------------------------------------------------
def test_enter_splits_at_the_cursor_with_continuous_timing_and_undo_restores(
    qtbot: QtBot, window: MainWindow, path: Path
) -> None:
    before = snapshot(path)
    editor = window.transcript.editor
    place(window, 1, len("di panti, "))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    stored = segments(path)
    assert [s[3] for s in stored] == [TEXTS[0], "di panti,", "karena pegawai", TEXTS[2]]
    assert block_texts(window) == [s[3] for s in stored]
    first, second = stored[1], stored[2]
    assert (first[1], first[2]) == (2000, 2800)  # ends where its last word, "panti,", ends
    assert (second[1], second[2]) == (2800, 3500)  # starts where its first word, "karena", starts
    assert [w[:5] for w in words(path, second[0])] == [(2800, 3100, "karena", 0, 6), (3100, 3500, "pegawai", 7, 14)]
    assert window.undo_stack.count() == 1 and window.undo_stack.text(0) == "Split segment"
    window.undo_stack.undo()
    assert snapshot(path) == before
    assert block_texts(window) == TEXTS
    window.undo_stack.redo()
    assert [s[3] for s in segments(path)] == [TEXTS[0], "di panti,", "karena pegawai", TEXTS[2]]


def test_backspace_at_the_start_of_a_segment_merges_it_with_the_previous_one(
    qtbot: QtBot, window: MainWindow, path: Path
) -> None:
    before = snapshot(path)
    editor = window.transcript.editor
    place(window, 2, 0)
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    stored = segments(path)
    assert [s[3] for s in stored] == [TEXTS[0], TEXTS[1] + " " + TEXTS[2]]
    assert (stored[1][1], stored[1][2], stored[1][4]) == (2000, 5600, "edited")
    assert [w[0] for w in words(path, stored[1][0])] == [w[0] for w in SEGMENTS[1][2] + SEGMENTS[2][2]]
    assert editor.blockCount() == 2
    window.undo_stack.undo()
    assert snapshot(path) == before
    assert block_texts(window) == TEXTS


def test_split_at_the_start_of_a_segment_is_refused(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    before = snapshot(path)
    place(window, 0, 0)
    with qtbot.waitSignal(window.transcript.message, timeout=WAIT_MS) as message:
        window.actions["edit.split"].trigger()
    assert message.args == ["segment 1: cannot split at character 0; there must be text on both sides"]
    assert snapshot(path) == before and block_texts(window) == TEXTS
    assert window.undo_stack.count() == 0


def test_a_refused_split_leaves_its_message_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    place(window, 0, 0)
    window.actions["edit.split"].trigger()
    assert "cannot split" in window.statusBar().currentMessage()


# -- refusals and paste ---------------------------------------------------------------------------------
def test_typing_over_a_selection_across_segments_is_refused(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    before = snapshot(path)
    editor = window.transcript.editor
    place(window, 1, 2, anchor=(0, 5))
    QTest.keyClicks(editor, "x")
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == "Edit one segment at a time; to join segments, use Merge."
    assert block_texts(window) == TEXTS
    editor.commit()  # nothing is pending either
    assert snapshot(path) == before and window.undo_stack.count() == 0


def test_pasted_lines_become_one_line(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    editor = window.transcript.editor
    clipboard = QApplication.clipboard()
    clipboard.setText("dan\nteman-teman\r\n  saya")
    place(window, 0, len(TEXTS[0]))
    QTest.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.blockCount() == 3
    assert block_texts(window)[0] == TEXTS[0] + "dan teman-teman saya"
    editor.commit()
    assert segments(path)[0][3] == TEXTS[0] + "dan teman-teman saya"
    assert [s[3] for s in segments(path)[1:]] == TEXTS[1:]


def test_paste_over_a_selection_across_segments_is_refused(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    editor = window.transcript.editor
    place(window, 1, 2, anchor=(0, 5))
    mime = QMimeData()
    mime.setText("apa")
    editor.insertFromMimeData(mime)  # what the context menu's Paste and a text drop call
    assert editor.blockCount() == 3
    assert block_texts(window) == TEXTS


# -- checking ---------------------------------------------------------------------------------------------
def test_verify_marks_the_segment_and_toggles_back(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    place(window, 0, 3)
    window.actions["edit.verify"].trigger()
    assert segments(path)[0][4] == "verified"
    share = 100 * 1900 / (1900 + 1500 + 2000)
    assert f"{share:.0f}% verified" in window.transcript.header.text()
    assert window.verified_label.text() == f"{share:.0f}% of this recording verified"
    assert window.transcript.editor.current_block() == 0  # the cursor stays in the segment
    window.actions["edit.verify"].trigger()
    assert segments(path)[0][4] != "verified"
    assert "0% verified" in window.transcript.header.text()
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    assert segments(path)[0][4] == "verified"
    window.undo_stack.undo()
    assert segments(path)[0][4] == "asr"


def test_verify_twice_gives_back_the_status_before(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    place(window, 0, 3)
    window.actions["edit.verify"].trigger()
    window.actions["edit.verify"].trigger()
    assert segments(path)[0][4] == "asr"


def _selected(window: MainWindow) -> tuple[int, str]:
    cursor = window.transcript.editor.textCursor()
    return cursor.blockNumber(), cursor.selectedText()


def test_next_doubtful_walks_the_words_below_the_threshold_and_plays_them(qtbot: QtBot, window: MainWindow) -> None:
    player = window.player
    place(window, 0, 0)
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=bool):
        window.actions["edit.next_doubtful"].trigger()
    assert _selected(window) == (0, "nyaman")
    assert 300 <= player.position_ms <= 1800  # from half a second before the word (800 ms)
    with qtbot.waitSignal(player.positionChanged, timeout=WAIT_MS, check_params_cb=lambda ms: ms > 300):
        pass  # and it is playing
    window.actions["edit.next_doubtful"].trigger()
    assert _selected(window) == (1, "pegawai")
    assert 2600 <= player.position_ms <= 4000
    window.actions["edit.next_doubtful"].trigger()
    assert _selected(window) == (2, "mau")
    window.actions["edit.next_doubtful"].trigger()
    assert _selected(window) == (0, "nyaman")  # round again
    window.actions["play.toggle"].trigger()
    qtbot.waitUntil(lambda: not player.is_playing, timeout=WAIT_MS)


def test_next_doubtful_finds_a_word_earlier_in_the_current_segment(
    qtbot: QtBot, tmp_path: Path, media: dict[str, Path]
) -> None:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(CONFIDENCE_THRESHOLD, 0.35)  # only "pegawai" (0.3) is doubtful
    window = MainWindow(settings)
    qtbot.addWidget(window)
    try:
        window.open_project(make_project(tmp_path / "p.annotator", media))
        place(window, 1, len(TEXTS[1]))  # after "pegawai"
        assert window.transcript.next_doubtful(0.35)
        assert _selected(window) == (1, "pegawai")
    finally:
        window.close()


def test_the_threshold_comes_from_the_settings(qtbot: QtBot, tmp_path: Path, media: dict[str, Path]) -> None:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(CONFIDENCE_THRESHOLD, 0.35)  # only "pegawai" (0.3) is doubtful
    window = MainWindow(settings)
    qtbot.addWidget(window)
    try:
        window.open_project(make_project(tmp_path / "p.annotator", media))
        place(window, 0, 0)
        window.actions["edit.next_doubtful"].trigger()
        assert _selected(window) == (1, "pegawai")
        window.actions["edit.next_doubtful"].trigger()
        assert _selected(window) == (1, "pegawai")  # the only one
        assert not _wave_ranges(window, 0)  # "nyaman" (0.45) is not marked at this threshold
        assert _wave_ranges(window, 1) == [(len("di panti, karena "), len("pegawai"))]
    finally:
        window.close()


def test_next_unverified_skips_verified_segments(
    qtbot: QtBot, tmp_path: Path, media: dict[str, Path], settings: Settings
) -> None:
    path = make_project(tmp_path / "p.annotator", media)
    with Project.open(path) as project:
        project.editing.set_status(2, "verified")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    try:
        window.open_project(path)
        place(window, 0, 2)
        window.actions["edit.next_unverified"].trigger()
        assert window.transcript.editor.current_block() == 2
        window.actions["edit.next_unverified"].trigger()
        assert window.transcript.editor.current_block() == 0
        qtbot.waitUntil(lambda: window.player.is_playing, timeout=WAIT_MS)
        assert window.player.position_ms < 1500  # the segment's stretch, from its start
    finally:
        window.close()


def _wave_ranges(window: MainWindow, block: int) -> list[tuple[int, int]]:
    layout = window.transcript.editor.document().findBlockByNumber(block).layout()
    return [
        (r.start, r.length)
        for r in layout.formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


def _backgrounds(window: MainWindow, block: int) -> set[str]:
    layout = window.transcript.editor.document().findBlockByNumber(block).layout()
    return {
        r.format.background().color().name()
        for r in layout.formats()
        if r.format.hasProperty(QTextFormat.Property.BackgroundBrush)
    }


def test_highlighter_marks_doubtful_words_and_flagged_segments(qtbot: QtBot, window: MainWindow) -> None:
    assert _wave_ranges(window, 0) == [(len("Saya merasa "), len("nyaman"))]
    assert _wave_ranges(window, 1) == [(len("di panti, karena "), len("pegawai"))]
    assert _wave_ranges(window, 2) == [(0, len("mau"))]
    flagged = FLAGGED_BACKGROUND.name()
    assert _backgrounds(window, 0) == set() and _backgrounds(window, 1) == set()
    assert _backgrounds(window, 2) == {flagged}
    covered = sum(r.length for r in window.transcript.editor.document().findBlockByNumber(2).layout().formats())
    assert covered == len(TEXTS[2])  # the whole flagged segment has the background
    place(window, 2, 4)
    window.actions["edit.verify"].trigger()
    assert _backgrounds(window, 2) == set()  # a verified segment is no longer marked
    assert _wave_ranges(window, 2) == [(0, len("mau"))]


def test_an_edited_word_loses_its_doubt_mark(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    editor = window.transcript.editor
    place(window, 0, len("Saya merasa nyaman"))
    QTest.keyClicks(editor, "nya")  # "nyamannya": a person typed the word
    editor.commit()
    assert words(path, 1)[2][2:] == ("nyamannya", 12, 21, None)
    assert _wave_ranges(window, 0) == []
