"""Files the app writes: private to the user, whole or not at all, and their names shown as text.

- **Private.** Every file the app writes is readable by its owner only (0600) and every folder it makes is
  0700: the data concern minors. :func:`private_folder` makes folders so, :func:`make_temporary` files.
- **Temporaries.** A file is written under a temporary name beside its target and renamed into place when whole.
  The temporary's name says which process made it (``.NAME.HOST-PID-RANDOM.part``), so that a later write into
  the same folder removes the temporaries of processes that were killed (:func:`sweep_stale`): a crash leaves
  nothing behind for long, and never something that looks finished.
- **Names that are not text.** On Linux a file name is bytes; one that is not UTF-8 (``rekaman-\\xff.wav``, from an
  old Windows zip or a camera) reaches Python with surrogates that cannot be stored or printed.
  :func:`shown` gives such a name as printable text (``rekaman-\\xff.wav``), :func:`require_text_name` refuses it
  with one line where the name itself must be stored.
- **A full disk** is said in words (:func:`reason`): "no space left on the disk".
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import tempfile
from pathlib import Path

from annotator.errors import UserError

PART_SUFFIX = ".part"
_HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"
_PART = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9]+)-(?P<pid>\d+)-[A-Za-z0-9_]+" + re.escape(PART_SUFFIX) + "$")


# -- names -----------------------------------------------------------------------------------------------------
def shown(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 appear as ``\\xff``."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate of another kind (a damaged name on Windows)
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def is_text_name(path: str | os.PathLike[str]) -> bool:
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def require_text_name(path: str | os.PathLike[str], what: str = "file") -> None:
    """Refuse a path whose name is not text (see the module's notes), in one line naming it."""
    if not is_text_name(path):
        raise UserError(
            f"{shown(path)}: the {what} name is not valid text (UTF-8), so Annotator cannot store or show it; "
            "rename it (e.g. in the file manager) and try again"
        )


# -- errors ----------------------------------------------------------------------------------------------------
def reason(exc: OSError) -> str:
    """What went wrong, in words a user understands."""
    if exc.errno == errno.ENOSPC:
        return "no space left on the disk"
    if exc.errno == errno.EDQUOT:
        return "no space left: the disk quota is used up"
    return exc.strerror or str(exc)


# -- reading ---------------------------------------------------------------------------------------------------
def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes, refused in one line when it is larger than ``limit`` (``what`` says what it should be) or
    cannot be read: a file is read whole only when it is a sensible size."""
    try:
        size = path.stat().st_size
        if size > limit:
            shown_size = f"{size / (1 << 20):.0f} MB" if size >= 1 << 20 else f"{size / 1024:.0f} KB"
            raise UserError(f"{path}: is {shown_size}, far larger than {what}; it is not read")
        with path.open("rb") as handle:
            return handle.read(limit + 1)[:limit]
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({reason(exc)})") from exc


# -- folders ---------------------------------------------------------------------------------------------------
def private_folder(folder: Path) -> Path:
    """Make ``folder`` and any missing parents, each readable by the owner only (0700); an existing folder is
    left as it is."""
    folder = Path(folder)
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):
            level.mkdir(mode=0o700)
            os.chmod(level, 0o700)  # whatever the umask was
    return folder


def make_private(path: Path, mode: int = 0o600) -> None:
    """Owner-only permissions for a file (0600) or folder (0700) the app wrote; quiet when it cannot."""
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


# -- temporaries -----------------------------------------------------------------------------------------------
def make_temporary(folder: Path, name: str) -> Path:
    """A new, empty, private file in ``folder`` named after ``name`` and this process (see the module's notes).
    An OSError is the caller's to report."""
    sweep_stale(folder)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.{_HOST}-{os.getpid()}-", suffix=PART_SUFFIX, dir=folder)
    os.close(handle)
    return Path(temporary)


def is_temporary(path: Path) -> bool:
    return _PART.match(path.name) is not None


def sweep_stale(folder: Path) -> list[Path]:
    """Remove the temporaries in ``folder`` left by processes of this computer that are gone (killed while
    writing); returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _PART.match(entry.name)
        if found is None or found["host"] != _HOST or _alive(int(found["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill would end the process on Windows: keep what cannot be checked
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, another user's
        return True
    return True
