"""What every service shares: the project it works on and its transactions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.project import Project


class Service:
    def __init__(self, project: Project) -> None:
        self.project = project

    def transaction(self):  # noqa: ANN201 - the project's context manager
        return self.project.transaction()

    def reading(self):  # noqa: ANN201 - the project's context manager
        return self.project.reading()
