"""Waveform peaks: the loudest sample of each short stretch of a recording, for drawing an overview.

A bucket is 1/50 s by default, so a 3-hour interview gives 540,000 float32 values (2 MB), few enough
to draw the whole recording at any width. The file is decoded as a stream, a block of about a second at
a time, so memory stays flat whatever its length. Channels are mixed to mono (their mean) first.

Decoding a long file takes a while, so :func:`peaks_for` keeps the result in a cache keyed by the
media's sha256: ``<cache>/peaks/<sha256>.npy``, where ``<cache>`` is ``$ANNOTATOR_CACHE_DIR`` or the
platform's user cache folder for "annotator". The file is written atomically (a temporary file renamed
into place), so a crash or two windows computing the same peaks never leave half a file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import av
import numpy as np
import platformdirs

from annotator.errors import MediaError

BUCKETS_PER_SECOND = 50
CACHE_ENV = "ANNOTATOR_CACHE_DIR"
# Samples gathered before numpy looks at them: per-frame work (1,024 samples) would cost more than decoding.
_BLOCK_SAMPLES = 1 << 16
# How often (in decoded audio) ``progress`` is told how far the work has come.
_PROGRESS_EVERY_MS = 10_000


class PeaksCancelled(Exception):
    """``cancelled()`` returned true: the peaks were not computed (and nothing was cached)."""


def cache_root() -> Path:
    """The base cache folder: ``$ANNOTATOR_CACHE_DIR`` or the platform's user cache folder."""
    override = os.environ.get(CACHE_ENV)
    return Path(override).expanduser() if override else Path(platformdirs.user_cache_dir("annotator"))


def peaks_cache_dir() -> Path:
    return cache_root() / "peaks"


def compute_peaks(
    path: str | os.PathLike[str],
    buckets_per_second: int = BUCKETS_PER_SECOND,
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> np.ndarray:
    """Max-abs amplitude (0..1) of the mono mix for each 1/``buckets_per_second`` s, as float32.

    ``progress(done_ms)`` is called every few seconds of decoded audio; when ``cancelled()`` returns
    true the work stops with :class:`PeaksCancelled`. Both may be called from a worker thread.
    Raises :class:`MediaError` for a file that cannot be decoded.
    """
    if buckets_per_second <= 0:
        raise ValueError("buckets_per_second must be positive")
    path = Path(path)
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except av.FFmpegError as exc:
        raise MediaError(f"{path}: cannot read the audio ({(exc.strerror or str(exc)).rstrip('.')})") from exc
    except OSError as exc:
        raise MediaError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with container:
        stream = next(iter(container.streams.audio), None)
        if stream is None:
            raise MediaError(f"{path}: has no audio stream")
        stream.thread_type = "AUTO"
        rate = stream.codec_context.sample_rate or stream.rate
        if not rate:
            raise MediaError(f"{path}: the audio stream has no sample rate")
        expected = int(container.duration or 0) * buckets_per_second // 1_000_000 + 1
        accumulator = _PeakAccumulator(rate, buckets_per_second, expected)
        next_report = _PROGRESS_EVERY_MS
        for block in _mono_blocks(container, stream):
            if cancelled is not None and cancelled():
                raise PeaksCancelled(str(path))
            accumulator.add(block)
            if progress is not None and accumulator.done_ms >= next_report:
                progress(accumulator.done_ms)
                next_report = accumulator.done_ms + _PROGRESS_EVERY_MS
        return accumulator.result()


def _mono_blocks(container: av.container.InputContainer, stream: av.audio.stream.AudioStream) -> Iterator[np.ndarray]:
    """The decoded audio as float32 mono, in blocks of about ``_BLOCK_SAMPLES``."""
    # Planar float at the source's own rate and layout: only a sample-format conversion, no resampling.
    resampler = av.AudioResampler(format="fltp")
    pending: list[np.ndarray] = []
    size = 0

    def frames() -> Iterator[av.AudioFrame]:
        for packet in container.demux(stream):
            try:
                decoded = packet.decode()
            except av.InvalidDataError:  # one damaged frame in a long recording: skip it
                continue
            for frame in decoded:
                yield from resampler.resample(frame)
        yield from resampler.resample(None)

    for frame in frames():
        planes = frame.to_ndarray()  # (channels, samples)
        mono = planes[0] if planes.shape[0] == 1 else planes.mean(axis=0, dtype=np.float32)
        pending.append(mono)
        size += len(mono)
        if size >= _BLOCK_SAMPLES:
            yield np.concatenate(pending)
            pending, size = [], 0
    if pending:
        yield np.concatenate(pending)


class _PeakAccumulator:
    """Folds blocks of samples into per-bucket maxima; bucket ``k`` holds samples ``[k*rate/bps, (k+1)*rate/bps)``."""

    def __init__(self, rate: int, buckets_per_second: int, expected: int) -> None:
        self.rate = rate
        self.bps = buckets_per_second
        self.samples = 0
        self._peaks = np.zeros(max(expected, 16), dtype=np.float32)

    @property
    def done_ms(self) -> int:
        return self.samples * 1000 // self.rate

    def add(self, block: np.ndarray) -> None:
        if not len(block):
            return
        start = self.samples
        self.samples += len(block)
        buckets = (np.arange(start, self.samples, dtype=np.int64) * self.bps) // self.rate
        edges = np.flatnonzero(np.diff(buckets)) + 1
        starts = np.concatenate(([0], edges))
        maxima = np.maximum.reduceat(np.abs(block), starts)
        first, last = int(buckets[0]), int(buckets[-1])
        self._grow(last + 1)
        # The first bucket may have begun in the previous block.
        maxima[0] = max(maxima[0], self._peaks[first])
        self._peaks[first : last + 1] = maxima

    def _grow(self, needed: int) -> None:
        if needed > len(self._peaks):
            grown = np.zeros(max(needed, len(self._peaks) * 3 // 2), dtype=np.float32)
            grown[: len(self._peaks)] = self._peaks
            self._peaks = grown

    def result(self) -> np.ndarray:
        count = -(-self.samples * self.bps // self.rate)  # ceil: a last, partial bucket counts
        return np.minimum(self._peaks[:count], 1.0).astype(np.float32, copy=True)


def peaks_for(
    path: str | os.PathLike[str],
    sha256: str,
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> np.ndarray:
    """The peaks of ``path`` at :data:`BUCKETS_PER_SECOND`, from the cache when it has them.

    ``sha256`` is the media's content hash (as stored for the recording); ``cache_dir`` is the folder
    holding the ``.npy`` files (default :func:`peaks_cache_dir`). A damaged cache file is recomputed.
    """
    if not sha256 or any(c not in "0123456789abcdefABCDEF" for c in sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    folder = Path(cache_dir) if cache_dir is not None else peaks_cache_dir()
    target = folder / f"{sha256.lower()}.npy"
    cached = _load(target)
    if cached is not None:
        return cached
    peaks = compute_peaks(path, BUCKETS_PER_SECOND, progress=progress, cancelled=cancelled)
    try:
        _save_atomically(target, peaks)
    except OSError:
        pass  # a read-only or full cache folder costs time next run, nothing else
    return peaks


def _load(target: Path) -> np.ndarray | None:
    try:
        data = np.load(target, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if data.dtype != np.float32 or data.ndim != 1:
        return None
    return data


def _save_atomically(target: Path, peaks: np.ndarray) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            np.save(out, peaks, allow_pickle=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
