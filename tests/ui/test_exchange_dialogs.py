"""File > Export, File > Import and the pseudonyms dialog, on real projects: the choices the export dialog offers
and the options they make, exports and imports run through the dialogs on a worker thread (only the file choosers
and message boxes are stood in for), refusals shown as their messages, and the list of real names kept at once."""

from __future__ import annotations

import threading
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QPushButton

from annotator.core.project import Project
from annotator.errors import UserError
from annotator.exchange import export as exchange
from annotator.exchange.options import ExportOptions
from annotator.ui.dialogs import export as export_dialog
from annotator.ui.dialogs.choosers import CHECKED, ID_ROLE
from annotator.ui.dialogs.export import GROUPS, ExportDialog, export_from
from annotator.ui.dialogs.import_files import ImportSummaryDialog, import_into
from annotator.ui.dialogs.pseudonyms import CODE_COLUMN, KIND_COLUMN, PseudonymsDialog, edit_pseudonyms
from tests.conftest import snapshot
from tests.exchange.coded_study import CLOSE, FACTORS, OPEN, RESPECT, CodedStudy, archive_text, leaks


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> CodedStudy:
    return CodedStudy(project, media)


@pytest.fixture
def dialog(qtbot, study: CodedStudy) -> ExportDialog:  # noqa: ANN001
    export_dialog._last_format.clear()
    export_dialog._last_path.clear()
    made = ExportDialog(study.project)
    qtbot.addWidget(made)
    return made


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Stand-ins for the message boxes that record what they were asked to show (and never open a window)."""
    shown: dict[str, list] = {"info": [], "warning": [], "opened": []}

    def exec_(box: QMessageBox) -> int:
        shown["info"].append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown["warning"].append(text))
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", lambda url: shown["opened"].append(url))
    return shown


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The save dialog answers ``path``; returns the paths it was offered."""
    offered: list[str] = []

    def answer(parent, caption, start, filter_):  # noqa: ANN001, ANN202
        offered.append(start)
        return str(path), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


# -- the choices ---------------------------------------------------------------------------------------------------
def test_formats_are_offered_in_groups_with_what_they_write(dialog: ExportDialog) -> None:
    grouped = [fmt for _heading, formats in GROUPS for fmt in formats]
    assert grouped == "csv xlsx docx txt transcript-docx srt vtt qda-txt json clips qdpx qdc".split()
    assert set(grouped) == set(exchange.FORMATS) == set(dialog.format_buttons)
    assert set(export_dialog.SUFFIXES) == set(exchange.FORMATS) - {"clips"}
    for fmt, (name, description) in export_dialog.LABELS.items():
        assert name and description and fmt in exchange.FORMATS
    assert dialog.format() == "docx"  # the report is what most exports are


def test_pseudonymise_follows_the_format_until_the_user_ticks_it(dialog: ExportDialog, study: CodedStudy) -> None:
    assert not dialog.pseudonymize.isEnabled() and not dialog.pseudonymize.isChecked()  # no names listed yet
    assert dialog.no_names.isVisibleTo(dialog)
    study.list_names()
    dialog._update_names()
    assert dialog.pseudonymize.isEnabled() and not dialog.no_names.isVisibleTo(dialog)
    ticks = {}
    for fmt in ("docx", "csv", "clips", "xlsx", "srt", "qdpx"):
        dialog.set_format(fmt)
        ticks[fmt] = dialog.pseudonymize.isChecked()
    assert ticks == {"docx": True, "csv": False, "clips": True, "xlsx": False, "srt": False, "qdpx": False}
    dialog.set_format("csv")
    dialog.pseudonymize.click()  # the user wants it for the table too
    dialog.set_format("srt")
    assert dialog.pseudonymize.isChecked()
    dialog.pseudonymize.click()
    dialog.set_format("docx")
    assert not dialog.pseudonymize.isChecked()  # the user's word stands
    assert dialog.options().pseudonymize is False


def test_edit_names_enables_the_check_box(dialog: ExportDialog, study: CodedStudy, monkeypatch) -> None:  # noqa: ANN001
    def edit(parent, project) -> bool:  # noqa: ANN001
        project.pseudonyms.add("Sari Dewi", "STAF-01")
        return True

    monkeypatch.setattr(export_dialog, "edit_pseudonyms", edit)
    dialog.edit_names.click()
    assert dialog.pseudonymize.isEnabled() and dialog.pseudonymize.isChecked()  # docx: on by default
    assert dialog.options().pseudonymize is True


def test_options_follow_the_ticked_recordings_and_themes(dialog: ExportDialog, study: CodedStudy) -> None:
    project = study.project
    assert dialog.options() == ExportOptions()
    dialog.recordings.set_chosen([study.r2])
    factors, respect, close = (project.themes.get(name).id for name in (FACTORS, RESPECT, CLOSE))
    dialog.themes.set_chosen([factors, close])
    assert dialog.recordings.only.isChecked() and dialog.themes.only.isChecked()
    below = next(item for item in dialog.themes.items() if item.data(ID_ROLE) == respect)
    assert below.checkState() == CHECKED and not below.isEnabled()  # in its ticked parent, not apart from it
    assert dialog.options() == ExportOptions(recordings=(study.r2,), themes=(close, factors))
    dialog.set_format("srt")  # transcripts are whole: no themes
    assert dialog.options() == ExportOptions(recordings=(study.r2,))
    assert not dialog.themes.isEnabled() and not dialog.writes_folder()
    dialog.set_format("qdc")  # a codebook has no recordings
    assert dialog.options() == ExportOptions(themes=(close, factors))
    dialog.set_format("qdpx")
    dialog.media_external.setChecked(True)
    assert dialog.options().media == "external"
    dialog.set_format("csv")
    assert dialog.options().media == "internal"
    dialog.themes.all.setChecked(True)  # all themes again: the ticks go
    dialog.recordings.all.setChecked(True)
    assert dialog.options() == ExportOptions() and not dialog.themes.ticked()
    dialog.set_format("txt")
    assert dialog.writes_folder()  # both recordings have a transcript: a file each


def test_nothing_ticked_is_refused_in_the_dialog(dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("asked for a file"))
    dialog.themes.only.setChecked(True)
    dialog.accept()
    assert "Tick at least one theme" in dialog.status.text() and dialog.work is None
    dialog.set_format("srt")  # themes do not apply to transcripts
    dialog.recordings.only.setChecked(True)
    dialog.accept()
    assert "Tick at least one recording" in dialog.status.text()


# -- exporting -----------------------------------------------------------------------------------------------------
def test_a_pseudonymised_report_through_the_dialog(qtbot, dialog, study, boxes, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    study.list_names()
    dialog._update_names()
    out = tmp_path / "laporan.docx"
    offered = save_to(monkeypatch, out)

    def exec_(box: QMessageBox) -> int:  # the researcher presses "Open folder"
        boxes["info"].append(box.text())
        next(b for b in box.buttons() if b.text() == "Open folder").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert dialog.pseudonymize.isChecked()
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert Path(offered[0]).name == "Studi relasi PANTI-A.docx"  # the project's name, pseudonymised
    assert dialog.result_ is not None and dialog.result_.paths == [out]
    assert boxes["info"] == [dialog.result_.summary()] and not boxes["warning"]
    assert [url.toLocalFile() for url in boxes["opened"]] == [str(tmp_path)]
    document = docx.Document(str(out))
    assert OPEN in [p.text for p in document.paragraphs]
    assert any("STAF-01" in p.text for p in document.paragraphs)
    for part, text in archive_text(out).items():
        assert not leaks(text), part
    again = ExportDialog(study.project)  # the same session remembers the format and the file
    qtbot.addWidget(again)
    assert again.format() == "docx" and again.default_path() == out


def test_transcripts_of_several_recordings_go_into_a_folder(qtbot, dialog, boxes, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "transkrip"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("asked for a file"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(folder))
    dialog.set_format("vtt")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert sorted(p.name for p in folder.iterdir()) == ["interview-staff.vtt", "wawancara-wbs.vtt"]
    assert boxes["info"] == ["Wrote 2 files (2 recordings, 8 segments)"]


def test_a_refused_export_shows_its_message(qtbot, dialog, boxes, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    def refuse(project, fmt, out, options):  # noqa: ANN001, ANN202
        raise UserError(f"{out}: could not be written (the disk is full); nothing was changed")

    monkeypatch.setattr(exchange, "export", refuse)
    save_to(monkeypatch, tmp_path / "tabel.csv")
    dialog.set_format("csv")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(boxes["warning"]))
    assert boxes["warning"] == [
        f"{tmp_path / 'tabel.csv'}: could not be written (the disk is full); nothing was changed"
    ]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.work is None
    assert dialog.export_button.isEnabled() and dialog.format() == "csv"  # open again, as it was
    assert not boxes["info"]


def test_a_bug_is_no_traceback(qtbot, dialog, boxes, monkeypatch, tmp_path, caplog) -> None:  # noqa: ANN001
    monkeypatch.setattr(exchange, "export", lambda *a: {}["missing"])
    save_to(monkeypatch, tmp_path / "laporan.docx")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(boxes["warning"]))
    assert "unexpected problem" in boxes["warning"][0] and "Traceback" not in boxes["warning"][0]
    assert "Traceback" in caplog.text  # ... which goes to the log


def test_cancel_stops_waiting_and_the_late_result_is_ignored(qtbot, dialog, boxes, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    release = threading.Event()

    def slow(project, fmt, out, options):  # noqa: ANN001, ANN202
        release.wait(10)
        return exchange.ExportResult([out], {"passages": 1})

    monkeypatch.setattr(exchange, "export", slow)
    save_to(monkeypatch, tmp_path / "laporan.docx")
    dialog.accept()
    assert not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.work is not None and dialog.work.progress is not None)  # after half a second
    assert dialog.work.progress.isVisible() and dialog.work.progress.labelText() == "Exporting…"
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.work.progress.findChild(QPushButton).click()  # Cancel
    assert dialog.work is None and dialog.result_ is None
    release.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    QApplication.processEvents()  # the finished export's queued report arrives: it must be ignored
    assert not boxes["info"] and not boxes["warning"] and dialog.result_ is None


def test_export_from_returns_none_when_cancelled(qtbot, study, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert export_from(None, study.project, recording_ids=[study.r1], fmt="csv") is None


# -- importing -----------------------------------------------------------------------------------------------------
SRT = """1
00:00:00,200 --> 00:00:02,000
Pewawancara: Apakah kamu merasa nyaman?

2
00:00:02,100 --> 00:00:04,500
Anak: Saya merasa nyaman tinggal di panti
"""


def open_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a: ([str(p) for p in paths], ""))


@pytest.fixture
def summaries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def exec_(dialog: ImportSummaryDialog) -> int:
        shown.append(dialog.text.toPlainText())
        return 0

    monkeypatch.setattr(ImportSummaryDialog, "exec", exec_)
    return shown


def test_a_transcript_comes_in_for_the_chosen_recording(qtbot, study, media, summaries, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    project = study.project
    new = project.recordings.add(media["wav_en"], title="wawancara baru").id
    srt = tmp_path / "baru.srt"
    srt.write_text(SRT, encoding="utf-8")
    open_files(monkeypatch, srt)
    asked = []

    def choose(parent, title, label, items, current, editable):  # noqa: ANN001, ANN202
        asked.append((label, items, current))
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked about media"))
    result = import_into(None, project, recording_id=new)
    assert asked == [("Which recording is “baru.srt” the transcript of?", ["wawancara baru"], 0)]
    assert result is not None and [s.added.get("segments") for s in result] == [2]
    segments = project.transcripts.as_dict(new)["segments"]
    assert [s["text"] for s in segments] == ["Apakah kamu merasa nyaman?", "Saya merasa nyaman tinggal di panti"]
    assert summaries == ["\n".join(result[0].lines())]


def test_a_transcript_needs_a_recording_without_one(qtbot, study, boxes, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    srt = tmp_path / "lagi.srt"
    srt.write_text(SRT, encoding="utf-8")
    open_files(monkeypatch, srt)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: pytest.fail("asked for a recording"))
    assert import_into(None, study.project) is None
    assert told and told[0].startswith("Every recording has a transcript already.")


def test_a_broken_qdpx_is_refused_with_its_name(qtbot, project, boxes, summaries, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    broken = tmp_path / "dari-nvivo.qdpx"
    broken.write_bytes(b"PK\x03\x04 this is no zip archive")
    open_files(monkeypatch, broken)
    questions = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: questions.append(a[2]) or QMessageBox.StandardButton.No)
    before = snapshot(project.path)
    assert import_into(None, project) is None
    assert "outside the archive" in questions[0]
    assert len(boxes["warning"]) == 1 and str(broken) in boxes["warning"][0]
    assert "Traceback" not in boxes["warning"][0] and not summaries
    assert snapshot(project.path) == before


def test_files_before_a_refused_one_are_reported(qtbot, study, boxes, summaries, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    codebook = tmp_path / "kode.qdc"
    exchange.export(study.project, "qdc", codebook)
    broken = tmp_path / "rusak.qdc"
    broken.write_text("<CodeBook", encoding="utf-8")
    with Project.create(tmp_path / "baru.annotator") as fresh:
        open_files(monkeypatch, codebook, broken)
        result = import_into(None, fresh)
        assert result is not None and len(result) == 1 and result[0].added.get("themes")
        assert fresh.themes.get(OPEN)
    assert not boxes["warning"] and str(codebook) in summaries[0] and str(broken) in summaries[0]
    assert "Stopped at a file that could not be imported" in summaries[0]


# -- pseudonyms ----------------------------------------------------------------------------------------------------
def test_names_are_added_refused_tested_and_removed(qtbot, project: Project) -> None:  # noqa: ANN001
    dialog = PseudonymsDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.changed
    dialog.test_edit.setText("Kata Ibu Sari Dewi, Sarinya baik")
    assert dialog.test_result.text().endswith("Kata Ibu Sari Dewi, Sarinya baik")
    dialog.real_edit.setText("Sari Dewi")
    dialog.code_edit.setText("STAF-01")
    dialog.add_button.click()
    assert [(e.real, e.replacement, e.kind) for e in project.pseudonyms.list()] == [("Sari Dewi", "STAF-01", "person")]
    assert dialog.real_edit.text() == "" and dialog.status.text() == "" and dialog.changed
    assert dialog.test_result.text().endswith("Kata Ibu STAF-01, Sarinya baik")  # follows the list at once
    dialog.real_edit.setText("Panti Harapan")
    dialog.code_edit.setText("PANTI-A")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("place"))
    dialog.code_edit.returnPressed.emit()
    dialog.real_edit.setText("Sari")
    dialog.code_edit.setText("Sari-01")  # a code may not hold a listed name
    dialog.add_button.click()
    assert "contains the listed real name" in dialog.status.text()
    assert dialog.real_edit.text() == "Sari"  # kept, to be corrected
    assert [dialog.model.data(dialog.model.index(r, 0)) for r in range(2)] == ["Sari Dewi", "Panti Harapan"]
    assert dialog.model.data(dialog.model.index(1, KIND_COLUMN)) == "place"
    dialog.test_edit.setText("di Panti  Harapan")
    assert dialog.test_result.text().endswith("di PANTI-A")
    dialog.view.selectRow(0)
    dialog.remove_button.click()
    assert [e.real for e in project.pseudonyms.list()] == ["Panti Harapan"]
    assert dialog.status.text() == ""


def test_a_cell_edit_is_stored_or_refused(qtbot, project: Project) -> None:  # noqa: ANN001
    project.pseudonyms.add("Sari Dewi", "STAF-01")
    project.pseudonyms.add("Rina", "PEW-01")
    dialog = PseudonymsDialog(project)
    qtbot.addWidget(dialog)
    model = dialog.model
    row = model.row_of("Sari Dewi")
    assert model.setData(model.index(row, CODE_COLUMN), "STAF-02")
    assert model.setData(model.index(model.row_of("Sari Dewi"), KIND_COLUMN), "other")
    assert ("Sari Dewi", "STAF-02", "other") in [(e.real, e.replacement, e.kind) for e in project.pseudonyms.list()]
    assert not model.setData(model.index(model.row_of("Rina"), CODE_COLUMN), "Sari Dewi-1")
    assert "contains the listed real name" in dialog.status.text()
    assert {e.real: e.replacement for e in project.pseudonyms.list()}["Rina"] == "PEW-01"  # as it was


def test_the_pseudonyms_model_passes_the_model_tester(qtbot, qtmodeltester, project: Project) -> None:  # noqa: ANN001
    for real, code in (("Sari Dewi", "STAF-01"), ("Panti Harapan", "PANTI-A"), ("Rina", "PEW-01")):
        project.pseudonyms.add(real, code)
    dialog = PseudonymsDialog(project)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    dialog.model.remove_rows([0])
    qtmodeltester.check(dialog.model)


def test_edit_pseudonyms_says_whether_anything_changed(qtbot, project: Project, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(PseudonymsDialog, "exec", lambda self: 0)
    assert edit_pseudonyms(None, project) is False

    def add(self: PseudonymsDialog) -> int:
        self.model.add("Sari", "WBS-01", "person")
        return 0

    monkeypatch.setattr(PseudonymsDialog, "exec", add)
    assert edit_pseudonyms(None, project) is True
