"""Writing export files safely: whole or not at all, private to the user, with a message that names the file when
the disk says no."""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.errors import UserError
from annotator.fileio import make_private, make_temporary, private_folder, reason, require_text_name


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write to; on success it replaces ``path`` in one step. On any
    error the temporary file is removed and ``path`` is left as it was (absent, or the former file); an OSError
    (a full disk, no permission, a missing folder) becomes a UserError naming ``path``. The file is readable by
    its owner only. A temporary left by a process killed while writing is removed by the next export into the
    same folder (:func:`annotator.fileio.sweep_stale`)."""
    path = Path(path)
    require_text_name(path)
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name to write")
    if path.is_symlink():
        raise UserError(f"{path}: is a link to another file; give the file's own name, or a new name")
    if path.exists() and not path.is_file():
        raise UserError(f"{path}: is not a plain file (a device or a pipe); give a file name to write")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: the folder {folder} does not exist")
    try:
        temporary = make_temporary(folder, path.name)
    except OSError as exc:
        raise UserError(f"{path}: cannot write there ({reason(exc)})") from exc
    try:
        yield temporary
        make_private(temporary)  # a writer that made the file anew took the umask's mode
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        _release(exc)
        raise UserError(f"{path}: could not be written ({reason(exc)}); nothing was changed") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def make_folder(out: Path) -> Path:
    """The folder an export writes its files into, made (private) if it is missing."""
    out = Path(out)
    require_text_name(out, "folder")
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file; give a folder to write the files into")
    try:
        private_folder(out)
    except OSError as exc:
        raise UserError(f"{out}: the folder cannot be made ({reason(exc)})") from exc
    return out


def _release(exc: BaseException) -> None:
    """Let go of what the failed writer left open (a zip file of openpyxl's, say) now, quietly: closed later by
    the garbage collector, it would try to write its end again and print "Exception ignored" with a traceback."""
    hook = sys.unraisablehook

    def quiet(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, OSError | ValueError):
            hook(unraisable)

    sys.unraisablehook = quiet
    try:
        for error in (exc, exc.__context__, exc.__cause__):
            if error is not None and error.__traceback__ is not None:
                traceback.clear_frames(error.__traceback__)
    finally:
        sys.unraisablehook = hook
