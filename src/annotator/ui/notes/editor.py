"""The text of one document of field notes, and its coded passages painted on it.

Coded text looks as in the transcript: a light tint of the theme's colour (where passages overlap, the innermost
one's), and under the line one thin underline per coding in a deeper shade of the theme's colour, stacked in up to
:data:`~annotator.ui.transcript.codings.LANES` lanes (more codings on the same words show a "+n"). Hovering coded
words lists their themes and memos.

The editor keeps the codings' ranges itself, as Qt positions in its text: they move with what is typed (text typed
right before or after a passage stays out of it), so nothing is read from the database per key. What is typed is
kept in the project at once (``keepRequested``, :data:`KEEP_AFTER_MS` after a key, core.services.typing). The panel
stores it as an edit after a pause in typing (:data:`COMMIT_AFTER_MS`), when the editor loses focus, or before a
selection is dragged (``commitRequested``), and then reads the codings again: the core has mapped them onto the new
text.
Offsets the core speaks (``str`` indices) are converted at this edge (Qt counts UTF-16 units).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from annotator.core.services.coding import PassageView
from annotator.ui.coding.spaced_layout import SpacedLayout, character_at
from annotator.ui.coding.span import Span
from annotator.ui.transcript.codings import LANES, TINT, from_utf16, line_colour, mix, utf16

KEEP_AFTER_MS = 50  # typed text is kept in the project at most this long after a key (core.services.typing)
COMMIT_AFTER_MS = 700  # a pause in typing makes an edit of it (codings carried over, an undo step)
RETRY_AFTER_MS = 2_000  # a store that failed (the disk, the database) is tried again after this
HINT = QColor("#555555")
Runs = list[tuple[int, int, QColor]]  # (start, end, tint) in Qt positions of the document, not overlapping


def describe(views: list[PassageView]) -> str:
    """A tooltip for coded words: each coding's theme (with its colour), its memo and its coder."""
    parts = []
    for view in views:
        swatch = f'<span style="background-color:{view.theme_color}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        lines = [f"{swatch}&nbsp;<b>{html.escape(view.theme_path)}</b>"]
        if view.memo:
            lines.append(f"<i>{html.escape(view.memo)}</i>".replace("\n", "<br>"))
        if view.coder:
            coder = QCoreApplication.translate("NotesEditor", "coded by {coder}").format(coder=html.escape(view.coder))
            lines.append(f'<span style="color:#666666">{coder}</span>')
        parts.append("<br>".join(lines))
    return "<p style='white-space:pre-wrap'>" + "<hr>".join(parts) + "</p>"


class NotesHighlighter(QSyntaxHighlighter):
    """The tint of coded text, one paragraph at a time, from the editor's ranges."""

    def __init__(self, document: QTextDocument, runs: Callable[[int, int], Runs]) -> None:
        super().__init__(document)
        self._runs = runs
        self._formats: dict[int, QTextCharFormat] = {}

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        position = self.currentBlock().position()
        for start, end, tint in self._runs(position, position + len(text)):
            fmt = self._formats.get(tint.rgb())
            if fmt is None:
                fmt = self._formats[tint.rgb()] = QTextCharFormat()
                fmt.setBackground(tint)
            self.setFormat(start - position, end - start, fmt)


class NotesEditor(QPlainTextEdit):
    commitRequested = Signal()  # noqa: N815 - typing paused, focus left, or a drag begins: store the text now
    keepRequested = Signal()  # noqa: N815 - typing goes on: keep what is typed so far at once

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)
        self.document_layout = SpacedLayout(document)  # room under each line for the underlines
        document.setDocumentLayout(self.document_layout)
        document.setDocumentMargin(8)
        self.setDocument(document)
        self.document_layout.set_font(self.font())
        self.setUndoRedoEnabled(False)  # every change goes through the window's undo stack
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document_id: int | None = None
        self.dirty = False  # typed in since the text was loaded or stored
        self.window_keys: set[str] = set()  # the window's shortcuts, which the editor must not take
        self.extend_menu: Callable[[QMenu, QPoint], None] | None = None  # the panel's coding actions
        self.views: dict[int, PassageView] = {}
        self._marks: list[list[int]] = []  # [start, end, coding id], Qt positions, in the order to stack them
        self._loading = False
        # Before the highlighter's own connection: the ranges move with typed text before the block is formatted.
        document.contentsChange.connect(self._changed)
        self.highlighter = NotesHighlighter(document, self.runs)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_AFTER_MS)
        self._timer.timeout.connect(self.commitRequested)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_AFTER_MS)
        self._keep_timer.timeout.connect(self.keepRequested)

    # -- text -------------------------------------------------------------------------------------------------
    def text(self) -> str:
        """The text as typed, newlines as ``\\n`` (non-breaking spaces and the like kept, unlike toPlainText)."""
        return self.document().toRawText().replace("\u2029", "\n")

    def load(self, text: str, codings: Iterable[PassageView] = (), *, keep_place: bool = True) -> None:
        """Show a text and its codings; the cursor and the scroll position stay where they were, if they can (with
        ``keep_place``), else the text is shown from its beginning."""
        self._timer.stop()
        cursor = self.textCursor()
        anchor, position = (cursor.anchor(), cursor.position()) if keep_place else (0, 0)
        scroll = self.verticalScrollBar().value() if keep_place else 0
        self._loading = True
        self._marks = []
        self.setPlainText(text)
        self._loading = False
        self.dirty = False
        self.set_codings(codings)
        end = self.document().characterCount() - 1
        cursor = self.textCursor()
        cursor.setPosition(min(anchor, end))
        cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    def stored(self) -> None:
        """The text as it is now has been stored."""
        self._timer.stop()
        self._keep_timer.stop()
        self.dirty = False

    def _changed(self, position: int, removed: int, added: int) -> None:
        if self._loading or self.isReadOnly():
            return
        self._shift(position, removed, added)
        self.dirty = True
        self._timer.start(COMMIT_AFTER_MS)
        if not self._keep_timer.isActive():  # not restarted by the next key: kept while typing goes on
            self._keep_timer.start()

    def store_again(self) -> None:
        """The text could not be stored: it stays as typed, and is tried again in a while."""
        self.dirty = True
        self._timer.start(RETRY_AFTER_MS)

    # -- codings ----------------------------------------------------------------------------------------------
    def set_codings(self, views: Iterable[PassageView]) -> None:
        """Show these codings (offsets into the text as stored, which is the text shown)."""
        text = self.text()
        ordered = sorted(views, key=lambda v: (v.start_offset, -v.end_offset))
        self.views = {v.id: v for v in ordered}
        self._marks = [[utf16(text, v.start_offset), utf16(text, v.end_offset), v.id] for v in ordered]
        self.highlighter.rehighlight()
        self.viewport().update()

    def ranges(self) -> dict[int, tuple[int, int]]:
        """Each coding's range as shown now, as ``str`` offsets into :meth:`text`."""
        text = self.text()
        return {cid: (from_utf16(text, start), from_utf16(text, end)) for start, end, cid in self._marks}

    def _shift(self, position: int, removed: int, added: int) -> None:
        delta, cut = added - removed, position + removed
        moved = False
        for mark in self._marks:
            start, end = mark[0], mark[1]
            if start > position or (start == position and not removed):
                mark[0] = start + delta if start >= cut else position + added
            if end > position:
                mark[1] = end + delta if end >= cut else position + added
            moved = moved or (mark[0], mark[1]) != (start, end)
        if moved:
            self.viewport().update()

    def runs(self, first: int, last: int) -> Runs:
        """The tint of the coded text between two positions: the innermost passage's colour where they overlap."""
        inside = [(max(s, first), min(e, last), e - s, n, cid) for n, (s, e, cid) in enumerate(self._marks)]
        inside = [m for m in inside if m[0] < m[1]]
        cuts = sorted({p for m in inside for p in m[:2]})
        found: Runs = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            here = [(length, n, cid) for s, e, length, n, cid in inside if s <= a and b <= e]
            if not here:
                continue
            tint = mix(QColor(self.views[min(here)[2]].theme_color), TINT)
            if found and found[-1][1] == a and found[-1][2] == tint:
                found[-1] = (found[-1][0], b, tint)
            else:
                found.append((a, b, tint))
        return found

    def codings_at(self, point: QPoint) -> list[PassageView]:
        """The codings on the character under a point of the viewport (or in the band of underlines below it)."""
        position = self._char_at(point)
        if position is None:
            return []
        return [self.views[cid] for start, end, cid in self._marks if start <= position < end and cid in self.views]

    def _char_at(self, point: QPoint) -> int | None:
        found = character_at(self, self.document_layout.band.room, point)
        return found[0].position() + found[1] if found is not None else None

    # -- selection --------------------------------------------------------------------------------------------
    def selected_range(self) -> tuple[int, int] | None:
        """The selection as ``str`` offsets into :meth:`text`, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.text()
        return from_utf16(text, cursor.selectionStart()), from_utf16(text, cursor.selectionEnd())

    def selected_span(self) -> Span | None:
        selected = self.selected_range()
        if selected is None or self.document_id is None:
            return None
        start, end = selected
        return Span(document_id=self.document_id, start_offset=start, end_offset=end, text=self.text()[start:end])

    def select_range(self, start: int, end: int) -> None:
        """Select ``str`` offsets ``start`` .. ``end`` and bring them into view."""
        text = self.text()
        last = self.document().characterCount() - 1
        cursor = self.textCursor()
        cursor.setPosition(min(utf16(text, start), last))
        cursor.setPosition(min(utf16(text, end), last), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        """The selected text and where it is (a span), for dropping on a theme; typed text is stored first, so the
        span's offsets are those of the stored text."""
        if self.dirty:
            self.commitRequested.emit()
        lazy = super().createMimeDataFromSelection()  # its formats() are fixed: copied into one that takes more
        mime = QMimeData()
        for name in lazy.formats():
            mime.setData(name, lazy.data(name))
        span = self.selected_span()
        if span is not None:
            span.add_to(mime)
        return mime

    # -- painting ---------------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._marks:
            return
        painter = QPainter(self.viewport())
        area = event.rect()
        block, offset = self.firstVisibleBlock(), self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > area.bottom():
                break
            if block.isVisible() and geometry.bottom() >= area.top():
                self._paint_block(painter, block, geometry.left(), geometry.top())
            block = block.next()
        painter.end()

    def _paint_block(self, painter: QPainter, block: QTextBlock, left: float, top: float) -> None:
        """Under each line, each coding on it on the first lane free under its words; the rest counted in "+n"."""
        band = self.document_layout.band
        layout, here = block.layout(), block.position()
        colours: dict[str, QColor] = {}
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            first, last = here + line.textStart(), here + line.textStart() + line.textLength()
            base = top + line.y() + line.height() + band.gap
            lanes: list[list[tuple[float, float]]] = [[] for _ in range(LANES)]
            hidden: list[tuple[float, float]] = []
            for start, end, cid in self._marks:
                if end <= first or start >= last or start >= end or cid not in self.views:
                    continue
                x1 = left + line.cursorToX(max(start, first) - here)[0]
                x2 = left + line.cursorToX(min(end, last) - here)[0]
                lane = next((n for n, taken in enumerate(lanes) if all(x2 <= a or x1 >= b for a, b in taken)), None)
                if lane is None:
                    hidden.append((x1, x2))
                    continue
                lanes[lane].append((x1, x2))
                name = self.views[cid].theme_color
                colour = colours.get(name) or colours.setdefault(name, line_colour(name))
                painter.fillRect(QRectF(x1, base + lane * band.pitch, x2 - x1, band.thickness), colour)
            if hidden:
                self._paint_more(painter, hidden, base, band.room - band.gap)

    def _paint_more(self, painter: QPainter, hidden: list[tuple[float, float]], base: float, height: float) -> None:
        """ "+n" after the right end of the words of codings that found no lane."""
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.7, 6))
        painter.save()
        painter.setFont(small)
        label = f"+{len(hidden)}"
        right = max(x2 for _x1, x2 in hidden)
        box = QRectF(right + 1, base, painter.fontMetrics().horizontalAdvance(label) + 2, height)
        painter.fillRect(box, QColor(255, 255, 255, 220))
        painter.setPen(HINT)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        painter.restore()

    # -- events -----------------------------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            views = self.codings_at(event.pos())
            if views:
                QToolTip.showText(event.globalPos(), describe(views), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def context_menu(self, point: QPoint) -> QMenu:
        """The menu at a point of the viewport: the coding actions, then the standard edit actions."""
        menu = self.createStandardContextMenu(point)
        if self.extend_menu is not None:
            self.extend_menu(menu, point)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def event(self, event: QEvent) -> bool:
        """Undo and redo (and the window's shortcuts) go to the window, not to the editor's own key handling."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = QKeySequence(event.keyCombination())
            if (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or keys.toString() in self.window_keys
            ):
                event.ignore()
                return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.document_layout.set_font(self.font())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if self.dirty:
            self.commitRequested.emit()
