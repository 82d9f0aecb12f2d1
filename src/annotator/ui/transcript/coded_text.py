"""The transcript editor's side of coding: what it shows of coded passages and what it offers to code them.

:class:`CodedText` is mixed into :class:`~annotator.ui.transcript.editor.TranscriptEditor`. It keeps the editor's
coding index up to date (all of a recording's codings, some read again, ranges moved by typing), re-formats only
the blocks whose codings changed, paints the underlines, shows the tooltip over coded words, turns the selection
into a span (for coding it, and for dragging it onto a theme), and builds the context menu.

Block number = index into ``editor.segments``; offsets into a segment's text are ``str`` indices (Qt's block
positions are converted at this edge).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QPoint
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QPainter, QPaintEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip

from annotator.core.services.coding import PassageView
from annotator.ui.coding.spaced_layout import character_at
from annotator.ui.coding.span import Span
from annotator.ui.transcript.coding_paint import describe
from annotator.ui.transcript.codings import from_utf16, utf16
from annotator.ui.transcript.highlighter import Runs

if TYPE_CHECKING:
    from annotator.ui.transcript.editor import TranscriptEditor

    Base = TranscriptEditor
else:
    Base = object

PARAGRAPH = "\u2029"  # how QTextCursor.selectedText() separates blocks


class CodedText(Base):
    extend_menu: Callable[[QMenu, QPoint], None] | None  # the panel's coding actions for the context menu

    # -- the index --------------------------------------------------------------------------------------------
    def set_codings(self, views: Iterable[PassageView]) -> set[int]:
        """Show these codings (all of this transcript's); only the blocks whose marks changed are re-formatted.
        Returns the segments that changed."""
        changed = self.codings.rebuild(views, [s.id for s in self.segments])
        self._repaint_segments(changed)
        return changed

    def update_codings(self, views: dict[int, PassageView | None]) -> set[int]:
        """Some codings read again (None: gone), after their segment was stored."""
        changed = self.codings.update(views, [s.id for s in self.segments])
        self._repaint_segments(changed)
        return changed

    def _repaint_segments(self, segment_ids: set[int]) -> None:
        for segment_id in segment_ids:
            block = self.document().findBlockByNumber(self.block_of(segment_id))
            if block.isValid():
                self.highlighter.rehighlightBlock(block)
        self.viewport().update()
        self.bar.update()

    def _coded_runs(self, block_number: int, text: str) -> Runs:
        """The tints of a block, for the highlighter (in Qt positions)."""
        segment = self.segment_at(block_number)
        if segment is None:
            return []
        runs = self.codings.runs(segment.id, len(text))
        if text.isascii():
            return runs
        return [(utf16(text, a), utf16(text, b), tint) for a, b, tint in runs]

    def _shift_codings(self, position: int, removed: int, added: int) -> None:
        """Typed text moves the codings of its block (connected before the highlighter formats the block)."""
        if self._loading or not len(self.codings):
            return
        block = self.document().findBlock(position)
        segment = self.segment_at(block.blockNumber())
        if segment is None:
            return
        offset = from_utf16(block.text(), position - block.position())
        if self.codings.shift(segment.id, offset, removed, added):
            self._bar_timer.start()  # the brackets follow once typing pauses, not at every key

    # -- the selection and the passages under a point --------------------------------------------------------
    def selected_span(self, cursor: QTextCursor | None = None) -> Span | None:
        """The selection as (segment, offset) .. (segment, offset); None without a selection or a recording."""
        cursor = cursor or self.textCursor()
        if not cursor.hasSelection() or self.recording_id is None or not self.segments:
            return None
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        start_block, end_block = first.blockNumber(), last.blockNumber()
        start = from_utf16(first.text(), cursor.selectionStart() - first.position())
        end = from_utf16(last.text(), cursor.selectionEnd() - last.position())
        if end == 0 and end_block > start_block:  # the selection took the line break too (a triple click)
            end_block -= 1
            end = len(document.findBlockByNumber(end_block).text())
        if start == len(first.text()) and start_block < end_block:  # it starts at the very end of a segment
            start_block, start = start_block + 1, 0
        if not (0 <= start_block <= end_block < len(self.segments)):
            return None
        return Span(
            recording_id=self.recording_id,
            start_segment_id=self.segments[start_block].id,
            start_offset=start,
            end_segment_id=self.segments[end_block].id,
            end_offset=end,
            text=cursor.selectedText().replace(PARAGRAPH, "\n"),
        )

    def char_at(self, point: QPoint) -> tuple[int, int] | None:
        """(block, offset) of the character under a point of the viewport, also in the band under its line; None
        beside the text."""
        found = character_at(self, self.document_layout.band.room, point)
        if found is None:
            return None
        block, position = found
        return block.blockNumber(), from_utf16(block.text(), position)

    def codings_at(self, point: QPoint) -> list[PassageView]:
        """The codings on the character under a point of the viewport."""
        found = self.char_at(point)
        segment = self.segment_at(found[0]) if found is not None else None
        return self.codings.at(segment.id, found[1]) if segment is not None and found is not None else []

    def select_coding(self, coding_id: int) -> bool:
        """Select a passage's text (as the editor shows it now) and bring it into view."""
        view = self.codings.views.get(coding_id)
        if view is None:
            return False
        first, last = self.block_of(view.start_segment_id), self.block_of(view.end_segment_id)
        if first < 0 or last < 0:
            return False
        document = self.document()
        start_block, end_block = document.findBlockByNumber(first), document.findBlockByNumber(last)
        start = min(view.start_offset, len(start_block.text()))
        end = min(view.end_offset, len(end_block.text()))
        cursor = QTextCursor(document)
        cursor.setPosition(end_block.position() + utf16(end_block.text(), end))
        cursor.setPosition(start_block.position() + utf16(start_block.text(), start), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        """The selected text, and where it is (a span), for dropping on a theme."""
        selected = QPlainTextEdit.createMimeDataFromSelection(self)
        mime = QMimeData()  # Qt's own lists its formats once made: the span would not be seen by a drop target
        for fmt in selected.formats():
            mime.setData(fmt, selected.data(fmt))
        span = self.selected_span()
        if span is not None:
            span.add_to(mime)
        return mime

    # -- painting, hovering, the menu ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        QPlainTextEdit.paintEvent(self, event)
        if len(self.codings):
            painter = QPainter(self.viewport())
            self.underlines.paint(self, painter, event.rect())

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            views = self.codings_at(event.pos())
            if views:
                QToolTip.showText(event.globalPos(), describe(views), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return QPlainTextEdit.viewportEvent(self, event)

    def context_menu(self, point: QPoint) -> QMenu:
        """The editor's menu at a point of the viewport: the coding actions, then the standard edit actions."""
        menu = self.createStandardContextMenu(point)
        across = self._spans_blocks(self.textCursor())
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-undo", "edit-redo"):
                menu.removeAction(action)  # the window's Undo and Redo (Edit menu) are the ones that count
            elif across and name in ("edit-cut", "edit-paste", "edit-delete"):
                action.setEnabled(False)  # a change across segments is a merge, not an edit
        if self.extend_menu is not None:
            self.extend_menu(menu, point)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
