"""Waiting for an export or an import: the work on a worker thread, a busy progress dialog after half a second.

:class:`BackgroundWork` runs one callable through :func:`~annotator.ui.workers.run_in_background` and reports on the
main thread: :attr:`~BackgroundWork.succeeded` with the result, :attr:`~BackgroundWork.failed` with a message the
user can read (a :class:`~annotator.errors.UserError`'s own; anything else is logged with its traceback and shown
as an unexpected problem, never as a traceback), or :attr:`~BackgroundWork.abandoned` when the user pressed Cancel.
A window with its own event loop (a dialog) connects to the signals; a plain function calls :meth:`wait`.

Cancel only stops the waiting: a thread cannot be stopped safely half-way through a transaction, so the work goes
on to its end by itself and its result (or failure) is ignored. An import then still comes in (or not) whole, as
the core makes each file one transaction; an export still writes its file.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.errors import UserError
from annotator.ui.workers import run_in_background

log = logging.getLogger(__name__)
DELAY_MS = 500  # quick work finishes without a progress dialog flashing up


@dataclass
class _Outcome:
    value: Any = None
    message: str | None = None  # the work failed: why
    unexpected: str | None = None  # ... with an error that is not a UserError (a bug): its traceback, for the log


def _guarded(work: Callable[[], Any]) -> Callable[[], _Outcome]:
    def run() -> _Outcome:
        try:
            return _Outcome(value=work())
        except UserError as exc:
            return _Outcome(message=str(exc))
        except Exception as exc:  # logged on the main thread: logging here would register this thread with Python
            return _Outcome(message=str(exc) or type(exc).__name__, unexpected=traceback.format_exc())

    return run


class BackgroundWork(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    abandoned = Signal()

    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        super().__init__(parent)
        self.window = parent
        self.title = title
        self.label = label
        self.running = False
        self.progress: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._show_progress)

    def start(self, work: Callable[[], Any]) -> None:
        self.running = True
        # The relay belongs to the application, not to this object: a window closed while the work goes on must
        # not take away what the worker thread reports to.
        run_in_background(_guarded(work), self._finished, self._crashed, QCoreApplication.instance())
        self._timer.start()

    def wait(self) -> tuple[str, Any]:
        """Run an event loop until the work is over: ``("done", result)``, ``("failed", message)`` or
        ``("abandoned", None)``. Call it right after :meth:`start` (the results are queued until a loop runs)."""
        outcome: list[tuple[str, Any]] = []
        loop = QEventLoop(self)
        self.succeeded.connect(lambda value: (outcome.append(("done", value)), loop.quit()))
        self.failed.connect(lambda message: (outcome.append(("failed", message)), loop.quit()))
        self.abandoned.connect(lambda: (outcome.append(("abandoned", None)), loop.quit()))
        if self.running:
            loop.exec()
        return outcome[0] if outcome else ("abandoned", None)

    def cancel(self) -> None:
        """Stop waiting. The work itself cannot be stopped: it finishes on its own and its result is ignored."""
        if not self.running:
            return
        self._end()
        self.abandoned.emit()

    def _show_progress(self) -> None:
        if not self.running:
            return
        progress = QProgressDialog(self.label, self.tr("Cancel"), 0, 0, self.window)
        progress.setWindowTitle(self.title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.canceled.connect(self.cancel)
        self.progress = progress
        progress.show()

    def _end(self) -> None:
        self.running = False
        self._timer.stop()
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect(self.cancel)
            progress.close()
            progress.deleteLater()

    def _finished(self, outcome: _Outcome) -> None:
        if not self.running:
            return  # abandoned: the work finished on its own, and nobody waits for it any more
        self._end()
        if outcome.message is None:
            self.succeeded.emit(outcome.value)
        elif outcome.unexpected is not None:
            log.error("background work failed:\n%s", outcome.unexpected)
            self.failed.emit(
                self.tr("Annotator ran into an unexpected problem ({reason}); the details are in its log.").format(
                    reason=outcome.message
                )
            )
        else:
            self.failed.emit(outcome.message)

    def _crashed(self, message: str) -> None:  # only if reporting the outcome itself failed
        self._finished(_Outcome(message=message, unexpected=message))
