"""Who is each speaker of a recording: the voices ("Channel 1", "Anak") mapped to participants (WBS-01, STAF-02).

A passage is said by its speaker's participant, so the passage browser's roles (every quote said by staff) need
each voice mapped. A participant not in the project yet is made with the role chosen beside it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from annotator.core.project import Project
from annotator.core.services.participants import ROLES
from annotator.errors import UserError
from annotator.ui.passages.model import role_label


class WhoSpeaksDialog(QDialog):
    def __init__(self, project: Project, recording_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.recording_id = project, recording_id
        recording = project.recordings.get(recording_id)
        self.setWindowTitle(self.tr("Who is each speaker"))
        self.people = {p.code: p.role for p in project.participants.list()}
        self.rows: dict[str, tuple[QComboBox, QComboBox]] = {}
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "Say who each voice of “{title}” is. Passages are said by the participant of their speaker: "
                "the passage browser finds them by role only when the speaker is mapped."
            ).format(title=recording.title),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        for speaker in project.recordings.speakers(recording_id):
            who = QComboBox(self)
            who.setEditable(True)
            who.addItem("")  # nobody (yet)
            for code, role in sorted(self.people.items()):
                who.addItem(code)
                who.setItemData(who.count() - 1, role_label(role))
            who.setCurrentText(speaker.participant or "")
            who.lineEdit().setPlaceholderText(self.tr("participant code, e.g. WBS-01"))
            role = QComboBox(self)
            for key in ROLES:
                role.addItem(role_label(key), key)
            who.currentTextChanged.connect(lambda text, r=role: self._show_role(text, r))
            self._show_role(who.currentText(), role)
            line = QHBoxLayout()
            line.addWidget(who, 2)
            line.addWidget(role, 1)
            label = self.tr("{label} ({n} segments)").format(label=speaker.label, n=speaker.segments)
            form.addRow(label, line)
            self.rows[speaker.label] = (who, role)
        if not self.rows:
            form.addRow(QLabel(self.tr("This recording has no speakers yet: transcribe it first."), self))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _show_role(self, code: str, role: QComboBox) -> None:
        """An existing participant keeps the role it has; a new one takes the role chosen here."""
        known = self.people.get(code.strip())
        if known is not None:
            role.setCurrentIndex(role.findData(known))
        role.setEnabled(bool(code.strip()) and known is None)

    def choices(self) -> dict[str, tuple[str | None, str]]:
        """Each speaker's participant code (None: nobody) and the role for a new participant."""
        return {
            label: (who.currentText().strip() or None, role.currentData()) for label, (who, role) in self.rows.items()
        }

    def accept(self) -> None:
        try:
            for label, (code, role) in self.choices().items():
                if code is not None and code not in self.people:
                    self.project.participants.add(code, role)
                    self.people[code] = role
                self.project.recordings.map_speaker(self.recording_id, label, code)
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()


def ask_who_speaks(parent: QWidget, project: Project, recording_id: int) -> bool:
    """The dialog; True when the mapping was stored."""
    dialog = WhoSpeaksDialog(project, recording_id, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
