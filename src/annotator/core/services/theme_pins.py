"""Pinned themes: those the user codes a selection with by Ctrl+1 .. Ctrl+9, each at its number.

At most :data:`PIN_LIMIT`, each once. Unpinning or deleting one theme never renumbers the others: someone who
codes with Ctrl+4 by habit must not code with another theme without noticing. So the list read has None where
nothing is pinned now, and a new pin takes the first free number. They are kept in the project's settings
(``ProjectInfo.settings``) under :data:`PINS`, by guid rather than by id: a theme deleted since reads as None, and
comes back pinned at its number when the delete is undone (undo brings back its id and guid), while a new theme
that happens to get a deleted theme's id (SQLite reuses the highest id) does not inherit its pin. The functions
work inside the caller's transaction; :class:`~annotator.core.services.themes.ThemeService` offers them as
``project.themes.pin`` ....
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.models import ProjectInfo, Theme
from annotator.errors import NotFound, UserError

PIN_LIMIT = 9
PINS = "pinned_themes"


def pinned(session: Session) -> list[int | None]:
    """The pinned themes by number: entry n - 1 is the id of the theme at number n, None where no theme (that
    exists) is; no None at the end."""
    guids = _stored(session)
    ids = dict(session.execute(select(Theme.guid, Theme.id).where(Theme.guid.in_([g for g in guids if g]))).all())
    slots = [ids.get(g) for g in guids]
    while slots and slots[-1] is None:
        slots.pop()
    return slots


def set_pinned(session: Session, theme_ids: list[int | None]) -> list[int | None]:
    """Pin exactly these themes at these numbers (None: nothing at that number), forgetting other pins."""
    ids = [None if i is None else int(i) for i in theme_ids]
    if len(ids) > PIN_LIMIT:
        raise UserError(f"{len(ids)} themes given to pin; at most nine themes can be pinned")
    given = [i for i in ids if i is not None]
    twice = sorted({i for i in given if given.count(i) > 1})
    if twice:
        raise UserError(f"theme {twice[0]} is given twice to pin; a theme is pinned once")
    _store(session, [_theme(session, i).guid if i is not None else "" for i in ids])
    return pinned(session)


def pin(session: Session, theme_id: int) -> list[int | None]:
    """Pin a theme at the first free number (one whose theme was deleted counts as free only when no other is:
    undoing the delete would bring that pin back); one pinned already keeps its number."""
    theme = _theme(session, theme_id)
    guids = _stored(session)
    if theme.guid in guids:
        return pinned(session)
    guids += [""] * (PIN_LIMIT - len(guids))
    live = set(session.scalars(select(Theme.guid).where(Theme.guid.in_([g for g in guids if g]))))
    free = next((n for n, g in enumerate(guids) if not g), None)
    if free is None:
        free = next((n for n, g in enumerate(guids) if g not in live), None)
    if free is None:
        raise UserError("nine themes are pinned already; unpin one first")
    guids[free] = theme.guid
    _store(session, guids)
    return pinned(session)


def unpin(session: Session, theme_id: int) -> list[int | None]:
    """Unpin a theme (the others keep their numbers); one not pinned is left as it is."""
    guid = _theme(session, theme_id).guid
    _store(session, ["" if g == guid else g for g in _stored(session)])
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
    while guids and not guids[-1]:
        guids = guids[:-1]
    info = _info(session)
    if info.settings.get(PINS) != guids:
        info.settings = {**info.settings, PINS: guids}
