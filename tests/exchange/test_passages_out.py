"""Coded passages as CSV and XLSX: read back with the csv module and openpyxl, filtered, pseudonymised, and
refused cleanly when the disk says no."""

from __future__ import annotations

import csv
import errno
import gc
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from annotator.core.project import Project
from annotator.errors import NotFound, UserError
from annotator.exchange.export import export
from annotator.exchange.options import ExportOptions, unchanged
from annotator.exchange.passages_out import COLUMNS, export_csv, export_xlsx, sheet_name
from tests.core.test_coding import B1
from tests.exchange.coded_study import (
    CLOSE,
    FACTORS,
    NAMED,
    OPEN,
    RESPECT,
    SAFE,
    STAFF,
    CodedStudy,
    archive_text,
    leaks,
)

ORDER = [CLOSE, SAFE, OPEN, OPEN, OPEN, RESPECT, RESPECT, RESPECT]


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> CodedStudy:
    return CodedStudy(project, media)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- CSV -------------------------------------------------------------------------------------------------------
def test_csv_starts_with_a_bom_and_has_a_row_per_coding_in_tree_order(
    project: Project, study: CodedStudy, tmp_path: Path
) -> None:
    out = tmp_path / "passages.csv"
    result = export_csv(project, out, ExportOptions(), unchanged)
    assert result.paths == [out] and result.counts == {"passages": 8}
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS
    rows = read_csv(out)
    assert [r["theme"].split("/")[-1] for r in rows] == ORDER
    views = {p.guid: p for p in project.coding.passages()}
    assert [r["guid"] for r in rows] == [p.guid for p in project.coding.passages()]
    named = next(r for r in rows if r["quote"] == NAMED)
    view = views[named["guid"]]
    assert named == {
        "theme": f"{FACTORS}/{RESPECT}",
        "quote": NAMED,
        "speaker": "Anak",
        "participant": "WBS-01",
        "role": "resident",
        "source": "wawancara-wbs",
        "start": "00:00:10",
        "end": "00:00:13",
        "start_ms": str(view.start_ms),
        "end_ms": str(view.end_ms),
        "memo": "Sari Dewi",
        "coder": "Rina Wulandari",
        "guid": view.guid,
    }
    notes = next(r for r in rows if r["source"] == "Catatan lapangan")
    assert (notes["quote"], notes["participant"], notes["role"]) == ("Suasana terbuka dan hangat", "STAF-01", "staff")
    assert notes["start"] == notes["end"] == notes["start_ms"] == notes["end_ms"] == ""


def test_csv_filters_by_theme_with_sub_themes_and_by_recording(
    project: Project, study: CodedStudy, tmp_path: Path
) -> None:
    factors = project.themes.get(FACTORS).id
    out = tmp_path / "factors.csv"
    assert export_csv(project, out, ExportOptions(themes=(factors,)), unchanged).counts == {"passages": 6}
    assert [r["theme"].split("/")[-1] for r in read_csv(out)] == [OPEN] * 3 + [RESPECT] * 3

    out = tmp_path / "staff.csv"
    export_csv(project, out, ExportOptions(recordings=(study.r2,)), unchanged)
    rows = read_csv(out)
    assert {r["source"] for r in rows} == {"interview-staff"}  # field notes are not a recording
    assert [r["quote"] for r in rows] == ["we talk openly every day", STAFF]

    out = tmp_path / "both.csv"
    respect = project.themes.get(RESPECT).id
    export_csv(project, out, ExportOptions(themes=(respect,), recordings=(study.r2,)), unchanged)
    assert [r["quote"] for r in read_csv(out)] == [STAFF]


def test_an_unknown_theme_id_is_refused(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no theme 999 in this project"):
        export_csv(project, tmp_path / "x.csv", ExportOptions(themes=(999,)), unchanged)
    assert not (tmp_path / "x.csv").exists()


def test_cells_that_would_start_a_formula_stay_text(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    passage = project.coding.passages([CLOSE])[0]
    project.coding.set_memo(passage.id, '=HYPERLINK("http://example.org","klik")')
    export_csv(project, tmp_path / "p.csv", ExportOptions(), unchanged)
    assert read_csv(tmp_path / "p.csv")[0]["memo"] == '\'=HYPERLINK("http://example.org","klik")'
    export_xlsx(project, tmp_path / "p.xlsx", ExportOptions(), unchanged)
    cell = openpyxl.load_workbook(tmp_path / "p.xlsx")["Keakraban"]["K2"]
    assert cell.value == '=HYPERLINK("http://example.org","klik")' and cell.data_type == "s"


# -- XLSX ------------------------------------------------------------------------------------------------------
def test_xlsx_has_a_summary_and_a_sheet_per_theme(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    out = tmp_path / "passages.xlsx"
    result = export_xlsx(project, out, ExportOptions(), unchanged)
    assert result.counts == {"passages": 8, "themes": 4}
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", CLOSE, SAFE, OPEN, RESPECT]

    summary = book["Summary"]
    header = [c.value for c in summary[1]]
    assert header == ["theme", "passages", "with sub-themes", "resident", "staff", "interviewer", "other", "unknown"]
    rows = {r[0]: r[1:] for r in summary.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 37 + 1  # every theme, then the total
    assert rows[OPEN] == (3, 3, 1, 2, 0, 0, 0)  # the child, the staff member and the staff member's notes
    assert rows[RESPECT] == (3, 3, 2, 1, 0, 0, 0)
    assert rows[FACTORS] == (0, 6, 0, 0, 0, 0, 0)
    assert rows["Harapan"] == (0, 0, 0, 0, 0, 0, 0)
    assert rows["total"] == (8, None, 4, 3, 1, 0, 0)
    names = [r[0] for r in summary.iter_rows(min_row=2, values_only=True)]
    assert names.index(FACTORS) < names.index(OPEN) < names.index(RESPECT)
    open_cell = next(c for c in summary["A"] if c.value == OPEN)
    assert open_cell.alignment.indent == 1 and open_cell.hyperlink.location == f"'{OPEN}'!A1"
    assert summary.freeze_panes == "B2"

    sheet = book[RESPECT]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    quotes = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert quotes == ["pegawai mau mendengarkan", NAMED, STAFF]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 80 and sheet["B3"].alignment.wrap_text
    assert sheet["A1"].font.bold
    csv_out = tmp_path / "passages.csv"
    export_csv(project, csv_out, ExportOptions(), unchanged)
    as_csv = [list(r.values()) for r in read_csv(csv_out) if r["theme"].endswith(RESPECT)]
    as_xlsx = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert as_xlsx == as_csv


def test_xlsx_filtered_by_theme_lists_only_that_branch(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    out = tmp_path / "open.xlsx"
    export_xlsx(project, out, ExportOptions(themes=(project.themes.get(OPEN).id,)), unchanged)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", OPEN]
    assert [r[0] for r in book["Summary"].iter_rows(min_row=2, values_only=True)] == [OPEN, "total"]


def test_sheet_names_are_valid_and_unique() -> None:
    used = {"summary"}
    long = "Faktor-Faktor yang Mempengaruhi Hubungan Sosial"
    names = [
        sheet_name(n, used)
        for n in [long, long, "Staf: [Panutan]? *a/b\\c", "SUMMARY", "History", "'kutip'", "  ", "Staf sebagai X"]
    ]
    assert names == [
        long[:31],
        long[:27].rstrip() + " (2)",
        "Staf- -Panutan-- -a-b-c",
        "SUMMARY (2)",
        "History (2)",
        "kutip",
        "Theme",
        "Staf sebagai X",
    ]
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)


def test_themes_whose_names_clash_get_sheets_of_their_own(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    alike = "Kesempatan Berpartisipasi dalam Kegiatan Bersama"  # a theme of the codebook, under FACTORS
    project.themes.create(f"{alike} Lainnya", parent="Harapan")
    study.code(study.b1, B1, "merasa", [alike, f"Harapan/{alike} Lainnya"])
    book = openpyxl.load_workbook(export_xlsx(project, tmp_path / "x.xlsx", ExportOptions(), unchanged).paths[0])
    assert book.sheetnames[-2:] == ["Kesempatan Berpartisipasi dalam", "Kesempatan Berpartisipasi d (2)"]
    assert [r[0] for r in book.worksheets[-1].iter_rows(min_row=2, values_only=True)] == [f"Harapan/{alike} Lainnya"]


# -- pseudonymised ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_pseudonymised_exports_hold_no_listed_name(project: Project, study: CodedStudy, tmp_path: Path, fmt) -> None:
    study.list_names()
    plain, masked = tmp_path / f"plain.{fmt}", tmp_path / f"masked.{fmt}"
    export(project, fmt, plain, ExportOptions())
    export(project, fmt, masked, ExportOptions(pseudonymize=True))

    def parts(path: Path) -> dict[str, str]:
        return {"file": path.read_text(encoding="utf-8-sig")} if fmt == "csv" else archive_text(path)

    assert set(leaks("\n".join(parts(plain).values()))) >= {"Ibu Sari Dewi", "Sari", "Panti Harapan"}  # they are there
    assert {name: leaks(text) for name, text in parts(masked).items() if leaks(text)} == {}
    everything = "\n".join(parts(masked).values())
    assert "STAF-01" in everything and "PANTI-A" in everything
    if fmt != "csv":
        assert "docProps/core.xml" in parts(masked)


def test_pseudonymised_rows_keep_everything_else(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    study.list_names()
    export(project, "csv", tmp_path / "p.csv", ExportOptions(pseudonymize=True))
    rows = read_csv(tmp_path / "p.csv")
    named = next(r for r in rows if r["quote"].startswith("STAF-01 selalu"))
    assert named["quote"] == "STAF-01 selalu mendengarkan saya, STAF-01nya baik di PANTI-A"
    assert (named["memo"], named["coder"], named["start"]) == ("STAF-01 Dewi", "PEW-01", "00:00:10")
    assert next(r for r in rows if r["quote"] == STAFF)["speaker"] == "Bu STAF-01"


# -- failures --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_a_full_disk_leaves_no_file_and_names_it(
    project: Project, study: CodedStudy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    out = tmp_path / "out" / f"passages.{fmt}"
    out.parent.mkdir()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(UserError) as caught:
        export(project, fmt, out, ExportOptions())
    assert str(caught.value) == f"{out}: could not be written (no space left on the disk); nothing was changed"
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_a_failed_export_keeps_the_former_file(
    project: Project, study: CodedStudy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    out = tmp_path / f"passages.{fmt}"
    out.write_bytes(b"the report sent last week")

    def failing_write(self, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if fmt == "csv":
        monkeypatch.setattr(csv, "writer", lambda handle: type("W", (), {"writerow": failing_write})())
    elif fmt == "xlsx":
        monkeypatch.setattr(openpyxl.Workbook, "save", failing_write)
    else:
        import docx.document

        monkeypatch.setattr(docx.document.Document, "save", failing_write)
    with pytest.raises(UserError, match=f"{out.name}: could not be written \\(no space left on the disk\\)"):
        export(project, fmt, out, ExportOptions())
    assert out.read_bytes() == b"the report sent last week"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


class FullDisk:
    """A file whose every write fails as on a full disk (the disk said so half-way through the export)."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "transcript-docx"])
def test_a_disk_that_fills_up_while_writing_gives_one_line(
    project: Project, study: CodedStudy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The Word and Excel writers write a zip; when the disk fills up under them they leave it open, and when it was
    collected later it tried to write again and printed "Exception ignored ... No space left on device" with a
    traceback. Now the export fails with one line, leaves no file, and nothing is printed."""
    out = tmp_path / "out" / f"hasil.{'docx' if 'docx' in fmt else fmt}"
    out.parent.mkdir()
    opened = zipfile.ZipFile.__init__

    def full_disk(self: zipfile.ZipFile, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> None:
        opened(self, file, mode, *args, **kwargs)
        if mode == "w":
            self.fp = FullDisk(self.fp)

    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(zipfile.ZipFile, "__init__", full_disk)
    options = ExportOptions(recordings=(study.r1,)) if fmt == "transcript-docx" else ExportOptions()
    with pytest.raises(UserError) as caught:
        export(project, fmt, out, options)
    gc.collect()
    assert str(caught.value) == f"{out}: could not be written (no space left on the disk); nothing was changed"
    assert list(out.parent.iterdir()) == []
    assert unraisable == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_a_folder_or_a_missing_folder_is_refused(project: Project, study: CodedStudy, tmp_path: Path, fmt) -> None:
    with pytest.raises(UserError, match=f"^{tmp_path}: is a folder; give a file name to write$"):
        export(project, fmt, tmp_path, ExportOptions())
    missing = tmp_path / "nowhere" / f"x.{fmt}"
    with pytest.raises(UserError, match=f"{missing}: the folder {missing.parent} does not exist"):
        export(project, fmt, missing, ExportOptions())


def test_a_link_or_a_device_is_refused_and_left_as_it_was(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    import os

    target = tmp_path / "real.csv"
    target.write_text("kept", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with pytest.raises(UserError, match=f"^{link}: is a link to another file"):
        export(project, "csv", link, ExportOptions())
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "kept"
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with pytest.raises(UserError, match=f"^{pipe}: is not a plain file"):
        export(project, "csv", pipe, ExportOptions())
    assert not pipe.is_file() and pipe.exists()


def test_control_characters_do_not_break_the_workbook(project: Project, study: CodedStudy, tmp_path: Path) -> None:
    passage = project.coding.passages([CLOSE])[0]
    project.coding.set_memo(passage.id, "catatan\x0bdengan\x00kontrol")
    export_xlsx(project, tmp_path / "p.xlsx", ExportOptions(), unchanged)
    assert openpyxl.load_workbook(tmp_path / "p.xlsx")[CLOSE]["K2"].value == "catatandengankontrol"
