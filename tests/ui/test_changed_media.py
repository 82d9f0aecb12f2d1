"""A recording whose media file was replaced by another of the same size is not played: the window says why."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
from tests.core.test_recordings import _replace

WAIT_MS = 5_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    created = MainWindow(Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(created)
    created.resize(1200, 800)
    created.show()
    qtbot.waitExposed(created)
    yield created
    created.close()


@pytest.fixture
def study(tmp_path: Path, media: dict[str, Path]) -> tuple[Path, Path]:
    """A project with one recording, a copy of the Indonesian speech that the test changes."""
    wav = tmp_path / "rekaman" / "wbs-01.wav"
    wav.parent.mkdir()
    shutil.copy2(media["wav"], wav)
    path = tmp_path / "studi.annotator"
    with Project.create(path, name="Studi", language="id") as project:
        project.recordings.add(wav, title="WBS-01")
    return path, wav


def test_a_changed_file_is_not_played(qtbot: QtBot, window: MainWindow, study: tuple[Path, Path]) -> None:
    path, wav = study
    _replace(wav, "reversed", keep_mtime=True)
    assert window.open_project(path)
    assert window.recording_id == 1
    assert window.player.path is None  # nothing loaded, so nothing plays
    message = window.statusBar().currentMessage()
    assert "changed since it was added" in message and str(wav) in message and "annotator locate" in message
    index = window.recordings.index_of(1)
    assert "changed since it was added" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # marked like a missing file


def test_the_same_file_is_played(qtbot: QtBot, window: MainWindow, study: tuple[Path, Path]) -> None:
    path, wav = study
    assert window.open_project(path)
    qtbot.waitUntil(lambda: window.player.path == wav.resolve(), timeout=WAIT_MS)
    assert window.recordings.index_of(1).data(Qt.ItemDataRole.ToolTipRole) == str(wav.resolve())
