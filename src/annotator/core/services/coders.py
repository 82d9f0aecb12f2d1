"""Coders: who made each coding (a project can be coded by several researchers)."""

from __future__ import annotations

from sqlalchemy import select

from annotator.core.models import Coder
from annotator.core.services.base import Service
from annotator.errors import UserError


class CoderService(Service):
    def list(self) -> list[Coder]:
        with self.transaction() as session:
            return list(session.scalars(select(Coder).order_by(Coder.name)))

    def get_or_create(self, name: str) -> Coder:
        name = name.strip()
        if not name:
            raise UserError("a coder needs a name")
        with self.transaction() as session:
            coder = session.scalars(select(Coder).where(Coder.name == name)).one_or_none()
            if coder is None:
                coder = Coder(name=name)
                session.add(coder)
                session.flush()
            return coder
