"""Playing coded passages: one, or every passage shown, one after another, each just its own stretch of audio.

A passage may be in another recording than the one open: :class:`PassagePlayback` asks the window to open
that recording (``open_recording``) before playing, so that the transcript shows where the words are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from annotator.core.services.coding import PassageView
from annotator.ui.player.player import Player

LEAD_IN_MS = 150  # start a hair before the first word, so that its onset is heard


class PassagePlayback(QObject):
    started = Signal(object)  # the PassageView now playing
    finished = Signal()  # the last passage of the queue has been played (or playback was stopped)

    def __init__(self, player: Player, open_recording: Callable[[int], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.open_recording = open_recording
        self._queue: list[PassageView] = []
        self.current: PassageView | None = None
        player.rangeFinished.connect(self._next)

    def play(self, passages: Sequence[PassageView]) -> int:
        """Play these passages in turn (those without audio are skipped); returns how many will play."""
        self._queue = [p for p in passages if p.recording_id is not None and p.start_ms is not None]
        count = len(self._queue)
        self._next()
        return count

    def stop(self) -> None:
        self._queue = []
        if self.current is not None:
            self.current = None
            self.player.pause()
            self.finished.emit()

    def _next(self) -> None:
        while self._queue:
            passage = self._queue.pop(0)
            assert passage.recording_id is not None and passage.start_ms is not None and passage.end_ms is not None
            if not self.open_recording(passage.recording_id) or self.player.path is None:
                continue  # its media cannot be found: the window has said so
            self.current = passage
            self.player.play_range(max(0, passage.start_ms - LEAD_IN_MS), max(passage.end_ms, passage.start_ms + 1))
            self.started.emit(passage)
            return
        if self.current is not None:
            self.current = None
            self.finished.emit()
