"""The codebook as a tree model: theme names with their colour, definition, passage counts and pinned keys.

Columns: theme, passages (its own and those of the themes below it), and the number key of a pinned theme.
The model holds the plain ThemeNode tree from the core; ``reload`` replaces it (a codebook has tens of themes,
not thousands). With a project and a coding controller (:meth:`set_project`) it is editable: a name typed in
the tree renames the theme, a theme dragged between rows or onto another moves it, and a span of text dropped
on a theme codes it; every change goes through the controller (one undo step) and the model reloads when the
controller says the codebook or a theme's passages changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from annotator.core.project import Project
from annotator.core.services.themes import ThemeNode
from annotator.ui.coding.controller import CodingController, Touched, follow
from annotator.ui.coding.span import SPAN_MIME, Span

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PIN_ROLE = Qt.ItemDataRole.UserRole + 2  # the number key (1-9) of a pinned theme, or None
THEME_MIME = "application/x-annotator-theme"
THEME_COLUMN, PASSAGES_COLUMN, KEY_COLUMN = 0, 1, 2
Index = QModelIndex | QPersistentModelIndex


class ThemesModel(QAbstractItemModel):
    COLUMNS = 3
    pinsChanged = Signal()  # noqa: N815 - Qt's naming

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: list[ThemeNode] = []
        self._nodes: dict[int, ThemeNode] = {}
        self._parents: dict[int, ThemeNode | None] = {}
        self._pins: dict[int, int] = {}  # theme id -> number key
        self.project: Project | None = None
        self.controller: CodingController | None = None

    # -- the project ------------------------------------------------------------------------------------------
    def set_project(self, project: Project | None, controller: CodingController | None = None) -> None:
        """Show a project's codebook; with a controller, editable, and kept up to date with its changes."""
        self.project, self.controller = project, follow(self.controller, controller, self._changed)
        self.reload()

    def _changed(self, touched: Touched) -> None:
        if touched.codebook or touched.themes:
            self.reload()

    def reload(self, roots: list[ThemeNode] | None = None, pinned: Sequence[int | None] | None = None) -> None:
        """Replace the tree: the given one, or the project's as it is now (with its pinned themes)."""
        if roots is None:
            roots = self.project.themes.tree() if self.project is not None else []
        if pinned is None:
            pinned = self.project.themes.pinned() if self.project is not None else []
        pins = {theme_id: number for number, theme_id in enumerate(pinned, start=1) if theme_id is not None}
        self.beginResetModel()
        self._roots = roots
        self._nodes, self._parents = {}, {}
        for root in roots:
            for _depth, node in root.walk():
                self._nodes[node.id] = node
        for node in self._nodes.values():
            self._parents[node.id] = self._nodes.get(node.parent_id) if node.parent_id else None
        pins_changed, self._pins = pins != self._pins, pins
        self.endResetModel()
        if pins_changed:
            self.pinsChanged.emit()

    @property
    def editable(self) -> bool:
        return self.controller is not None and self.project is not None

    # -- lookups ----------------------------------------------------------------------------------------------
    def node(self, index: Index) -> ThemeNode | None:
        return self._nodes.get(int(index.internalId())) if index.isValid() else None

    def theme(self, theme_id: int) -> ThemeNode | None:
        return self._nodes.get(theme_id)

    def themes(self) -> list[tuple[int, ThemeNode]]:
        """Every theme in tree order, with its depth."""
        return [item for root in self._roots for item in root.walk()]

    def path(self, theme_id: int) -> str:
        """``Parent / Child`` names down to a theme."""
        names, node = [], self._nodes.get(theme_id)
        while node is not None:
            names.append(node.name)
            node = self._parents.get(node.id)
        return " / ".join(reversed(names))

    def below(self, theme_id: int) -> set[int]:
        """The ids of a theme and every theme below it."""
        node = self._nodes.get(theme_id)
        return {n.id for _depth, n in node.walk()} if node is not None else set()

    def pin_number(self, theme_id: int) -> int | None:
        return self._pins.get(theme_id)

    def pinned_theme(self, number: int) -> int | None:
        return next((theme_id for theme_id, n in self._pins.items() if n == number), None)

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
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Theme"), self.tr("Passages"), self.tr("Key"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == KEY_COLUMN:
            return self.tr("Pinned themes: each number's shortcut codes the selected text with its theme")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            if index.column() == THEME_COLUMN:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, C901, PLR0911
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == THEME_ID_ROLE:
            return node.id
        if role == PIN_ROLE:
            return self._pins.get(node.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == THEME_COLUMN:
                return node.name
            if column == PASSAGES_COLUMN:
                return str(node.total_passages) if node.children else str(node.passages)
            number = self._pins.get(node.id)
            return str(number) if number is not None else None
        if role == Qt.ItemDataRole.DecorationRole and column == THEME_COLUMN:
            return QColor(node.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PASSAGES_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == KEY_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, node: ThemeNode) -> str:
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
        number = self._pins.get(node.id)
        if number is not None:
            lines.append(
                self.tr("Pinned theme {number}: its number shortcut codes the selected text").format(number=number)
            )
        return "<br>".join(lines)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A name typed in the tree renames the theme (one undo step)."""
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or index.column() != THEME_COLUMN or not self.editable:
            return False
        name = " ".join(str(value or "").split())
        if not name or name == node.name:
            return False
        assert self.controller is not None
        text = self.tr("Rename “{old}” to “{new}”").format(old=node.name, new=name)
        change = self.controller.change_themes(text, "rename", ref=node.id, name=name)
        return change is not None and change.changed

    # -- drag and drop ----------------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [THEME_MIME, SPAN_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids: list[int] = []
        for index in indexes:
            node = self.node(index)
            if node is not None and node.id not in ids:
                ids.append(node.id)
        mime = QMimeData()
        mime.setData(THEME_MIME, json.dumps(ids).encode())
        return mime

    @staticmethod
    def dragged_themes(mime: QMimeData) -> list[int]:
        if not mime.hasFormat(THEME_MIME):
            return []
        try:
            ids = json.loads(bytes(mime.data(THEME_MIME).data()).decode())
        except ValueError:
            return []
        return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.editable or action == Qt.DropAction.IgnoreAction:
            return False
        if data.hasFormat(SPAN_MIME):  # text is coded by dropping it on a theme, not between themes
            return row == -1 and self.node(parent) is not None and Span.from_mime(data) is not None
        return bool(self.dragged_themes(data))

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        assert self.controller is not None
        target = self.node(parent)
        if data.hasFormat(SPAN_MIME):
            span = Span.from_mime(data)
            assert span is not None and target is not None
            return bool(self.controller.code(span, [target.id]))
        moved = False
        for theme_id in self.dragged_themes(data):
            node = self._nodes.get(theme_id)
            if node is None:
                continue
            position = None if row < 0 else row
            if position is not None and node.parent_id == (target.id if target else None):
                if self._siblings(node).index(node) < position:
                    position -= 1  # the rows after it move up once it leaves its place
            text = self.tr("Move “{name}”").format(name=node.name)
            parent_id = target.id if target is not None else None
            change = self.controller.change_themes(text, "move", ref=node.id, parent=parent_id, position=position)
            moved = moved or bool(change is not None and change.changed)
            if row >= 0:
                row += 1  # several themes keep their order
        return moved
