"""Themes: the codebook tree. Create, rename, recolour, move, merge, delete, and count passages; pinned themes.

Each public method is one short transaction. :meth:`ThemeService.apply` runs the same operations (a name from
:data:`OPERATIONS`, with the keyword arguments of its method) as an undoable
:class:`~annotator.core.services.theme_changes.ThemeChange`; :meth:`~ThemeService.undo` and
:meth:`~ThemeService.redo` put its rows back (:mod:`~annotator.core.services.theme_changes`).

Pinned themes are those the user codes with Ctrl+1 .. Ctrl+9 (:mod:`~annotator.core.services.theme_pins`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from annotator.core.codebook import Codebook, CodebookTheme
from annotator.core.models import Coding, Theme
from annotator.core.services import theme_changes, theme_pins
from annotator.core.services.base import Service
from annotator.core.services.theme_changes import ThemeChange
from annotator.errors import NotFound, UserError

OPERATIONS = ("create", "rename", "recolour", "set_definition", "move", "merge", "delete")
NAME_LIMIT = 150  # characters; a longer text is a definition, not a name
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Distinct, readable highlight colours for themes made without one.
PALETTE = (
    "#f4d35e",
    "#8ecae6",
    "#f4a261",
    "#b5e48c",
    "#cdb4db",
    "#ffafcc",
    "#90dbf4",
    "#e9c46a",
    "#a3c4f3",
    "#98f5e1",
    "#fbc4ab",
    "#c0d6df",
)


def check_colour(colour: str) -> str:
    colour = colour.strip()
    if not _COLOUR.match(colour):
        raise UserError(f"{colour!r} is not a colour; write it as #rrggbb, e.g. #7aafe3")
    return colour.lower()


@dataclass
class ThemeNode:
    id: int
    guid: str
    name: str
    definition: str
    color: str
    parent_id: int | None
    position: int
    labels: dict[str, Any]
    passages: int  # codings of this theme itself
    total_passages: int = 0  # with those of every theme below it
    children: list[ThemeNode] = field(default_factory=list)

    def walk(self, depth: int = 0) -> Iterable[tuple[int, ThemeNode]]:
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "guid": self.guid,
            "name": self.name,
            "definition": self.definition,
            "color": self.color,
            "labels": self.labels,
            "passages": self.passages,
            "total_passages": self.total_passages,
            "children": [child.as_dict() for child in self.children],
        }


class ThemeService(Service):
    # -- lookup --------------------------------------------------------------------------------
    @staticmethod
    def find(session: Session, ref: str | int) -> Theme:
        """A theme by id, by name, or by path ``Parent/Child`` (names without regard to case)."""
        if isinstance(ref, int) or str(ref).isdigit():
            theme = session.get(Theme, int(ref))
            if theme is not None:
                return theme
        text = str(ref).strip()
        themes = list(session.scalars(select(Theme)))
        by_id = {t.id: t for t in themes}

        def path_of(theme: Theme) -> str:
            names = [theme.name]
            while theme.parent_id is not None:
                theme = by_id[theme.parent_id]
                names.append(theme.name)
            return "/".join(reversed(names))

        wanted = text.casefold()
        matches = [t for t in themes if path_of(t).casefold() == wanted] or [
            t for t in themes if t.name.casefold() == wanted
        ]
        if not matches:  # a name in another language of the codebook
            matches = [
                t for t in themes if any(str(label.get("name", "")).casefold() == wanted for label in t.labels.values())
            ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            paths = "; ".join(path_of(t) for t in matches)
            raise UserError(f"several themes are called {text!r} ({paths}); give the path or the id")
        raise NotFound(f"no theme {text!r} in this project")

    def get(self, ref: str | int) -> Theme:
        with self.transaction() as session:
            return self.find(session, ref)

    # -- creating and changing -----------------------------------------------------------------
    def create(
        self,
        name: str,
        *,
        parent: str | int | None = None,
        definition: str = "",
        color: str | None = None,
        position: int | None = None,
        labels: dict[str, Any] | None = None,
    ) -> Theme:
        with self.transaction() as session:
            return self._create(session, name, parent, definition, color, position, labels)

    def _create(
        self,
        session: Session,
        name: str,
        parent: str | int | None = None,
        definition: str = "",
        color: str | None = None,
        position: int | None = None,
        labels: dict[str, Any] | None = None,
    ) -> Theme:
        under = self.find(session, parent) if parent is not None else None
        return self._add(session, name, under, definition, color, position, labels)

    def _add(
        self,
        session: Session,
        name: str,
        parent: Theme | None,
        definition: str,
        color: str | None,
        position: int | None,
        labels: dict[str, Any] | None,
    ) -> Theme:
        name = self._check_name(session, name, parent.id if parent else None)
        siblings = self._siblings(session, parent.id if parent else None)
        if color is None:
            used = {s.color for s in siblings}
            color = next((c for c in PALETTE if c not in used), PALETTE[len(siblings) % len(PALETTE)])
        theme = Theme(
            name=name,
            parent_id=parent.id if parent else None,
            definition=definition.strip(),
            color=check_colour(color),
            labels=dict(labels or {}),
            position=len(siblings),
        )
        session.add(theme)
        session.flush()
        if position is not None:
            self._place(session, theme, theme.parent_id, position)
        return theme

    @staticmethod
    def _siblings(session: Session, parent_id: int | None, exclude: int | None = None) -> list[Theme]:
        query = select(Theme).where(Theme.parent_id.is_(None) if parent_id is None else Theme.parent_id == parent_id)
        if exclude is not None:
            query = query.where(Theme.id != exclude)
        return list(session.scalars(query.order_by(Theme.position, Theme.id)))

    def _check_name(self, session: Session, name: str, parent_id: int | None, exclude: int | None = None) -> str:
        name = " ".join(name.split())
        if not name:
            raise UserError("a theme needs a name")
        if "/" in name:
            raise UserError(f"{name!r}: a theme name cannot contain '/' (it separates parent and child)")
        if len(name) > NAME_LIMIT:
            raise UserError(
                f"{name[:40]!r}...: a theme name of {len(name)} characters is too long (at most {NAME_LIMIT}); "
                "put the explanation in its definition"
            )
        for sibling in self._siblings(session, parent_id, exclude):
            if sibling.name.casefold() == name.casefold():
                raise UserError(f"there is already a theme {sibling.name!r} at that place in the tree")
        return name

    def rename(self, ref: str | int, name: str) -> Theme:
        with self.transaction() as session:
            return self._rename(session, ref, name)

    def _rename(self, session: Session, ref: str | int, name: str) -> Theme:
        theme = self.find(session, ref)
        theme.name = self._check_name(session, name, theme.parent_id, exclude=theme.id)
        return theme

    def recolour(self, ref: str | int, color: str) -> Theme:
        with self.transaction() as session:
            return self._recolour(session, ref, color)

    def _recolour(self, session: Session, ref: str | int, color: str) -> Theme:
        theme = self.find(session, ref)
        theme.color = check_colour(color)
        return theme

    def set_definition(self, ref: str | int, definition: str) -> Theme:
        with self.transaction() as session:
            return self._set_definition(session, ref, definition)

    def _set_definition(self, session: Session, ref: str | int, definition: str) -> Theme:
        theme = self.find(session, ref)
        theme.definition = definition.strip()
        return theme

    def move(self, ref: str | int, parent: str | int | None, position: int | None = None) -> Theme:
        """Put a theme (with everything below it) under another parent (None: the top level), at a position."""
        with self.transaction() as session:
            return self._move(session, ref, parent, position)

    def _move(self, session: Session, ref: str | int, parent: str | int | None, position: int | None = None) -> Theme:
        theme = self.find(session, ref)
        new_parent = self.find(session, parent) if parent is not None else None
        if new_parent is not None:
            ancestor: Theme | None = new_parent
            while ancestor is not None:
                if ancestor.id == theme.id:
                    raise UserError(f"cannot move {theme.name!r} under itself or a theme below it")
                ancestor = session.get(Theme, ancestor.parent_id) if ancestor.parent_id else None
        parent_id = new_parent.id if new_parent else None
        if parent_id != theme.parent_id:
            self._check_name(session, theme.name, parent_id, exclude=theme.id)
            old_parent = theme.parent_id
            theme.parent_id = parent_id
            session.flush()
            self._renumber(self._siblings(session, old_parent))
        self._place(session, theme, parent_id, position)
        return theme

    def _place(self, session: Session, theme: Theme, parent_id: int | None, position: int | None) -> None:
        siblings = self._siblings(session, parent_id, exclude=theme.id)
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(index, theme)
        self._renumber(siblings)

    @staticmethod
    def _renumber(siblings: list[Theme]) -> None:
        for index, sibling in enumerate(siblings):
            if sibling.position != index:
                sibling.position = index

    def merge(self, source: str | int, target: str | int) -> Theme:
        """Fold ``source`` into ``target``: its passages and sub-themes move over, then it is removed."""
        with self.transaction() as session:
            return self._merge(session, source, target)

    def _merge(self, session: Session, source: str | int, target: str | int) -> Theme:
        src, dst = self.find(session, source), self.find(session, target)
        if src.id == dst.id:
            raise UserError(f"cannot merge {src.name!r} into itself")
        ancestor: Theme | None = dst
        while ancestor is not None:
            if ancestor.id == src.id:
                raise UserError(f"cannot merge {src.name!r} into {dst.name!r}, which is below it")
            ancestor = session.get(Theme, ancestor.parent_id) if ancestor.parent_id else None
        self._move_codings(session, src, dst)
        kept = self._siblings(session, dst.id)
        moved = self._siblings(session, src.id)
        names = {c.name.casefold() for c in kept}
        for child in moved:
            if child.name.casefold() in names:
                raise UserError(f"{dst.name!r} already has a sub-theme {child.name!r}; rename one before merging")
            child.parent_id = dst.id
        self._renumber([*kept, *moved])
        session.flush()
        if src.definition and src.definition not in dst.definition:
            dst.definition = f"{dst.definition}\n{src.definition}".strip()
        parent_id = src.parent_id
        session.delete(src)
        session.flush()
        self._renumber(self._siblings(session, parent_id))
        return dst

    @staticmethod
    def _move_codings(session: Session, src: Theme, dst: Theme) -> None:
        """Re-theme src's codings; one that would repeat a coding dst already has is dropped."""

        def span(c: Coding) -> tuple[Any, ...]:
            return (c.recording_id, c.document_id, c.start_segment_id, c.start_offset, c.end_segment_id, c.end_offset)

        existing = {span(c) for c in session.scalars(select(Coding).where(Coding.theme_id == dst.id))}
        for coding in session.scalars(select(Coding).where(Coding.theme_id == src.id)):
            if span(coding) in existing:
                session.delete(coding)
            else:
                existing.add(span(coding))
        session.flush()
        session.execute(update(Coding).where(Coding.theme_id == src.id).values(theme_id=dst.id))

    def delete(self, ref: str | int) -> int:
        """Remove a theme with its sub-themes and their codings; returns how many themes went."""
        with self.transaction() as session:
            return self._delete(session, ref)

    def _delete(self, session: Session, ref: str | int) -> int:
        theme = self.find(session, ref)
        ids = self._subtree_ids(session, theme.id)
        parent_id = theme.parent_id
        session.delete(theme)  # the database cascades to sub-themes and codings
        session.flush()
        self._renumber(self._siblings(session, parent_id))
        return len(ids)

    @staticmethod
    def _subtree_ids(session: Session, theme_id: int) -> list[int]:
        ids, frontier = [theme_id], [theme_id]
        while frontier:
            frontier = list(session.scalars(select(Theme.id).where(Theme.parent_id.in_(frontier))))
            ids.extend(frontier)
        return ids

    # -- undoable changes ----------------------------------------------------------------------
    def apply(self, op: str, **kwargs: Any) -> ThemeChange:
        """Run an operation (a name from OPERATIONS, with the keyword arguments of its method) in one transaction,
        between two snapshots, as an undoable ThemeChange."""
        if op not in OPERATIONS:
            raise ValueError(f"unknown theme operation {op!r}")
        method = getattr(self, f"_{op}")
        with self.transaction() as session:
            recoded = self._recoded(session, op, kwargs)
            before = theme_changes.take(session, recoded)
            result = method(session, **kwargs)
            after = theme_changes.take(session, recoded, like=before)
            return ThemeChange(op, before, after, result.id if isinstance(result, Theme) else result)

    def _recoded(self, session: Session, op: str, kwargs: dict[str, Any]) -> list[int]:
        """The themes whose codings and notes ``op`` moves or removes: a merge's source and target, a deleted
        theme and every theme below it."""
        if op == "merge":
            return [self.find(session, kwargs["source"]).id, self.find(session, kwargs["target"]).id]
        if op == "delete":
            return self._subtree_ids(session, self.find(session, kwargs["ref"]).id)
        return []

    def undo(self, change: ThemeChange) -> tuple[int, ...]:
        """Put back the rows from before the change; returns the change's themes that exist now."""
        with self.transaction() as session:
            return theme_changes.restore(session, change.before, change.after)

    def redo(self, change: ThemeChange) -> tuple[int, ...]:
        """Put back the rows from after the change; returns the change's themes that exist now."""
        with self.transaction() as session:
            return theme_changes.restore(session, change.after, change.before)

    # -- pinned themes -------------------------------------------------------------------------
    def pinned(self) -> list[int | None]:
        """The pinned themes by number (entry n - 1: the theme of Ctrl+n; None: nothing pinned at n now)."""
        with self.transaction() as session:
            return theme_pins.pinned(session)

    def set_pinned(self, theme_ids: list[int | None]) -> list[int | None]:
        """Pin exactly these themes (at most nine) at these numbers; returns the pins by number."""
        with self.transaction() as session:
            return theme_pins.set_pinned(session, theme_ids)

    def pin(self, theme_id: int) -> list[int | None]:
        """Pin a theme at the first free number (a pinned theme keeps its number); returns the pins by number."""
        with self.transaction() as session:
            return theme_pins.pin(session, theme_id)

    def unpin(self, theme_id: int) -> list[int | None]:
        """Unpin a theme (the others keep their numbers); returns the pins by number."""
        with self.transaction() as session:
            return theme_pins.unpin(session, theme_id)

    # -- codebooks -----------------------------------------------------------------------------
    def import_codebook(self, codebook: Codebook, language: str, parent: str | int | None = None) -> int:
        """Add a codebook's themes (names in ``language`` where it has them); returns how many."""
        with self.transaction() as session:
            root = self.find(session, parent) if parent is not None else None

            def add(item: CodebookTheme, under: Theme | None) -> None:
                theme = self._add(
                    session,
                    item.name(language),
                    under,
                    item.definition(language),
                    item.color,
                    None,
                    item.labels(language),
                )
                for child in item.children:
                    add(child, theme)

            for item in codebook.themes:
                add(item, root)
        return codebook.count()

    # -- queries -------------------------------------------------------------------------------
    def tree(self) -> list[ThemeNode]:
        """The whole tree in order, with passage counts."""
        counts = select(Coding.theme_id, func.count(Coding.id).label("n")).group_by(Coding.theme_id).subquery()
        query = (
            select(Theme, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.theme_id == Theme.id)
            .order_by(Theme.position, Theme.id)
        )
        with self.transaction() as session:
            rows = list(session.execute(query))
        nodes = {
            theme.id: ThemeNode(
                theme.id,
                theme.guid,
                theme.name,
                theme.definition,
                theme.color,
                theme.parent_id,
                theme.position,
                dict(theme.labels),
                n,
            )
            for theme, n in rows
        }
        roots: list[ThemeNode] = []
        for node in nodes.values():  # rows are in position order, so children arrive in order
            (nodes[node.parent_id].children if node.parent_id in nodes else roots).append(node)

        def total(node: ThemeNode) -> int:
            node.total_passages = node.passages + sum(total(child) for child in node.children)
            return node.total_passages

        for root in roots:
            total(root)
        return roots
