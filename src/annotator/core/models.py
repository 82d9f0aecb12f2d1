"""The project database: SQLAlchemy 2.0 typed ORM.

Conventions (see DESIGN.md): times are integer milliseconds; text offsets are Python ``str`` indices;
every entity that can leave the project has a stable ``guid`` (uuid4) for exchange and merging;
timing is data (``Word`` rows), never markup inside text.

The schema is owned by the Alembic migrations in ``core/migrations``; a test checks that these
models and the migrations agree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_guid() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class GuidMixin:
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SegmentStatus(StrEnum):
    ASR = "asr"
    EDITED = "edited"
    VERIFIED = "verified"


class Role(StrEnum):
    RESIDENT = "resident"
    STAFF = "staff"
    INTERVIEWER = "interviewer"
    OTHER = "other"


class ProjectInfo(GuidMixin, TimestampMixin, Base):
    """The one row of project settings."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16), default="id")
    # Names and local terms passed to the recogniser (e.g. "WBS", "panti", "piket").
    vocabulary: Mapped[list[str]] = mapped_column(default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Coder(GuidMixin, TimestampMixin, Base):
    __tablename__ = "coders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Participant(GuidMixin, TimestampMixin, Base):
    """A person interviewed or interviewing, known in the project by a code or pseudonym."""

    __tablename__ = "participants"
    __table_args__ = (CheckConstraint("role IN ('resident', 'staff', 'interviewer', 'other')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20), default=Role.OTHER.value)
    # Free attributes such as {"age": 14, "years_in_care": 3, "gender": "L"}.
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")


class Recording(GuidMixin, TimestampMixin, Base):
    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    # The media stay where the user keeps them: relative to the project file's folder (portable when
    # the whole folder moves), absolute (found when only the project moves), and the content hash
    # (found again anywhere by searching a folder).
    media_relpath: Mapped[str | None] = mapped_column(Text)
    media_abspath: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    # What the file looked like when its sha256 was last checked: a changed modification time or
    # quick hash (a few samples of the content) means the whole sha256 is checked again before use.
    media_mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    media_quick_hash: Mapped[str | None] = mapped_column(String(64))
    duration_ms: Mapped[int] = mapped_column(Integer)
    channels: Mapped[int] = mapped_column(Integer)
    sample_rate: Mapped[int] = mapped_column(Integer)
    media_format: Mapped[str] = mapped_column(String(100), default="")
    audio_codec: Mapped[str] = mapped_column(String(100), default="")
    has_video: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(String(16))  # None: the project's language
    interview_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    # How far the recogniser has finished (a checkpoint between windows of audio), and how it was
    # asked to run: {"model", "language", "window_ms", "status", ...}. A resumed run keeps these.
    transcribed_ms: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    transcription: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    participant: Mapped[Participant | None] = relationship()
    speakers: Mapped[list[Speaker]] = relationship(
        back_populates="recording", cascade="all, delete-orphan", passive_deletes=True
    )
    segments: Mapped[list[Segment]] = relationship(
        back_populates="recording",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Segment.start_ms",
    )


class Speaker(GuidMixin, Base):
    """A voice in one recording ("S1", "left channel", "Interviewer"), mapped to a participant."""

    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("recording_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    channel: Mapped[int | None] = mapped_column(Integer)

    recording: Mapped[Recording] = relationship(back_populates="speakers")
    participant: Mapped[Participant | None] = relationship()


class Segment(GuidMixin, Base):
    """A stretch of speech by one speaker, with its text and review status."""

    __tablename__ = "segments"
    __table_args__ = (
        CheckConstraint("end_ms >= start_ms", name="time_order"),
        CheckConstraint("status IN ('asr', 'edited', 'verified')", name="status"),
        Index("ix_segments_recording_start", "recording_id", "start_ms"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"))
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=SegmentStatus.ASR.value)
    # Review flags such as "repetition", "high_compression", "no_speech".
    flags: Mapped[list[str]] = mapped_column(default=list)
    # What the recogniser said of the segment (None once typed or imported).
    avg_logprob: Mapped[float | None] = mapped_column(Float)
    no_speech_prob: Mapped[float | None] = mapped_column(Float)
    compression_ratio: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # When a person last changed the segment (its text, times, speaker, or split/merged it); None: as
    # the recogniser or an import stored it. Part of what core.services.person_work protects.
    touched_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    recording: Mapped[Recording] = relationship(back_populates="segments")
    speaker: Mapped[Speaker | None] = relationship()
    words: Mapped[list[Word]] = relationship(
        back_populates="segment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Word.position",
    )


class Word(Base):
    """One recognised word: its time, its place in the segment's text, and the recogniser's confidence."""

    __tablename__ = "words"
    __table_args__ = (
        CheckConstraint("end_ms >= start_ms", name="time_order"),
        UniqueConstraint("segment_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # Offsets of the word in Segment.text; None until aligned.
    char_start: Mapped[int | None] = mapped_column(Integer)
    char_end: Mapped[int | None] = mapped_column(Integer)
    probability: Mapped[float | None] = mapped_column(Float)  # None once a person has edited it

    segment: Mapped[Segment] = relationship(back_populates="words")


class Gap(Base):
    """A stretch the voice activity detector heard no speech in, long enough to be worth a listen."""

    __tablename__ = "gaps"
    __table_args__ = (
        CheckConstraint("end_ms > start_ms", name="time_order"),
        Index("ix_gaps_recording_start", "recording_id", "start_ms"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"))
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int | None] = mapped_column(Integer)


class Theme(GuidMixin, TimestampMixin, Base):
    """A node of the codebook tree."""

    __tablename__ = "themes"
    __table_args__ = (Index("ix_themes_parent_position", "parent_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(7), default="#f4d35e")
    # Names and definitions in other languages: {"en": {"name": ..., "definition": ...}, ...}.
    labels: Mapped[dict[str, Any]] = mapped_column(default=dict)

    parent: Mapped[Theme | None] = relationship(remote_side="Theme.id", back_populates="children")
    children: Mapped[list[Theme]] = relationship(
        back_populates="parent", order_by="Theme.position", passive_deletes=True
    )


class TextDocument(GuidMixin, TimestampMixin, Base):
    """Field notes and other text without audio, coded like transcripts."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    source_path: Mapped[str | None] = mapped_column(Text)


class Coding(GuidMixin, TimestampMixin, Base):
    """A passage assigned to a theme.

    In a transcript the passage runs from (``start_segment_id``, ``start_offset``) to
    (``end_segment_id``, ``end_offset``), offsets being indices into each segment's text; ``start_ms``
    and ``end_ms`` are the times of its first and last word. In a text document the segments are
    None and the offsets index the document's text. ``quote`` is a snapshot of the covered text.
    """

    __tablename__ = "codings"
    __table_args__ = (
        CheckConstraint("(recording_id IS NULL) <> (document_id IS NULL)", name="one_source"),
        CheckConstraint("start_offset >= 0 AND end_offset >= 0", name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start_segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    end_offset: Mapped[int] = mapped_column(Integer)
    start_ms: Mapped[int | None] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    memo: Mapped[str] = mapped_column(Text, default="")

    theme: Mapped[Theme] = relationship()
    coder: Mapped[Coder | None] = relationship()


class Note(GuidMixin, TimestampMixin, Base):
    """A memo: about the project, or about one recording, document or theme."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)


class Pseudonym(GuidMixin, TimestampMixin, Base):
    """A real name (of a participant, a place, a member of staff) and the code that replaces it in exports."""

    __tablename__ = "pseudonyms"
    __table_args__ = (CheckConstraint("kind IN ('person', 'place', 'other')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    real: Mapped[str] = mapped_column(String(200), unique=True)  # as written, its spaces made single
    replacement: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default="person")


class WorkLock(Base):
    """Work that only one process may do at a time (transcribing a recording, a window on the project).

    A lock names its holder (host and process id) and is released when the holder ends; one left by a
    process that died is taken over (see core.locks)."""

    __tablename__ = "work_locks"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    # Which process that pid was (boot and start time): a pid used again later is not the holder.
    process: Mapped[str] = mapped_column(String(100), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    acquired_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TypingEntry(Base):
    """Text a person is typing into a segment or field notes, kept the moment it is typed; it becomes an edit (with
    its undo step, words and codings) after a pause. One left by a writer that died is made an edit when the
    project is next opened (core.services.typing)."""

    __tablename__ = "typing_journal"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), unique=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    process: Mapped[str] = mapped_column(String(100), default="")
    written_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
