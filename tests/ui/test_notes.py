"""Field notes in the window: the documents list, typing stored as undoable changes, importing, and coding.

Each test opens the study of tests/core/test_coding.py (two interviews and a page of field notes, with the
relationships codebook) in a NotesPanel with its own undo stack and coding controller, works the panel as a
person would (keys typed, a selection, a menu action, a dialog answered) and asserts on what the project stores,
on what undo and redo put back, and on what the editor paints.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QTextCursor, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.coding.controller import CodingController
from annotator.ui.coding.span import Span
from annotator.ui.notes.editor import COMMIT_AFTER_MS
from annotator.ui.notes.model import DOCUMENT_ID_ROLE, DocumentsModel
from annotator.ui.notes.panel import NotesPanel
from annotator.ui.transcript.codings import TINT, line_colour, mix
from tests.core.test_coding import NOTES, OPEN, SAFE, Study


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(qtbot: QtBot, study: Study, stack: QUndoStack) -> NotesPanel:
    controller = CodingController(stack)
    controller.set_project(study.project)
    shown = NotesPanel()
    shown._test_controller = controller  # kept alive as long as the panel
    qtbot.addWidget(shown)
    shown.set_project(study.project, controller)
    shown.messages = []
    shown.message.connect(shown.messages.append)
    shown.resize(700, 400)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_document(study.doc)
    return shown


def theme(project: Project, name: str) -> int:
    return project.themes.get(name).id


def text_of(project: Project, document_id: int) -> str:
    return project.documents.get(document_id).text


def passages(project: Project, document_id: int) -> list[tuple[str, str, int, int]]:
    return sorted(
        (v.theme, v.text, v.start_offset, v.end_offset)
        for v in project.coding.passages()
        if v.document_id == document_id
    )


def select_words(panel: NotesPanel, words: str, nth: int = 0) -> tuple[int, int]:
    text = panel.editor.text()
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    panel.editor.select_range(start, start + len(words))
    return start, start + len(words)


def type_at(panel: NotesPanel, offset: int, keys: str) -> None:
    cursor = panel.editor.textCursor()
    cursor.setPosition(offset)
    panel.editor.setTextCursor(cursor)
    QTest.keyClicks(panel.editor, keys)


def point_of(panel: NotesPanel, offset: int) -> QPoint:
    """The middle of the character at ``offset``, in viewport coordinates."""
    cursor = QTextCursor(panel.editor.document())
    cursor.setPosition(offset)
    rect = panel.editor.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def action(menu: QMenu, text: str):  # noqa: ANN201
    for a in menu.actions():
        if a.text().replace("&", "").startswith(text):
            return a
        if a.menu() is not None and (found := action(a.menu(), text)) is not None:
            return found
    return None


# -- typing ---------------------------------------------------------------------------------------------------
def test_typing_is_stored_after_a_pause_and_undo_puts_the_text_back(
    qtbot: QtBot, panel: NotesPanel, study: Study, stack: QUndoStack
) -> None:
    assert panel.current_document() == study.doc
    assert panel.editor.text() == NOTES
    assert "Catatan lapangan" in panel.header.text() and "STAF-01" in panel.header.text()
    type_at(panel, len(NOTES.rstrip()), " Hujan turun sore itu.")
    assert text_of(study.project, study.doc) == NOTES  # not yet an edit: still typing
    qtbot.waitUntil(lambda: text_of(study.project, study.doc) != NOTES, timeout=5_000)
    typed = NOTES.rstrip() + " Hujan turun sore itu." + "  "
    assert text_of(study.project, study.doc) == typed
    assert stack.count() == 1 and stack.undoText() == "Edit field notes"
    stack.undo()
    assert text_of(study.project, study.doc) == NOTES
    assert panel.editor.text() == NOTES
    stack.redo()
    assert text_of(study.project, study.doc) == typed
    assert panel.editor.text() == typed


def test_the_editors_own_undo_is_off_and_leaving_it_stores_the_text(panel: NotesPanel, study: Study) -> None:
    assert not panel.editor.isUndoRedoEnabled()
    type_at(panel, 0, "Senin. ")
    panel.show_document(None)  # another document shown: what was typed is stored first
    assert text_of(study.project, study.doc) == "Senin. " + NOTES
    assert panel.current_document() is None and panel.editor.isReadOnly()


def test_codings_stay_on_their_words_while_typing_before_them(
    panel: NotesPanel, study: Study, stack: QUndoStack
) -> None:
    start = NOTES.index("bermain bola")
    [made] = study.project.coding.code_document(study.doc, start, start + len("bermain bola"), [OPEN])
    panel.reload()
    type_at(panel, 2, "Pagi itu ")
    text = panel.editor.text()
    a, b = panel.editor.ranges()[made.id]
    assert text[a:b] == "bermain bola"  # moved with the text, before anything is stored
    panel.commit()
    assert passages(study.project, study.doc) == [(OPEN, "bermain bola", start + 9, start + 9 + 12)]
    a, b = panel.editor.ranges()[made.id]
    assert panel.editor.text()[a:b] == "bermain bola"
    stack.undo()
    assert passages(study.project, study.doc) == [(OPEN, "bermain bola", start, start + 12)]


# -- importing ------------------------------------------------------------------------------------------------
def test_txt_and_docx_files_are_imported_and_the_first_is_shown(
    panel: NotesPanel, study: Study, stack: QUndoStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = DocumentsModel()
    model.set_project(study.project, panel.controller)
    assert model.rowCount() == 1
    txt = tmp_path / "observasi pagi.txt"
    txt.write_text("Anak-anak sarapan bersama.\r\nPegawai menyapa mereka.", encoding="utf-8")
    word = tmp_path / "wawancara tertulis.docx"
    document = docx.Document()
    document.add_paragraph("Saya senang di panti.")
    document.add_paragraph("Kakak pengasuh baik.")
    document.save(word)
    asked = []

    def open_files(*args):  # noqa: ANN002, ANN202
        asked.append(args)
        return [str(txt), str(word)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_files)
    ids = panel.import_documents()
    assert len(ids) == 2 and "*.docx" in asked[0][3]
    assert text_of(study.project, ids[0]) == "Anak-anak sarapan bersama.\nPegawai menyapa mereka."
    assert text_of(study.project, ids[1]) == "Saya senang di panti.\nKakak pengasuh baik."
    assert panel.current_document() == ids[0]
    assert panel.editor.text().startswith("Anak-anak sarapan")
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == ["Catatan lapangan", "observasi pagi", "wawancara tertulis"]
    stack.undo()  # one step takes both away
    assert [d.id for d in study.project.documents.list()] == [study.doc]
    assert model.rowCount() == 1 and panel.current_document() is None
    stack.redo()
    assert model.rowCount() == 3


def test_a_file_that_cannot_be_read_is_named_and_nothing_is_imported(
    panel: NotesPanel, study: Study, stack: QUndoStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "baik.txt"
    good.write_text("Catatan yang baik.", encoding="utf-8")
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"PK\x03\x04 bukan dokumen Word")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(good), str(broken)], ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: shown.append(text))
    assert panel.import_documents() == []
    assert len(shown) == 1 and "rusak.docx" in shown[0] and "Nothing was imported" in shown[0]
    assert [d.id for d in study.project.documents.list()] == [study.doc]
    assert stack.count() == 0


# -- documents ------------------------------------------------------------------------------------------------
def test_the_documents_model_follows_new_and_deleted_documents(
    qtmodeltester, panel: NotesPanel, study: Study, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = DocumentsModel()
    model.set_project(study.project, panel.controller)
    qtmodeltester.check(model, force_py=True)  # and on every change below
    assert model.index(0, 0).data(DOCUMENT_ID_ROLE) == study.doc
    assert "STAF-01" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Kunjungan rumah", True))
    [new] = panel.new_document()
    assert panel.current_document() == new and panel.editor.text() == ""
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Catatan lapangan", "Kunjungan rumah"]
    start = NOTES.index("Suasana")
    study.project.coding.code_document(study.doc, start, start + 7, [OPEN])
    questions = []

    def answer(parent, title, text, *rest):  # noqa: ANN001, ANN002, ANN202
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert panel.delete_document(study.doc)
    assert "Catatan lapangan" in questions[0] and "1 coded passage" in questions[0]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Kunjungan rumah"]
    stack.undo()
    assert model.rowCount() == 2 and passages(study.project, study.doc) == [(OPEN, "Suasana", start, start + 7)]
    stack.undo()  # the new document goes
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Catatan lapangan"]
    assert panel.current_document() is None


# -- coding ---------------------------------------------------------------------------------------------------
def test_coding_the_selection_and_undo(panel: NotesPanel, study: Study, stack: QUndoStack) -> None:
    assert panel.code_selection([theme(study.project, OPEN)]) == []
    assert panel.messages == ["Select the words to code first."]
    start, end = select_words(panel, "Suasana terbuka")
    span = panel.selected_span()
    assert span == Span(document_id=study.doc, start_offset=start, end_offset=end, text="Suasana terbuka")
    made = panel.code_selection([theme(study.project, OPEN), theme(study.project, SAFE)])
    assert len(made) == 2 and stack.count() == 1
    assert passages(study.project, study.doc) == [
        (OPEN, "Suasana terbuka", start, end),
        (SAFE, "Suasana terbuka", start, end),
    ]
    assert set(panel.editor.views) == {v.id for v in made}
    assert "2 passage" in panel.header.text()
    stack.undo()
    assert passages(study.project, study.doc) == [] and panel.editor.views == {}


def test_coding_with_a_pinned_theme_and_the_assign_popup(qtbot: QtBot, panel: NotesPanel, study: Study) -> None:
    open_id = theme(study.project, OPEN)
    study.project.themes.set_pinned([open_id])
    assert panel.code_with_pinned(1) == [] and panel.messages[-1] == "Select the words to code first."
    start, end = select_words(panel, "bermain bola")
    assert panel.code_with_pinned(2) == [] and "No theme is pinned to 2" in panel.messages[-1]
    [made] = panel.code_with_pinned(1)
    assert made.theme == OPEN and (made.start_offset, made.end_offset) == (start, end)
    start, end = select_words(panel, "hangat")
    popup = panel.assign_theme()
    assert popup is not None and "hangat" in popup.title.text()
    QTest.keyClicks(popup.search, "rasa aman")
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert (SAFE, "hangat", start, end) in passages(study.project, study.doc)


def test_the_context_menu_codes_and_changes_passages(panel: NotesPanel, study: Study, stack: QUndoStack) -> None:
    open_id = theme(study.project, OPEN)
    study.project.themes.set_pinned([open_id])
    start, end = select_words(panel, "Suasana terbuka")
    menu = panel.editor.context_menu(point_of(panel, start + 2))
    assert action(menu, "Code with…").isEnabled()
    action(menu, OPEN).trigger()  # the pinned themes' submenu
    assert passages(study.project, study.doc) == [(OPEN, "Suasana terbuka", start, end)]
    panel.editor.setTextCursor(QTextCursor(panel.editor.document()))  # nothing selected
    menu = panel.editor.context_menu(point_of(panel, start + 2))
    assert not action(menu, "Code with…").isEnabled()
    popup = None
    action(menu, "Change theme…").trigger()
    popup = panel.popup
    assert popup is not None and not popup.several
    QTest.keyClicks(popup.search, "rasa aman")
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert passages(study.project, study.doc) == [(SAFE, "Suasana terbuka", start, end)]
    menu = panel.editor.context_menu(point_of(panel, start + 2))
    action(menu, "Memo…").trigger()
    panel.memo_dialog.setTextValue("anak-anak santai")
    panel.memo_dialog.accept()
    assert [v.memo for v in study.project.coding.passages()] == ["anak-anak santai"]
    menu = panel.editor.context_menu(point_of(panel, start + 2))
    action(menu, "Remove passage").trigger()
    assert passages(study.project, study.doc) == []
    stack.undo()
    assert passages(study.project, study.doc) == [(SAFE, "Suasana terbuka", start, end)]
    assert [v.memo for v in study.project.coding.passages()] == ["anak-anak santai"]


def test_a_dragged_selection_carries_its_span(panel: NotesPanel, study: Study) -> None:
    type_at(panel, 0, "Senin. ")  # typed but not stored: the drag stores it first
    start, end = select_words(panel, "staf")
    span = Span.from_mime(panel.editor.createMimeDataFromSelection())
    assert span == Span(document_id=study.doc, start_offset=start, end_offset=end, text="staf")
    assert text_of(study.project, study.doc) == "Senin. " + NOTES


def test_coded_words_are_tinted_underlined_and_explained(panel: NotesPanel, study: Study) -> None:
    start = NOTES.index("Suasana terbuka")
    [made] = study.project.coding.code_document(study.doc, start, start + 15, [OPEN], memo="santai")
    study.project.coding.code_document(study.doc, start + 8, start + 15, [SAFE])
    panel.reload()
    assert not panel.editor.dirty  # formatting the coded words is no typing
    point = point_of(panel, start + 3)
    assert [v.theme for v in panel.editor.codings_at(point)] == [OPEN]
    assert sorted(v.theme for v in panel.editor.codings_at(point_of(panel, start + 10))) == [OPEN, SAFE]
    image = panel.editor.viewport().grab().toImage()
    colours = {
        image.pixelColor(point.x() + dx, y).name() for dx in range(-2, 3) for y in range(point.y() - 4, point.y() + 30)
    }
    assert mix(QColor(made.theme_color), TINT).name() in colours  # the tint behind the words
    assert line_colour(made.theme_color).name() in colours  # the underline below them
    safe = study.project.themes.get(SAFE).color
    later = point_of(panel, start + 11)
    colours = {image.pixelColor(later.x(), y).name() for y in range(later.y(), later.y() + 30)}
    assert {line_colour(made.theme_color).name(), line_colour(safe).name()} <= colours  # stacked, both seen


def test_show_passage_selects_its_text(panel: NotesPanel, study: Study) -> None:
    start = NOTES.index("hangat")
    [made] = study.project.coding.code_document(study.doc, start, start + 6, [OPEN])
    panel.show_document(None)
    assert panel.show_passage(made)
    assert panel.current_document() == study.doc
    assert panel.editor.textCursor().selectedText() == "hangat"


def test_hovering_coded_words_lists_their_themes_and_memos(qtbot: QtBot, panel: NotesPanel, study: Study) -> None:
    start = NOTES.index("hangat")
    study.project.coding.code_document(study.doc, start, start + 6, [OPEN], memo="suasana akrab")
    panel.reload()
    point = point_of(panel, start + 2)
    event = QHelpEvent(QEvent.Type.ToolTip, point, panel.editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(panel.editor.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2_000)
    assert OPEN in QToolTip.text() and "suasana akrab" in QToolTip.text()
    QToolTip.hideText()


def test_offsets_are_those_of_the_text_with_emoji_and_no_break_spaces(
    panel: NotesPanel, study: Study, stack: QUndoStack
) -> None:
    text = "😊 Anak\u00a0senang 😊 bermain"
    document = study.project.documents.create("Emoji", text)
    start = text.index("bermain")
    [made] = study.project.coding.code_document(document.id, start, start + 7, [OPEN])
    panel.show_document(document.id)
    assert panel.editor.text() == text
    assert panel.editor.ranges() == {made.id: (start, start + 7)}
    assert [v.theme for v in panel.editor.codings_at(point_of(panel, len(text.encode("utf-16-le")) // 2 - 3))] == [OPEN]
    type_at(panel, 2, "x")  # a Qt position: after the first emoji (two UTF-16 units)
    panel.commit()
    assert text_of(study.project, document.id) == "😊x Anak\u00a0senang 😊 bermain"  # the no-break space kept
    assert passages(study.project, document.id) == [(OPEN, "bermain", start + 1, start + 8)]
    a, b = select_words(panel, "senang")
    assert panel.selected_span().text == "senang" and (a, b) == (8, 14)


def test_undo_keys_go_to_the_window(panel: NotesPanel) -> None:
    for key, modifiers in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    ):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
        QApplication.sendEvent(panel.editor, event)
        assert not event.isAccepted()  # the window's Undo and Redo shortcuts take it


def test_typing_is_kept_at_once_while_it_goes_on(
    qtbot: QtBot, panel: NotesPanel, study: Study, stack: QUndoStack
) -> None:
    """A key every 100 ms, never a pause: each key is in the file before the next is typed (kept, to be made an
    edit after the pause), and undo takes the whole stretch back."""
    type_at(panel, 0, "")
    for number, key in enumerate("Pagi.", start=1):
        QTest.keyClicks(panel.editor, key)
        qtbot.wait(100)
        assert [e.text for e in study.project.typing.pending()] == ["Pagi."[:number] + NOTES]
    qtbot.waitUntil(lambda: text_of(study.project, study.doc) == "Pagi." + NOTES, timeout=5_000)
    assert study.project.typing.pending() == []
    assert stack.count() == 1
    stack.undo()
    assert text_of(study.project, study.doc) == NOTES and panel.editor.text() == NOTES


def test_a_failed_store_keeps_the_notes_marked_and_stores_them_later(
    qtbot: QtBot, panel: NotesPanel, study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    monkeypatch.setattr("annotator.ui.notes.editor.RETRY_AFTER_MS", 300)
    documents = study.project.documents
    real, calls = documents.set_text, []

    def set_text(document_id: int, text: str):  # noqa: ANN202
        calls.append(text)
        if len(calls) == 1:
            raise OperationalError("UPDATE documents ...", {}, Exception("disk I/O error"))
        return real(document_id, text)

    monkeypatch.setattr(documents, "set_text", set_text)
    type_at(panel, 0, "Sore. ")
    panel.commit()
    assert panel.warning.isVisible() and "Not saved: disk I/O error" in panel.warning.text()
    assert panel.editor.text() == "Sore. " + NOTES and text_of(study.project, study.doc) == NOTES
    qtbot.waitUntil(lambda: text_of(study.project, study.doc) == "Sore. " + NOTES, timeout=5_000)
    assert not panel.warning.isVisible()


def test_leaving_the_editor_stores_the_text(qtbot: QtBot, panel: NotesPanel, study: Study) -> None:
    other = QLineEdit(panel)
    other.show()
    panel.editor.setFocus()
    qtbot.waitUntil(panel.editor.hasFocus, timeout=2_000)
    type_at(panel, 0, "Selasa. ")
    other.setFocus()
    qtbot.waitUntil(lambda: text_of(study.project, study.doc) == "Selasa. " + NOTES, timeout=COMMIT_AFTER_MS // 2)
