"""Preferences: playback steps, the confidence that marks a word doubtful, and every shortcut."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QKeySequenceEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.actions import SPECS, Actions
from annotator.ui.settings import CONFIDENCE_THRESHOLD, REWIND_ON_RESUME_MS, SKIP_SECONDS, Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.actions = actions
        self.setWindowTitle(self.tr("Preferences"))
        self.skip = QSpinBox(self)
        self.skip.setRange(1, 60)
        self.skip.setSuffix(self.tr(" s"))
        self.skip.setValue(int(settings.get(SKIP_SECONDS)))
        self.rewind = QDoubleSpinBox(self)
        self.rewind.setRange(0, 10)
        self.rewind.setSingleStep(0.5)
        self.rewind.setSuffix(self.tr(" s (0: off)"))
        self.rewind.setValue(settings.get(REWIND_ON_RESUME_MS) / 1000)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(float(settings.get(CONFIDENCE_THRESHOLD)))
        form = QFormLayout()
        form.addRow(self.tr("Skip back / forward by:"), self.skip)
        form.addRow(self.tr("Step back when playback resumes:"), self.rewind)
        form.addRow(self.tr("Mark words below this confidence:"), self.threshold)

        self.keys: dict[str, QKeySequenceEdit] = {}
        shortcuts = QWidget(self)
        keys_form = QFormLayout(shortcuts)
        for spec in SPECS:
            edit = QKeySequenceEdit(actions[spec.id].shortcut(), shortcuts)
            edit.setClearButtonEnabled(True)
            self.keys[spec.id] = edit
            keys_form.addRow(actions[spec.id].text().replace("&", ""), edit)
        scroll = QScrollArea(self)
        scroll.setWidget(shortcuts)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(520, 640)

    def accept(self) -> None:
        self.settings.set(SKIP_SECONDS, self.skip.value())
        self.settings.set(REWIND_ON_RESUME_MS, int(self.rewind.value() * 1000))
        self.settings.set(CONFIDENCE_THRESHOLD, round(self.threshold.value(), 2))
        for action_id, edit in self.keys.items():
            key = edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            if key != self.actions[action_id].shortcut().toString(QKeySequence.SequenceFormat.PortableText):
                self.actions.set_shortcut(action_id, key)
        super().accept()
