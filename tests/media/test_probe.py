"""Probing media with PyAV: real speech in several formats, and every kind of bad file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from annotator.errors import MediaError
from annotator.media.probe import probe, sha256_file
from tests.speech import sox


@pytest.mark.parametrize(
    ("key", "fmt", "codec"),
    [
        ("wav", "wav", "pcm_s16le"),
        ("mp3", "mp3", "mp3"),
        ("m4a", "mp4", "aac"),
    ],
)
def test_probe_reads_speech_files(media: dict[str, Path], key: str, fmt: str, codec: str) -> None:
    info = probe(media[key])
    assert fmt in info.format_name
    assert info.audio_codec.startswith(codec)
    assert info.channels == 1
    assert not info.has_video
    assert info.size_bytes == media[key].stat().st_size
    # espeak-ng speaks the sentence in about four to seven seconds
    assert 3_000 < info.duration_ms < 9_000


def test_durations_agree_across_formats(media: dict[str, Path]) -> None:
    wav = probe(media["wav"]).duration_ms
    mp3 = probe(media["mp3"]).duration_ms
    assert abs(wav - mp3) < 100  # the encoder pads less than a tenth of a second


def test_probe_reads_stereo_and_sample_rate(media: dict[str, Path]) -> None:
    info = probe(media["stereo"])
    assert info.channels == 2
    assert info.sample_rate == 22050


def test_sha256_matches_hashlib(media: dict[str, Path]) -> None:
    assert sha256_file(media["mp3"]) == hashlib.sha256(media["mp3"].read_bytes()).hexdigest()


def _cut(source: Path, out: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    out.write_bytes(data[: int(len(data) * fraction)])
    return out


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match=r"nothing\.wav: no such file"):
        probe(tmp_path / "nothing.wav")


def test_zero_byte_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    with pytest.raises(MediaError, match=r"empty\.wav: the file is empty \(0 bytes\)"):
        probe(empty)


def test_text_file_named_mp3(tmp_path: Path) -> None:
    fake = tmp_path / "catatan.mp3"
    fake.write_text("Catatan lapangan, bukan rekaman.\n" * 20)
    with pytest.raises(MediaError, match=r"catatan\.mp3: not an audio or video file"):
        probe(fake)


def test_folder_given_as_media(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="is a folder, not a media file"):
        probe(tmp_path)


def test_truncated_mp3(media: dict[str, Path], tmp_path: Path) -> None:
    cut = _cut(media["mp3"], tmp_path / "cut.mp3")
    with pytest.raises(MediaError, match=r"cut\.mp3: the file is (cut short|damaged)"):
        probe(cut)


def test_truncated_wav(media: dict[str, Path], tmp_path: Path) -> None:
    cut = _cut(media["wav"], tmp_path / "cut.wav")
    with pytest.raises(MediaError, match=r"cut\.wav: the file is (cut short|damaged)"):
        probe(cut)


def test_truncated_m4a_names_the_missing_index(media: dict[str, Path], tmp_path: Path) -> None:
    cut = _cut(media["m4a"], tmp_path / "cut.m4a")
    with pytest.raises(MediaError, match=r"cut\.m4a: the file is incomplete"):
        probe(cut)


def test_file_without_audio(tmp_path: Path) -> None:
    import av
    import numpy as np

    video = tmp_path / "silent-film.mp4"
    with av.open(str(video), "w") as container:
        stream = container.add_stream("mpeg4", rate=5)
        stream.width, stream.height = 64, 48
        for i in range(5):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 40, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    with pytest.raises(MediaError, match=r"silent-film\.mp4: has no audio stream \(it contains video\)"):
        probe(video)


def test_video_with_audio_is_accepted(media: dict[str, Path], tmp_path: Path) -> None:
    """An interview filmed on a phone: the audio is what counts, and the video is noted."""
    import av
    import numpy as np

    out = tmp_path / "filmed.mp4"
    with av.open(str(media["wav"])) as src, av.open(str(out), "w") as dst:
        video = dst.add_stream("mpeg4", rate=5)
        video.width, video.height = 64, 48
        audio = dst.add_stream("aac", rate=22050)
        for frame in src.decode(audio=0):
            frame.pts = None
            for packet in audio.encode(frame):
                dst.mux(packet)
        for packet in audio.encode(None):
            dst.mux(packet)
        for _ in range(10):
            frame = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), dtype=np.uint8), format="rgb24")
            for packet in video.encode(frame):
                dst.mux(packet)
        for packet in video.encode(None):
            dst.mux(packet)
    info = probe(out)
    assert info.has_video
    assert info.audio_codec == "aac"
    assert info.duration_ms > 3_000


def test_unreadable_file(media: dict[str, Path], tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file; permissions cannot be tested as root")
    locked = tmp_path / "locked.wav"
    locked.write_bytes(media["wav"].read_bytes())
    locked.chmod(0)
    with pytest.raises(MediaError, match="permission denied"):
        probe(locked)


def test_long_mp3_at_several_bitrates_is_not_flagged(media: dict[str, Path], tmp_path: Path) -> None:
    """Decoding only the last packets must not mistake a sound file for a damaged one."""
    joined = tmp_path / "joined.wav"
    sox(media["wav"], media["wav_en"], media["wav"], media["wav_en"], joined)
    for quality in ("32", "128", "-4.2"):
        mp3 = tmp_path / f"joined{quality}.mp3"
        sox(joined, "-C", quality, mp3)
        assert abs(probe(mp3).duration_ms - probe(joined).duration_ms) < 150
