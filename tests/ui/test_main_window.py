"""The main window: projects, recordings, the player against the transcript, transcription jobs, screenshots.

Projects are made the fast way (hand-made timed words, see test_transcript.py), except for the one test that
transcribes a real clip in a child process, as the window does.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import RECENT_PROJECTS, Settings
from annotator.ui.sidebar.model import RECORDING_ID_ROLE
from annotator.ui.transcript.editor import TranscriptEditor
from tests.conftest import snapshot
from tests.ui.test_transcript import SEGMENTS, TEXTS, make_project

WAIT_MS = 5_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def path(tmp_path: Path, media: dict[str, Path]) -> Path:
    """Recording 1 (a resident, three segments), 2 (staff, no transcript), 3 (no participant)."""
    made = make_project(tmp_path / "studi.annotator", media)
    with Project.open(made) as project:
        project.recordings.add(media["wav_en"], title="Staf 01", participant="STAF-01", role="staff")
        project.recordings.add(media["stereo"], title="Dua suara")
    return made


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    created = MainWindow(settings)
    qtbot.addWidget(created)
    created.resize(1200, 800)
    created.show()
    qtbot.waitExposed(created)
    yield created
    created.close()


def _loaded(qtbot: QtBot, window: MainWindow, media: Path) -> None:
    qtbot.waitUntil(lambda: window.player.path == media.resolve(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.player.duration_ms > 0 and window.player.is_loaded, timeout=WAIT_MS)


def _sidebar(window: MainWindow) -> dict[str, list[str]]:
    model = window.recordings
    tree = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        tree[group.data()] = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    return tree


def _click_recording(qtbot: QtBot, window: MainWindow, recording_id: int) -> None:
    index = window.recordings.index_of(recording_id)
    window.sidebar.scrollTo(index)
    QTest.mouseClick(
        window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=window.sidebar.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: window.recording_id == recording_id, timeout=WAIT_MS)


def _recording_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM recordings").fetchone()[0]


# -- projects and recordings ------------------------------------------------------------------------------
def test_opening_a_project_fills_the_sidebar_editor_player_and_title(
    qtbot: QtBot, window: MainWindow, path: Path, media
) -> None:
    assert window.windowTitle() == "Annotator"
    assert window.open_project(path)
    assert window.windowTitle() == "Studi Panti - Annotator"
    assert _sidebar(window) == {
        "Residents (1)": ["WBS-01 sesi 1"],
        "Staff (1)": ["Staf 01"],
        "Others (1)": ["Dua suara"],
    }
    assert window.recording_id == 1  # the first recording is shown at once
    assert window.transcript.editor.blockCount() == len(SEGMENTS)
    assert window.transcript.editor.toPlainText().split("\n") == TEXTS
    _loaded(qtbot, window, media["wav"])
    assert abs(window.player.duration_ms - 5753) < 100

    _click_recording(qtbot, window, 2)
    assert window.transcript.editor.segments == [] and window.transcript.editor.toPlainText() == ""
    assert "no transcript yet" in window.transcript.header.text()
    _loaded(qtbot, window, media["wav_en"])

    _click_recording(qtbot, window, 1)
    assert window.transcript.editor.blockCount() == len(SEGMENTS)
    _loaded(qtbot, window, media["wav"])


def test_recent_projects_list_the_opened_project(
    qtbot: QtBot, window: MainWindow, path: Path, settings: Settings
) -> None:
    assert not window.recent_menu.isEnabled()
    window.open_project(path)
    assert [a.text() for a in window.recent_menu.actions()] == [str(path)]
    assert window.recent_menu.isEnabled()
    assert settings.get(RECENT_PROJECTS) == [str(path)]
    window.close()
    again = MainWindow(settings)  # a new window, the same settings: the list is still there
    qtbot.addWidget(again)
    try:
        assert [a.text() for a in again.recent_menu.actions()] == [str(path)]
        again.recent_menu.actions()[0].trigger()
        assert again.project is not None and again.windowTitle() == "Studi Panti - Annotator"
    finally:
        again.close()


def test_add_media_adds_a_recording_and_shows_it(
    qtbot: QtBot, window: MainWindow, path: Path, media: dict[str, Path]
) -> None:
    window.open_project(path)
    window.add_media([media["m4a"]])
    assert _recording_count(path) == 4
    assert _sidebar(window)["Others (2)"] == ["Dua suara", "interview-staff"]
    assert window.recording_id == 4
    assert window.sidebar.currentIndex().data(RECORDING_ID_ROLE) == 4
    _loaded(qtbot, window, media["m4a"])


def test_adding_media_says_so_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, path: Path, media: dict[str, Path]
) -> None:
    window.open_project(path)
    window.add_media([media["m4a"]])
    assert window.statusBar().currentMessage() == "Added 1 recording(s)."


def test_dropping_a_media_file_adds_it(qtbot: QtBot, window: MainWindow, path: Path, media: dict[str, Path]) -> None:
    window.open_project(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(media["mp3"]))])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    assert _recording_count(path) == 4
    assert window.recording_id == 4
    _loaded(qtbot, window, media["mp3"])


def test_a_drop_is_refused_without_a_project(qtbot: QtBot, window: MainWindow, media: dict[str, Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(media["mp3"]))])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """QMessageBox.warning records its title and text instead of waiting for a click."""
    seen: list[tuple[str, str]] = []

    def warning(_parent, title: str, text: str, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return seen


def test_a_file_that_is_not_media_is_refused_with_a_message(
    qtbot: QtBot,
    window: MainWindow,
    path: Path,
    media: dict[str, Path],
    tmp_path: Path,
    warnings: list[tuple[str, str]],
) -> None:
    window.open_project(path)
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio, only notes\n" * 20)
    before = snapshot(path)
    window.add_media([media["m4a"], bad])  # all or none: the good file is not added either
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Cannot add recordings" and str(bad) in text
    assert snapshot(path) == before
    assert window.recording_id == 1 and sum(len(v) for v in _sidebar(window).values()) == 3


def test_a_bad_project_file_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, warnings: list[tuple[str, str]]
) -> None:
    bad = tmp_path / "broken.annotator"
    bad.write_text("this is not a database")
    assert not window.open_project(bad)
    assert warnings == [("Cannot open project", f"{bad}: not an Annotator project (the file is not a database)")]
    assert window.project is None and window.windowTitle() == "Annotator"


def test_opening_a_second_project_shows_its_own_transcript(
    qtbot: QtBot, window: MainWindow, path: Path, tmp_path: Path, media: dict[str, Path]
) -> None:
    other = tmp_path / "other.annotator"
    with Project.create(other, name="Other study", language="en") as project:
        project.recordings.add(media["wav_en"], title="Staff interview")
    window.open_project(path)
    assert window.transcript.editor.blockCount() == 3
    window.open_project(other)
    assert window.windowTitle() == "Other study - Annotator"
    assert window.transcript.project is window.project
    assert window.transcript.editor.segments == []
    _loaded(qtbot, window, media["wav_en"])


def test_the_playback_position_is_kept_per_recording(
    qtbot: QtBot, window: MainWindow, path: Path, media: dict[str, Path]
) -> None:
    window.open_project(path)
    _loaded(qtbot, window, media["wav"])
    window.player.seek(2500)
    _click_recording(qtbot, window, 2)
    _loaded(qtbot, window, media["wav_en"])
    assert window.player.position_ms == 0
    _click_recording(qtbot, window, 1)
    _loaded(qtbot, window, media["wav"])
    qtbot.waitUntil(lambda: window.player.position_ms == 2500, timeout=WAIT_MS)


# -- the player and the transcript --------------------------------------------------------------------------
@pytest.fixture
def playing_window(qtbot: QtBot, window: MainWindow, path: Path, media: dict[str, Path]) -> MainWindow:
    window.open_project(path)
    _loaded(qtbot, window, media["wav"])
    return window


def _word_at(ms: int) -> str | None:
    for _start, _end, words, _flags in SEGMENTS:
        for start, end, text, _p in words:
            if start <= ms < end:
                return text
    return None


def test_play_toggle_plays_and_lights_the_spoken_word(qtbot: QtBot, playing_window: MainWindow) -> None:
    window, player, editor = playing_window, playing_window.player, playing_window.transcript.editor
    seen: list[tuple[int, list[str]]] = []
    # Connected after the editor: each position with what the editor lit for it.
    player.positionChanged.connect(
        lambda ms: seen.append((ms, [s.cursor.selectedText() for s in editor.extraSelections()]))
    )
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=bool):
        window.actions["play.toggle"].trigger()
    qtbot.waitUntil(lambda: player.position_ms > 2600, timeout=WAIT_MS)
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=lambda playing: not playing):
        window.actions["play.toggle"].trigger()
    paused_at = player.position_ms
    assert 2300 <= paused_at < 4000  # where the backend last reported (the highlight runs up to 250 ms ahead)
    inside = [(ms, lit) for ms, lit in seen if _word_at(ms) is not None]
    assert len(inside) >= 20  # ~30 ms apart
    wrong = [(ms, lit) for ms, lit in inside if lit != [_word_at(ms)]]
    assert not wrong, f"positions whose word was not lit: {wrong[:5]}"
    assert {lit[0] for _ms, lit in inside} >= {"merasa", "nyaman", "tinggal", "di", "panti,"}
    # Playing again goes back two seconds, so the listener hears the words that were cut off.
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=bool):
        window.actions["play.toggle"].trigger()
    assert paused_at - 2000 - 150 <= player.position_ms <= paused_at - 2000 + 300
    player.pause()


def test_ctrl_space_in_the_editor_toggles_playback(qtbot: QtBot, playing_window: MainWindow) -> None:
    window, editor = playing_window, playing_window.transcript.editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    text = editor.toPlainText()
    with qtbot.waitSignal(window.player.stateChanged, timeout=WAIT_MS, check_params_cb=bool):
        QTest.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.player.stateChanged, timeout=WAIT_MS, check_params_cb=lambda playing: not playing):
        QTest.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == text  # no space typed


def _point_in(editor: TranscriptEditor, block: int, offset: int) -> QPoint:
    cursor = QTextCursor(editor.document().findBlockByNumber(block))
    cursor.setPosition(cursor.position() + offset)
    return editor.cursorRect(cursor).center()


def test_clicking_a_word_seeks_to_its_start(qtbot: QtBot, playing_window: MainWindow) -> None:
    window, editor = playing_window, playing_window.transcript.editor
    QTest.mouseClick(
        editor.viewport(), Qt.MouseButton.LeftButton, pos=_point_in(editor, 1, len("di panti, karena peg"))
    )
    assert abs(window.player.position_ms - 3100) <= 150  # "pegawai" starts at 3.1 s
    assert editor.textCursor().blockNumber() == 1
    QTest.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=_point_in(editor, 0, len("Saya mer")))
    assert abs(window.player.position_ms - 400) <= 150  # "merasa"
    assert not window.player.is_playing


def test_clicking_a_time_in_the_margin_seeks_to_the_segment(qtbot: QtBot, playing_window: MainWindow) -> None:
    window, editor = playing_window, playing_window.transcript.editor
    block = editor.document().findBlockByNumber(2)
    y = int(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).center().y())
    QTest.mouseClick(editor.margin, Qt.MouseButton.LeftButton, pos=QPoint(12, y))
    assert abs(window.player.position_ms - 3600) <= 150
    block = editor.document().findBlockByNumber(1)
    y = int(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).center().y())
    QTest.mouseClick(editor.margin, Qt.MouseButton.LeftButton, pos=QPoint(12, y))
    assert abs(window.player.position_ms - 2000) <= 150


def test_closing_the_window_stores_what_was_typed(qtbot: QtBot, playing_window: MainWindow, path: Path) -> None:
    editor = playing_window.transcript.editor
    cursor = editor.textCursor()
    cursor.setPosition(len(TEXTS[0]))
    editor.setTextCursor(cursor)
    QTest.keyClicks(editor, " sekali")
    playing_window.close()  # before the pause that would store it
    with sqlite3.connect(path) as connection:
        texts = [r[0] for r in connection.execute("SELECT text FROM segments ORDER BY start_ms")]
    assert texts[0] == TEXTS[0] + " sekali"


# -- transcription --------------------------------------------------------------------------------------------
def test_transcribe_action_runs_the_child_and_shows_the_segments(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, media: dict[str, Path]
) -> None:
    path = tmp_path / "baru.annotator"
    with Project.create(path, name="Baru", language="id") as project:
        project.recordings.add(media["wav"], title="WBS-01", participant="WBS-01", role="resident")
    window.open_project(path)
    assert window.transcript.editor.segments == []
    assert not window.jobs_dock.isVisible()
    with qtbot.waitSignal(window.jobs.recordingFinished, timeout=90_000) as finished:
        window.actions["transcribe.one"].trigger()  # the window's default model: the multilingual base pack
        assert window.jobs_dock.isVisible()
        assert window.recordings.index_of(1).siblingAtColumn(3).data() == "transcribing…"
    assert finished.args[:2] == [1, "done"], finished.args
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=10_000)
    with sqlite3.connect(path) as connection:
        texts = [r[0] for r in connection.execute("SELECT text FROM segments ORDER BY start_ms")]
    heard = " ".join(texts).lower()
    assert "saya" in heard and "tinggal" in heard
    assert [s.text for s in window.transcript.editor.segments] == texts
    assert window.transcript.editor.blockCount() == len(texts)
    assert window.recordings.index_of(1).siblingAtColumn(3).data() == "0% verified"
    assert window.jobs.row_state(1) == (1000, "done")


# -- screenshots ------------------------------------------------------------------------------------------
def _distinct_colours(image: QImage) -> int:
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.mark.parametrize("language", ["en", "id"])
def test_screenshot_writes_a_png_of_the_window(tmp_path: Path, path: Path, language: str) -> None:
    out = tmp_path / f"window-{language}.png"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "open",
            str(path),
            "--recording",
            "1",
            "--screenshot",
            str(out),
            "--language",
            language,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1360, 860)
    blank = QImage(image.size(), image.format())
    blank.fill(image.pixel(0, 0))
    assert image != blank
    assert _distinct_colours(image) > 20  # text, panels, the waveform: not one flat colour


def test_a_screenshot_leaves_the_users_settings_alone(tmp_path: Path, path: Path) -> None:
    config = tmp_path / "config"
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "open", str(path), "--screenshot", str(tmp_path / "w.png")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    written = [p for p in config.rglob("*") if p.is_file()] if config.exists() else []
    assert not any(str(path) in p.read_text(errors="replace") for p in written), written
