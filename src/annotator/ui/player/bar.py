"""The player bar along the bottom of the main window.

The waveform overview on top; below it the transport buttons, the position slider with the time,
the speed, the segment loop and the volume. The bar only shows and forwards: the Player does the work,
and keyboard shortcuts belong to the actions registry, which calls the Player directly.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLocale, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractSlider,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.timefmt import clock
from annotator.ui.player.player import Player
from annotator.ui.player.waveform import WaveformView

SPEEDS = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


class PlayerBar(QWidget):
    def __init__(self, player: Player, parent: QWidget | None = None, *, skip_seconds: float = 5) -> None:
        super().__init__(parent)
        self.player = player
        self._skip_seconds = skip_seconds
        self._segments: list[tuple[int, int]] = []
        style = self.style()

        self.waveform = WaveformView(self)
        self.waveform.seekRequested.connect(player.seek)

        self.back_button = QToolButton(self)
        self.back_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward))
        self.back_button.clicked.connect(lambda: player.skip(-self._skip_seconds))
        self.play_button = QToolButton(self)
        self.play_button.clicked.connect(player.toggle)
        self.forward_button = QToolButton(self)
        self.forward_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.forward_button.clicked.connect(lambda: player.skip(self._skip_seconds))
        for button in (self.back_button, self.forward_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.slider.setAccessibleName(self.tr("Play position"))
        self.slider.sliderMoved.connect(player.seek)
        self.slider.actionTriggered.connect(self._slider_action)
        self.time_label = QLabel(self)
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.speed_combo = QComboBox(self)
        self.speed_combo.setToolTip(self.tr("Playback speed (the pitch of the voices stays the same)"))
        self.speed_combo.setAccessibleName(self.tr("Playback speed"))
        locale = QLocale()
        for speed in SPEEDS:
            self.speed_combo.addItem(self.tr("{speed}×").format(speed=locale.toString(speed, "g", 3)), speed)
        self.speed_combo.currentIndexChanged.connect(self._speed_chosen)

        self.loop_button = QToolButton(self)
        self.loop_button.setText(self.tr("Loop segment"))
        self.loop_button.setToolTip(self.tr("Play the segment under the play position over and over"))
        self.loop_button.setCheckable(True)
        self.loop_button.toggled.connect(self._loop_toggled)

        volume_icon = QLabel(self)
        volume_icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume).pixmap(16, 16))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setFixedWidth(90)
        self.volume_slider.setToolTip(self.tr("Volume"))
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setValue(round(player.volume * 100))
        self.volume_slider.valueChanged.connect(lambda value: player.set_volume(value / 100))

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.play_button, self.forward_button):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addSpacing(8)
        controls.addWidget(self.speed_combo)
        controls.addWidget(self.loop_button)
        controls.addSpacing(8)
        controls.addWidget(volume_icon)
        controls.addWidget(self.volume_slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.waveform)
        layout.addLayout(controls)

        player.positionChanged.connect(self._position_changed)
        player.durationChanged.connect(self._duration_changed)
        player.stateChanged.connect(self._state_changed)
        player.rateChanged.connect(self._rate_changed)
        player.loopChanged.connect(self._loop_changed)
        self._update_skip_texts()
        self._duration_changed(player.duration_ms)
        self._position_changed(player.position_ms)
        self._state_changed(player.is_playing)
        self._rate_changed(player.rate)
        self._loop_changed()

    # ----------------------------------------------------------------- configuration

    @property
    def skip_seconds(self) -> float:
        return self._skip_seconds

    @skip_seconds.setter
    def skip_seconds(self, seconds: float) -> None:
        self._skip_seconds = seconds
        self._update_skip_texts()

    def _update_skip_texts(self) -> None:
        seconds = QLocale().toString(float(self._skip_seconds), "g", 3)
        self.back_button.setText(self.tr("{seconds} s").format(seconds=seconds))
        self.back_button.setToolTip(self.tr("Back {seconds} seconds").format(seconds=seconds))
        self.forward_button.setText(self.tr("{seconds} s").format(seconds=seconds))
        self.forward_button.setToolTip(self.tr("Forward {seconds} seconds").format(seconds=seconds))

    def set_peaks(self, peaks: np.ndarray | None, buckets_per_second: int = 50) -> None:
        self.waveform.set_peaks(peaks, buckets_per_second)

    def set_segments(self, segments: list[tuple[int, int]]) -> None:
        """The transcript's segments (start, end) in ms: boundaries on the waveform and what a loop repeats."""
        self._segments = sorted((int(start), int(end)) for start, end in segments)
        self.waveform.set_segments(self._segments)

    # ----------------------------------------------------------------- from the player

    def _position_changed(self, ms: int) -> None:
        self.waveform.set_position(ms)
        if not self.slider.isSliderDown():
            # Move the slider only when that moves it by a pixel: 30 updates a second cost nothing then.
            span = max(1, self.slider.maximum())
            if abs(ms - self.slider.value()) * max(1, self.slider.width()) >= span or ms in (0, span):
                self.slider.setValue(ms)
        self._update_time_label(ms)

    def _duration_changed(self, ms: int) -> None:
        self.slider.setRange(0, max(0, ms))
        self.slider.setPageStep(max(1000, ms // 20))
        self.slider.setSingleStep(1000)
        self.waveform.set_duration(ms)
        self._update_time_label(self.player.position_ms)

    def _update_time_label(self, position_ms: int) -> None:
        text = self.tr("{position} / {duration}").format(
            position=clock(position_ms), duration=clock(self.player.duration_ms)
        )
        if text != self.time_label.text():
            self.time_label.setText(text)

    def _state_changed(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setAccessibleName(self.play_button.toolTip())

    def _rate_changed(self, rate: float) -> None:
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - rate))
        with QSignalBlocker(self.speed_combo):
            self.speed_combo.setCurrentIndex(index)

    def _loop_changed(self) -> None:
        loop = self.player.loop_range
        self.waveform.set_loop(loop)
        with QSignalBlocker(self.loop_button):
            self.loop_button.setChecked(loop is not None)

    # ----------------------------------------------------------------- from the user

    def _slider_action(self, action: int) -> None:
        # Clicks on the groove and arrow keys; dragging is handled by sliderMoved.
        action = getattr(action, "value", action)
        if action not in (
            QAbstractSlider.SliderAction.SliderNoAction.value,
            QAbstractSlider.SliderAction.SliderMove.value,
        ):
            self.player.seek(self.slider.sliderPosition())

    def _speed_chosen(self, index: int) -> None:
        if index >= 0:
            self.player.set_rate(float(self.speed_combo.itemData(index)))

    def _loop_toggled(self, checked: bool) -> None:
        if not checked:
            self.player.clear_loop()
            return
        segment = self._segment_at(self.player.position_ms)
        if segment is None:
            with QSignalBlocker(self.loop_button):
                self.loop_button.setChecked(False)
            return
        self.player.loop(*segment)

    def _segment_at(self, ms: int) -> tuple[int, int] | None:
        """The segment under ``ms``, else the next one, else the last one."""
        following = None
        for start, end in self._segments:
            if end <= start:
                continue
            if start <= ms < end:
                return start, end
            if start > ms and following is None:
                following = (start, end)
        if following is not None:
            return following
        valid = [s for s in self._segments if s[1] > s[0]]
        return valid[-1] if valid else None
