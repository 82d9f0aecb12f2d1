"""The pseudonymiser every exporter writes through: the project's list of real names and their codes.

:func:`redactor` reads the list once, when an export starts, and returns a :data:`~annotator.exchange.options.
Redact`: the identity when the list is empty, else a function that replaces every listed name as a whole word,
without regard to case or spacing, longest names first (:class:`~annotator.core.services.pseudonyms.Redactor`).
Exporters pass every text they write through it: quotes, titles, memos, speakers, theme names and definitions,
file names and document properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.exchange.options import Redact, unchanged

if TYPE_CHECKING:
    from annotator.core.project import Project


def redactor(project: Project) -> Redact:
    """The project's pseudonymiser as its list stands now (the identity when nothing is listed)."""
    names = project.pseudonyms.redactor()
    return names if names.names else unchanged
