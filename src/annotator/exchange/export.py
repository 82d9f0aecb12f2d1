"""One door for every export and import: ``annotator export`` / ``annotator import`` and File > Export / Import.

:func:`export` checks the format, makes the pseudonymiser when the options ask for it
(:func:`~annotator.exchange.redact.redactor`), and hands over to the format's module, imported only when it is
needed. :func:`import_files` chooses the importer by each file's extension, after checking every file named, so
that a wrong argument is refused before anything comes in; each file then comes in in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.errors import UserError
from annotator.exchange.options import ExportOptions, ExportResult, ImportSummary, unchanged
from annotator.exchange.redact import redactor

if TYPE_CHECKING:
    from annotator.core.project import Project

# Every export format, with what it writes (the command line's help and the export dialog show these).
FORMATS: dict[str, str] = {
    "csv": "coded passages as a table (UTF-8 with BOM, for Excel)",
    "xlsx": "coded passages in Excel: a summary sheet and a sheet per theme",
    "docx": "a findings report in Word: per theme its definition and its quotes",
    "txt": "transcripts as plain text",
    "transcript-docx": "transcripts in Word",
    "srt": "transcripts as SubRip subtitles",
    "vtt": "transcripts as WebVTT subtitles (speaker as a voice tag)",
    "qda-txt": "transcripts as timestamped text for MAXQDA, ATLAS.ti and NVivo",
    "json": "transcripts as JSON (as annotator transcript --json)",
    "clips": "an audio clip per coded passage, named by theme and time",
    "qdpx": "the whole project in REFI-QDA, for NVivo, MAXQDA, ATLAS.ti and QualCoder",
    "qdc": "the codebook in REFI-QDA",
}
TRANSCRIPT_FORMATS = ("txt", "transcript-docx", "srt", "vtt", "qda-txt", "json")
# Formats whose output is shared most widely: the export dialog ticks "pseudonymise" for them from the start.
PSEUDONYMIZE_BY_DEFAULT = frozenset({"docx", "clips"})
MEDIA = ("internal", "external")
# Formats that may write into a folder: clips always; transcripts when there are several (a file each).
FOLDER_FORMATS = frozenset({"clips", *TRANSCRIPT_FORMATS})

PROJECT_SUFFIXES = (".qdpx", ".qdc")
TRANSCRIPT_SUFFIXES = (".srt", ".vtt", ".txt", ".docx")
NOTES_SUFFIXES = (".txt", ".docx", ".md")


def check_format(fmt: str) -> str:
    key = fmt.strip().casefold()
    if key not in FORMATS:
        raise UserError(f"{fmt!r} is not an export format; use one of {', '.join(FORMATS)}")
    return key


def export(project: Project, fmt: str, out: Path | str, options: ExportOptions | None = None) -> ExportResult:
    """Write the project (or the part ``options`` choose) in format ``fmt`` to ``out``: a file, or a folder for
    ``clips`` and for the transcripts of several recordings (one file each)."""
    fmt = check_format(fmt)
    options = options or ExportOptions()
    if options.media not in MEDIA:
        raise UserError(f"{options.media!r} is not a way to export media; use one of {', '.join(MEDIA)}")
    out = Path(out)
    if fmt not in FOLDER_FORMATS and out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name to write")
    redact = redactor(project) if options.pseudonymize else unchanged
    if fmt == "csv":
        from annotator.exchange.passages_out import export_csv

        return export_csv(project, out, options, redact)
    if fmt == "xlsx":
        from annotator.exchange.passages_out import export_xlsx

        return export_xlsx(project, out, options, redact)
    if fmt == "docx":
        from annotator.exchange.report import export_report_docx

        return export_report_docx(project, out, options, redact)
    if fmt in TRANSCRIPT_FORMATS:
        from annotator.exchange.transcripts import export_transcripts

        return export_transcripts(project, fmt, out, options, redact)
    if fmt == "clips":
        from annotator.exchange.clips import export_clips

        return export_clips(project, out, options, redact)
    if fmt == "qdpx":
        from annotator.exchange.refi_export import export_qdpx

        return export_qdpx(project, out, options, redact)
    from annotator.exchange.refi_export import export_qdc

    return export_qdc(project, out, options, redact)


def import_files(
    project: Project,
    paths: Sequence[Path | str],
    *,
    recording: str | int | None = None,
    allow_external_media: bool = False,
    on_done: Callable[[ImportSummary], object] | None = None,
) -> list[ImportSummary]:
    """Bring in REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``), and with ``recording`` a transcript for
    it (``.srt``, ``.vtt``, timestamped ``.txt`` or ``.docx``). Every file is checked before the first comes in;
    each comes in in one transaction, and the summaries say what came in and what was left out. ``on_done``
    hears each summary as its file comes in; a file refused half-way is refused whole, and its message says
    which files before it came in and that those after it did not."""
    files = [Path(p) for p in paths]
    if not files:
        raise UserError("name the files to import")
    for path in files:
        _check_import(path, recording)
    transcripts = [path for path in files if path.suffix.casefold() not in PROJECT_SUFFIXES]
    if len(transcripts) > 1:
        raise UserError(
            f"{transcripts[1]}: one transcript at a time for recording {recording} ({transcripts[0]} is the first)"
        )
    recording_id = project.recordings.get(recording).id if transcripts else None
    summaries: list[ImportSummary] = []
    for number, path in enumerate(files):
        try:
            summaries.append(_import_one(project, path, recording_id, allow_external_media))
        except UserError as exc:
            if not summaries:
                raise
            came_in = ", ".join(str(f) for f in files[:number])
            rest = " and the files after it were not imported" if number + 1 < len(files) else ""
            raise UserError(f"{exc} (it was not imported{rest}; {came_in} came in before it)") from exc
        if on_done is not None:
            on_done(summaries[-1])
    return summaries


def _import_one(project: Project, path: Path, recording_id: int | None, allow_external_media: bool) -> ImportSummary:
    """One file, in its own transaction."""
    suffix = path.suffix.casefold()
    if suffix == ".qdpx":
        from annotator.exchange.refi_import import import_qdpx

        return import_qdpx(project, path, allow_external_media=allow_external_media)
    if suffix == ".qdc":
        from annotator.exchange.refi_import import import_qdc

        return import_qdc(project, path)
    from annotator.exchange.transcript_import import import_transcript

    assert recording_id is not None
    return import_transcript(project, recording_id, path)


def _check_import(path: Path, recording: str | int | None) -> None:
    """Refuse a file that is not there, or that this command cannot take (with what to do instead)."""
    if path.is_dir():
        raise UserError(f"{path}: is a folder; name the files to import")
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    suffix = path.suffix.casefold()
    if suffix in PROJECT_SUFFIXES:
        return
    if recording is None:
        if suffix in (".srt", ".vtt"):
            raise UserError(f"{path}: a transcript belongs to a recording; give --recording ID")
        if suffix in NOTES_SUFFIXES:
            raise UserError(
                f"{path}: give --recording ID to import it as a recording's transcript, "
                "or import field notes with: annotator notes PROJECT --add FILE"
            )
    elif suffix in TRANSCRIPT_SUFFIXES:
        return
    elif suffix == ".md":
        raise UserError(
            f"{path}: transcripts are read from {', '.join(TRANSCRIPT_SUFFIXES)}; "
            "import field notes with: annotator notes PROJECT --add FILE"
        )
    known = ", ".join((*PROJECT_SUFFIXES, *TRANSCRIPT_SUFFIXES))
    raise UserError(f"{path}: Annotator imports {known} files, not {suffix or 'files without an extension'}")
