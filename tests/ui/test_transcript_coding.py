"""Coding in the transcript editor: every gesture, what it stores, undo and redo, and what the editor paints.

Each test opens a real project file (the three segments of tests/ui/test_transcript.py and the relationships
codebook) in a TranscriptPanel with its own undo stack and coding controller, works the panel as a person would
(a selection, the popup typed into, a context menu action, a key), and asserts on the passages the project
stores and on the data the editor paints from (and on pixels of a rendered panel).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QTextCharFormat, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from annotator.core.codebook import load_codebook
from annotator.core.project import Project
from annotator.ui.coding.assign_popup import Choice, matching
from annotator.ui.coding.controller import CodingController, Touched
from annotator.ui.coding.span import SPAN_MIME, Span
from annotator.ui.transcript.codings import line_colour
from annotator.ui.transcript.panel import TranscriptPanel
from tests.ui.test_transcript import TEXTS, make_project

KOMUNIKASI, RASA_AMAN, NYAMAN = 13, 8, 3  # theme ids in the relationships codebook
WAIT_MS = 5_000


@pytest.fixture
def project(tmp_path: Path, media: dict[str, Path]) -> Iterator[Project]:
    path = make_project(tmp_path / "studi.annotator", media)
    with Project.open(path) as opened:
        opened.themes.import_codebook(load_codebook("relationships"), "id")
        yield opened


@pytest.fixture
def panel(qtbot: QtBot, project: Project) -> TranscriptPanel:
    stack = QUndoStack()
    controller = CodingController(stack)
    controller.set_project(project)
    shown = TranscriptPanel(stack, controller=controller)
    shown._test_stack = stack  # keep it alive as long as the panel
    qtbot.addWidget(shown)
    shown.resize(900, 500)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_recording(project, 1)
    return shown


def select(panel: TranscriptPanel, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Select from (block, offset) to (block, offset)."""
    editor = panel.editor
    cursor = editor.textCursor()
    document = editor.document()
    cursor.setPosition(document.findBlockByNumber(start[0]).position() + start[1])
    cursor.setPosition(document.findBlockByNumber(end[0]).position() + end[1], cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def select_words(panel: TranscriptPanel, block: int, words: str) -> tuple[int, int]:
    start = TEXTS[block].index(words)
    select(panel, (block, start), (block, start + len(words)))
    return start, start + len(words)


def stored(project: Project) -> list[tuple]:
    """(theme id, start segment, start offset, end segment, end offset, quote, memo) of every passage."""
    return sorted(
        (v.theme_id, v.start_segment_id, v.start_offset, v.end_segment_id, v.end_offset, v.text, v.memo)
        for v in project.coding.passages(recordings=[1])
    )


def undo_redo(panel: TranscriptPanel, project: Project, before: list[tuple], after: list[tuple]) -> None:
    """The last change is one undo step: undo gives ``before`` back, redo ``after`` again, and the editor follows."""
    stack = panel.undo_stack
    stack.undo()
    assert stored(project) == before
    assert len(panel.editor.codings) == len(before)
    stack.redo()
    assert stored(project) == after
    assert len(panel.editor.codings) == len(after)


def point_of(panel: TranscriptPanel, block: int, offset: int) -> QPoint:
    """A point of the viewport on the character at (block, offset)."""
    editor = panel.editor
    text_block = editor.document().findBlockByNumber(block)
    geometry = editor.blockBoundingGeometry(text_block).translated(editor.contentOffset())
    line = text_block.layout().lineForTextPosition(offset)
    x = (line.cursorToX(offset)[0] + line.cursorToX(offset + 1)[0]) / 2
    return QPoint(int(geometry.left() + x), int(geometry.top() + line.y() + line.height() / 2))


def menu_action(menu: QMenu, text: str):  # noqa: ANN201
    for action in menu.actions():
        if action.text() == text:
            return action
        if action.menu() is not None:
            found = menu_action(action.menu(), text)
            if found is not None:
                return found
    return None


# -- coding the selection -------------------------------------------------------------------------------------
def test_code_selection_within_one_segment_and_undo(panel: TranscriptPanel, project: Project) -> None:
    start, end = select_words(panel, 0, "nyaman tinggal")
    made = panel.code_selection([KOMUNIKASI])
    assert len(made) == 1
    after = [(KOMUNIKASI, 1, start, 1, end, "nyaman tinggal", "")]
    assert stored(project) == after
    assert panel.undo_stack.count() == 1 and panel.undo_stack.text(0) == "Code with Komunikasi Terbuka"
    undo_redo(panel, project, [], after)


def test_a_selection_across_two_segments_codes_one_passage(panel: TranscriptPanel, project: Project) -> None:
    select(panel, (0, len("Saya merasa ")), (1, len("di panti")))
    span = panel.selected_span()
    assert span == Span(
        recording_id=1,
        start_segment_id=1,
        start_offset=12,
        end_segment_id=2,
        end_offset=8,
        text="nyaman tinggal\ndi panti",
    )
    panel.code_selection([RASA_AMAN, KOMUNIKASI])
    after = [
        (RASA_AMAN, 1, 12, 2, 8, "nyaman tinggal di panti", ""),
        (KOMUNIKASI, 1, 12, 2, 8, "nyaman tinggal di panti", ""),
    ]
    assert stored(project) == sorted(after)
    assert panel.undo_stack.count() == 1  # two themes, one undo step
    undo_redo(panel, project, [], sorted(after))
    editor = panel.editor
    assert {(c.start, c.end) for c in editor.codings.coded(1)} == {(12, None)}  # to the end of the first segment
    assert {(c.start, c.end) for c in editor.codings.coded(2)} == {(0, 8)}


def test_a_triple_clicked_segment_is_coded_without_the_next_one(panel: TranscriptPanel, project: Project) -> None:
    select(panel, (1, 0), (2, 0))  # the whole segment with its line break, as a triple click selects it
    span = panel.selected_span()
    assert (span.start_segment_id, span.start_offset, span.end_segment_id, span.end_offset) == (2, 0, 2, len(TEXTS[1]))


def test_coding_without_a_selection_says_what_to_do(qtbot: QtBot, panel: TranscriptPanel, project: Project) -> None:
    select(panel, (0, 3), (0, 3))
    for gesture in (lambda: panel.code_selection([KOMUNIKASI]), panel.assign_theme, lambda: panel.code_with_pinned(1)):
        with qtbot.waitSignal(panel.message, timeout=WAIT_MS) as message:
            gesture()
        assert message.args == ["Select the words to code first."]
    assert stored(project) == [] and panel.undo_stack.count() == 0
    assert panel.gestures.popup is None


# -- the assign popup -----------------------------------------------------------------------------------------
def test_popup_finds_a_theme_by_its_name_and_codes_with_it(
    qtbot: QtBot, panel: TranscriptPanel, project: Project
) -> None:
    start, end = select_words(panel, 1, "karena pegawai")
    popup = panel.assign_theme()
    assert popup is not None and popup.isVisible()
    QTest.keyClicks(popup.search, "komunikasi")
    assert popup.visible_names() == ["Komunikasi Terbuka"]
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert not popup.isVisible()
    after = [(KOMUNIKASI, 2, start, 2, end, "karena pegawai", "")]
    assert stored(project) == after
    undo_redo(panel, project, [], after)


def test_popup_finds_the_indonesian_theme_by_its_english_name(panel: TranscriptPanel, project: Project) -> None:
    select_words(panel, 0, "Saya merasa nyaman")
    popup = panel.assign_theme()
    QTest.keyClicks(popup.search, "OPEN communication")
    assert popup.visible_names()[0] == "Komunikasi Terbuka"
    popup.search.clear()
    QTest.keyClicks(popup.search, "feeling")  # "Feeling comfortable", "Feeling safe", "Feeling accepted ..."
    assert popup.visible_names()[:3] == ["Perasaan Nyaman", "Rasa Aman", "Merasa Diterima dan Diperlakukan Baik"]
    QTest.keyClick(popup.search, Qt.Key.Key_Down)
    QTest.keyClick(popup.search, Qt.Key.Key_Enter)
    assert [p[0] for p in stored(project)] == [RASA_AMAN]


def test_popup_ticks_several_themes_with_ctrl_enter(panel: TranscriptPanel, project: Project) -> None:
    start, end = select_words(panel, 2, "mendengarkan cerita")
    popup = panel.assign_theme()
    QTest.keyClicks(popup.search, "komunikasi")
    QTest.keyClick(popup.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert popup.isVisible() and popup.model.checked == [KOMUNIKASI]
    QTest.keyClicks(popup.search, "rasa aman")  # the ticked name was selected: typing replaces it
    assert popup.search.text() == "rasa aman"
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    after = sorted([(t, 3, start, 3, end, "mendengarkan cerita", "") for t in (KOMUNIKASI, RASA_AMAN)])
    assert stored(project) == after
    assert panel.undo_stack.count() == 1
    undo_redo(panel, project, [], after)


def test_popup_escape_closes_without_coding(panel: TranscriptPanel, project: Project) -> None:
    select_words(panel, 0, "nyaman")
    popup = panel.assign_theme()
    QTest.keyClicks(popup.search, "zzz")
    assert popup.visible_names() == [] and "No theme matches" in popup.hint.text()
    QTest.keyClick(popup.search, Qt.Key.Key_Escape)
    assert not popup.isVisible() and stored(project) == []


def test_matching_ignores_case_and_accents() -> None:
    options = [
        Choice(1, "Café bersama", "Kegiatan/Café bersama", "#ffffff", ("Coffee together",), ""),
        Choice(2, "Kegiatan", "Kegiatan", "#ffffff", ("Activities",), ""),
    ]
    assert [c.id for c in matching(options, "CAFE")] == [1]
    assert [c.id for c in matching(options, "kegiatan")] == [2, 1]  # the name first, then a theme below it
    assert [c.id for c in matching(options, "coffee")] == [1]


# -- pinned themes ----------------------------------------------------------------------------------------------
def test_a_pinned_theme_codes_the_selection(qtbot: QtBot, panel: TranscriptPanel, project: Project) -> None:
    if not hasattr(project.themes, "set_pinned"):
        pytest.skip("ThemeService has no pinned themes yet")
    project.themes.set_pinned([KOMUNIKASI, RASA_AMAN])
    start, end = select_words(panel, 2, "cerita saya.")
    assert len(panel.code_with_pinned(2)) == 1
    after = [(RASA_AMAN, 3, start, 3, end, "cerita saya.", "")]
    assert stored(project) == after
    undo_redo(panel, project, [], after)
    with qtbot.waitSignal(panel.message, timeout=WAIT_MS) as message:
        assert panel.code_with_pinned(5) == []
    assert message.args == ["No theme is pinned to 5; pin themes in the themes panel."]
    assert stored(project) == after
    menu = panel.editor.context_menu(point_of(panel, 2, start + 1))
    pinned = menu_action(menu, "Rasa Aman\tCtrl+2")
    assert pinned is not None and pinned.isEnabled()


# -- drag -------------------------------------------------------------------------------------------------------
def test_a_dragged_selection_carries_its_span(panel: TranscriptPanel) -> None:
    select(panel, (1, len("di ")), (2, len("mau")))
    mime = panel.editor.createMimeDataFromSelection()
    assert SPAN_MIME in mime.formats()  # what a drop target asks first, before anything reads the text
    assert mime.text() == "panti, karena pegawai\nmau"
    span = Span.from_mime(mime)
    assert span == Span(1, None, 2, 3, 3, 3, "panti, karena pegawai\nmau")


# -- a passage: the context menu --------------------------------------------------------------------------------
def coded(panel: TranscriptPanel, block: int, words: str, theme: int) -> int:
    start, _end = select_words(panel, block, words)
    (view,) = panel.code_selection([theme])
    return start


def test_context_menu_lists_coding_actions_above_the_edit_actions(panel: TranscriptPanel) -> None:
    start = coded(panel, 0, "nyaman tinggal", KOMUNIKASI)
    select(panel, (0, 0), (0, 0))
    menu = panel.editor.context_menu(point_of(panel, 0, start + 2))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:6] == [
        "Code with…",
        "Remove passage “Komunikasi Terbuka”",
        "Memo…",
        "Change theme…",
        "Resize to selection",
        "Play passage",
    ]
    assert any("Copy" in t for t in texts[6:]) and any("Select All" in t for t in texts[6:])
    assert not menu_action(menu, "Code with…").isEnabled()  # nothing selected
    assert not menu_action(menu, "Resize to selection").isEnabled()
    beside = panel.editor.context_menu(point_of(panel, 0, 1))  # on "Saya": no passage there
    assert menu_action(beside, "Memo…") is None


def test_remove_a_passage_from_the_context_menu(qtbot: QtBot, panel: TranscriptPanel, project: Project) -> None:
    start = coded(panel, 0, "nyaman tinggal", KOMUNIKASI)
    before = stored(project)
    point = point_of(panel, 0, start + 2)

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        menu_action(menu, "Remove passage “Komunikasi Terbuka”").trigger()
        menu.close()

    QTimer.singleShot(100, choose)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, panel.editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(panel.editor.viewport(), event)  # the real menu, as a right click opens it
    assert stored(project) == []
    assert panel.editor.codings.coded(1) == []
    undo_redo(panel, project, before, [])


def test_memo_from_the_context_menu(panel: TranscriptPanel, project: Project) -> None:
    start = coded(panel, 1, "karena pegawai", KOMUNIKASI)
    before = stored(project)
    menu_action(panel.editor.context_menu(point_of(panel, 1, start)), "Memo…").trigger()
    dialog = panel.gestures.memo_dialog
    assert dialog is not None and dialog.isVisible() and dialog.textValue() == ""
    dialog.setTextValue("Pegawai sebagai pendengar.\nLihat juga sesi 2.")
    dialog.accept()
    after = [before[0][:-1] + ("Pegawai sebagai pendengar.\nLihat juga sesi 2.",)]
    assert stored(project) == after
    undo_redo(panel, project, before, after)


def test_change_theme_from_the_context_menu(panel: TranscriptPanel, project: Project) -> None:
    start = coded(panel, 1, "karena pegawai", KOMUNIKASI)
    before = stored(project)
    menu_action(panel.editor.context_menu(point_of(panel, 1, start)), "Change theme…").trigger()
    popup = panel.gestures.popup
    assert popup is not None and not popup.several
    QTest.keyClicks(popup.search, "rasa aman")
    QTest.keyClick(popup.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # one theme only
    after = [(RASA_AMAN, *before[0][1:])]
    assert stored(project) == after
    assert panel.editor.codings.coded(2)[0].colour == line_colour(project.themes.get(RASA_AMAN).color)
    undo_redo(panel, project, before, after)


def test_resize_a_passage_to_the_selection(panel: TranscriptPanel, project: Project) -> None:
    start = coded(panel, 1, "pegawai", KOMUNIKASI)
    before = stored(project)
    select(panel, (1, len("di panti, ")), (2, len("mau")))
    menu_action(panel.editor.context_menu(point_of(panel, 1, start)), "Resize to selection").trigger()
    after = [(KOMUNIKASI, 2, len("di panti, "), 3, 3, "karena pegawai mau", "")]
    assert stored(project) == after
    undo_redo(panel, project, before, after)


def test_play_a_passage(qtbot: QtBot, panel: TranscriptPanel) -> None:
    start = coded(panel, 1, "karena pegawai", KOMUNIKASI)
    with qtbot.waitSignal(panel.playRequested, timeout=WAIT_MS) as played:
        menu_action(panel.editor.context_menu(point_of(panel, 1, start)), "Play passage").trigger()
    assert played.args == [2800, 3500]  # from "karena" to the end of "pegawai"


# -- what the editor shows --------------------------------------------------------------------------------------
def test_coded_words_are_tinted_and_underlined_in_the_theme_colour(panel: TranscriptPanel, project: Project) -> None:
    start, end = select_words(panel, 0, "nyaman tinggal")
    panel.code_selection([KOMUNIKASI])
    select(panel, (2, 0), (2, 0))
    colour = project.themes.get(KOMUNIKASI).color
    editor = panel.editor
    (mark,) = editor.codings.coded(1)
    assert (mark.start, mark.end, mark.colour) == (start, end, line_colour(colour))
    ((run_start, run_end, tint),) = editor.codings.runs(1, len(TEXTS[0]))
    assert (run_start, run_end) == (start, end)
    layout = editor.document().findBlockByNumber(0).layout()
    tinted = [(r.start, r.length) for r in layout.formats() if r.format.background().color() == tint]
    assert sum(length for _s, length in tinted) == end - start
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    wavy = [(r.start, r.length) for r in layout.formats() if r.format.underlineStyle() == wave]
    assert wavy == [(start, len("nyaman"))]  # the doubtful word keeps its mark, on the tint
    # The rendered panel: the underline's colour right under the coded words, none under the others.
    image = panel.grab().toImage()
    block = editor.document().findBlockByNumber(0)
    line = block.layout().lineAt(0)
    top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
    band = editor.document_layout.band
    y = int(top + line.y() + line.height() + band.gap + band.thickness / 2)

    def pixel(offset: int) -> QColor:
        x = int(line.cursorToX(offset)[0]) + editor.contentOffset().x()
        return image.pixelColor(editor.viewport().mapTo(panel, QPoint(int(x), y)))

    assert pixel(start + 3).name() == line_colour(colour).name()
    assert pixel(end - 2).name() == line_colour(colour).name()
    assert pixel(2).name() == "#ffffff"  # "Saya" is not coded


def test_only_the_blocks_whose_codings_changed_are_reformatted(panel: TranscriptPanel, project: Project) -> None:
    select_words(panel, 2, "mau")
    panel.code_selection([KOMUNIKASI])
    editor = panel.editor
    views = project.coding.passages(recordings=[1])
    assert editor.set_codings(views) == set()  # the same codings: nothing to reformat
    project.coding.code_span(1, 2, 0, 2, 2, [RASA_AMAN])
    assert editor.set_codings(project.coding.passages(recordings=[1])) == {2}


def test_the_codebook_changing_recolours_the_passages(panel: TranscriptPanel, project: Project) -> None:
    select_words(panel, 2, "mau")
    panel.code_selection([KOMUNIKASI])
    project.themes.recolour(KOMUNIKASI, "#1e88e5")
    panel.controller.changed.emit(Touched(codebook=True))
    assert panel.editor.codings.coded(3)[0].colour == line_colour("#1e88e5")


def test_more_than_three_codings_on_the_same_words_are_counted(panel: TranscriptPanel, project: Project) -> None:
    select_words(panel, 1, "karena pegawai")
    panel.code_selection([KOMUNIKASI, RASA_AMAN, NYAMAN, 4, 5])
    assert len(panel.editor.codings.coded(2)) == 5
    panel.grab()  # paints three lanes and "+2" (no error, nothing read from the database)


def test_hovering_coded_words_shows_their_themes_memo_and_time(panel: TranscriptPanel, project: Project) -> None:
    start = coded(panel, 1, "karena pegawai", KOMUNIKASI)
    panel.controller.set_memo(project.coding.passages()[0].id, "penting")
    editor = panel.editor
    point = point_of(editor.parent(), 1, start + 1)
    editor.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point)))
    text = QToolTip.text()
    assert "Faktor-Faktor yang Mempengaruhi Hubungan Sosial/Komunikasi Terbuka" in text
    assert "penting" in text and "0:00:02–0:00:03" in text and "#e28fef" in text
    QToolTip.hideText()


def test_clicking_a_bracket_in_the_coding_bar_selects_its_passage(qtbot: QtBot, panel: TranscriptPanel) -> None:
    select(panel, (0, len("Saya ")), (1, len("di panti")))
    panel.code_selection([KOMUNIKASI])
    select(panel, (2, 0), (2, 0))
    bar = panel.editor.bar
    panel.editor.viewport().repaint()
    bar.repaint()
    (bracket,) = bar.brackets()
    assert not bracket.open_top and not bracket.open_bottom
    x = int(3 + bracket.column * bar.column_width() + bar.column_width() - 2)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(x, int((bracket.top + bracket.bottom) / 2)))
    assert panel.editor.textCursor().selectedText() == "merasa nyaman tinggal\u2029di panti"


# -- typing in coded text ---------------------------------------------------------------------------------------
def test_typing_inside_a_passage_keeps_it_on_its_words(qtbot: QtBot, panel: TranscriptPanel, project: Project) -> None:
    start, end = select_words(panel, 0, "merasa nyaman tinggal")
    panel.code_selection([KOMUNIKASI])
    select(panel, (0, 0), (0, 0))
    QTest.keyClicks(panel.editor, "Ya, ")
    (mark,) = panel.editor.codings.coded(1)
    assert (mark.start, mark.end) == (start + 4, end + 4)  # moved with the text before it is stored
    layout = panel.editor.document().findBlockByNumber(0).layout()
    tinted = sorted(
        (r.start, r.start + r.length)
        for r in layout.formats()
        if r.format.background().style() != Qt.BrushStyle.NoBrush
    )
    assert (tinted[0][0], tinted[-1][1]) == (start + 4, end + 4)  # the tint too, as the block was formatted
    select(panel, (0, start + 4 + len("merasa")), (0, start + 4 + len("merasa")))
    QTest.keyClicks(panel.editor, " sangat")
    (mark,) = panel.editor.codings.coded(1)
    assert (mark.start, mark.end) == (start + 4, end + 11)  # typed inside: the passage grows
    panel.editor.commit()
    assert stored(project) == [(KOMUNIKASI, 1, start + 4, 1, end + 11, "merasa sangat nyaman tinggal", "")]
    (mark,) = panel.editor.codings.coded(1)
    assert (mark.start, mark.end) == (start + 4, end + 11)


# -- changes across segments that go round the keys -----------------------------------------------------------
def test_the_menu_offers_no_cut_or_delete_across_segments_nor_qts_own_undo(panel: TranscriptPanel) -> None:
    select(panel, (1, 3), (2, 3))
    menu = panel.editor.context_menu(QPoint(5, 5))
    names = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert "edit-undo" not in names and "edit-redo" not in names
    assert not names["edit-cut"].isEnabled() and not names["edit-delete"].isEnabled()
    assert names["edit-copy"].isEnabled()
    menu.deleteLater()
    select(panel, (1, 3), (1, 8))  # within one segment, cutting is editing
    menu = panel.editor.context_menu(QPoint(5, 5))
    assert {a.objectName(): a for a in menu.actions()}["edit-cut"].isEnabled()
    menu.deleteLater()


def test_lines_joined_a_way_round_the_keys_bring_the_stored_transcript_back(
    qtbot: QtBot, panel: TranscriptPanel, project: Project
) -> None:
    before = [(s.id, s.text) for s in project.editing.load(1).segments]
    messages: list[str] = []
    panel.message.connect(messages.append)
    select(panel, (1, 3), (2, 3))
    panel.editor.textCursor().removeSelectedText()  # as the standard Delete or Cut would, or a drop
    qtbot.waitUntil(lambda: panel.editor.document().blockCount() == len(before), timeout=5_000)
    assert [b for b in panel.editor.toPlainText().split("\n")] == [text for _id, text in before]
    assert messages and "one segment at a time" in messages[0]
    panel.editor.commit()
    assert [(s.id, s.text) for s in project.editing.load(1).segments] == before  # nothing stored on the wrong segment


def test_words_dragged_from_the_transcript_are_not_dropped_back_into_it(panel: TranscriptPanel) -> None:
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent

    class Dropped(QDropEvent):
        def source(self):  # noqa: ANN202 - as if dragged out of this editor
            return panel.editor

    before = panel.editor.toPlainText()
    mime = QMimeData()
    mime.setText("pegawai")
    event = Dropped(
        QPointF(10, 10), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    panel.editor.dropEvent(event)
    assert panel.editor.toPlainText() == before
