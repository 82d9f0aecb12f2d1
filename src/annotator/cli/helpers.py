"""What the command modules share: exit codes, the parser class, opening a project, printing, and :func:`run`, which
turns a user error into one line on stderr and exit status 2.

Only the standard library is imported here, so that ``annotator --help`` stays quick: a command module imports what
it needs (SQLAlchemy, PyAV, faster-whisper ...) when its command runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from annotator.errors import UserError

if TYPE_CHECKING:
    from annotator.core.project import Project
    from annotator.core.services.passage_query import PassageView

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_CANCELLED = 130


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that points to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def open_project(target: str | os.PathLike[str]) -> Project:
    """The project a command names, opened (and upgraded if it is older than the app); use it in a ``with``."""
    from annotator.core.project import Project

    return Project.open(target)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns as wide as their widest cell, two spaces apart."""
    table = [tuple(header), *(tuple(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def attributes(items: list[str] | None) -> dict[str, Any]:
    """``--attribute NAME=VALUE`` options as a dict; a whole number becomes an int."""
    result: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--attribute {item!r}: write it as NAME=VALUE, e.g. age=14")
        result[key.strip()] = int(value) if value.strip().isdigit() else value.strip()
    return result


def passage_json(p: PassageView) -> dict[str, Any]:
    return {
        "id": p.id,
        "theme": p.theme,
        "theme_path": p.theme_path,
        "recording": p.recording,
        "recording_id": p.recording_id,
        "document": p.document,
        "document_id": p.document_id,
        "speaker": p.speaker,
        "participant": p.participant,
        "role": p.role,
        "start_ms": p.start_ms,
        "end_ms": p.end_ms,
        "text": p.text,
        "memo": p.memo,
        "coder": p.coder,
    }


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; a problem the user can fix is one line on stderr and exit status 2, never a traceback."""
    try:
        return handler(args)
    except UserError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:  # `annotator themes P | head`: the reader has gone, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if not _database_problem(exc):
            raise
    return EXIT_USER_ERROR


def _database_problem(exc: Exception) -> bool:
    """Say what went wrong with the database, if it was the database (SQLAlchemy is imported by then)."""
    if "sqlalchemy" not in sys.modules:
        return False
    from sqlalchemy.exc import DatabaseError, OperationalError

    if isinstance(exc, OperationalError):  # e.g. a full disk or a locked file
        print(f"annotator: error: the project database could not be used ({exc.orig})", file=sys.stderr)
    elif isinstance(exc, DatabaseError):
        print(f"annotator: error: the project database is damaged ({exc.orig})", file=sys.stderr)
    else:
        return False
    return True
