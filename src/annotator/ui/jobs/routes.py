"""Transcribing from the window: the Transcribe menu's actions, and new segments shown as they are stored.

Transcription runs as a child process (the jobs panel); its progress reaches the window here: the recording's
row says it is running, the transcript shows new segments at most once a second (never pulled from under
someone typing), and a failure says why in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

LIVE_RELOAD_MS = 1000


class TranscriptionRoutes(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._live_reload = QTimer(self)
        self._live_reload.setSingleShot(True)
        self._live_reload.setInterval(LIVE_RELOAD_MS)
        self._live_reload.timeout.connect(self._show_new_segments)
        window.actions.connect("transcribe.one", self.transcribe_current)
        window.actions.connect("transcribe.all", self.transcribe_all)
        window.actions.connect("transcribe.cancel", window.jobs.stop_all)
        window.jobs.progressed.connect(self._progressed)
        window.jobs.recordingFinished.connect(self._finished)

    def transcribe_current(self) -> None:
        w = self.window
        if w.project is None or w.recording_id is None or w.project.path is None:
            return
        title = w.project.recordings.get(w.recording_id).title
        self.transcribe([(w.recording_id, title)])

    def transcribe_all(self) -> None:
        w = self.window
        if w.project is None or w.project.path is None:
            return
        self.transcribe([(s.id, s.title) for s in w.recordings.summaries() if s.transcription != "done"])

    def transcribe(self, recordings: list[tuple[int, str]], extra_args: list[str] | None = None) -> None:
        w = self.window
        assert w.project is not None and w.project.path is not None
        if not recordings:
            w.statusBar().showMessage(self.tr("Every recording is transcribed."), 5000)
            return
        w.jobs_dock.show()
        for recording_id, _title in recordings:
            w.recordings.set_running(recording_id, True)
        w.jobs.transcribe(w.project.path, recordings, extra_args)

    def _progressed(self, recording_id: int, _segments: int) -> None:
        if recording_id == self.window.recording_id and not self._live_reload.isActive():
            self._live_reload.start()  # new segments are read at most once a second, not at every one

    def _show_new_segments(self) -> None:
        if not self.window.transcript.editor.hasFocus():  # never pull the text from under someone typing
            self.window.transcript.reload()

    def _finished(self, recording_id: int, status: str, message: str) -> None:
        w = self.window
        w.recordings.set_running(recording_id, False)
        w.refresh_recordings()
        if recording_id == w.recording_id:
            w.transcript.reload()
        if status == "failed":
            w.statusBar().showMessage(message, 10000)
