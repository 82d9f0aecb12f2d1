"""An error that no panel handled is shown in a dialog, saying what failed and that it may not be saved."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from annotator.errors import UserError
from annotator.ui import error_hook


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OperationalError("INSERT ...", {}, Exception("database or disk is full")), "database or disk is full"),
        (OSError(28, "No space left on device", "/data/studi.annotator"), "No space left on device"),
        (UserError("recording 3 (wbs-01): the media file has changed"), "the media file has changed"),
        (RuntimeError("boom"), "RuntimeError: boom"),
    ],
)
def test_an_unhandled_error_is_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, error: BaseException, said: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args))
    printed: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, trace: printed.append(value))
    hook = error_hook.ErrorHook(lambda: parent)
    hook(type(error), error, None)
    assert printed == [error]  # the traceback still goes to the terminal
    assert len(shown) == 1 and shown[0][0] is parent and said in shown[0][2]
    if not isinstance(error, UserError):
        assert "may not be saved" in shown[0][2]


def test_errors_while_one_is_shown_make_no_cascade(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda *_args: None)
    hook = error_hook.ErrorHook(lambda: None)

    def critical(*args: object) -> None:
        shown.append(str(args[2]))
        hook(RuntimeError, RuntimeError("again"), None)  # while the dialog is open

    monkeypatch.setattr(QMessageBox, "critical", critical)
    hook(RuntimeError, RuntimeError("first"), None)
    assert shown == [
        "Something went wrong (RuntimeError: first). What you just did may not be saved; the details "
        "are in the terminal."
    ]
