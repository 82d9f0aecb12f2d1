"""Coding in the whole window: the Code menu's keys, themes, the passage browser, field notes and search working
together on a real project (two interviews with real speech and a page of field notes, tests/core/test_coding.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
from tests.core.test_coding import B1, B2, NOTES, OPEN, RESPECT, Study

WAIT_MS = 8_000


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, study: Study, project_file: Path) -> Iterator[MainWindow]:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    made = MainWindow(settings)
    qtbot.addWidget(made)
    made.resize(1300, 850)
    made.show()
    qtbot.waitExposed(made)
    assert made.open_project(project_file, study.r1)
    yield made
    made.close()


def select(window: MainWindow, block: int, text: str, part: str) -> None:
    start = text.index(part)
    window.transcript.editor.move_to(block, start, len(part))


def block_of(window: MainWindow, segment_id: int) -> int:
    return next(b for b, s in enumerate(window.transcript.editor.segments) if s.id == segment_id)


def coded(project: Project) -> set[tuple[str, str]]:
    return {(p.theme, p.text) for p in project.coding.passages()}


def test_a_pinned_theme_key_codes_the_selection_and_undo_takes_it_back(window: MainWindow, study: Study) -> None:
    project = study.project
    respect = project.themes.get(RESPECT).id
    window.themes.set_project(window.project, window.coding)
    window.coding.project.themes.pin(project.themes.get(OPEN).id)
    window.coding.project.themes.pin(respect)
    window.routes.label_pins()
    assert "Rasa Saling Menghargai" in window.actions["code.pinned2"].text()
    assert window.actions["code.pinned2"].isEnabled()
    assert not window.actions["code.pinned3"].isEnabled()
    assert window.actions["code.pinned2"].shortcut().toString() == "Ctrl+2"

    select(window, block_of(window, study.b1), B1, "pegawai mau mendengarkan")
    window.actions["code.pinned2"].trigger()
    assert (RESPECT, "pegawai mau mendengarkan") in coded(project)
    assert window.themes.model.node(window.themes.model.index_of(respect)).passages == 1  # the count follows
    window.actions["edit.undo"].trigger()
    assert (RESPECT, "pegawai mau mendengarkan") not in coded(project)
    window.actions["edit.redo"].trigger()
    assert (RESPECT, "pegawai mau mendengarkan") in coded(project)


def test_double_clicking_a_theme_codes_the_selection_or_shows_its_passages(window: MainWindow, study: Study) -> None:
    project = study.project
    open_id = project.themes.get(OPEN).id
    select(window, block_of(window, study.b1), B1, "merasa nyaman")
    window.themes.themeActivated.emit(open_id)
    assert (OPEN, "merasa nyaman") in coded(project)
    assert not window.passages_dock.isVisible()

    window.transcript.editor.move_to(0)  # nothing selected: show the theme's passages
    window.themes.themeActivated.emit(open_id)
    assert window.passages_dock.isVisible()
    rows = window.passages.model.rowCount()
    assert rows == len(project.coding.passages([OPEN])) == 1


def test_opening_a_passage_of_another_recording_shows_it_selected(
    qtbot: QtBot, window: MainWindow, study: Study
) -> None:
    project = study.project
    start = B2.index("talk openly")
    [view] = project.coding.code_span(study.r2, study.b2, start, study.b2, start + len("talk openly"), [OPEN])
    assert window.recording_id == study.r1
    window.passages.openRequested.emit(view)
    assert window.recording_id == study.r2
    assert window.pages.currentWidget() is window.transcript
    assert window.transcript.editor.textCursor().selectedText() == "talk openly"


def test_playing_a_passage_plays_just_its_stretch(qtbot: QtBot, window: MainWindow, study: Study) -> None:
    project = study.project
    start = B1.index("pegawai")
    [view] = project.coding.code_span(study.r1, study.b1, start, study.b1, len(B1), [OPEN])
    assert view.start_ms is not None and view.end_ms is not None
    qtbot.waitUntil(lambda: window.player.duration_ms > 0, timeout=WAIT_MS)
    positions: list[int] = []
    window.player.positionChanged.connect(positions.append)
    with qtbot.waitSignal(window.player.rangeFinished, timeout=WAIT_MS):
        window.passages.playRequested.emit(view)
    played = [p for p in positions if p > 0]
    assert played and min(played) >= view.start_ms - 200
    assert max(played) <= view.end_ms + 300
    assert not window.player.is_playing
    assert window.transcript.editor.textCursor().selectedText() == B1[start:]  # shown while it plays


def test_play_all_plays_passages_of_two_recordings_in_turn(qtbot: QtBot, window: MainWindow, study: Study) -> None:
    project = study.project
    a = project.coding.code_span(study.r1, study.b1, 0, study.b1, len("Saya merasa"), [OPEN])
    b = project.coding.code_span(study.r2, study.b2, 0, study.b2, len("We listen"), [OPEN])
    started: list[int] = []
    window.playback.started.connect(lambda view: started.append(view.id))
    with qtbot.waitSignal(window.playback.finished, timeout=3 * WAIT_MS):
        window.passages.playAllRequested.emit([*a, *b])
    assert started == [a[0].id, b[0].id]
    assert window.recording_id == study.r2


def test_field_notes_open_beside_the_transcript_and_are_coded_the_same_way(
    qtbot: QtBot, window: MainWindow, study: Study
) -> None:
    project = study.project
    window.notes_list.setCurrentIndex(window.documents.index_of(study.doc))
    assert window.pages.currentWidget() is window.notes
    assert window.notes.current_document() == study.doc
    start = NOTES.index("Suasana terbuka")
    window.notes.editor.select_range(start, start + len("Suasana terbuka"))
    window.themes.themeActivated.emit(project.themes.get(OPEN).id)  # codes the notes' selection, not the transcript's
    assert [(p.document_id, p.text) for p in project.coding.passages([OPEN])] == [(study.doc, "Suasana terbuka")]
    window.select_recording(study.r2)
    assert window.pages.currentWidget() is window.transcript
    window.select_document(study.doc)
    assert window.pages.currentWidget() is window.notes
    index = window.recordings.index_of(study.r2)  # the recording open before: a click brings its transcript back
    QTest.mouseClick(
        window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=window.sidebar.visualRect(index).center()
    )
    assert window.pages.currentWidget() is window.transcript


def test_a_search_hit_opens_in_its_transcript(window: MainWindow, study: Study) -> None:
    window.routes.open_search()
    dialog = window.routes.search
    assert dialog is not None and dialog.isVisible()
    hits = study.project.search.find("talk openly")
    assert len(hits) == 1
    assert window.routes.open_hit(hits[0])
    assert window.recording_id == study.r2
    assert window.transcript.editor.textCursor().selectedText() == "talk openly"
    dialog.close()


def test_coding_with_the_keyboard_alone(qtbot: QtBot, window: MainWindow, study: Study) -> None:
    """Select with Shift+arrows, Ctrl+K, type part of the theme's English name, Enter: coded; Ctrl+Z: gone."""
    from annotator.ui.coding.assign_popup import AssignPopup

    editor = window.transcript.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    block = block_of(window, study.b1)
    editor.move_to(block, B1.index("pegawai"))
    for _ in range(len("pegawai mau")):
        QTest.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == "pegawai mau"
    QTest.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(p.isVisible() for p in window.findChildren(AssignPopup)), timeout=WAIT_MS)
    popup = next(p for p in window.findChildren(AssignPopup) if p.isVisible())
    QTest.keyClicks(popup.search, "open commun")  # the English label finds the Indonesian theme
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert (OPEN, "pegawai mau") in coded(study.project)
    assert not popup.isVisible()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)  # back to the text, to go on typing
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (OPEN, "pegawai mau") not in coded(study.project)
    assert B1 in editor.toPlainText()  # the undo took the coding back, not the text


def test_the_hidden_passage_browser_reads_again_only_when_shown(
    qtbot: QtBot, window: MainWindow, study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = window.passages
    queries: list[object] = []
    original = panel._query
    monkeypatch.setattr(panel, "_query", lambda *args: (queries.append(args), original(*args)))
    assert not window.passages_dock.isVisible()
    select(window, block_of(window, study.b1), B1, "merasa nyaman")
    window.transcript.code_selection([study.project.themes.get(OPEN).id])
    QTest.qWait(50)
    assert queries == []  # nobody is looking: no query at each coding
    window.routes.toggle_passages()
    qtbot.waitUntil(lambda: len(queries) >= 1, timeout=WAIT_MS)
    assert (OPEN, "merasa nyaman") in {(v.theme, v.text) for v in panel.model.passages()}


def test_typing_tells_the_themes_and_passages_only_when_passages_changed(
    qtbot: QtBot, window: MainWindow, study: Study
) -> None:
    project = study.project
    open_id = project.themes.get(OPEN).id
    start = B1.index("mau mendengarkan")
    project.coding.code_span(study.r1, study.b1, start, study.b1, start + len("mau mendengarkan"), [OPEN])
    window.transcript.reload()
    window.routes.show_passages_of(open_id)
    qtbot.waitUntil(lambda: window.passages.model.rowCount() == 1, timeout=WAIT_MS)
    touched: list[object] = []
    window.coding.changed.connect(touched.append)
    editor = window.transcript.editor
    block = block_of(window, study.b1)
    editor.move_to(block, 0)
    editor.insertPlainText("Ya, ")  # outside the passage: no passage changed, nobody else is told
    editor.commit()
    assert touched == []
    editor.move_to(block, len("Ya, ") + start, len("mau mendengarkan"))
    editor.textCursor().removeSelectedText()  # the passage's words go: so does the passage
    editor.commit()
    assert [t.themes for t in touched] == [{open_id}]
    qtbot.waitUntil(lambda: window.passages.model.rowCount() == 0, timeout=WAIT_MS)
    assert window.themes.model.node(window.themes.model.index_of(open_id)).passages == 0
    window.actions["edit.undo"].trigger()  # the words and the passage come back, everywhere
    qtbot.waitUntil(lambda: window.passages.model.rowCount() == 1, timeout=WAIT_MS)
    assert window.themes.model.node(window.themes.model.index_of(open_id)).passages == 1


def test_an_open_search_follows_the_text_as_it_is_edited(qtbot: QtBot, window: MainWindow, study: Study) -> None:
    from annotator.ui.search.model import HIT_ROLE

    window.routes.open_search()
    dialog = window.routes.search
    assert dialog is not None
    dialog.query.setText("mendengarkan")
    dialog.search()

    def found() -> list[tuple[int, int]]:
        hits = [dialog.model.index(r, 0).data(HIT_ROLE) for r in range(dialog.model.rowCount())]
        return [(h.segment_id, h.start) for h in hits]

    assert found() == [(study.b1, B1.index("mendengarkan"))]
    editor = window.transcript.editor
    editor.move_to(block_of(window, study.b1), 0)
    editor.insertPlainText("Ya betul sekali, ")
    editor.commit()  # stored: the hit moved, and the dialog shows where it is now (coding it would work)
    qtbot.waitUntil(
        lambda: found() == [(study.b1, B1.index("mendengarkan") + len("Ya betul sekali, "))], timeout=WAIT_MS
    )
    dialog.close()


def test_a_passage_opens_where_it_is_now_after_typing_before_it(window: MainWindow, study: Study) -> None:
    start = B1.index("mendengarkan")
    [view] = study.project.coding.code_span(study.r1, study.b1, start, study.b1, start + len("mendengarkan"), [OPEN])
    window.transcript.reload()
    editor = window.transcript.editor
    editor.move_to(block_of(window, study.b1), 0)
    editor.insertPlainText("Ya betul sekali, ")
    editor.commit()
    assert window.routes.open_passage(view)  # the browser's row was read before the typing
    assert editor.textCursor().selectedText() == "mendengarkan"


def test_file_import_brings_a_transcript_and_the_window_shows_it(
    qtbot: QtBot,
    window: MainWindow,
    study: Study,
    media: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from annotator.ui.dialogs.import_files import ImportSummaryDialog

    project = study.project
    rid = project.recordings.add(media["wav_en"], title="Wawancara baru").id
    subtitles = tmp_path / "baru.srt"
    subtitles.write_text("1\n00:00:00,500 --> 00:00:02,000\nAnak: Saya senang di sini\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(subtitles)], ""))
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda parent, title, label, items, current, editable: (items[0], True)
    )
    monkeypatch.setattr(ImportSummaryDialog, "exec", lambda dialog: 0)
    window.refresh_recordings()
    window.select_recording(rid)
    window.actions["file.import"].trigger()
    assert [s.text for s in project.editing.load(rid).segments] == ["Saya senang di sini"]
    qtbot.waitUntil(lambda: "Saya senang di sini" in window.transcript.editor.toPlainText(), timeout=WAIT_MS)


def test_who_speaks_maps_voices_so_the_browser_finds_quotes_by_role(
    qtbot: QtBot, window: MainWindow, study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.ui.dialogs.who_speaks import WhoSpeaksDialog

    project = study.project
    start = B2.index("talk openly")
    project.coding.code_span(study.r2, study.b2, start, study.b2, start + len("talk openly"), [OPEN])
    project.recordings.map_speaker(study.r2, "Staf", None)  # as after transcribing by channel: nobody's
    window.select_recording(study.r2)
    window.routes.show_passages_of(project.themes.get(OPEN).id)
    window.passages.filters.role.setCurrentIndex(window.passages.filters.role.findData("staff"))
    qtbot.waitUntil(lambda: window.passages.model.rowCount() == 0, timeout=WAIT_MS)

    def answer(dialog: WhoSpeaksDialog) -> int:
        who, role = dialog.rows["Staf"]
        who.setCurrentText("STAF-02")  # a participant not in the project yet
        role.setCurrentIndex(role.findData("staff"))
        assert role.isEnabled()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(WhoSpeaksDialog, "exec", answer)
    window.actions["edit.who_speaks"].trigger()
    assert project.participants.get("STAF-02").role == "staff"
    qtbot.waitUntil(lambda: window.passages.model.rowCount() == 1, timeout=WAIT_MS)
    assert window.passages.model.passages()[0].participant == "STAF-02"
