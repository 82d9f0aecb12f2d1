"""The audio player: playback (Player), the waveform overview (WaveformView) and the bar that holds them."""

from __future__ import annotations

from annotator.ui.player.bar import PlayerBar
from annotator.ui.player.player import Player
from annotator.ui.player.waveform import WaveformView

__all__ = ["Player", "PlayerBar", "WaveformView"]
