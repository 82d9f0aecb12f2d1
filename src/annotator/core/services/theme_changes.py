"""Undo for the codebook: snapshots of the theme tree and of the passages an operation moves, and putting them back.

:meth:`~annotator.core.services.themes.ThemeService.apply` runs an operation between two :class:`ThemeSnapshot` s.
A snapshot holds the rows (every column, as dicts) of every theme, a codebook having tens of them, and of the
codings and notes of the themes the operation re-themes or removes: a merge moves the source's passages to the
target (dropping those the target already codes) and removes the source, a delete takes the subtree's passages
with it. Undo and redo put one snapshot's rows back with the same ids and guids (:func:`restore`):

- Only the themes the two snapshots disagree on are written: those missing are inserted (parents first), in
  those changed the columns the change altered are updated, those the target has not are deleted (after the
  updates, as the database cascades a theme's removal to the themes below it and to their codings and notes).
  So a theme made, or a name or colour changed, meanwhile, outside the undo history, stays; a theme whose id has
  since gone to another theme cannot come back.
- Codings and notes are told apart by guid: those in either snapshot are deleted and the target's inserted, so
  passages coded meanwhile on other themes are untouched. A passage put back on a transcript or a document edited
  since is mapped onto the text as it is now, its quote (and times) following; one whose segment, recording or
  document is gone stays gone, as does one left without text or whose theme was deleted meanwhile. A deleted
  coder leaves it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from annotator.core.models import Coder, Coding, Note, Recording, Segment, TextDocument, Theme
from annotator.core.services.snapshots import insert_codings
from annotator.core.services.transcript_rows import place_codings
from annotator.core.textdiff import END, START, TextMap, pick_anchors
from annotator.errors import UserError

THEMES = Theme.__table__
CODINGS = Coding.__table__
NOTES = Note.__table__

Row = dict[str, Any]


@dataclass(frozen=True)
class ThemeSnapshot:
    """Rows of every theme, and of the codings and notes of some themes, with the texts those codings were on."""

    themes: tuple[Row, ...]
    codings: tuple[Row, ...] = ()
    notes: tuple[Row, ...] = ()
    texts: tuple[tuple[int, str], ...] = ()  # (segment id, text) of each segment a coding starts or ends in
    documents: tuple[tuple[int, str], ...] = ()  # (document id, text) of each document a coding is in


@dataclass(frozen=True)
class ThemeChange:
    """One operation on the codebook, undoable: ``undo(change)`` restores ``before``, ``redo(change)`` ``after``.

    ``result`` is what the operation gives, as data: the new theme's id for ``create``, how many themes went for
    ``delete``, the theme's id (the target's for ``merge``) otherwise."""

    op: str
    before: ThemeSnapshot
    after: ThemeSnapshot
    result: Any = None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def theme_ids(self) -> tuple[int, ...]:
        """Every theme the change made, removed or altered, or whose passages it moved (for the panel to redraw)."""
        return differing(self.before, self.after)


def differing(a: ThemeSnapshot, b: ThemeSnapshot) -> tuple[int, ...]:
    ids = _differing_ids(_by(a.themes, "id"), _by(b.themes, "id"))
    ca, cb = _by(a.codings, "guid"), _by(b.codings, "guid")
    for guid in ca.keys() | cb.keys():
        if ca.get(guid) != cb.get(guid):
            ids |= {row["theme_id"] for row in (ca.get(guid), cb.get(guid)) if row is not None}
    return tuple(sorted(ids))


def _by(rows: Iterable[Row], key: str) -> dict[Any, Row]:
    return {row[key]: row for row in rows}


def _differing_ids(a: dict[int, Row], b: dict[int, Row]) -> set[int]:
    return {i for i in a.keys() | b.keys() if a.get(i) != b.get(i)}


def _rows(session: Session, query: Any) -> list[Row]:
    return [dict(r) for r in session.execute(query).mappings()]


# -- taking ----------------------------------------------------------------------------------------
def take(session: Session, theme_ids: Iterable[int] = (), *, like: ThemeSnapshot | None = None) -> ThemeSnapshot:
    """Every theme's row, and those of the codings and notes of ``theme_ids``; with ``like``, also the codings and
    notes of ``like`` that still exist (wherever they went), so that restoring either snapshot over the other is
    exact."""
    session.flush()
    wanted = sorted(set(theme_ids))
    codings, notes = CODINGS.c.theme_id.in_(wanted), NOTES.c.theme_id.in_(wanted)
    if like is not None:
        codings = or_(codings, CODINGS.c.guid.in_([r["guid"] for r in like.codings]))
        notes = or_(notes, NOTES.c.guid.in_([r["guid"] for r in like.notes]))
    coding_rows = _rows(session, select(CODINGS).where(codings).order_by(CODINGS.c.id))
    anchored = {r[k] for r in coding_rows for k in ("start_segment_id", "end_segment_id")} - {None}
    texts = session.execute(select(Segment.id, Segment.text).where(Segment.id.in_(anchored)).order_by(Segment.id))
    documents = session.execute(
        select(TextDocument.id, TextDocument.text)
        .where(TextDocument.id.in_({r["document_id"] for r in coding_rows} - {None}))
        .order_by(TextDocument.id)
    )
    return ThemeSnapshot(
        themes=tuple(_rows(session, select(THEMES).order_by(THEMES.c.id))),
        codings=tuple(coding_rows),
        notes=tuple(_rows(session, select(NOTES).where(notes).order_by(NOTES.c.id))),
        texts=tuple((sid, text) for sid, text in texts),
        documents=tuple((did, text) for did, text in documents),
    )


# -- restoring -------------------------------------------------------------------------------------
def restore(session: Session, target: ThemeSnapshot, current: ThemeSnapshot) -> tuple[int, ...]:
    """Make the rows of ``target`` the truth again where ``current`` (the other snapshot of the change) differs
    from it. Returns the themes of the change that exist now."""
    session.flush()
    _restore_themes(session, target, current)
    _restore_notes(session, target, current)
    _restore_codings(session, target, current)
    ids = differing(target, current)
    return tuple(session.scalars(select(Theme.id).where(Theme.id.in_(ids)).order_by(Theme.id)))


def _restore_themes(session: Session, target: ThemeSnapshot, current: ThemeSnapshot) -> None:
    want, other = _by(target.themes, "id"), _by(current.themes, "id")
    ids = _differing_ids(want, other)
    stored = _by(_rows(session, select(THEMES).where(THEMES.c.id.in_(ids))), "id")
    for i in sorted(ids & want.keys() & stored.keys()):
        if stored[i]["guid"] != want[i]["guid"]:
            raise UserError(
                f"theme {want[i]['name']!r} cannot be brought back: its id {i} now belongs to {stored[i]['name']!r}"
            )
    present = set(session.scalars(select(Theme.id)))
    pending = [want[i] for i in sorted(ids & want.keys() - stored.keys())]
    while pending:  # parents before their children; one whose parent was deleted meanwhile stays gone
        ready = [row for row in pending if row["parent_id"] is None or row["parent_id"] in present]
        if not ready:
            break
        session.execute(insert(THEMES), ready)
        present |= {row["id"] for row in ready}
        pending = [row for row in pending if row["id"] not in present]
    for i in sorted(ids & want.keys() & stored.keys()):
        # The columns the change altered; a theme the other snapshot lacks is written whole.
        values = {k: v for k, v in want[i].items() if i not in other or other[i][k] != v}
        if values.get("parent_id") is not None and values["parent_id"] not in present:
            del values["parent_id"]  # its parent was deleted meanwhile: it stays where it is
        values = {k: v for k, v in values.items() if stored[i][k] != v}
        if values:
            session.execute(update(THEMES).where(THEMES.c.id == i).values(values))
    gone = [i for i in ids - want.keys() if i in stored and stored[i]["guid"] == other[i]["guid"]]
    session.execute(delete(THEMES).where(THEMES.c.id.in_(gone)))
    parents = {row["parent_id"] for rows in (want, other) for i, row in rows.items() if i in ids}
    _renumber(session, parents)


def _renumber(session: Session, parents: set[int | None]) -> None:
    """Positions 0..n-1 among the children of these parents, should changes made meanwhile have left gaps or ties."""
    for parent_id in parents:
        where = THEMES.c.parent_id.is_(None) if parent_id is None else THEMES.c.parent_id == parent_id
        rows = session.execute(
            select(THEMES.c.id, THEMES.c.position).where(where).order_by(THEMES.c.position, THEMES.c.id)
        ).all()
        for index, (theme_id, position) in enumerate(rows):
            if position != index:
                session.execute(update(THEMES).where(THEMES.c.id == theme_id).values(position=index))


def _existing(session: Session, model: Any, ids: Iterable[int | None]) -> set[int]:
    return set(session.scalars(select(model.id).where(model.id.in_({i for i in ids if i is not None}))))


def _without_taken_ids(session: Session, table: Any, rows: list[Row]) -> list[Row]:
    """Rows whose id went meanwhile to another row (SQLite reuses the highest id) come back under a new id."""
    taken = set(session.scalars(select(table.c.id).where(table.c.id.in_([r["id"] for r in rows]))))
    return [{k: v for k, v in r.items() if k != "id"} if r["id"] in taken else r for r in rows]


def _insert(session: Session, table: Any, rows: list[Row]) -> None:
    groups: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    for group in groups.values():
        if table is CODINGS:
            insert_codings(session, group)
        else:
            session.execute(insert(table), group)


def _restore_notes(session: Session, target: ThemeSnapshot, current: ThemeSnapshot) -> None:
    guids = {r["guid"] for r in (*target.notes, *current.notes)}
    session.execute(delete(NOTES).where(NOTES.c.guid.in_(guids)))
    rows = [dict(r) for r in target.notes]
    themes = _existing(session, Theme, (r["theme_id"] for r in rows))
    recordings = _existing(session, Recording, (r["recording_id"] for r in rows))
    documents = _existing(session, TextDocument, (r["document_id"] for r in rows))
    coders = _existing(session, Coder, (r["coder_id"] for r in rows))
    kept = [
        {**r, "coder_id": r["coder_id"] if r["coder_id"] in coders else None}
        for r in rows
        if (r["theme_id"] is None or r["theme_id"] in themes)
        and (r["recording_id"] is None or r["recording_id"] in recordings)
        and (r["document_id"] is None or r["document_id"] in documents)
    ]
    if kept:
        _insert(session, NOTES, _without_taken_ids(session, NOTES, kept))


def _restore_codings(session: Session, target: ThemeSnapshot, current: ThemeSnapshot) -> None:
    guids = {r["guid"] for r in (*target.codings, *current.codings)}
    session.execute(delete(CODINGS).where(CODINGS.c.guid.in_(guids)))
    if not target.codings:
        return
    rows = [dict(r) for r in target.codings]
    ids = {r["document_id"] for r in rows} - {None}
    documents = dict(session.execute(select(TextDocument.id, TextDocument.text).where(TextDocument.id.in_(ids))).all())
    old_documents = dict(target.documents)
    segment_ids = {r[k] for r in rows for k in ("start_segment_id", "end_segment_id")} - {None}
    texts = dict(session.execute(select(Segment.id, Segment.text).where(Segment.id.in_(segment_ids))).all())
    old_texts = dict(target.texts)
    kept, anchors = [], {}
    for row in rows:
        if row["document_id"] is not None:
            if row["document_id"] in documents and _on_document(row, old_documents, documents[row["document_id"]]):
                kept.append(row)
            continue
        sid, eid = row["start_segment_id"], row["end_segment_id"]
        if sid not in texts or eid not in texts:
            continue  # its segment is gone: so is the passage
        starts = _moved(old_texts, texts, sid, row["start_offset"], START)
        ends = _moved(old_texts, texts, eid, row["end_offset"], END)
        row["start_offset"], row["end_offset"] = pick_anchors(starts, ends, sid == eid)
        anchors[row["guid"]] = (sid, row["start_offset"], eid, row["end_offset"])
        kept.append(row)
    _insert(session, CODINGS, _without_taken_ids(session, CODINGS, kept))
    # Every passage put back is laid on the text as it is now: the quote and times follow a transcript edited
    # since, and a passage left without text goes.
    placed = session.execute(
        select(CODINGS.c.guid, CODINGS.c.id, CODINGS.c.recording_id).where(CODINGS.c.guid.in_(list(anchors)))
    ).all()
    by_recording: dict[int, dict[int, tuple[int, int, int, int]]] = defaultdict(dict)
    for guid, coding_id, recording_id in placed:
        by_recording[recording_id][coding_id] = anchors[guid]
    for recording_id, moved in by_recording.items():
        place_codings(session, recording_id, moved)


def _moved(old_texts: dict[int, str], texts: dict[int, str], sid: int, offset: int, side: str) -> tuple[int, ...]:
    """Where an anchor taken on ``old_texts`` lands in the segment's text now (it stays where it was unedited)."""
    old, new = old_texts.get(sid, texts[sid]), texts[sid]
    return (offset,) if old == new else TextMap(old, new).candidates(offset, side)


def _on_document(row: Row, old_texts: dict[int, str], text: str) -> bool:
    """Move a document passage onto its document's text, edited since the snapshot (the rules of
    :mod:`~annotator.core.services.documents`: it begins and ends on text, its quote is what it covers); False if
    it is left without text."""
    old = old_texts.get(row["document_id"], text)
    if old == text:
        return True
    text_map = TextMap(old, text)
    starts, ends = text_map.candidates(row["start_offset"], START), text_map.candidates(row["end_offset"], END)
    start, end = pick_anchors(starts, ends, True)
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end = start + len(text[start:end].rstrip())
    row.update(start_offset=start, end_offset=end, quote=text[start:end])
    return start < end
