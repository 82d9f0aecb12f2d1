"""Transcripts out: plain text, Word, SRT, WebVTT, the timestamped text QDA programs import, and JSON.

:func:`export_transcripts` writes the chosen recordings' transcripts (every recording with a transcript when none
is chosen). With one recording ``out`` is the file (or, when ``out`` is a folder, a file in it named by the
recording's title); with several, ``out`` is a folder, made if missing, with one file per recording named by its
title and the format's extension. Every text that leaves (titles, speaker labels, segment text, file names, the
Word document's properties) goes through ``redact``.

The formats (segments without text are left out of all but ``json``):

- ``txt``: ``Speaker: text``, one segment a line, a blank line between speaker turns.
- ``transcript-docx``: the title as a heading, then one paragraph per segment, ``[hh:mm:ss] Speaker: text`` with
  the speaker in bold; the document's title property is the (redacted) title, its author "Annotator".
- ``srt``: numbered cues, ``HH:MM:SS,mmm``, ``Speaker: text``.
- ``vtt``: ``WEBVTT``, cues ``HH:MM:SS.mmm`` with the speaker as a voice tag, ``<v Speaker>text``.
- ``qda-txt``: the speaker on a line of its own, then ``[hh:mm:ss] text``, one segment a line, and a blank line
  before the next turn. This is the "transcript with timestamps" that aTrain writes for MAXQDA, ATLAS.ti and NVivo
  (MAXQDA: Import > Transcripts with timestamps; NVivo: Import transcript rows, one row per timestamp; ATLAS.ti:
  import the text and link the media). ``[hh:mm:ss]`` was chosen over MAXQDA's own ``#hh:mm:ss-x#`` because all
  three read it; whole seconds, as those programs write them. A turn of segments without a speaker has no
  speaker line. :mod:`~annotator.exchange.transcript_import` reads it back.
- ``json``: exactly what ``annotator transcript --json`` prints
  (:meth:`~annotator.core.services.transcript.TranscriptService.as_dict`), its texts redacted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from annotator.core.models import Recording, Segment
from annotator.core.project import Project
from annotator.core.services.recordings import RecordingService
from annotator.core.services.transcript_views import WordView
from annotator.core.textdiff import retime_words
from annotator.errors import UserError
from annotator.exchange.files import atomic_output, make_folder
from annotator.exchange.options import ExportOptions, ExportResult, Redact
from annotator.exchange.timed_text import hms, one_line, srt_time, vtt_time

SUFFIXES = {
    "txt": ".txt",
    "transcript-docx": ".docx",
    "srt": ".srt",
    "vtt": ".vtt",
    "qda-txt": ".txt",
    "json": ".json",
}
FORMATS = tuple(SUFFIXES)

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


# -- file names --------------------------------------------------------------------------------------
def file_name(text: str, fallback: str = "untitled", limit: int = 100) -> str:
    """A name every file system takes (Windows' too): no separators, reserved characters or device names."""
    name = " ".join(_UNSAFE.sub("-", text).split()).strip(" .-")[:limit].rstrip(" .-")
    if not name:
        return fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name


def unique_name(stem: str, suffix: str, taken: set[str]) -> str:
    """``stem + suffix``, or ``stem (2) + suffix`` ... when an earlier file of the same export has that name."""
    name, n = f"{stem}{suffix}", 2
    while name.casefold() in taken:
        name, n = f"{stem} ({n}){suffix}", n + 1
    taken.add(name.casefold())
    return name


# -- the export --------------------------------------------------------------------------------------
def export_transcripts(project: Project, fmt: str, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    if fmt not in SUFFIXES:
        raise UserError(f"{fmt!r} is not a transcript format; use one of {', '.join(FORMATS)}")
    out = Path(out)
    recordings = _chosen(project, options.recordings)
    transcripts = [project.transcripts.as_dict(rid) for rid in recordings]
    suffix = SUFFIXES[fmt]
    if len(transcripts) == 1 and not out.is_dir():
        targets = [out]
    else:
        folder, taken = make_folder(out), set[str]()
        targets = [
            folder / unique_name(file_name(redact(t["recording"]["title"]), "transcript"), suffix, taken)
            for t in transcripts
        ]
    for data, target in zip(transcripts, targets, strict=True):
        with atomic_output(target) as temporary:
            WRITERS[fmt](data, temporary, redact)
    segments = sum(len(t["segments"]) for t in transcripts)
    return ExportResult(paths=targets, counts={"recordings": len(transcripts), "segments": segments})


def _chosen(project: Project, refs: tuple[int, ...]) -> list[int]:
    """The recordings to export: those named (each must have a transcript), else every one that has one."""
    with project.reading() as session:
        counts = dict(
            session.execute(select(Segment.recording_id, func.count(Segment.id)).group_by(Segment.recording_id)).all()
        )
        if not refs:
            ids = [rid for rid in session.scalars(select(Recording.id).order_by(Recording.id)) if counts.get(rid)]
            if not ids:
                raise UserError("no recording in this project has a transcript yet; nothing to export")
            return ids
        chosen = list(dict.fromkeys(RecordingService.find(session, ref) for ref in refs))
        for recording in chosen:
            if not counts.get(recording.id):
                raise UserError(
                    f"recording {recording.id} ({recording.title}) has no transcript yet; nothing to export"
                )
        return [r.id for r in chosen]


def _lines(data: dict[str, Any], redact: Redact) -> list[tuple[dict[str, Any], str | None, str]]:
    """The segments that have text, with their speaker and text redacted and on one line."""
    rows = []
    for segment in data["segments"]:
        text = one_line(redact(segment["text"]))
        if text:
            speaker = one_line(redact(segment["speaker"])) if segment["speaker"] else None
            rows.append((segment, speaker or None, text))
    return rows


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


# -- the formats -------------------------------------------------------------------------------------
def write_txt(data: dict[str, Any], path: Path, redact: Redact) -> None:
    out: list[str] = []
    previous: object = object()
    for _segment, speaker, text in _lines(data, redact):
        if out and speaker != previous:
            out.append("")
        out.append(f"{speaker}: {text}" if speaker else text)
        previous = speaker
    _write_text(path, "\n".join(out) + "\n")


def write_qda_txt(data: dict[str, Any], path: Path, redact: Redact) -> None:
    out: list[str] = []
    previous: object = object()
    for segment, speaker, text in _lines(data, redact):
        if speaker != previous:
            if out:
                out.append("")
            if speaker:
                out.append(speaker)
            previous = speaker
        out.append(f"[{hms(segment['start_ms'])}] {text}")
    _write_text(path, "\n".join(out) + "\n")


def write_srt(data: dict[str, Any], path: Path, redact: Redact) -> None:
    cues = [
        f"{n}\n{srt_time(s['start_ms'])} --> {srt_time(s['end_ms'])}\n{f'{speaker}: ' if speaker else ''}{text}\n"
        for n, (s, speaker, text) in enumerate(_lines(data, redact), 1)
    ]
    _write_text(path, "\n".join(cues))


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_vtt(data: dict[str, Any], path: Path, redact: Redact) -> None:
    out = ["WEBVTT", ""]
    for segment, speaker, text in _lines(data, redact):
        voice = f"<v {_vtt_escape(speaker)}>" if speaker else ""
        out += [f"{vtt_time(segment['start_ms'])} --> {vtt_time(segment['end_ms'])}", voice + _vtt_escape(text), ""]
    _write_text(path, "\n".join(out))


def write_docx(data: dict[str, Any], path: Path, redact: Redact) -> None:
    import docx  # python-docx, only when a Word file is written

    title = one_line(redact(data["recording"]["title"]))
    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "Annotator"
    properties.subject = properties.keywords = properties.comments = properties.category = ""
    document.add_heading(title, level=1)
    for segment, speaker, text in _lines(data, redact):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"[{hms(segment['start_ms'])}] ")
        if speaker:
            paragraph.add_run(speaker).bold = True
            paragraph.add_run(": ")
        paragraph.add_run(text)
    document.save(str(path))


def redacted_json(data: dict[str, Any], redact: Redact) -> dict[str, Any]:
    """The transcript as ``annotator transcript --json`` gives it, every text in it through ``redact``."""

    def deep(value: Any) -> Any:
        if isinstance(value, str):
            return redact(value)
        if isinstance(value, dict):
            return {k: deep(v) for k, v in value.items()}
        if isinstance(value, list):
            return [deep(v) for v in value]
        return value

    recording = {**data["recording"], "title": redact(data["recording"]["title"])}
    recording["transcription"] = deep(recording["transcription"])
    segments = [
        {
            **s,
            "speaker": redact(s["speaker"]) if s["speaker"] else s["speaker"],
            "text": redact(s["text"]),
            "words": _redacted_words(s, redact(s["text"])),
        }
        for s in data["segments"]
    ]
    return {**data, "recording": recording, "segments": segments}


def _redacted_words(segment: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """A segment's words for its redacted ``text``. Redacting word by word would let a name of several words
    through ("Sari" and "Dewi" are each harmless): so when the segment's text changed, its words are those of the
    redacted text, the unchanged ones keeping their times and the codes taking the names' time, as when a
    person edits the text."""
    if text == segment["text"]:
        return segment["words"]  # no listed name in the text: none in its words either
    old = [WordView(w["start_ms"], w["end_ms"], w["text"], None, None, w["probability"]) for w in segment["words"]]
    words = retime_words(old, text, segment["start_ms"], segment["end_ms"])
    return [{"start_ms": w.start_ms, "end_ms": w.end_ms, "text": w.text, "probability": w.probability} for w in words]


def write_json(data: dict[str, Any], path: Path, redact: Redact) -> None:
    # The same dump as the command line's --json (annotator.cli.helpers.print_json).
    text = json.dumps(redacted_json(data, redact), ensure_ascii=False, indent=2, default=str)
    _write_text(path, text + "\n")


WRITERS: dict[str, Callable[[dict[str, Any], Path, Redact], None]] = {
    "txt": write_txt,
    "transcript-docx": write_docx,
    "srt": write_srt,
    "vtt": write_vtt,
    "qda-txt": write_qda_txt,
    "json": write_json,
}
