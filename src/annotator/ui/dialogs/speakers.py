"""Asking who speaks: the speaker of one segment, or a new name for a speaker in the whole recording."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.ui.transcript.panel import TranscriptPanel


def ask_segment_speaker(parent: QWidget, transcript: TranscriptPanel) -> None:
    segment = transcript.editor.current_segment()
    if segment is None:
        return
    labels = transcript.speakers()
    current = labels.index(segment.speaker) if segment.speaker in labels else 0
    title = QCoreApplication.translate("Speakers", "Speaker")
    question = QCoreApplication.translate("Speakers", "Speaker of this segment:")
    label, ok = QInputDialog.getItem(parent, title, question, labels, current, True)
    if ok:
        transcript.set_speaker(label)


def ask_speaker_rename(parent: QWidget, transcript: TranscriptPanel) -> str | None:
    """Rename a speaker everywhere in the recording; returns a message when there is nobody to rename."""
    labels = transcript.speakers()
    if not labels:
        return QCoreApplication.translate("Speakers", "This transcript has no speakers yet.")
    title = QCoreApplication.translate("Speakers", "Rename a speaker")
    old, ok = QInputDialog.getItem(parent, title, QCoreApplication.translate("Speakers", "Speaker:"), labels, 0, False)
    if not ok:
        return None
    question = QCoreApplication.translate("Speakers", "New name for {label} in the whole recording:")
    new, ok = QInputDialog.getText(parent, title, question.format(label=old), text=old)
    if ok:
        transcript.rename_speaker(old, new)
    return None
