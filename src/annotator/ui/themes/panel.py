"""The themes panel (read-only until the coding issue): the theme tree with colours and passage counts."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from annotator.core.project import Project
from annotator.ui.themes.model import ThemesModel


class ThemesPanel(QWidget):
    """The theme tree with colours, definitions (and the other language's name) as tooltips, and counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ThemesModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(f"<b>{self.tr('Themes')}</b>", self)
        layout.addWidget(self.title)
        layout.addWidget(self.view)

    def load(self, project: Project) -> None:
        self.model.reload(project.themes.tree())
        self.view.expandAll()
