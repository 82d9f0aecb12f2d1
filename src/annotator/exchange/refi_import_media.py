"""Audio and video sources of a REFI-QDA project: their media become recordings, their transcripts segments, and
their coded selections passages.

Media packed in the archive are copied next to the project file, into ``<project>-media/`` (named after the
source, never over another file), and added as a recording like any other media file (probed, hashed); media the
project has already (the same content) are not copied again. Media outside the archive are used where they are,
and only when the user allows it (:class:`~annotator.exchange.refi_import_archive.Archive`). Files copied by an
import that then fails are removed again (:class:`MediaFiles`).

The first transcript of a source becomes the recording's segments (:mod:`~annotator.exchange.refi_import_transcript`),
unless the recording has a transcript already: then the passages are anchored on it when its texts are the same,
and left out when not. A ``TranscriptSelection`` is anchored from its first sync point to its last, and takes their
times; an ``AudioSelection``/``VideoSelection`` (time only) is anchored on the words spoken in its time.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sqlalchemy import select

from annotator.core.models import Recording, Segment
from annotator.core.services.person_work import mark_imported
from annotator.core.services.recordings import media_columns
from annotator.core.services.transcript import TranscriptService
from annotator.core.services.transcript_rows import add_written_segment, passage
from annotator.errors import MediaError
from annotator.exchange.refi_common import INTERNAL
from annotator.exchange.refi_import_archive import Skip
from annotator.exchange.refi_import_store import Store, shown
from annotator.exchange.refi_import_transcript import PlannedSegment, locate, plan, quote
from annotator.exchange.refi_offsets import SourceText, Span, detect, names_are_quotes, same_quote
from annotator.exchange.refi_read import Selection, Source, Transcript
from annotator.fileio import make_temporary, private_folder, reason
from annotator.media.probe import probe, sha256_file

_UNSAFE = re.compile(r"[^\w\-. ()\[\]]+")


class MediaFiles:
    """The folder media are copied into, and the files an import has put there (removed if it fails)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created: list[Path] = []
        self.made_folder = False

    def copy(self, store: Store, entry: str, name: str) -> tuple[Path, str, bool]:
        """Copy an archive entry into the folder: (its path, its sha256, whether this import made the file)."""
        assert store.archive is not None
        if not self.folder.exists():
            try:
                private_folder(self.folder)
            except OSError as exc:
                raise Skip(f"the folder {self.folder} for its media cannot be made ({reason(exc)})") from exc
            self.made_folder = True
        suffix = Path(entry).suffix.lower()
        digest = hashlib.sha256()
        try:  # a private temporary, named so that one left by a killed import is cleared away by the next
            temporary = make_temporary(self.folder, f"import{suffix}")
            self.created.append(temporary)
            with temporary.open("wb") as out:
                store.archive.zip.extract(entry, out, digest.update)
        except OSError as exc:
            raise Skip(f"its media cannot be copied to {self.folder} ({reason(exc)})") from exc
        sha = digest.hexdigest()
        stem = _UNSAFE.sub("_", Path(name).stem if Path(name).suffix.lower() == suffix else name).strip(" ._")
        stem = (stem or Path(entry).stem)[:100]
        for n in range(1, 1000):
            target = self.folder / (f"{stem}{suffix}" if n == 1 else f"{stem} ({n}){suffix}")
            if not target.exists():
                os.replace(temporary, target)
                self.created[-1] = target
                return target, sha, True
            if target.stat().st_size == temporary.stat().st_size and sha256_file(target) == sha:
                self.discard(temporary)
                return target, sha, False
        raise Skip(f"there is no free file name for its media in {self.folder}")

    def discard(self, path: Path) -> None:
        if path in self.created:
            self.created.remove(path)
            path.unlink(missing_ok=True)

    def remove(self) -> None:
        """Undo: remove every file this import made, and the folder if it made it and nothing else is there."""
        for path in self.created:
            path.unlink(missing_ok=True)
        self.created.clear()
        if self.made_folder:
            try:
                self.folder.rmdir()
            except OSError:
                pass


def media_folder(project_path: Path | None, qdpx: Path) -> Path:
    """Where packed media go: ``<project>-media/`` beside the project file (beside the .qdpx for a project kept in
    a database server)."""
    if project_path is not None:
        return project_path.parent / f"{project_path.stem}-media"
    return qdpx.absolute().parent / f"{qdpx.stem}-media"


# -- recordings ------------------------------------------------------------------------------------------------
def recording(store: Store, source: Source, files: MediaFiles) -> None:
    what = f"{source.kind} source {shown(source.name, source.guid)}"
    session = store.session
    rid = session.scalar(select(Recording.id).where(Recording.guid == source.guid))
    if rid is None:
        try:
            rid = _new_recording(store, source, files)
        except Skip as skip:
            store.skip(what, str(skip))
            return
    store.sources[source.guid] = ("recording", rid)
    for note in source.notes:
        store.about.setdefault(note, ("recording", rid))
    store.whole_source(source, what)
    for extra in source.transcripts[1:]:
        store.skip(f"transcript {shown(extra.name, extra.guid)} of {what}", "only the first transcript is kept")
    segments: list[PlannedSegment] = []
    ids: list[int] = []
    if source.transcripts:
        segments, ids = _transcript(store, source.transcripts[0], rid, what)
    for selection in source.selections:
        _time_selection(store, selection, rid, segments, ids, f"selection {selection.guid} of {what}")


def _new_recording(store: Store, source: Source, files: MediaFiles) -> int:
    assert store.archive is not None
    ref = (source.path or source.current_path or "").strip()
    if not ref:
        raise Skip("it names no media file")
    made = False
    if ref.startswith(INTERNAL):
        path, sha, made = files.copy(store, store.archive.entry(ref), source.name or source.guid)
    else:
        try:
            path = store.archive.outside(ref)
        except Skip:
            if not source.current_path or source.current_path == ref or not store.archive.allow_external:
                raise
            path = store.archive.outside(source.current_path)
        sha = sha256_file(path)
    session = store.session
    existing = session.scalar(select(Recording.id).where(Recording.sha256 == sha))
    if existing is not None:
        if made:
            files.discard(path)
        return existing
    try:
        info = probe(path)
    except MediaError as exc:
        if made:
            files.discard(path)
        raise Skip(str(exc)) from exc
    row = Recording(
        guid=source.guid,
        title=" ".join(source.name.split())[:300] or info.path.stem,
        **media_columns(info, sha, store.project.folder),
    )
    session.add(row)
    session.flush()
    store.added["recordings"] += 1
    return row.id


# -- transcripts -----------------------------------------------------------------------------------------------
def _transcript(store: Store, transcript: Transcript, rid: int, what: str) -> tuple[list[PlannedSegment], list[int]]:
    where = f"transcript {shown(transcript.name, transcript.guid)} of {what}"
    assert store.archive is not None
    try:
        text = SourceText(store.archive.text(transcript.text))
    except Skip as skip:
        store.skip(where, str(skip))
        return [], []
    duration = store.session.get_one(Recording, rid).duration_ms
    points = {p.guid: p for p in transcript.sync_points}
    unsplit = plan(text.text, [], duration)
    chosen: list[tuple[Selection, Span]] = []
    for selection in transcript.selections:
        first, last = points.get(selection.start or ""), points.get(selection.end or "")
        if first is None or last is None:
            missing = selection.start if first is None else selection.end
            store.broken(
                f"selection {selection.guid} of {where}", f"it refers to sync point {missing}, which is not there"
            )
        elif first.position is None or last.position is None:
            store.skip(f"selection {selection.guid} of {where}", "its sync points have no position")
        elif first.time_ms is not None and last.time_ms is not None and last.time_ms < first.time_ms:
            # Speakers may overlap in time (a channel each), but a passage cannot end before it begins.
            store.broken(
                f"selection {selection.guid} of {where}",
                f"it ends at {last.time_ms} ms, before it begins at {first.time_ms} ms "
                "(its sync points go back in time)",
            )
        else:
            chosen.append((selection, Span(first.position, last.position, selection.name)))
    spans = [span for _, span in chosen]
    mode = detect(text, spans, lambda a, b: quote(unsplit, a, b))
    check = names_are_quotes(text, spans, mode, lambda a, b: quote(unsplit, a, b))
    timed = [(text.index(p.position, mode), p.time_ms) for p in transcript.sync_points if p.position is not None]
    segments = plan(text.text, [(i, ms) for i, ms in timed if i is not None and ms is not None], duration)
    ids = _segment_ids(store, rid, segments, where)
    if ids is None:
        return [], []
    for selection, span in chosen:
        place = f"selection {selection.guid} of {where}"
        found = text.span(span.start, span.end, mode)
        start = locate(segments, found[0], True) if found else None
        end = locate(segments, found[1], False) if found else None
        if found is None or start is None or end is None:
            store.skip(place, f"its sync points ({span.start}, {span.end}) are not on the transcript's text")
            continue
        if check and selection.name.strip() and not same_quote(selection.name, quote(segments, *found)):
            store.skip(place, f"its text differs from its quote {selection.name!r}")
            continue
        values = passage(store.session, rid, ids[start[0]], start[1], ids[end[0]], end[1])
        if values is None:
            store.skip(place, "it covers no text")
            continue
        times = points[selection.start or ""].time_ms, points[selection.end or ""].time_ms
        if times[0] is not None and times[1] is not None and times[0] <= times[1]:
            values["start_ms"], values["end_ms"] = times
        store.code({"recording_id": rid, "document_id": None, **values}, selection, place)
    return segments, ids


def _segment_ids(store: Store, rid: int, segments: list[PlannedSegment], where: str) -> list[int] | None:
    """The ids of the segments, stored now, or those of the recording's transcript when it has the same texts."""
    session = store.session
    stored = session.execute(
        select(Segment.id, Segment.text).where(Segment.recording_id == rid).order_by(Segment.start_ms, Segment.id)
    ).all()
    if stored:
        if [text for _, text in stored] == [s.text for s in segments]:
            return [sid for sid, _ in stored]
        store.skip(where, "the recording has another transcript in this project; the file's passages are left out")
        return None
    ids = []
    for planned in segments:
        speaker = TranscriptService._speaker_id(session, rid, planned.speaker, None) if planned.speaker else None
        ids.append(
            add_written_segment(session, rid, planned.start_ms, planned.end_ms, planned.text, speaker, planned.words)
        )
    recording = session.get(Recording, rid)
    if recording is not None and ids:
        mark_imported(session, recording, "REFI-QDA project")
    session.flush()
    store.added["segments"] += len(ids)
    return ids


def _time_selection(
    store: Store, selection: Selection, rid: int, segments: list[PlannedSegment], ids: list[int], place: str
) -> None:
    """A stretch of time (ms) coded: anchored on the words spoken in it."""
    try:
        begin, end = int(selection.start or ""), int(selection.end or "")
    except ValueError:
        store.skip(place, "its begin or end is not a number")
        return
    inside = [(i, w) for i, s in enumerate(segments) for w in s.words if w.end_ms > begin and w.start_ms < end]
    if not inside or not ids:
        store.skip(place, f"no transcript text is spoken from {begin} to {end} ms (Annotator codes transcript text)")
        return
    (si, first), (ei, last) = inside[0], inside[-1]
    values = passage(store.session, rid, ids[si], first.char_start, ids[ei], last.char_end)
    if values is None:
        store.skip(place, "it covers no text")
        return
    values["start_ms"], values["end_ms"] = begin, max(begin, end)
    store.code({"recording_id": rid, "document_id": None, **values}, selection, place)
