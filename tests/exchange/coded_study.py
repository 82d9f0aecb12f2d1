"""A coded study for the export tests: the two interviews and field notes of ``tests.core.test_coding.Study``,
with passages of four themes in three branches of the tree, real names in quotes, a speaker label, a memo, a
theme's definition, a coder, a document title and the project's name, and the list of those names."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from annotator.core.models import ProjectInfo, TextDocument
from annotator.core.project import Project
from tests.core.test_coding import A1, B1, B2, C1, CLOSE, FACTORS, NOTES, OPEN, RESPECT, SAFE, Study, add_segment

__all__ = ["CLOSE", "FACTORS", "OPEN", "RESPECT", "SAFE", "CodedStudy", "archive_text", "leaks"]

NAMED = "Ibu Sari Dewi selalu mendengarkan saya, Sarinya baik di Panti Harapan"
STAFF = "Kami mendengarkan anak-anak setiap hari"
DEFINITION = "Saling menghargai, seperti yang dicontohkan Ibu Sari Dewi di Panti  Harapan"
NAMES = {"Ibu Sari Dewi": "STAF-01", "Sari": "STAF-01", "Panti Harapan": "PANTI-A", "Rina Wulandari": "PEW-01"}
PROJECT_NAME = "Studi relasi Panti Harapan"


class CodedStudy(Study):
    """Eight codings, in theme-tree order:

    ========================  =============================================  ==========================
    theme                     passage                                        who, where
    ========================  =============================================  ==========================
    Keakraban                 "merasa nyaman di panti" (a1)                  PEW-01, recording 1
    Rasa Aman                 "bermain bola bersama" (c1)                    WBS-01 (no speaker), rec 1
    Komunikasi Terbuka        "nyaman tinggal di panti" (b1, memo)           WBS-01, recording 1
    Komunikasi Terbuka        "we talk openly every day" (b2)                STAF-01, recording 2
    Komunikasi Terbuka        "Suasana terbuka dan hangat" (field notes)     STAF-01, the notes
    Rasa Saling Menghargai    "pegawai mau mendengarkan" (b1)                WBS-01, recording 1
    Rasa Saling Menghargai    NAMED, whole (e1, memo, coder Rina Wulandari)  WBS-01, recording 1
    Rasa Saling Menghargai    STAFF, whole (f2, speaker "Bu Sari")           STAF-01, recording 2
    ========================  =============================================  ==========================
    """

    def __init__(self, project: Project, media: dict[str, Path]) -> None:
        super().__init__(project, media)
        coding = project.coding
        self.e1 = add_segment(project, self.r1, 10_000, 14_000, NAMED, "Anak")
        self.f2 = add_segment(project, self.r2, 9000, 12_000, STAFF, "Bu Sari")
        project.recordings.set_speaker(self.r2, "Bu Sari", "STAF-01")
        project.themes.set_definition(RESPECT, DEFINITION)
        with project.transaction() as session:
            session.query(ProjectInfo).one().name = PROJECT_NAME
            session.get(TextDocument, self.doc).title = "Catatan lapangan"
        self.code(self.a1, A1, "merasa nyaman di panti", [CLOSE])
        self.code(self.c1, C1, "bermain bola bersama", [SAFE])
        self.code(self.b1, B1, "nyaman tinggal di panti", [OPEN], memo="rasa nyaman, kata Sari")
        self.code(self.b2, B2, "we talk openly every day", [OPEN])
        start = NOTES.index("Suasana")
        coding.code_document(self.doc, start, start + len("Suasana terbuka dan hangat"), [OPEN])
        self.code(self.b1, B1, "pegawai mau mendengarkan", [RESPECT])
        coding.code_span(self.r1, self.e1, 0, self.e1, len(NAMED), [RESPECT], memo="Sari Dewi", coder="Rina Wulandari")
        coding.code_span(self.r2, self.f2, 0, self.f2, len(STAFF), [RESPECT])

    def list_names(self) -> None:
        for real, code in NAMES.items():
            self.project.pseudonyms.add(real, code, "place" if real.startswith("Panti") else "person")


def archive_text(path: Path) -> dict[str, str]:
    """Every part of a zip archive (.xlsx, .docx) as text."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def leaks(text: str) -> list[str]:
    """The listed real names in ``text`` (any case, any spacing; inside markup too)."""
    found = []
    for real in NAMES:
        pattern = r"\s+".join(re.escape(word) for word in real.split())
        if re.search(pattern, text, re.IGNORECASE):
            found.append(real)
    return found


def csv_text(path: Path) -> str:
    return open(path, encoding="utf-8-sig").read()
