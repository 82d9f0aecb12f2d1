"""Searching transcripts and field notes from the window, and coding every checked hit in one undo step.

The study of tests/core/test_coding.py (two interviews and a page of field notes, with the relationships codebook)
is searched through a SearchDialog with its own undo stack and coding controller; the tests type a query, untick
hits, answer the confirmation, and assert on the hits shown, on what the project stores, and on undo and redo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.coding.controller import CodingController, Touched
from annotator.ui.search.dialog import SearchDialog
from annotator.ui.search.model import CHECK, CONTEXT, HIT_ROLE, PLAY, SOURCE, SPEAKER, TIME, HitsModel
from tests.core.test_coding import A1, B1, C1, NOTES, OPEN, SAFE, Study


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def dialog(qtbot: QtBot, study: Study, stack: QUndoStack) -> SearchDialog:
    controller = CodingController(stack)
    controller.set_project(study.project)
    shown = SearchDialog()
    shown._test_controller = controller  # kept alive as long as the dialog
    qtbot.addWidget(shown)
    shown.set_project(study.project, controller)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The confirmations asked, each answered Yes."""
    asked: list[str] = []

    def answer(parent, title, text, *rest):  # noqa: ANN001, ANN002, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def search(dialog: SearchDialog, words: str) -> None:
    dialog.query.setText(words)
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)


def cells(dialog: SearchDialog, column: int) -> list[str]:
    return [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]


def coded(project: Project) -> list[tuple[str, str, str]]:
    """(theme, where, quote) of every passage."""
    return sorted((v.theme, v.recording or v.document or "", v.text) for v in project.coding.passages())


def theme(project: Project, name: str) -> int:
    return project.themes.get(name).id


def test_hits_in_transcripts_and_field_notes_are_shown_in_context(dialog: SearchDialog, study: Study) -> None:
    search(dialog, "bersama")
    title = study.project.recordings.get(study.r1).title
    assert cells(dialog, SOURCE) == [title, "Catatan lapangan"]
    assert cells(dialog, TIME) == ["0:00:08", ""]  # the time of the word (the 4th of C1, 7-9 s); a document has none
    assert cells(dialog, SPEAKER) == ["", ""]  # nobody is named in C1; notes have no speaker
    transcript, notes = (dialog.model.index(r, 0).data(HIT_ROLE) for r in range(2))
    assert (transcript.segment_id, transcript.match) == (study.c1, "bersama")
    assert transcript.before.endswith("Kami bermain bola ") and transcript.after.startswith(" setiap minggu")
    assert (
        notes.document_id == study.doc and notes.before.endswith("bermain bola ") and notes.after.startswith(" staf.")
    )
    assert "Kami bermain bola bersama setiap minggu" in cells(dialog, CONTEXT)[0]
    assert dialog.status.text() == "2 hit(s) in 1 recording(s) and 1 document(s) of field notes"
    assert dialog.code_button.isEnabled() and "2 checked" in dialog.code_button.text()
    search(dialog, "nyaman")
    assert cells(dialog, SPEAKER) == ["Pewawancara", "Anak"]
    assert dialog.status.text() == "2 hit(s) in 1 recording(s)"  # no "0 documents"
    search(dialog, "bersama")
    dialog.include_notes.setChecked(False)  # searches again
    assert cells(dialog, SOURCE) == [title]
    search(dialog, "BERSAMA")
    assert dialog.model.rowCount() == 1
    dialog.match_case.setChecked(True)
    assert dialog.model.rowCount() == 0 and dialog.status.text() == "Nothing found."
    search(dialog, "   ")
    assert dialog.model.rowCount() == 0 and "give the words" in dialog.status.text()


def test_the_hits_model_passes_qtmodeltester(qtmodeltester, dialog: SearchDialog, study: Study) -> None:
    model = HitsModel()
    qtmodeltester.check(model, force_py=True)  # and on every change below
    hits = study.project.search.find("panti")
    model.set_hits(hits)
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert model.setData(model.index(0, CHECK), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_hits() == hits[1:]
    model.set_hits(hits, keep_checks=True)
    assert model.checked_hits() == hits[1:]
    model.set_all_checked(True)
    assert model.checked_hits() == hits
    model.set_hits([])


def test_only_checked_hits_are_coded(dialog: SearchDialog, study: Study, questions: list[str]) -> None:
    search(dialog, "merasa nyaman")
    assert [h.segment_id for h in dialog.model.hits] == [study.a1, study.b1]
    dialog.table.setCurrentIndex(dialog.model.index(0, CONTEXT))
    QTest.keyClick(dialog.table, Qt.Key.Key_Space)  # unticks the first hit
    assert dialog.model.index(0, CHECK).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "1 checked" in dialog.code_button.text()
    made = dialog.code_checked(theme(study.project, OPEN))
    assert questions == ["Code 1 hit(s) with “Komunikasi Terbuka”?"]
    assert len(made) == 1
    assert coded(study.project) == [(OPEN, study.project.recordings.get(study.r1).title, "merasa nyaman")]
    assert made[0].start_segment_id == study.b1 and made[0].start_offset == B1.index("merasa nyaman")
    assert dialog.model.index(0, CHECK).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked  # kept
    dialog.check_none.click()
    assert not dialog.code_button.isEnabled()


def test_coding_every_checked_hit_is_one_undo_step(
    dialog: SearchDialog, study: Study, stack: QUndoStack, questions: list[str]
) -> None:
    project = study.project
    start = A1.index("panti")
    project.coding.code_span(study.r1, study.a1, start, study.a1, start + 5, [SAFE])  # one hit coded already
    before = coded(project)
    search(dialog, "panti")
    search_hits = [h.segment_id for h in dialog.model.hits]
    assert search_hits == [study.a1, study.b1]
    dialog.code_checked(theme(project, SAFE))
    assert questions == ["Code 2 hit(s) with “Rasa Aman”?"]
    assert "Coded 1 hit(s)" in dialog.report.text() and "1 hit(s) were coded with it already" in dialog.report.text()
    search(dialog, "bersama")
    made = dialog.code_checked(theme(project, OPEN))
    assert len(made) == 2 and stack.count() == 2 and stack.undoText() == "Code 2 search hit(s)"
    after = coded(project)
    assert (OPEN, "Catatan lapangan", "bersama") in after and len(after) == len(before) + 3
    stack.undo()  # every hit of the last coding at once
    assert len(coded(project)) == len(before) + 1
    stack.redo()
    assert coded(project) == after
    stack.undo()
    stack.undo()
    assert coded(project) == before


def test_a_hit_is_opened_and_played(qtbot: QtBot, dialog: SearchDialog, study: Study) -> None:
    search(dialog, "bersama")
    table = dialog.table
    rect = table.visualRect(dialog.model.index(1, CONTEXT))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click's first press
    with qtbot.waitSignal(dialog.openRequested) as opened:
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0].document_id == study.doc and opened.args[0].start == NOTES.index("bersama")
    table.setCurrentIndex(dialog.model.index(0, CONTEXT))
    with qtbot.waitSignal(dialog.openRequested) as opened:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert opened.args[0].segment_id == study.c1 and opened.args[0].start == C1.index("bersama")
    played = []
    dialog.playRequested.connect(played.append)
    for row in (0, 1):
        QTest.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(dialog.model.index(row, PLAY)).center()
        )
    assert [h.segment_id for h in played] == [study.c1]  # a document hit has nothing to play


def test_the_theme_is_chosen_in_the_assign_popup(dialog: SearchDialog, study: Study, questions: list[str]) -> None:
    search(dialog, "bermain bola")
    popup = dialog.choose_theme()
    assert popup is not None and not popup.several
    QTest.keyClicks(popup.search, "komunikasi terbuka")
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert questions == ["Code 2 hit(s) with “Komunikasi Terbuka”?"]
    assert [t for t, _where, quote in coded(study.project) if quote == "bermain bola"] == [OPEN, OPEN]


def test_the_search_runs_again_when_texts_change_while_it_is_shown(dialog: SearchDialog, study: Study) -> None:
    search(dialog, "hangat")
    assert dialog.model.rowCount() == 1
    study.project.documents.set_text(study.doc, NOTES + " Sore hari hangat.")
    dialog._test_controller.changed.emit(Touched(documents=frozenset({study.doc})))
    assert dialog.model.rowCount() == 2
    dialog.hide()
    study.project.documents.set_text(study.doc, NOTES)
    dialog._test_controller.changed.emit(Touched(documents=frozenset({study.doc})))
    assert dialog.model.rowCount() == 2  # hidden: left as it was


def test_open_with_words_searches_for_them(dialog: SearchDialog) -> None:
    dialog.hide()
    dialog.open_with("  merasa\n nyaman ")
    assert dialog.isVisible() and dialog.query.text() == "merasa nyaman" and dialog.model.rowCount() == 2


def test_at_most_500_hits_are_shown(dialog: SearchDialog, study: Study) -> None:
    study.project.documents.create("Daftar hadir", "hadir " * 600)
    search(dialog, "hadir")
    assert dialog.model.rowCount() == 500
    assert "showing the first 500" in dialog.status.text()
