"""The coding bar: a strip to the right of the transcript with one coloured bracket per coded passage.

Each bracket spans the lines of its passage; passages whose segments overlap stand side by side in columns
(the index places them once for the whole transcript, so they do not jump while scrolling). Beside a bracket's
top is its theme's name, as far as the next bracket to the right leaves room. Clicking a bracket selects its
passage's text; hovering shows its theme path, memo and time range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from annotator.ui.transcript.coding_paint import describe
from annotator.ui.transcript.codings import mix, utf16

if TYPE_CHECKING:
    from annotator.ui.transcript.editor import TranscriptEditor

BACKGROUND = QColor("#fafafa")
EDGE = QColor("#e0e0e0")
LABEL = QColor("#303030")
COLUMN = 8  # width of a column: the bracket and a little air
BRACKET = 3
TICK = 6


@dataclass
class Bracket:
    coding_id: int
    column: int
    top: float
    bottom: float
    open_top: bool  # the passage goes on above the view (no tick)
    open_bottom: bool


class CodingBar(QWidget):
    passageClicked = Signal(int)  # noqa: N815 - coding id

    def __init__(self, editor: TranscriptEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._hits: list[tuple[QRectF, int]] = []
        self.setFixedWidth(self.width_for())

    def small_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        return small

    def width_for(self) -> int:
        """Room for six columns of brackets and a theme's name beside them."""
        metrics = QFontMetrics(self.small_font())
        return metrics.horizontalAdvance("Komunikasi Terbuka") + metrics.horizontalAdvance("+99") + 6 * COLUMN + 24

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width(), 0)

    # -- where the brackets are ---------------------------------------------------------------------------------
    def brackets(self) -> list[Bracket]:
        """The brackets of the passages in view, from the editor's index and the layout of the visible blocks."""
        editor = self.editor
        index = editor.codings
        found: dict[int, Bracket] = {}
        if not len(index):
            return []
        first_block = last_block = editor.firstVisibleBlock().blockNumber()
        for block, geometry in editor.visible_blocks():
            last_block = block.blockNumber()
            segment = editor.segment_at(last_block)
            if segment is None:
                continue
            text, layout = block.text(), block.layout()
            for coded in index.coded(segment.id):
                stop = coded.stop(len(text))
                top_line = layout.lineForTextPosition(utf16(text, min(coded.start, len(text))))
                end_line = layout.lineForTextPosition(utf16(text, max(stop - 1, coded.start)))
                if not top_line.isValid() or not end_line.isValid():
                    continue
                top = geometry.top() + top_line.y()
                bottom = geometry.top() + end_line.y() + end_line.height()
                known = found.get(coded.coding_id)
                if known is None:
                    view = index.views[coded.coding_id]
                    found[coded.coding_id] = Bracket(
                        coded.coding_id,
                        index.columns.get(coded.coding_id, 0),
                        top,
                        bottom,
                        open_top=editor.block_of(view.start_segment_id) < first_block,
                        open_bottom=False,
                    )
                else:
                    known.bottom = max(known.bottom, bottom)
        for bracket in found.values():
            view = index.views[bracket.coding_id]
            bracket.open_bottom = editor.block_of(view.end_segment_id) > last_block
        return sorted(found.values(), key=lambda b: (b.column, b.top))

    def column_width(self) -> float:
        count = self.editor.codings.column_count
        if count <= 6:
            return COLUMN
        return max(3.0, 6 * COLUMN / count)

    # -- painting ---------------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKGROUND)
        painter.fillRect(0, event.rect().top(), 1, event.rect().height(), EDGE)
        brackets = self.brackets()
        self._hits = []
        if not brackets:
            return
        index = self.editor.codings
        painter.setFont(self.small_font())
        width = self.column_width()
        bracket = min(BRACKET, max(2.0, width - 2))
        for b in brackets:
            colour = index.colour(b.coding_id)
            x = 3 + b.column * width
            top, bottom = b.top + 2, b.bottom - 2
            painter.fillRect(QRectF(x + width - bracket - 1, top, bracket, bottom - top), colour)
            if not b.open_top:
                painter.fillRect(QRectF(x + width - TICK - 1, top, TICK, 2), colour)
            if not b.open_bottom:
                painter.fillRect(QRectF(x + width - TICK - 1, bottom - 2, TICK, 2), colour)
            self._hits.append((QRectF(x, b.top, width, b.bottom - b.top), b.coding_id))
        self._paint_labels(painter, brackets, 3 + (max(b.column for b in brackets) + 1) * width + 4)

    def _paint_labels(self, painter: QPainter, brackets: list[Bracket], left: float) -> None:
        """The theme names, in a list right of the brackets: each beside its bracket's top, or just below the
        name before it, as long as that is still beside its bracket (the others are in the tooltip)."""
        index = self.editor.codings
        metrics = painter.fontMetrics()
        height = metrics.height()
        room = int(self.width() - left - 3)
        if room < metrics.horizontalAdvance("Mmm"):
            return
        more_width = metrics.horizontalAdvance("+99")  # room kept for a count of the names left out
        free = -float("inf")
        more: dict[int, int] = {}  # labels left out, counted after the last one shown before them
        last: QRectF | None = None
        for b in sorted(brackets, key=lambda b: (max(b.top, 0.0), b.column)):
            top = max(b.top + 2, free, 0.0)
            if top > b.bottom - 6:
                if last is not None:  # no room beside its bracket: "+n" after the name above
                    more[len(self._hits) - 1] = more.get(len(self._hits) - 1, 0) + 1
                continue
            view = index.views[b.coding_id]
            text = metrics.elidedText(view.theme, Qt.TextElideMode.ElideRight, room - 10 - more_width)
            box = QRectF(left, top, metrics.horizontalAdvance(text) + 8, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(QColor(view.theme_color), 0.45))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(LABEL)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            self._hits.append((box, b.coding_id))
            last, free = box, top + height + 1
        painter.setPen(LABEL)
        for hit, count in more.items():
            box = self._hits[hit][0]
            text = f"+{count}"
            painter.drawText(
                QRectF(box.right() + 3, box.top(), more_width, box.height()), Qt.AlignmentFlag.AlignVCenter, text
            )

    # -- clicks and hovering ----------------------------------------------------------------------------------
    def coding_at(self, point: QPointF) -> int | None:
        for rect, coding_id in reversed(self._hits):  # labels last: they are on top
            if rect.contains(point):
                return coding_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        coding_id = self.coding_at(event.position())
        if coding_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.passageClicked.emit(coding_id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            coding_id = self.coding_at(QPointF(event.pos()))
            view = self.editor.codings.views.get(coding_id) if coding_id is not None else None
            if view is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), describe([view]), self)
            return True
        return super().event(event)
