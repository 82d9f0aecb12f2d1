"""Typing kept at once (core.services.typing): what a writer that died had typed becomes an edit on the next open,
through the editing operations, so words keep their times and passages their words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from annotator.core import locks
from annotator.core.models import TypingEntry
from annotator.core.project import Project
from tests.core.test_editing import add_coding, add_recording, add_segment, passage_text


@pytest.fixture
def path(tmp_path: Path) -> Path:
    with Project.create(tmp_path / "p.annotator") as project:
        rid = add_recording(project)
        add_segment(project, rid, 0, 4_000, "Saya merasa nyaman tinggal di panti")
        add_segment(project, rid, 4_000, 8_000, "karena teman teman baik")
        project.documents.create("Catatan", "Hari pertama di panti.")
    return tmp_path / "p.annotator"


@pytest.fixture
def dead_process() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _as_written_by(project: Project, pid: int) -> None:
    with project.transaction() as session:
        session.execute(update(TypingEntry).values(pid=pid, process=locks._process_identity(pid) or "gone"))


def test_kept_typing_is_one_row_per_segment_rewritten(path: Path) -> None:
    with Project.open(path) as project:
        project.typing.keep("Saya merasa", segment_id=1)
        project.typing.keep("Saya merasa sangat", segment_id=1)
        project.typing.keep("Hari pertama", document_id=1)
        assert [(e.segment_id, e.document_id, e.text) for e in project.typing.pending()] == [
            (1, None, "Saya merasa sangat"),
            (None, 1, "Hari pertama"),
        ]
        with pytest.raises(ValueError):
            project.typing.keep("x")


def test_an_edit_drops_what_was_kept(path: Path) -> None:
    with Project.open(path) as project:
        project.typing.keep("Saya merasa sangat nyaman tinggal di panti", segment_id=1)
        project.typing.keep("Hari kedua", document_id=1)
        project.editing.edit_text(1, "Saya merasa sangat nyaman tinggal di panti")
        project.documents.set_text(1, "Hari kedua")
        assert project.typing.pending() == []


def test_typing_of_a_writer_that_died_becomes_an_edit_on_open(path: Path, dead_process: int) -> None:
    with Project.open(path) as project:
        coding = add_coding(project, 1, (1, 0), (1, 11))  # "Saya merasa"
        project.typing.keep("Saya merasa sangat nyaman tinggal di panti", segment_id=1)
        project.typing.keep("Hari pertama di panti. Hujan.", document_id=1)
        _as_written_by(project, dead_process)
    with Project.open(path) as project:
        assert project.typing.pending() == []
        segment = project.editing.segment(1)
        assert segment.text == "Saya merasa sangat nyaman tinggal di panti" and segment.status == "edited"
        assert [w.text for w in segment.words][:3] == ["Saya", "merasa", "sangat"]
        assert passage_text(project, coding) == "Saya merasa"  # the passage stayed on its words
        assert project.documents.get(1).text == "Hari pertama di panti. Hujan."


def test_typing_of_a_live_writer_is_left_to_it(path: Path) -> None:
    with Project.open(path) as project:
        project.typing.keep("Saya merasa sangat", segment_id=1)  # this process: alive
    with Project.open(path) as project:
        assert [e.text for e in project.typing.pending()] == ["Saya merasa sangat"]
        assert project.editing.segment(1).text == "Saya merasa nyaman tinggal di panti"


def test_typing_kept_for_a_segment_that_is_gone_goes_with_it(path: Path, dead_process: int) -> None:
    with Project.open(path) as project:
        project.typing.keep("karena teman teman baik sekali", segment_id=2)
        _as_written_by(project, dead_process)
        project.editing.merge(1)  # the second segment is merged into the first: gone
        assert project.typing.pending() == []
