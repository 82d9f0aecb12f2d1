"""An existing transcript for a recording, from SRT, WebVTT, timestamped text or a Word document.

``annotator import PROJECT FILE --recording ID`` calls :func:`import_transcript`. The file is read by its
extension (:mod:`~annotator.exchange.timed_text` says what each reader accepts): ``.srt``, ``.vtt``, ``.txt``
(lines such as ``[00:01:02] Speaker: text``, Annotator's ``qda-txt``, MAXQDA's and f4's ``#00:01:02-3#``) and
``.docx`` (its paragraphs in the same forms; headings are titles, not text).

Each cue becomes a segment with the cue's times and its speaker (a speaker of the recording by that label, made if
new). A cue without an end (timestamped text) runs until the next cue begins; the last one for as long as its
words take to say (600 ms a word, two seconds at least) within the recording. Its words are the whitespace
separated tokens of its text, their times spread evenly over the segment, without a probability: a person wrote
them. The segments are stored as ``edited`` (so that a new transcription will not overwrite them) and the
recording's transcription is marked done, imported from the file.

The import is one transaction: it stores everything or nothing. It is refused, with a message naming the file
and the line, when the recording already has segments, the file is empty or holds no time codes, a cue ends
before it begins, the times go backwards, a speaker's cues overlap (cues of different speakers may: people talk
over each other, and a transcript made channel by channel has them), or a cue begins after the end of the
recording (the file is likely another recording's). A cue that ends after the recording does is cut at its end,
and cues without text are left out; the summary lists both.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.models import Recording, Segment, Speaker
from annotator.core.project import Project
from annotator.core.services.documents import _decode, normal_newlines
from annotator.core.services.person_work import mark_imported
from annotator.core.services.recordings import RecordingService
from annotator.core.services.transcript_rows import add_written_segment
from annotator.core.textdiff import tokens
from annotator.errors import UserError
from annotator.exchange.options import ImportSummary
from annotator.exchange.timed_text import Cue, read_lines, read_srt, read_vtt
from annotator.fileio import read_bounded, shown
from annotator.safezip import DOCX_LIMITS, check_archive
from annotator.timefmt import clock

SUFFIXES = (".srt", ".vtt", ".txt", ".docx")
MS_PER_WORD = 600
MIN_LAST_MS = 2000
MAX_FILE_BYTES = 256 << 20  # a transcript file is read whole: far less than this


def import_transcript(project: Project, recording_ref: str | int, path: Path) -> ImportSummary:
    path = Path(path)
    with project.transaction() as session:
        recording = RecordingService.find(session, recording_ref)
        existing = session.scalar(select(func.count(Segment.id)).where(Segment.recording_id == recording.id))
        if existing:
            raise UserError(
                f"{path}: recording {recording.id} ({recording.title}) already has a transcript ({existing} segments); "
                "a transcript is imported into a recording without one"
            )
        cues, notes = read_cues(path)
        cues, more = checked(cues, recording.duration_ms, str(path))
        name = shown(path.name)  # stored and printed: a name that is not UTF-8 is shown with \xff escapes
        summary = ImportSummary(source=name, skipped=notes + more)
        summary.added = _store(session, recording, cues, name)
        return summary


# -- reading -----------------------------------------------------------------------------------------
def read_cues(path: Path) -> tuple[list[Cue], list[str]]:
    """The cues of a transcript file, and notes on what was left out; a UserError names the file and the problem."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise UserError(f"{path}: old Word documents (.doc) cannot be imported; save it as .docx in Word first")
    if suffix not in SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file without an extension"
        raise UserError(f"{path}: cannot import {kind} as a transcript; use {', '.join(SUFFIXES)}")
    if not path.is_file():
        raise UserError(f"{path}: {'is a folder, not a file' if path.is_dir() else 'no such file'}")
    data = read_bounded(path, MAX_FILE_BYTES, "a transcript")
    if not data.strip():
        raise UserError(f"{path}: the file is empty")
    source = str(path)
    if suffix == ".docx":
        cues, notes = read_lines(_docx_paragraphs(path, data), source, "paragraph")
    else:
        text = normal_newlines(_decode(path, data)).lstrip("\ufeff")
        if suffix == ".srt":
            cues, notes = read_srt(text, source), []
        elif suffix == ".vtt":
            cues, notes = read_vtt(text, source), []
        else:
            cues, notes = read_lines(text.split("\n"), source)
    if not cues:
        raise UserError(
            f"{path}: no time stamps found; a transcript needs times, e.g. lines such as “[00:01:02] Anak: text”"
        )
    return cues, notes


def _docx_paragraphs(path: Path, data: bytes) -> list[str]:
    """The paragraphs of a Word document (line breaks in one become spaces), headings and the title left blank;
    a table's rows with their cells spaced."""
    import docx  # python-docx, only when a .docx is imported
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UserError(f"{path}: not a Word document (a .docx is a zip package; this file is not, or is cut short)")
    check_archive(path, data, DOCX_LIMITS)  # python-docx unpacks every part into memory: no zip bombs
    lines: list[str] = []
    try:
        for block in docx.Document(io.BytesIO(data)).iter_inner_content():
            if isinstance(block, Table):
                lines += [" ".join(dict.fromkeys(c.text.strip() for c in row.cells)).strip() for row in block.rows]
            else:
                style = block.style.name if block.style is not None else ""
                heading = style.startswith(("Heading", "Title"))
                lines.append("" if heading else " ".join(block.text.split("\n")))
    except UserError:
        raise
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds on a damaged package
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc) or type(exc).__name__
        raise UserError(f"{path}: the Word document cannot be read ({reason})") from exc
    return lines


# -- checking ----------------------------------------------------------------------------------------
def checked(cues: list[Cue], duration_ms: int, source: str) -> tuple[list[Cue], list[str]]:
    """The cues with text, each with an end, within the recording; refused where the times make no sense."""
    notes: list[str] = []
    for k, cue in enumerate(cues):
        at = f"{source}: {cue.unit} {cue.line}"
        if k and cue.start_ms < cues[k - 1].start_ms:
            raise UserError(
                f"{at}: begins at {_time(cue.start_ms)}, before the cue above it ({_time(cues[k - 1].start_ms)}): "
                "the times go backwards"
            )
        if cue.end_ms is not None and cue.end_ms < cue.start_ms:
            raise UserError(f"{at}: ends at {_time(cue.end_ms)}, before it begins ({_time(cue.start_ms)})")
        if cue.start_ms >= duration_ms:
            raise UserError(
                f"{at}: begins at {_time(cue.start_ms)}, after the end of the recording ({clock(duration_ms)} long); "
                "is this the transcript of another recording?"
            )
    for k, cue in enumerate(cues):
        if cue.end_ms is None:
            following = cues[k + 1].start_ms if k + 1 < len(cues) else None
            enough = cue.start_ms + max(MIN_LAST_MS, MS_PER_WORD * len(cue.text.split()))
            cue.end_ms = following if following is not None else min(enough, duration_ms)
        if cue.end_ms > duration_ms:
            notes.append(
                f"{cue.unit} {cue.line}: ends at {_time(cue.end_ms)}, after the end of the recording "
                f"({_time(duration_ms)}): cut there"
            )
            cue.end_ms = duration_ms
    previous: dict[str | None, Cue] = {}  # each speaker's last cue
    for cue in cues:
        before = previous.get(cue.speaker)
        if before is not None and before.end_ms is not None and cue.start_ms < before.end_ms:
            whose = f"{cue.speaker}'s" if cue.speaker else "the"
            raise UserError(
                f"{source}: {cue.unit} {cue.line}: begins at {_time(cue.start_ms)}, while {whose} cue of "
                f"{cue.unit} {before.line} runs until {_time(before.end_ms)}: the time codes overlap"
            )
        previous[cue.speaker] = cue
    kept = [cue for cue in cues if cue.text.strip()]
    notes += [f"{cue.unit} {cue.line}: a cue without text: left out" for cue in cues if not cue.text.strip()]
    if not kept:
        raise UserError(f"{source}: the cues hold no text")
    return kept, notes


def _time(ms: int) -> str:
    """``0:01:02.500``: a time to the millisecond, as cues give it."""
    return f"{clock(ms)}.{ms % 1000:03d}"


# -- storing -----------------------------------------------------------------------------------------
def _store(session: Session, recording: Recording, cues: list[Cue], source: str) -> dict[str, int]:
    speakers: dict[str, int] = {}
    words = 0
    for cue in cues:
        speaker_id = None
        if cue.speaker:
            if cue.speaker not in speakers:
                speakers[cue.speaker] = _speaker_id(session, recording.id, cue.speaker)
            speaker_id = speakers[cue.speaker]
        assert cue.end_ms is not None
        add_written_segment(session, recording.id, cue.start_ms, cue.end_ms, cue.text, speaker_id)
        words += len(tokens(cue.text))
    mark_imported(session, recording, source)
    return {"segments": len(cues), "words": words, "speakers": len(speakers)}


def _speaker_id(session: Session, recording_id: int, label: str) -> int:
    speaker = session.scalars(
        select(Speaker).where(Speaker.recording_id == recording_id, Speaker.label == label)
    ).one_or_none()
    if speaker is None:
        speaker = Speaker(recording_id=recording_id, label=label)
        session.add(speaker)
        session.flush()
    return speaker.id
