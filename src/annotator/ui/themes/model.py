"""The codebook as a tree model: theme names with their colour, definition and passage counts.

Columns: theme, passages (its own and those of the themes below it). The model holds the plain
ThemeNode tree from the core; ``reload`` replaces it (a codebook has tens of themes, not thousands).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.services.themes import ThemeNode

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class ThemesModel(QAbstractItemModel):
    COLUMNS = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: list[ThemeNode] = []
        self._nodes: dict[int, ThemeNode] = {}
        self._parents: dict[int, ThemeNode | None] = {}

    def reload(self, roots: list[ThemeNode]) -> None:
        self.beginResetModel()
        self._roots = roots
        self._nodes, self._parents = {}, {}
        for root in roots:
            for _depth, node in root.walk():
                self._nodes[node.id] = node
        for node in self._nodes.values():
            self._parents[node.id] = self._nodes.get(node.parent_id) if node.parent_id else None
        self.endResetModel()

    def node(self, index: Index) -> ThemeNode | None:
        return self._nodes.get(int(index.internalId())) if index.isValid() else None

    def index_of(self, theme_id: int, column: int = 0) -> QModelIndex:
        node = self._nodes.get(theme_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._siblings(node).index(node), column, node.id)

    def _siblings(self, node: ThemeNode) -> list[ThemeNode]:
        parent = self._parents.get(node.id)
        return parent.children if parent is not None else self._roots

    # -- QAbstractItemModel -----------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        children = self.node(parent).children if parent.isValid() else self._roots
        return self.createIndex(row, column, children[row].id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        parent = self._parents.get(node.id) if node is not None else None
        return self.index_of(parent.id) if parent is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        node = self.node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (self.tr("Theme"), self.tr("Passages"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == THEME_ID_ROLE:
            return node.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return node.name
            return str(node.total_passages) if node.children else str(node.passages)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(node.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            other = next((label for label in node.labels.values() if label.get("name")), None)
            lines = [f"<b>{node.name}</b>"]
            if other:
                lines.append(f"<i>{other['name']}</i>")
            if node.definition:
                lines.append(node.definition)
            if node.children:
                lines.append(
                    self.tr("%n passage(s) here, %1 with the themes below", "", node.passages).replace(
                        "%1", str(node.total_passages)
                    )
                )
            return "<br>".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
