"""Gathered passages as a table: one row per coding, with who said it, where, and when.

The model holds the list of :class:`~annotator.core.services.passage_query.PassageView` the core returned (the
core's order: theme tree, then recording, then the order of the text); ``sort`` reorders that list, and sorting
by column -1 brings the core's order back. Column 0 holds nothing but the play button the panel's delegate paints.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.services.passage_query import PassageView
from annotator.timefmt import clock

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

UNKNOWN = "unknown"  # the role of passages nobody known said, as a filter and a column of counts
PLAY, QUOTE, THEME, SPEAKER, PARTICIPANT, SOURCE, TIME, CODER = range(8)


def role_label(role: str | None) -> str:
    """A participant role as people read it (None: the speaker is not mapped to anyone yet)."""
    labels = {
        "resident": QCoreApplication.translate("Roles", "resident"),
        "staff": QCoreApplication.translate("Roles", "staff"),
        "interviewer": QCoreApplication.translate("Roles", "interviewer"),
        "other": QCoreApplication.translate("Roles", "other"),
        None: QCoreApplication.translate("Roles", "unknown"),
    }
    return labels.get(role, role or "")


def one_line(text: str) -> str:
    return " ".join(text.split())


def who(view: PassageView) -> str:
    """``P03 (resident)``; the speaker's label while it is not mapped to anyone."""
    if view.participant:
        return f"{view.participant} ({role_label(view.role)})" if view.role else view.participant
    return view.speaker or role_label(None)


def source(view: PassageView) -> str:
    return view.recording or view.document or ""


def span(view: PassageView) -> str:
    """``0:12:04 – 0:12:09``; empty for a passage of a document."""
    if view.start_ms is None:
        return ""
    return f"{clock(view.start_ms)} – {clock(view.end_ms if view.end_ms is not None else view.start_ms)}"


def whereabouts(view: PassageView) -> str:
    """Who said it, where and when: ``P03 (resident), Interview 3, 0:12:04``."""
    where = [who(view), source(view)]
    if view.start_ms is not None:
        where.append(clock(view.start_ms))
    return ", ".join(w for w in where if w)


def reference(view: PassageView) -> str:
    """The quote with where it comes from, to paste into a report: «quote» — P03 (resident), Interview 3, 0:12:04."""
    return f"«{one_line(view.text)}» — {whereabouts(view)}"


class PassagesModel(QAbstractTableModel):
    COLUMNS = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views: list[PassageView] = []  # in the order shown
        self._core: list[PassageView] = []  # in the core's order
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def reload(self, views: list[PassageView]) -> None:
        """Show these passages (in the core's order), sorted as the user last chose."""
        self.beginResetModel()
        self._core = list(views)
        self._views = self._sorted(*self._sort)
        self.endResetModel()

    def passage(self, row: int) -> PassageView | None:
        return self._views[row] if 0 <= row < len(self._views) else None

    def passages(self) -> list[PassageView]:
        """Every passage, in the order shown."""
        return list(self._views)

    def row_of(self, coding_id: int) -> int:
        return next((row for row, view in enumerate(self._views) if view.id == coding_id), -1)

    # -- QAbstractTableModel ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "",
                self.tr("Quote"),
                self.tr("Theme"),
                self.tr("Speaker"),
                self.tr("Participant"),
                self.tr("Source"),
                self.tr("Time"),
                self.tr("Coder"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in (PLAY, SOURCE):
            return self.tr("Play the passage") if section == PLAY else self.tr("The recording or document")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._views):
            return None
        view = self._views[index.row()]
        column = index.column()
        if role == PASSAGE_ROLE:
            return view
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(view, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(view, column)
        if role == Qt.ItemDataRole.DecorationRole and column == THEME:
            return QColor(view.theme_color)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == PLAY:
            return self.tr("Play") if view.start_ms is not None else ""
        if role == Qt.ItemDataRole.FontRole and column == PARTICIPANT and not view.participant:
            font = QFont()
            font.setItalic(True)  # a speaker's label, not a participant
            return font
        return None

    def _display(self, view: PassageView, column: int) -> str | None:
        if column == QUOTE:
            return one_line(view.text)
        if column == THEME:
            return view.theme
        if column == SPEAKER:
            return view.speaker or ""
        if column == PARTICIPANT:
            return who(view)
        if column == SOURCE:
            return source(view)
        if column == TIME:
            return span(view)
        if column == CODER:
            return view.coder or ""
        return None

    def _tooltip(self, view: PassageView, column: int) -> str | None:
        if column == PLAY:
            return self.tr("Play the passage") if view.start_ms is not None else None
        if column == THEME:
            return html.escape(view.theme_path)
        if column == PARTICIPANT and not view.participant:
            return self.tr("Nobody known said this: map the speaker to a participant")
        if column == SOURCE:
            return self.tr("Recording") if view.recording_id is not None else self.tr("Document")
        if column != QUOTE:
            return None
        lines = [f"<p>{html.escape(view.text)}</p>", f"<p><i>{html.escape(whereabouts(view))}</i></p>"]
        if view.memo:
            label = self.tr("Memo:")
            lines.append(f"<p><b>{label}</b> {html.escape(view.memo)}</p>")
        return f"<qt>{''.join(lines)}</qt>"  # rich text, so that a long quote wraps

    # -- sorting ----------------------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (ties in the order of the text within each source); column -1: the core's order."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._views[i.row()].id for i in before]
        self._views = self._sorted(column, order)
        rows = {view.id: row for row, view in enumerate(self._views)}
        after = [self.index(rows[cid], i.column()) for cid, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[PassageView]:
        if not 0 <= column < self.COLUMNS:
            return list(self._core)
        theme_rank: dict[int, int] = {}
        for view in self._core:  # the core returns passages in theme tree order
            theme_rank.setdefault(view.theme_id, len(theme_rank))

        def place(view: PassageView) -> tuple[Any, ...]:
            return (view.recording_id is None, source(view).casefold(), view.start_ms or 0, view.start_offset, view.id)

        keys: dict[int, Callable[[PassageView], Any]] = {
            PLAY: place,
            TIME: place,
            SOURCE: place,
            QUOTE: lambda v: one_line(v.text).casefold(),
            THEME: lambda v: theme_rank[v.theme_id],
            SPEAKER: lambda v: (v.speaker or "").casefold(),
            PARTICIPANT: lambda v: (v.participant or "").casefold(),
            CODER: lambda v: (v.coder or "").casefold(),
        }
        in_place = sorted(self._core, key=place)  # ties stay in the order of the text, whichever way the sort goes
        return sorted(in_place, key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
