"""How many passages each theme has, per role of the person who said them: a small table beside the browser.

Rows are the themes with passages, in tree order (names indented by depth), and a last row for every theme
together (a theme without passages has nothing to count, and a codebook has tens of them); columns
the roles that occur, "unknown" (passages nobody known said) and the total. A parent theme counts its own
passages and those of every theme below it, as the browser gathers them with "with sub-themes". Clicking a cell
asks the browser for that theme and role (:attr:`CountsView.cellChosen`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.services.participants import ROLES
from annotator.core.services.themes import ThemeNode
from annotator.ui.passages.model import UNKNOWN, role_label

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the theme of a row (None in the row of every theme)
ROLE_ROLE = Qt.ItemDataRole.UserRole + 2  # the role of a column: a role, UNKNOWN, or None (all roles)
Index = QModelIndex | QPersistentModelIndex
_TOTAL = "total"


class CountsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, ThemeNode | None]] = []  # (depth, theme); None: every theme
        self._columns: list[str] = []  # roles, UNKNOWN, _TOTAL
        self._cells: list[list[int]] = []
        self._own: list[list[int]] = []  # the theme's own passages, without those of the themes below it

    def reload(self, tree: list[ThemeNode], counts: dict[tuple[int, str | None], int]) -> None:
        """``tree`` from ``project.themes.tree()``, ``counts`` from ``project.coding.counts_by_theme_and_role()``."""
        self.beginResetModel()
        present = {role for (_theme, role), n in counts.items() if n and role is not None}
        roles = [r for r in ROLES if r in present] + sorted(present - set(ROLES))
        self._columns = [*roles, UNKNOWN, _TOTAL]

        def own(theme_id: int) -> list[int]:
            row = [counts.get((theme_id, r), 0) for r in roles] + [counts.get((theme_id, None), 0)]
            return [*row, sum(row)]

        def add(a: list[int], b: list[int]) -> list[int]:
            return [x + y for x, y in zip(a, b, strict=True)]

        self._rows, self._cells, self._own = [], [], []
        empty = [0] * len(self._columns)

        def visit(node: ThemeNode, depth: int) -> list[int]:
            at = len(self._rows)
            self._rows.append((depth, node))
            self._own.append(own(node.id))
            self._cells.append(empty)
            total = self._own[at]
            for child in node.children:
                total = add(total, visit(child, depth + 1))
            self._cells[at] = total
            return total

        everything = empty
        for root in tree:
            everything = add(everything, visit(root, 0))
        kept = [i for i, cells in enumerate(self._cells) if cells[-1]]  # a theme without passages says nothing here
        self._rows = [self._rows[i] for i in kept]
        self._cells = [self._cells[i] for i in kept]
        self._own = [self._own[i] for i in kept]
        self._rows.append((0, None))
        self._cells.append(everything)
        self._own.append(everything)
        self.endResetModel()

    def count(self, theme_id: int | None, role: str | None) -> int:
        """The number shown for a theme (None: every theme) and a role (UNKNOWN; None: every role)."""
        key = role if role is not None else _TOTAL
        column = self._columns.index(key) if key in self._columns else -1
        row = next((r for r, (_d, node) in enumerate(self._rows) if (node.id if node else None) == theme_id), -1)
        return self._cells[row][column] if row >= 0 and column >= 0 else 0

    def cell(self, index: Index) -> tuple[int | None, str | None]:
        """The theme and role a cell counts."""
        return index.data(THEME_ID_ROLE), index.data(ROLE_ROLE)

    # -- QAbstractTableModel ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Theme") if section == 0 else self._column_label(self._columns[section - 1])
        if role == Qt.ItemDataRole.ToolTipRole and section > 0 and self._columns[section - 1] == UNKNOWN:
            return self.tr("Said by a speaker not yet mapped to a participant")
        return None

    def _column_label(self, column: str) -> str:
        if column == _TOTAL:
            return self.tr("Total")
        label = role_label(None if column == UNKNOWN else column)
        return label[:1].upper() + label[1:]  # a heading, where the role is written small inside a sentence

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        depth, node = self._rows[index.row()]
        column = index.column()
        key = self._columns[column - 1] if column > 0 else _TOTAL
        n = self._cells[index.row()][column - 1] if column > 0 else None
        if role == THEME_ID_ROLE:
            return node.id if node is not None else None
        if role == ROLE_ROLE:
            return None if key == _TOTAL else key
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "   " * depth + (node.name if node is not None else self.tr("All themes"))
            return str(n)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and node is not None:
            return QColor(node.color)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and n == 0:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and (node is None or key == _TOTAL and column > 0):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), node, column, key)
        return None

    def _tooltip(self, row: int, node: ThemeNode | None, column: int, key: str) -> str:
        name = node.name if node is not None else self.tr("all themes")
        if column == 0:
            return self.tr("Show every passage of {theme}").format(theme=name)
        n, own = self._cells[row][column - 1], self._own[row][column - 1]
        if key == _TOTAL:
            text = self.tr("%n passage(s) of {theme}", "", n).format(theme=name)
        else:
            who = role_label(None if key == UNKNOWN else key)
            text = self.tr("%n passage(s) of {theme} said by: {role}", "", n).format(theme=name, role=who)
        if node is not None and node.children:
            text += "\n" + self.tr("%n coded with the theme itself, the rest with themes below it", "", own)
        return text + "\n" + self.tr("Click to show them")


class CountsView(QTableView):
    """The counts, compact; a click on a cell emits the theme and role it counts."""

    cellChosen = Signal(object, object)  # theme id (None: every theme), role (UNKNOWN; None: every role)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = CountsModel(self)
        self.setModel(self.counts)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(28)
        header.setHighlightSections(False)
        self.counts.modelReset.connect(self._size_columns)
        self.clicked.connect(lambda index: self.cellChosen.emit(*self.counts.cell(index)))

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.counts.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
