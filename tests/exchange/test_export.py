"""The dispatcher: formats, the pseudonymiser handed to each exporter, and choosing an importer by extension.

The other formats' modules are replaced here by recorders (``sys.modules``), so that these tests check the routing
alone; each format's own tests check what it writes and reads.
"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from annotator.core.project import Project
from annotator.errors import NotFound, UserError
from annotator.exchange.export import FORMATS, check_format, export, import_files
from annotator.exchange.options import ExportOptions, ExportResult, ImportSummary, unchanged
from annotator.exchange.redact import redactor
from tests.conftest import snapshot


class Recorder:
    """Stands in for the modules of the other formats and notes each call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        names = {
            "transcripts": ["export_transcripts"],
            "clips": ["export_clips"],
            "refi_export": ["export_qdpx", "export_qdc"],
            "refi_import": ["import_qdpx", "import_qdc"],
            "transcript_import": ["import_transcript"],
        }
        for module, functions in names.items():
            fake = types.ModuleType(f"annotator.exchange.{module}")
            for function in functions:
                setattr(fake, function, self._recorder(function))
            monkeypatch.setitem(sys.modules, fake.__name__, fake)

    def _recorder(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            if name.startswith("import"):
                return ImportSummary(Path(args[-1]).name, {"themes": 2})
            return ExportResult([Path(args[-3])], {"done": 1})

        return record


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder(monkeypatch)


def test_every_format_is_offered() -> None:
    assert list(FORMATS) == [
        "csv",
        "xlsx",
        "docx",
        "txt",
        "transcript-docx",
        "srt",
        "vtt",
        "qda-txt",
        "json",
        "clips",
        "qdpx",
        "qdc",
    ]
    assert all(FORMATS.values())
    assert check_format(" XLSX ") == "xlsx"


def test_an_unknown_format_is_refused(project: Project, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"^'pdf' is not an export format; use one of csv, xlsx, docx, txt, .*, qdc$"):
        export(project, "pdf", tmp_path / "x.pdf", ExportOptions())
    with pytest.raises(UserError, match="'zip' is not a way to export media; use one of internal, external"):
        export(project, "qdpx", tmp_path / "x.qdpx", ExportOptions(media="zip"))
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith("studi.annotator")]


@pytest.mark.parametrize(
    ("fmt", "function"),
    [
        ("txt", "export_transcripts"),
        ("transcript-docx", "export_transcripts"),
        ("srt", "export_transcripts"),
        ("vtt", "export_transcripts"),
        ("qda-txt", "export_transcripts"),
        ("json", "export_transcripts"),
        ("clips", "export_clips"),
        ("qdpx", "export_qdpx"),
        ("qdc", "export_qdc"),
    ],
)
def test_each_format_goes_to_its_module(
    project: Project, recorder: Recorder, tmp_path: Path, fmt: str, function: str
) -> None:
    options = ExportOptions(recordings=(1,), media="external")
    result = export(project, fmt, str(tmp_path / "out"), options)
    [(name, args, kwargs)] = recorder.calls
    assert name == function and kwargs == {}
    if function == "export_transcripts":
        assert args == (project, fmt, tmp_path / "out", options, unchanged)
    else:
        assert args == (project, tmp_path / "out", options, unchanged)
    assert result.counts == {"done": 1}


def test_the_pseudonymiser_is_handed_over_when_asked_for(project: Project, recorder: Recorder, tmp_path: Path) -> None:
    project.pseudonyms.add("Ibu Sari Dewi", "STAF-01")
    export(project, "srt", tmp_path / "a.srt", ExportOptions())
    export(project, "srt", tmp_path / "b.srt", ExportOptions(pseudonymize=True))
    plain, masked = (args[-1] for _, args, _ in recorder.calls)
    assert plain is unchanged
    assert masked("kata ibu sari dewi") == "kata STAF-01"


def test_the_redactor_is_the_identity_for_an_empty_list(project: Project) -> None:
    assert redactor(project) is unchanged
    project.pseudonyms.add("Sari", "WBS-01")
    assert redactor(project)("Sari, sari!") == "WBS-01, WBS-01!"


def test_a_folder_is_refused_for_a_file_format(project: Project, recorder: Recorder, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=f"^{tmp_path}: is a folder; give a file name to write$"):
        export(project, "qdpx", tmp_path, ExportOptions())
    export(project, "clips", tmp_path, ExportOptions())  # clips are written into a folder
    export(project, "srt", tmp_path, ExportOptions())  # so are the transcripts of several recordings
    assert [name for name, _, _ in recorder.calls] == ["export_clips", "export_transcripts"]


# -- importing -------------------------------------------------------------------------------------------------
@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "masuk"
    folder.mkdir()
    for name in ("proyek.qdpx", "kode.QDC", "wawancara.srt", "wawancara.vtt", "teks.txt", "teks.docx", "c.md", "x.pdf"):
        (folder / name).write_text("isi")
    return folder


def test_imports_go_to_their_importer(project: Project, recorder: Recorder, inbox: Path, media) -> None:
    rid = project.recordings.add(media["wav"]).id
    summaries = import_files(project, [inbox / "proyek.qdpx", inbox / "kode.QDC"], allow_external_media=True)
    assert [s.source for s in summaries] == ["proyek.qdpx", "kode.QDC"]
    assert recorder.calls == [
        ("import_qdpx", (project, inbox / "proyek.qdpx"), {"allow_external_media": True}),
        ("import_qdc", (project, inbox / "kode.QDC"), {}),
    ]
    for name in ("wawancara.srt", "wawancara.vtt", "teks.txt", "teks.docx"):
        recorder.calls.clear()
        import_files(project, [str(inbox / name)], recording="wawancara-wbs")  # a title or an id
        assert recorder.calls == [("import_transcript", (project, rid, inbox / name), {})]


REFUSED = {
    "text without a recording": (
        ["teks.txt"],
        None,
        "teks.txt: give --recording ID to import it as a recording's transcript, "
        "or import field notes with: annotator notes PROJECT --add FILE",
    ),
    "docx without a recording": (["proyek.qdpx", "teks.docx"], None, "teks.docx: give --recording ID"),
    "markdown": (["c.md"], None, "c.md: give --recording ID .* annotator notes PROJECT --add FILE"),
    "markdown for a recording": (["c.md"], "1", r"c.md: transcripts are read from \.srt, \.vtt, \.txt, \.docx"),
    "subtitles without a recording": (["wawancara.srt"], None, "a transcript belongs to a recording; give --recording"),
    "unknown extension": (["x.pdf"], "1", r"x.pdf: Annotator imports \.qdpx, \.qdc, .* files, not \.pdf"),
    "missing file": (["hilang.qdpx"], None, "hilang.qdpx: no such file"),
    "a folder": ([], None, "masuk: is a folder; name the files to import"),
    "two transcripts": (["wawancara.srt", "wawancara.vtt"], "1", "wawancara.vtt: one transcript at a time"),
    "unknown recording": (["wawancara.srt"], "99", "no recording"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_imports_bring_nothing_in(project: Project, recorder: Recorder, inbox: Path, media, case) -> None:
    project.recordings.add(media["wav"])
    names, recording, message = REFUSED[case]
    paths = [inbox / name for name in names] or [inbox]
    before = snapshot(project.path)
    with pytest.raises(UserError, match=message) as caught:
        import_files(project, [inbox / "kode.QDC", *paths], recording=recording)
    assert str(paths[-1].name) in str(caught.value) or isinstance(caught.value, NotFound)
    assert recorder.calls == []  # not even the good file before it
    assert snapshot(project.path) == before


def test_nothing_to_import(project: Project) -> None:
    with pytest.raises(UserError, match="name the files to import"):
        import_files(project, [])


def test_the_command_line_loads_no_format_library_up_front() -> None:
    """``annotator --help`` and the export dialog cost nothing until a format is used."""
    code = (
        "import sys, annotator.cli, annotator.exchange.export;"
        "print(sorted(m for m in ('openpyxl', 'docx', 'annotator.exchange.passages_out') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_summaries_count_in_words_people_read() -> None:
    from annotator.exchange.options import ExportResult, ImportSummary

    assert (
        ExportResult([Path("a.docx")], {"passages": 1, "themes": 2}).summary() == "Wrote a.docx (1 passage, 2 themes)"
    )
    lines = ImportSummary("x.qdpx", {"themes": 1, "passages": 0, "segments": 3}, ["sets: none"]).lines()
    assert lines == ["x.qdpx: added 1 theme, 3 segments", "  skipped: sets: none"]
