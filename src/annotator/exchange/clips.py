"""Clips: an audio file for every coded passage of the chosen themes, cut from its recording's media.

:func:`export_clips` cuts each passage's time range, with :data:`PADDING_MS` of sound before and after (within
the media), out of the recording's media file and re-encodes it with PyAV as AAC in an ``.m4a`` file: FFmpeg's
own AAC encoder (no external library), small enough to mail or share on a phone, and played by Windows, macOS,
Android and iOS without extra software. The media's sample rate and channels are kept (a rate AAC does not take is
resampled to 48 kHz); a video recording gives its sound.

The clips go into the folder ``out`` (made if missing), named ``<theme>_<recording>_<hh-mm-ss>.m4a`` after the
theme, the recording's title and the passage's start, through ``redact`` and made safe for any file system; a name
taken earlier in the export gets `` (2)``. A passage coded with two of the chosen themes gives a clip for each.

Passages in field notes (no sound) are skipped and counted. A recording whose media file cannot be found, or has
changed since it was added (another file in its place), is skipped with a message naming it (see ``annotator
locate``), and so is a passage that lies beyond the end of its media; the result's ``notes`` say why, and its
counts give ``clips`` and ``skipped``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from annotator.core.models import Recording
from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.errors import UserError
from annotator.exchange.files import atomic_output
from annotator.exchange.options import ExportOptions, ExportResult, Redact
from annotator.exchange.timed_text import hms
from annotator.exchange.transcripts import file_name, make_folder, unique_name
from annotator.timefmt import clock

PADDING_MS = 150
SUFFIX = ".m4a"
CODEC = "aac"
AAC_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000)
BIT_RATE_PER_CHANNEL = 64_000
_SEEK_BACK_MS = 1000  # seek this far before a clip: a compressed stream lands on the frame at or before


@dataclass
class ClipsResult(ExportResult):
    """An export's result with a line for each thing it had to skip."""

    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return "\n".join([super().summary(), *(f"  skipped: {note}" for note in self.notes)])


def export_clips(project: Project, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    passages = project.coding.passages(list(options.themes) or None, recordings=list(options.recordings) or None)
    if not passages:
        raise UserError("no coded passages of the chosen themes in the chosen recordings: no clips to cut")
    result = ClipsResult(counts={"clips": 0, "skipped": 0})
    in_notes = [p for p in passages if p.recording_id is None]
    if in_notes:
        result.notes.append(f"{_passages(len(in_notes))} in field notes (no sound)")
        result.counts["skipped"] += len(in_notes)
    by_recording: dict[int, list[PassageView]] = defaultdict(list)
    for passage in passages:
        if passage.recording_id is not None:
            by_recording[passage.recording_id].append(passage)
    folder, taken = make_folder(Path(out)), set[str]()
    for recording_id, chosen in by_recording.items():
        recording = project.recordings.get(recording_id)
        state = project.recordings.media_state(recording)
        media = state.path
        if media is None or not state.ok:  # never cut from a file that is not the recording's
            if state.status == "missing":
                result.notes.append(
                    f"recording {recording.id} ({recording.title}): its media file was not found at "
                    f"{recording.media_abspath} (find it with: annotator locate); {_passages(len(chosen))} not cut"
                )
            else:
                result.notes.append(f"{state.message}; {_passages(len(chosen))} not cut")
            result.counts["skipped"] += len(chosen)
            continue
        for passage in chosen:
            _one(passage, recording, media, folder, taken, redact, result)
    return result


def _passages(n: int) -> str:
    return f"{n} passage" if n == 1 else f"{n} passages"


def _one(
    passage: PassageView,
    recording: Recording,
    media: Path,
    folder: Path,
    taken: set[str],
    redact: Redact,
    result: ClipsResult,
) -> None:
    if passage.start_ms is None or passage.end_ms is None or passage.start_ms >= recording.duration_ms:
        where = f"at {clock(passage.start_ms)}" if passage.start_ms is not None else "without a time"
        result.notes.append(
            f"passage {passage.id} of recording {recording.id} ({recording.title}) {where}: beyond the end of its "
            f"media ({clock(recording.duration_ms)})"
        )
        result.counts["skipped"] += 1
        return
    start = max(passage.start_ms - PADDING_MS, 0)
    end = min(passage.end_ms + PADDING_MS, recording.duration_ms)
    stem = (
        "_".join((file_name(redact(passage.theme), "theme"), file_name(redact(recording.title), "recording")))
        + f"_{hms(passage.start_ms).replace(':', '-')}"
    )
    target = folder / unique_name(stem, SUFFIX, taken)
    with atomic_output(target) as temporary:
        cut_audio(media, start, end, temporary)
    result.paths.append(target)
    result.counts["clips"] += 1


def cut_audio(source: Path, start_ms: int, end_ms: int, target: Path) -> int:
    """Write the sound of ``source`` from ``start_ms`` to ``end_ms`` to ``target`` as AAC in MP4 (.m4a); returns
    the number of samples written (at the source's rate)."""
    try:
        with av.open(str(source)) as src:
            if not src.streams.audio:
                raise UserError(f"{source}: has no sound to cut a clip from")
            stream = src.streams.audio[0]
            return _cut(src, stream, start_ms, end_ms, target)
    except av.FFmpegError as exc:
        raise UserError(f"{source}: a clip could not be cut from it ({exc})") from exc


def _cut(src: av.container.InputContainer, stream: av.AudioStream, start_ms: int, end_ms: int, target: Path) -> int:
    rate = stream.codec_context.sample_rate
    layout = av.AudioLayout(f"{stream.codec_context.channels or 1}c").name  # named: "mono", not "1 channels"
    first, last = start_ms * rate // 1000, end_ms * rate // 1000
    origin = stream.start_time or 0  # the first sample is time 0, as for the recogniser and the player
    seek_ms = max(start_ms - _SEEK_BACK_MS, 0)
    if seek_ms:
        src.seek(origin + int(seek_ms / 1000 / stream.time_base), stream=stream, backward=True)
    to_planar = av.AudioResampler(format="fltp", layout=layout, rate=rate)
    written = 0
    with av.open(str(target), "w", format="mp4") as dst:
        out = dst.add_stream(CODEC, rate=rate if rate in AAC_RATES else 48_000)
        out.layout = layout
        out.bit_rate = BIT_RATE_PER_CHANNEL * out.codec_context.layout.nb_channels
        position: int | None = None
        for frame in src.decode(stream):
            if position is None:
                known = frame.pts is not None and frame.time_base is not None
                position = round((frame.pts - origin) * frame.time_base * rate) if known else seek_ms * rate // 1000
            for planar in to_planar.resample(frame):
                samples = planar.to_ndarray()
                lo, hi = max(first - position, 0), min(last - position, samples.shape[1])
                position += samples.shape[1]
                if lo < hi:
                    written += _encode(dst, out, np.ascontiguousarray(samples[:, lo:hi]), layout, rate)
            if position >= last:
                break
        for packet in out.encode(None):
            dst.mux(packet)
    return written


def _encode(dst: av.container.OutputContainer, out: av.AudioStream, samples: np.ndarray, layout: str, rate: int) -> int:
    frame = av.AudioFrame.from_ndarray(samples, format="fltp", layout=layout)
    frame.sample_rate = rate
    frame.pts = None
    for packet in out.encode(frame):
        dst.mux(packet)
    return samples.shape[1]
