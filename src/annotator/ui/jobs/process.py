"""``annotator transcribe --progress json`` as a child process, read line by line.

The window never transcribes in its own process: a crash of the recogniser cannot take the window
with it, and the child commits each segment, which the window reads from the same database (WAL).
Cancel asks politely (SIGTERM: the child stops between two segments), then insists (kill).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

CANCEL_GRACE_MS = 5_000


class TranscriptionProcess(QObject):
    progressed = Signal(int, int, int, int, float)  # recording, done_ms, total_ms, segments, eta_s (-1: unknown)
    recordingFinished = Signal(int, str, str)  # recording, status, message
    warned = Signal(str)
    finished = Signal(int)  # exit code

    def __init__(
        self, project: Path, recordings: list[int], extra_args: list[str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.recordings = recordings
        self.extra_args = list(extra_args or [])
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONUNBUFFERED", "1")
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self._buffer = b""
        self._errors = b""
        self.cancelled = False
        self.process.readyReadStandardError.connect(self._read_errors)
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self.process.kill)

    def arguments(self) -> list[str]:
        return [
            "-m",
            "annotator",
            "transcribe",
            str(self.project),
            *map(str, self.recordings),
            "--progress",
            "json",
            *self.extra_args,
        ]

    def start(self) -> None:
        self.process.start(sys.executable, self.arguments())

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def cancel(self) -> None:
        """SIGTERM now; kill if it has not stopped after a grace period."""
        if self.is_running():
            self.cancelled = True
            self.process.terminate()
            self._kill_timer.start(CANCEL_GRACE_MS)

    def stop_and_wait(self, timeout_ms: int = CANCEL_GRACE_MS) -> None:
        """For closing the window: never leave a child behind."""
        if self.is_running():
            self.process.terminate()
            if not self.process.waitForFinished(timeout_ms):
                self.process.kill()
                self.process.waitForFinished(timeout_ms)

    def error_text(self) -> str:
        lines = [line for line in self._errors.decode(errors="replace").splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def _read_errors(self) -> None:
        self._errors = (self._errors + bytes(self.process.readAllStandardError()))[-8192:]

    def _read(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            self._handle(line)

    def _handle(self, line: bytes) -> None:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            return
        if "warning" in event:
            self.warned.emit(str(event["warning"]))
        elif "status" in event:
            self.recordingFinished.emit(int(event["recording"]), str(event["status"]), str(event.get("message", "")))
        elif "done_ms" in event:
            eta = event.get("eta_s")
            self.progressed.emit(
                int(event["recording"]),
                int(event["done_ms"]),
                int(event["total_ms"]),
                int(event["segments"]),
                -1.0 if eta is None else float(eta),
            )

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._kill_timer.stop()
        if self._buffer:
            self._handle(self._buffer)
            self._buffer = b""
        self.finished.emit(code)
