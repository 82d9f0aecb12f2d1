"""Pinned themes: those the user codes a selection with by Ctrl+1 .. Ctrl+9, in the order of their shortcuts.

At most :data:`PIN_LIMIT`, each once. They are kept in the project's settings (``ProjectInfo.settings``) under
:data:`PINS`, by guid rather than by id: a theme deleted since is left out when they are read, and comes back
pinned when the delete is undone (undo brings back its id and guid), while a new theme that happens to get a
deleted theme's id (SQLite reuses the highest id) does not inherit its pin. The functions work inside the caller's
transaction; :class:`~annotator.core.services.themes.ThemeService` offers them as ``project.themes.pin`` ....
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.models import ProjectInfo, Theme
from annotator.errors import NotFound, UserError

PIN_LIMIT = 9
PINS = "pinned_themes"


def pinned(session: Session) -> list[int]:
    """The ids of the pinned themes that exist, in order."""
    guids = _stored(session)
    ids = dict(session.execute(select(Theme.guid, Theme.id).where(Theme.guid.in_(guids))).all())
    return [ids[g] for g in guids if g in ids]


def set_pinned(session: Session, theme_ids: list[int]) -> list[int]:
    """Pin exactly these themes, in this order (forgetting the pins of themes deleted since)."""
    ids = [int(i) for i in theme_ids]
    if len(ids) > PIN_LIMIT:
        raise UserError(f"{len(ids)} themes given to pin; at most nine themes can be pinned")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise UserError(f"theme {twice[0]} is given twice to pin; a theme is pinned once")
    _store(session, [_theme(session, i).guid for i in ids])
    return pinned(session)


def pin(session: Session, theme_id: int) -> list[int]:
    """Pin a theme after those pinned already; one pinned already stays where it is."""
    theme = _theme(session, theme_id)
    ids = pinned(session)
    if theme.id in ids:
        return ids
    if len(ids) >= PIN_LIMIT:
        raise UserError("nine themes are pinned already; unpin one first")
    guids = [*_stored(session), theme.guid]
    live = set(session.scalars(select(Theme.guid).where(Theme.guid.in_(guids))))
    while len(guids) > PIN_LIMIT:  # make room by forgetting the oldest pins of deleted themes
        guids.remove(next(g for g in guids if g not in live))
    _store(session, guids)
    return pinned(session)


def unpin(session: Session, theme_id: int) -> list[int]:
    """Unpin a theme; one not pinned is left as it is."""
    guid = _theme(session, theme_id).guid
    _store(session, [g for g in _stored(session) if g != guid])
    return pinned(session)


def _theme(session: Session, theme_id: int) -> Theme:
    theme = session.get(Theme, int(theme_id))
    if theme is None:
        raise NotFound(f"no theme {theme_id} in this project")
    return theme


def _info(session: Session) -> ProjectInfo:
    return session.scalars(select(ProjectInfo)).one()


def _stored(session: Session) -> list[str]:
    return [str(g) for g in _info(session).settings.get(PINS, [])]


def _store(session: Session, guids: list[str]) -> None:
    info = _info(session)
    if info.settings.get(PINS) != guids:
        info.settings = {**info.settings, PINS: guids}
