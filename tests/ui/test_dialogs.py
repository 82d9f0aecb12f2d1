"""Find and replace, speakers, boundary nudges and preferences, as the window offers them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.ui.dialogs.preferences import PreferencesDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import CONFIDENCE_THRESHOLD, SHORTCUTS, SKIP_SECONDS, Settings
from tests.conftest import snapshot

LINES = [
    ("Channel 1", "Bagaimana rasanya tinggal di panti?"),
    ("Channel 2", "Saya merasa nyaman di panti karena pegawai baik."),
    ("Channel 1", "Apa yang kamu lakukan hari minggu?"),
]


def _words(text: str, start: int) -> list[NewWord]:
    return [NewWord(start + i * 400, start + i * 400 + 350, w, 0.9) for i, w in enumerate(text.split())]


@pytest.fixture
def window(qtbot, tmp_path: Path, media):  # noqa: ANN001, ANN201
    path = tmp_path / "p.annotator"
    with Project.create(path) as project:
        recording = project.recordings.add(media["wav"])
        start = 0
        for speaker, text in LINES:
            words = _words(text, start)
            project.transcripts.add_segment(
                recording.id, NewSegment(start, words[-1].end_ms, text, words, speaker=speaker)
            )
            start = words[-1].end_ms + 500
    main = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(main)
    main.open_project(path)
    qtbot.waitUntil(lambda: len(main.transcript.editor.segments) == 3)
    yield main
    main.close()


def test_find_next_walks_through_the_hits(window) -> None:  # noqa: ANN001
    panel = window.transcript
    panel.editor.move_to(0, 0)
    assert panel.find_next("panti", False, True)
    first = (panel.editor.current_block(), panel.editor.textCursor().selectedText())
    assert panel.find_next("panti", False, True)
    second = (panel.editor.current_block(), panel.editor.textCursor().selectedText())
    assert first == (0, "panti") and second == (1, "panti")
    assert not panel.find_next("sekolah", False, True)


def test_replace_all_is_one_undo_step(window) -> None:  # noqa: ANN001
    panel = window.transcript
    before = snapshot(window.project.path)
    assert panel.replace_all("panti", "asrama", False, True) == 2
    assert window.undo_stack.count() == 1
    assert [s.text for s in panel.editor.segments][:2] == [
        "Bagaimana rasanya tinggal di asrama?",
        "Saya merasa nyaman di asrama karena pegawai baik.",
    ]
    window.undo_stack.undo()
    assert snapshot(window.project.path) == before
    assert panel.replace_all("sekolah", "x", False, True) == 0
    assert window.undo_stack.count() == 1  # nothing replaced: no empty step


def test_speakers_renamed_and_assigned(window) -> None:  # noqa: ANN001
    panel = window.transcript
    assert panel.speakers() == ["Channel 1", "Channel 2"]
    panel.rename_speaker("Channel 1", "Peneliti")
    assert [s.speaker for s in panel.editor.segments] == ["Peneliti", "Channel 2", "Peneliti"]
    panel.editor.move_to(1, 0)
    panel.set_speaker("WBS-01")
    assert panel.editor.segments[1].speaker == "WBS-01"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert [s.speaker for s in panel.editor.segments] == ["Channel 1", "Channel 2", "Channel 1"]


def test_nudge_moves_a_boundary_and_undoes(window) -> None:  # noqa: ANN001
    panel = window.transcript
    panel.editor.move_to(1, 0)
    start = panel.editor.segments[1].start_ms
    window.actions["edit.start_earlier"].trigger()
    assert panel.editor.segments[1].start_ms == start - 100
    window.actions["edit.end_later"].trigger()
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert panel.editor.segments[1].start_ms == start


def test_preferences_are_kept_and_applied(window, qtbot) -> None:  # noqa: ANN001
    dialog = PreferencesDialog(window.settings, window.actions, window)
    qtbot.addWidget(dialog)
    dialog.skip.setValue(8)
    dialog.threshold.setValue(0.4)
    from PySide6.QtGui import QKeySequence

    dialog.keys["play.toggle"].setKeySequence(QKeySequence("F9"))  # a foot pedal sending F9
    dialog.accept()
    assert window.settings.get(SKIP_SECONDS) == 8
    assert window.settings.get(CONFIDENCE_THRESHOLD) == 0.4
    assert window.settings.get(SHORTCUTS)["play.toggle"] == "F9"
    assert window.actions["play.toggle"].shortcut().toString() == "F9"


def test_plain_space_cannot_be_a_shortcut(window) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="Space"):
        window.actions.set_shortcut("play.toggle", "Space")
