"""Audio playback for checking a transcript: QMediaPlayer with the habits of a transcription player.

- The position is reported every ~30 ms while playing. QMediaPlayer itself reports it only once per
  audio buffer (about every 93 ms with the FFmpeg backend), too coarse for a word highlight, so between
  its reports the position is extrapolated from a monotonic clock and the playback rate. The timer runs
  only while playing.
- Resuming after a pause jumps back ``rewind_on_resume_ms`` (2 s by default), so the listener hears
  again the words that were cut off, as transcription foot-pedal software does.
- A loop range (a segment to hear again and again) wraps the position back to its start.
- Speed changes keep the pitch where Qt can do that, so voices stay intelligible at 1.5x.

On a machine without a sound card (CI, a server) Qt's FFmpeg backend says "No audio device detected"
and plays against the system clock instead: positions advance as they would with sound.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

TICK_MS = 30
MIN_RATE = 0.5
MAX_RATE = 2.0
# Extrapolate at most this far past QMediaPlayer's last report: if playback stalls, the highlight waits.
_MAX_EXTRAPOLATION_MS = 250
# A report slightly behind what was already shown is drift, not a jump: hold rather than step back.
_MAX_HOLD_MS = 250


class Player(QObject):
    """Plays one media file. Times are integer milliseconds."""

    positionChanged = Signal(int)
    stateChanged = Signal(bool)  # playing
    durationChanged = Signal(int)
    errorOccurred = Signal(str)  # one line naming the file
    rateChanged = Signal(float)
    loopChanged = Signal()  # see loop_range
    rangeFinished = Signal()  # a stretch asked for with play_range has been played to its end

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        # Qt 6.10 added pitch compensation (time stretching without the "chipmunk" effect) to the FFmpeg
        # backend. Older Qt has no switch: a faster rate there also raises the pitch of the voices.
        if hasattr(self._player, "setPitchCompensation"):
            self._player.setPitchCompensation(True)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._anchor_ms = 0  # the last position QMediaPlayer reported (or a seek target)
        self._shown_ms = -1  # the last position emitted
        self._path: Path | None = None
        self._pending_seek: int | None = None  # a seek asked for before the media finished loading
        self._rewind_pending = False  # the user paused; the next play() steps back
        self._playing = False
        self._loop: tuple[int, int] | None = None
        self._stop_at: int | None = None  # play_range: pause here
        self.rewind_on_resume_ms = 2000

        self._player.positionChanged.connect(self._on_player_position)
        self._player.durationChanged.connect(self._on_duration)
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)

    # ----------------------------------------------------------------- the media

    @property
    def path(self) -> Path | None:
        return self._path

    def load(self, path: Path, start_ms: int = 0) -> None:
        """Open ``path`` (paused, at ``start_ms``); a file that cannot be played gives ``errorOccurred``."""
        self.stop()
        self._path = Path(path)
        self._rewind_pending = False
        self._anchor_ms = max(0, start_ms)
        self._shown_ms = -1
        self._pending_seek = self._anchor_ms or None
        if not self._path.is_file():
            self._player.setSource(QUrl())
            reason = "is a folder, not a media file" if self._path.is_dir() else "no such file"
            self.errorOccurred.emit(f"{self._path}: cannot be played ({reason})")
            return
        self._player.setSource(QUrl.fromLocalFile(str(self._path.absolute())))

    def unload(self) -> None:
        """Stop and let go of the file (its decoding threads end)."""
        self.stop()
        self._player.setSource(QUrl())
        self._path = None
        self._pending_seek = None

    @property
    def duration_ms(self) -> int:
        return max(0, self._player.duration())

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def is_loaded(self) -> bool:
        return self._player.mediaStatus() in (
            QMediaPlayer.MediaStatus.LoadedMedia,
            QMediaPlayer.MediaStatus.BufferingMedia,
            QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.StalledMedia,
            QMediaPlayer.MediaStatus.EndOfMedia,
        )

    # ----------------------------------------------------------------- transport

    def play(self) -> None:
        status = self._player.mediaStatus()
        if self._path is None or status in (QMediaPlayer.MediaStatus.NoMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            return
        if self._rewind_pending and self.rewind_on_resume_ms > 0:
            floor = self._loop[0] if self._loop and self.position_ms >= self._loop[0] else 0
            self.seek(max(floor, self.position_ms - self.rewind_on_resume_ms))
        self._rewind_pending = False
        self._player.play()

    def play_range(self, start_ms: int, end_ms: int) -> None:
        """Play ``start_ms..end_ms`` once (a coded passage) and pause at its end, emitting ``rangeFinished``."""
        start_ms, end_ms = max(0, int(start_ms)), int(end_ms)
        if end_ms <= start_ms:
            raise ValueError(f"an empty range: {start_ms}..{end_ms} ms")
        self.clear_loop()
        self.seek(start_ms)
        self._stop_at = end_ms
        self._player.play()

    @property
    def stop_at(self) -> int | None:
        return self._stop_at

    def pause(self) -> None:
        self._stop_at = None
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._rewind_pending = True
            self._player.pause()

    def stop(self) -> None:
        """Stop playing and stay where it is (unlike QMediaPlayer.stop, which goes back to 0), with no rewind."""
        if self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self._player.pause()
        self._rewind_pending = False

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        ms = max(0, int(ms))
        if self.duration_ms:
            ms = min(ms, self.duration_ms)
        self._rewind_pending = False
        self._anchor_ms = ms
        self._clock.restart()
        self._shown_ms = -1
        if self.is_loaded:
            self._player.setPosition(ms)
        else:
            self._pending_seek = ms
        self._emit_position(ms)

    def skip(self, seconds: float) -> None:
        """Jump forward (or back, for negative ``seconds``) from the current position."""
        self.seek(self.position_ms + round(seconds * 1000))

    @property
    def position_ms(self) -> int:
        if not self._playing or not self._clock.isValid():
            return self._anchor_ms
        ahead = min(self._clock.elapsed() * self._player.playbackRate(), _MAX_EXTRAPOLATION_MS)
        position = self._anchor_ms + int(ahead)
        return min(position, self.duration_ms) if self.duration_ms else position

    # ----------------------------------------------------------------- rate, volume, loop

    @property
    def rate(self) -> float:
        return self._player.playbackRate()

    def set_rate(self, rate: float) -> None:
        rate = min(MAX_RATE, max(MIN_RATE, float(rate)))
        if rate == self._player.playbackRate():
            return
        self._anchor_ms = self.position_ms  # extrapolate from here at the new rate
        self._clock.restart()
        self._player.setPlaybackRate(rate)
        self.rateChanged.emit(rate)

    @property
    def volume(self) -> float:
        return self._output.volume()

    def set_volume(self, volume: float) -> None:
        self._output.setVolume(min(1.0, max(0.0, float(volume))))

    @property
    def loop_range(self) -> tuple[int, int] | None:
        return self._loop

    def loop(self, start_ms: int, end_ms: int) -> None:
        """Play ``start_ms..end_ms`` over and over; a position outside it moves to its start."""
        start_ms, end_ms = max(0, int(start_ms)), int(end_ms)
        if end_ms <= start_ms:
            raise ValueError(f"an empty loop range: {start_ms}..{end_ms} ms")
        self._loop = (start_ms, end_ms)
        self._stop_at = None
        self.loopChanged.emit()
        if not start_ms <= self.position_ms < end_ms:
            self.seek(start_ms)

    def clear_loop(self) -> None:
        if self._loop is not None:
            self._loop = None
            self.loopChanged.emit()

    # ----------------------------------------------------------------- QMediaPlayer's side

    def _tick(self) -> None:
        position = self.position_ms
        if self._wrap_loop(position):
            return
        if 0 <= position < self._shown_ms and self._shown_ms - position < _MAX_HOLD_MS:
            return  # a report slightly behind the extrapolation: wait for it to catch up
        self._emit_position(position)

    def _wrap_loop(self, position: int) -> bool:
        if self._stop_at is not None and position >= self._stop_at:
            end = self._stop_at
            self.pause()
            self.seek(end)  # resuming goes on from the passage's end, not a step back into it
            self.rangeFinished.emit()
            return True
        if self._loop is not None and position >= self._loop[1]:
            self.seek(self._loop[0])
            return True
        return False

    def _emit_position(self, position: int) -> None:
        if position != self._shown_ms:
            self._shown_ms = position
            self.positionChanged.emit(position)

    def _on_player_position(self, ms: int) -> None:
        self._anchor_ms = ms
        self._clock.restart()
        if not self._playing:
            self._emit_position(ms)
        else:
            self._wrap_loop(ms)

    def _on_duration(self, ms: int) -> None:
        self.durationChanged.emit(max(0, ms))

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if playing == self._playing:
            return
        if playing:
            self._clock.restart()
            self._timer.start()
        else:
            self._timer.stop()
            self._anchor_ms = self._player.position() if self.is_loaded else self._anchor_ms
            self._emit_position(self._anchor_ms)
        self._playing = playing
        self.stateChanged.emit(playing)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_seek is not None:
            target, self._pending_seek = self._pending_seek, None
            self._player.setPosition(target)
            self._anchor_ms = target
            self._emit_position(target)
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and self._loop is not None:
            self.seek(self._loop[0])
            self._player.play()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and self._stop_at is not None:
            self._stop_at = None
            self.rangeFinished.emit()

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        self._timer.stop()
        name = self._path if self._path is not None else self._player.source().toLocalFile()
        reason = " ".join((message or "unknown error").split()).rstrip(".")
        self.errorOccurred.emit(f"{name}: cannot be played ({reason})")
