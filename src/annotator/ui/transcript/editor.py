"""The transcript editor: one text block per segment, the spoken word lit while playing.

Text is edited in place; the editor only reports what changed (a segment's new text, a split, a
merge) and the panel stores it through the core's editing service, as one undoable command. Timing
never lives in the text: each block knows its segment, and each segment its timed words.

Coded passages are shown from an index of the recording's codings (:mod:`~annotator.ui.transcript.codings`):
a tint from the highlighter, stacked underlines painted over the visible blocks, and brackets in the coding bar
on the right. The index moves with the text while a person types; nothing is read from the database per key.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from annotator.core.services.coding import PassageView
from annotator.core.services.editing import SegmentView, TranscriptView
from annotator.ui.transcript.coded_text import CodedText
from annotator.ui.transcript.coding_bar import CodingBar
from annotator.ui.transcript.coding_paint import SpacedLayout, Underlines
from annotator.ui.transcript.codings import CodingIndex
from annotator.ui.transcript.highlighter import TranscriptHighlighter
from annotator.ui.transcript.margin import Margin

PLAYING_WORD = QColor("#ffe082")
KEEP_AFTER_MS = 50  # typed text is kept in the project at most this long after a key (core.services.typing)
COMMIT_AFTER_MS = 700  # a pause in typing makes an edit of it (words, codings, an undo step)
RETRY_AFTER_MS = 2_000  # a store that failed (the disk, the database) is tried again after this
GAP_MIN_MS = 5_000  # as the recogniser keeps them


def silent_everywhere(view: TranscriptView) -> list[tuple[int, int]]:
    """The gaps in which no channel has speech (one channel per speaker: each has gaps of its own)."""
    by_channel: dict[int | None, list[tuple[int, int]]] = {}
    for gap in view.gaps:
        by_channel.setdefault(gap.channel, []).append((gap.start_ms, gap.end_ms))
    channels = list(by_channel.values())
    if not channels:
        return []
    common = sorted(channels[0])
    for other in channels[1:]:
        common = [(max(a, c), min(b, d)) for a, b in common for c, d in sorted(other) if max(a, c) < min(b, d)]
    return [(a, b) for a, b in common if b - a >= GAP_MIN_MS]


class TranscriptEditor(CodedText, QPlainTextEdit):
    seekRequested = Signal(int)  # ms
    textEdited = Signal(int, str)  # segment id, new text: make an edit of it
    typingKept = Signal(int, str)  # segment id, the text typed so far: keep it at once
    splitRequested = Signal(int, int)  # segment id, offset
    mergeRequested = Signal(int)  # segment id (merged with the next one)
    followChanged = Signal(bool)
    refused = Signal(str)  # a message for the status bar
    reloadRequested = Signal()  # the text lost its one-block-per-segment shape: show the stored transcript again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)
        self.document_layout = SpacedLayout(document)  # room under each line for the coding underlines
        document.setDocumentLayout(self.document_layout)
        self.setDocument(document)
        self.document_layout.set_font(self.font())
        self.setUndoRedoEnabled(False)  # every change goes through the window's undo stack
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.segments: list[SegmentView] = []
        self._starts: list[int] = []
        self._gaps_before: set[int] = set()
        self._dirty: set[int] = set()
        self._loading = False
        self._playing: tuple[int, int] | None = None  # (block, word index) lit now
        self.following = True
        self.window_keys: set[str] = set()  # the window's shortcuts, which the editor must not take
        self.recording_id: int | None = None
        self.codings = CodingIndex()
        self.underlines = Underlines()
        self._blocks: dict[int, int] = {}  # segment id -> block number
        self.extend_menu: Callable[[QMenu, QPoint], None] | None = None  # the panel's coding actions
        self.margin = Margin(self)
        self.margin.seekRequested.connect(self.seekRequested)
        self.bar = CodingBar(self)
        self.bar.passageClicked.connect(self.select_coding)
        self._bar_timer = QTimer(self)
        self._bar_timer.setSingleShot(True)
        self._bar_timer.setInterval(150)
        self._bar_timer.timeout.connect(self.bar.update)
        self._lines = (0, 0)
        self.setViewportMargins(self.margin.width_for(set()), 0, self.bar.width(), 0)
        self.updateRequest.connect(self._update_margin)
        # Before the highlighter's own connection: the codings move with typed text before the block is formatted.
        self.document().contentsChange.connect(self._shift_codings)
        self.highlighter = TranscriptHighlighter(self.document(), self.segment_at, self, self._coded_runs)
        self._commit_timer = QTimer(self)
        self._commit_timer.setSingleShot(True)
        self._commit_timer.setInterval(COMMIT_AFTER_MS)
        self._commit_timer.timeout.connect(self.commit)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_AFTER_MS)
        self._keep_timer.timeout.connect(self._keep_typing)
        self.document().contentsChange.connect(self._changed)
        self.cursorPositionChanged.connect(self._cursor_moved)
        self._cursor_block = 0

    # -- contents ---------------------------------------------------------------------------------------------
    def load(self, view: TranscriptView, codings: Iterable[PassageView] = ()) -> None:
        """Show a transcript and its codings; the cursor and scroll position are kept where they can be."""
        position = self.textCursor().position()
        scroll = self.verticalScrollBar().value()
        self._loading = True
        self.segments = list(view.segments)
        self._blocks = {s.id: number for number, s in enumerate(self.segments)}
        self.codings.rebuild(codings, [s.id for s in self.segments])
        self._starts = [s.start_ms for s in self.segments]
        self._gaps_before = {bisect_right(self._starts, start) for start, _end in silent_everywhere(view)}
        self._dirty.clear()
        self._playing = None
        self.setPlainText("\n".join(s.text for s in self.segments))
        self._loading = False
        self._fit_margin()
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)
        self.setExtraSelections([])
        self.margin.update()
        self.bar.update()

    def _fit_margin(self) -> None:
        """As wide as a time, the longest speaker label (up to a limit) and the review mark."""
        labels = {s.speaker for s in self.segments if s.speaker}
        self.margin.setFixedWidth(self.margin.width_for(labels))
        self.setViewportMargins(self.margin.width(), 0, self.bar.width(), 0)

    def clear_transcript(self) -> None:
        self._loading = True
        self.segments, self._starts, self._gaps_before, self._playing = [], [], set(), None
        self._blocks = {}
        self.codings.rebuild((), [])
        self._dirty.clear()
        self.clear()
        self._loading = False

    def replace_segment(self, block_number: int, segment: SegmentView) -> None:
        """A segment stored anew (its text is already in the block): new words, new marks."""
        if 0 <= block_number < len(self.segments):
            self.segments[block_number] = segment
            self._starts[block_number] = segment.start_ms
            self.highlighter.rehighlightBlock(self.document().findBlockByNumber(block_number))
            self.margin.update()

    def segment_at(self, block_number: int) -> SegmentView | None:
        return self.segments[block_number] if 0 <= block_number < len(self.segments) else None

    def block_of(self, segment_id: int | None) -> int:
        """The block of a segment (-1 if it is not in this transcript)."""
        return self._blocks.get(segment_id, -1) if segment_id is not None else -1

    def gap_before(self, block_number: int) -> bool:
        return block_number in self._gaps_before

    def visible_blocks(
        self, top: float = float("-inf"), bottom: float = float("inf")
    ) -> Iterator[tuple[QTextBlock, QRectF]]:
        """The blocks in view that meet viewport rows ``top`` .. ``bottom``, each with its geometry. Each block's
        rect is asked for once (blockBoundingGeometry walks from the top of the view on every call)."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return
        first = self.blockBoundingGeometry(block).translated(self.contentOffset())
        y, limit = first.top(), min(bottom, self.viewport().height())
        while block.isValid() and y <= limit:
            if block.isVisible():
                rect = self.blockBoundingRect(block)
                if y + rect.height() >= top:
                    yield block, QRectF(first.left(), y, rect.width(), rect.height())
                y += rect.height()
            block = block.next()

    def block_at_y(self, y: int) -> int | None:
        for block, geometry in self.visible_blocks(y, y):
            if geometry.top() <= y <= geometry.bottom():
                return block.blockNumber()
        return None

    def current_block(self) -> int:
        return self.textCursor().blockNumber()

    def current_segment(self) -> SegmentView | None:
        return self.segment_at(self.current_block())

    def move_to(self, block_number: int, offset: int = 0, length: int = 0) -> None:
        self.select_range(block_number, offset, block_number, offset + length)

    def select_range(self, first_block: int, start: int, last_block: int, end: int) -> None:
        """Select from (block, offset) to (block, offset) and bring it into the middle of the view."""
        first = self.document().findBlockByNumber(first_block)
        last = self.document().findBlockByNumber(last_block)
        if not first.isValid() or not last.isValid():
            return
        cursor = QTextCursor(first)
        cursor.setPosition(first.position() + min(start, first.length() - 1))
        if (last_block, end) != (first_block, start):
            cursor.setPosition(last.position() + min(end, last.length() - 1), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    # -- playback ---------------------------------------------------------------------------------------------
    def show_position(self, ms: int) -> None:
        """Light the word being spoken; follow it unless the user is reading or typing elsewhere."""
        index = bisect_right(self._starts, ms) - 1
        if index < 0:
            self._light(None)
            return
        segment = self.segments[index]
        word_starts = [w.start_ms for w in segment.words]
        word = bisect_right(word_starts, ms) - 1
        if word < 0 or ms > segment.end_ms + 300:
            self._light(None)
            return
        self._light((index, word))

    def _light(self, playing: tuple[int, int] | None) -> None:
        if playing == self._playing:
            return  # the same word: nothing to repaint (most ticks while playing)
        self._playing = playing
        if playing is None:
            self.setExtraSelections([])
            return
        block_number, word_index = playing
        word = self.segments[block_number].words[word_index]
        if word.char_start is None:
            return
        block = self.document().findBlockByNumber(block_number)
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(PLAYING_WORD)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + word.char_start)
        cursor.setPosition(block.position() + (word.char_end or word.char_start), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        self.setExtraSelections([selection])
        if self.following:
            self._keep_in_view(block_number)

    def _keep_in_view(self, block_number: int) -> None:
        block = self.document().findBlockByNumber(block_number)
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        view = self.viewport().rect()
        if geometry.top() < 0 or geometry.bottom() > view.height():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + block_number - self.firstVisibleBlock().blockNumber() - 2)

    def set_following(self, following: bool) -> None:
        if following != self.following:
            self.following = following
            self.followChanged.emit(following)
            if following and self._playing:
                self._keep_in_view(self._playing[0])

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        self.set_following(False)  # the user is reading elsewhere
        super().wheelEvent(event)

    # -- clicks -----------------------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        cursor = self.cursorForPosition(event.position().toPoint())
        segment = self.segment_at(cursor.blockNumber())
        if segment is None:
            return
        offset = cursor.positionInBlock()
        for word in segment.words:
            if word.char_start is not None and word.char_start <= offset <= (word.char_end or word.char_start):
                self.seekRequested.emit(word.start_ms)
                return

    # -- typing -----------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        cursor = self.textCursor()
        key = event.key()
        spans_blocks = self._spans_blocks(cursor)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.request_split()
            return
        if key == Qt.Key.Key_Backspace and not cursor.hasSelection() and cursor.positionInBlock() == 0:
            if cursor.blockNumber() > 0:
                self.commit()
                self.mergeRequested.emit(self.segments[cursor.blockNumber() - 1].id)
            return
        if key == Qt.Key.Key_Delete and not cursor.hasSelection() and cursor.atBlockEnd():
            if cursor.blockNumber() < len(self.segments) - 1:
                self.commit()
                self.mergeRequested.emit(self.segments[cursor.blockNumber()].id)
            return
        if spans_blocks and (event.text() or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)):
            self.refused.emit(self.tr("Edit one segment at a time; to join segments, use Merge."))
            return
        if event.text():
            self.set_following(False)
        super().keyPressEvent(event)

    def request_split(self) -> None:
        cursor = self.textCursor()
        segment = self.segment_at(cursor.blockNumber())
        if segment is None:
            return
        self.commit()
        self.splitRequested.emit(segment.id, cursor.positionInBlock())

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        """Pasted lines become one line: a paste never makes segments, nor joins them."""
        if self._spans_blocks(self.textCursor()):
            self.refused.emit(self.tr("Edit one segment at a time; to join segments, use Merge."))
            return
        if source.hasText():
            self.textCursor().insertText(" ".join(source.text().split()))

    def _spans_blocks(self, cursor: QTextCursor) -> bool:
        document = self.document()
        return cursor.hasSelection() and (
            document.findBlock(cursor.selectionStart()).blockNumber()
            != document.findBlock(cursor.selectionEnd()).blockNumber()
        )

    def event(self, event: QEvent) -> bool:
        """The window's shortcuts win over the editor's own (its undo, Ctrl+Left word moves ...)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if QKeySequence(event.keyCombination()).toString() in self.window_keys:
                event.ignore()
                return True
        return super().event(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    def _changed(self, position: int, _removed: int, _added: int) -> None:
        if self._loading:
            return
        if self.document().blockCount() != len(self.segments):
            # Lines were joined or made by a way round the key checks (a menu's Cut or Delete, a drop): the
            # blocks no longer stand for the segments, so nothing typed may be stored; the stored text comes back.
            self._commit_timer.stop()
            self._dirty.clear()
            self.refused.emit(self.tr("Edit one segment at a time; to join segments, use Merge."))
            QTimer.singleShot(0, self.reloadRequested.emit)
            return
        self._dirty.add(self.document().findBlock(position).blockNumber())
        self._commit_timer.start(COMMIT_AFTER_MS)
        if not self._keep_timer.isActive():  # not restarted by the next key: kept while typing goes on
            self._keep_timer.start()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.source() is self:
            event.ignore()  # words dragged from here go onto a theme; let go here, they stay where they were
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if event.source() is self:
            event.ignore()
            return
        super().dropEvent(event)

    def _cursor_moved(self) -> None:
        block = self.textCursor().blockNumber()
        if block != self._cursor_block:
            self._cursor_block = block
            if self._dirty:
                self.commit()

    def store_again(self, segment_id: int) -> None:
        """A segment's typed text could not be stored: keep it, and try again in a while."""
        block = self.block_of(segment_id)
        if block >= 0:
            self._dirty.add(block)
            self._commit_timer.start(RETRY_AFTER_MS)

    def has_unstored_typing(self) -> bool:
        return bool(self._dirty)

    def _keep_typing(self) -> None:
        """Hand over the text of every segment typed in, to be kept at once (the edit comes after a pause)."""
        for block_number in sorted(self._dirty):
            segment = self.segment_at(block_number)
            if segment is not None:
                self.typingKept.emit(segment.id, self.document().findBlockByNumber(block_number).text())

    def commit(self) -> None:
        """Report every segment typed in since the last commit (the panel stores them)."""
        self._keep_timer.stop()
        self._commit_timer.stop()
        dirty, self._dirty = sorted(self._dirty), set()
        for block_number in dirty:
            segment = self.segment_at(block_number)
            if segment is None:
                continue
            # also when the text came back to what is stored: what was kept of the typing is dropped
            self.textEdited.emit(segment.id, self.document().findBlockByNumber(block_number).text())

    # -- the margin -------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.document_layout.set_font(self.font())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.margin.setGeometry(QRect(rect.left(), rect.top(), self.margin.width(), rect.height()))
        view = self.viewport().geometry()
        self.bar.setGeometry(QRect(view.right() + 1, view.top(), self.bar.width(), view.height()))

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self.margin.scroll(0, dy)
            self.bar.update()  # a bracket's label follows the top of the view
        else:
            self.margin.update(0, rect.y(), self.margin.width(), rect.height())
            lines = (self.document().lineCount(), self.blockCount())
            if lines != self._lines:  # a line more or less moves the brackets below it; a keystroke does not
                self._lines = lines
                self.bar.update()
