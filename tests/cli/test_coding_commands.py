"""``annotator code`` and ``annotator passages`` on real recordings with stored transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.models import TextDocument
from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from tests.conftest import snapshot

OPEN = "Komunikasi Terbuka"
RESPECT = "Rasa Saling Menghargai"
A1 = "Apakah kamu merasa nyaman di panti?"
B1 = "Saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan"
A2 = "How do you talk with the children?"
B2 = "We listen to them and we talk openly every day, we listen"
KEYS = {"id", "theme", "recording", "speaker", "participant", "start_ms", "end_ms", "text", "memo", "coder"}


def add_segment(project: Project, rid: int, start: int, end: int, text: str, speaker: str) -> int:
    tokens = text.split()
    step = (end - start) // len(tokens)
    words = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.8) for k, t in enumerate(tokens)]
    return project.transcripts.add_segment(rid, NewSegment(start, end, text, words, speaker=speaker))


@pytest.fixture
def study(cli, project_file: Path, media: dict[str, Path]) -> Path:
    """Recording 1: a resident (WBS-01) and an interviewer; recording 2: a staff member (STAF-01)."""
    assert cli("participants", project_file, "--add", "PEW-01", "--role", "interviewer").code == 0
    assert cli("participants", project_file, "--add", "WBS-01", "--role", "resident", "--attribute", "age=14").code == 0
    assert cli("add", project_file, media["wav"], "--participant", "WBS-01").code == 0
    assert cli("add", project_file, media["m4a"], "--participant", "STAF-01", "--role", "staff").code == 0
    with Project.open(project_file) as project:
        add_segment(project, 1, 0, 3000, A1, "Pewawancara")
        add_segment(project, 1, 3000, 7000, B1, "Anak")
        add_segment(project, 2, 0, 4000, A2, "Pewawancara")
        add_segment(project, 2, 64_000, 69_000, B2, "Staf")
        for rid, label, code in ((1, "Pewawancara", "PEW-01"), (1, "Anak", "WBS-01"), (2, "Staf", "STAF-01")):
            project.recordings.set_speaker(rid, label, code)
        with project.transaction() as session:
            session.add(TextDocument(title="Catatan lapangan", text="Suasana terbuka dan hangat."))
    return project_file


def assert_user_error(result, *fragments: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("annotator: error: ")
    assert result.err.count("\n") == 1, f"not one line: {result.err!r}"
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in {result.err!r}"


def passages(cli, path: Path, *args: str) -> list[dict]:
    result = cli("passages", path, *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)["passages"]


# -- annotator code --------------------------------------------------------------------------------------------
def test_code_the_first_occurrence(cli, study: Path) -> None:
    result = cli("code", study, "--recording", "1", "--theme", OPEN, "--text", "merasa nyaman")
    assert result.code == 0, result.err
    assert result.out == "Coded 1 passage of 'Komunikasi Terbuka' in recording 1 at 0:00:01: “merasa nyaman”\n"
    [row] = passages(cli, study)
    assert (row["text"], row["speaker"], row["participant"], row["role"]) == (
        "merasa nyaman",
        "Pewawancara",
        "PEW-01",
        "interviewer",
    )


def test_code_every_occurrence_with_memo_and_coder(cli, study: Path) -> None:
    result = cli(
        "code", study, "--recording", "2", "--theme", "Open communication", "--text", "WE  listen", "--all",
        "--memo", "mendengarkan", "--coder", "Ani",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Coded 2 passages of 'Komunikasi Terbuka' in recording 2:",
        "  0:01:04: “We listen”",
        "  0:01:08: “we listen”",
    ]
    rows = passages(cli, study)
    assert [(r["text"], r["memo"], r["coder"]) for r in rows] == [("We listen", "mendengarkan", "Ani")] + [
        ("we listen", "mendengarkan", "Ani")
    ]
    assert rows[0]["start_ms"] == 64_010


def test_code_json(cli, study: Path) -> None:
    result = cli("code", study, "--recording", "wawancara-wbs", "--theme", OPEN, "--text", "pegawai", "--json")
    assert result.code == 0, result.err
    [row] = json.loads(result.out)["passages"]
    assert KEYS <= set(row)
    assert (row["theme"], row["recording"], row["speaker"], row["participant"], row["text"]) == (
        OPEN,
        "wawancara-wbs",
        "Anak",
        "WBS-01",
        "pegawai",
    )
    words = B1.split()
    step = 4000 // len(words)
    k = words.index("pegawai")
    assert (row["start_ms"], row["end_ms"]) == (3000 + k * step + 10, 3000 + (k + 1) * step - 10)


def test_code_twice_changes_nothing(cli, study: Path) -> None:
    assert cli("code", study, "--recording", "1", "--theme", OPEN, "--text", "panti").code == 0
    before = snapshot(study)
    result = cli("code", study, "--recording", "1", "--theme", OPEN, "--text", "panti")
    assert result.code == 0
    assert result.out == "Nothing to do: “panti” in recording 1 is already coded with 'Komunikasi Terbuka'\n"
    assert snapshot(study) == before


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--recording", "9", "--theme", OPEN, "--text", "panti"), ("no recording '9'",)),
        (("--recording", "1", "--theme", "Kebahagiaan", "--text", "panti"), ("no theme 'Kebahagiaan'",)),
        (
            ("--recording", "1", "--theme", OPEN, "--text", "dilarang keluar"),
            ("recording 1 (wawancara-wbs)", "no 'dilarang keluar' in its transcript"),
        ),
        (("--recording", "1", "--theme", OPEN, "--text", "  "), ("give the words to code",)),
        (("--recording", "1", "--theme", OPEN, "--text", "panti", "--coder", " "), ("a coder needs a name",)),
    ],
)
def test_code_refusals_change_nothing(cli, study: Path, args: tuple[str, ...], fragments: tuple[str, ...]) -> None:
    before = snapshot(study)
    assert_user_error(cli("code", study, *args), *fragments)
    assert snapshot(study) == before


def test_code_needs_recording_theme_and_text(cli, study: Path) -> None:
    result = cli("code", study, "--theme", OPEN, "--text", "panti")
    assert result.code == 2 and "--recording" in result.err


# -- annotator passages ----------------------------------------------------------------------------------------
@pytest.fixture
def coded(cli, study: Path) -> Path:
    def code(rid: str, theme: str, text: str, *more: str) -> None:
        assert cli("code", study, "--recording", rid, "--theme", theme, "--text", text, *more).code == 0

    code("1", OPEN, "pegawai mau mendengarkan")
    code("1", RESPECT, "pegawai mau mendengarkan", "--coder", "Budi")
    code("1", "Rasa Aman", "nyaman tinggal")
    code("2", OPEN, "talk openly", "--memo", "terbuka")
    code("2", RESPECT, "We listen to them")
    with Project.open(study) as project:
        project.coding.code_document(1, 0, 15, ["Komunikasi Terbuka"])
    return study


def test_passages_json_shape(cli, coded: Path) -> None:
    rows = passages(cli, coded, "--theme", OPEN)
    assert all(set(row) == KEYS | {"theme_path", "role", "document", "recording_id", "document_id"} for row in rows)
    assert [(r["recording"], r["document"], r["text"]) for r in rows] == [
        ("wawancara-wbs", None, "pegawai mau mendengarkan"),
        ("interview-staff", None, "talk openly"),
        (None, "Catatan lapangan", "Suasana terbuka"),
    ]
    first = rows[0]
    assert first["theme_path"] == f"Faktor-Faktor yang Mempengaruhi Hubungan Sosial/{OPEN}"
    assert (first["speaker"], first["participant"], first["role"], first["recording_id"]) == (
        "Anak",
        "WBS-01",
        "resident",
        1,
    )
    assert isinstance(first["id"], int) and first["start_ms"] < first["end_ms"]
    assert rows[1]["memo"] == "terbuka"
    assert (rows[2]["start_ms"], rows[2]["end_ms"], rows[2]["speaker"], rows[2]["participant"]) == (
        None,
        None,
        None,
        None,
    )


def test_passages_text_output(cli, coded: Path) -> None:
    result = cli("passages", coded, "--theme", OPEN)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "[Komunikasi Terbuka] wawancara-wbs 0:00:05–0:00:06 Anak (WBS-01): “pegawai mau mendengarkan”",
        "[Komunikasi Terbuka] interview-staff 0:01:06–0:01:07 Staf (STAF-01): “talk openly”",
        "    memo: terbuka",
        "[Komunikasi Terbuka] Catatan lapangan: “Suasana terbuka”",
        "3 passages",
    ]
    assert cli("passages", coded, "--theme", "Harapan").out == "No passages.\n"


def test_passages_every_theme_in_tree_order(cli, coded: Path) -> None:
    rows = passages(cli, coded)
    assert [r["theme"] for r in rows] == ["Rasa Aman"] + [OPEN] * 3 + [RESPECT] * 2


def test_passages_modes_and_subthemes(cli, coded: Path) -> None:
    rows = passages(cli, coded, "--theme", OPEN, RESPECT, "--mode", "all")
    assert [(r["theme"], r["text"]) for r in rows] == [(OPEN, "pegawai mau mendengarkan")] + [
        (RESPECT, "pegawai mau mendengarkan")
    ]
    rows = passages(cli, coded, "--theme", RESPECT, "--theme", OPEN, "--mode", "co")
    assert [(r["theme"], r["recording"]) for r in rows] == [(RESPECT, "wawancara-wbs")]
    factors = "Faktor-Faktor yang Mempengaruhi Hubungan Sosial"
    assert len(passages(cli, coded, "--theme", factors)) == 5
    assert passages(cli, coded, "--theme", factors, "--no-subthemes") == []


def test_passages_filters(cli, coded: Path) -> None:
    def texts(*args: str) -> list[str]:
        return [r["text"] for r in passages(cli, coded, *args)]

    assert texts("--recording", "2") == ["talk openly", "We listen to them"]
    assert texts("--recording", "1", "2", "--theme", RESPECT) == ["pegawai mau mendengarkan", "We listen to them"]
    assert texts("--role", "staff") == ["talk openly", "We listen to them"]
    assert texts("--role", "wbs", "--theme", OPEN) == ["pegawai mau mendengarkan"]
    assert texts("--participant", "staf-01", "--theme", RESPECT) == ["We listen to them"]
    assert texts("--coder", "Budi") == ["pegawai mau mendengarkan"]
    assert texts("--contains", "MAU  mendengarkan", "--theme", RESPECT) == ["pegawai mau mendengarkan"]
    assert texts("--attribute", "age=14") == ["nyaman tinggal", "pegawai mau mendengarkan", "pegawai mau mendengarkan"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--theme", "Kebahagiaan"), "no theme 'Kebahagiaan'"),
        (("--theme", OPEN, "--mode", "co"), "two themes or more"),
        (("--mode", "all"), "needs themes"),
        (("--role", "guru"), "'guru' is not a role"),
        (("--participant", "WBS-99"), "no participant 'WBS-99'"),
        (("--recording", "7"), "no recording '7'"),
        (("--coder", "Zainal"), "no coder 'Zainal'"),
        (("--attribute", "age"), "write it as NAME=VALUE"),
    ],
)
def test_passages_refusals(cli, coded: Path, args: tuple[str, ...], fragment: str) -> None:
    before = snapshot(coded)
    result = cli("passages", coded, *args)
    assert_user_error(result, fragment)
    assert snapshot(coded) == before


def test_passages_refuses_an_unknown_mode(cli, coded: Path) -> None:
    result = cli("passages", coded, "--mode", "some")
    assert result.code == 2 and "invalid choice: 'some'" in result.err and result.err.count("\n") == 1


@pytest.mark.parametrize("command", ["code", "passages"])
def test_help(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0 and "--theme" in result.out


def test_speakers_says_who_each_voice_is_and_maps_them(cli, study: Path) -> None:
    listed = cli("speakers", study, "2")
    assert listed.code == 0, listed.err
    assert listed.out.splitlines() == [
        "Pewawancara: nobody yet: --map to say who, 1 segment(s)",
        "Staf: STAF-01 (staff), 1 segment(s)",
    ]
    mapped = cli("speakers", study, "2", "--map", "Pewawancara=PEW-01", "--map", "Staf=", "--json")
    assert mapped.code == 0, mapped.err
    assert [(s["label"], s["participant"], s["role"]) for s in json.loads(mapped.out)["speakers"]] == [
        ("Pewawancara", "PEW-01", "interviewer"),
        ("Staf", None, None),
    ]
    assert_user_error(cli("speakers", study, "2", "--map", "Anak=WBS-01"), "has no speaker 'Anak'")
    assert_user_error(cli("speakers", study, "2", "--map", "Staf"), "write it as LABEL=CODE")
