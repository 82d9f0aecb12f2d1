"""Locks for work done once at a time (core.locks): taken by one process, released by its end, even a crash."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core import locks
from annotator.core.locks import LockHeld
from annotator.core.models import WorkLock, utcnow
from annotator.core.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as opened:
        yield opened


def held_by(
    project: Project, pid: int, *, name: str = "job", host: str | None = None, process: str | None = None
) -> None:
    """The lock ``name`` as another process left it."""
    with project.transaction() as session:
        session.add(
            WorkLock(
                name=name,
                host=host or socket.gethostname(),
                pid=pid,
                process=locks._process_identity(pid) or "" if process is None else process,
                purpose="transcribing recording 1",
                acquired_at=utcnow(),
                heartbeat_at=utcnow(),
            )
        )


@pytest.fixture
def other_process() -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def test_a_lock_is_taken_and_given_back(project: Project) -> None:
    with locks.holding(project, "job", "transcribing recording 1"):
        holder = locks.holder(project, "job")
        assert holder is not None and holder.pid == os.getpid()
        assert locks.held_names(project) == ["job"]
    assert locks.holder(project, "job") is None
    assert locks.held_names(project) == []


def test_a_live_holder_keeps_it_and_is_named(project: Project, other_process: subprocess.Popen) -> None:
    held_by(project, other_process.pid)
    with pytest.raises(LockHeld, match=rf"recording 1 is busy \(process {other_process.pid}, since "):
        locks.acquire(project, "job", "transcribing", message="recording 1 is busy")
    assert locks.holder(project, "job").pid == other_process.pid
    taken = locks.acquire(project, "job", "transcribing", force=True)  # the user said so
    assert locks.holder(project, "job").pid == os.getpid()
    taken.release()


def test_a_lock_left_by_a_killed_process_is_taken_over(project: Project, other_process: subprocess.Popen) -> None:
    held_by(project, other_process.pid)
    other_process.kill()
    other_process.wait()
    assert locks.holder(project, "job") is None
    with locks.holding(project, "job", "transcribing"):
        assert locks.holder(project, "job").pid == os.getpid()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to tell processes apart")
def test_a_pid_used_again_by_another_process_is_not_the_holder(
    project: Project, other_process: subprocess.Popen
) -> None:
    held_by(project, other_process.pid, process="another-boot:12345")
    assert locks.holder(project, "job") is None
    locks.acquire(project, "job", "transcribing").release()


def test_a_holder_on_another_machine_counts_while_it_beats(project: Project) -> None:
    held_by(project, 1, host="laptop-lain")
    with pytest.raises(LockHeld, match="on laptop-lain"):
        locks.acquire(project, "job", "transcribing")
    with project.transaction() as session:
        session.get(WorkLock, "job").heartbeat_at = utcnow() - locks.STALE_AFTER * 2
    assert locks.holder(project, "job") is None


def test_only_the_holder_releases(project: Project, other_process: subprocess.Popen) -> None:
    mine = locks.acquire(project, "job", "transcribing")
    with project.transaction() as session:  # someone forced it away meanwhile
        row = session.get(WorkLock, "job")
        row.pid = other_process.pid
        row.process = locks._process_identity(other_process.pid) or ""
    mine.release()
    assert locks.holder(project, "job").pid == other_process.pid


def test_taking_it_again_in_one_process_and_giving_back_the_old_one(project: Project) -> None:
    """A window that opens its own project again: the new hold stands when the old one is given back."""
    old = locks.acquire(project, "window", "open in a window")
    new = locks.acquire(project, "window", "open in a window")
    old.release()
    assert locks.holder(project, "window") is not None
    new.release()
    assert locks.holder(project, "window") is None
