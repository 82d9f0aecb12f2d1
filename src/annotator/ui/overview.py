"""The themes panel (read-only until the coding issue): the theme tree with colours and passage counts."""

from __future__ import annotations

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from annotator.core.project import Project


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


def _fit_columns(view: QTreeView) -> None:
    """The first column takes the room; the others are as wide as their contents."""
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, view.model().columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class _Panel(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(f"<b>{title}</b>", self)
        layout.addWidget(self.title)
        layout.addWidget(self.view)


class ThemesPanel(_Panel):
    """The theme tree with colours, definitions as tooltips, and passage counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Themes"), parent)

    def load(self, project: Project) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Passages")])

        def add(parent: QStandardItem, node) -> None:  # noqa: ANN001
            item = _item(node.name)
            item.setData(QColor(node.color), role=1)  # Qt.DecorationRole: a colour swatch
            item.setToolTip(node.definition)
            parent.appendRow([item, _item(str(node.total_passages))])
            for child in node.children:
                add(item, child)

        root = self.model.invisibleRootItem()
        for node in project.themes.tree():
            add(root, node)
        self.view.expandAll()
        _fit_columns(self.view)
