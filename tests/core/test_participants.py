"""Participants: people known by a code, with a role and free attributes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from annotator.core.models import Participant, Recording, Speaker, TextDocument
from annotator.core.project import Project
from annotator.core.services.participants import ROLES, ParticipantService, parse_role
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot


def refused(project: Project, call: Callable[[], object], error: type[UserError] = UserError) -> str:
    """Run a call that must fail with ``error`` and leave the database as it was; returns the message."""
    before = snapshot(project.path)
    with pytest.raises(error) as caught:
        call()
    assert snapshot(project.path) == before
    return str(caught.value)


def rows(project: Project) -> list[tuple[str, str, dict]]:
    with project.transaction() as session:
        return [(p.code, p.role, p.attributes) for p in session.scalars(select(Participant).order_by(Participant.id))]


def add_recording(project: Project, participant_id: int | None, title: str = "Wawancara") -> int:
    """A recording row without media: enough for counts and foreign keys."""
    with project.transaction() as session:
        recording = Recording(
            title=title,
            media_abspath=f"/nowhere/{title}.wav",
            sha256="0" * 64,
            size_bytes=1,
            duration_ms=1000,
            channels=1,
            sample_rate=16000,
            participant_id=participant_id,
        )
        session.add(recording)
        session.flush()
        return recording.id


def ensure(project: Project, code: str, role: str | None = None) -> Participant:
    with project.transaction() as session:
        return ParticipantService.ensure(session, code, role)


# -- roles --------------------------------------------------------------------------------------------
class TestParseRole:
    @pytest.mark.parametrize("role", ["resident", "staff", "interviewer", "other"])
    def test_roles(self, role: str) -> None:
        assert parse_role(role) == role

    @pytest.mark.parametrize(
        ("text", "role"),
        [
            ("Resident", "resident"),
            ("  STAFF ", "staff"),
            ("wbs", "resident"),
            ("WBS", "resident"),
            ("warga binaan sosial", "resident"),
            ("Anak", "resident"),
            ("child", "resident"),
            ("pegawai", "staff"),
            ("Staf", "staff"),
            ("pewawancara", "interviewer"),
            ("praktikan", "interviewer"),
            ("researcher", "interviewer"),
            ("peneliti", "interviewer"),
            ("lainnya", "other"),
        ],
    )
    def test_aliases(self, text: str, role: str) -> None:
        assert parse_role(text) == role

    @pytest.mark.parametrize("text", ["boss", "", "residents", "wbs staf", "guru"])
    def test_others_are_refused_listing_the_roles(self, text: str) -> None:
        with pytest.raises(UserError) as caught:
            parse_role(text)
        message = str(caught.value)
        assert repr(text) in message
        assert "resident, staff, interviewer, other" in message

    def test_roles_constant(self) -> None:
        assert ROLES == ("resident", "staff", "interviewer", "other")


# -- add and find ---------------------------------------------------------------------------------
class TestAdd:
    def test_add(self, project: Project) -> None:
        added = project.participants.add("  WBS-01 ", "wbs", {"age": 14, "gender": "L"})
        assert (added.code, added.role, added.attributes) == ("WBS-01", "resident", {"age": 14, "gender": "L"})
        assert added.guid
        assert rows(project) == [("WBS-01", "resident", {"age": 14, "gender": "L"})]

    def test_default_role_is_other(self, project: Project) -> None:
        assert project.participants.add("Budi").role == "other"
        assert rows(project) == [("Budi", "other", {})]

    @pytest.mark.parametrize("code", ["WBS-01", "wbs-01", " Wbs-01 "])
    def test_duplicate_code_is_refused(self, project: Project, code: str) -> None:
        project.participants.add("WBS-01", "resident")
        message = refused(project, lambda: project.participants.add(code, "staff"))
        assert code.strip() in message and "already exists" in message

    def test_duplicate_non_ascii_code_is_refused(self, project: Project) -> None:
        """Codes are compared without regard to case, accented letters included."""
        project.participants.add("Élodie")
        refused(project, lambda: project.participants.add("élodie"))

    def test_empty_code_is_refused(self, project: Project) -> None:
        assert "code" in refused(project, lambda: project.participants.add("   "))

    def test_bad_role_is_refused(self, project: Project) -> None:
        assert "'guru'" in refused(project, lambda: project.participants.add("P1", "guru"))

    def test_get_by_id_or_code(self, project: Project) -> None:
        added = project.participants.add("Pegawai-A", "pegawai")
        assert project.participants.get(added.id).code == "Pegawai-A"
        assert project.participants.get(str(added.id)).code == "Pegawai-A"
        assert project.participants.get("pegawai-a").id == added.id

    def test_numeric_code_that_is_not_an_id(self, project: Project) -> None:
        added = project.participants.add("2024")
        assert project.participants.get("2024").id == added.id

    def test_unknown_is_not_found(self, project: Project) -> None:
        project.participants.add("P1")
        assert "'P2'" in refused(project, lambda: project.participants.get("P2"), NotFound)
        refused(project, lambda: project.participants.get(999), NotFound)


# -- ensure ---------------------------------------------------------------------------------------
class TestEnsure:
    def test_creates(self, project: Project) -> None:
        made = ensure(project, " WBS-02 ", "WBS")
        assert (made.code, made.role) == ("WBS-02", "resident")
        assert rows(project) == [("WBS-02", "resident", {})]

    def test_creates_with_role_other_when_none_given(self, project: Project) -> None:
        assert ensure(project, "Tamu").role == "other"

    def test_reuses_without_regard_to_case(self, project: Project) -> None:
        first = project.participants.add("WBS-02", "resident", {"age": 15})
        again = ensure(project, "wbs-02")
        assert again.id == first.id
        assert ensure(project, "WBS-02", "resident").id == first.id
        assert ensure(project, "WBS-02", "anak").id == first.id  # an alias of the same role
        assert rows(project) == [("WBS-02", "resident", {"age": 15})]

    def test_upgrades_role_other(self, project: Project) -> None:
        first = ensure(project, "Ibu Sari")
        assert ensure(project, "ibu sari", "pegawai").id == first.id
        assert rows(project) == [("Ibu Sari", "staff", {})]

    def test_conflicting_role_is_refused(self, project: Project) -> None:
        project.participants.add("Ibu Sari", "staff")
        message = refused(project, lambda: ensure(project, "Ibu Sari", "resident"))
        assert "Ibu Sari" in message and "staff" in message and "resident" in message

    def test_empty_code_is_refused(self, project: Project) -> None:
        refused(project, lambda: ensure(project, "  ", "staff"))

    def test_bad_role_is_refused(self, project: Project) -> None:
        refused(project, lambda: ensure(project, "P1", "kepala"))


# -- update ---------------------------------------------------------------------------------------
class TestUpdate:
    def test_code(self, project: Project) -> None:
        added = project.participants.add("P1", "resident")
        updated = project.participants.update("P1", code="  WBS-01 ")
        assert (updated.id, updated.code) == (added.id, "WBS-01")
        assert rows(project) == [("WBS-01", "resident", {})]

    def test_code_in_another_case_of_itself(self, project: Project) -> None:
        project.participants.add("wbs-01")
        assert project.participants.update("wbs-01", code="WBS-01").code == "WBS-01"

    def test_role_with_alias(self, project: Project) -> None:
        project.participants.add("P1", "resident")
        assert project.participants.update("P1", role="pewawancara").role == "interviewer"
        assert rows(project) == [("P1", "interviewer", {})]

    def test_attributes_merge_and_none_removes(self, project: Project) -> None:
        project.participants.add("P1", "resident", {"age": 14, "gender": "L", "school": "SMP"})
        updated = project.participants.update("P1", attributes={"age": 15, "years_in_care": 3, "school": None})
        assert updated.attributes == {"age": 15, "gender": "L", "years_in_care": 3}
        assert rows(project) == [("P1", "resident", {"age": 15, "gender": "L", "years_in_care": 3})]

    def test_removing_an_absent_attribute_is_harmless(self, project: Project) -> None:
        project.participants.add("P1", attributes={"age": 14})
        project.participants.update("P1", attributes={"nickname": None})
        assert rows(project) == [("P1", "other", {"age": 14})]

    def test_nothing_given_changes_nothing(self, project: Project) -> None:
        project.participants.add("P1", "staff", {"age": 40})
        project.participants.update("P1", attributes={})
        assert rows(project) == [("P1", "staff", {"age": 40})]

    def test_code_clash_is_refused(self, project: Project) -> None:
        project.participants.add("P1")
        project.participants.add("P2")
        assert "p2" in refused(project, lambda: project.participants.update("P1", code="p2"))

    def test_empty_code_is_refused(self, project: Project) -> None:
        project.participants.add("P1")
        refused(project, lambda: project.participants.update("P1", code="  "))

    def test_bad_role_refuses_the_whole_update(self, project: Project) -> None:
        project.participants.add("P1")
        refused(project, lambda: project.participants.update("P1", code="P9", role="guru", attributes={"a": 1}))

    def test_unknown_is_not_found(self, project: Project) -> None:
        refused(project, lambda: project.participants.update("P1", code="P2"), NotFound)


# -- delete ---------------------------------------------------------------------------------------
class TestDelete:
    def test_row_goes(self, project: Project) -> None:
        project.participants.add("P1")
        project.participants.add("P2")
        project.participants.delete("p1")
        assert rows(project) == [("P2", "other", {})]
        with pytest.raises(NotFound):
            project.participants.get("P1")

    def test_documents_recordings_and_speakers_are_unlinked(self, project: Project) -> None:
        person = project.participants.add("WBS-01", "resident")
        other = project.participants.add("WBS-02", "resident")
        recording_id = add_recording(project, person.id)
        with project.transaction() as session:
            session.add(TextDocument(title="Catatan", text="…", participant_id=person.id))
            session.add(TextDocument(title="Lain", text="…", participant_id=other.id))
            session.add(Speaker(recording_id=recording_id, label="S1", participant_id=person.id))
        project.participants.delete(person.id)
        with project.transaction() as session:
            documents = dict(session.execute(select(TextDocument.title, TextDocument.participant_id)).all())
            assert documents == {"Catatan": None, "Lain": other.id}
            assert session.get(Recording, recording_id).participant_id is None
            speaker = session.scalars(select(Speaker)).one()
            assert (speaker.label, speaker.participant_id) == ("S1", None)

    def test_unknown_is_not_found(self, project: Project) -> None:
        refused(project, lambda: project.participants.delete("P1"), NotFound)


# -- list -----------------------------------------------------------------------------------------
class TestList:
    def test_empty(self, project: Project) -> None:
        assert project.participants.list() == []

    def test_ordered_by_role_then_code(self, project: Project) -> None:
        for code, role in [
            ("WBS-02", "resident"),
            ("Ibu Sari", "staff"),
            ("WBS-01", "resident"),
            ("Rina", "interviewer"),
            ("Tamu", "other"),
            ("Bapak Ali", "staff"),
        ]:
            project.participants.add(code, role)
        listed = project.participants.list()
        assert [(p.role, p.code) for p in listed] == [
            ("interviewer", "Rina"),
            ("other", "Tamu"),
            ("resident", "WBS-01"),
            ("resident", "WBS-02"),
            ("staff", "Bapak Ali"),
            ("staff", "Ibu Sari"),
        ]
        assert all(p.recordings == 0 for p in listed)

    def test_summary_fields(self, project: Project) -> None:
        added = project.participants.add("WBS-01", "resident", {"age": 14})
        (summary,) = project.participants.list()
        assert (summary.id, summary.guid, summary.code, summary.role, summary.attributes, summary.recordings) == (
            added.id,
            added.guid,
            "WBS-01",
            "resident",
            {"age": 14},
            0,
        )

    def test_recordings_are_counted(self, project: Project) -> None:
        a = project.participants.add("A", "resident")
        project.participants.add("B", "resident")
        add_recording(project, a.id, "satu")
        add_recording(project, a.id, "dua")
        add_recording(project, None, "tanpa")
        assert [(p.code, p.recordings) for p in project.participants.list()] == [("A", 2), ("B", 0)]
