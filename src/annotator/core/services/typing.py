"""Typing kept the moment it is typed: a crash or a power cut loses at most the last key.

Making an edit of typed text (new word times, codings carried over, an undo step) takes tens of milliseconds on a
densely coded transcript: too slow for every key. So the editor keeps what is typed here at once, a small write
per key or two (:meth:`TypingService.keep`), and makes the edit after a pause in typing, as before; the edit drops
the kept text (:func:`forget`). Text kept by a writer that has died (a crash, ``kill -9``) is made an edit the next
time the project is opened (:meth:`TypingService.recover`), through the same editing operations, so the words keep
their times and the passages their words.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from annotator.core import db, locks
from annotator.core.models import TypingEntry, utcnow
from annotator.core.services.base import Service
from annotator.errors import UserError


@dataclass(frozen=True)
class Recovered:
    segment_id: int | None
    document_id: int | None
    text: str


def forget(session: Session, *, segment_id: int | None = None, document_id: int | None = None) -> None:
    """The typed text has been made an edit (or is no longer wanted): drop what was kept of it."""
    if segment_id is not None:
        session.execute(delete(TypingEntry).where(TypingEntry.segment_id == segment_id))
    if document_id is not None:
        session.execute(delete(TypingEntry).where(TypingEntry.document_id == document_id))


class TypingService(Service):
    def keep(self, text: str, *, segment_id: int | None = None, document_id: int | None = None) -> None:
        """Keep the whole text as typed so far into a segment (or field notes), in one small write."""
        if (segment_id is None) == (document_id is None):
            raise ValueError("keep typing for one segment or one document")
        key = "segment_id" if segment_id is not None else "document_id"
        values = {
            key: segment_id if segment_id is not None else document_id,
            "text": text,
            "written_at": utcnow(),
            **locks.this_process(),
        }
        with self.transaction() as session:
            if session.get_bind().dialect.name == "sqlite":
                statement = sqlite_insert(TypingEntry).values(**values)
                session.execute(statement.on_conflict_do_update(index_elements=[key], set_=values))
            else:  # pragma: no cover - another engine: two statements in the one transaction
                session.execute(delete(TypingEntry).where(getattr(TypingEntry, key) == values[key]))
                session.add(TypingEntry(**values))

    def pending(self) -> list[Recovered]:
        """Text kept and not yet made an edit, of every writer."""
        with self.reading() as session:
            return [
                Recovered(row.segment_id, row.document_id, row.text)
                for row in session.scalars(select(TypingEntry).order_by(TypingEntry.id))
            ]

    def recover(self) -> list[Recovered]:
        """Make edits of the text kept by writers that have died; returns what was recovered. Text a live writer
        is typing is left to it."""
        with db.reader(self.project.engine).connect() as connection:  # the common case, nothing kept: no ORM work
            if connection.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM typing_journal)").scalar() == 0:
                return []
        with self.reading() as session:
            rows = [
                (row.id, Recovered(row.segment_id, row.document_id, row.text))
                for row in session.scalars(select(TypingEntry).order_by(TypingEntry.id))
                if not locks.alive(row.host, row.pid, row.process, row.written_at)
            ]
        recovered = []
        for entry_id, entry in rows:
            try:
                if entry.segment_id is not None:
                    if self.project.editing.segment(entry.segment_id).text != entry.text:
                        self.project.editing.edit_text(entry.segment_id, entry.text)  # drops the entry too
                elif entry.document_id is not None:
                    self.project.documents.set_text(entry.document_id, entry.text)
                recovered.append(entry)
            except UserError:
                pass  # its segment or document is gone, or refuses the text: nothing to make an edit of
            with self.transaction() as session:
                session.execute(delete(TypingEntry).where(TypingEntry.id == entry_id))
        return recovered
