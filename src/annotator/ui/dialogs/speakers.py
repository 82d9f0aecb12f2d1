"""Asking who speaks: the speaker of one segment, or a new name for a speaker in the whole recording."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.ui.transcript.panel import TranscriptPanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("Speakers", text)


def ask_segment_speaker(parent: QWidget, transcript: TranscriptPanel) -> None:
    segment = transcript.editor.current_segment()
    if segment is None:
        return
    labels = transcript.speakers()
    current = labels.index(segment.speaker) if segment.speaker in labels else 0
    label, ok = QInputDialog.getItem(parent, _tr("Speaker"), _tr("Speaker of this segment:"), labels, current, True)
    if ok:
        transcript.set_speaker(label)


def ask_speaker_rename(parent: QWidget, transcript: TranscriptPanel) -> str | None:
    """Rename a speaker everywhere in the recording; returns a message when there is nobody to rename."""
    labels = transcript.speakers()
    if not labels:
        return _tr("This transcript has no speakers yet.")
    old, ok = QInputDialog.getItem(parent, _tr("Rename a speaker"), _tr("Speaker:"), labels, 0, False)
    if not ok:
        return None
    new, ok = QInputDialog.getText(
        parent,
        _tr("Rename a speaker"),
        _tr("New name for {label} in the whole recording:").format(label=old),
        text=old,
    )
    if ok:
        transcript.rename_speaker(old, new)
    return None
