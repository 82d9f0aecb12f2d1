"""The recordings sidebar model: grouped by role, with transcript state; a well-behaved Qt model."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from annotator.core.project import Project
from annotator.ui.sidebar.model import RECORDING_ID_ROLE, RecordingsModel


def _project(tmp_path: Path, media: dict[str, Path]) -> Project:
    project = Project.create(tmp_path / "p.annotator")
    project.recordings.add(media["wav"], title="WBS-01 sesi 1", participant="WBS-01", role="resident")
    project.recordings.add(media["m4a"], title="Staf 01", participant="STAF-01", role="staff")
    project.recordings.add(media["stereo"], title="WBS-02 sesi 1", participant="WBS-02", role="resident")
    return project


def test_model_passes_qtmodeltester(qtmodeltester, tmp_path: Path, media) -> None:
    with _project(tmp_path, media) as project:
        model = RecordingsModel()
        model.reload(project.recordings.summaries())
        qtmodeltester.check(model, force_py=True)
        model.reload([])
        qtmodeltester.check(model, force_py=True)


def test_groups_by_role_in_a_fixed_order(tmp_path: Path, media) -> None:
    with _project(tmp_path, media) as project:
        model = RecordingsModel()
        model.reload(project.recordings.summaries())
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert groups == ["Residents (2)", "Staff (1)"]
    residents = model.index(0, 0)
    titles = [model.index(row, 0, residents).data() for row in range(model.rowCount(residents))]
    assert titles == ["WBS-01 sesi 1", "WBS-02 sesi 1"]
    first = model.index(0, 0, residents)
    assert first.data(RECORDING_ID_ROLE) == 1
    assert model.index(0, 1, residents).data() == "WBS-01"
    assert model.index(0, 2, residents).data().startswith("0:00:0")
    assert model.index(0, 3, residents).data() == "not transcribed"
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(residents) & Qt.ItemFlag.ItemIsSelectable
    assert model.index_of(3) == model.index(1, 0, residents)
    assert not model.index_of(99).isValid()
    assert model.parent(first) == residents and not model.parent(residents).isValid()
    assert model.summary(QModelIndex()) is None


def test_running_and_missing_media_are_shown(tmp_path: Path, media) -> None:
    import shutil

    moved = tmp_path / "moved.wav"
    shutil.copy(media["wav"], moved)
    with Project.create(tmp_path / "p.annotator") as project:
        project.recordings.add(moved, participant="WBS-09", role="resident")
        moved.unlink()
        model = RecordingsModel()
        model.reload(project.recordings.summaries())
    index = model.index(0, 0, model.index(0, 0))
    assert "not found" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.column())))
    model.set_running(1, True)
    assert model.index(0, 3, model.index(0, 0)).data() == "transcribing…"
    assert changed == [(0, 3)]
