"""Recordings: add media, find them again when moved, rename, delete, and summarise them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from annotator.core.models import Coding, Participant, Recording, Segment, SegmentStatus, Speaker
from annotator.core.services.base import Service
from annotator.core.services.participants import ParticipantService
from annotator.core.services.settings import check_language
from annotator.errors import NotFound, UserError
from annotator.media.probe import MediaInfo, probe, sha256_file


@dataclass(frozen=True)
class RecordingSummary:
    id: int
    guid: str
    title: str
    duration_ms: int
    segments: int
    verified_pct: float
    codings: int
    media_ok: bool
    media_path: str
    participant: str | None
    role: str | None
    language: str | None
    transcription: str = "none"  # none | running | done | cancelled | failed


@dataclass(frozen=True)
class SpeakerSummary:
    """A voice of a recording, who it is (if said), and how many segments it speaks."""

    label: str
    participant: str | None  # the participant's code
    role: str | None
    channel: int | None
    segments: int


@dataclass(frozen=True)
class Relocated:
    recording_id: int
    title: str
    path: Path


def _relative_to(folder: Path | None, path: Path) -> str | None:
    if folder is None:
        return None
    try:
        return os.path.relpath(path, folder)
    except ValueError:  # another drive on Windows
        return None


def media_columns(info: MediaInfo, digest: str, folder: Path | None) -> dict[str, Any]:
    """A recording's columns that describe its media file (as probed), its place and its content."""
    return {
        "media_relpath": _relative_to(folder, info.path),
        "media_abspath": str(info.path),
        "sha256": digest,
        "size_bytes": info.size_bytes,
        "duration_ms": info.duration_ms,
        "channels": info.channels,
        "sample_rate": info.sample_rate,
        "media_format": info.format_name,
        "audio_codec": info.audio_codec,
        "has_video": info.has_video,
    }


class RecordingService(Service):
    # -- lookup --------------------------------------------------------------------------------
    @staticmethod
    def find(session: Session, ref: str | int) -> Recording:
        """A recording by id, or by title (case-insensitive) when the title is unique."""
        if isinstance(ref, int) or str(ref).isdigit():
            recording = session.get(Recording, int(ref))
            if recording is not None:
                return recording
        wanted = str(ref).strip().casefold()
        ids = [
            rid for rid, title in session.execute(select(Recording.id, Recording.title)) if title.casefold() == wanted
        ]
        matches = [session.get(Recording, rid) for rid in ids]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(str(r.id) for r in matches)
            raise UserError(f"several recordings are titled {ref!r} (ids {ids}); give the id")
        raise NotFound(f"no recording {ref!r} in this project")

    def get(self, ref: str | int) -> Recording:
        with self.transaction() as session:
            return self.find(session, ref)

    def media_path(self, recording: Recording) -> Path | None:
        """Where the recording's media file is now, or None when it cannot be found."""
        candidates = []
        if recording.media_relpath and self.project.folder is not None:
            candidates.append(self.project.folder / recording.media_relpath)
        candidates.append(Path(recording.media_abspath))
        for candidate in candidates:
            try:
                if candidate.is_file() and candidate.stat().st_size == recording.size_bytes:
                    return candidate.resolve()
            except OSError:
                continue
        return None

    # -- adding --------------------------------------------------------------------------------
    def add(
        self,
        media: str | os.PathLike[str],
        *,
        title: str | None = None,
        participant: str | None = None,
        role: str | None = None,
        language: str | None = None,
        interview_date: dt.date | None = None,
        notes: str = "",
    ) -> Recording:
        return self.add_many(
            [media],
            title=title,
            participant=participant,
            role=role,
            language=language,
            interview_date=interview_date,
            notes=notes,
        )[0]

    def add_many(
        self,
        media: Iterable[str | os.PathLike[str]],
        *,
        title: str | None = None,
        participant: str | None = None,
        role: str | None = None,
        language: str | None = None,
        interview_date: dt.date | None = None,
        notes: str = "",
    ) -> list[Recording]:
        """Add media files as recordings, all or none: every file is checked before any is stored."""
        paths = [Path(m).expanduser().absolute() for m in media]
        if not paths:
            raise UserError("no media files given")
        if title and len(paths) > 1:
            raise UserError("--title names one recording; give one media file with it")
        if role and not participant:
            raise UserError("--role describes a participant; give --participant CODE with it")
        language = check_language(language) if language else None
        checked: list[tuple[MediaInfo, str]] = []
        seen: dict[str, Path] = {}
        for path in paths:
            info = probe(path)
            digest = sha256_file(info.path)
            if digest in seen:
                raise UserError(f"{path}: is the same recording as {seen[digest]}")
            seen[digest] = path
            checked.append((info, digest))

        with self.transaction() as session:
            for info, digest in checked:
                existing = session.scalars(select(Recording).where(Recording.sha256 == digest)).first()
                if existing is not None:
                    raise UserError(
                        f"{info.path}: is already in the project as recording {existing.id} ({existing.title})"
                    )
            person = ParticipantService.ensure(session, participant, role) if participant else None
            recordings = []
            for info, digest in checked:
                recording = Recording(
                    title=(title or info.path.stem).strip(),
                    **media_columns(info, digest, self.project.folder),
                    language=language,
                    interview_date=interview_date,
                    notes=notes,
                    participant_id=person.id if person else None,
                )
                session.add(recording)
                recordings.append(recording)
            session.flush()
            return recordings

    # -- changing ------------------------------------------------------------------------------
    def rename(self, ref: str | int, title: str) -> Recording:
        title = title.strip()
        if not title:
            raise UserError("a recording needs a title")
        with self.transaction() as session:
            recording = self.find(session, ref)
            recording.title = title
            return recording

    def update(
        self,
        ref: str | int,
        *,
        language: str | None = None,
        interview_date: dt.date | None = None,
        notes: str | None = None,
        participant: str | None = None,
        role: str | None = None,
    ) -> Recording:
        with self.transaction() as session:
            recording = self.find(session, ref)
            if language is not None:
                recording.language = check_language(language)
            if interview_date is not None:
                recording.interview_date = interview_date
            if notes is not None:
                recording.notes = notes
            if participant is not None:
                recording.participant_id = ParticipantService.ensure(session, participant, role).id
            return recording

    def delete(self, ref: str | int) -> None:
        """Remove a recording with its speakers, transcript and codings. The media file is not touched."""
        with self.transaction() as session:
            session.delete(self.find(session, ref))

    def set_speaker(
        self, ref: str | int, label: str, participant: str | None = None, channel: int | None = None
    ) -> Speaker:
        """Name a voice of a recording and say which participant it is (made if new)."""
        label = label.strip()
        if not label:
            raise UserError("a speaker needs a label")
        with self.transaction() as session:
            recording = self.find(session, ref)
            speaker = session.scalars(
                select(Speaker).where(Speaker.recording_id == recording.id, Speaker.label == label)
            ).one_or_none()
            if speaker is None:
                speaker = Speaker(recording_id=recording.id, label=label)
                session.add(speaker)
            if participant is not None:
                speaker.participant_id = ParticipantService.ensure(session, participant).id
            if channel is not None:
                speaker.channel = channel
            session.flush()
            return speaker

    def speakers(self, ref: str | int) -> list[SpeakerSummary]:
        """The voices of a recording with who each is: passages are said by a speaker's participant, so an
        unmapped speaker ("Channel 1") is nobody's until it is mapped."""
        with self.transaction() as session:
            recording = self.find(session, ref)
            rows = session.execute(
                select(Speaker.label, Participant.code, Participant.role, Speaker.channel, func.count(Segment.id))
                .outerjoin(Participant, Participant.id == Speaker.participant_id)
                .outerjoin(Segment, Segment.speaker_id == Speaker.id)
                .where(Speaker.recording_id == recording.id)
                .group_by(Speaker.id)
                .order_by(Speaker.channel, Speaker.label)
            ).all()
        return [SpeakerSummary(label, code, role, channel, n) for label, code, role, channel, n in rows]

    def map_speaker(self, ref: str | int, label: str, participant: str | None) -> SpeakerSummary:
        """Say which participant a speaker of a recording is (an existing participant's code), or nobody (None)."""
        with self.transaction() as session:
            recording = self.find(session, ref)
            speaker = session.scalars(
                select(Speaker).where(Speaker.recording_id == recording.id, Speaker.label == label.strip())
            ).one_or_none()
            if speaker is None:
                labels = select(Speaker.label).where(Speaker.recording_id == recording.id).order_by(Speaker.label)
                known = ", ".join(session.scalars(labels))
                raise NotFound(
                    f"recording {recording.id} ({recording.title}) has no speaker {label.strip()!r}"
                    + (f"; its speakers: {known}" if known else "")
                )
            speaker.participant_id = ParticipantService.find(session, participant).id if participant else None
            session.flush()
        return next(s for s in self.speakers(ref) if s.label == label.strip())

    # -- moved media ---------------------------------------------------------------------------
    def relink(self, ref: str | int, media: str | os.PathLike[str]) -> Recording:
        """Point a recording at its media file in a new place; the content must be the same."""
        path = Path(media).expanduser().absolute()
        info = probe(path)
        digest = sha256_file(info.path)
        with self.transaction() as session:
            recording = self.find(session, ref)
            if digest != recording.sha256:
                raise UserError(f"{path}: is not the media of recording {recording.id} (the content differs)")
            self._set_path(recording, info.path)
            return recording

    def relocate(self, folder: str | os.PathLike[str]) -> list[Relocated]:
        """Search a folder (and its subfolders) for the media of recordings that cannot be found."""
        root = Path(folder).expanduser().absolute()
        if not root.is_dir():
            raise UserError(f"{root}: is not a folder")
        with self.transaction() as session:
            missing = [r for r in session.scalars(select(Recording)) if self.media_path(r) is None]
        by_size: dict[int, list[Recording]] = {}
        for recording in missing:
            by_size.setdefault(recording.size_bytes, []).append(recording)
        found: dict[int, Path] = {}
        for path in _files_below(root):
            try:
                wanted = by_size.get(path.stat().st_size)
            except OSError:
                continue
            if not wanted:
                continue
            digest = sha256_file(path)
            for recording in wanted:
                if recording.sha256 == digest and recording.id not in found:
                    found[recording.id] = path
        relocated = []
        with self.transaction() as session:
            for recording_id, path in found.items():
                recording = session.get(Recording, recording_id)
                if recording is not None:
                    self._set_path(recording, path)
                    relocated.append(Relocated(recording.id, recording.title, path))
        return relocated

    def _set_path(self, recording: Recording, path: Path) -> None:
        recording.media_abspath = str(path)
        recording.media_relpath = _relative_to(self.project.folder, path)

    # -- queries for the window and the command line -------------------------------------------
    def summaries(self) -> list[RecordingSummary]:
        duration = Segment.end_ms - Segment.start_ms
        segment_stats = (
            select(
                Segment.recording_id.label("rid"),
                func.count(Segment.id).label("n"),
                func.sum(duration).label("total"),
                func.sum(case((Segment.status == SegmentStatus.VERIFIED.value, duration), else_=0)).label("verified"),
            )
            .group_by(Segment.recording_id)
            .subquery()
        )
        coding_stats = (
            select(Coding.recording_id.label("rid"), func.count(Coding.id).label("n"))
            .where(Coding.recording_id.is_not(None))
            .group_by(Coding.recording_id)
            .subquery()
        )
        query = (
            select(
                Recording,
                Participant.code,
                Participant.role,
                func.coalesce(segment_stats.c.n, 0),
                func.coalesce(segment_stats.c.total, 0),
                func.coalesce(segment_stats.c.verified, 0),
                func.coalesce(coding_stats.c.n, 0),
            )
            .outerjoin(Participant, Participant.id == Recording.participant_id)
            .outerjoin(segment_stats, segment_stats.c.rid == Recording.id)
            .outerjoin(coding_stats, coding_stats.c.rid == Recording.id)
            .order_by(Recording.id)
        )
        summaries = []
        with self.transaction() as session:
            rows = list(session.execute(query))
        for recording, code, role, segments, total, verified, codings in rows:
            path = self.media_path(recording)
            summaries.append(
                RecordingSummary(
                    id=recording.id,
                    guid=recording.guid,
                    title=recording.title,
                    duration_ms=recording.duration_ms,
                    segments=segments,
                    verified_pct=round(100.0 * verified / total, 1) if total else 0.0,
                    codings=codings,
                    media_ok=path is not None,
                    media_path=str(path or recording.media_abspath),
                    participant=code,
                    role=role,
                    language=recording.language,
                    transcription=(recording.transcription or {}).get("status", "none"),
                )
            )
        return summaries


def _files_below(root: Path) -> Iterator[Path]:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            yield Path(folder, name)
