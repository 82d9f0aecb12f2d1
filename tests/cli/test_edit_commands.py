"""``annotator edit``: a script corrects a transcript's segment or marks it verified, as the editor does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from tests.conftest import snapshot

QUESTION = "Apakah kamu merasa nyaman di panti?"
ANSWER = "Saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan"
STAFF = "We listen to them every day"
THEME = "Komunikasi Terbuka"


def add_segment(project: Project, rid: int, start: int, end: int, text: str, speaker: str) -> int:
    tokens = text.split()
    step = (end - start) // len(tokens)
    words = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.8) for k, t in enumerate(tokens)]
    return project.transcripts.add_segment(rid, NewSegment(start, end, text, words, speaker=speaker))


@pytest.fixture
def study(cli, project_file: Path, media: dict[str, Path]) -> tuple[Path, dict[str, int]]:
    """Recording 1 ("interview") with a question and an answer; recording 2 ("staff") with one segment; recording 3
    ("silent") without a transcript. Returns the project and the segments' ids."""
    for path, title in ((media["wav"], "interview"), (media["m4a"], "staff"), (media["mp3"], "silent")):
        assert cli("add", project_file, path, "--title", title).code == 0
    with Project.open(project_file) as project:
        # stored out of time order: #N counts by time, not by id
        answer = add_segment(project, 1, 3000, 7000, ANSWER, "Anak")
        question = add_segment(project, 1, 0, 3000, QUESTION, "Pewawancara")
        staff = add_segment(project, 2, 64_000, 69_000, STAFF, "Staf")
    return project_file, {"question": question, "answer": answer, "staff": staff}


def transcript(cli, path: Path, recording: str = "1") -> list[dict]:
    result = cli("transcript", path, recording, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)["segments"]


def assert_user_error(result, *fragments: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("annotator: error: ")
    assert result.err.count("\n") == 1, f"not one line: {result.err!r}"
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in {result.err!r}"


def test_edit_the_text_of_a_segment(cli, study) -> None:
    path, ids = study
    before = {s["id"]: s for s in transcript(cli, path)}[ids["answer"]]
    new = "Saya merasa aman tinggal di panti karena pegawai mau mendengarkan"
    result = cli("edit", path, "1", str(ids["answer"]), "--text", f"  {new} ")
    assert result.code == 0, result.err
    assert result.out == f"Segment {ids['answer']} [0:00:03] Anak: {new} (edited)\n"
    after = {s["id"]: s for s in transcript(cli, path)}[ids["answer"]]
    assert (after["text"], after["status"]) == (new, "edited")
    # the words that did not change keep their times and probability; the new one is a person's
    kept = [(w["text"], w["start_ms"], w["end_ms"], w["probability"]) for w in before["words"]]
    now = [(w["text"], w["start_ms"], w["end_ms"], w["probability"]) for w in after["words"]]
    assert [w for w in now if w[0] != "aman"] == [w for w in kept if w[0] != "nyaman"]
    assert [w[3] for w in now if w[0] == "aman"] == [None]


def test_the_nth_segment_in_time_order_of_a_recording_named_by_title(cli, study) -> None:
    path, ids = study
    result = cli("edit", path, "interview", "#1", "--text", "Apakah kamu merasa aman di panti?")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Segment {ids['question']} [0:00:00] Pewawancara: Apakah kamu merasa aman")
    assert [s["text"] for s in transcript(cli, path)] == ["Apakah kamu merasa aman di panti?", ANSWER]


def test_verify_and_set_the_status(cli, study) -> None:
    path, ids = study
    result = cli("edit", path, "2", "#1", "--verify")
    assert result.code == 0, result.err
    assert result.out == f"Segment {ids['staff']} [0:01:04] Staf: {STAFF} (verified)\n"
    assert [s["status"] for s in transcript(cli, path, "2")] == ["verified"]
    assert cli("edit", path, "2", str(ids["staff"]), "--status", "asr").code == 0
    assert [(s["text"], s["status"]) for s in transcript(cli, path, "2")] == [(STAFF, "asr")]


def test_correct_and_verify_at_once_as_json(cli, study) -> None:
    path, ids = study
    result = cli("edit", path, "1", "#2", "--text", "Saya merasa nyaman", "--verify", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["recording"] == 1
    segment = data["segment"]
    assert (segment["id"], segment["text"], segment["status"]) == (ids["answer"], "Saya merasa nyaman", "verified")
    assert segment == {s["id"]: s for s in transcript(cli, path)}[ids["answer"]]  # as transcript --json has it


def test_a_coding_stays_on_its_words(cli, study) -> None:
    path, ids = study
    result = cli("code", path, "--recording", "1", "--theme", THEME, "--text", "pegawai mau mendengarkan")
    assert result.code == 0, result.err
    [before] = json.loads(cli("passages", path, "--json").out)["passages"]

    new = "Aku merasa senang tinggal di sini karena pegawai mau mendengarkan"
    assert cli("edit", path, "1", str(ids["answer"]), "--text", new).code == 0
    [after] = json.loads(cli("passages", path, "--json").out)["passages"]
    assert after["text"] == "pegawai mau mendengarkan"
    assert (after["id"], after["start_ms"], after["end_ms"]) == (before["id"], before["start_ms"], before["end_ms"])

    # a coded word replaced: the passage keeps to what is left of its words
    assert cli("edit", path, "1", str(ids["answer"]), "--text", new.replace("mau ", "")).code == 0
    [changed] = json.loads(cli("passages", path, "--json").out)["passages"]
    assert changed["text"] == "pegawai mendengarkan"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["1", "999"], ["no segment 999 in this project"]),
        (["1", "#3"], ["recording 1 (interview) has 2 segments, so no segment #3"]),
        (["silent", "#1"], ["recording 3 (silent) has no transcript yet"]),
        (["1", "#0"], ["segment '#0'", "#N"]),
        (["1", "first"], ["segment 'first'", "annotator transcript --json"]),
        (["7", "#1"], ["no recording '7'"]),
        (["1", "#1", "--text", "   "], ["--text is empty"]),
        (["1", "#1"], ["nothing to change", "--verify"]),
    ],
)
def test_bad_input_is_refused_in_one_line_and_changes_nothing(cli, study, args: list[str], fragments) -> None:
    path, _ids = study
    before = snapshot(path)
    if "--text" not in args and "nothing to change" not in fragments[0]:
        args = [*args, "--verify"]
    assert_user_error(cli("edit", path, *args), *fragments)
    assert snapshot(path) == before


def test_a_segment_of_another_recording_is_refused(cli, study) -> None:
    path, ids = study
    before = snapshot(path)
    result = cli("edit", path, "1", str(ids["staff"]), "--text", "We listen")
    assert_user_error(result, f"segment {ids['staff']} belongs to another recording, not to recording 1 (interview)")
    assert snapshot(path) == before
    assert [s["text"] for s in transcript(cli, path, "2")] == [STAFF]


def test_an_empty_project_has_no_segment_to_edit(cli, project_file: Path) -> None:
    before = snapshot(project_file)
    assert_user_error(cli("edit", project_file, "1", "#1", "--verify"), "no recording '1' in this project")
    assert snapshot(project_file) == before


def test_verify_and_status_together_are_a_usage_error(cli, study) -> None:
    path, _ids = study
    result = cli("edit", path, "1", "#1", "--verify", "--status", "asr")
    assert result.code == 2
    assert "not allowed with argument" in result.err
