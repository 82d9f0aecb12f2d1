"""Codebooks: a tree of themes to start a project from.

The template "Relationships between residents and staff" ships under ``resources/codebooks``; a
researcher can give their own file in the same JSON format. Each theme has a name and a definition in
one or more languages; a project takes the names in its own language and keeps the others as labels.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import UserError
from annotator.resources import resource_path

FORMAT = "annotator-codebook"
NAME_LIMIT = 150  # characters of a theme's name (as core.services.themes allows)
MAX_DEPTH = 100  # levels of themes inside themes
MAX_FILE_BYTES = 64 << 20
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class CodebookTheme:
    names: dict[str, str]
    definitions: dict[str, str]
    color: str | None
    children: list[CodebookTheme] = field(default_factory=list)
    key: str | None = None

    def name(self, language: str) -> str:
        return _pick(self.names, language)

    def definition(self, language: str) -> str:
        return _pick(self.definitions, language) if self.definitions else ""

    def labels(self, language: str) -> dict[str, dict[str, str]]:
        """Names and definitions in the languages other than the project's."""
        chosen = _pick_language(self.names, language)
        return {
            lang: {"name": name, "definition": self.definitions.get(lang, "")}
            for lang, name in self.names.items()
            if lang != chosen
        }

    def count(self) -> int:
        return 1 + sum(child.count() for child in self.children)


@dataclass
class Codebook:
    names: dict[str, str]
    themes: list[CodebookTheme]

    def count(self) -> int:
        return sum(theme.count() for theme in self.themes)


def _pick_language(texts: dict[str, str], language: str) -> str:
    for lang in (language, "en", *texts):
        if texts.get(lang):
            return lang
    return language


def _pick(texts: dict[str, str], language: str) -> str:
    return texts.get(_pick_language(texts, language), "")


def template_names() -> list[str]:
    return sorted(p.stem for p in resource_path("codebooks").glob("*.json"))


def load_codebook(spec: str) -> Codebook:
    """A template by name (``relationships``) or a codebook file."""
    template = resource_path("codebooks", f"{spec}.json")
    if "/" not in spec and "\\" not in spec and template.is_file():
        return parse_codebook(template)
    path = Path(spec).expanduser()
    if not path.exists():
        names = ", ".join(template_names())
        raise UserError(f"{spec}: no such codebook file or template (templates: {names})")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a codebook file")
    return parse_codebook(path)


def parse_codebook(path: Path) -> Codebook:
    """A codebook file read and checked whole: a UserError names the file and the first problem, so that nothing
    is made from a codebook that cannot be imported (a new project is not left half-made)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(f"{path}: is {size >> 20} MB, far too large for a codebook")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not a codebook (not UTF-8 text)") from exc
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: not a codebook (invalid JSON at line {exc.lineno}: {exc.msg})") from exc
    except RecursionError:
        raise UserError(f"{path}: not a codebook (its JSON is nested too deeply)") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f'{path}: not a codebook (expected a JSON object with "format": "{FORMAT}")')
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        raise UserError(f"{path}: the codebook has no themes")
    codebook = Codebook(
        names=_texts(data.get("name"), path, "name"),
        themes=[_theme(item, path, f"themes[{i}]", 1) for i, item in enumerate(themes)],
    )
    _check_siblings(codebook.themes, path, "themes")
    return codebook


def _check_siblings(themes: list[CodebookTheme], path: Path, where: str) -> None:
    """Two themes side by side may not have one name (in any language a project may pick), as the project's
    theme tree refuses it."""
    languages = {lang for theme in themes for lang in theme.names} | {"en", ""}  # "": a language none of them has
    for language in sorted(languages):
        seen: dict[str, int] = {}
        for i, theme in enumerate(themes):
            name = " ".join(theme.name(language).split()).casefold()
            if name in seen:
                raise UserError(
                    f"{path}: {where}[{seen[name]}] and {where}[{i}] have the same name {theme.name(language)!r}; "
                    "themes side by side need different names"
                )
            seen[name] = i
    for i, theme in enumerate(themes):
        _check_siblings(theme.children, path, f"{where}[{i}].children")


def _texts(value: Any, path: Path, where: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value.strip()}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return {k: v.strip() for k, v in value.items()}
    if value is None:
        return {}
    raise UserError(f"{path}: {where} must be text or an object of texts by language")


def _theme(item: Any, path: Path, where: str, depth: int) -> CodebookTheme:
    if depth > MAX_DEPTH:
        raise UserError(f"{path}: {where.split('.')[0]}: themes are nested more than {MAX_DEPTH} levels deep")
    if not isinstance(item, dict):
        raise UserError(f"{path}: {where} is not a theme object")
    names = _texts(item.get("name"), path, f"{where}.name")
    if not any(names.values()):
        raise UserError(f"{path}: {where} has no name")
    for name in names.values():
        name = " ".join(name.split())
        if "/" in name:
            raise UserError(f"{path}: {where}.name {name!r} contains '/' (it separates parent and child)")
        if len(name) > NAME_LIMIT:
            raise UserError(
                f"{path}: {where}.name {name[:40]!r}... is {len(name)} characters long (at most {NAME_LIMIT}); "
                "put the explanation in its definition"
            )
    color = item.get("color")
    if color is not None and not (isinstance(color, str) and _COLOUR.match(color)):
        raise UserError(f"{path}: {where}.color {color!r} is not a colour like #7aafe3")
    children = item.get("children") or []
    if not isinstance(children, list):
        raise UserError(f"{path}: {where}.children must be a list")
    return CodebookTheme(
        names=names,
        definitions=_texts(item.get("definition"), path, f"{where}.definition"),
        color=color.lower() if color else None,
        children=[_theme(child, path, f"{where}.children[{i}]", depth + 1) for i, child in enumerate(children)],
        key=item.get("key"),
    )
