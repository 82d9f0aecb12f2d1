"""What a REFI-QDA project export takes from the project: read in one transaction into plain rows, narrowed by the
export's options.

``ExportOptions.recordings`` chooses recordings (empty: all of them, and every field-notes document with them;
chosen: those recordings only, without documents). ``ExportOptions.themes`` chooses subtrees of the theme tree;
only passages coded with a theme in them go along. Participants go along when they are the person of an exported
recording or document or a speaker in it (with no recording chosen: every participant). Notes go along with what
they are about (project notes always).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from annotator.core.models import Coder, Coding, Note, Participant, ProjectInfo, Recording, Segment, Speaker, Theme
from annotator.core.models import TextDocument as Document
from annotator.errors import UserError
from annotator.exchange.options import ExportOptions
from annotator.exchange.refi_codebook import ThemeNode, theme_tree
from annotator.exchange.refi_export_text import SegmentText

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class RecordingRow:
    id: int
    guid: str
    title: str
    notes: str
    has_video: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    participant_ids: frozenset[int]  # the person interviewed and the participants of its speakers
    media: Path | None  # where the media file is now (None: not found)
    media_relpath: str | None  # as stored: relative to the project's folder
    media_abspath: str
    size_bytes: int
    segments: list[SegmentText]


@dataclass(frozen=True)
class CodingRow:
    guid: str
    theme_guid: str
    coder_id: int | None
    recording_id: int | None
    document_id: int | None
    start_segment_id: int | None
    start_offset: int
    end_segment_id: int | None
    end_offset: int
    start_ms: int | None
    end_ms: int | None
    memo: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass
class ProjectData:
    info: ProjectInfo
    coders: list[Coder]  # in the order they joined; the first made the project
    themes: list[ThemeNode]  # the roots of the exported tree
    participants: list[Participant]
    recordings: list[RecordingRow]
    documents: list[Document]
    codings: list[CodingRow]
    notes: list[Note]
    folder: Path | None  # the project's folder, which relative media paths start from
    theme_ids: set[int] = field(default_factory=set)


def read_project(project: Project, options: ExportOptions, out: Path) -> ProjectData:
    with project.reading() as session:
        info = session.scalars(select(ProjectInfo)).one()
        coders = list(session.scalars(select(Coder).order_by(Coder.id)))
        themes = theme_tree(session, options.themes, out)
        theme_ids = {node.id for root in themes for node in root.walk()}
        query = select(Recording).order_by(Recording.id)
        if options.recordings:
            query = query.where(Recording.id.in_(options.recordings))
        recordings = list(session.scalars(query))
        missing = sorted(set(options.recordings) - {r.id for r in recordings})
        if missing:
            raise UserError(f"{out}: no recording {', '.join(map(str, missing))} in this project; nothing was written")
        documents = [] if options.recordings else list(session.scalars(select(Document).order_by(Document.id)))
        rows = [_recording(project, session, r) for r in recordings]
        wanted: set[int] = set().union(*(r.participant_ids for r in rows))
        wanted |= {d.participant_id for d in documents if d.participant_id is not None}
        participants = [
            p
            for p in session.scalars(select(Participant).order_by(Participant.code))
            if not options.recordings or p.id in wanted
        ]
        codings = _codings(session, [r.id for r in rows], [d.id for d in documents], theme_ids)
        recording_ids, document_ids = {r.id for r in rows}, {d.id for d in documents}
        notes = [
            n
            for n in session.scalars(select(Note).order_by(Note.created_at, Note.id))
            if (n.recording_id is None or n.recording_id in recording_ids)
            and (n.document_id is None or n.document_id in document_ids)
            and (n.theme_id is None or n.theme_id in theme_ids)
        ]
    return ProjectData(info, coders, themes, participants, rows, documents, codings, notes, project.folder, theme_ids)


def _recording(project: Project, session: Any, recording: Recording) -> RecordingRow:
    segments = session.execute(
        select(Segment.id, Segment.start_ms, Segment.end_ms, Speaker.label, Segment.text)
        .outerjoin(Speaker, Speaker.id == Segment.speaker_id)
        .where(Segment.recording_id == recording.id)
        .order_by(Segment.start_ms, Segment.id)
    ).all()
    speakers = session.scalars(
        select(Speaker.participant_id).where(Speaker.recording_id == recording.id, Speaker.participant_id.is_not(None))
    )
    people = {*speakers, *([recording.participant_id] if recording.participant_id is not None else [])}
    return RecordingRow(
        recording.id,
        recording.guid,
        recording.title,
        recording.notes,
        recording.has_video,
        recording.created_at,
        recording.updated_at,
        frozenset(people),
        project.recordings.media_path(recording),
        recording.media_relpath,
        recording.media_abspath,
        recording.size_bytes,
        [SegmentText(*s) for s in segments],
    )


def _codings(session: Any, recordings: list[int], documents: list[int], themes: set[int]) -> list[CodingRow]:
    """The codings of the exported recordings and documents with an exported theme, in the order of the text."""
    query = (
        select(
            Coding.guid,
            Theme.guid,
            Coding.coder_id,
            Coding.recording_id,
            Coding.document_id,
            Coding.start_segment_id,
            Coding.start_offset,
            Coding.end_segment_id,
            Coding.end_offset,
            Coding.start_ms,
            Coding.end_ms,
            Coding.memo,
            Coding.created_at,
            Coding.updated_at,
        )
        .join(Theme, Theme.id == Coding.theme_id)
        .outerjoin(Segment, Segment.id == Coding.start_segment_id)
        .where(
            Coding.theme_id.in_(themes),
            or_(Coding.recording_id.in_(recordings), Coding.document_id.in_(documents)),
        )
        .order_by(Coding.recording_id, Coding.document_id, Segment.start_ms, Coding.start_offset, Coding.id)
    )
    return [CodingRow(*row) for row in session.execute(query)]
