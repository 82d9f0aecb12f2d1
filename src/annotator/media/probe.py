"""Look inside a media file with PyAV before it becomes a recording.

Reading every packet of the audio stream (without decoding) is fast even for a 3-hour interview and
is the only way to learn the real length and to notice a file that was cut short: a copy that stopped
half-way, a recorder whose battery died. Such files are refused with a message that says so, rather
than failing later in the middle of a transcription.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import MediaError
from annotator.fileio import is_text_name, shown
from annotator.timefmt import clock

if TYPE_CHECKING:  # PyAV is imported when a file is probed, not by every module that imports this one
    import av

# FFmpeg's own words for a file whose data stop before its header says they should.
_DAMAGE_MARKERS = (
    "packet corrupt",
    "filesize and duration do not match",
    "truncat",
    "invalid new backstep",
    "incomplete frame",
    "premature end",
    "stream ends prematurely",
    "error while decoding",
)
# Leeway between the length a header declares and where the audio really ends.
_MAX_SHORTFALL_MS = 1_000
_MAX_SHORTFALL_RATIO = 0.02
_TAIL_PACKETS = 8


@dataclass(frozen=True)
class MediaInfo:
    path: Path
    format_name: str
    duration_ms: int
    channels: int
    sample_rate: int
    audio_codec: str
    has_video: bool
    size_bytes: int


def sha256_file(path: Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


# The quick hash reads the head, the tail and this many blocks evenly spaced between them (an odd number:
# the middle of the file is one of them).
QUICK_HASH_BLOCKS = 15
_QUICK_MIN_BLOCK = 4 << 10
_QUICK_MAX_BLOCK = 64 << 10


def quick_hash(path: Path) -> str:
    """A sha256 over the file's size and a handful of fixed-size samples of its content (head, tail and
    blocks spread evenly between them): a cheap way to notice a file replaced by another of the same size.

    At most 17 blocks of 4 to 64 KiB are read, whatever the file's size; a small file is read whole."""
    size = path.stat().st_size
    block = min(_QUICK_MAX_BLOCK, max(_QUICK_MIN_BLOCK, size // 1024))
    digest = hashlib.sha256(b"annotator-quick-hash-1\0" + size.to_bytes(8, "little"))
    with path.open("rb") as handle:
        if size <= block * (QUICK_HASH_BLOCKS + 2):
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
            return digest.hexdigest()
        last = size - block
        offsets = [0, *(last * i // (QUICK_HASH_BLOCKS + 1) for i in range(1, QUICK_HASH_BLOCKS + 1)), last]
        for offset in offsets:
            handle.seek(offset)
            digest.update(handle.read(block))
    return digest.hexdigest()


def _check_file(path: Path) -> int:
    if not is_text_name(path):
        raise MediaError(
            f"{shown(path)}: the file name is not valid text (UTF-8), so it cannot be stored in the project; "
            "rename the file (e.g. in the file manager) and add it again"
        )
    if not path.exists():
        raise MediaError(f"{path}: no such file")
    if path.is_dir():
        raise MediaError(f"{path}: is a folder, not a media file")
    if not path.is_file():
        raise MediaError(f"{path}: is not a regular file")
    if not os.access(path, os.R_OK):
        raise MediaError(f"{path}: cannot be read (permission denied)")
    size = path.stat().st_size
    if size == 0:
        raise MediaError(f"{path}: the file is empty (0 bytes)")
    return size


def probe(path: str | os.PathLike[str]) -> MediaInfo:
    """Describe a playable audio or video file, or raise :class:`MediaError` saying why it is not one."""
    path = Path(path).expanduser().absolute()
    size = _check_file(path)
    import av.logging

    previous_level = av.logging.get_level()
    av.logging.set_level(av.logging.WARNING)
    try:
        with av.logging.Capture() as logs:
            try:
                info = _read(path, size)
            except MediaError:
                raise
            except av.FFmpegError as exc:
                if any("moov atom not found" in message for _level, _name, message in logs):
                    raise MediaError(
                        f"{path}: the file is incomplete (its index is missing: "
                        "an unfinished recording or an interrupted copy)"
                    ) from exc
                raise MediaError(f"{path}: not an audio or video file FFmpeg can read ({_reason(exc)})") from exc
            except (OSError, ValueError) as exc:
                raise MediaError(f"{path}: cannot be read ({exc})") from exc
    finally:
        av.logging.set_level(previous_level)
    damage = [
        message.strip()
        for level, _name, message in logs
        if level <= av.logging.WARNING and any(m in message.lower() for m in _DAMAGE_MARKERS)
    ]
    if damage:
        raise MediaError(f"{path}: the file is damaged or cut short ({damage[0]})")
    return info


def _reason(exc: av.FFmpegError) -> str:
    return (exc.strerror or str(exc)).rstrip(".")


def _read(path: Path, size: int) -> MediaInfo:
    import av

    with av.open(str(path), metadata_errors="ignore") as container:
        audio = next(iter(container.streams.audio), None)
        if audio is None:
            kinds = sorted({stream.type for stream in container.streams}) or ["nothing"]
            raise MediaError(f"{path}: has no audio stream (it contains {', '.join(kinds)})")
        has_video = any(True for _ in container.streams.video)
        declared_ms = _declared_ms(container, audio)
        end_ms, tail = _scan_packets(container, audio)
        _decode_tail(audio, tail, path)
        if end_ms <= 0:
            raise MediaError(f"{path}: the audio stream holds no sound")
        if declared_ms and declared_ms - end_ms > max(_MAX_SHORTFALL_MS, declared_ms * _MAX_SHORTFALL_RATIO):
            raise MediaError(
                f"{path}: the file is cut short: its header says {clock(declared_ms)} "
                f"but the audio stops at {clock(end_ms)}"
            )
        codec = audio.codec_context
        channels = codec.channels or 0
        if not codec.sample_rate or not channels:
            raise MediaError(f"{path}: the audio stream has no sample rate or channels")
        return MediaInfo(
            path=path,
            format_name=container.format.name,
            duration_ms=end_ms,
            channels=channels,
            sample_rate=codec.sample_rate,
            audio_codec=codec.name,
            has_video=has_video,
            size_bytes=size,
        )


def _declared_ms(container: av.container.InputContainer, audio: av.audio.stream.AudioStream) -> int:
    if audio.duration and audio.time_base:
        return int(audio.duration * audio.time_base * 1000)
    if container.duration:
        return container.duration // 1000
    return 0


def _scan_packets(
    container: av.container.InputContainer, audio: av.audio.stream.AudioStream
) -> tuple[int, list[av.Packet]]:
    """Read every packet of the audio stream; the end time in ms and the last few packets."""
    end = 0.0
    tail: list[av.Packet] = []
    start: float | None = None
    for packet in container.demux(audio):
        if packet.size == 0 or packet.pts is None or packet.time_base is None:
            continue
        begin = float(packet.pts * packet.time_base)
        start = begin if start is None else min(start, begin)
        end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
        tail.append(packet)
        if len(tail) > _TAIL_PACKETS:
            tail.pop(0)
    return int(round((end - min(start or 0.0, 0.0)) * 1000)), tail


def _decode_tail(audio: av.audio.stream.AudioStream, tail: list[av.Packet], path: Path) -> None:
    """Decode the last packets: a file cut inside a frame fails here (FFmpeg logs it)."""
    import av

    try:
        for packet in tail:
            audio.codec_context.decode(packet)
    except av.FFmpegError as exc:
        raise MediaError(f"{path}: the file is damaged or cut short ({_reason(exc)})") from exc
