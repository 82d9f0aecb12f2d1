"""Recordings: add media, find them again when moved, rename, delete, and summarise them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, inspect, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from annotator.core.listing import (  # noqa: F401 - RecordingSummary, MediaState are read from here too
    LOCATE_HINT,
    SUMMARY_SQL,
    MediaRecord,
    MediaState,
    MediaStatus,
    RecordingSummary,
    media_state,
    summary,
)
from annotator.core.models import Participant, Recording, Segment, Speaker
from annotator.core.services.base import Service
from annotator.core.services.participants import ParticipantService
from annotator.core.services.settings import check_language
from annotator.errors import MediaError, NotFound, UserError
from annotator.media.probe import MediaInfo, probe, quick_hash, sha256_file

if TYPE_CHECKING:
    from annotator.core.project import Project


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


def media_columns(
    info: MediaInfo, digest: str, folder: Path | None, fingerprint: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A recording's columns that describe its media file (as probed), its place and its content.
    ``fingerprint``: its modification time and quick hash (see :func:`_fingerprint`; taken now when not given)."""
    return {
        "media_relpath": _relative_to(folder, info.path),
        "media_abspath": str(info.path),
        "sha256": digest,
        "size_bytes": info.size_bytes,
        **(fingerprint if fingerprint is not None else _fingerprint(info.path)),
        "duration_ms": info.duration_ms,
        "channels": info.channels,
        "sample_rate": info.sample_rate,
        "media_format": info.format_name,
        "audio_codec": info.audio_codec,
        "has_video": info.has_video,
    }


def _fingerprint(path: Path, hashed_at_ns: int | None = None) -> dict[str, Any]:
    """The cheap marks of a file's content that are checked before it is used: its modification time and
    quick hash. ``hashed_at_ns``: the modification time seen before its sha256 was taken; a file written
    since gets no marks, so that its next check is a full one."""
    quick = quick_hash(path)
    mtime_ns = path.stat().st_mtime_ns
    if hashed_at_ns is not None and mtime_ns != hashed_at_ns:
        return {"media_mtime_ns": None, "media_quick_hash": None}
    return {"media_mtime_ns": mtime_ns, "media_quick_hash": quick}


class RecordingService(Service):
    def __init__(self, project: Project) -> None:
        super().__init__(project)
        # Full checks made while the project is open, for files whose marks differ from the stored ones
        # (a changed file is hashed once, not on every look) or could not be stored.
        self._verdicts: dict[tuple[int, str, str, int, str], bool] = {}

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
        """Where the recording's media file is now, or None when it cannot be found or is not the recording's
        any more (see :meth:`media_state` for which, and :meth:`checked_media` for an error that says so)."""
        state = self.media_state(recording)
        return state.path if state.ok else None

    def checked_media(self, recording: Recording) -> Path:
        """The recording's media file, checked to be the one that was added; else :class:`MediaError` saying
        that it is missing or has changed, and how to find the original."""
        state = self.media_state(recording)
        if state.path is None or not state.ok:
            raise MediaError(state.message)
        return state.path

    def media_state(self, recording: MediaRecord) -> MediaState:
        """Find the recording's media file and check that it is still the file that was added.

        Cheap when nothing changed: the size, the modification time and the quick hash (a few samples of the
        content) are compared with what was stored. When the time or the quick hash differs, or was never
        stored (a project from before they were), the whole sha256 decides; a match stores the new time and
        quick hash, so the next check is cheap again (core/listing.py)."""
        return media_state(recording, self.project.folder, self._same_content)

    def _same_content(self, recording: MediaRecord, path: Path, mtime_ns: int) -> bool:
        """Whether a file of the recording's size holds the recording's content (see :meth:`media_state`)."""
        quick = quick_hash(path)
        if recording.media_mtime_ns == mtime_ns and recording.media_quick_hash == quick:
            return True
        key = (recording.id, recording.sha256, str(path.absolute()), mtime_ns, quick)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = sha256_file(path) == recording.sha256
            if not verdict or not self._store_fingerprint(recording, path, mtime_ns, quick):
                self._verdicts[key] = verdict
        return verdict

    def _store_fingerprint(self, recording: MediaRecord, path: Path, mtime_ns: int, quick: str) -> bool:
        """Store a checked file's time and quick hash; False when the project cannot be written (read-only,
        or held by a writer too long): they are a shortcut, and the next check is a full one again."""
        if path.stat().st_mtime_ns != mtime_ns:
            return False  # written while it was hashed: check it again next time
        try:
            with self.transaction() as session:
                session.execute(
                    update(Recording)
                    .where(Recording.id == recording.id, Recording.sha256 == recording.sha256)
                    .values(media_mtime_ns=mtime_ns, media_quick_hash=quick, updated_at=Recording.updated_at)
                )
        except OperationalError:
            return False
        # a Recording no other session is about to write back (a ListedRecording is a passing view)
        if isinstance(recording, Recording) and inspect(recording).session is None:
            recording.media_mtime_ns, recording.media_quick_hash = mtime_ns, quick
        return True

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
        checked: list[tuple[MediaInfo, str, dict[str, Any]]] = []
        seen: dict[str, Path] = {}
        for path in paths:
            info = probe(path)
            before_ns = info.path.stat().st_mtime_ns
            digest = sha256_file(info.path)
            if digest in seen:
                raise UserError(f"{path}: is the same recording as {seen[digest]}")
            seen[digest] = path
            checked.append((info, digest, _fingerprint(info.path, before_ns)))

        with self.transaction() as session:
            for info, digest, _marks in checked:
                existing = session.scalars(select(Recording).where(Recording.sha256 == digest)).first()
                if existing is not None:
                    raise UserError(
                        f"{info.path}: is already in the project as recording {existing.id} ({existing.title})"
                    )
            person = ParticipantService.ensure(session, participant, role) if participant else None
            recordings = []
            for info, digest, marks in checked:
                recording = Recording(
                    title=(title or info.path.stem).strip(),
                    **media_columns(info, digest, self.project.folder, marks),
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
        before_ns = info.path.stat().st_mtime_ns
        digest = sha256_file(info.path)
        fingerprint = _fingerprint(info.path, before_ns)
        with self.transaction() as session:
            recording = self.find(session, ref)
            if digest != recording.sha256:
                raise UserError(f"{path}: is not the media of recording {recording.id} (the content differs)")
            self._set_path(recording, info.path, fingerprint)
            return recording

    def relocate(self, folder: str | os.PathLike[str]) -> list[Relocated]:
        """Search a folder (and its subfolders) for the media of recordings whose file cannot be found or has
        changed since it was added: a file of the recording's size and sha256."""
        root = Path(folder).expanduser().absolute()
        if not root.is_dir():
            raise UserError(f"{root}: is not a folder")
        with self.transaction() as session:
            recordings = list(session.scalars(select(Recording)))
        lost = [r for r in recordings if not self.media_state(r).ok]
        by_size: dict[int, list[Recording]] = {}
        for recording in lost:
            by_size.setdefault(recording.size_bytes, []).append(recording)
        found: dict[int, tuple[Path, int]] = {}
        for path in _files_below(root):
            try:
                wanted = by_size.get(path.stat().st_size)
                if not wanted or all(r.id in found for r in wanted):
                    continue
                before_ns = path.stat().st_mtime_ns
                digest = sha256_file(path)
            except OSError:
                continue
            for recording in wanted:
                if recording.sha256 == digest and recording.id not in found:
                    found[recording.id] = (path, before_ns)
        relocated = []
        for recording_id, (path, before_ns) in found.items():
            try:
                fingerprint = _fingerprint(path, before_ns)
            except OSError:
                continue
            with self.transaction() as session:
                recording = session.get(Recording, recording_id)
                if recording is not None:
                    self._set_path(recording, path, fingerprint)
                    relocated.append(Relocated(recording.id, recording.title, path))
        return relocated

    def _set_path(self, recording: Recording, path: Path, fingerprint: dict[str, Any]) -> None:
        recording.media_abspath = str(path)
        recording.media_relpath = _relative_to(self.project.folder, path)
        recording.media_mtime_ns = fingerprint["media_mtime_ns"]
        recording.media_quick_hash = fingerprint["media_quick_hash"]

    # -- queries for the window and the command line -------------------------------------------
    def summaries(self) -> list[RecordingSummary]:
        """Every recording with its counts and the state of its media file (core/listing.py)."""
        with self.reading() as session:
            rows = session.connection().exec_driver_sql(SUMMARY_SQL).fetchall()
        return [summary(tuple(row), self.media_state) for row in rows]


def _files_below(root: Path) -> Iterator[Path]:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            yield Path(folder, name)
