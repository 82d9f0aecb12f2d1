"""A project open in one window is not opened again in another without a word."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core import locks
from annotator.core.project import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.project_claim import WINDOW_LOCK
from annotator.ui.settings import Settings
from tests.core.test_locks import held_by


@pytest.fixture
def other_window(tmp_path: Path) -> Iterator[subprocess.Popen]:
    """Another process that has the project open in its window (a live process holding the lock)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    return window


def _held_by(path: Path, pid: int) -> None:
    with Project.open(path) as project:
        held_by(project, pid, name=WINDOW_LOCK)


def test_a_window_holds_its_project_until_it_closes(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "studi.annotator"
    Project.create(path).close()
    window = _window(qtbot, tmp_path)
    assert window.open_project(path)
    with Project.open(path) as project:
        assert locks.holder(project, WINDOW_LOCK) is not None
    window.close()
    with Project.open(path) as project:
        assert locks.holder(project, WINDOW_LOCK) is None


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_opening_a_project_another_window_has_asks_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_window: subprocess.Popen, answer
) -> None:
    path = tmp_path / "studi.annotator"
    Project.create(path).close()
    _held_by(path, other_window.pid)
    asked: list[str] = []

    def question(_parent, title, text, *_args):  # noqa: ANN001, ANN202
        asked.append(f"{title}: {text}")
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    window = _window(qtbot, tmp_path)
    opened = window.open_project(path)
    assert len(asked) == 1 and "already open in another Annotator window" in asked[0]
    assert f"process {other_window.pid}" in asked[0] and "studi.annotator" in asked[0]
    if answer == QMessageBox.StandardButton.No:
        assert not opened and window.project is None
    else:
        assert opened and window.project is not None
        assert locks.holder(window.project, WINDOW_LOCK).pid != other_window.pid
    window.close()


def test_a_window_that_crashed_does_not_keep_its_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_window: subprocess.Popen
) -> None:
    path = tmp_path / "studi.annotator"
    Project.create(path).close()
    _held_by(path, other_window.pid)
    other_window.kill()
    other_window.wait()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: pytest.fail("asked about a window that is gone"))
    window = _window(qtbot, tmp_path)
    assert window.open_project(path)
    window.close()


def test_a_picture_of_a_project_open_elsewhere_asks_nothing(tmp_path: Path, other_window: subprocess.Popen) -> None:
    path = tmp_path / "studi.annotator"
    Project.create(path).close()
    _held_by(path, other_window.pid)
    out = tmp_path / "gambar.png"
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "open", str(path), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Project.open(path) as project:  # the other window still holds its project
        assert locks.holder(project, WINDOW_LOCK).pid == other_window.pid


def test_the_question_is_asked_in_indonesian(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_window: subprocess.Popen
) -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.ui.translations import translator_for

    path = tmp_path / "studi.annotator"
    Project.create(path).close()
    _held_by(path, other_window.pid)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, text, *_a: asked.append(f"{title}: {text}") or 0)
    translator = translator_for("id", QApplication.instance())
    QApplication.installTranslator(translator)
    try:
        window = _window(qtbot, tmp_path)
        assert not window.open_project(path)
    finally:
        QApplication.removeTranslator(translator)
    assert asked and asked[0].startswith("Proyek sudah terbuka: studi.annotator sudah terbuka di jendela Annotator")
    window.close()
