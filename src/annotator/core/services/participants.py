"""Participants: the people interviewed and interviewing, known by a code or pseudonym."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.models import Participant, Recording, Role
from annotator.core.services.base import Service
from annotator.errors import NotFound, UserError

ROLES = tuple(role.value for role in Role)
# Words researchers use for the roles, in both languages of the first users.
_ROLE_ALIASES = {
    "wbs": Role.RESIDENT,
    "warga binaan sosial": Role.RESIDENT,
    "anak": Role.RESIDENT,
    "child": Role.RESIDENT,
    "pegawai": Role.STAFF,
    "staf": Role.STAFF,
    "pewawancara": Role.INTERVIEWER,
    "praktikan": Role.INTERVIEWER,
    "researcher": Role.INTERVIEWER,
    "peneliti": Role.INTERVIEWER,
    "lainnya": Role.OTHER,
}


def parse_role(text: str) -> str:
    key = text.strip().casefold()
    if key in ROLES:
        return key
    if key in _ROLE_ALIASES:
        return _ROLE_ALIASES[key].value
    raise UserError(f"{text!r} is not a role; use one of {', '.join(ROLES)}")


def _by_code(session: Session, code: str) -> Participant | None:
    """Codes match without regard to case, in any script (SQLite's lower() knows only ASCII)."""
    wanted = code.strip().casefold()
    return next((p for p in session.scalars(select(Participant)) if p.code.casefold() == wanted), None)


@dataclass(frozen=True)
class ParticipantSummary:
    id: int
    guid: str
    code: str
    role: str
    attributes: dict[str, Any]
    recordings: int


class ParticipantService(Service):
    @staticmethod
    def find(session: Session, ref: str | int) -> Participant:
        """A participant by id or code (codes are matched without regard to case)."""
        participant = None
        if isinstance(ref, int) or str(ref).isdigit():
            participant = session.get(Participant, int(ref))
        if participant is None:
            participant = _by_code(session, str(ref))
        if participant is None:
            raise NotFound(f"no participant {ref!r} in this project")
        return participant

    def get(self, ref: str | int) -> Participant:
        with self.transaction() as session:
            return self.find(session, ref)

    @staticmethod
    def ensure(session: Session, code: str, role: str | None = None) -> Participant:
        """The participant with this code, made if new; a role given for an existing one must agree."""
        code = code.strip()
        if not code:
            raise UserError("a participant needs a code or pseudonym")
        role = parse_role(role) if role else None
        existing = _by_code(session, code)
        if existing is None:
            participant = Participant(code=code, role=role or Role.OTHER.value, attributes={})
            session.add(participant)
            session.flush()
            return participant
        if role and existing.role != role:
            if existing.role != Role.OTHER.value:
                raise UserError(f"participant {existing.code} is already a {existing.role}, not a {role}")
            existing.role = role
        return existing

    def add(self, code: str, role: str = "other", attributes: dict[str, Any] | None = None) -> Participant:
        with self.transaction() as session:
            if _by_code(session, code) is not None:
                raise UserError(f"participant {code.strip()} already exists")
            participant = self.ensure(session, code, role)
            participant.attributes = dict(attributes or {})
            return participant

    def update(
        self,
        ref: str | int,
        *,
        code: str | None = None,
        role: str | None = None,
        attributes: dict[str, Any] | None = None,
    ) -> Participant:
        """Change a participant's code, role, or attributes (given attributes are merged; None removes one)."""
        with self.transaction() as session:
            participant = self.find(session, ref)
            if code is not None and code.strip() != participant.code:
                code = code.strip()
                if not code:
                    raise UserError("a participant needs a code or pseudonym")
                clash = _by_code(session, code)
                if clash is not None and clash.id != participant.id:
                    raise UserError(f"participant {code} already exists")
                participant.code = code
            if role is not None:
                participant.role = parse_role(role)
            if attributes:
                merged = {**participant.attributes, **attributes}
                participant.attributes = {k: v for k, v in merged.items() if v is not None}
            return participant

    def delete(self, ref: str | int) -> None:
        """Remove a participant; their recordings and speakers stay, no longer linked to anyone."""
        with self.transaction() as session:
            session.delete(self.find(session, ref))

    def list(self) -> list[ParticipantSummary]:
        counts = (
            select(Recording.participant_id, func.count(Recording.id).label("n"))
            .group_by(Recording.participant_id)
            .subquery()
        )
        query = (
            select(Participant, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.participant_id == Participant.id)
            .order_by(Participant.role, Participant.code)
        )
        with self.transaction() as session:
            return [
                ParticipantSummary(p.id, p.guid, p.code, p.role, dict(p.attributes), n)
                for p, n in session.execute(query)
            ]
