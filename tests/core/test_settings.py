"""Project settings (name, language, vocabulary) and coders."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.core.services.settings import check_language, split_terms
from annotator.errors import UserError
from tests.conftest import snapshot


def refused(project: Project, call: Callable[[], object]) -> str:
    """Run a call that must fail with a UserError and leave the database as it was; returns the message."""
    before = snapshot(project.path)
    with pytest.raises(UserError) as caught:
        call()
    assert snapshot(project.path) == before
    return str(caught.value)


def reopened(project: Project) -> Project:
    """The same file opened afresh, to see what was really saved."""
    return Project.open(project.path)


# -- name ---------------------------------------------------------------------------------------------
class TestName:
    def test_new_project_is_named_after_its_file(self, project: Project) -> None:
        assert project.settings.get().name == "studi"

    def test_create_with_a_name(self, tmp_path: Path) -> None:
        with Project.create(tmp_path / "x.annotator", name="Studi Panti") as created:
            assert created.settings.get().name == "Studi Panti"

    def test_rename(self, project: Project) -> None:
        project.settings.rename("  Hubungan Sosial WBS  ")
        with reopened(project) as again:
            assert again.settings.get().name == "Hubungan Sosial WBS"
            assert again.info().name == "Hubungan Sosial WBS"

    @pytest.mark.parametrize("name", ["", "   ", "\n"])
    def test_empty_name_is_refused(self, project: Project, name: str) -> None:
        assert "name" in refused(project, lambda: project.settings.rename(name))
        assert project.settings.get().name == "studi"


# -- language -----------------------------------------------------------------------------------------
class TestLanguage:
    def test_new_project_language(self, project: Project, tmp_path: Path) -> None:
        assert project.settings.get().language == "id"
        with Project.create(tmp_path / "en.annotator", language="en") as english:
            assert english.settings.get().language == "en"

    @pytest.mark.parametrize(
        ("code", "stored"),
        [
            ("en", "en"),
            ("ID", "id"),
            (" jw ", "jw"),
            ("haw", "haw"),
            ("auto", "auto"),
            ("AUTO", "auto"),
        ],
    )
    def test_valid_codes(self, project: Project, code: str, stored: str) -> None:
        project.settings.set_language(code)
        with reopened(project) as again:
            assert again.settings.get().language == stored

    @pytest.mark.parametrize("code", ["Indonesian", "x1", "", "e", "en-US", "id_ID", "automatic", "abcd"])
    def test_invalid_codes_are_refused(self, project: Project, code: str) -> None:
        message = refused(project, lambda: project.settings.set_language(code))
        assert repr(code.strip().lower()) in message
        assert project.settings.get().language == "id"

    def test_check_language(self) -> None:
        assert check_language(" En ") == "en"
        with pytest.raises(UserError):
            check_language("english")


# -- vocabulary ---------------------------------------------------------------------------------------
class TestVocabulary:
    def test_new_project_has_none(self, project: Project) -> None:
        assert project.settings.get().vocabulary == []

    def test_add_keeps_order_and_strips(self, project: Project) -> None:
        assert project.settings.add_vocabulary(["WBS", " panti ", "", "  ", "piket"]) == ["WBS", "panti", "piket"]
        assert project.settings.add_vocabulary(["Duren Sawit", "PSAA"]) == [
            "WBS",
            "panti",
            "piket",
            "Duren Sawit",
            "PSAA",
        ]
        with reopened(project) as again:
            assert again.settings.get().vocabulary == ["WBS", "panti", "piket", "Duren Sawit", "PSAA"]

    def test_add_skips_known_terms_without_regard_to_case(self, project: Project) -> None:
        project.settings.add_vocabulary(["WBS", "panti"])
        assert project.settings.add_vocabulary(["wbs", "PANTI", "piket", "Panti"]) == ["WBS", "panti", "piket"]

    def test_add_skips_repeats_within_one_call(self, project: Project) -> None:
        assert project.settings.add_vocabulary(["WBS", "panti", "WBS", " panti"]) == ["WBS", "panti"]

    def test_add_skips_repeats_in_another_case_within_one_call(self, project: Project) -> None:
        """The first spelling wins, as it does against terms already known."""
        assert project.settings.add_vocabulary(["WBS", "wbs", "Panti", "PANTI"]) == ["WBS", "Panti"]

    def test_add_nothing(self, project: Project) -> None:
        project.settings.add_vocabulary(["WBS"])
        assert project.settings.add_vocabulary([]) == ["WBS"]

    def test_remove_without_regard_to_case(self, project: Project) -> None:
        project.settings.add_vocabulary(["WBS", "panti", "piket", "PSAA"])
        assert project.settings.remove_vocabulary([" wbs ", "Piket"]) == ["panti", "PSAA"]
        with reopened(project) as again:
            assert again.settings.get().vocabulary == ["panti", "PSAA"]

    def test_remove_unknown_term_is_harmless(self, project: Project) -> None:
        project.settings.add_vocabulary(["WBS"])
        assert project.settings.remove_vocabulary(["panti"]) == ["WBS"]
        assert project.settings.remove_vocabulary([]) == ["WBS"]

    def test_split_terms(self) -> None:
        assert split_terms("WBS, panti; piket\nWBS") == ["WBS", "panti", "piket", "WBS"]
        assert split_terms(" ,; \n") == []
        assert split_terms("Duren Sawit") == ["Duren Sawit"]

    def test_split_then_add(self, project: Project) -> None:
        assert project.settings.add_vocabulary(split_terms("WBS, panti; piket\nWBS")) == ["WBS", "panti", "piket"]


# -- coders -------------------------------------------------------------------------------------------
class TestCoders:
    def test_new_project_has_one_coder(self, tmp_path: Path) -> None:
        with Project.create(tmp_path / "x.annotator") as created:
            coders = created.coders.list()
            assert len(coders) == 1
            assert coders[0].name == (getpass.getuser() or "coder")

    def test_create_with_a_coder_name(self, tmp_path: Path) -> None:
        with Project.create(tmp_path / "x.annotator", coder="Rina") as created:
            assert [c.name for c in created.coders.list()] == ["Rina"]

    def test_get_or_create_is_idempotent(self, project: Project) -> None:
        made = project.coders.get_or_create("  Rina ")
        assert made.name == "Rina" and made.guid
        assert project.coders.get_or_create("Rina").id == made.id
        names = [c.name for c in project.coders.list()]
        assert names.count("Rina") == 1
        assert len(names) == 2

    def test_list_is_sorted_by_name(self, project: Project) -> None:
        for name in ["Zaki", "Ana", "Maya"]:
            project.coders.get_or_create(name)
        names = [c.name for c in project.coders.list()]
        assert names == sorted(names)
        assert {"Zaki", "Ana", "Maya"} <= set(names)

    @pytest.mark.parametrize("name", ["", "  "])
    def test_empty_name_is_refused(self, project: Project, name: str) -> None:
        assert "name" in refused(project, lambda: project.coders.get_or_create(name))
