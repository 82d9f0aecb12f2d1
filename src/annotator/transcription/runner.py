"""A transcription run over one or more recordings: windows in, segments stored one at a time.

Each segment is committed as soon as it is heard, so the window (reading the same database) shows it
at once and a crash loses at most the segment in flight. After each window of audio a checkpoint is
stored. A run that was stopped resumes at the last checkpoint: it hears that window again, keeps the
segments it had already stored there (they come out the same), and goes on after them. The result is
the transcript an uninterrupted run would have made.

A person's work is never overwritten (core.services.person_work): segments a person edited, verified,
coded or otherwise changed after the checkpoint stand, and the run hears only around them. A transcript
that no run here made (an import) is transcribed again only with ``--restart``. One run per recording at
a time: a run holds the recording's lock (core.locks), which a crash releases.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from annotator.core import locks
from annotator.core.locks import LockHeld
from annotator.core.models import Recording
from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, ResumePlan
from annotator.errors import UserError
from annotator.transcription.audio import AudioStream, Window, next_window
from annotator.transcription.engine import DecodeOptions, Engine, Heard
from annotator.transcription.quality import REPETITION, RepeatWatch

# A window is heard whole: faster-whisper's features for ten minutes keep a 3-hour run under the model
# plus 1 GB. Each window costs at most one extra partial 30-s decode where it ends (under 1% of the
# time). The first window is short, so that the first segments appear soon.
DEFAULT_WINDOW_MS = 10 * 60 * 1000
FIRST_WINDOW_MS = 2 * 60 * 1000
Report = Callable[[dict[str, Any]], None]


@dataclass
class RunSettings:
    """How one recording is transcribed; stored with it so that a resumed run does the same."""

    model: str
    language: str | None
    vocabulary: list[str] = field(default_factory=list)
    vad_threshold: float = 0.5
    speakers_by_channel: bool = False
    window_ms: int = DEFAULT_WINDOW_MS
    batch_size: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def window_length(self, stream_ms: int) -> int:
        """Windows fall where an uninterrupted run puts them: the first is short, the others long."""
        return min(self.window_ms, FIRST_WINDOW_MS) if stream_ms == 0 else self.window_ms

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSettings:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def decode_options(self) -> DecodeOptions:
        return DecodeOptions(
            language=self.language,
            vocabulary=tuple(self.vocabulary),
            vad_threshold=self.vad_threshold,
            batch_size=self.batch_size,
        )


@dataclass
class Outcome:
    recording_id: int
    status: str  # done | cancelled | failed | skipped
    message: str = ""
    segments: int = 0


class Progress:
    """Time left, from the pace so far."""

    def __init__(self, done_ms: int, total_ms: int) -> None:
        self.started = time.monotonic()
        self.first_done = done_ms
        self.total_ms = max(total_ms, 1)

    def eta_s(self, done_ms: int) -> float | None:
        heard = done_ms - self.first_done
        if heard <= 0:
            return None
        elapsed = time.monotonic() - self.started
        return round(elapsed / heard * max(self.total_ms - done_ms, 0), 1)


class TranscriptionRun:
    def __init__(
        self,
        project: Project,
        load_engine: Callable[[str], Engine],
        report: Report,
        cancel: threading.Event,
        warn: Callable[[str], None],
    ) -> None:
        self.project = project
        self._load_engine = load_engine
        self._engines: dict[str, Engine] = {}
        self._model = ""
        self.report = report
        self.cancel = cancel
        self.warn = warn
        self._held: locks.Held | None = None
        self._last_beat = time.monotonic()

    @property
    def engine(self) -> Engine:
        """The model of the recording at hand, loaded once and shared by every recording that uses it."""
        if self._model not in self._engines:
            self._engines.clear()  # one model in memory at a time
            self._engines[self._model] = self._load_engine(self._model)
        return self._engines[self._model]

    def transcribe(self, recording: Recording, wanted: RunSettings, restart: bool) -> Outcome:
        try:
            with locks.holding(
                self.project,
                f"transcribe:{recording.guid}",
                f"transcribing recording {recording.id}",
                message=f"recording {recording.id} ({recording.title}) is being transcribed by another process",
            ) as held:
                self._held = held
                return self._guarded(recording, wanted, restart)
        except LockHeld as exc:  # the other run's record is its own: leave it as it is
            self.report({"recording": recording.id, "status": "failed", "message": str(exc)})
            return Outcome(recording.id, "failed", str(exc))
        finally:
            self._held = None

    def _guarded(self, recording: Recording, wanted: RunSettings, restart: bool) -> Outcome:
        try:
            return self._transcribe(recording, wanted, restart)
        except UserError as exc:
            if (self.project.recordings.get(recording.id).transcription or {}).get("status") == "running":
                self.project.transcripts.finish(recording.id, "failed", message=str(exc))
            self.report({"recording": recording.id, "status": "failed", "message": str(exc)})
            return Outcome(recording.id, "failed", str(exc))

    def _transcribe(self, recording: Recording, wanted: RunSettings, restart: bool) -> Outcome:
        recording = self.project.recordings.get(recording.id)  # as it is now that the run holds it
        media = self.project.recordings.checked_media(recording)  # MediaError: missing, or changed since added
        previous = recording.transcription or {}
        if not restart:
            skipped = self._not_again(recording, previous)
            if skipped:
                self.report({"recording": recording.id, "status": "done", "message": skipped})
                return Outcome(recording.id, "skipped", skipped)
        settings = wanted
        if previous and not restart:
            settings = RunSettings.from_dict({**wanted.as_dict(), **previous, "batch_size": wanted.batch_size})
            if settings.model != wanted.model or settings.language != wanted.language:
                self.warn(
                    f"recording {recording.id}: continuing as it began (model {settings.model}, language "
                    f"{settings.language or 'auto'}); use --restart to start over with other settings"
                )
        self._model = settings.model
        if settings.language not in (None, "en") and not self.engine.multilingual:
            self.warn(f"model {settings.model} knows English only; recording {recording.id} is in {settings.language}")
        recording = self.project.transcripts.begin(recording.id, settings.as_dict(), restart)
        plan = self.project.transcripts.resume_plan(recording.id)
        stored = self.project.transcripts.segment_count(recording.id)
        status = self._windows(recording, media, settings, plan, stored)
        detected = {"detected_language": self.engine.last_language} if settings.language is None else {}
        self.project.transcripts.finish(recording.id, status, **detected)
        count = self.project.transcripts.segment_count(recording.id)
        self.report({"recording": recording.id, "status": status, "message": "", "segments": count})
        return Outcome(recording.id, status, segments=count)

    def _not_again(self, recording: Recording, previous: dict[str, Any]) -> str:
        """Why the recording is not transcribed without --restart ("" when it may go on)."""
        source = previous.get("imported_from")
        if previous.get("status") == "done":
            if source:
                return (
                    f"its transcript was imported from {source} (use --restart to transcribe it again; it is "
                    "refused where a person worked on the transcript)"
                )
            return "already transcribed (use --restart to transcribe it again)"
        foreign = self.project.transcripts.foreign_transcript(recording.id)
        if foreign:
            return (
                f"it has a transcript of {foreign} segment{'s' if foreign != 1 else ''} that was not transcribed "
                "here (use --restart to transcribe it again; it is refused where a person worked on the transcript)"
            )
        return ""

    def _windows(self, recording: Recording, media: Path, settings: RunSettings, plan: ResumePlan, stored: int) -> str:
        options = settings.decode_options()
        progress = Progress(recording.transcribed_ms, recording.duration_ms)
        channels = recording.channels if settings.speakers_by_channel and recording.channels > 1 else 1
        watch = RepeatWatch()
        recent: list[int] = []
        pending = plan.pending
        transcripts = self.project.transcripts
        with AudioStream(media, keep_channels=channels > 1) as stream:
            stream.skip_to(recording.transcribed_ms)
            while not self.cancel.is_set():
                window = next_window(stream, settings.window_length(stream_ms=stream.position_ms))
                if window is None:
                    break
                gaps: list[tuple[int, int, int | None]] = []
                for heard in self._heard(window, options, channels, gaps):
                    segment = plan.outside_kept(heard)  # a person's segments stand: hear only around them
                    if segment is not None and pending and segment.same_as(pending[0]):
                        pending.pop(0)  # stored before the run was stopped
                    elif segment is not None:
                        if pending:  # the rest of what was stored is not what this window says
                            stored -= self._drop(recording.id, pending, plan)
                            pending = []
                            segment = plan.outside_kept(segment)
                        if segment is not None:
                            segment_id = transcripts.add_segment(recording.id, segment)
                            stored += 1
                            recent = [*recent[-2:], segment_id]
                            if watch.seen(segment.text):
                                transcripts.add_flag(recent, REPETITION)
                    self._beat()
                    self.report(
                        {
                            "recording": recording.id,
                            "done_ms": heard.end_ms,
                            "total_ms": recording.duration_ms,
                            "segments": stored,
                            "eta_s": progress.eta_s(heard.end_ms),
                        }
                    )
                    if self.cancel.is_set():
                        return "cancelled"
                if pending:  # a stopped run stored segments this window no longer produces
                    stored -= self._drop(recording.id, pending, plan)
                    pending = []
                transcripts.checkpoint(recording.id, window.end_ms, gaps)
                self.report(
                    {
                        "recording": recording.id,
                        "done_ms": window.end_ms,
                        "total_ms": recording.duration_ms,
                        "segments": stored,
                        "eta_s": progress.eta_s(window.end_ms),
                    }
                )
                if window.last:
                    break
        return "cancelled" if self.cancel.is_set() else "done"

    def _beat(self) -> None:
        """Tell the lock the run is alive (every half minute; for runs on another machine of a shared database)."""
        now = time.monotonic()
        if self._held is not None and now - self._last_beat > 30:
            self._last_beat = now
            self._held.beat()

    def _drop(self, recording_id: int, pending: list, plan: ResumePlan) -> int:
        """Drop the recogniser's segments a stopped run stored that this run no longer hears; one a person took up
        meanwhile stays, and is heard around from now on. Returns how many went."""
        kept = self.project.transcripts.drop_unworked(recording_id, [s.id for s in pending])
        plan.kept.extend(kept)
        return len(pending) - len(kept)

    def _heard(
        self, window: Window, options: DecodeOptions, channels: int, gaps: list[tuple[int, int, int | None]]
    ) -> Iterator[NewSegment]:
        """The window's segments in time order; one channel per speaker when asked."""
        if channels == 1:
            heard = self._hear(window.channels[0], window.start_ms, options, window.start_ms)
            gaps.extend((a, b, None) for a, b in heard.gaps)
            yield from heard.segments
            return
        merged: list[NewSegment] = []
        for channel, audio in enumerate(window.channels):
            heard = self._hear(audio, window.start_ms, options, window.start_ms + channel)
            gaps.extend((a, b, channel) for a, b in heard.gaps)
            for segment in heard.segments:
                segment.speaker = f"Channel {channel + 1}"
                segment.channel = channel
                merged.append(segment)
                if self.cancel.is_set():
                    break
        yield from sorted(merged, key=lambda s: (s.start_ms, s.channel or 0))

    def _hear(self, audio: np.ndarray, offset_ms: int, options: DecodeOptions, seed: int) -> Heard:
        """The engine's hearing, going on with the CPU if CUDA fails half-way."""
        heard = self.engine.hear(audio, offset_ms, options, seed)

        def segments() -> Iterator[NewSegment]:
            given = 0
            try:
                for segment in heard.segments:
                    given += 1
                    yield segment
            except RuntimeError as exc:
                if self.engine.device != "cuda":
                    raise
                self.engine.fall_back_to_cpu(exc)
                again = self.engine.hear(audio, offset_ms, options, seed).segments
                for index, segment in enumerate(again):
                    if index >= given:  # the CPU says again what CUDA had said before it failed
                        yield segment

        return Heard(heard.gaps, segments())
