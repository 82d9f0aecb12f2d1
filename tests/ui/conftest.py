"""Qt tests: no test may leave a thread or a child process behind."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest


def child_processes() -> set[int]:
    children: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            children.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            continue
    return children


@pytest.fixture(autouse=True)
def nothing_left_running(qtbot):  # noqa: ANN001, ANN201
    threads_before = {t.ident for t in threading.enumerate()}
    children_before = child_processes()
    yield
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(5_000), "a QThreadPool task is still running"
    qtbot.waitUntil(lambda: not (child_processes() - children_before), timeout=10_000)
    left = [t.name for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
    assert not left, f"threads left running: {left}"
