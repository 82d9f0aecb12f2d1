"""The jobs panel: a row per recording being transcribed, with progress, time left and Cancel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from annotator.timefmt import clock
from annotator.ui.jobs.process import TranscriptionProcess


@dataclass
class _Row:
    title: QLabel
    bar: QProgressBar
    detail: QLabel
    cancel: QPushButton
    process: TranscriptionProcess
    done: bool = False


class JobsPanel(QWidget):
    """Starts transcriptions as child processes and shows how each one goes."""

    progressed = Signal(int, int)  # recording, segments stored so far: time to show the new ones
    recordingFinished = Signal(int, str, str)  # recording, status, message
    allFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[int, _Row] = {}
        self._processes: list[TranscriptionProcess] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self._empty = QLabel(self.tr("No transcription running."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._empty)
        self._grid = QGridLayout()
        layout.addLayout(self._grid)
        layout.addStretch(1)

    # -- starting ---------------------------------------------------------------------------------------------
    def transcribe(self, project: Path, recordings: list[tuple[int, str]], extra_args: list[str] | None = None) -> None:
        """One child process for these recordings (one model load); a row for each."""
        wanted = [(rid, title) for rid, title in recordings if not self._is_busy(rid)]
        if not wanted:
            return
        process = TranscriptionProcess(project, [rid for rid, _ in wanted], extra_args, self)
        process.progressed.connect(self._progressed)
        process.recordingFinished.connect(self._recording_finished)
        process.finished.connect(lambda code, p=process: self._process_finished(p, code))
        for rid, title in wanted:
            self._add_row(rid, title, process)
        self._processes.append(process)
        self._empty.hide()
        process.start()

    def _is_busy(self, recording_id: int) -> bool:
        row = self._rows.get(recording_id)
        return row is not None and not row.done

    def _add_row(self, recording_id: int, title: str, process: TranscriptionProcess) -> None:
        old = self._rows.pop(recording_id, None)
        if old is not None:
            for widget in (old.title, old.bar, old.detail, old.cancel):
                widget.deleteLater()
        row_index = self._grid.rowCount()
        label = QLabel(title, self)
        bar = QProgressBar(self)
        bar.setRange(0, 1000)
        bar.setTextVisible(False)
        detail = QLabel(self.tr("waiting"), self)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(process.cancel)
        for column, widget in enumerate((label, bar, detail, cancel)):
            self._grid.addWidget(widget, row_index, column)
        self._rows[recording_id] = _Row(label, bar, detail, cancel, process)

    # -- following --------------------------------------------------------------------------------------------
    def _progressed(self, recording_id: int, done_ms: int, total_ms: int, segments: int, eta_s: float) -> None:
        row = self._rows.get(recording_id)
        if row is None:
            return
        row.bar.setValue(int(1000 * done_ms / max(total_ms, 1)))
        left = self.tr("{time} left").format(time=clock(int(eta_s * 1000))) if eta_s >= 0 else ""
        row.detail.setText(self.tr("%n segment(s)", "", segments) + (f" · {left}" if left else ""))
        self.progressed.emit(recording_id, segments)

    def _recording_finished(self, recording_id: int, status: str, message: str) -> None:
        row = self._rows.get(recording_id)
        if row is None:
            return
        self._end_row(row, status, message)
        self.recordingFinished.emit(recording_id, status, message)

    def _end_row(self, row: _Row, status: str, message: str = "") -> None:
        row.done = True
        row.cancel.setEnabled(False)
        texts = {
            "done": self.tr("done"),
            "cancelled": self.tr("cancelled"),
            "failed": self.tr("failed"),
        }
        row.detail.setText(texts.get(status, status))
        row.detail.setToolTip(message)
        if status == "done":
            row.bar.setValue(1000)

    def _process_finished(self, process: TranscriptionProcess, code: int) -> None:
        error = process.error_text()
        for rid, row in self._rows.items():
            if row.process is process and not row.done:  # never started, or the child died
                status = "cancelled" if process.cancelled or code == 130 else "failed"
                self._end_row(row, status, error)
                self.recordingFinished.emit(rid, status, error)
        self._processes.remove(process)  # the panel (its Qt parent) deletes it; its row still shows the outcome
        if not self._processes:
            self.allFinished.emit()

    # -- state ------------------------------------------------------------------------------------------------
    def running(self) -> bool:
        return any(p.is_running() for p in self._processes)

    def row_state(self, recording_id: int) -> tuple[int, str] | None:
        """(progress per mille, detail text) of a recording's row, for tests and the status bar."""
        row = self._rows.get(recording_id)
        return (row.bar.value(), row.detail.text()) if row else None

    def cancel(self, recording_id: int) -> None:
        row = self._rows.get(recording_id)
        if row is not None:
            row.process.cancel()

    def stop_all(self) -> None:
        """Before the window closes: stop every child and wait for it."""
        for process in list(self._processes):
            process.stop_and_wait()
