"""Short background work (waveform peaks, exports) on a worker thread that never touches widgets.

The result comes back through a signal, delivered on the main thread to whoever asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - reported to the main thread, which decides
            self.relay.failed.emit(str(exc))
        else:
            self.relay.done.emit(result)


def run_in_background(
    work: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[str], None], owner: QObject
) -> None:
    """Run ``work`` on the global thread pool; ``on_done(result)`` or ``on_failed(message)`` runs on the main thread."""
    relay = _Relay(owner)
    relay.done.connect(on_done)
    relay.failed.connect(on_failed)
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Task(work, relay))
