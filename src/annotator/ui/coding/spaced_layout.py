"""Room under each line of coded text for stacked underlines: the transcript and the field notes share it.

Each line keeps a band below its text for :data:`~annotator.ui.transcript.codings.LANES` thin underlines, one per
coding on those words. :class:`SpacedLayout` makes that room in a QPlainTextEdit, and :func:`character_at` finds
the character under the mouse, also when it points into the band under a line (hovering an underline).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlock, QTextDocument, QTextLine
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit

from annotator.ui.transcript.codings import LANES


class Band:
    """The geometry of the underline band for a font: line thickness, distance between lanes, room taken."""

    def __init__(self, font: QFont) -> None:
        height = QFontMetricsF(font).height()
        self.thickness = max(2.0, round(height / 8))
        self.pitch = self.thickness + 1.0
        self.gap = max(1.0, round(height / 12))  # between the text's descent and the first underline
        self.room = self.gap + LANES * self.pitch + 1.0


class SpacedLayout(QPlainTextDocumentLayout):
    """The plain-text layout, with room below every line for the underline band.

    QPlainTextEdit ignores a block's line height and margins, so the lines are moved apart here, right after Qt
    lays a block out: each block's bounding rect (which the editor asks for before it paints, scrolls or
    hit-tests a block) is the lines' own extent plus the band under each. Qt asks for it often, so it is kept
    cheap: the band is set when the font changes (:meth:`set_font`), not looked up per call.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.band = Band(document.defaultFont())

    def set_font(self, font: QFont) -> None:
        self.band = Band(font)
        self.requestUpdate()

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 - Qt's name
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        count = layout.lineCount()
        if not count or not block.isVisible():
            return rect
        room = self.band.room
        last = layout.lineAt(count - 1)
        if count > 1:
            first, second = layout.lineAt(0), layout.lineAt(1)
            if second.y() - first.y() - first.height() != room:  # laid out anew by Qt: move the lines apart
                y = first.y()
                for number in range(count):
                    line = layout.lineAt(number)
                    line.setPosition(QPointF(line.x(), y))
                    y += line.height() + room
        height = last.y() + last.height() + room
        if not block.next().isValid():
            height += self.document().documentMargin()
        rect.setHeight(height)
        return rect


def character_at(editor: QPlainTextEdit, room: float, point: QPoint) -> tuple[QTextBlock, int] | None:
    """The block under a point of the editor's viewport and the Qt position in it of the character there, also
    in the band (``room`` high) under its line; None beside the text."""
    block = editor.cursorForPosition(point).block()
    geometry = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
    if not block.isValid() or not geometry.contains(point.toPointF()):
        return None
    layout = block.layout()
    x, y = point.x() - geometry.left(), point.y() - geometry.top()
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        if line.y() <= y < line.y() + line.height() + room:
            break
    else:
        return None
    first, last = line.textStart(), line.textStart() + line.textLength()
    if first == last or not line.cursorToX(first)[0] - 1 <= x <= line.cursorToX(last)[0] + 1:
        return None
    return block, min(max(line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter), first), last - 1)
