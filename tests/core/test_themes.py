"""ThemeService: the codebook tree of a project.

Most tests use the ``project`` fixture, made with the relationships codebook in Indonesian (7 top-level
themes, 37 in all); a few start from an empty project.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from annotator.core.codebook import load_codebook, parse_codebook
from annotator.core.models import Coding, Note, TextDocument, Theme
from annotator.core.project import Project
from annotator.core.services.themes import PALETTE, ThemeNode, ThemeService
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

# Top-level themes of the template, in order, and a few of their children.
POSITIVE = "Hubungan Sosial Positif"
ATTACHMENT = "Keterikatan"
FACTORS = "Faktor-Faktor yang Mempengaruhi Hubungan Sosial"
CHALLENGES = "Tantangan dalam Hubungan Sosial"
RESPONSES = "Cara Pegawai Menghadapi Tantangan"
PROGRAMMES = "Program dan Kegiatan untuk Meningkatkan Hubungan Sosial"
HOPES = "Harapan"
TOP_LEVEL = [POSITIVE, ATTACHMENT, FACTORS, CHALLENGES, RESPONSES, PROGRAMMES, HOPES]
POSITIVE_CHILDREN = [
    "Keakraban",
    "Perasaan Nyaman",
    "Dukungan Emosional",
    "Staf sebagai Pembina dan Pengembang Pribadi",
    "Pelibatan WBS dalam Pengambilan Keputusan",
]
ATTACHMENT_CHILDREN = [
    "Rasa Aman",
    "Merasa Diterima dan Diperlakukan Baik",
    "Kehangatan dan Kepedulian",
    "Staf sebagai Panutan (Role Model)",
]
FACTORS_CHILDREN = [
    "Komunikasi Terbuka",
    "Rasa Saling Menghargai",
    "Keadilan dalam Perlakuan",
    "Kesempatan Berpartisipasi dalam Kegiatan Bersama",
]
HEX = re.compile(r"^#[0-9a-f]{6}$")


# -- helpers -------------------------------------------------------------------------------------
def refused(project: Project, call: Callable[[], object], error: type[UserError] = UserError) -> str:
    """Run a call that must fail with ``error`` and leave the database as it was; returns the message."""
    before = snapshot(project.path)
    with pytest.raises(error) as caught:
        call()
    assert snapshot(project.path) == before
    return str(caught.value)


def children(project: Project, parent: str | int | None) -> list[str]:
    """Names of a theme's children (None: the top level) in position order; checks positions are 0..n-1."""
    with project.transaction() as session:
        parent_id = ThemeService.find(session, parent).id if parent is not None else None
        where = Theme.parent_id.is_(None) if parent_id is None else Theme.parent_id == parent_id
        rows = list(session.scalars(select(Theme).where(where).order_by(Theme.position, Theme.id)))
        assert [t.position for t in rows] == list(range(len(rows))), [(t.name, t.position) for t in rows]
        return [t.name for t in rows]


def theme_count(project: Project) -> int:
    with project.transaction() as session:
        return session.scalar(select(func.count(Theme.id)))


def add_document(project: Project, text: str = "Kami sering bercerita dengan pegawai setelah piket.") -> int:
    with project.transaction() as session:
        document = TextDocument(title="Catatan lapangan", text=text)
        session.add(document)
        session.flush()
        return document.id


def add_coding(project: Project, theme: str | int, document_id: int, start: int, end: int) -> int:
    with project.transaction() as session:
        text = session.get(TextDocument, document_id).text
        coding = Coding(
            theme_id=ThemeService.find(session, theme).id,
            document_id=document_id,
            start_offset=start,
            end_offset=end,
            quote=text[start:end],
        )
        session.add(coding)
        session.flush()
        return coding.id


def codings_of(project: Project, theme: str | int) -> list[tuple[int, int]]:
    """The spans coded to a theme, sorted."""
    with project.transaction() as session:
        theme_id = ThemeService.find(session, theme).id
        rows = session.scalars(select(Coding).where(Coding.theme_id == theme_id))
        return sorted((c.start_offset, c.end_offset) for c in rows)


def node(tree: list[ThemeNode], name: str) -> ThemeNode:
    for root in tree:
        for _depth, item in root.walk():
            if item.name == name:
                return item
    raise AssertionError(f"no node {name!r}")


@pytest.fixture
def empty(tmp_path: Path):  # noqa: ANN201
    with Project.create(tmp_path / "kosong.annotator") as opened:
        yield opened


# -- the template as imported ----------------------------------------------------------------------
def test_project_starts_with_the_template_tree(project: Project) -> None:
    assert theme_count(project) == 37
    assert children(project, None) == TOP_LEVEL
    assert children(project, POSITIVE) == POSITIVE_CHILDREN
    theme = project.themes.get("Komunikasi Terbuka")
    assert theme.labels["en"]["name"] == "Open communication"
    assert theme.labels["en"]["definition"]
    assert set(theme.labels) == {"en"}
    assert theme.definition and theme.definition != theme.labels["en"]["definition"]
    assert HEX.match(theme.color)


# -- create ------------------------------------------------------------------------------------------
class TestCreate:
    def test_top_level_goes_last(self, project: Project) -> None:
        theme = project.themes.create("Konflik", definition="  Pertengkaran antar WBS.  ")
        assert theme.parent_id is None
        assert theme.position == 7
        assert theme.definition == "Pertengkaran antar WBS."
        assert children(project, None) == [*TOP_LEVEL, "Konflik"]
        assert theme_count(project) == 38

    def test_under_a_parent_given_by_name_path_or_id(self, project: Project) -> None:
        parent = project.themes.get(POSITIVE)
        by_name = project.themes.create("Bercanda", parent=POSITIVE)
        by_path = project.themes.create("Sindiran", parent=f"{POSITIVE}/Bercanda")
        by_id = project.themes.create("Saling Menolong", parent=parent.id)
        assert by_name.parent_id == parent.id
        assert by_path.parent_id == by_name.id
        assert by_id.parent_id == parent.id
        assert children(project, POSITIVE) == [*POSITIVE_CHILDREN, "Bercanda", "Saling Menolong"]
        assert children(project, "Bercanda") == ["Sindiran"]

    def test_at_a_position_shifts_the_siblings(self, project: Project) -> None:
        theme = project.themes.create("Pertama", parent=POSITIVE, position=0)
        assert children(project, POSITIVE) == ["Pertama", *POSITIVE_CHILDREN]
        assert project.themes.get(theme.id).position == 0
        project.themes.create("Tengah", parent=POSITIVE, position=2)
        assert children(project, POSITIVE) == ["Pertama", "Keakraban", "Tengah", *POSITIVE_CHILDREN[1:]]

    def test_name_whitespace_is_normalised(self, project: Project) -> None:
        theme = project.themes.create("  Rasa   Takut \n")
        assert theme.name == "Rasa Takut"

    def test_labels_are_stored(self, project: Project) -> None:
        theme = project.themes.create("Takut", labels={"en": {"name": "Fear", "definition": ""}})
        assert project.themes.get(theme.id).labels == {"en": {"name": "Fear", "definition": ""}}
        assert project.themes.get("Fear").id == theme.id

    def test_default_colours_are_distinct_among_siblings(self, empty: Project) -> None:
        made = [empty.themes.create(f"Tema {i}") for i in range(len(PALETTE))]
        colours = [t.color for t in made]
        assert len(set(colours)) == len(PALETTE)
        assert set(colours) == set(PALETTE)
        under = [empty.themes.create(f"Sub {i}", parent="Tema 0") for i in range(4)]
        assert len({t.color for t in under}) == 4

    def test_default_colour_skips_one_a_sibling_already_uses(self, empty: Project) -> None:
        empty.themes.create("Merah", color=PALETTE[0].upper())
        empty.themes.create("Biru", color=PALETTE[2])
        assert empty.themes.create("Baru").color == PALETTE[1]
        assert empty.themes.create("Lagi").color == PALETTE[3]

    def test_explicit_colour_is_checked_and_lower_cased(self, project: Project) -> None:
        theme = project.themes.create("Warna", color=" #7AAFE3 ")
        assert theme.color == "#7aafe3"
        assert project.themes.get(theme.id).color == "#7aafe3"

    @pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "7aafe3", "#ggg000", ""])
    def test_bad_colour_is_refused_naming_it(self, project: Project, colour: str) -> None:
        message = refused(project, lambda: project.themes.create("Warna", color=colour))
        assert repr(colour) in message
        assert "#rrggbb" in message

    @pytest.mark.parametrize("name", ["", "   ", "\n\t"])
    def test_empty_name_is_refused(self, project: Project, name: str) -> None:
        message = refused(project, lambda: project.themes.create(name))
        assert "name" in message

    def test_name_with_slash_is_refused(self, project: Project) -> None:
        message = refused(project, lambda: project.themes.create("Staf/Pegawai"))
        assert "Staf/Pegawai" in message and "'/'" in message

    @pytest.mark.parametrize("name", ["Keakraban", "keakraban", "  KEAKRABAN "])
    def test_duplicate_sibling_name_is_refused(self, project: Project, name: str) -> None:
        message = refused(project, lambda: project.themes.create(name, parent=POSITIVE))
        assert "Keakraban" in message

    def test_duplicate_top_level_name_is_refused(self, project: Project) -> None:
        refused(project, lambda: project.themes.create("harapan"))

    def test_same_name_under_different_parents_is_allowed(self, project: Project) -> None:
        a = project.themes.create("Lainnya", parent=POSITIVE)
        b = project.themes.create("Lainnya", parent=HOPES)
        c = project.themes.create("Keakraban", parent=HOPES)  # also a child of POSITIVE
        assert len({a.id, b.id, c.id}) == 3
        assert "Lainnya" in children(project, POSITIVE) and "Lainnya" in children(project, HOPES)

    def test_unknown_parent_is_refused(self, project: Project) -> None:
        refused(project, lambda: project.themes.create("Anak", parent="Tidak Ada"), NotFound)


# -- find ---------------------------------------------------------------------------------------------
class TestFind:
    def test_by_id_int_and_digit_string(self, project: Project) -> None:
        theme = project.themes.get("Piket")
        assert project.themes.get(theme.id).name == "Piket"
        assert project.themes.get(str(theme.id)).name == "Piket"

    def test_by_name_without_regard_to_case(self, project: Project) -> None:
        assert project.themes.get("komunikasi TERBUKA").name == "Komunikasi Terbuka"
        assert project.themes.get("  Harapan  ").parent_id is None

    def test_by_path(self, project: Project) -> None:
        theme = project.themes.get(f"{FACTORS}/Komunikasi Terbuka")
        assert theme.name == "Komunikasi Terbuka"
        assert theme.parent_id == project.themes.get(FACTORS).id
        assert project.themes.get(f"{FACTORS.upper()}/komunikasi terbuka").id == theme.id

    def test_by_english_label_of_a_template_theme(self, project: Project) -> None:
        assert project.themes.get("Open communication").name == "Komunikasi Terbuka"
        assert project.themes.get("duty roster (PIKET)").name == "Piket"
        assert project.themes.get("Hopes").name == HOPES

    def test_path_disambiguates_a_shared_name(self, project: Project) -> None:
        a = project.themes.create("Lainnya", parent=POSITIVE)
        b = project.themes.create("Lainnya", parent=HOPES)
        assert project.themes.get(f"{POSITIVE}/Lainnya").id == a.id
        assert project.themes.get(f"{HOPES}/lainnya").id == b.id

    def test_ambiguous_name_lists_the_paths(self, project: Project) -> None:
        project.themes.create("Lainnya", parent=POSITIVE)
        project.themes.create("Lainnya", parent=HOPES)
        message = refused(project, lambda: project.themes.get("Lainnya"))
        folded = message.casefold()
        assert f"{POSITIVE}/Lainnya".casefold() in folded
        assert f"{HOPES}/Lainnya".casefold() in folded
        assert "path" in message

    def test_ambiguous_label_is_refused(self, project: Project) -> None:
        project.themes.create("Satu", labels={"en": {"name": "Same"}})
        project.themes.create("Dua", labels={"en": {"name": "Same"}})
        message = refused(project, lambda: project.themes.get("same"))
        assert "satu" in message.casefold() and "dua" in message.casefold()

    def test_name_wins_over_a_label(self, project: Project) -> None:
        """A theme whose own name is wanted is found even if another theme has it as a label."""
        made = project.themes.create("Hopes")
        assert project.themes.get("Hopes").id == made.id

    @pytest.mark.parametrize("ref", ["Tidak Ada", f"{POSITIVE}/Piket", "99999", 99999])
    def test_unknown_is_not_found(self, project: Project, ref: str | int) -> None:
        message = refused(project, lambda: project.themes.get(ref), NotFound)
        assert str(ref) in message


# -- rename, recolour, definition --------------------------------------------------------------------
class TestEdit:
    def test_rename(self, project: Project) -> None:
        theme = project.themes.rename("Piket", "  Jadwal   Piket ")
        assert theme.name == "Jadwal Piket"
        assert project.themes.get(theme.id).name == "Jadwal Piket"
        assert children(project, PROGRAMMES)[1] == "Jadwal Piket"
        with pytest.raises(NotFound):
            project.themes.get("Piket")  # the English label is "Duty roster (piket)"
        assert theme_count(project) == 37

    def test_rename_to_another_case_of_itself(self, project: Project) -> None:
        assert project.themes.rename(HOPES, "HARAPAN").name == "HARAPAN"

    def test_rename_to_a_sibling_name_is_refused(self, project: Project) -> None:
        message = refused(project, lambda: project.themes.rename("Keakraban", "perasaan nyaman"))
        assert "Perasaan Nyaman" in message

    def test_rename_to_a_name_used_elsewhere_is_allowed(self, project: Project) -> None:
        assert project.themes.rename("Keakraban", "Rasa Aman").name == "Rasa Aman"  # Rasa Aman is under Keterikatan

    @pytest.mark.parametrize("name", ["", "  ", "A/B"])
    def test_rename_to_a_bad_name_is_refused(self, project: Project, name: str) -> None:
        refused(project, lambda: project.themes.rename("Keakraban", name))

    def test_rename_unknown_is_not_found(self, project: Project) -> None:
        refused(project, lambda: project.themes.rename("Tidak Ada", "Baru"), NotFound)

    def test_recolour(self, project: Project) -> None:
        assert project.themes.recolour("Piket", "#ABCDEF").color == "#abcdef"
        assert project.themes.get("Piket").color == "#abcdef"

    def test_recolour_refuses_a_bad_colour(self, project: Project) -> None:
        message = refused(project, lambda: project.themes.recolour("Piket", "kuning"))
        assert "'kuning'" in message

    def test_set_definition(self, project: Project) -> None:
        project.themes.set_definition("Piket", "  Jadwal kerja bersama.\n")
        assert project.themes.get("Piket").definition == "Jadwal kerja bersama."
        project.themes.set_definition("Piket", "")
        assert project.themes.get("Piket").definition == ""


# -- move ---------------------------------------------------------------------------------------------
class TestMove:
    def test_reparent_goes_last_and_renumbers_both_sides(self, project: Project) -> None:
        theme = project.themes.move("Komunikasi Terbuka", POSITIVE)
        assert theme.parent_id == project.themes.get(POSITIVE).id
        assert children(project, POSITIVE) == [*POSITIVE_CHILDREN, "Komunikasi Terbuka"]
        assert children(project, FACTORS) == FACTORS_CHILDREN[1:]

    def test_reparent_to_a_position(self, project: Project) -> None:
        project.themes.move("Rasa Saling Menghargai", POSITIVE, 1)
        assert children(project, POSITIVE) == ["Keakraban", "Rasa Saling Menghargai", *POSITIVE_CHILDREN[1:]]
        assert children(project, FACTORS) == [FACTORS_CHILDREN[0], *FACTORS_CHILDREN[2:]]

    def test_reorder_among_siblings(self, project: Project) -> None:
        project.themes.move("Pelibatan WBS dalam Pengambilan Keputusan", POSITIVE, 0)
        assert children(project, POSITIVE) == [POSITIVE_CHILDREN[4], *POSITIVE_CHILDREN[:4]]
        project.themes.move("Keakraban", POSITIVE, 3)
        assert children(project, POSITIVE) == [
            POSITIVE_CHILDREN[4],
            POSITIVE_CHILDREN[1],
            POSITIVE_CHILDREN[2],
            "Keakraban",
            POSITIVE_CHILDREN[3],
        ]

    def test_position_is_clamped(self, project: Project) -> None:
        project.themes.move("Keakraban", POSITIVE, 100)
        assert children(project, POSITIVE) == [*POSITIVE_CHILDREN[1:], "Keakraban"]
        project.themes.move("Keakraban", POSITIVE, -5)
        assert children(project, POSITIVE) == POSITIVE_CHILDREN

    def test_reorder_top_level(self, project: Project) -> None:
        project.themes.move(HOPES, None, 0)
        assert children(project, None) == [HOPES, *TOP_LEVEL[:-1]]

    def test_to_top_level(self, project: Project) -> None:
        theme = project.themes.move("Piket", None)
        assert theme.parent_id is None
        assert children(project, None) == [*TOP_LEVEL, "Piket"]
        assert children(project, PROGRAMMES) == [
            "Kegiatan Pengenalan Lingkungan Luar Panti",
            "Kegiatan Bersama Lainnya",
        ]
        project.themes.move("Piket", None, 2)
        assert children(project, None) == [*TOP_LEVEL[:2], "Piket", *TOP_LEVEL[2:]]

    def test_subtree_moves_along(self, project: Project) -> None:
        project.themes.move(ATTACHMENT, POSITIVE)
        assert children(project, f"{POSITIVE}/{ATTACHMENT}") == ATTACHMENT_CHILDREN
        assert project.themes.get(f"{POSITIVE}/{ATTACHMENT}/Rasa Aman").name == "Rasa Aman"
        assert children(project, None) == [t for t in TOP_LEVEL if t != ATTACHMENT]
        assert theme_count(project) == 37

    def test_under_itself_is_refused(self, project: Project) -> None:
        message = refused(project, lambda: project.themes.move(POSITIVE, POSITIVE))
        assert POSITIVE in message

    def test_under_a_descendant_is_refused(self, project: Project) -> None:
        project.themes.create("Cucu", parent="Keakraban")
        refused(project, lambda: project.themes.move(POSITIVE, "Keakraban"))
        refused(project, lambda: project.themes.move(POSITIVE, "Cucu"))
        refused(project, lambda: project.themes.move("Keakraban", "Cucu"))

    def test_name_clash_at_the_new_place_is_refused(self, project: Project) -> None:
        project.themes.create("Keakraban", parent=HOPES)
        message = refused(project, lambda: project.themes.move(f"{HOPES}/Keakraban", POSITIVE))
        assert "Keakraban" in message

    def test_unknown_theme_or_parent_is_not_found(self, project: Project) -> None:
        refused(project, lambda: project.themes.move("Tidak Ada", POSITIVE), NotFound)
        refused(project, lambda: project.themes.move("Keakraban", "Tidak Ada"), NotFound)


# -- merge --------------------------------------------------------------------------------------------
class TestMerge:
    def test_codings_move_to_the_target(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, "Keakraban", document, 0, 4)
        add_coding(project, "Keakraban", document, 5, 11)
        add_coding(project, "Perasaan Nyaman", document, 12, 20)
        result = project.themes.merge("Keakraban", "Perasaan Nyaman")
        assert result.name == "Perasaan Nyaman"
        assert codings_of(project, "Perasaan Nyaman") == [(0, 4), (5, 11), (12, 20)]
        with pytest.raises(NotFound):
            project.themes.get(f"{POSITIVE}/Keakraban")
        assert theme_count(project) == 36
        assert children(project, POSITIVE) == POSITIVE_CHILDREN[1:]

    def test_a_coding_the_target_already_has_is_dropped(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, "Keakraban", document, 0, 4)
        add_coding(project, "Keakraban", document, 5, 11)
        add_coding(project, "Perasaan Nyaman", document, 0, 4)  # same span as the first
        project.themes.merge("Keakraban", "Perasaan Nyaman")
        assert codings_of(project, "Perasaan Nyaman") == [(0, 4), (5, 11)]
        with project.transaction() as session:
            assert session.scalar(select(func.count(Coding.id))) == 2

    def test_same_offsets_in_another_document_are_kept(self, project: Project) -> None:
        first, second = add_document(project), add_document(project, "Teks lain sama sekali.")
        add_coding(project, "Keakraban", second, 0, 4)
        add_coding(project, "Perasaan Nyaman", first, 0, 4)
        project.themes.merge("Keakraban", "Perasaan Nyaman")
        assert codings_of(project, "Perasaan Nyaman") == [(0, 4), (0, 4)]

    def test_children_are_reparented_after_the_targets_own(self, project: Project) -> None:
        project.themes.merge(ATTACHMENT, POSITIVE)
        assert children(project, POSITIVE) == [*POSITIVE_CHILDREN, *ATTACHMENT_CHILDREN]
        assert children(project, None) == [t for t in TOP_LEVEL if t != ATTACHMENT]
        assert theme_count(project) == 36

    def test_children_into_a_childless_target(self, project: Project) -> None:
        project.themes.merge(ATTACHMENT, "Keakraban")
        assert children(project, f"{POSITIVE}/Keakraban") == ATTACHMENT_CHILDREN

    def test_descendant_codings_stay_with_the_reparented_children(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, "Rasa Aman", document, 0, 4)
        project.themes.merge(ATTACHMENT, POSITIVE)
        assert codings_of(project, f"{POSITIVE}/Rasa Aman") == [(0, 4)]

    def test_definition_is_appended(self, project: Project) -> None:
        target = project.themes.get("Perasaan Nyaman").definition
        source = project.themes.get("Keakraban").definition
        project.themes.merge("Keakraban", "Perasaan Nyaman")
        assert project.themes.get("Perasaan Nyaman").definition == f"{target}\n{source}"

    def test_into_its_parent(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, "Keakraban", document, 0, 4)
        project.themes.merge("Keakraban", POSITIVE)
        assert codings_of(project, POSITIVE) == [(0, 4)]
        assert children(project, POSITIVE) == POSITIVE_CHILDREN[1:]

    def test_into_itself_is_refused(self, project: Project) -> None:
        message = refused(project, lambda: project.themes.merge("Keakraban", "keakraban"))
        assert "Keakraban" in message

    def test_into_its_own_descendant_is_refused(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, POSITIVE, document, 0, 4)
        project.themes.create("Cucu", parent="Keakraban")
        refused(project, lambda: project.themes.merge(POSITIVE, "Keakraban"))
        refused(project, lambda: project.themes.merge(POSITIVE, "Cucu"))

    def test_child_name_clash_is_refused(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, ATTACHMENT, document, 0, 4)  # would move before the clash is seen
        project.themes.create("Rasa Aman", parent=POSITIVE)
        message = refused(project, lambda: project.themes.merge(ATTACHMENT, POSITIVE))
        assert "Rasa Aman" in message and POSITIVE in message

    def test_unknown_is_not_found(self, project: Project) -> None:
        refused(project, lambda: project.themes.merge("Tidak Ada", POSITIVE), NotFound)
        refused(project, lambda: project.themes.merge(POSITIVE, "Tidak Ada"), NotFound)


# -- delete -------------------------------------------------------------------------------------------
class TestDelete:
    def test_subtree_and_its_codings_go(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, ATTACHMENT, document, 0, 4)
        add_coding(project, "Rasa Aman", document, 5, 11)
        add_coding(project, "Kehangatan dan Kepedulian", document, 12, 20)
        kept = add_coding(project, "Keakraban", document, 0, 4)
        assert project.themes.delete(ATTACHMENT) == 5
        assert theme_count(project) == 32
        with project.transaction() as session:
            assert list(session.scalars(select(Coding.id))) == [kept]
            names = set(session.scalars(select(Theme.name)))
        assert not names & {ATTACHMENT, *ATTACHMENT_CHILDREN}
        assert set(POSITIVE_CHILDREN) <= names

    def test_other_themes_are_untouched(self, project: Project) -> None:
        def rows() -> dict[int, dict]:
            with sqlite3.connect(project.path) as connection:
                connection.row_factory = sqlite3.Row
                return {r["id"]: dict(r) for r in connection.execute("SELECT * FROM themes")}

        gone = {project.themes.get(name).id for name in [ATTACHMENT, *ATTACHMENT_CHILDREN]}
        before = rows()
        project.themes.delete(ATTACHMENT)
        after = rows()
        assert set(after) == set(before) - gone
        for theme_id, row in after.items():
            expected = dict(before[theme_id])
            if row["parent_id"] is None:  # top-level themes are renumbered
                expected["position"], expected["updated_at"] = row["position"], row["updated_at"]
            assert row == expected

    def test_deep_subtree(self, project: Project) -> None:
        project.themes.create("Cucu", parent="Keakraban")
        project.themes.create("Cicit", parent=f"{POSITIVE}/Keakraban/Cucu")
        assert project.themes.delete(POSITIVE) == 8
        assert theme_count(project) == 31
        assert children(project, None) == TOP_LEVEL[1:]

    def test_leaf_renumbers_its_siblings(self, project: Project) -> None:
        assert project.themes.delete("Perasaan Nyaman") == 1
        assert children(project, POSITIVE) == [POSITIVE_CHILDREN[0], *POSITIVE_CHILDREN[2:]]
        assert children(project, None) == TOP_LEVEL

    def test_top_level_renumbers(self, project: Project) -> None:
        project.themes.delete(FACTORS)
        assert children(project, None) == [t for t in TOP_LEVEL if t != FACTORS]

    def test_notes_on_the_theme_go_too(self, project: Project) -> None:
        theme = project.themes.get("Rasa Aman")
        with project.transaction() as session:
            session.add(Note(title="memo", text="…", theme_id=theme.id))
            session.add(Note(title="project memo", text="…"))
        project.themes.delete(ATTACHMENT)
        with project.transaction() as session:
            assert list(session.scalars(select(Note.title))) == ["project memo"]

    def test_unknown_is_not_found(self, project: Project) -> None:
        refused(project, lambda: project.themes.delete("Tidak Ada"), NotFound)


# -- tree ---------------------------------------------------------------------------------------------
class TestTree:
    def test_order_follows_positions(self, project: Project) -> None:
        tree = project.themes.tree()
        assert [n.name for n in tree] == TOP_LEVEL
        assert [n.name for n in tree[0].children] == POSITIVE_CHILDREN
        assert sum(1 for root in tree for _ in root.walk()) == 37
        project.themes.move(HOPES, None, 0)
        project.themes.move("Keakraban", POSITIVE)
        tree = project.themes.tree()
        assert [n.name for n in tree] == [HOPES, *TOP_LEVEL[:-1]]
        assert [n.name for n in node(tree, POSITIVE).children] == [*POSITIVE_CHILDREN[1:], "Keakraban"]

    def test_walk_gives_depths(self, project: Project) -> None:
        project.themes.create("Cucu", parent="Keakraban")
        walked = [(depth, n.name) for depth, n in project.themes.tree()[0].walk()]
        assert walked[:3] == [(0, POSITIVE), (1, "Keakraban"), (2, "Cucu")]
        assert walked[3] == (1, "Perasaan Nyaman")

    def test_passage_counts_include_descendants(self, project: Project) -> None:
        document = add_document(project)
        project.themes.create("Cucu", parent="Keakraban")
        add_coding(project, POSITIVE, document, 0, 4)
        add_coding(project, "Keakraban", document, 0, 4)
        add_coding(project, "Keakraban", document, 5, 11)
        add_coding(project, "Cucu", document, 5, 11)
        add_coding(project, "Perasaan Nyaman", document, 12, 20)
        add_coding(project, "Piket", document, 12, 20)
        tree = project.themes.tree()
        positive = node(tree, POSITIVE)
        assert (positive.passages, positive.total_passages) == (1, 5)
        assert (node(tree, "Keakraban").passages, node(tree, "Keakraban").total_passages) == (2, 3)
        assert (node(tree, "Cucu").passages, node(tree, "Cucu").total_passages) == (1, 1)
        assert (node(tree, PROGRAMMES).passages, node(tree, PROGRAMMES).total_passages) == (0, 1)
        assert (node(tree, HOPES).passages, node(tree, HOPES).total_passages) == (0, 0)

    def test_node_fields(self, project: Project) -> None:
        theme = project.themes.get("Piket")
        piket = node(project.themes.tree(), "Piket")
        assert (piket.id, piket.guid, piket.name, piket.color, piket.parent_id, piket.position) == (
            theme.id,
            theme.guid,
            "Piket",
            theme.color,
            theme.parent_id,
            1,
        )
        assert piket.definition == theme.definition
        assert piket.labels["en"]["name"] == "Duty roster (piket)"

    def test_as_dict_shape(self, project: Project) -> None:
        document = add_document(project)
        add_coding(project, "Piket", document, 0, 4)
        data = [n.as_dict() for n in project.themes.tree()]
        keys = {"id", "guid", "name", "definition", "color", "labels", "passages", "total_passages", "children"}
        programmes = data[5]
        assert set(programmes) == keys
        assert programmes["name"] == PROGRAMMES
        assert (programmes["passages"], programmes["total_passages"]) == (0, 1)
        piket = programmes["children"][1]
        assert set(piket) == keys
        assert (piket["name"], piket["passages"], piket["children"]) == ("Piket", 1, [])
        assert json.loads(json.dumps(data)) == data  # plain JSON data

    def test_empty_project_has_an_empty_tree(self, empty: Project) -> None:
        assert empty.themes.tree() == []


# -- import_codebook ----------------------------------------------------------------------------------
class TestImportCodebook:
    def test_english_names_keep_indonesian_as_labels(self, tmp_path: Path) -> None:
        with Project.create(tmp_path / "en.annotator", language="en") as project:
            assert project.themes.import_codebook(load_codebook("relationships"), "en") == 37
            tree = project.themes.tree()
            assert [n.name for n in tree] == [
                "Positive social relationship",
                "Attachment",
                "Factors shaping the relationship",
                "Challenges in the relationship",
                "How staff meet the challenges",
                "Programmes and activities",
                "Hopes",
            ]
            theme = project.themes.get("Open communication")
            assert set(theme.labels) == {"id"}
            assert theme.labels["id"]["name"] == "Komunikasi Terbuka"
            assert theme.labels["id"]["definition"].startswith("Bagian")
            assert theme.definition.startswith("Passages")
            assert project.themes.get("Komunikasi Terbuka").id == theme.id  # by its Indonesian label
            assert theme.color == "#e28fef"

    def test_unknown_language_falls_back_to_english(self, tmp_path: Path) -> None:
        with Project.create(tmp_path / "fr.annotator", language="fr") as project:
            project.themes.import_codebook(load_codebook("relationships"), "fr")
            assert project.themes.tree()[-1].name == "Hopes"
            assert set(project.themes.get("Hopes").labels) == {"id"}

    def test_under_a_parent(self, project: Project) -> None:
        codebook_file = project.path.parent / "mini.json"
        codebook_file.write_text(
            json.dumps(
                {
                    "format": "annotator-codebook",
                    "themes": [{"name": "Makan", "children": [{"name": "Sarapan"}]}, {"name": "Tidur"}],
                }
            ),
            encoding="utf-8",
        )
        assert project.themes.import_codebook(parse_codebook(codebook_file), "id", parent=HOPES) == 3
        assert children(project, HOPES)[-2:] == ["Makan", "Tidur"]
        assert children(project, f"{HOPES}/Makan") == ["Sarapan"]
        assert theme_count(project) == 40

    def test_a_clash_leaves_nothing_half_imported(self, project: Project) -> None:
        codebook_file = project.path.parent / "clash.json"
        codebook_file.write_text(
            json.dumps(
                {
                    "format": "annotator-codebook",
                    "themes": [{"name": "Baru", "children": [{"name": "Anak"}]}, {"name": "harapan"}],
                }
            ),
            encoding="utf-8",
        )
        codebook = parse_codebook(codebook_file)
        message = refused(project, lambda: project.themes.import_codebook(codebook, "id"))
        assert HOPES in message


# -- pinned themes ------------------------------------------------------------------------------------
class TestPinned:
    def ids(self, project: Project, *names: str) -> list[int]:
        return [project.themes.get(name).id for name in names]

    def test_none_at_first(self, project: Project) -> None:
        assert project.themes.pinned() == []

    def test_set_keeps_the_order_and_lasts(self, project: Project) -> None:
        wanted = self.ids(project, "Piket", POSITIVE, "Keakraban")
        assert project.themes.set_pinned(wanted) == wanted
        path = project.path
        project.close()
        with Project.open(path) as reopened:
            assert reopened.themes.pinned() == wanted
            assert reopened.themes.set_pinned([]) == []
            assert reopened.themes.pinned() == []

    def test_nine_at_most(self, project: Project) -> None:
        every = [n.id for root in project.themes.tree() for _depth, n in root.walk()]
        assert project.themes.set_pinned(every[:9]) == every[:9]
        message = refused(project, lambda: project.themes.set_pinned(every[:10]))
        assert "10 themes" in message and "at most nine" in message
        assert project.themes.pinned() == every[:9]

    def test_a_theme_twice_is_refused(self, project: Project) -> None:
        piket, hopes = self.ids(project, "Piket", HOPES)
        message = refused(project, lambda: project.themes.set_pinned([piket, hopes, piket]))
        assert f"theme {piket}" in message and "twice" in message

    def test_an_unknown_theme_is_not_found(self, project: Project) -> None:
        message = refused(project, lambda: project.themes.set_pinned([1, 999]), NotFound)
        assert "999" in message
        refused(project, lambda: project.themes.pin(999), NotFound)
        refused(project, lambda: project.themes.unpin(999), NotFound)

    def test_pin_takes_the_first_free_number_and_unpin_renumbers_nothing(self, project: Project) -> None:
        piket, hopes, close, safe = self.ids(project, "Piket", HOPES, "Keakraban", "Rasa Aman")
        assert project.themes.pin(piket) == [piket]
        assert project.themes.pin(hopes) == [piket, hopes]
        assert project.themes.pin(piket) == [piket, hopes]  # pinned already: keeps its number
        assert project.themes.pin(close) == [piket, hopes, close]
        assert project.themes.unpin(hopes) == [piket, None, close]  # Keakraban stays Ctrl+3
        assert project.themes.unpin(hopes) == [piket, None, close]
        assert project.themes.pinned() == [piket, None, close]
        assert project.themes.pin(safe) == [piket, safe, close]  # the free number 2
        assert project.themes.unpin(close) == [piket, safe]  # nothing after the last pin
        assert project.themes.set_pinned([None, piket]) == [None, piket]

    def test_pin_a_tenth_is_refused(self, project: Project) -> None:
        every = [n.id for root in project.themes.tree() for _depth, n in root.walk()]
        project.themes.set_pinned(every[:9])
        message = refused(project, lambda: project.themes.pin(every[9]))
        assert message == "nine themes are pinned already; unpin one first"
        project.themes.unpin(every[0])
        assert project.themes.pin(every[9]) == [every[9], *every[1:9]]

    def test_a_deleted_theme_is_left_out_and_comes_back_with_undo(self, project: Project) -> None:
        piket, rasa_aman, hopes = self.ids(project, "Piket", "Rasa Aman", HOPES)
        project.themes.set_pinned([piket, rasa_aman, hopes])
        change = project.themes.apply("delete", ref=ATTACHMENT)  # Rasa Aman is below it
        assert project.themes.pinned() == [piket, None, hopes]  # HOPES keeps its number
        project.themes.undo(change)
        assert project.themes.pinned() == [piket, rasa_aman, hopes]
        project.themes.redo(change)
        assert project.themes.pinned() == [piket, None, hopes]

    def test_a_new_theme_with_a_deleted_themes_id_is_not_pinned(self, project: Project) -> None:
        with project.transaction() as session:
            last = session.scalar(select(func.max(Theme.id)))
        project.themes.set_pinned([last])
        project.themes.delete(last)
        assert project.themes.create("Baru").id == last  # SQLite gives the id again
        assert project.themes.pinned() == []

    def test_pins_of_deleted_themes_make_room(self, project: Project) -> None:
        every = [n.id for root in project.themes.tree() for _depth, n in root.walk()]
        leaves = [i for i in every if project.themes.get(i).parent_id is not None]
        project.themes.set_pinned(leaves[:9])
        project.themes.delete(leaves[0])
        project.themes.delete(leaves[1])
        assert project.themes.pinned() == [None, None, *leaves[2:9]]
        assert project.themes.pin(leaves[9]) == [leaves[9], None, *leaves[2:9]]
        assert project.themes.pin(leaves[10]) == [leaves[9], leaves[10], *leaves[2:9]]
        refused(project, lambda: project.themes.pin(leaves[11]))


def test_a_name_too_long_for_a_theme_is_refused(project: Project) -> None:
    long = "Komunikasi " * 20
    message = refused(project, lambda: project.themes.create(long))
    assert "too long" in message and "at most 150" in message and "definition" in message
    assert project.themes.create(("Kata " * 30).strip()).name.startswith("Kata")  # 149 characters: a name
