"""Any error that reaches the event loop is shown to the user, never only printed to a terminal they cannot see.

A failed write (the database, the disk) that a panel does not handle itself must not pass unseen: the user would
go on believing their work is stored. The hook shows one dialog (not a cascade), says what failed and that the
last action may not be saved; the traceback still goes to stderr for whoever reports the bug.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from annotator.errors import UserError


def describe(error: BaseException) -> str:
    """What the user is told about an error nobody handled."""
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, SQLAlchemyError):
        reason = " ".join(str(getattr(error, "orig", None) or error).split())
        return QCoreApplication.translate(
            "ErrorHook", "The project could not be written or read: {reason}. What you just did may not be saved."
        ).format(reason=reason)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        return QCoreApplication.translate(
            "ErrorHook", "A file could not be written or read{where}: {reason}. What you just did may not be saved."
        ).format(where=where, reason=reason)
    return QCoreApplication.translate(
        "ErrorHook",
        "Something went wrong ({kind}: {error}). What you just did may not be saved; the details are in the terminal.",
    ).format(kind=type(error).__name__, error=error)


class ErrorHook:
    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self.parent = parent
        self.showing = False
        self.previous = sys.excepthook

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        self.previous(kind, error, trace)
        if isinstance(error, KeyboardInterrupt) or self.showing:
            return
        self.showing = True
        try:
            QMessageBox.critical(self.parent(), QCoreApplication.translate("ErrorHook", "Not done"), describe(error))
        finally:
            self.showing = False


def install(parent: Callable[[], QWidget | None]) -> ErrorHook:
    hook = ErrorHook(parent)
    sys.excepthook = hook
    return hook
