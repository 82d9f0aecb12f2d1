"""The list of recordings, with their media checked, in plain Python: no SQLAlchemy, so that ``annotator list`` can
answer quickly.

:class:`~annotator.core.services.recordings.RecordingService` lists through :data:`SUMMARY_SQL` and
:func:`media_state` too (one query, one media check). :func:`quick_summaries` reads a project file directly with
sqlite3, for a project at the current schema whose media all pass the cheap check (size, modification time, quick
hash); anything else (an older schema, typing to recover, a file whose whole sha256 must decide) returns None, and
the caller opens the project the usual way.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from annotator.core.revisions import head_revision
from annotator.fileio import is_text_name
from annotator.media.probe import quick_hash

MediaStatus = Literal["ok", "missing", "changed"]
LOCATE_HINT = "annotator locate PROJECT FOLDER"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class RecordingSummary:
    id: int
    guid: str
    title: str
    duration_ms: int
    segments: int
    verified_pct: float
    codings: int
    media_ok: bool  # media_status == "ok"
    media_path: str
    participant: str | None
    role: str | None
    language: str | None
    transcription: str = "none"  # none | running | done | cancelled | failed
    media_status: MediaStatus = "ok"  # ok | missing | changed (another file of the name: not this recording's)


@dataclass(frozen=True)
class MediaState:
    """Whether a recording's media file is there and is still the file that was added.

    ``path`` is where the file is (ok), or the file at the recording's place whose content is not the
    recording's (changed); None when no file is there (missing). ``message`` says what is wrong, in one line
    that names the recording and the file ("" when ok)."""

    status: MediaStatus
    path: Path | None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class MediaRecord(Protocol):
    """What the media check reads of a recording (a Recording row, or a :class:`ListedRecording`)."""

    id: int
    title: str
    media_relpath: str | None
    media_abspath: str
    sha256: str
    size_bytes: int
    media_mtime_ns: int | None
    media_quick_hash: str | None


@dataclass(frozen=True)
class ListedRecording:
    id: int
    guid: str
    title: str
    duration_ms: int
    media_relpath: str | None
    media_abspath: str
    sha256: str
    size_bytes: int
    media_mtime_ns: int | None
    media_quick_hash: str | None
    language: str | None
    transcription: dict[str, Any]


# One row per recording: the recording, its participant, and counts of its segments, speech and codings.
SUMMARY_SQL = """
SELECT r.id, r.guid, r.title, r.duration_ms, r.media_relpath, r.media_abspath, r.sha256, r.size_bytes,
       r.media_mtime_ns, r.media_quick_hash, r.language, r.transcription, p.code, p.role,
       COALESCE(s.n, 0), COALESCE(s.total, 0), COALESCE(s.verified, 0), COALESCE(c.n, 0)
FROM recordings AS r
LEFT OUTER JOIN participants AS p ON p.id = r.participant_id
LEFT OUTER JOIN (
    SELECT recording_id AS rid, count(id) AS n, sum(end_ms - start_ms) AS total,
           sum(CASE WHEN status = 'verified' THEN end_ms - start_ms ELSE 0 END) AS verified
    FROM segments GROUP BY recording_id
) AS s ON s.rid = r.id
LEFT OUTER JOIN (
    SELECT recording_id AS rid, count(id) AS n FROM codings WHERE recording_id IS NOT NULL GROUP BY recording_id
) AS c ON c.rid = r.id
ORDER BY r.id
"""


def listed(row: tuple) -> tuple[ListedRecording, str | None, str | None, int, int, int, int]:
    """A row of :data:`SUMMARY_SQL`: the recording, its participant's code and role, and its counts."""
    transcription = row[11]
    if isinstance(transcription, str):  # SQLite keeps JSON as text
        transcription = json.loads(transcription or "{}")
    recording = ListedRecording(*row[:11], transcription=transcription or {})
    return (recording, row[12], row[13], *row[14:18])


def summary(row: tuple, media: Callable[[ListedRecording], MediaState]) -> RecordingSummary:
    recording, code, role, segments, total, verified, codings = listed(row)
    state = media(recording)
    return RecordingSummary(
        id=recording.id,
        guid=recording.guid,
        title=recording.title,
        duration_ms=recording.duration_ms,
        segments=segments,
        verified_pct=round(100.0 * verified / total, 1) if total else 0.0,
        codings=codings,
        media_ok=state.ok,
        media_path=str(state.path or recording.media_abspath),
        participant=code,
        role=role,
        language=recording.language,
        transcription=recording.transcription.get("status", "none"),
        media_status=state.status,
    )


# -- the media check ---------------------------------------------------------------------------------------
def candidates(recording: MediaRecord, folder: Path | None) -> list[Path]:
    """Where the recording's media file may be: beside the project (the relative path), then where it was."""
    found = []
    if recording.media_relpath and folder is not None:
        found.append(folder / recording.media_relpath)
    absolute = Path(recording.media_abspath)
    if not found or os.path.normpath(found[0].absolute()) != os.path.normpath(absolute):
        found.append(absolute)
    return found


def cheap_match(recording: MediaRecord, path: Path, mtime_ns: int) -> bool:
    """The file of the recording's size has the time and quick hash stored when its sha256 last matched."""
    return recording.media_mtime_ns == mtime_ns and recording.media_quick_hash == quick_hash(path)


def media_state(
    recording: MediaRecord, folder: Path | None, same_content: Callable[[MediaRecord, Path, int], bool]
) -> MediaState:
    """Find the recording's media file and check that it is still the file that was added: the size, then
    ``same_content`` (the time and quick hash, and where they differ the whole sha256)."""
    name = f"recording {recording.id} ({recording.title})"
    changed: tuple[Path, str] | None = None
    unreadable: tuple[Path, OSError] | None = None
    for candidate in candidates(recording, folder):
        try:
            info = candidate.stat()
            if not stat.S_ISREG(info.st_mode):
                continue
            if info.st_size != recording.size_bytes:
                why = f"its size is now {info.st_size:,} bytes, not {recording.size_bytes:,}"
            elif same_content(recording, candidate, info.st_mtime_ns):
                return MediaState("ok", candidate.resolve())
            else:
                why = "its content differs"
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:  # there, but it cannot be read (permissions, a failing disk)
            unreadable = unreadable or (candidate, exc)
            continue
        changed = changed or (candidate, why)
    if changed is not None:
        path, why = changed
        path = Path(os.path.normpath(path.absolute()))
        return MediaState(
            "changed",
            path,
            f"{name}: the media file {path} has changed since it was added ({why}); "
            f"find the original with: {LOCATE_HINT}",
        )
    if unreadable is not None:
        path, exc = unreadable
        path = Path(os.path.normpath(path.absolute()))
        reason = exc.strerror or str(exc)
        return MediaState("missing", None, f"{name}: the media file {path} cannot be read ({reason})")
    return MediaState(
        "missing",
        None,
        f"{name}: media file not found at {recording.media_abspath}; find it with: {LOCATE_HINT}",
    )


# -- the quick way --------------------------------------------------------------------------------------------
class _NeedsProject(Exception):
    """Something only the full open can do (a whole sha256 to take and store)."""


def quick_summaries(path: Path) -> list[RecordingSummary] | None:
    """The recordings of a project file at the current schema, read with sqlite3 alone; None when the project must
    be opened the usual way (it is not such a file, needs an upgrade or a recovery, or a media file's whole sha256
    must decide)."""
    try:
        if not is_text_name(path) or not path.is_file() or not os.access(path, os.R_OK | os.W_OK):
            return None
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except (OSError, sqlite3.Error):
        return None
    try:
        if connection.execute("SELECT version_num FROM alembic_version").fetchall() != [(head_revision(),)]:
            return None
        if connection.execute("SELECT EXISTS (SELECT 1 FROM typing_journal)").fetchone() != (0,):
            return None
        rows = connection.execute(SUMMARY_SQL).fetchall()
    except sqlite3.Error:
        return None
    finally:
        connection.close()

    def cheap_only(recording: MediaRecord, candidate: Path, mtime_ns: int) -> bool:
        if cheap_match(recording, candidate, mtime_ns):
            return True
        raise _NeedsProject

    try:
        return [summary(row, lambda r: media_state(r, path.parent, cheap_only)) for row in rows]
    except _NeedsProject:
        return None
