"""Errors the user can act on.

A :class:`UserError` carries a one-line message that names the thing that is wrong (a file, a
recording, a theme) and why. The command line prints it and exits with status 2; the window shows it
in a dialog. Anything else that escapes is a bug and gets a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user asked for cannot be done; the message says what and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always; a file name that is not UTF-8 shown with \xff escapes
        text = " ".join(self.message.split())
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            try:
                text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:  # a lone surrogate of another kind
                text = text.encode("utf-8", "backslashreplace").decode("ascii")
        return text


class NotFound(UserError):
    """A recording, participant, theme ... named by the user does not exist."""


class MediaError(UserError):
    """A media file cannot be used as a recording."""


class ProjectError(UserError):
    """A project file cannot be created or opened."""
