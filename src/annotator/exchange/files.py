"""Writing export files safely: whole or not at all, with a message that names the file when the disk says no."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from annotator.errors import UserError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write to; on success it replaces ``path`` in one step. On any
    error the temporary file is removed and ``path`` is left as it was (absent, or the former file); an OSError
    (a full disk, no permission, a missing folder) becomes a UserError naming ``path``."""
    path = Path(path)
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
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(f"{path}: cannot write there ({exc.strerror})") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise UserError(f"{path}: could not be written ({reason}); nothing was changed") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
