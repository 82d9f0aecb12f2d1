"""Whole projects as REFI-QDA (.qdpx, QDA-XML 1.0), which NVivo, MAXQDA, ATLAS.ti and QualCoder import.

:func:`export_qdpx` writes a zip (deflated) of ``project.qde`` and a ``sources/`` folder. ``project.qde`` holds,
in the order Project.xsd asks for:

- ``Users``: the coders (GUID, name);
- ``CodeBook``: the theme tree (:mod:`~annotator.exchange.refi_codebook`), notes about a theme as its ``NoteRef``;
- ``Variables`` and ``Cases``: participants and their attributes (:mod:`~annotator.exchange.refi_export_cases`);
- ``Sources``: recordings with their transcripts and coded passages, then field-notes documents with theirs
  (:mod:`~annotator.exchange.refi_export_sources`, :mod:`~annotator.exchange.refi_export_text`);
- ``Notes``: the project's notes (about the project, a recording, a document or a theme) and the memo of every
  coding that has one (GUID derived from the coding's), each with its text as ``PlainTextContent``;
- the project's description, and ``NoteRef`` s to the notes about the project as a whole.

No empty container is written. GUIDs are lowercase; those Annotator has no row for are derived from the rows they
belong to, so the same project exports to the same file. Dates are UTC (``2026-11-28T03:00:00Z``). Every text goes
through ``redact`` (names, titles, quotes, memos, notes, transcripts, documents, attribute values, paths).
:func:`export_qdc` (the codebook alone) is in :mod:`~annotator.exchange.refi_codebook` and importable from here.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import UserError
from annotator.exchange.files import atomic_output
from annotator.exchange.options import ExportOptions, ExportResult, Redact
from annotator.exchange.refi_codebook import code_elements, export_qdc, xml_text
from annotator.exchange.refi_common import (
    ORIGIN,
    PROJECT_ENTRY,
    PROJECT_NS,
    SOURCES_FOLDER,
    derived_guid,
    format_datetime,
    format_guid,
)
from annotator.exchange.refi_export_cases import Variables, cases_element
from annotator.exchange.refi_export_data import CodingRow, ProjectData, read_project
from annotator.exchange.refi_export_sources import SourceWriter
from annotator.exchange.refi_export_text import short

if TYPE_CHECKING:
    from annotator.core.project import Project

__all__ = ["MEDIA", "export_qdc", "export_qdpx", "project_xml"]

MEDIA = ("internal", "external")


def export_qdpx(project: Project, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    """The project (or the recordings and themes ``options`` choose) as a .qdpx archive at ``out``."""
    out = Path(out)
    if options.media not in MEDIA:
        raise UserError(f"{out}: media can be {' or '.join(MEDIA)}, not {options.media!r}; nothing was written")
    data = read_project(project, options, out)
    if options.media == "internal":
        _refuse_changed_media(project, data, out)
    root, writer = project_xml(data, options, redact, out)
    content = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with atomic_output(out) as temporary:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr(PROJECT_ENTRY, content)
            for name, item in writer.files:
                entry = f"{SOURCES_FOLDER}/{name}"
                if isinstance(item, Path):
                    archive.write(item, entry)
                else:
                    archive.writestr(entry, item.encode("utf-8"))
    counts = {
        "themes": len(data.theme_ids),
        "recordings": len(data.recordings),
        "documents": len(data.documents),
        "participants": len(data.participants),
        "passages": writer.passages,
        "notes": len(root.findall("Notes/Note")),
    }
    return ExportResult([out], counts)


def _refuse_changed_media(project: Project, data: ProjectData, out: Path) -> None:
    """Never pack a file that has taken a recording's place: its content is not the recording's."""
    for rec in data.recordings:
        if rec.media is None:  # missing, or changed since it was added
            state = project.recordings.media_state(project.recordings.get(rec.id))
            if state.status == "changed":
                raise UserError(f"{out}: {state.message}; nothing was written")


def project_xml(
    data: ProjectData, options: ExportOptions, redact: Redact, out: Path
) -> tuple[ET.Element, SourceWriter]:
    """``project.qde`` as an element tree, and the writer holding the files to pack beside it."""
    users = {c.id: format_guid(c.guid) for c in data.coders}
    root = ET.Element("Project", xmlns=PROJECT_NS, name=xml_text(redact(data.info.name)), origin=ORIGIN)
    if data.coders:
        root.set("creatingUserGUID", users[data.coders[0].id])
    root.set("creationDateTime", format_datetime(data.info.created_at))
    root.set("modifiedDateTime", format_datetime(data.info.updated_at))
    external = options.media == "external"
    if external and data.folder is not None:
        root.set("basePath", xml_text(redact(data.folder.as_posix())))

    notes, memos, about = _notes(data, users, redact)
    if data.coders:
        holder = ET.SubElement(root, "Users")
        for coder in data.coders:
            ET.SubElement(holder, "User", guid=users[coder.id], name=xml_text(redact(coder.name)))
    if data.themes:
        codes = ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes")
        code_elements(codes, data.themes, redact, {k: v for (kind, k), v in about.items() if kind == "theme"})
    variables = Variables(data.participants, format_guid(data.info.guid))
    _append(root, variables.element(redact))
    _append(root, cases_element(data.participants, variables, _case_sources(data), redact))

    writer = SourceWriter(redact, users, memos, about, out)
    by_source: dict[tuple[str, int | None], list[CodingRow]] = defaultdict(list)
    for coding in data.codings:
        if coding.recording_id is not None:
            by_source[("recording", coding.recording_id)].append(coding)
        else:
            by_source[("document", coding.document_id)].append(coding)
    if data.recordings or data.documents:
        sources = ET.SubElement(root, "Sources")
        for rec in data.recordings:
            media = (lambda r: writer.external_media(r, data.folder)) if external else writer.internal_media
            writer.recording(sources, rec, by_source[("recording", rec.id)], media)
        for document in data.documents:
            writer.document(sources, document, by_source[("document", document.id)])
    _append(root, notes)
    if data.info.description.strip():
        ET.SubElement(root, "Description").text = xml_text(redact(data.info.description))
    for guid in about.get(("project", 0), ()):
        ET.SubElement(root, "NoteRef", targetGUID=guid)
    ET.indent(root, space="  ")
    return root, writer


def _append(parent: ET.Element, child: ET.Element | None) -> None:
    if child is not None:
        parent.append(child)


def _notes(
    data: ProjectData, users: dict[int, str], redact: Redact
) -> tuple[ET.Element | None, dict[str, str], dict[tuple[str, int], list[str]]]:
    """``Notes``; per coding GUID the GUID of its memo's note; per (kind, id) the GUIDs of the notes about it
    (kind "project" with id 0, "recording", "document" or "theme")."""
    root = ET.Element("Notes")
    memos: dict[str, str] = {}
    about: dict[tuple[str, int], list[str]] = defaultdict(list)

    def note(
        guid: str, title: str, text: str, coder_id: int | None, created: dt.datetime, modified: dt.datetime
    ) -> None:
        text = redact(text)
        element = ET.SubElement(root, "Note", guid=guid, name=xml_text(short(redact(title) or text, 80)))
        if coder_id is not None and coder_id in users:
            element.set("creatingUser", users[coder_id])
        element.set("creationDateTime", format_datetime(created))
        element.set("modifiedDateTime", format_datetime(modified))
        ET.SubElement(element, "PlainTextContent").text = xml_text(text)

    for n in data.notes:
        guid = format_guid(n.guid)
        note(guid, n.title, n.text, n.coder_id, n.created_at, n.updated_at)
        if n.recording_id is not None:
            about[("recording", n.recording_id)].append(guid)
        elif n.document_id is not None:
            about[("document", n.document_id)].append(guid)
        elif n.theme_id is not None:
            about[("theme", n.theme_id)].append(guid)
        else:
            about[("project", 0)].append(guid)
    for coding in data.codings:
        if coding.memo.strip():
            guid = memos[coding.guid] = derived_guid(coding.guid, "memo")
            note(guid, "", coding.memo, coding.coder_id, coding.created_at, coding.updated_at)
    return (root if len(root) else None), memos, about


def _case_sources(data: ProjectData) -> dict[int, list[str]]:
    """Per participant id, the GUIDs of the exported recordings and documents about it or with its voice."""
    sources: dict[int, list[str]] = defaultdict(list)
    for rec in data.recordings:
        for participant_id in sorted(rec.participant_ids):
            sources[participant_id].append(format_guid(rec.guid))
    for document in data.documents:
        if document.participant_id is not None:
            sources[document.participant_id].append(format_guid(document.guid))
    return sources
