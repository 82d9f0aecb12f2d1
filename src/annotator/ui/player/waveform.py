"""An overview of the whole recording: its waveform, segment boundaries, the loop range and the play position.

The waveform, boundaries and loop range change rarely and are drawn once into a pixmap for the
current size. The play position moves ~30 times a second, so a position change repaints only the few
pixel columns under the old and the new line, copying them from that pixmap.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

_LINE_WIDTH = 2  # the play position line, in logical pixels


class WaveformView(QWidget):
    """Click or drag to ask for a seek (``seekRequested``); the owner moves the player."""

    seekRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._peaks: np.ndarray | None = None
        self._buckets_per_second = 50
        self._duration_ms = 0
        self._position_ms = 0
        self._segments: list[tuple[int, int]] = []
        self._loop: tuple[int, int] | None = None
        self._background: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(32)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click or drag to move the play position"))

    def sizeHint(self) -> QSize:
        return QSize(400, 56)

    # ----------------------------------------------------------------- data

    def set_peaks(self, peaks: np.ndarray | None, buckets_per_second: int = 50) -> None:
        self._peaks = None if peaks is None else np.asarray(peaks, dtype=np.float32)
        self._buckets_per_second = buckets_per_second
        self._invalidate()

    def set_duration(self, ms: int) -> None:
        if ms != self._duration_ms:
            self._duration_ms = max(0, int(ms))
            self._invalidate()

    @property
    def duration_ms(self) -> int:
        """The length the view spans: the player's duration, or else that of the peaks."""
        if self._duration_ms:
            return self._duration_ms
        if self._peaks is not None and len(self._peaks):
            return len(self._peaks) * 1000 // self._buckets_per_second
        return 0

    def set_segments(self, segments: list[tuple[int, int]]) -> None:
        self._segments = [(int(start), int(end)) for start, end in segments]
        self._invalidate()

    def set_loop(self, loop: tuple[int, int] | None) -> None:
        if loop != self._loop:
            self._loop = loop
            self._invalidate()

    @property
    def position_ms(self) -> int:
        return self._position_ms

    def set_position(self, ms: int) -> None:
        old_x, new_x = self._x_of(self._position_ms), self._x_of(ms)
        self._position_ms = ms
        if old_x != new_x:
            self.update(self._line_rect(old_x))
            self.update(self._line_rect(new_x))

    # ----------------------------------------------------------------- geometry

    def _x_of(self, ms: int) -> int:
        duration = self.duration_ms
        if duration <= 0 or self.width() <= 0:
            return 0
        return round(min(max(ms, 0), duration) * (self.width() - 1) / duration)

    def ms_at(self, x: float) -> int:
        duration = self.duration_ms
        if duration <= 0 or self.width() <= 1:
            return 0
        return round(min(max(x, 0.0), self.width() - 1) * duration / (self.width() - 1))

    def _line_rect(self, x: int) -> QRect:
        return QRect(x - _LINE_WIDTH, 0, 2 * _LINE_WIDTH + 1, self.height())

    # ----------------------------------------------------------------- painting

    def _invalidate(self) -> None:
        self._background = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._background = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # the palette or style may have changed
        self._background = None
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        background = self._background
        stale = background is None or background.devicePixelRatio() != ratio
        if stale or background.deviceIndependentSize().toSize() != self.size():
            self._background = self._render_background(ratio)
        painter = QPainter(self)
        exposed = event.rect()
        painter.drawPixmap(exposed, self._background, QRect(
            round(exposed.x() * ratio), round(exposed.y() * ratio),
            round(exposed.width() * ratio), round(exposed.height() * ratio),
        ))  # fmt: skip
        if self.duration_ms > 0:
            x = self._x_of(self._position_ms)
            if exposed.intersects(self._line_rect(x)):
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), _LINE_WIDTH))
                painter.drawLine(x, 0, x, self.height())
        painter.end()

    def _render_background(self, ratio: float) -> QPixmap:
        width, height = self.width(), self.height()
        pixmap = QPixmap(QSize(max(1, round(width * ratio)), max(1, round(height * ratio))))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        pixmap.fill(palette.color(QPalette.ColorRole.Base))
        painter = QPainter(pixmap)
        duration = self.duration_ms
        if self._loop is not None and duration > 0:
            left, right = self._x_of(self._loop[0]), self._x_of(self._loop[1])
            shade = QColor(palette.color(QPalette.ColorRole.Highlight))
            shade.setAlpha(60)
            painter.fillRect(QRect(left, 0, max(1, right - left), height), shade)
        columns = self._columns(width)
        if columns is not None:
            middle = height / 2
            scale = (height / 2 - 1) / max(float(columns.max(initial=0.0)), 1e-3)
            ink = QColor(palette.color(QPalette.ColorRole.Text))
            ink.setAlphaF(0.75)
            painter.setPen(QPen(ink, 1))
            painter.drawLines([
                QLineF(x + 0.5, middle - value * scale, x + 0.5, middle + value * scale + 0.5)
                for x, value in enumerate(columns.tolist())
            ])  # fmt: skip
        if self._segments and duration > 0:
            boundary = QColor(palette.color(QPalette.ColorRole.Mid))
            painter.setPen(QPen(boundary, 1))
            xs = sorted({self._x_of(ms) for segment in self._segments for ms in segment})
            painter.drawLines([QLineF(x + 0.5, 0, x + 0.5, height) for x in xs])
        painter.end()
        return pixmap

    def _columns(self, width: int) -> np.ndarray | None:
        """One peak per pixel column (the loudest bucket it covers), over the view's duration."""
        peaks = self._peaks
        if peaks is None or not len(peaks) or width <= 0 or self.duration_ms <= 0:
            return None
        # Bucket range of each column; the peaks may be shorter than the duration (or longer, by a bucket).
        per_column = self.duration_ms * self._buckets_per_second / 1000 / width
        starts = np.minimum((np.arange(width) * per_column).astype(np.int64), len(peaks))
        visible = starts < len(peaks)
        if not visible.any():
            return None
        columns = np.zeros(width, dtype=np.float32)
        columns[visible] = np.maximum.reduceat(peaks, starts[visible])
        return columns

    # ----------------------------------------------------------------- seeking

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.duration_ms > 0:
            self.seekRequested.emit(self.ms_at(event.position().x()))
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self.duration_ms > 0:
            self.seekRequested.emit(self.ms_at(event.position().x()))
            event.accept()
        else:
            super().mouseMoveEvent(event)
