"""``annotator open MISSING.annotator`` (and ``./run MISSING.annotator``): the window offers to create the project."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.app import open_or_create
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    created = MainWindow(Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(created)
    yield created
    if created.project is not None:
        created.project.close()
    created.close()


class Questions:
    """The questions asked; each is answered by pressing the button named ``answer``."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = "Create"

    def exec(self, box: QMessageBox) -> int:
        self.asked.append(box.text())
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == self.answer]
        button.click()
        return 0


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    answering = Questions()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answering.exec(box))
    return answering


def test_create_makes_the_project_and_opens_it(window: MainWindow, tmp_path: Path, questions: Questions) -> None:
    path = tmp_path / "studi-baru.annotator"
    assert open_or_create(window, path)
    assert questions.asked == [f"There is no project at {path}. Create a new project there?"]
    assert path.is_file()
    assert window.project is not None and window.project.path == path
    with Project.open(path) as reopened:
        assert reopened.recordings.summaries() == []


def test_a_name_without_suffix_becomes_a_project_file(window: MainWindow, tmp_path: Path, questions: Questions) -> None:
    assert open_or_create(window, tmp_path / "studi")
    assert (tmp_path / "studi.annotator").is_file()
    assert questions.asked == [f"There is no project at {tmp_path / 'studi.annotator'}. Create a new project there?"]


def test_cancel_leaves_the_window_open_without_a_project(
    window: MainWindow, tmp_path: Path, questions: Questions
) -> None:
    questions.answer = "Cancel"
    path = tmp_path / "studi-baru.annotator"
    assert not open_or_create(window, path)
    assert len(questions.asked) == 1
    assert not path.exists()
    assert window.project is None


def test_an_existing_project_opens_without_a_question(window: MainWindow, tmp_path: Path, questions: Questions) -> None:
    path = tmp_path / "ada.annotator"
    Project.create(path).close()
    assert open_or_create(window, path)
    assert questions.asked == []
    assert window.project is not None and window.project.path == path


def test_a_project_that_cannot_be_made_is_said(
    window: MainWindow, tmp_path: Path, questions: Questions, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    path = tmp_path / "tidak-ada" / "studi.annotator"  # its folder does not exist
    assert not open_or_create(window, path)
    assert warnings == [f"{path}: the folder {path.parent} does not exist"]
    assert window.project is None
