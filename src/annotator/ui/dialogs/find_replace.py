"""Find and replace in the transcript of one recording; Replace all is one undoable change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FindReplaceDialog(QDialog):
    findNext = Signal(str, bool, bool)  # text, case sensitive, whole words
    replaceAll = Signal(str, str, bool, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find and replace"))
        self.find_edit = QLineEdit(self)
        self.replace_edit = QLineEdit(self)
        self.case = QCheckBox(self.tr("Match case"), self)
        self.whole = QCheckBox(self.tr("Whole words"), self)
        self.whole.setChecked(True)
        self.status = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Find:"), self.find_edit)
        form.addRow(self.tr("Replace with:"), self.replace_edit)
        form.addRow(self.case)
        form.addRow(self.whole)
        buttons = QDialogButtonBox(self)
        self.next_button = QPushButton(self.tr("Find next"), self)
        self.all_button = QPushButton(self.tr("Replace all"), self)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.next_button.clicked.connect(
            lambda: self.findNext.emit(self.find_edit.text(), self.case.isChecked(), self.whole.isChecked())
        )
        self.all_button.clicked.connect(
            lambda: self.replaceAll.emit(
                self.find_edit.text(), self.replace_edit.text(), self.case.isChecked(), self.whole.isChecked()
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def show_result(self, text: str) -> None:
        self.status.setText(text)
