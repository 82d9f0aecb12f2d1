"""How codings look in the transcript: room under each line, stacked underlines, and what hovering shows.

Each line of the transcript keeps a band below its text for :data:`~annotator.ui.transcript.codings.LANES` thin
underlines, one per coding on those words, in its theme's colour (the background tint comes from the
highlighter). More codings than lanes on the same words show a small "+n". Only the blocks in view are
painted, from the editor's :class:`~annotator.ui.transcript.codings.CodingIndex`: nothing is read from the
database while painting or typing.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QTextBlock

from annotator.core.services.coding import PassageView
from annotator.timefmt import clock
from annotator.ui.coding.spaced_layout import Band, SpacedLayout
from annotator.ui.transcript.codings import LANES, Coded, utf16

if TYPE_CHECKING:
    from annotator.ui.transcript.editor import TranscriptEditor

HINT = QColor("#555555")
__all__ = ["HINT", "Band", "SpacedLayout", "Underlines", "describe"]


Marks = tuple[list[tuple[QRectF, QColor]], list[tuple[float, float, int]]]  # underlines; "+n" hints (x, y, n)


class Underlines:
    """Paints the underlines of the visible blocks. What a block's underlines are is worked out once and kept
    until its text, its codings, its line breaks or the font change, so a keystroke re-measures one block."""

    def __init__(self) -> None:
        self._marks: dict[int, tuple[tuple, Marks]] = {}  # block number -> (what they depend on, marks)

    def paint(self, editor: TranscriptEditor, painter: QPainter, area: QRect) -> None:
        """The underlines of every coding in the visible blocks that meet ``area``."""
        index = editor.codings
        if not len(index):
            self._marks.clear()
            return
        band = editor.document_layout.band
        small = QFont(editor.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.7, 6))
        for block, geometry in editor.visible_blocks(area.top(), area.bottom()):
            segment = editor.segment_at(block.blockNumber())
            coded = index.coded(segment.id) if segment is not None else None
            if segment is None or not coded:
                continue
            layout = block.layout()
            key = (
                block.revision(),
                index.version(segment.id),
                layout.lineCount(),
                layout.lineAt(0).textLength() if layout.lineCount() else 0,
                geometry.width(),
                band.room,
            )
            known = self._marks.get(block.blockNumber())
            if known is None or known[0] != key:
                known = self._marks[block.blockNumber()] = (key, _measure(block, coded, band))
            bars, hints = known[1]
            painter.save()
            painter.translate(geometry.topLeft())
            for rect, colour in bars:
                painter.fillRect(rect, colour)
            if hints:
                _paint_more(painter, hints, band, small)
            painter.restore()


def _measure(block: QTextBlock, coded: list[Coded], band: Band) -> Marks:
    """Each line's underlines, from the block's top left: the codings on that line, in the order of their
    passages, each on the first lane free under its words; those that find none are counted in a "+n"."""
    text = block.text()
    length = len(text)
    layout = block.layout()
    bars: list[tuple[QRectF, QColor]] = []
    hints: list[tuple[float, float, int]] = []
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        first, last = line.textStart(), line.textStart() + line.textLength()
        base = line.y() + line.height() + band.gap
        lanes: list[list[tuple[float, float]]] = [[] for _ in range(LANES)]
        hidden: list[tuple[float, float]] = []
        for c in coded:
            start, stop = utf16(text, c.start), utf16(text, c.stop(length))
            if stop <= first or start >= last or start >= stop:
                continue
            x1 = line.cursorToX(max(start, first))[0]
            x2 = line.cursorToX(min(stop, last))[0]
            lane = next((n for n, taken in enumerate(lanes) if all(x2 <= a or x1 >= b for a, b in taken)), None)
            if lane is None:
                hidden.append((x1, x2))
                continue
            lanes[lane].append((x1, x2))
            bars.append((QRectF(x1, base + lane * band.pitch, x2 - x1, band.thickness), c.colour))
        hints += [(right, base, count) for right, count in _clusters(hidden)]
    return bars, hints


def _clusters(hidden: list[tuple[float, float]]) -> list[tuple[float, int]]:
    """Overlapping stretches taken together: (right end, how many) of each cluster."""
    clusters: list[list[float]] = []  # [left, right, count]
    for x1, x2 in sorted(hidden):
        if clusters and x1 < clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], x2)
            clusters[-1][2] += 1
        else:
            clusters.append([x1, x2, 1])
    return [(right, int(count)) for _left, right, count in clusters]


def _paint_more(painter: QPainter, hints: list[tuple[float, float, int]], band: Band, small: QFont) -> None:
    """ "+n" right of each cluster of codings that found no lane, in the underline band."""
    painter.setFont(small)
    metrics = painter.fontMetrics()
    for right, base, count in hints:
        label = f"+{count}"
        box = QRectF(right + 1, base, metrics.horizontalAdvance(label) + 2, band.room - band.gap)
        painter.fillRect(box, QColor(255, 255, 255, 220))
        painter.setPen(HINT)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)


def describe(views: list[PassageView]) -> str:
    """A tooltip for coded text: each coding's theme (with its colour), memo, coder and time range."""
    parts = []
    for view in views:
        swatch = f'<span style="background-color:{view.theme_color}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        lines = [f"{swatch}&nbsp;<b>{html.escape(view.theme_path)}</b>"]
        if view.memo:
            lines.append(f"<i>{html.escape(view.memo)}</i>".replace("\n", "<br>"))
        details = []
        if view.start_ms is not None and view.end_ms is not None:
            details.append(f"{clock(view.start_ms)}–{clock(view.end_ms)}")
        if view.coder:
            details.append(
                QCoreApplication.translate("CodingPaint", "coded by {coder}").format(coder=html.escape(view.coder))
            )
        if details:
            lines.append(f'<span style="color:#666666">{" · ".join(details)}</span>')
        parts.append("<br>".join(lines))
    return "<p style='white-space:pre-wrap'>" + "<hr>".join(parts) + "</p>"
