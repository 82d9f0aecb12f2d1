"""Audio for the recogniser, one window at a time: 16 kHz float32, decoded with PyAV as a stream.

A 3-hour interview decoded whole would take 700 MB before the recogniser makes its own copies; a
window of a few minutes takes a few MB. The file is always decoded from its start, never by seeking:
seeking in a VBR MP3 lands only roughly where asked, and a run that resumes must hear exactly the
samples that an uninterrupted run heard, at exactly the same times.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

SAMPLE_RATE = 16_000
# A window ends in the quietest stretch near its nominal end, not in the middle of a word.
_CUT_SEARCH_MS = 15_000
_CUT_FRAME_MS = 300


def ms_to_samples(ms: int) -> int:
    return ms * SAMPLE_RATE // 1000


def samples_to_ms(samples: int) -> int:
    return samples * 1000 // SAMPLE_RATE


@dataclass(frozen=True)
class Window:
    """A stretch of the recording: one array per channel (or one for the mix)."""

    start_ms: int
    end_ms: int
    channels: list[np.ndarray]
    last: bool


class AudioStream:
    """Decodes a media file from its start into 16 kHz float32 blocks of shape (samples, channels)."""

    def __init__(self, path: Path, *, keep_channels: bool = False) -> None:
        self.path = path
        self._container = av.open(str(path), metadata_errors="ignore")
        stream = self._container.streams.audio[0]
        stream.thread_type = "AUTO"
        self.channels = (stream.codec_context.channels or 1) if keep_channels else 1
        layout = "mono" if self.channels == 1 else stream.codec_context.layout.name
        self._resampler = av.AudioResampler(format="flt", layout=layout, rate=SAMPLE_RATE)
        self._blocks = self._decode(stream)
        self._pending = np.zeros((0, self.channels), dtype=np.float32)
        self.position = 0  # samples handed out (or skipped) so far

    def _decode(self, stream: av.audio.stream.AudioStream) -> Iterator[np.ndarray]:
        for packet in self._container.demux(stream):
            try:
                frames = packet.decode()
            except av.InvalidDataError:  # one damaged frame in a long recording: skip it
                continue
            for frame in frames:
                for out in self._resampler.resample(frame):
                    yield out.to_ndarray().reshape(-1, self.channels)
        for out in self._resampler.resample(None):
            yield out.to_ndarray().reshape(-1, self.channels)

    def read(self, count: int) -> np.ndarray:
        """Up to ``count`` samples (fewer only at the end of the file)."""
        parts = [self._pending]
        have = len(self._pending)
        while have < count:
            block = next(self._blocks, None)
            if block is None:
                break
            parts.append(block)
            have += len(block)
        data = np.concatenate(parts) if len(parts) > 1 else self._pending
        self._pending = data[count:]
        taken = data[:count]
        self.position += len(taken)
        return taken

    @property
    def position_ms(self) -> int:
        return samples_to_ms(self.position)

    def unread(self, data: np.ndarray) -> None:
        """Give back samples taken past a window's cut; the next window starts with them."""
        self._pending = np.concatenate([data, self._pending])
        self.position -= len(data)

    def skip_to(self, ms: int) -> None:
        """Decode and drop everything before ``ms`` (resuming a run)."""
        target = ms_to_samples(ms)
        while self.position < target:
            if not len(self.read(min(target - self.position, SAMPLE_RATE * 60))):
                break

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> AudioStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def quietest_point(mix: np.ndarray, from_sample: int) -> int:
    """The middle of the quietest short stretch at or after ``from_sample`` (a sample index)."""
    frame = ms_to_samples(_CUT_FRAME_MS)
    tail = mix[from_sample:]
    count = len(tail) // frame
    if count < 2:
        return len(mix)
    energy = np.square(tail[: count * frame].reshape(count, frame)).mean(axis=1)
    best = int(np.argmin(energy[:-1]))  # never the very last frame: the cut needs quiet after it
    return from_sample + best * frame + frame // 2


def next_window(stream: AudioStream, window_ms: int) -> Window | None:
    """The audio from where the stream stands to a quiet point near ``window_ms`` later, or None at the end."""
    start = stream.position
    data = stream.read(ms_to_samples(window_ms))
    if not len(data):
        return None
    last = len(data) < ms_to_samples(window_ms)
    if not last:
        mix = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1)
        search_from = max(len(mix) // 2, len(mix) - ms_to_samples(_CUT_SEARCH_MS))
        cut = quietest_point(mix, search_from)
        cut -= cut % ms_to_samples(1)  # whole milliseconds: a resumed run starts on the same sample
        stream.unread(data[cut:])
        data = data[:cut]
        last = False
    channels = [np.ascontiguousarray(data[:, c]) for c in range(data.shape[1])]
    return Window(samples_to_ms(start), samples_to_ms(start + len(data)), channels, last)
