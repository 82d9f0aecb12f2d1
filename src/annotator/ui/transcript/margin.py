"""The margin beside the transcript: each segment's time and speaker, its review state, and gaps.

Clicking a segment's time seeks the player there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from annotator.timefmt import clock

if TYPE_CHECKING:
    from annotator.ui.transcript.editor import TranscriptEditor

VERIFIED = QColor("#2e7d32")
EDITED = QColor("#1565c0")
FLAGGED = QColor("#e07b00")
GAP = QColor("#9e9e9e")


class Margin(QWidget):
    seekRequested = Signal(int)

    WIDTH = 150

    def __init__(self, editor: TranscriptEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click a time to play from there"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width(), 0)

    def width_for(self, speakers: set[str]) -> int:
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        bold = QFont(small)
        bold.setBold(True)
        width = 8 + QFontMetrics(small).horizontalAdvance("0:00:00 ✓") + 12
        if speakers:
            longest = max(QFontMetrics(bold).horizontalAdvance(label) for label in speakers)
            width += 6 + min(longest, self.WIDTH)
        self.setFixedWidth(width)
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#f5f5f5"))
        editor = self.editor
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        bold = QFont(small)
        bold.setBold(True)
        line = editor.fontMetrics().height()
        for block, geometry in editor.visible_blocks(event.rect().top() - line, event.rect().bottom()):
            top = int(geometry.top())
            segment = editor.segment_at(block.blockNumber())
            if segment is not None:
                self._paint_segment(painter, segment, top, line, small, bold)
                if editor.gap_before(block.blockNumber()):
                    painter.setPen(GAP)
                    painter.drawLine(4, top - 2, self.width() - 4, top - 2)

    def _paint_segment(self, painter: QPainter, segment, top: int, line: int, small: QFont, bold: QFont) -> None:  # noqa: ANN001
        """One line: a bar for the review state, the start time, the speaker, and a mark."""
        colour = {"verified": VERIFIED, "edited": EDITED}.get(segment.status)
        if segment.flags and segment.status != "verified":
            colour = FLAGGED
        if colour is not None:
            painter.fillRect(QRect(0, top, 4, line), colour)
        painter.setFont(small)
        painter.setPen(QColor("#555555"))
        time = clock(segment.start_ms)
        painter.drawText(QRect(8, top, self.width() - 12, line), Qt.AlignmentFlag.AlignVCenter, time)
        x = 8 + painter.fontMetrics().horizontalAdvance(time) + 6
        marker = "✓" if segment.status == "verified" else ("⚑" if segment.flags else "")
        marker_width = painter.fontMetrics().horizontalAdvance("✓ ") if marker else 0
        if marker:
            painter.setPen(colour or QColor("#555555"))
            painter.drawText(QRect(0, top, self.width() - 4, line), Qt.AlignmentFlag.AlignRight, marker)
        if segment.speaker:
            painter.setFont(bold)
            painter.setPen(QColor("#333333"))
            room = self.width() - x - 4 - marker_width
            text = painter.fontMetrics().elidedText(segment.speaker, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QRect(x, top, room, line), Qt.AlignmentFlag.AlignVCenter, text)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        block = self.editor.block_at_y(int(event.position().y()))
        if block is not None:
            segment = self.editor.segment_at(block)
            if segment is not None:
                self.seekRequested.emit(segment.start_ms)
