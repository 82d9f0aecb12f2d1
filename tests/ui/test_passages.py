"""The passage browser: gathering passages of themes through the filter bar, playing and opening them, acting on
them through the coding controller, and the counts of theme by role. Every expectation is the core's answer.

The study: a child (WBS-01, 12 years old) interviewed by PEW-01, a staff member (STAF-01) interviewed by PEW-01,
a voice nobody has named yet ("Suara 3"), and a page of field notes by STAF-01.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QApplication

from annotator.core.project import Project
from annotator.core.services.passage_query import PassageView
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.timefmt import clock
from annotator.ui.coding.controller import CodingController, Touched
from annotator.ui.passages import PassagesPanel
from annotator.ui.passages.counts import CountsModel
from annotator.ui.passages.filters import parse_attributes
from annotator.ui.passages.model import PASSAGE_ROLE, PLAY, QUOTE, THEME, TIME, PassagesModel, reference

OPEN = "Komunikasi Terbuka"
RESPECT = "Rasa Saling Menghargai"
SAFE = "Rasa Aman"
FACTORS = "Faktor-Faktor yang Mempengaruhi Hubungan Sosial"  # the parent of OPEN and RESPECT

S1 = "Apakah pengasuh mendengarkan kamu kalau kamu bercerita?"
S2 = "Saya merasa dihargai kalau pengasuh mendengarkan saya"
S3 = "Di panti saya merasa aman karena ada kakak pengasuh"
S4 = "Kami sering ngobrol terbuka setiap malam"
T1 = "Bagaimana Ibu berbicara dengan anak-anak?"
T2 = "Kami berbicara terbuka dengan anak-anak setiap hari"
T3 = "Anak-anak harus saling menghargai satu sama lain"
NOTES = "Suasana terbuka dan hangat di ruang makan."


def add_segment(project: Project, rid: int, start: int, end: int, text: str, speaker: str) -> int:
    tokens = text.split()
    step = (end - start) // len(tokens)
    words = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.9) for k, t in enumerate(tokens)]
    return project.transcripts.add_segment(rid, NewSegment(start, end, text, words, speaker=speaker))


class Study:
    def __init__(self, project: Project, media: dict[str, Path]) -> None:
        self.project = project
        people = project.participants
        people.add("PEW-01", "interviewer")
        people.add("WBS-01", "resident", {"age": 12, "gender": "P"})
        people.add("STAF-01", "staff", {"years": 6})
        self.r1 = project.recordings.add(media["wav"], title="Wawancara WBS-01", participant="WBS-01").id
        self.r2 = project.recordings.add(media["m4a"], title="Wawancara STAF-01", participant="STAF-01").id
        s1 = add_segment(project, self.r1, 0, 4000, S1, "Pewawancara")
        s2 = add_segment(project, self.r1, 4000, 9000, S2, "Anak")
        s3 = add_segment(project, self.r1, 9000, 13000, S3, "Anak")
        s4 = add_segment(project, self.r1, 13000, 16000, S4, "Suara 3")  # nobody named yet
        add_segment(project, self.r2, 0, 3000, T1, "Pewawancara")
        t2 = add_segment(project, self.r2, 3000, 9000, T2, "Staf")
        t3 = add_segment(project, self.r2, 9000, 14000, T3, "Staf")
        for rid, label, code in (
            (self.r1, "Pewawancara", "PEW-01"),
            (self.r1, "Anak", "WBS-01"),
            (self.r2, "Pewawancara", "PEW-01"),
            (self.r2, "Staf", "STAF-01"),
        ):
            project.recordings.set_speaker(rid, label, code)
        self.doc = project.documents.create("Catatan lapangan", NOTES, participant="STAF-01").id
        coding = project.coding
        self.whole = coding.code_span(self.r1, s2, 0, s2, len(S2), [RESPECT, OPEN])  # the child, two themes
        self.whole_open = next(v for v in self.whole if v.theme == OPEN)
        self.part = self.code(self.r1, s2, S2, "pengasuh mendengarkan saya", OPEN)  # inside the one above
        self.asked = self.code(self.r1, s1, S1, "pengasuh mendengarkan kamu", OPEN)  # the interviewer
        self.safe = self.code(self.r1, s3, S3, "saya merasa aman", SAFE, coder="Rina")
        self.nobody = self.code(self.r1, s4, S4, "ngobrol terbuka", OPEN)
        self.staff = self.code(self.r2, t2, T2, "berbicara terbuka dengan anak-anak", OPEN)
        self.staff_respect = self.code(self.r2, t3, T3, "saling menghargai", RESPECT)
        self.note = coding.code_document(self.doc, 0, len("Suasana terbuka"), [OPEN])[0]

    def code(self, rid: int, sid: int, text: str, part: str, theme: str, coder: str | None = None) -> PassageView:
        start = text.index(part)
        return self.project.coding.code_span(rid, sid, start, sid, start + len(part), [theme], coder=coder)[0]

    def theme(self, name: str) -> int:
        return self.project.themes.get(name).id


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


@pytest.fixture
def panel(qtbot, study: Study) -> PassagesPanel:  # noqa: ANN001
    controller = CodingController(QUndoStack())
    controller.set_project(study.project)
    panel = PassagesPanel()
    qtbot.addWidget(panel)
    panel.set_project(study.project, controller)
    panel.resize(1000, 420)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def ids(views: list[PassageView]) -> list[int]:
    return [v.id for v in views]


def shown(panel: PassagesPanel) -> list[int]:
    return ids(panel.model.passages())


def settle(qtbot, panel: PassagesPanel) -> None:  # noqa: ANN001
    """Let the typing pause and the coalescing timer run."""
    panel.filters.flush()
    qtbot.waitUntil(lambda: not panel._requery.isActive())


def choose(panel: PassagesPanel, *names: str) -> None:
    panel.filters.themes.checked.set_chosen([panel.project.themes.get(n).id for n in names])


def pick(combo, data) -> None:  # noqa: ANN001
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


# -- the models ---------------------------------------------------------------------------------------------------
def test_passages_model_passes_qtmodeltester(qtmodeltester, study: Study) -> None:
    project = study.project
    model = PassagesModel()
    model.reload(project.coding.passages())
    qtmodeltester.check(model, force_py=True)  # and again on every change below
    model.sort(TIME, Qt.SortOrder.DescendingOrder)
    model.reload([])
    model.reload(project.coding.passages([OPEN]))
    model.sort(-1)


def test_counts_model_passes_qtmodeltester(qtmodeltester, study: Study) -> None:
    project = study.project
    counts = CountsModel()
    counts.reload(project.themes.tree(), project.coding.counts_by_theme_and_role())
    qtmodeltester.check(counts, force_py=True)
    counts.reload([], {})


def test_rows_show_quote_theme_speaker_participant_source_and_time(study: Study) -> None:
    model = PassagesModel()
    model.reload(study.project.coding.passages([OPEN]))
    row = model.row_of(study.staff.id)
    cells = [model.index(row, c).data() for c in range(1, model.columnCount())]
    v = study.staff
    assert cells == [
        "berbicara terbuka dengan anak-anak",
        OPEN,
        "Staf",
        "STAF-01 (staff)",
        "Wawancara STAF-01",
        f"{clock(v.start_ms)} – {clock(v.end_ms)}",
        "root",
    ]
    assert model.index(row, THEME).data(Qt.ItemDataRole.DecorationRole) == QColor(study.staff.theme_color)
    assert model.index(row, 0).data(PASSAGE_ROLE) == study.staff
    note = model.index(model.row_of(study.note.id), TIME)
    assert note.data() == "" and note.siblingAtColumn(5).data() == "Catatan lapangan"
    tooltip = model.index(model.row_of(study.staff.id), QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "berbicara terbuka dengan anak-anak" in tooltip and "STAF-01" in tooltip
    assert (
        reference(v)
        == f"«berbicara terbuka dengan anak-anak» — STAF-01 (staff), Wawancara STAF-01, {clock(v.start_ms)}"
    )


def test_sorting_by_time_and_back_to_the_codebook_order(study: Study) -> None:
    model = PassagesModel()
    core = study.project.coding.passages()
    model.reload(core)
    model.sort(TIME)
    times = [(v.recording_id is None, v.recording or v.document, v.start_ms or 0) for v in model.passages()]
    assert times == sorted(times)
    model.sort(THEME, Qt.SortOrder.DescendingOrder)
    assert model.passages()[0].theme == RESPECT  # the last theme in the codebook with passages
    model.sort(-1)
    assert model.passages() == core


# -- the filters ---------------------------------------------------------------------------------------------------
def test_the_panel_opens_on_every_passage(panel: PassagesPanel, study: Study) -> None:
    assert shown(panel) == ids(study.project.coding.passages())
    assert panel.status.text() == "9 passage(s)"


def test_themes_with_any_all_and_co_coded(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    coding, filters = study.project.coding, panel.filters
    choose(panel, OPEN)
    settle(qtbot, panel)
    assert shown(panel) == ids(coding.passages([OPEN]))
    assert set(shown(panel)) == {study.whole_open.id, study.part.id, study.asked.id, study.nobody.id, study.staff.id,
                                 study.note.id}  # fmt: skip
    assert filters.mode.isEnabled()
    co = filters.mode.model().item(filters.mode.findData("co"))
    assert not co.isEnabled()  # co-coded needs two themes
    choose(panel, OPEN, RESPECT)
    assert co.isEnabled()
    pick(filters.mode, "all")
    settle(qtbot, panel)
    assert shown(panel) == ids(coding.passages([OPEN, RESPECT], mode="all"))
    assert set(shown(panel)) == set(ids(study.whole))  # the one span coded with both
    pick(filters.mode, "co")
    settle(qtbot, panel)
    assert shown(panel) == ids(coding.passages([OPEN, RESPECT], mode="co"))
    assert set(shown(panel)) == {study.whole_open.id, study.part.id}
    choose(panel, RESPECT, OPEN)  # the first theme chosen is the one whose passages are shown
    settle(qtbot, panel)
    assert shown(panel) == ids(coding.passages([RESPECT, OPEN], mode="co"))
    assert filters.themes.text() == f"{RESPECT} + 1" and {v.theme for v in panel.model.passages()} == {RESPECT}
    choose(panel)  # no theme: every passage, and the mode goes back to "any"
    settle(qtbot, panel)
    assert filters.mode.currentData() == "any" and not filters.mode.isEnabled()
    assert shown(panel) == ids(coding.passages())


def test_sub_themes(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    choose(panel, FACTORS)
    settle(qtbot, panel)
    assert shown(panel) == ids(study.project.coding.passages([FACTORS]))
    assert len(shown(panel)) == 8  # six of open communication, two of respect
    panel.filters.descendants.setChecked(False)
    settle(qtbot, panel)
    assert shown(panel) == [] and panel.status.text() == "0 passage(s)"


def test_role_staff_gives_only_what_staff_said(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    """Done when: every quote of open communication said by staff, playing each one."""
    choose(panel, OPEN)
    pick(panel.filters.role, "staff")
    settle(qtbot, panel)
    assert shown(panel) == ids(study.project.coding.passages([OPEN], roles=["staff"]))
    assert set(shown(panel)) == {study.staff.id, study.note.id}
    assert {v.role for v in panel.model.passages()} == {"staff"}
    with qtbot.waitSignal(panel.playAllRequested) as played:
        panel.play_all.click()
    assert ids(played.args[0]) == [study.staff.id]  # the field notes have no audio
    pick(panel.filters.role, "unknown")
    settle(qtbot, panel)
    assert shown(panel) == [study.nobody.id]


@pytest.mark.parametrize(
    ("combo", "value", "core"),
    [
        ("participant", "WBS-01", {"participants": ["WBS-01"]}),
        ("coder", "Rina", {"coders": ["Rina"]}),
        ("source", "recordings", {"documents": False}),
    ],
)
def test_participant_coder_and_source(qtbot, panel: PassagesPanel, study: Study, combo, value, core) -> None:  # noqa: ANN001
    pick(getattr(panel.filters, combo), value)
    settle(qtbot, panel)
    expected = ids(study.project.coding.passages(**core))
    assert expected and shown(panel) == expected


def test_one_recording_or_one_document(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    pick(panel.filters.source, f"recording:{study.r2}")
    settle(qtbot, panel)
    assert shown(panel) == ids(study.project.coding.passages(recordings=[study.r2]))
    assert set(shown(panel)) == {study.staff.id, study.staff_respect.id}
    pick(panel.filters.source, f"document:{study.doc}")
    settle(qtbot, panel)
    assert shown(panel) == [study.note.id]


def test_attributes_and_words(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    coding = study.project.coding
    panel.filters.attributes.setText("age=12")
    settle(qtbot, panel)
    assert shown(panel) == ids(coding.passages(attributes={"age": "12"}))
    assert set(shown(panel)) == {*ids(study.whole), study.part.id, study.safe.id}
    panel.filters.attributes.setText("age")
    settle(qtbot, panel)
    assert shown(panel) == [] and panel.status.text() == "Write attributes as key=value, for example age=12"
    panel.filters.attributes.clear()
    qtbot.keyClicks(panel.filters.words, "pengasuh  MENDENGARKAN")
    assert panel.filters._typing.isActive()  # typing waits for a pause before it asks
    qtbot.waitUntil(lambda: shown(panel) == ids(coding.passages(text="pengasuh mendengarkan")), timeout=2000)
    assert set(shown(panel)) == {*ids(study.whole), study.part.id, study.asked.id}
    assert parse_attributes("age=12, gender = P") == {"age": "12", "gender": "P"}
    assert parse_attributes("") == {} and parse_attributes("=3") is None


def test_a_refusal_shows_in_the_status_line(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    pick(panel.filters.participant, "WBS-01")
    settle(qtbot, panel)
    study.project.participants.delete("WBS-01")  # meanwhile, elsewhere
    panel.filters.words.setText("saya")
    settle(qtbot, panel)
    assert panel.status.text() == "no participant 'WBS-01' in this project"
    assert shown(panel) == [] and not panel.play_all.isEnabled()
    panel.refresh()  # reading the choices again drops the participant
    assert panel.filters.participant.currentData() is None
    assert shown(panel) == ids(study.project.coding.passages(text="saya"))
    assert panel.status.text() == f"{len(shown(panel))} passage(s)"


def test_show_theme(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    panel.show_theme(study.theme(SAFE))
    assert shown(panel) == [study.safe.id]
    assert panel.filters.themes.text() == SAFE


# -- playing, opening, changing -------------------------------------------------------------------------------------
def cell(panel: PassagesPanel, view: PassageView, column: int) -> QModelIndex:
    return panel.model.index(panel.model.row_of(view.id), column)


def test_play_button_keys_and_double_click(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    viewport = panel.table.viewport()
    rect = panel.table.visualRect(cell(panel, study.staff, PLAY))
    with qtbot.waitSignal(panel.playRequested) as played:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert played.args[0] == study.staff
    rect = panel.table.visualRect(cell(panel, study.note, PLAY))
    with qtbot.assertNotEmitted(panel.playRequested):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # field notes: nothing to play
    rect = panel.table.visualRect(cell(panel, study.safe, QUOTE))
    with qtbot.waitSignal(panel.openRequested) as opened:  # QTest sends only the second press: click first
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center(), delay=600)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0] == study.safe
    panel.table.setCurrentIndex(cell(panel, study.asked, QUOTE))
    with qtbot.waitSignal(panel.playRequested) as played:
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert played.args[0] == study.asked
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args[0] == study.asked


def action(panel: PassagesPanel, view: PassageView, starts: str):  # noqa: ANN201
    menu = panel.context_menu(cell(panel, view, QUOTE))
    return next(a for a in menu.actions() if a.text().startswith(starts))


def test_copy_memo_remove_and_undo(qtbot, panel: PassagesPanel, study: Study, monkeypatch) -> None:  # noqa: ANN001
    coding = study.project.coding
    action(panel, study.staff, "Copy").trigger()
    assert QApplication.clipboard().text() == reference(study.staff)
    monkeypatch.setattr(panel, "ask_memo", lambda view: "  Staf menekankan keterbukaan ")
    action(panel, study.staff, "Memo").trigger()
    assert coding.get(study.staff.id).memo == "Staf menekankan keterbukaan"
    qtbot.waitUntil(lambda: panel.model.passage(panel.model.row_of(study.staff.id)).memo != "")
    assert panel.selected() == [coding.get(study.staff.id)]  # the selection survives the query
    before = shown(panel)
    action(panel, study.staff, "Remove").trigger()
    qtbot.waitUntil(lambda: study.staff.id not in shown(panel))
    assert shown(panel) == ids(coding.passages())
    assert panel.counts.counts.count(study.theme(OPEN), "staff") == 1  # the field notes' passage
    panel.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: shown(panel) == before)
    assert panel.counts.counts.count(study.theme(OPEN), "staff") == 2


def test_announcements_in_one_turn_make_one_query(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    queries = []
    panel.passagesShown.connect(queries.append)
    for _ in range(3):
        panel.controller.changed.emit(Touched(themes=frozenset({study.theme(OPEN)})))
    qtbot.waitUntil(lambda: bool(queries))
    qtbot.wait(20)
    assert queries == [9]


# -- the counts -----------------------------------------------------------------------------------------------------
def test_counts_are_the_cores_and_a_click_filters(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    project = study.project
    core = project.coding.counts_by_theme_and_role()
    counts = panel.counts.counts
    headers = [counts.headerData(c, Qt.Orientation.Horizontal) for c in range(counts.columnCount())]
    assert headers == ["Theme", "Resident", "Staff", "Interviewer", "Unknown", "Total"]
    for depth_node in (node for root in project.themes.tree() for node in root.walk()):
        node = depth_node[1]
        subtree = [n.id for _d, n in node.walk()]
        for role in ("resident", "staff", "interviewer", None):
            assert counts.count(node.id, role or "unknown") == sum(core.get((t, role), 0) for t in subtree)
        assert counts.count(node.id, None) == sum(n for (t, _r), n in core.items() if t in subtree)
    assert counts.count(study.theme(FACTORS), None) == 8 and counts.count(None, None) == 9
    row = next(r for r in range(counts.rowCount()) if counts.index(r, 0).data().strip() == OPEN)
    assert counts.index(row, 0).data() == "   " + OPEN  # indented below its parent
    rect = panel.counts.visualRect(counts.index(row, 2))  # open communication, staff
    qtbot.mouseClick(panel.counts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, panel)
    assert panel.filters.role.currentData() == "staff" and panel.filters.themes.chosen() == [study.theme(OPEN)]
    assert shown(panel) == ids(project.coding.passages([OPEN], roles=["staff"]))
    assert len(shown(panel)) == counts.count(study.theme(OPEN), "staff") == 2


def test_another_project_or_none(qtbot, panel: PassagesPanel, study: Study, tmp_path: Path) -> None:  # noqa: ANN001
    choose(panel, OPEN)
    pick(panel.filters.participant, "WBS-01")
    settle(qtbot, panel)
    panel.set_project(None)
    assert panel.model.rowCount() == 0 and panel.counts.counts.rowCount() == 1  # "All themes", nothing counted
    assert panel.filters.participant.count() == 1 and panel.filters.themes.chosen() == []
    with Project.create(tmp_path / "lain.annotator") as other:
        panel.set_project(other, panel.controller)
        assert panel.model.rowCount() == 0 and panel.status.text() == "0 passage(s)"
        assert panel.filters.participant.currentData() is None and not panel.play_all.isEnabled()
        panel.set_project(None)


def test_play_all_follows_the_order_shown(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    panel.table.sortByColumn(TIME, Qt.SortOrder.DescendingOrder)
    with qtbot.waitSignal(panel.playAllRequested) as played:
        panel.play_all.click()
    expected = [v for v in panel.model.passages() if v.start_ms is not None]
    assert played.args[0] == expected and len(expected) == 8
    assert played.args[0][0] == study.nobody  # the last words of the child's interview come first


def test_the_theme_chooser_checks_themes_in_its_tree(qtbot, panel: PassagesPanel, study: Study) -> None:  # noqa: ANN001
    chooser = panel.filters.themes
    index = chooser.checked.mapFromSource(chooser.themes.index_of(study.theme(SAFE)))
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    chooser.tree.clicked.emit(index)  # anywhere on the row
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked and chooser.text() == SAFE
    settle(qtbot, panel)
    assert shown(panel) == [study.safe.id]
    chooser.tree.clicked.emit(index)
    settle(qtbot, panel)
    assert chooser.text() == "All themes" and len(shown(panel)) == 9
