"""The codebook tree model: names, colours, definitions and passage counts; a well-behaved Qt model."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.core.codebook import load_codebook
from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.ui.themes.model import KEY_COLUMN, PIN_ROLE, THEME_ID_ROLE, ThemesModel


def _coded_project(tmp_path: Path, media) -> Project:  # noqa: ANN001
    project = Project.create(tmp_path / "p.annotator")
    project.themes.import_codebook(load_codebook("relationships"), "id")
    recording = project.recordings.add(media["wav"])
    text = "Saya merasa nyaman di panti"
    words = [NewWord(i * 400, i * 400 + 350, w, 0.9) for i, w in enumerate(text.split())]
    segment_id = project.transcripts.add_segment(recording.id, NewSegment(0, 2000, text, words))
    project.coding.code_span(recording.id, segment_id, 5, segment_id, 18, ["Perasaan Nyaman", "Keakraban"])
    return project


def test_model_passes_qtmodeltester(qtmodeltester, tmp_path: Path, media) -> None:
    with _coded_project(tmp_path, media) as project:
        model = ThemesModel()
        model.reload(project.themes.tree())
        qtmodeltester.check(model, force_py=True)
        model.reload([])
        qtmodeltester.check(model, force_py=True)


def test_tree_counts_colours_and_tooltips(tmp_path: Path, media) -> None:
    with _coded_project(tmp_path, media) as project:
        model = ThemesModel()
        model.reload(project.themes.tree())
        comfortable = project.themes.get("Perasaan Nyaman")
    assert model.rowCount() == 7
    positive = model.index(0, 0)
    assert positive.data() == "Hubungan Sosial Positif"
    assert model.index(0, 1).data() == "2"  # both passages are below it
    index = model.index_of(comfortable.id)
    assert index.data() == "Perasaan Nyaman" and index.data(THEME_ID_ROLE) == comfortable.id
    assert index.siblingAtColumn(1).data() == "1"
    assert index.data(Qt.ItemDataRole.DecorationRole) == QColor(comfortable.color)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Feeling comfortable" in tooltip  # the English name of the template theme
    assert comfortable.definition in tooltip
    assert model.parent(index) == positive
    assert not model.index_of(9999).isValid()


def test_pins_and_read_only_without_a_controller(tmp_path: Path, media) -> None:  # noqa: ANN001
    with _coded_project(tmp_path, media) as project:
        comfortable = project.themes.get("Perasaan Nyaman").id
        model = ThemesModel()
        model.reload(project.themes.tree(), [comfortable])
    assert model.headerData(KEY_COLUMN, Qt.Orientation.Horizontal) == "Key"
    assert model.index_of(comfortable, KEY_COLUMN).data() == "1"
    assert model.index_of(comfortable).data(PIN_ROLE) == 1 and model.pinned_theme(1) == comfortable
    assert model.index(0, KEY_COLUMN).data() is None and model.pinned_theme(2) is None
    assert not model.flags(model.index_of(comfortable)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index_of(comfortable), "Nyaman")
    assert model.path(comfortable) == "Hubungan Sosial Positif / Perasaan Nyaman"
