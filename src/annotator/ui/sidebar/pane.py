"""The left of the window: the recordings, grouped by the role of who was interviewed, and the field notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.notes.model import DocumentsModel
from annotator.ui.sidebar.model import RecordingsModel


class SourcesPane(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.recordings = RecordingsModel(self)
        self.recordings_view = QTreeView(self)
        self.recordings_view.setModel(self.recordings)
        self.recordings_view.setUniformRowHeights(True)
        self.recordings_view.setAlternatingRowColors(True)
        header = self.recordings_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.documents = DocumentsModel(self)
        self.notes_view = QListView(self)
        self.notes_view.setModel(self.documents)
        self.notes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        notes_box = QWidget(self)
        layout = QVBoxLayout(notes_box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(QLabel("<b>" + self.tr("Field notes") + "</b>", notes_box))
        layout.addWidget(self.notes_view)

        self.addWidget(self.recordings_view)
        self.addWidget(notes_box)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
