"""Work that only one process may do at a time, released when its process ends, even by a crash.

Two transcriptions of one recording at once would store every segment twice; two windows on one project
would each show a transcript the other changes under it. A lock is a row of ``work_locks`` naming its
holder: the host, the process id and which process that was (boot and start time, so that a pid used
again later is not taken for the holder). Taking a lock is one write transaction (``BEGIN IMMEDIATE``), so
two processes cannot both take it. A lock whose holder has ended (a crash, ``kill -9``) is taken over;
on another host, one whose holder has not said it is alive (:meth:`Held.beat`) for :data:`STALE_AFTER`.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from annotator.core.models import WorkLock, utcnow
from annotator.errors import UserError

if TYPE_CHECKING:
    from annotator.core.project import Project

STALE_AFTER = dt.timedelta(minutes=5)


class LockHeld(UserError):
    """Someone else is doing this work now."""

    def __init__(self, message: str, holder: Holder) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class Holder:
    name: str
    host: str
    pid: int
    purpose: str
    acquired_at: dt.datetime

    def describe(self) -> str:
        since = self.acquired_at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"process {self.pid}{where}, since {since}"


@cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _process_identity(pid: int) -> str | None:
    """Boot and start time of a live process (""/None where the system cannot tell; None: no such process)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, someone else's
    except OSError:
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()
    start = fields[19] if len(fields) > 19 else ""
    return f"{_boot_id()}:{start}"


def alive(host: str, pid: int, process: str, last_seen: dt.datetime) -> bool:
    """Whether a process that wrote down who it is (:func:`this_process`) is still running: on this host, by its pid
    and identity; on another, by whether it said so within :data:`STALE_AFTER`."""
    if host != socket.gethostname():
        return utcnow() - last_seen < STALE_AFTER
    identity = _process_identity(pid)
    if identity is None:
        return False
    return not (identity and process and identity != process)


def this_process() -> dict[str, object]:
    """Who this process is, as :func:`alive` reads it: host, pid, process (read once per process: typing asks
    at every key)."""
    return dict(_this_process(os.getpid()))


@cache
def _this_process(pid: int) -> tuple[tuple[str, object], ...]:
    return (("host", socket.gethostname()), ("pid", pid), ("process", _process_identity(pid) or ""))


def _alive(row: WorkLock) -> bool:
    return alive(row.host, row.pid, row.process, row.heartbeat_at)


def holder(project: Project, name: str) -> Holder | None:
    """Who holds the lock now (None: nobody, or a holder that has ended)."""
    with project.reading() as session:
        row = session.get(WorkLock, name)
        if row is None or not _alive(row):
            return None
        return Holder(row.name, row.host, row.pid, row.purpose, row.acquired_at)


class Held:
    """A lock this process holds; :meth:`release` (or leaving the ``with`` block) gives it back."""

    def __init__(self, project: Project, name: str, acquired_at: dt.datetime) -> None:
        self.project = project
        self.name = name
        self.acquired_at = acquired_at  # which taking of the lock this is (one process may take it again)
        self.released = False

    def beat(self) -> None:
        """Say the holder is still alive (for holders on other hosts of a shared database)."""
        with self.project.transaction() as session:
            row = session.get(WorkLock, self.name)
            if row is not None and row.pid == os.getpid() and row.acquired_at == self.acquired_at:
                row.heartbeat_at = utcnow()

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        with self.project.transaction() as session:
            session.execute(
                delete(WorkLock).where(
                    WorkLock.name == self.name,
                    WorkLock.pid == os.getpid(),
                    WorkLock.host == socket.gethostname(),
                    WorkLock.acquired_at == self.acquired_at,
                )
            )

    def __enter__(self) -> Held:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def acquire(project: Project, name: str, purpose: str, *, message: str = "", force: bool = False) -> Held:
    """Take the lock ``name`` or raise :class:`LockHeld` (``message``, then who holds it). ``force`` takes it
    from a live holder too (the user said so)."""
    with project.transaction() as session:
        row = session.get(WorkLock, name)
        if row is not None and not force and _alive(row) and not _ours(row):
            held = Holder(row.name, row.host, row.pid, row.purpose, row.acquired_at)
            text = message or f"{purpose}: already under way"
            raise LockHeld(f"{text} ({held.describe()})", held)
        if row is not None:
            session.delete(row)
            session.flush()
        now = utcnow()
        session.add(
            WorkLock(
                name=name,
                **this_process(),
                purpose=purpose,
                acquired_at=now,
                heartbeat_at=now,
            )
        )
    return Held(project, name, now)


def _ours(row: WorkLock) -> bool:
    """A lock this very process took before (and did not give back: it may take it again)."""
    return row.host == socket.gethostname() and row.pid == os.getpid()


@contextmanager
def holding(project: Project, name: str, purpose: str, *, message: str = "") -> Iterator[Held]:
    held = acquire(project, name, purpose, message=message)
    try:
        yield held
    finally:
        held.release()


def held_names(project: Project, prefix: str = "") -> list[str]:
    """The names of the locks held now by live holders (``prefix``: only those starting with it)."""
    with project.reading() as session:
        rows = session.scalars(select(WorkLock).where(WorkLock.name.startswith(prefix))).all()
        return [row.name for row in rows if _alive(row)]
