"""Waveform peaks from real speech: loud where espeak-ng speaks, silent where sox inserts silence; the cache."""

from __future__ import annotations

import shutil
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from annotator.errors import MediaError
from annotator.media.peaks import BUCKETS_PER_SECOND, PeaksCancelled, compute_peaks, peaks_for
from annotator.media.probe import sha256_file
from tests.speech import sox


def _reference(path: Path, buckets_per_second: int = BUCKETS_PER_SECOND) -> np.ndarray:
    """Max-abs of the mono mix per bucket, from the WAV read whole with the standard library."""
    with wave.open(str(path)) as wav:
        assert wav.getsampwidth() == 2
        rate, channels = wav.getframerate(), wav.getnchannels()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, channels)
    mono = (samples.astype(np.float32) / 32768).mean(axis=1)
    count = -(-len(mono) * buckets_per_second // rate)
    buckets = np.arange(len(mono)) * buckets_per_second // rate
    out = np.zeros(count, dtype=np.float32)
    np.maximum.at(out, buckets, np.abs(mono))
    return out


@pytest.fixture(scope="module")
def speech_with_pause(media: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Indonesian sentence with 2 s of silence inserted at 1.5 s."""
    out = tmp_path_factory.mktemp("peaks") / "with-pause.wav"
    sox(media["wav"], out, "pad", "2@1.5")
    return out


def test_peaks_follow_the_speech_and_the_silence(speech_with_pause: Path) -> None:
    peaks = compute_peaks(speech_with_pause)
    assert peaks.dtype == np.float32 and peaks.ndim == 1
    reference = _reference(speech_with_pause)
    assert len(peaks) == len(reference)
    np.testing.assert_allclose(peaks, reference, atol=1e-4)
    # 50 buckets a second: the pause is buckets 75..175; espeak-ng speaks on both sides of it.
    assert peaks[77:173].max() < 1e-3
    assert peaks[:75].max() > 0.2
    assert peaks[175:].max() > 0.2
    assert np.percentile(peaks[175:], 50) > 0.02  # speech, not a click or two


def test_stereo_is_mixed_to_mono(media: dict[str, Path]) -> None:
    peaks = compute_peaks(media["stereo"])
    np.testing.assert_allclose(peaks, _reference(media["stereo"]), atol=1e-4)


@pytest.mark.parametrize("key", ["mp3", "m4a"])
def test_compressed_formats_match_the_wav(media: dict[str, Path], key: str) -> None:
    source = "wav" if key == "mp3" else "wav_en"
    wav, compressed = compute_peaks(media[source]), compute_peaks(media[key])
    assert abs(len(compressed) - len(wav)) <= 5  # encoder padding: a few frames
    length = min(len(wav), len(compressed))
    # The encoder's delay shifts the audio by a bucket or three; the envelopes still agree.
    best = max(np.corrcoef(wav[: length - 5], compressed[shift : length - 5 + shift])[0, 1] for shift in range(5))
    assert best > 0.9


def test_bucket_edges_at_a_rate_that_does_not_divide(media: dict[str, Path], tmp_path: Path) -> None:
    odd = tmp_path / "odd-rate.wav"
    sox(media["wav"], "-r", "11025", odd)  # 220.5 samples a bucket
    peaks = compute_peaks(odd)
    np.testing.assert_allclose(peaks, _reference(odd), atol=1e-4)
    np.testing.assert_allclose(compute_peaks(odd, 10), _reference(odd, 10), atol=1e-4)


@pytest.mark.slow
def test_three_hours_stream_in_little_memory(media: dict[str, Path], tmp_path: Path) -> None:
    long = tmp_path / "three-hours.flac"
    sox(media["wav"], "-r", "4000", long, "repeat", "2000", "trim", "0", "3:00:00")
    reported: list[int] = []
    tracemalloc.start()
    try:
        peaks = compute_peaks(long, progress=reported.append)
        _current, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(peaks) == 540_000
    assert reported == sorted(reported) and len(reported) > 500 and reported[-1] > 10_700_000
    # Decoded whole, the mono float32 samples alone would take 173 MB.
    assert peak_bytes < 24 * 2**20
    assert peaks[:75].max() > 0.2


def test_bad_files_are_refused_by_name(tmp_path: Path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all\n" * 100)
    with pytest.raises(MediaError, match="notes.wav"):
        compute_peaks(text)
    with pytest.raises(MediaError, match="missing.mp3"):
        compute_peaks(tmp_path / "missing.mp3")


def test_cancel_leaves_no_cache_file(speech_with_pause: Path, tmp_path: Path) -> None:
    with pytest.raises(PeaksCancelled):
        peaks_for(speech_with_pause, "ab" * 32, tmp_path, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_cache_hit_does_not_decode_again(speech_with_pause: Path, tmp_path: Path) -> None:
    media = tmp_path / "rekaman.wav"
    shutil.copy(speech_with_pause, media)
    digest = sha256_file(media)
    cache = tmp_path / "cache"
    first = peaks_for(media, digest, cache)
    assert [p.name for p in cache.iterdir()] == [f"{digest}.npy"]  # no temporary file left behind
    media.unlink()  # a second decode would fail now
    second = peaks_for(media, digest, cache)
    np.testing.assert_array_equal(first, second)
    assert second.dtype == np.float32


def test_cache_location_follows_the_environment(
    speech_with_pause: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(tmp_path / "base"))
    digest = sha256_file(speech_with_pause)
    peaks_for(speech_with_pause, digest)
    assert (tmp_path / "base" / "peaks" / f"{digest}.npy").is_file()


def test_a_damaged_cache_file_is_computed_again(speech_with_pause: Path, tmp_path: Path) -> None:
    digest = sha256_file(speech_with_pause)
    (tmp_path / f"{digest}.npy").write_bytes(b"\x93NUMPY half a file")
    peaks = peaks_for(speech_with_pause, digest, tmp_path)
    np.testing.assert_array_equal(peaks, compute_peaks(speech_with_pause))
    np.testing.assert_array_equal(np.load(tmp_path / f"{digest}.npy"), peaks)


def test_a_sha256_must_look_like_one(speech_with_pause: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="sha256"):
        peaks_for(speech_with_pause, "../../etc/passwd", tmp_path)
