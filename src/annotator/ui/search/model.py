"""Search hits as a table, and how a hit's context is drawn.

Columns: a box (ticked: "code checked hits" codes it; every hit is ticked at first, so the table is the preview
of what will be coded), ▶ (for a hit in a transcript), the source (the recording's or the document's title), the
time of the hit's first word, the speaker, and the hit in its context. The context column is drawn as a
concordance (:class:`ContextDelegate`): the words found in bold on a light mark, at the same place in every row,
with the words before them to the left and those after to the right, so a researcher reads down the column.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.services.search import Hit
from annotator.timefmt import clock

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK, PLAY, SOURCE, TIME, SPEAKER, CONTEXT = range(6)
MATCH_BACKGROUND = QColor("#ffe58a")
Index = QModelIndex | QPersistentModelIndex


def hit_key(hit: Hit) -> tuple:
    """What makes a hit the same hit after searching again."""
    return (hit.recording_id, hit.document_id, hit.segment_id, hit.start, hit.end)


def context(hit: Hit) -> str:
    return f"{hit.before}{hit.match}{hit.after}".strip()


class HitsModel(QAbstractTableModel):
    COLUMNS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self._unchecked: set[tuple] = set()  # the keys of the hits not to code

    def set_hits(self, hits: list[Hit], *, keep_checks: bool = False) -> None:
        """Show these hits, all ticked; with ``keep_checks`` a hit unticked before (searched again) stays so."""
        self.beginResetModel()
        self.hits = list(hits)
        keys = {hit_key(h) for h in self.hits}
        self._unchecked = self._unchecked & keys if keep_checks else set()
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def is_checked(self, row: int) -> bool:
        hit = self.hit(row)
        return hit is not None and hit_key(hit) not in self._unchecked

    def set_checked(self, row: int, checked: bool) -> None:
        hit = self.hit(row)
        if hit is None or self.is_checked(row) == checked:
            return
        (self._unchecked.discard if checked else self._unchecked.add)(hit_key(hit))
        index = self.index(row, CHECK)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def set_all_checked(self, checked: bool) -> None:
        self._unchecked = set() if checked else {hit_key(h) for h in self.hits}
        if self.hits:
            self.dataChanged.emit(self.index(0, CHECK), self.index(len(self.hits) - 1, CHECK))

    def checked_hits(self) -> list[Hit]:
        return [h for h in self.hits if hit_key(h) not in self._unchecked]

    # -- QAbstractTableModel ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ("", "", self.tr("Source"), self.tr("Time"), self.tr("Speaker"), self.tr("Found in context"))[
                section
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {CHECK: self.tr("Ticked hits are coded by “Code checked hits with…”"), PLAY: self.tr("Play")}.get(
                section
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        column = index.column()
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.CheckStateRole and column == CHECK:
            return Qt.CheckState.Checked if self.is_checked(index.row()) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PLAY:
                return self.tr("Play this hit") if hit.recording_id is not None else None
            if column == SOURCE:
                kind = self.tr("Recording") if hit.recording_id is not None else self.tr("Field notes")
                return f"{kind}: {hit.recording or hit.document}"
            if column == CONTEXT:
                return context(hit)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in (TIME, SPEAKER):
            return QColor("#555555")
        return None

    def _text(self, hit: Hit, column: int) -> str | None:
        if column == SOURCE:
            return hit.recording or hit.document or ""
        if column == TIME:
            return clock(hit.start_ms) if hit.start_ms is not None else ""
        if column == SPEAKER:
            return hit.speaker or ""
        if column == CONTEXT:
            return context(hit)  # for copying and screen readers; the delegate paints it
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != CHECK or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self.set_checked(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == CHECK else flags


class ContextDelegate(QStyledItemDelegate):
    """The words found in bold on a light mark, placed at ``share`` of the column's width in every row; the words
    before them end at their left, those after begin at their right, each cut short with "…" where room ends."""

    share = 0.42

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if hit is None:
            return
        rect = opt.rect.adjusted(4, 0, -4, 0)
        plain, bold = QFont(opt.font), QFont(opt.font)
        bold.setBold(True)
        device = painter.device()  # measured for the device painted on (a screen's or an image's resolution)
        metrics, strong = QFontMetrics(plain, device), QFontMetrics(bold, device)
        space = metrics.horizontalAdvance(" ")
        match = " ".join(hit.match.split())
        match_width = min(strong.horizontalAdvance(match) + 1, rect.width() - 2 * space)
        left = rect.left() + max(int(rect.width() * self.share - match_width / 2), 0)
        if left + match_width > rect.right():
            left = max(rect.right() - match_width, rect.left())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = opt.palette.color(group, role)
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(colour)
        painter.setFont(plain)
        # A space between the words found and those around them only where the text has one (a word found inside a
        # longer one stays joined to it); 2 px for the mark's padding in any case.
        gap_before = space + 2 if hit.before[-1:].isspace() else 2
        gap_after = space + 2 if hit.after[:1].isspace() else 2
        before_rect = QRect(rect.left(), rect.top(), left - gap_before - rect.left(), rect.height())
        before = metrics.elidedText(hit.before.rstrip(), Qt.TextElideMode.ElideLeft, max(before_rect.width(), 0))
        painter.drawText(before_rect, middle | Qt.AlignmentFlag.AlignRight, before)
        start = left + match_width + gap_after
        after_rect = QRect(start, rect.top(), rect.right() - start, rect.height())
        after = metrics.elidedText(hit.after.lstrip(), Qt.TextElideMode.ElideRight, max(after_rect.width(), 0))
        painter.drawText(after_rect, middle | Qt.AlignmentFlag.AlignLeft, after)
        mark = QRectF(left - 2, rect.top() + 2, match_width + 4, rect.height() - 4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MATCH_BACKGROUND)
        painter.drawRoundedRect(mark, 3, 3)
        painter.setPen(QColor("#000000"))
        painter.setFont(bold)
        text = strong.elidedText(match, Qt.TextElideMode.ElideRight, match_width)
        painter.drawText(QRect(left, rect.top(), match_width + 1, rect.height()), middle, text)
        painter.restore()


class PlayDelegate(QStyledItemDelegate):
    """A small round ▶ in the play column of every hit in a transcript."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)  # background and selection
        hit = index.data(HIT_ROLE)
        if hit is None or hit.recording_id is None:
            return
        rect = option.rect  # type: ignore[attr-defined]
        side = min(rect.width(), rect.height(), 20) - 4
        circle = QRectF(rect.center().x() - side / 2 + 0.5, rect.center().y() - side / 2 + 0.5, side, side)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)  # type: ignore[attr-defined]
        fill = option.palette.color(QPalette.ColorRole.Highlight)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill.darker(115) if hover else fill)
        painter.drawEllipse(circle)
        c, r = circle.center(), side * 0.26
        triangle = QPainterPath()
        triangle.moveTo(c.x() - r * 0.75, c.y() - r)
        triangle.lineTo(c.x() + r * 1.1, c.y())
        triangle.lineTo(c.x() - r * 0.75, c.y() + r)
        triangle.closeSubpath()
        painter.setBrush(option.palette.color(QPalette.ColorRole.HighlightedText))  # type: ignore[attr-defined]
        painter.drawPath(triangle)
        painter.restore()
