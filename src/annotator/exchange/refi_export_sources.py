"""Recordings and field notes as REFI-QDA sources, with their coded passages.

A recording is an ``AudioSource`` (a ``VideoSource`` when it has video) named by its title, its notes as the
``Description``. Its media are packed as ``sources/<GUID>.<ext>`` and referred to as ``internal://<GUID>.<ext>``,
or with ``media="external"`` referred to as ``relative:///<path>`` against the project's ``basePath`` (the
project's folder, as the project itself stores it; ``absolute:///<path>`` when there is no relative path).

Its transcript is a ``Transcript`` (GUID derived from the recording's) whose plain text is packed as
``sources/<GUID>.txt`` (layout: :mod:`~annotator.exchange.refi_export_text`), with a ``SyncPoint`` (position, time in
ms) at the start of every segment's line (its start time) and the end of its text (its end time), and at each
end of every passage (the passage's start and end time: those of its first and last word). Sync points at the
same position and time are written once. Each coding is a ``TranscriptSelection`` of its own (GUID derived from
the coding's; named by the start of the quote) from its first sync point to its last, holding one ``Coding`` with
the coding's own GUID, its coder and a ``CodeRef`` to its theme; its memo is a ``Note`` the selection refers to.

A field-notes document is a ``TextSource`` (its GUID, its title) whose text is packed as ``sources/<GUID>.txt``;
each coding is a ``PlainTextSelection`` with ``startPosition``/``endPosition`` in that text.

Every text is pseudonymised before positions are counted in it (:mod:`~annotator.exchange.refi_export_text`).
"""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.models import TextDocument
from annotator.errors import UserError
from annotator.exchange.options import Redact
from annotator.exchange.refi_codebook import xml_text
from annotator.exchange.refi_common import (
    ABSOLUTE,
    INTERNAL,
    RELATIVE,
    derived_guid,
    format_datetime,
    format_guid,
)
from annotator.exchange.refi_export_data import CodingRow, RecordingRow
from annotator.exchange.refi_export_text import Redacted, TranscriptText, short

MAX_INTERNAL_BYTES = 2**31 - 1  # REFI-QDA 1.5, 8.5: the largest file an archive may hold


@dataclass
class SourceWriter:
    """Builds source elements; collects the files to pack (name in the sources folder, then text or a path)."""

    redact: Redact
    users: Mapping[int, str]  # coder id -> GUID
    memos: Mapping[str, str]  # coding GUID -> GUID of the note holding its memo
    notes: Mapping[tuple[str, int], Sequence[str]]  # ("recording" | "document", id) -> GUIDs of notes about it
    out: Path
    files: list[tuple[str, str | Path]] = field(default_factory=list)
    passages: int = 0

    # -- recordings ------------------------------------------------------------------------------------------
    def recording(
        self, parent: ET.Element, rec: RecordingRow, codings: Sequence[CodingRow], media: Callable[[RecordingRow], str]
    ) -> None:
        kind = "VideoSource" if rec.has_video else "AudioSource"
        guid = format_guid(rec.guid)
        source = ET.SubElement(parent, kind, guid=guid, name=xml_text(self.redact(rec.title)), path=media(rec))
        _dates(source, rec.created_at, rec.updated_at)
        if rec.notes.strip():
            ET.SubElement(source, "Description").text = xml_text(self.redact(rec.notes))
        if rec.segments:
            self._transcript(source, rec, codings)
        self._note_refs(source, "recording", rec.id)

    def internal_media(self, rec: RecordingRow) -> str:
        if rec.media is None:
            raise UserError(
                f"{self.out}: the media of recording {rec.id} ({rec.title}) cannot be found "
                f"(last seen at {rec.media_abspath}); relink it, or export with the media left outside"
            )
        if not os.access(rec.media, os.R_OK):
            raise UserError(f"{self.out}: the media of recording {rec.id} ({rec.title}) at {rec.media} cannot be read")
        if rec.media.stat().st_size > MAX_INTERNAL_BYTES:
            raise UserError(
                f"{self.out}: the media of recording {rec.id} ({rec.title}) is larger than the 2 GB a REFI-QDA "
                "archive may hold; export with the media left outside"
            )
        name = f"{format_guid(rec.guid)}{rec.media.suffix.lower()}"
        self.files.append((name, rec.media))
        return INTERNAL + name

    def external_media(self, rec: RecordingRow, folder: Path | None) -> str:
        """``relative:///...`` against the project's folder (``absolute:///...`` without one), through the
        pseudonymiser like every text: a path naming a listed person will not resolve."""
        where = rec.media or Path(rec.media_abspath)
        relative = None
        if folder is not None:
            try:
                relative = Path(os.path.relpath(where, folder)).as_posix()
            except ValueError:  # another drive
                relative = rec.media_relpath
        if relative:
            return RELATIVE + "/" + xml_text(self.redact(relative))
        return ABSOLUTE + "/" + xml_text(self.redact(where.as_posix().lstrip("/")))

    def _transcript(self, source: ET.Element, rec: RecordingRow, codings: Sequence[CodingRow]) -> None:
        layout = TranscriptText(rec.segments, self.redact)
        guid = derived_guid(rec.guid, "transcript")
        self.files.append((f"{guid}.txt", layout.text))
        transcript = ET.SubElement(
            source,
            "Transcript",
            guid=guid,
            name=xml_text(self.redact(rec.title)),
            plainTextPath=f"{INTERNAL}{guid}.txt",
        )
        points: dict[tuple[int, int], str] = {}

        def point(position: int, ms: int) -> str:
            return points.setdefault((position, ms), derived_guid(rec.guid, "sync", position, ms))

        times = {s.id: (s.start_ms, s.end_ms) for s in rec.segments}
        for segment in rec.segments:
            line = layout.lines[segment.id]
            point(line.start, segment.start_ms)
            point(line.text_end, segment.end_ms)
        selections = []
        for coding in codings:
            assert coding.start_segment_id is not None and coding.end_segment_id is not None
            ids = (coding.start_segment_id, coding.end_segment_id)
            start, end = layout.span(ids[0], coding.start_offset, ids[1], coding.end_offset)
            start_ms = coding.start_ms if coding.start_ms is not None else times[ids[0]][0]
            end_ms = coding.end_ms if coding.end_ms is not None else times[ids[1]][1]
            end_ms = max(end_ms, start_ms)  # a passage never ends before it begins (an importer refuses that)
            quote = layout.quote(*ids, start, end)
            selections.append((coding, quote, point(start, start_ms), point(end, end_ms)))
        for (position, ms), guid in sorted(points.items()):
            ET.SubElement(transcript, "SyncPoint", guid=guid, position=str(position), timeStamp=str(ms))
        for coding, quote, first, last in selections:
            attributes = {"fromSyncPoint": first, "toSyncPoint": last}
            self._selection(transcript, "TranscriptSelection", coding, quote, attributes)

    # -- documents -------------------------------------------------------------------------------------------
    def document(self, parent: ET.Element, document: TextDocument, codings: Sequence[CodingRow]) -> None:
        guid = format_guid(document.guid)
        body = Redacted(document.text, self.redact)
        self.files.append((f"{guid}.txt", body.text))
        source = ET.SubElement(
            parent,
            "TextSource",
            guid=guid,
            name=xml_text(self.redact(document.title)),
            plainTextPath=f"{INTERNAL}{guid}.txt",
        )
        _dates(source, document.created_at, document.updated_at)
        for coding in codings:
            start, end = body.span(coding.start_offset, coding.end_offset)
            attributes = {"startPosition": str(start), "endPosition": str(end)}
            self._selection(source, "PlainTextSelection", coding, body.text[start:end], attributes)
        self._note_refs(source, "document", document.id)

    # -- shared ----------------------------------------------------------------------------------------------
    def _selection(
        self, parent: ET.Element, kind: str, coding: CodingRow, quote: str, attributes: dict[str, str]
    ) -> None:
        guid = derived_guid(coding.guid, "selection")
        selection = ET.SubElement(parent, kind, guid=guid, name=xml_text(short(quote)), **attributes)
        user = self.users.get(coding.coder_id) if coding.coder_id is not None else None
        if user:
            selection.set("creatingUser", user)
        _dates(selection, coding.created_at, coding.updated_at)
        element = ET.SubElement(selection, "Coding", guid=format_guid(coding.guid))
        if user:
            element.set("creatingUser", user)
        element.set("creationDateTime", format_datetime(coding.created_at))
        ET.SubElement(element, "CodeRef", targetGUID=format_guid(coding.theme_guid))
        memo = self.memos.get(coding.guid)
        if memo:
            ET.SubElement(selection, "NoteRef", targetGUID=memo)
        self.passages += 1

    def _note_refs(self, parent: ET.Element, kind: str, key: int) -> None:
        for guid in self.notes.get((kind, key), ()):
            ET.SubElement(parent, "NoteRef", targetGUID=guid)


def _dates(element: ET.Element, created: dt.datetime | None, modified: dt.datetime | None) -> None:
    if created is not None:
        element.set("creationDateTime", format_datetime(created))
    if modified is not None:
        element.set("modifiedDateTime", format_datetime(modified))
