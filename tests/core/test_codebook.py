"""Codebooks: the shipped template "relationships" and codebook files a researcher writes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.core.codebook import (
    Codebook,
    CodebookTheme,
    load_codebook,
    parse_codebook,
    template_names,
)
from annotator.errors import UserError
from annotator.resources import resource_path

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
TEMPLATE_FILE = resource_path("codebooks", "relationships.json")


def walk(themes: list[CodebookTheme]) -> Iterator[CodebookTheme]:
    for theme in themes:
        yield theme
        yield from walk(theme.children)


def raw_walk(themes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for theme in themes:
        yield theme
        yield from raw_walk(theme.get("children", []))


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def codebook(*themes: Any, **extra: Any) -> dict[str, Any]:
    return {"format": "annotator-codebook", "themes": list(themes), **extra}


def refused(path: Path | str) -> str:
    """The message of the UserError that loading ``path`` must raise; it must name the file."""
    with pytest.raises(UserError) as caught:
        load_codebook(str(path))
    message = str(caught.value)
    assert str(path) in message
    return message


# -- the template ----------------------------------------------------------------------------------
class TestTemplate:
    def test_template_names_include_relationships(self) -> None:
        names = template_names()
        assert "relationships" in names
        assert names == sorted(names)

    def test_loads_by_name(self) -> None:
        loaded = load_codebook("relationships")
        assert isinstance(loaded, Codebook)
        assert loaded.names == {
            "id": "Hubungan sosial warga binaan sosial dan staf",
            "en": "Relationships between residents and staff",
        }
        assert len(loaded.themes) == 7
        assert loaded.count() == 37
        assert sum(1 for _ in walk(loaded.themes)) == 37

    def test_same_as_loading_the_file(self) -> None:
        assert load_codebook("relationships") == load_codebook(str(TEMPLATE_FILE))

    def test_top_level_order(self) -> None:
        assert [t.name("en") for t in load_codebook("relationships").themes] == [
            "Positive social relationship",
            "Attachment",
            "Factors shaping the relationship",
            "Challenges in the relationship",
            "How staff meet the challenges",
            "Programmes and activities",
            "Hopes",
        ]
        assert [t.name("id") for t in load_codebook("relationships").themes][-1] == "Harapan"

    def test_every_theme_is_in_both_languages(self) -> None:
        for theme in walk(load_codebook("relationships").themes):
            assert set(theme.names) == {"id", "en"}, theme.names
            assert all(name.strip() for name in theme.names.values()), theme.names
            assert set(theme.definitions) == {"id", "en"}, theme.names
            assert all(text.strip() for text in theme.definitions.values()), theme.names

    def test_every_theme_has_a_key_and_keys_are_unique(self) -> None:
        keys = [theme.key for theme in walk(load_codebook("relationships").themes)]
        assert all(keys)
        assert len(set(keys)) == 37

    def test_colours_are_valid_and_distinct(self) -> None:
        themes = list(walk(load_codebook("relationships").themes))
        colours = [theme.color for theme in themes]
        assert all(c is not None and re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours), colours
        assert len(set(colours)) == len(colours)

    def test_raw_file_colours_are_distinct_hex(self) -> None:
        """The file itself, read without the loader: a hex colour for every theme, none repeated."""
        data = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))
        assert data["format"] == "annotator-codebook"
        colours = [t["color"] for t in raw_walk(data["themes"])]
        assert len(colours) == 37
        assert all(HEX.match(c) for c in colours)
        assert len({c.lower() for c in colours}) == 37

    def test_names_are_unique_among_siblings(self) -> None:
        def check(themes: list[CodebookTheme]) -> None:
            for language in ("id", "en"):
                names = [t.name(language).casefold() for t in themes]
                assert len(set(names)) == len(names)
                assert not any("/" in name for name in names)
            for theme in themes:
                check(theme.children)

        check(load_codebook("relationships").themes)

    def test_language_choice_and_labels(self) -> None:
        theme = load_codebook("relationships").themes[2].children[0]
        assert theme.name("id") == "Komunikasi Terbuka"
        assert theme.name("en") == "Open communication"
        assert theme.name("fr") == "Open communication"  # falls back to English
        assert theme.definition("id").startswith("Bagian")
        assert theme.labels("id") == {"en": {"name": "Open communication", "definition": theme.definitions["en"]}}
        assert theme.labels("en") == {"id": {"name": "Komunikasi Terbuka", "definition": theme.definitions["id"]}}
        assert set(theme.labels("fr")) == {"id"}


# -- a codebook file -------------------------------------------------------------------------------
class TestCustomFile:
    def test_loads(self, tmp_path: Path) -> None:
        path = write(
            tmp_path / "mine.json",
            codebook(
                {
                    "key": "food",
                    "name": "Food",
                    "definition": "Meals and snacks.",
                    "color": "#ABCDEF",
                    "children": [
                        {"name": {"en": "Breakfast", "id": "Sarapan"}, "definition": {"en": "Morning", "id": "Pagi"}},
                        {"name": {"id": "Makan Malam"}},
                    ],
                },
                {"name": "Sleep"},
                name="My codebook",
            ),
        )
        loaded = load_codebook(str(path))
        assert loaded.names == {"en": "My codebook"}
        assert loaded.count() == 4
        food, sleep = loaded.themes
        assert (food.key, food.name("en"), food.color) == ("food", "Food", "#abcdef")
        assert food.definition("en") == "Meals and snacks."
        assert [c.name("id") for c in food.children] == ["Sarapan", "Makan Malam"]
        assert [c.name("en") for c in food.children] == ["Breakfast", "Makan Malam"]
        assert food.children[0].labels("id") == {"en": {"name": "Breakfast", "definition": "Morning"}}
        assert food.children[1].labels("en") == {}
        assert (sleep.color, sleep.definition("en"), sleep.children) == (None, "", [])

    def test_dict_texts_are_stripped(self, tmp_path: Path) -> None:
        path = write(tmp_path / "c.json", codebook({"name": {"en": "  Food  "}, "definition": {"en": " x "}}))
        theme = load_codebook(str(path)).themes[0]
        assert (theme.name("en"), theme.definition("en")) == ("Food", "x")

    def test_utf8_with_bom_and_non_ascii(self, tmp_path: Path) -> None:
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps(codebook({"name": "Café"}), ensure_ascii=False).encode())
        assert load_codebook(str(path)).themes[0].name("en") == "Café"

    def test_parse_codebook_takes_a_path(self, tmp_path: Path) -> None:
        path = write(tmp_path / "c.json", codebook({"name": "A"}))
        assert parse_codebook(path).themes[0].name("en") == "A"

    def test_home_is_expanded(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("HOME", str(tmp_path))
        write(tmp_path / "c.json", codebook({"name": "A"}))
        assert load_codebook("~/c.json").themes[0].name("en") == "A"


# -- errors ----------------------------------------------------------------------------------------
class TestErrors:
    def test_missing_file_lists_the_templates(self, tmp_path: Path) -> None:
        message = refused(tmp_path / "nope.json")
        assert "no such codebook file" in message
        assert "relationships" in message

    def test_unknown_template_name(self) -> None:
        message = refused("friendships")
        assert "relationships" in message

    def test_folder(self, tmp_path: Path) -> None:
        folder = tmp_path / "codebooks"
        folder.mkdir()
        assert "folder" in refused(folder)

    def test_invalid_json_names_the_line(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.json"
        path.write_text('{\n  "format": "annotator-codebook",\n  "themes": [oops]\n}\n', encoding="utf-8")
        message = refused(path)
        assert "invalid JSON" in message
        assert "line 3" in message

    def test_empty_file_is_invalid_json(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.json"
        path.write_text("", encoding="utf-8")
        assert "line 1" in refused(path)

    @pytest.mark.parametrize(
        "data",
        [
            {"format": "nvivo", "themes": [{"name": "A"}]},
            {"themes": [{"name": "A"}]},
            [{"name": "A"}],
            "annotator-codebook",
        ],
    )
    def test_wrong_format(self, tmp_path: Path, data: Any) -> None:
        message = refused(write(tmp_path / "other.json", data))
        assert '"format": "annotator-codebook"' in message

    @pytest.mark.parametrize("themes", [None, [], {}, "A"])
    def test_no_themes(self, tmp_path: Path, themes: Any) -> None:
        data = {"format": "annotator-codebook"}
        if themes is not None:
            data["themes"] = themes
        assert "no themes" in refused(write(tmp_path / "none.json", data))

    @pytest.mark.parametrize(
        "theme",
        [
            {},
            {"name": ""},
            {"name": {}},
            {"name": {"en": "", "id": "  "}},
            {"name": "   "},  # plain text is not stripped as {"en": ...} is: accepted today (bug)
            {"definition": "only a definition"},
        ],
    )
    def test_theme_without_name(self, tmp_path: Path, theme: dict[str, Any]) -> None:
        message = refused(write(tmp_path / "noname.json", codebook({"name": "A"}, theme)))
        assert "themes[1] has no name" in message

    def test_nested_theme_without_name_is_located(self, tmp_path: Path) -> None:
        path = write(tmp_path / "deep.json", codebook({"name": "A", "children": [{"name": "B"}, {"key": "x"}]}))
        assert "themes[0].children[1] has no name" in refused(path)

    @pytest.mark.parametrize("colour", ["red", "#12345", "#abcdefg", "abcdef", 123, ""])
    def test_bad_colour(self, tmp_path: Path, colour: Any) -> None:
        path = write(tmp_path / "colour.json", codebook({"name": "A", "color": colour}))
        message = refused(path)
        assert f"themes[0].color {colour!r}" in message

    def test_name_of_wrong_type(self, tmp_path: Path) -> None:
        path = write(tmp_path / "type.json", codebook({"name": ["A"]}))
        assert "themes[0].name must be text" in refused(path)

    def test_theme_not_an_object(self, tmp_path: Path) -> None:
        assert "themes[0] is not a theme object" in refused(write(tmp_path / "t.json", codebook("A")))

    def test_children_not_a_list(self, tmp_path: Path) -> None:
        path = write(tmp_path / "kids.json", codebook({"name": "A", "children": {"name": "B"}}))
        assert "themes[0].children must be a list" in refused(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin1.json"
        path.write_bytes(json.dumps(codebook({"name": "Café"}), ensure_ascii=False).encode("latin-1"))
        assert "not UTF-8" in refused(path)

    def test_binary_file(self, tmp_path: Path) -> None:
        path = tmp_path / "image.json"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
        assert "not a codebook" in refused(path)
