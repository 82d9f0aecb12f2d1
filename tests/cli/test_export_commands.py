"""``annotator export``, ``annotator import`` and ``annotator pseudonyms`` on a coded study, with bad input."""

from __future__ import annotations

import csv
import json
import sys
import types
from pathlib import Path

import docx
import openpyxl
import pytest

from annotator.core.project import Project
from annotator.exchange.options import ImportSummary
from tests.conftest import snapshot
from tests.exchange.coded_study import NAMED, OPEN, RESPECT, CodedStudy, archive_text, leaks


@pytest.fixture
def study(project_file: Path, media: dict[str, Path]) -> Path:
    with Project.open(project_file) as project:
        CodedStudy(project, media)
    return project_file


def assert_user_error(result, *fragments: str) -> None:
    """Exit status 2 and one line on stderr (from the command, or from argparse for a usage error)."""
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith(("annotator: error: ", "annotator export: error: ", "annotator pseudonyms: error: "))
    assert result.err.count("\n") == 1, f"not one line: {result.err!r}"
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in {result.err!r}"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- export ----------------------------------------------------------------------------------------------------
def test_export_csv_xlsx_and_docx(cli, study: Path, tmp_path: Path) -> None:
    for fmt, name in (("csv", "p.csv"), ("xlsx", "p.xlsx"), ("docx", "laporan.docx")):
        done = cli("export", study, "--format", fmt, "--out", tmp_path / name)
        assert done.code == 0, done.err
        assert done.err == ""
    assert len(rows(tmp_path / "p.csv")) == 8
    assert openpyxl.load_workbook(tmp_path / "p.xlsx").sheetnames[0] == "Summary"
    assert any(p.style.name == "Quote" for p in docx.Document(str(tmp_path / "laporan.docx")).paragraphs)
    done = cli("export", study, "--format", "docx", "--out", tmp_path / "laporan.docx")
    assert done.out == f"Wrote {tmp_path / 'laporan.docx'} (8 passages, 7 themes)\n"


def test_export_by_theme_and_recording_names(cli, study: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    done = cli("export", study, "--format", "csv", "--out", out, "--theme", RESPECT, "--recording", "wawancara-wbs")
    assert done.code == 0, done.err
    assert [r["quote"] for r in rows(out)] == ["pegawai mau mendengarkan", NAMED]
    done = cli("export", study, "--format", "csv", "--out", out, "--theme", OPEN, RESPECT, "--recording", "1", "2")
    assert len(rows(out)) == 5
    done = cli("export", study, "--format", "csv", "--out", out, "--theme", "13", "--json")
    assert json.loads(done.out) == {"format": "csv", "paths": [str(out)], "counts": {"passages": 3}}


def test_export_pseudonymised(cli, study: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.xlsx"
    done = cli("export", study, "--format", "xlsx", "--out", out, "--pseudonymize")
    assert done.code == 0
    assert "--pseudonymize, but the project lists no real names, so none were replaced" in done.err
    assert cli("pseudonyms", study, "--add", "Ibu Sari Dewi=STAF-01", "Sari=STAF-01", "Rina Wulandari=PEW-01").code == 0
    assert cli("pseudonyms", study, "--add", "Panti Harapan=PANTI-A", "--kind", "place").code == 0
    done = cli("export", study, "--format", "xlsx", "--out", out, "--pseudonymize")
    assert (done.code, done.err) == (0, "")
    assert {part: leaks(text) for part, text in archive_text(out).items() if leaks(text)} == {}


BAD_EXPORTS = {
    "unknown format": (["--format", "pdf"], "'pdf' is not an export format; use one of csv, xlsx, docx"),
    "unknown theme": (["--theme", "Kebahagiaan"], "no theme 'Kebahagiaan' in this project"),
    "unknown recording": (["--recording", "99"], "no recording"),
    "out is a folder": (["--out", "{tmp}"], "{tmp}: is a folder; give a file name to write"),
    "missing folder": (["--out", "{tmp}/hilang/p.csv"], "{tmp}/hilang/p.csv: the folder {tmp}/hilang does not exist"),
    "unknown media": (["--media", "zip"], "argument --media: invalid choice: 'zip'"),
}


@pytest.mark.parametrize("case", list(BAD_EXPORTS))
def test_bad_exports(cli, study: Path, tmp_path: Path, case: str) -> None:
    extra, message = BAD_EXPORTS[case]
    args = {"--format": "csv", "--out": str(tmp_path / "p.csv")}
    for flag, value in zip(extra[::2], extra[1::2], strict=True):
        args[flag] = value.format(tmp=tmp_path)
    before = snapshot(study)
    done = cli("export", study, *[item for pair in args.items() for item in pair])
    assert_user_error(done, message.format(tmp=tmp_path))
    assert not (tmp_path / "p.csv").exists()
    assert snapshot(study) == before


def test_export_help_lists_the_formats(cli) -> None:
    done = cli("export", "--help")
    assert done.code == 0
    for fmt in ("csv", "xlsx", "transcript-docx", "qda-txt", "clips", "qdpx", "qdc"):
        assert f"{fmt}:" in done.out


# -- import ----------------------------------------------------------------------------------------------------
def test_import_prints_each_summary(cli, study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("annotator.exchange.refi_import")
    fake.import_qdc = lambda project, path: ImportSummary(path.name, {"themes": 37}, ["a code without a name"])
    fake.import_qdpx = lambda project, path, allow_external_media: ImportSummary(path.name, {"sources": 0})
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    for name in ("kode.qdc", "proyek.qdpx"):
        (tmp_path / name).write_text("isi")
    done = cli("import", study, tmp_path / "kode.qdc", tmp_path / "proyek.qdpx")
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "kode.qdc: added 37 themes",
        "  skipped: a code without a name",
        "proyek.qdpx: added nothing",
    ]
    done = cli("import", study, tmp_path / "kode.qdc", "--json")
    assert json.loads(done.out)["imports"][0]["added"] == {"themes": 37}


def test_bad_imports(cli, study: Path, tmp_path: Path) -> None:
    notes = tmp_path / "catatan.txt"
    notes.write_text("Suasana terbuka.")
    before = snapshot(study)
    assert_user_error(cli("import", study, notes), "catatan.txt: give --recording ID", "annotator notes PROJECT --add")
    assert_user_error(cli("import", study, tmp_path / "hilang.qdpx"), "hilang.qdpx: no such file")
    assert_user_error(cli("import", study, notes, "--recording", "99"), "no recording")
    assert_user_error(cli("import", study, tmp_path), "is a folder; name the files to import")
    pdf = tmp_path / "x.pdf"
    pdf.write_text("%PDF")
    assert_user_error(cli("import", study, pdf), "x.pdf: Annotator imports .qdpx, .qdc")
    assert snapshot(study) == before


# -- pseudonyms ------------------------------------------------------------------------------------------------
def test_pseudonyms_add_list_remove(cli, project_file: Path) -> None:
    done = cli("pseudonyms", project_file)
    assert done.out.startswith("No real names listed yet")
    done = cli("pseudonyms", project_file, "--add", "Ibu Sari Dewi=STAF-01", "Budi = WBS-02")
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "Added Ibu Sari Dewi = STAF-01 (person)",
        "Added Budi = WBS-02 (person)",
        "",
        "Budi           WBS-02  (person)",
        "Ibu Sari Dewi  STAF-01  (person)",
    ]
    assert cli("pseudonyms", project_file, "--add", "Panti Harapan=PANTI-A", "--kind", "place").code == 0
    data = json.loads(cli("pseudonyms", project_file, "--json").out)
    assert [(e["real"], e["replacement"], e["kind"]) for e in data["pseudonyms"]] == [
        ("Budi", "WBS-02", "person"),
        ("Ibu Sari Dewi", "STAF-01", "person"),
        ("Panti Harapan", "PANTI-A", "place"),
    ]
    done = cli("pseudonyms", project_file, "--remove", "budi")
    assert done.out.splitlines()[0] == "Removed Budi (was replaced by WBS-02)"
    with Project.open(project_file) as project:
        assert project.pseudonyms.redact("Budi dan ibu sari dewi") == "Budi dan STAF-01"


BAD_PSEUDONYMS = {
    "no code": (["--add", "Sari"], "--add 'Sari': write it as REAL=CODE"),
    "empty name": (["--add", "=WBS-01"], "--add '=WBS-01': write it as REAL=CODE"),
    "duplicate": (["--add", "Rani=WBS-03", "ibu sari dewi=X"], "'ibu sari dewi' is listed already"),
    "code is a name": (["--add", "Rani=Ibu Sari Dewi"], "its code 'Ibu Sari Dewi' contains the listed real name"),
    "unknown name": (["--remove", "Tono"], "no pseudonym for 'Tono' in this project"),
    "unknown kind": (["--add", "Rani=WBS-03", "--kind", "city"], "argument --kind: invalid choice: 'city'"),
}


@pytest.mark.parametrize("case", list(BAD_PSEUDONYMS))
def test_bad_pseudonyms_change_nothing(cli, project_file: Path, case: str) -> None:
    assert cli("pseudonyms", project_file, "--add", "Ibu Sari Dewi=STAF-01").code == 0
    args, message = BAD_PSEUDONYMS[case]
    before = snapshot(project_file)
    assert_user_error(cli("pseudonyms", project_file, *args), message)
    assert snapshot(project_file) == before


def test_the_transcripts_of_every_recording_go_into_a_folder(cli, study: Path, tmp_path: Path) -> None:
    import srt

    out = tmp_path / "subtitles"
    result = cli("export", study, "--format", "srt", "--out", out)
    assert result.code == 0, result.err
    files = sorted(out.glob("*.srt"))
    assert len(files) == 2  # the two interviews, a file each
    for path in files:
        cues = list(srt.parse(path.read_text(encoding="utf-8")))
        assert cues and all(cue.end > cue.start for cue in cues)
    again = cli("export", study, "--format", "srt", "--out", out)  # the folder exists now: written into again
    assert again.code == 0, again.err


def test_a_file_refused_after_others_says_which_came_in(cli, study: Path, tmp_path: Path) -> None:
    codebook = tmp_path / "kode.qdc"
    assert cli("export", study, "--format", "qdc", "--out", codebook).code == 0
    broken = tmp_path / "rusak.qdpx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    fresh = tmp_path / "baru.annotator"
    assert cli("new", fresh).code == 0
    result = cli("import", fresh, codebook, broken)
    assert result.code == 2
    assert "kode.qdc: added 37 themes" in result.out  # said as it came in, before the refusal
    assert str(broken) in result.err and f"{codebook} came in before it" in result.err
    with Project.open(fresh) as project:
        assert len([n for root in project.themes.tree() for _d, n in root.walk()]) == 37
