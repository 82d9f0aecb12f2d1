"""The player on real speech files, headless: Qt's FFmpeg backend plays against the system clock when there
is no audio device, so positions advance exactly as they would through headphones."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import PySide6
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.media.peaks import compute_peaks
from annotator.ui.player import Player, PlayerBar, WaveformView
from tests.speech import sox

WAIT_MS = 5_000


def _threads() -> list[str]:
    """Names of this process's threads, except Qt's idle pool threads (they expire on their own)."""
    names = []
    for task in os.listdir("/proc/self/task"):
        try:
            names.append(Path(f"/proc/self/task/{task}/comm").read_text().strip())
        except OSError:  # ended meanwhile
            continue
    return sorted(name for name in names if name != "Thread (pooled)")


@pytest.fixture
def player(qtbot: QtBot) -> Iterator[Player]:
    before = _threads()
    created = Player()
    yield created
    created.unload()
    created.deleteLater()
    qtbot.waitUntil(lambda: _threads() == before, timeout=WAIT_MS)  # the decoder threads have ended


def _load(qtbot: QtBot, player: Player, path: Path, start_ms: int = 0) -> None:
    with qtbot.waitSignal(player.durationChanged, timeout=WAIT_MS):
        player.load(path, start_ms)
    qtbot.waitUntil(lambda: player.is_loaded, timeout=WAIT_MS)


def _play(qtbot: QtBot, player: Player) -> None:
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=lambda playing: playing):
        player.play()


def _pause(qtbot: QtBot, player: Player) -> None:
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=lambda playing: not playing):
        player.pause()


def test_emitting_a_signal_keeps_python_references() -> None:
    """PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a reference to it. On Python
    3.11 (where ``True`` is not immortal) every emit drops one, and after a few thousand (two minutes of
    playback at 33 position updates a second) Python aborts: "bool_dealloc: deallocating True or False"."""

    class Emitter(QObject):
        fired = Signal(int)

    emitter = Emitter()
    before = sys.getrefcount(True)
    for number in range(100):
        emitter.fired.emit(number)
    assert sys.getrefcount(True) > before - 50, f"PySide6 {PySide6.__version__} loses a reference on every emit"


class Positions:
    """Every value of ``positionChanged``."""

    def __init__(self, player: Player) -> None:
        self.values: list[int] = []
        player.positionChanged.connect(self.values.append)

    @property
    def last(self) -> int:
        return self.values[-1] if self.values else -1

    def since(self, index: int) -> list[int]:
        return self.values[index:]


@pytest.mark.parametrize("key", ["wav", "mp3", "m4a"])
def test_play_advances_smoothly_and_pause_stops(qtbot: QtBot, player: Player, media: dict[str, Path], key: str) -> None:
    _load(qtbot, player, media[key])
    assert 3_000 < player.duration_ms < 9_000
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: positions.last >= 1_000, timeout=WAIT_MS)
    values = positions.since(0)
    assert values == sorted(values)  # never steps back while simply playing
    # QMediaPlayer alone reports every ~93 ms; the player's own timer fills in at ~30 ms.
    assert len([v for v in values if v <= 1_000]) >= 15

    _pause(qtbot, player)
    paused_at = player.position_ms
    assert abs(paused_at - positions.last) < 100
    with qtbot.assertNotEmitted(player.positionChanged, wait=300):
        pass
    assert player.position_ms == paused_at
    assert not player.is_playing


@pytest.mark.parametrize("key", ["wav", "mp3", "m4a"])
def test_seek_lands_where_asked(qtbot: QtBot, player: Player, media: dict[str, Path], key: str) -> None:
    _load(qtbot, player, media[key])
    player.rewind_on_resume_ms = 0
    with qtbot.waitSignal(player.positionChanged, timeout=WAIT_MS, check_params_cb=lambda ms: ms == 3_000):
        player.seek(3_000)
    assert player.position_ms == 3_000
    positions = Positions(player)
    started = time.monotonic()
    # QMediaPlayer's own first report, not the extrapolation: it says where the decoder really is.
    with qtbot.waitSignal(player._player.positionChanged, timeout=WAIT_MS) as reported:
        player.play()
    played_ms = 1000 * (time.monotonic() - started)
    assert 3_000 <= reported.args[0] <= 3_000 + played_ms + 100
    assert min(positions.values) >= 3_000

    # And while playing.
    with qtbot.waitSignal(player._player.positionChanged, timeout=WAIT_MS, check_params_cb=lambda ms: ms < 2_000):
        player.seek(1_500)
    qtbot.waitUntil(lambda: positions.last > 1_600, timeout=WAIT_MS)
    assert 1_500 <= player._player.position() <= 1_700


def test_loading_another_file_replaces_the_first(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    first = player.duration_ms
    player.seek(1_000)
    _play(qtbot, player)
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=lambda playing: not playing):
        _load(qtbot, player, media["wav_en"])
    assert player.path == media["wav_en"]
    assert player.duration_ms != first
    assert player.position_ms == 0
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: positions.last >= 300, timeout=WAIT_MS)
    assert min(positions.values) < 200  # from the start of the new file, no step back from the old one


def test_load_at_a_start_position(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"], start_ms=2_500)
    assert player.position_ms == 2_500
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: positions.last >= 2_800, timeout=WAIT_MS)
    assert min(positions.values) >= 2_500


def test_skip_back_and_forward(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    player.seek(3_000)
    player.skip(-1)
    assert player.position_ms == 2_000
    player.skip(2.5)
    assert player.position_ms == 4_500
    player.skip(-10)
    assert player.position_ms == 0
    player.skip(100)
    assert player.position_ms == player.duration_ms

    player.seek(2_000)
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: positions.last >= 2_300, timeout=WAIT_MS)
    player.skip(-2)
    qtbot.waitUntil(lambda: 0 < positions.last < 1_000, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: positions.last >= 600, timeout=WAIT_MS)  # and plays on from there


def test_resume_steps_back_after_a_pause(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    assert player.rewind_on_resume_ms == 2_000
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: positions.last >= 2_600, timeout=WAIT_MS)
    _pause(qtbot, player)
    paused_at = player.position_ms
    mark = len(positions.values)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: len(positions.since(mark)) >= 2, timeout=WAIT_MS)
    assert abs(positions.since(mark)[0] - (paused_at - 2_000)) <= 50

    # A seek while paused is the user's choice of where to go on: no step back then.
    _pause(qtbot, player)
    player.seek(4_000)
    mark = len(positions.values)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: len(positions.since(mark)) >= 2, timeout=WAIT_MS)
    assert min(positions.since(mark)) >= 4_000

    # Off.
    player.rewind_on_resume_ms = 0
    _pause(qtbot, player)
    paused_at = player.position_ms
    mark = len(positions.values)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: len(positions.since(mark)) >= 2, timeout=WAIT_MS)
    assert min(positions.since(mark)) >= paused_at - 50


def test_loop_wraps_to_its_start(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    with qtbot.waitSignal(player.loopChanged):
        player.loop(1_000, 1_600)
    assert player.loop_range == (1_000, 1_600)
    assert player.position_ms == 1_000  # it was outside the range
    positions = Positions(player)
    _play(qtbot, player)

    def wrapped(times: int) -> bool:
        values = positions.values
        return sum(1 for a, b in zip(values, values[1:], strict=False) if b < a) >= times

    qtbot.waitUntil(lambda: wrapped(2), timeout=WAIT_MS)
    assert max(positions.values) < 1_700
    assert min(positions.values) >= 1_000

    with qtbot.waitSignal(player.loopChanged):
        player.clear_loop()
    assert player.loop_range is None
    qtbot.waitUntil(lambda: positions.last > 1_800, timeout=WAIT_MS)


def test_loop_to_the_end_of_the_file_keeps_playing(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    end = player.duration_ms
    player.loop(end - 400, end + 5_000)
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(
        lambda: any(b < a for a, b in zip(positions.values, positions.values[1:], strict=False)), timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: positions.last > end - 300, timeout=WAIT_MS)
    assert player.is_playing


def test_playing_to_the_end_stops(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    player.seek(player.duration_ms - 300)
    _play(qtbot, player)
    with qtbot.waitSignal(player.stateChanged, timeout=WAIT_MS, check_params_cb=lambda playing: not playing):
        pass
    assert player.position_ms >= player.duration_ms - 150


def _speed(qtbot: QtBot, player: Player, rate: float) -> float:
    """Media milliseconds per wall-clock millisecond over one second of media."""
    player.set_rate(rate)
    player.seek(500)
    positions = Positions(player)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: len(positions.values) >= 2, timeout=WAIT_MS)
    start_ms, started = positions.last, time.monotonic()
    qtbot.waitUntil(lambda: positions.last >= start_ms + 1_200, timeout=WAIT_MS)
    speed = (positions.last - start_ms) / (1000 * (time.monotonic() - started))
    _pause(qtbot, player)
    return speed


def test_faster_rate_advances_faster(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    player.rewind_on_resume_ms = 0
    assert player._player.pitchCompensation()  # voices keep their pitch (Qt 6.10+)
    normal = _speed(qtbot, player, 1.0)
    fast = _speed(qtbot, player, 1.5)
    assert 0.7 < normal < 1.3
    assert fast > normal * 1.25
    with qtbot.waitSignal(player.rateChanged, check_params_cb=lambda rate: rate == 2.0):
        player.set_rate(5)  # clamped
    player.set_rate(0.1)
    assert player.rate == 0.5
    player.set_volume(0.25)
    assert player.volume == pytest.approx(0.25)
    player.set_volume(3)
    assert player.volume == 1.0


def test_a_missing_file_is_named(qtbot: QtBot, player: Player, tmp_path: Path) -> None:
    missing = tmp_path / "wawancara-hilang.wav"
    with qtbot.waitSignal(player.errorOccurred, timeout=WAIT_MS) as error:
        player.load(missing)
    message = error.args[0]
    assert "wawancara-hilang.wav" in message and "no such file" in message
    assert "\n" not in message
    player.play()  # nothing to play: no crash, no state change
    assert not player.is_playing


@pytest.mark.parametrize("content", [b"ID3" + bytes(range(256)) * 40, b"just some notes\n" * 200])
def test_a_bad_file_is_named(qtbot: QtBot, player: Player, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "rekaman-rusak.mp3"
    bad.write_bytes(content)
    with qtbot.waitSignal(player.errorOccurred, timeout=WAIT_MS) as error:
        player.load(bad)
    message = error.args[0]
    assert str(bad) in message and "cannot be played" in message
    assert "\n" not in message
    player.play()
    assert not player.is_playing


# ----------------------------------------------------------------- the bar and the waveform


@pytest.fixture
def bar(qtbot: QtBot, player: Player) -> PlayerBar:
    widget = PlayerBar(player)
    qtbot.addWidget(widget)
    widget.resize(900, 90)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_bar_shows_the_time_and_follows_the_position(
    qtbot: QtBot, player: Player, bar: PlayerBar, media: dict[str, Path]
) -> None:
    assert bar.time_label.text() == "0:00:00 / 0:00:00"
    _load(qtbot, player, media["wav"])
    duration = player.duration_ms
    assert bar.time_label.text() == f"0:00:00 / 0:00:0{duration // 1000}"
    assert bar.slider.maximum() == duration

    player.seek(3_200)
    assert bar.time_label.text() == f"0:00:03 / 0:00:0{duration // 1000}"
    assert bar.slider.value() == 3_200
    assert bar.waveform.position_ms == 3_200

    tolerance = duration / bar.slider.width() + 1  # the slider moves a pixel at a time
    bar.play_button.click()
    qtbot.waitUntil(lambda: player.is_playing, timeout=WAIT_MS)
    assert bar.play_button.toolTip() == "Pause"
    qtbot.waitUntil(lambda: player.position_ms >= 4_100, timeout=WAIT_MS)
    assert abs(bar.slider.value() - bar.waveform.position_ms) <= tolerance
    assert bar.time_label.text().startswith("0:00:04 / ")
    bar.play_button.click()
    qtbot.waitUntil(lambda: not player.is_playing, timeout=WAIT_MS)
    assert bar.play_button.toolTip() == "Play"
    assert abs(bar.slider.value() - player.position_ms) <= tolerance

    # Dragging the slider seeks.
    bar.slider.sliderMoved.emit(1_000)
    assert player.position_ms == 1_000


def test_bar_buttons_drive_the_player(qtbot: QtBot, player: Player, bar: PlayerBar, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    assert bar.back_button.text() == "5 s"
    player.seek(4_000)
    bar.back_button.click()
    assert player.position_ms == 0  # 4 s - 5 s
    bar.skip_seconds = 2
    assert bar.forward_button.toolTip() == "Forward 2 seconds"
    bar.forward_button.click()
    bar.forward_button.click()
    assert player.position_ms == 4_000

    assert [bar.speed_combo.itemData(i) for i in range(bar.speed_combo.count())] == [
        0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0
    ]  # fmt: skip
    assert bar.speed_combo.currentData() == 1.0
    bar.speed_combo.setCurrentIndex(6)
    assert player.rate == 1.5
    player.set_rate(0.75)  # from a shortcut, say: the combo follows
    assert bar.speed_combo.currentData() == 0.75

    bar.volume_slider.setValue(40)
    assert player.volume == pytest.approx(0.4)

    bar.set_segments([(0, 1_800), (1_800, 3_500), (3_500, 5_000)])
    player.seek(2_000)
    bar.loop_button.click()
    assert player.loop_range == (1_800, 3_500)
    player.clear_loop()  # from elsewhere: the button follows
    assert not bar.loop_button.isChecked()
    bar.loop_button.click()
    assert bar.loop_button.isChecked()
    bar.loop_button.click()
    assert player.loop_range is None


def test_waveform_click_and_drag_seek(qtbot: QtBot, speech_peaks: np.ndarray) -> None:
    view = WaveformView()
    qtbot.addWidget(view)
    view.resize(601, 60)
    view.show()
    qtbot.waitExposed(view)
    view.set_peaks(speech_peaks)
    view.set_duration(6_000)
    with qtbot.waitSignal(view.seekRequested) as request:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 30))
    assert request.args == [3_000]

    drag = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(450, 30),
        view.mapToGlobal(QPointF(450, 30)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.seekRequested) as request:
        QApplication.sendEvent(view, drag)
    assert request.args == [4_500]

    with qtbot.assertNotEmitted(view.seekRequested):
        qtbot.mouseClick(view, Qt.MouseButton.RightButton, pos=QPoint(100, 30))


@pytest.fixture(scope="module")
def speech_with_pause(media: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("waveform") / "with-pause.wav"
    sox(media["wav"], out, "pad", "2@1.5")  # silence from 1.5 s to 3.5 s
    return out


@pytest.fixture(scope="module")
def speech_peaks(speech_with_pause: Path) -> np.ndarray:
    return compute_peaks(speech_with_pause)


def test_waveform_paints_speech_silence_and_position(qtbot: QtBot, speech_peaks: np.ndarray) -> None:
    view = WaveformView()
    qtbot.addWidget(view)
    view.resize(len(speech_peaks), 60)  # one bucket a pixel column
    view.show()
    qtbot.waitExposed(view)
    view.set_peaks(speech_peaks)
    duration = len(speech_peaks) * 20
    view.set_duration(duration)
    view.set_segments([(0, 1_500), (3_500, duration)])

    def ink(image, x: int) -> int:  # noqa: ANN001
        background = view.palette().base().color().rgb()
        return sum(1 for y in range(image.height()) if image.pixelColor(x, y).rgb() != background)

    image = view.grab().toImage()
    ratio = image.width() / view.width()
    loud = int(np.argmax(speech_peaks[:75]))
    assert ink(image, round(loud * ratio)) > 20  # a tall stroke where espeak-ng speaks
    assert ink(image, round(125 * ratio)) <= 2  # a flat line in the silence
    boundary = view._x_of(3_500)
    assert ink(image, round(boundary * ratio)) >= image.height() - 1  # a segment boundary, top to bottom

    background = view._background
    view.set_position(2_500)
    image = view.grab().toImage()
    assert view._background is background  # the waveform was not drawn again
    x = view._x_of(2_500)
    assert ink(image, round(x * ratio)) >= image.height() - 1


def test_play_range_plays_a_passage_once_and_pauses_at_its_end(
    qtbot: QtBot, player: Player, media: dict[str, Path]
) -> None:
    _load(qtbot, player, media["wav"])
    positions = Positions(player)
    with qtbot.waitSignal(player.rangeFinished, timeout=WAIT_MS):
        player.play_range(1_000, 1_500)
    assert min(positions.values) >= 1_000
    qtbot.waitUntil(lambda: not player.is_playing, timeout=WAIT_MS)
    assert 1_500 <= player.position_ms < 1_800
    assert player.stop_at is None
    # Play resumes from the passage's end, without stepping back into it.
    mark = len(positions.values)
    _play(qtbot, player)
    qtbot.waitUntil(lambda: len(positions.since(mark)) >= 2, timeout=WAIT_MS)
    assert min(positions.since(mark)) >= 1_450
    player.pause()


def test_play_range_to_the_end_of_the_file_finishes(qtbot: QtBot, player: Player, media: dict[str, Path]) -> None:
    _load(qtbot, player, media["wav"])
    end = player.duration_ms
    with qtbot.waitSignal(player.rangeFinished, timeout=WAIT_MS):
        player.play_range(end - 300, end + 2_000)
    assert player.stop_at is None
