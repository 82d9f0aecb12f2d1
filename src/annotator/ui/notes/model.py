"""The field notes of a project as a list model: one row per document, by title.

Each row shows the document's title; the tooltip (and :data:`SUBTITLE_ROLE`, for a second line) says whose notes
they are and how many passages are coded in them. The model holds the core's
:class:`~annotator.core.services.documents.DocumentSummary` list (a project has tens of documents, not thousands);
``reload`` reads it again. With a coding controller (:meth:`DocumentsModel.set_project`) it reloads by itself
whenever a document or the codebook changed (a document made, imported, deleted, edited or coded).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.core.project import Project
from annotator.core.services.documents import DocumentSummary
from annotator.ui.coding.controller import CodingController, Touched, follow

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # "STAF-01 · 3 passages"
Index = QModelIndex | QPersistentModelIndex


class DocumentsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[DocumentSummary] = []
        self.project: Project | None = None
        self.controller: CodingController | None = None

    # -- contents ---------------------------------------------------------------------------------------------
    def set_project(self, project: Project | None, controller: CodingController | None = None) -> None:
        """List a project's documents; with a controller, kept up to date with every change it announces."""
        self.project, self.controller = project, follow(self.controller, controller, self._changed)
        self.reload()

    def _changed(self, touched: Touched) -> None:
        if touched.documents or touched.codebook:
            self.reload()

    def reload(self, summaries: list[DocumentSummary] | None = None) -> None:
        """Replace the rows: the given summaries, or the project's documents as they are now."""
        if summaries is None:
            summaries = self.project.documents.list() if self.project is not None else []
        if summaries == self._documents:
            return
        self.beginResetModel()
        self._documents = list(summaries)
        self.endResetModel()

    def summary(self, index: Index) -> DocumentSummary | None:
        if not index.isValid() or not 0 <= index.row() < len(self._documents):
            return None
        return self._documents[index.row()]

    def summaries(self) -> list[DocumentSummary]:
        return list(self._documents)

    def index_of(self, document_id: int) -> QModelIndex:
        row = next((r for r, d in enumerate(self._documents) if d.id == document_id), None)
        return self.index(row, 0) if row is not None else QModelIndex()

    # -- QAbstractListModel -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._documents)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        document = self.summary(index)
        if document is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return document.title
        if role == DOCUMENT_ID_ROLE:
            return document.id
        if role == SUBTITLE_ROLE:
            return self.subtitle(document)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [document.title, self.subtitle(document)]
            if document.source_path:
                lines.append(self.tr("Imported from {path}").format(path=document.source_path))
            return "\n".join(lines)
        return None

    def subtitle(self, document: DocumentSummary) -> str:
        """Whose notes they are and how many passages are coded in them."""
        passages = self.tr("%n passage(s)", "", document.passages)
        if document.participant:
            return f"{document.participant} · {passages}"
        return passages

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
