"""PseudonymService: the list of real names and their codes, and redacting a text with it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.project import Project
from annotator.core.services.pseudonyms import Redactor
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

NAMES = {"Ibu Sari Dewi": "STAF-01", "Sari": "WBS-01", "Panti Harapan": "PANTI-A", "Budi": "WBS-02"}


def listed(project: Project) -> Redactor:
    for real, code in NAMES.items():
        project.pseudonyms.add(real, code, "place" if real.startswith("Panti") else "person")
    return project.pseudonyms.redactor()


def refused(project: Project, call: Callable[[], object], match: str) -> None:
    """The call is refused with a message, and the project is left exactly as it was."""
    before = snapshot(project.path)
    with pytest.raises(UserError, match=match):
        call()
    assert snapshot(project.path) == before


# -- the list --------------------------------------------------------------------------------------------------
def test_add_list_and_remove(project: Project) -> None:
    assert project.pseudonyms.list() == []
    view = project.pseudonyms.add("  Ibu  Sari\nDewi ", " STAF-01 ")
    assert (view.real, view.replacement, view.kind) == ("Ibu Sari Dewi", "STAF-01", "person")
    assert len(view.guid) == 36 and view.created_at is not None
    project.pseudonyms.add("Panti Harapan", "PANTI-A", kind="Place")
    project.pseudonyms.add("Budi", "WBS-02")
    assert [(e.real, e.kind) for e in project.pseudonyms.list()] == [
        ("Budi", "person"),
        ("Ibu Sari Dewi", "person"),
        ("Panti Harapan", "place"),
    ]
    removed = project.pseudonyms.remove("ibu sari   dewi")  # any case, any spacing
    assert removed == view
    assert [e.real for e in project.pseudonyms.list()] == ["Budi", "Panti Harapan"]


def test_two_names_may_share_a_code(project: Project) -> None:
    project.pseudonyms.add("Ibu Sari Dewi", "STAF-01")
    project.pseudonyms.add("Bu Dewi", "STAF-01")
    assert project.pseudonyms.redact("Bu Dewi, atau Ibu Sari Dewi") == "STAF-01, atau STAF-01"


def test_change_is_all_or_nothing(project: Project) -> None:
    project.pseudonyms.add("Sari", "WBS-01")
    # Removing and adding back under another code in one go is allowed.
    added, removed = project.pseudonyms.change([("Sari", "WBS-09"), ("Budi", "WBS-02")], ["sari"])
    assert [a.replacement for a in added] == ["WBS-09", "WBS-02"] and [r.replacement for r in removed] == ["WBS-01"]
    refused(project, lambda: project.pseudonyms.change([("Rani", "WBS-03"), ("budi", "WBS-04")]), "'budi' is listed")
    refused(
        project, lambda: project.pseudonyms.change([("Rani", "WBS-03")], ["Sari", "Tono"]), "no pseudonym for 'Tono'"
    )
    assert {e.real for e in project.pseudonyms.list()} == {"Sari", "Budi"}


BAD = {
    "empty name": (("  ", "WBS-01"), "needs the real name"),
    "no letters": (("...", "WBS-01"), r"'\.\.\.' is not a name"),
    "empty code": (("Rani", " "), "'Rani': give the code that replaces it"),
    "duplicate in another case": (("sari", "WBS-07"), r"'sari' is listed already \(replaced by 'WBS-01'\)"),
    "duplicate with other spacing": (("Panti   harapan", "X-1"), "'Panti harapan' is listed already"),
    "code is a listed name": (("Rani", "Budi"), "'Rani': its code 'Budi' contains the listed real name 'Budi'"),
    "code holds a listed name": (("Rani", "Bu Sari 2"), "its code 'Bu Sari 2' contains the listed real name 'Sari'"),
    "code holds the name itself": (("Rani", "Rani-1"), "its code 'Rani-1' contains the listed real name 'Rani'"),
    "name is in a listed code": (("PANTI", "P-1"), r"'PANTI' is in the code of 'Panti Harapan' \('PANTI-A'\)"),
    "slash in the code": (("Rani", "WBS/03"), r"cannot hold / or \\"),
    "unknown kind": (("Rani", "WBS-03", "city"), "'city' is not a kind of name; use one of person, place, other"),
    "too long": (("R" * 201, "WBS-03"), "longer than 200 characters"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_refusals_change_nothing(project: Project, name: str) -> None:
    listed(project)
    args, match = BAD[name]
    refused(project, lambda: project.pseudonyms.add(*args), match)


def test_removing_an_unknown_name_is_refused(project: Project) -> None:
    listed(project)
    with pytest.raises(NotFound, match="no pseudonym for 'Rani' in this project"):
        project.pseudonyms.remove("Rani")


# -- redacting -------------------------------------------------------------------------------------------------
REDACTED = [
    ("Ibu Sari Dewi baik.", "STAF-01 baik."),  # the longest name wins
    ("kata sari, lalu SARI pergi", "kata WBS-01, lalu WBS-01 pergi"),  # any case
    ("Ibu  sari\n\tDewi\u00a0dan Panti\nHarapan", "STAF-01\u00a0dan PANTI-A"),  # any whitespace inside a name
    ("Sarinah dan Sarita bukan Sari.", "Sarinah dan Sarita bukan WBS-01."),  # whole words only
    ("Sarinya baik, Budilah datang, Sarinyalah", "WBS-01nya baik, WBS-02lah datang, WBS-01nyalah"),  # clitics stay
    ("(Budi)—«Sari»; Budi_Sari", "(WBS-02)—«WBS-01»; Budi_Sari"),  # other characters kept; _ joins a word
    ("di panti harapan-nya", "di PANTI-A-nya"),
    ("", ""),
    ("Tidak ada nama di sini.", "Tidak ada nama di sini."),
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_redact(project: Project, text: str, expected: str) -> None:
    listed(project)
    assert project.pseudonyms.redact(text) == expected


def test_an_empty_list_changes_nothing(project: Project) -> None:
    assert project.pseudonyms.redact("Ibu Sari Dewi") == "Ibu Sari Dewi"
    assert project.pseudonyms.redactor().names == []


def test_names_with_punctuation_and_other_scripts() -> None:
    redact = Redactor([("Dr. Budi", "PEG-01"), ("O'Neil", "PEG-02"), ("Élise", "PEG-03"), ("Ma'ruf", "PEG-04")])
    assert redact("dr.  budi, o'neil, ÉLISE; ma'rufnya") == "PEG-01, PEG-02, PEG-03; PEG-04nya"
    assert redact("Dr. Budiman") == "Dr. Budiman"


def test_a_replacement_is_not_searched_again() -> None:
    redact = Redactor([("Sari", "Ani"), ("Ani", "WBS-02")])  # the service refuses this list; the redactor copes
    assert redact("Sari dan Ani") == "Ani dan WBS-02"


WORDS = ["Ibu", "Sari", "Dewi", "Panti", "Harapan", "Budi", "baik", "di", "nya", "ku", "lah", "pun", "x"]
GLUE = [" ", "  ", "\n", "\u00a0", ", ", ".", "-", "(", ")", "", "'"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE), st.booleans()), max_size=14))
def test_no_listed_name_survives(parts: list[tuple[str, str, bool]]) -> None:
    redact = Redactor(NAMES.items())
    text = "".join((word.upper() if upper else word) + glue for word, glue, upper in parts)
    result = redact(text)
    assert redact.finds(result) is None, (text, result)
    assert redact(result) == result  # nothing left to replace
