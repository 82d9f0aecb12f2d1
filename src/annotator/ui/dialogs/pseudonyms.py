"""The project's list of real names and the codes that replace them in exports (File > Pseudonyms…).

:class:`PseudonymsModel` is a table over ``project.pseudonyms``: real name, code, kind. Every change (a name added,
rows removed, a cell edited) is stored at once through the service; a refusal (a name listed twice, a code that
holds a real name ...) comes back as the service's message through :attr:`PseudonymsModel.refused`, and the dialog
shows it in red. The "Try it" line shows what an export would write for a text, live.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.core.services.pseudonyms import KINDS, PseudonymView
from annotator.errors import UserError

REAL_COLUMN, CODE_COLUMN, KIND_COLUMN = 0, 1, 2
Index = QModelIndex | QPersistentModelIndex
KIND_NAMES = {
    "person": QT_TRANSLATE_NOOP("PseudonymsModel", "person"),
    "place": QT_TRANSLATE_NOOP("PseudonymsModel", "place"),
    "other": QT_TRANSLATE_NOOP("PseudonymsModel", "other"),
}


class PseudonymsModel(QAbstractTableModel):
    """The list as the service keeps it (by kind, then name); editable, each edit one transaction."""

    refused = Signal(str)  # the service's message when it refuses a change
    stored = Signal()  # a change was stored

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._rows: list[PseudonymView] = []
        self.changed = False
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.project.pseudonyms.list()
        self.endResetModel()

    def entry(self, row: int) -> PseudonymView:
        return self._rows[row]

    def row_of(self, real: str) -> int | None:
        wanted = " ".join(real.split()).casefold()
        return next((i for i, e in enumerate(self._rows) if e.real.casefold() == wanted), None)

    def kind_name(self, kind: str) -> str:
        return self.tr(KIND_NAMES[kind]) if kind in KIND_NAMES else kind

    # -- changes, each stored at once ------------------------------------------------------------------------
    def add(self, real: str, code: str, kind: str) -> PseudonymView | None:
        try:
            view = self.project.pseudonyms.add(real, code, kind)
        except UserError as exc:
            self.refused.emit(str(exc))
            return None
        self._stored()
        return view

    def remove_rows(self, rows: Sequence[int]) -> bool:
        reals = [self._rows[row].real for row in sorted(set(rows)) if 0 <= row < len(self._rows)]
        if not reals:
            return False
        try:
            self.project.pseudonyms.change(remove=reals)
        except UserError as exc:
            self.refused.emit(str(exc))
            return False
        self._stored()
        return True

    def _stored(self) -> None:
        self.changed = True
        self.reload()
        self.stored.emit()

    # -- QAbstractTableModel ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 3:
            return None
        return (self.tr("Real name"), self.tr("Code in exports"), self.tr("Kind"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.real, entry.replacement, self.kind_name(entry.kind))[column]
        if role == Qt.ItemDataRole.EditRole:
            return (entry.real, entry.replacement, entry.kind)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("“{real}” is written as “{code}” in pseudonymised exports").format(
                real=entry.real, code=entry.replacement
            )
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """An edited cell replaces the entry (removed and added again, in one transaction)."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not 0 <= index.row() < len(self._rows):
            return False
        entry = self._rows[index.row()]
        new = [entry.real, entry.replacement, entry.kind]
        new[index.column()] = " ".join(str(value or "").split())
        if new == [entry.real, entry.replacement, entry.kind]:
            return False
        try:
            self.project.pseudonyms.change(add=[(new[0], new[1])], remove=[entry.real], kind=new[2])
        except UserError as exc:
            self.refused.emit(str(exc))
            return False
        self._stored()
        return True


class KindDelegate(QStyledItemDelegate):
    """Chooses a kind from a list instead of typing it."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QComboBox(parent)
        model = index.model()
        for kind in KINDS:
            editor.addItem(model.kind_name(kind) if isinstance(model, PseudonymsModel) else kind, kind)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802, ANN001
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PseudonymsDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Pseudonyms"))
        intro = QLabel(
            self.tr(
                "Names listed here are replaced by their codes in every export with “Pseudonymise names” ticked, "
                "including file names and document properties."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = PseudonymsModel(project, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(KIND_COLUMN, KindDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(REAL_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CODE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(KIND_COLUMN, max(110, header.sectionSizeHint(KIND_COLUMN)))

        self.real_edit = QLineEdit(self)
        self.real_edit.setPlaceholderText(self.tr("Real name, e.g. Sari Dewi"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(self.tr("Code, e.g. WBS-01"))
        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem(self.model.kind_name(kind), kind)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove selected"), self)
        adding = QHBoxLayout()
        adding.addWidget(self.real_edit, 3)
        adding.addWidget(self.code_edit, 2)
        adding.addWidget(self.kind_combo)
        adding.addWidget(self.add_button)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color: #c0392b")
        self.test_edit = QLineEdit(self)
        self.test_edit.setPlaceholderText(self.tr("Type a sentence with a listed name"))
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        testing = QHBoxLayout()
        testing.addWidget(QLabel(self.tr("Try it:"), self))
        testing.addWidget(self.test_edit, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(adding)
        layout.addWidget(self.status)
        layout.addLayout(testing)
        layout.addWidget(self.test_result)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self.add)
        self.code_edit.returnPressed.connect(self.add)
        self.real_edit.returnPressed.connect(self.code_edit.setFocus)
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.refused.connect(self.show_refusal)
        self.model.stored.connect(self._stored)
        self.model.modelReset.connect(self._selection_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.test_edit.textChanged.connect(self.show_test)
        self._selection_changed()
        self.show_test()
        self.resize(620, 480)

    @property
    def changed(self) -> bool:
        return self.model.changed

    def add(self) -> None:
        real = self.real_edit.text()
        view = self.model.add(real, self.code_edit.text(), self.kind_combo.currentData())
        if view is None:
            return
        self.real_edit.clear()
        self.code_edit.clear()
        self.real_edit.setFocus()
        row = self.model.row_of(view.real)
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    def remove_selected(self) -> None:
        rows = [index.row() for index in self.view.selectionModel().selectedRows()]
        self.model.remove_rows(rows)

    def show_refusal(self, message: str) -> None:
        self.status.setText(message)

    def _stored(self) -> None:
        self.status.clear()
        self.show_test()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.view.selectionModel().selectedRows()))

    def show_test(self) -> None:
        text = self.test_edit.text()
        if not text.strip():
            self.test_result.setText(self.tr("An export writes it as: (type above)"))
            return
        self.test_result.setText(
            self.tr("An export writes it as: {text}").format(text=self.project.pseudonyms.redact(text))
        )


def edit_pseudonyms(parent: QWidget | None, project: Project) -> bool:
    """Show the list of real names and their codes; True when anything was changed (each change is stored)."""
    dialog = PseudonymsDialog(project, parent)
    try:
        dialog.exec()
        return dialog.changed
    finally:
        dialog.deleteLater()
