"""One window per project: a project already open in another window is not opened again without a word.

The window takes the project's "window" lock (core.locks) when it opens it and gives it back when it closes it;
a crash gives it back too. Opening a project another live window holds asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core import locks
from annotator.core.project import Project

WINDOW_LOCK = "window"


def claim(parent: QWidget, project: Project, name: str) -> locks.Held | None:
    """Take the project for this window, asking first when another window has it; None: the user said no."""
    try:
        return locks.acquire(project, WINDOW_LOCK, "open in a window")
    except locks.LockHeld as exc:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("ProjectClaim", "Project already open"),
            QCoreApplication.translate(
                "ProjectClaim",
                "{name} is already open in another Annotator window ({holder}).\n\n"
                "In two windows, each would change the transcripts and codings under the other. "
                "Open it here anyway?",
            ).format(name=name, holder=exc.holder.describe()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return locks.acquire(project, WINDOW_LOCK, "open in a window", force=True)
