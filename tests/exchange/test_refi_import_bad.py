"""Refused REFI-QDA imports: each gives a message naming the file and the problem, and leaves the project exactly as
it was (rows, and no media left behind), also when the problem shows only half-way through."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.errors import UserError
from annotator.exchange.refi_import import import_qdc, import_qdpx
from annotator.exchange.refi_import_media import MediaFiles
from tests.conftest import snapshot
from tests.exchange.refi_files import code_xml, guid, project_xml, qdpx, selection_xml

XXE = '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Project name="&x;"/>'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&d;"/>'
)


def coded(code: str, ref: str) -> str:
    source = guid()
    return code_xml(code) + (
        f'<Sources><TextSource guid="{source}" name="Catatan"><PlainTextContent>Suasana terbuka</PlainTextContent>'
        f"{selection_xml(0, 7, ref)}</TextSource></Sources>"
    )


def entries(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def nested(depth: int, wrapper: str = "CodeBook") -> str:
    """Codes nested ``depth`` deep (5,000 made the reader recurse until Python gave up: RecursionError)."""
    codes = "".join(f'<Code guid="{guid()}" name="L{i}" isCodable="true">' for i in range(depth)) + "</Code>" * depth
    return f"<{wrapper}><Codes>{codes}</Codes></{wrapper}>" if wrapper == "CodeBook" else f"<Codes>{codes}</Codes>"


def truncated(path: Path) -> Path:
    code = guid()
    good = qdpx(path, project_xml(coded(code, code)), {"a.txt": "kata " * 2000})
    path.write_bytes(good.read_bytes()[: good.stat().st_size - 200])
    return path


def write(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def duplicate_code(path: Path) -> Path:
    code = guid()
    twice = f'<Code guid="{code}" name="Dua" isCodable="true"/>'
    return qdpx(path, project_xml(code_xml(code, inner=twice)))


CASES = {
    "empty file": (write(b""), r"x\.qdpx: the file is empty \(0 bytes\)"),
    "not a zip": (write(b"Wawancara 1\nSaya merasa nyaman"), r"x\.qdpx: not a zip archive, or one cut short"),
    "truncated zip": (truncated, r"x\.qdpx: not a zip archive, or one cut short"),
    "XXE": (lambda p: qdpx(p, XXE), r"x\.qdpx \(project\.qde\): declares a DTD .* refused"),
    "billion laughs": (lambda p: qdpx(p, LAUGHS), r"x\.qdpx \(project\.qde\): declares a DTD .* refused"),
    "invalid XML": (
        lambda p: qdpx(p, project_xml("<Users><User guid='x'></Users>")),
        r"x\.qdpx \(project\.qde\): is not well-formed XML \(mismatched tag at line 2, column",
    ),
    "empty project file": (lambda p: qdpx(p, b""), r"\(project\.qde\): is empty; there is no XML in it"),
    "not a project": (
        lambda p: qdpx(p, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'),
        r"\(project\.qde\): is not a REFI-QDA Project \(its root element is 'CodeBook'\)",
    ),
    "another namespace": (
        lambda p: qdpx(p, '<Project xmlns="http://example.org/other" name="x"/>'),
        r"is not REFI-QDA \(its root element is 'Project' in the namespace 'http://example.org/other'\)",
    ),
    "two project files": (
        lambda p: entries(p, {"a.qde": project_xml("").encode(), "b.qde": project_xml("").encode()}),
        r"x\.qdpx: holds 2 project files \(a\.qde, b\.qde\); a REFI-QDA project has one",
    ),
    "no project file": (
        lambda p: entries(p, {"sources/a.txt": b"halo"}),
        r"x\.qdpx: holds no project file \(\.qde\) at its top level",
    ),
    "zip slip": (
        lambda p: entries(p, {"project.qde": project_xml("").encode(), "sources/../../../.bashrc": b"rm -rf ~"}),
        r"x\.qdpx: the entry 'sources/\.\./\.\./\.\./\.bashrc' has a path that climbs out .* refused",
    ),
    "zip bomb": (
        lambda p: entries(p, {"project.qde": project_xml("").encode(), "sources/a.txt": bytes(64 << 20)}),
        r"x\.qdpx: the entry 'sources/a\.txt' unpacks from .* to 64\.0 MB .*zip bomb, refused",
    ),
    "many small entries, each a little bomb": (
        lambda p: entries(
            p, {"project.qde": project_xml("").encode(), **{f"sources/{i}.txt": bytes(60_000) for i in range(400)}}
        ),
        r"x\.qdpx: its 401 entries unpack to 22\.9 MB, .* more than 100 times their packed size allows: a zip bomb",
    ),
    "codes nested 5,000 deep": (
        lambda p: qdpx(p, project_xml(nested(5000))),
        r"x\.qdpx \(project\.qde\): its codes are nested more than 100 levels deep \(code 'L100'\); .* refused",
    ),
    "a CodeRef to an unknown GUID": (
        lambda p: qdpx(p, project_xml(coded(guid(), "0f3c2a9e-1b7d-4c6a-9e2f-5d8b7a6c4e21"))),
        r"x\.qdpx: none of its 1 codings refers to a code of the file or of this project \(the first refers to "
        r"0f3c2a9e-1b7d-4c6a-9e2f-5d8b7a6c4e21\); the file is inconsistent and is not imported",
    ),
    "two codes with one GUID": (
        duplicate_code,
        r"x\.qdpx: the codes 'Komunikasi Terbuka' and 'Dua' have the same GUID",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_files_leave_the_project_as_it_was(project: Project, tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    path = make(tmp_path / "x.qdpx")
    before = snapshot(project.path)
    with pytest.raises(UserError, match=message) as refused:
        import_qdpx(project, path)
    assert str(path) in str(refused.value)
    assert snapshot(project.path) == before
    assert not (tmp_path / "studi-media").exists()


def damaged(tmp_path: Path, media: dict[str, Path]) -> tuple[Path, str]:
    """Codes, a case and a recording (its media packed), then a text whose entry is damaged."""
    code, audio, text = guid(), guid(), guid()
    body = (
        code_xml(code, "Tema baru")
        + f'<Cases><Case guid="{guid()}" name="WBS-99"/></Cases>'
        + f'<Sources><AudioSource guid="{audio}" name="Rekaman" path="internal://{audio}.wav"/>'
        + f'<TextSource guid="{text}" name="Rusak" plainTextPath="internal://{text}.txt"/></Sources>'
    )
    path = tmp_path / "x.qdpx"
    with zipfile.ZipFile(path, "w") as archive:  # stored, so that the text can be damaged in place
        archive.writestr("project.qde", project_xml(body))
        archive.write(media["wav"], f"sources/{audio}.wav")
        archive.writestr(f"sources/{text}.txt", "Teks yang rusak di tengah jalan")
    path.write_bytes(path.read_bytes().replace(b"rusak di tengah", b"RUSAK di tengah"))
    return path, rf"x\.qdpx: the entry 'sources/{text}\.txt' cannot be unpacked \(the archive is damaged"


def test_a_file_refused_half_way_takes_back_what_it_did(
    project: Project, media: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme, the participant and the copied media are in before the damaged entry is met: all go again."""
    path, message = damaged(tmp_path, media)
    removed: list[Path] = []
    undo = MediaFiles.remove

    def spy(files: MediaFiles) -> None:
        removed.extend(files.created)
        undo(files)

    monkeypatch.setattr(MediaFiles, "remove", spy)
    before = snapshot(project.path)
    with pytest.raises(UserError, match=message):
        import_qdpx(project, path)
    assert removed == [tmp_path / "studi-media" / "Rekaman.wav"]  # it got that far
    assert not (tmp_path / "studi-media").exists()
    assert snapshot(project.path) == before


def test_a_media_folder_that_was_there_stays(project: Project, media: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "studi-media"
    folder.mkdir()
    (folder / "Rekaman.wav").write_text("the user's own file of that name")
    path, message = damaged(tmp_path, media)
    with pytest.raises(UserError, match=message):
        import_qdpx(project, path)
    assert [p.name for p in folder.iterdir()] == ["Rekaman.wav"]
    assert (folder / "Rekaman.wav").read_text() == "the user's own file of that name"


QDC_CASES = {
    "empty file": (b"", r"k\.qdc: the file is empty \(0 bytes\)"),
    "XXE": (XXE.replace("Project", "CodeBook").encode(), r"k\.qdc: declares a DTD"),
    "a project, not a codebook": (project_xml("").encode(), r"k\.qdc: is not a REFI-QDA CodeBook"),
    "not XML": (b"Komunikasi Terbuka; Rasa Aman", r"k\.qdc: is not well-formed XML \(syntax error at line 1"),
    "codes nested 5,000 deep": (
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">{nested(5000, "")}</CodeBook>'.encode(),
        r"k\.qdc: its codes are nested more than 100 levels deep \(code 'L100'\)",
    ),
}


@pytest.mark.parametrize("case", list(QDC_CASES))
def test_refused_codebooks(project: Project, tmp_path: Path, case: str) -> None:
    data, message = QDC_CASES[case]
    path = tmp_path / "k.qdc"
    path.write_bytes(data)
    before = snapshot(project.path)
    with pytest.raises(UserError, match=message):
        import_qdc(project, path)
    assert snapshot(project.path) == before
    with pytest.raises(UserError, match=r"nowhere\.qdc: no such file"):
        import_qdc(project, tmp_path / "nowhere.qdc")
