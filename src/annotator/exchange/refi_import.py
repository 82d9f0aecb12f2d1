"""Importing REFI-QDA: whole projects (.qdpx) from NVivo, MAXQDA, ATLAS.ti, QualCoder or Annotator, and codebooks
(.qdc), into the open project.

:func:`import_qdpx` reads the archive (:mod:`~annotator.exchange.safezip`, the allow-list of
:mod:`~annotator.exchange.refi_import_archive`), parses its project with defusedxml
(:mod:`~annotator.exchange.refi_read`) and stores it in one transaction: users as coders, codes as themes, cases
as participants, text sources as documents, audio and video sources as recordings with their transcripts, coded
selections as passages, notes as memos and notes (:mod:`~annotator.exchange.refi_import_store`,
:mod:`~annotator.exchange.refi_import_media`). A file refused half-way leaves the project as it was (media files
already copied are removed again). What cannot be imported is skipped, one line each in the
:class:`~annotator.exchange.options.ImportSummary`: sources Annotator has no place for (PDF, pictures), sets,
graphs, links, and items that refer to something the file does not have. A file is refused, with a message
naming it and the problem, when it is not a REFI-QDA project, not safe to read, or unusable as a whole (two codes
with one GUID; codings none of which refers to a code there is).

:func:`import_qdc` adds a codebook's codes as themes (Codebook.xsd; sets are skipped).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import UserError
from annotator.exchange.options import ImportSummary
from annotator.exchange.refi_import_archive import MAX_XML_BYTES, Archive
from annotator.exchange.refi_import_media import MediaFiles, media_folder, recording
from annotator.exchange.refi_import_store import Store
from annotator.exchange.refi_read import Code, ProjectFile, parse, read_codebook, read_project
from annotator.fileio import shown
from annotator.safezip import SafeZip

if TYPE_CHECKING:
    from annotator.core.project import Project

__all__ = ["import_qdc", "import_qdpx"]


def import_qdpx(project: Project, path: Path, *, allow_external_media: bool = False) -> ImportSummary:
    """Import a REFI-QDA project archive into ``project`` (see the module's rules); returns what came in and what
    was skipped. Media outside the archive are used only with ``allow_external_media``."""
    path = Path(path)
    summary = ImportSummary(shown(path))
    with SafeZip(path) as zipped:
        archive = Archive(zipped, path, allow_external_media)
        where = f"{path} ({archive.qde})"
        data = read_project(parse(archive.project_xml(), where, "Project"), where)
        archive.base_path = data.base_path
        _check(data, path)
        summary.skipped += data.unsupported
        if archive.ignored:
            listed = ", ".join(archive.ignored[:5]) + (
                f" and {len(archive.ignored) - 5} more" if len(archive.ignored) > 5 else ""
            )
            summary.skipped.append(f"{len(archive.ignored)} file(s) not part of a REFI-QDA project, not read: {listed}")
        files = MediaFiles(media_folder(project.path, path))
        try:
            with project.transaction() as session:
                store = Store(project, session, summary, archive)
                _store(store, data, files, path)
        except BaseException:
            files.remove()
            raise
    return summary


def import_qdc(project: Project, path: Path) -> ImportSummary:
    """Add a REFI-QDA codebook's codes to ``project`` as themes (a code the project has, by GUID, is kept)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise UserError(f"{path}: is a folder, not a codebook file")
        size = path.stat().st_size
        if size > MAX_XML_BYTES:
            raise UserError(f"{path}: is {size // (1 << 20)} MB, too large for a codebook")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data:
        raise UserError(f"{path}: the file is empty (0 bytes)")
    codes, sets = read_codebook(parse(data, str(path), "CodeBook"), str(path))
    _unique(codes, path)
    summary = ImportSummary(shown(path))
    if sets:
        summary.skipped.append(f"{sets} set(s) of codes: Annotator has no sets")
    with project.transaction() as session:
        store = Store(project, session, summary, None)
        store.codes(codes)
        store.finish()
    return summary


# -- the steps -------------------------------------------------------------------------------------------------
def _unique(codes: Iterable[Code], path: Path) -> None:
    seen: dict[str, str] = {}
    for code in (c for root in codes for c in root.walk()):
        if code.guid in seen:
            raise UserError(
                f"{path}: the codes {seen[code.guid]!r} and {code.name!r} have the same GUID ({code.guid}); "
                "the file is inconsistent and is not imported"
            )
        seen[code.guid] = code.name


def _check(data: ProjectFile, path: Path) -> None:
    """Refuse a file that is unusable as a whole (before anything is stored)."""
    _unique(data.codes, path)


def _codings(data: ProjectFile) -> list[str | None]:
    """The code every coding of the file refers to (None: none)."""
    refs = []
    for source in data.sources:
        selections = [*source.selections, *(s for t in source.transcripts for s in t.selections)]
        refs += [c.code for s in selections for c in s.codings] + [c.code for c in source.codings]
    return refs


def _store(store: Store, data: ProjectFile, files: MediaFiles, path: Path) -> None:
    refs = _codings(data)
    codes = {c.guid for root in data.codes for c in root.walk()} | set(store.known_themes())
    if refs and not any(ref in codes for ref in refs):
        raise UserError(
            f"{path}: none of its {len(refs)} codings refers to a code of the file or of this project "
            f"(the first refers to {refs[0] or 'nothing'}); the file is inconsistent and is not imported"
        )
    store.notes = dict(data.notes)
    for guid in data.project_notes:
        store.about.setdefault(guid, ("project", 0))
    store.users(data.users)
    store.codes(data.codes)
    store.cases(data.cases)
    for source in data.sources:
        if source.kind == "text":
            store.document(source)
        else:
            recording(store, source, files)
    store.link_cases(data.cases)
    store.free_notes(data.project_notes)
    store.finish()
