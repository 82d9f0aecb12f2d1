"""Typing is stored at once, and a write that fails is never shown as saved.

A person correcting a transcript may lose power or see the app killed at any moment: what they typed more than
a moment ago (100 ms) is in the project file. When the project cannot be written (the disk, the database), the
text they typed stays on screen, marked "Not saved", and is stored as soon as it can be.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from annotator.core.project import Project
from annotator.ui.main_window import MainWindow
from tests.ui.test_transcript import (  # noqa: F401 - path, settings and window are fixtures
    TEXTS,
    WAIT_MS,
    block_texts,
    make_project,
    path,
    place,
    segments,
    settings,
    window,
)

ROOT = Path(__file__).resolve().parents[2]
TYPED = " dan saya senang"


def kept(project_file: Path) -> dict[int, str]:
    """Typing kept at once, before it is made an edit: segment id -> text."""
    with sqlite3.connect(project_file) as connection:
        return dict(connection.execute("SELECT segment_id, text FROM typing_journal WHERE segment_id IS NOT NULL"))


def test_typing_is_kept_while_it_goes_on_and_made_an_edit_after_a_pause(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    path: Path,  # noqa: F811
) -> None:
    """A key every 100 ms, never a pause: each key is in the file before the next is typed; the pause then makes
    the edit (one undo step) and drops what was kept."""
    editor = window.transcript.editor
    place(window, 1, len(TEXTS[1]))
    sid = segments(path)[1][0]
    for number, key in enumerate(" lagi", start=1):
        QTest.keyClicks(editor, key)
        qtbot.wait(100)
        assert kept(path) == {sid: TEXTS[1] + " lagi"[:number]}
        assert segments(path)[1][3] == TEXTS[1]  # not an edit yet
    qtbot.waitUntil(lambda: segments(path)[1][3] == TEXTS[1] + " lagi", timeout=WAIT_MS)
    assert kept(path) == {}
    assert window.undo_stack.count() == 1


def test_typing_back_to_the_stored_text_leaves_nothing_kept(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    path: Path,  # noqa: F811
) -> None:
    editor = window.transcript.editor
    place(window, 2, len(TEXTS[2]))
    QTest.keyClicks(editor, "x")
    qtbot.waitUntil(lambda: bool(kept(path)), timeout=WAIT_MS)
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    editor.commit()
    assert kept(path) == {} and segments(path)[2][3] == TEXTS[2] and segments(path)[2][4] == "asr"
    assert window.undo_stack.count() == 0


def _failing_once(shown: MainWindow, monkeypatch: pytest.MonkeyPatch, times: int = 1) -> list[str]:
    """The next ``times`` writes of the editing service fail as a locked or full database would."""
    editing = shown.project.editing
    real = editing.apply
    calls: list[str] = []

    def apply(op: str, **kwargs):  # noqa: ANN202, ANN003
        calls.append(op)
        if len(calls) <= times:
            raise OperationalError("UPDATE segments ...", {}, Exception("database or disk is full"))
        return real(op, **kwargs)

    monkeypatch.setattr(editing, "apply", apply)
    return calls


def test_a_failed_store_keeps_the_typing_on_screen_marked_and_stores_it_later(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("annotator.ui.transcript.editor.RETRY_AFTER_MS", 300)
    calls = _failing_once(window, monkeypatch)
    place(window, 0, len(TEXTS[0]))
    QTest.keyClicks(window.transcript.editor, " sekali")
    qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)
    warning = window.transcript.warning
    qtbot.waitUntil(warning.isVisible, timeout=WAIT_MS)
    assert "Not saved" in warning.text() and "database or disk is full" in warning.text()
    assert block_texts(window)[0] == TEXTS[0] + " sekali"  # the typing is still there ...
    assert segments(path)[0][3] == TEXTS[0]  # ... and not stored
    assert window.transcript.unsaved == {segments(path)[0][0]}
    qtbot.waitUntil(lambda: segments(path)[0][3] == TEXTS[0] + " sekali", timeout=WAIT_MS)  # tried again: stored
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=WAIT_MS)
    assert window.transcript.unsaved == frozenset()


def test_a_failed_split_is_taken_back_on_screen(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _failing_once(window, monkeypatch)
    before = segments(path)
    place(window, 0, len("Saya merasa"))
    window.transcript.editor.splitRequested.emit(before[0][0], len("Saya merasa"))
    assert segments(path) == before
    assert block_texts(window) == TEXTS  # as stored: not two lines that were never saved
    assert window.transcript.warning.isVisible() and "not made" in window.transcript.warning.text()


@pytest.mark.parametrize("keys", [2, 6, 11])
def test_kill_9_while_typing_loses_at_most_the_last_moment(tmp_path: Path, media: dict[str, Path], keys: int) -> None:
    """The window types a key every 100 ms and is killed right after the ``keys``-th: every key typed 100 ms or
    more before the kill is in the file (the one typed since may be too)."""
    project = make_project(tmp_path / "studi.annotator", media)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.typing_child", str(project), str(tmp_path / "s.ini"), TYPED, "100"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == f"typed {keys}":
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    Project.open(project).close()  # what the window that died had typed becomes an edit
    assert kept(project) == {}
    stored = segments(project)[0][3]
    assert stored in (TEXTS[0] + TYPED[:keys], TEXTS[0] + TYPED[: keys + 1]), stored
