"""Reading zip archives from outside (a .qdpx a colleague sent, a Word document) without trusting them.

Every zip the app reads goes through here: REFI-QDA projects (.qdpx), Word documents (.docx field notes and
transcripts: python-docx opens the package itself, so :func:`check_archive` checks it first). An archive is
checked as a whole before any entry is read: every entry's name must stay inside the archive (no ``../``, no
absolute path, no drive letter, no backslash, no control character), and the number of entries, each entry's
size, their total size and the compression ratio must stay within :class:`Limits`. A zip bomb is a small file that
unpacks to gigabytes: one entry of zeros, or thousands of small ones. So the ratio is checked for every entry
larger than a small floor (a short XML part may compress very well) and for the archive as a whole. Entries are
then read, or copied to a file, through :class:`SafeZip`, which counts the bytes that really come out rather than
believing the sizes the archive declares. Every problem is a :class:`~annotator.errors.UserError` naming the
archive and the entry.

Which entries a format wants (its allow-list) is the format's business: :meth:`SafeZip.names` lists them all,
checked, and the caller picks.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from annotator.errors import UserError

GIB = 1 << 30
MIB = 1 << 20
KIB = 1 << 10
_CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Limits:
    max_entries: int = 10_000
    max_entry_bytes: int = 2 * GIB - 1  # REFI-QDA's limit for a file inside a project (2^31 - 1 bytes)
    max_total_bytes: int = 16 * GIB
    max_ratio: float = 100.0  # uncompressed / compressed; text and XML stay far below, a zip bomb far above
    ratio_floor: int = 64 * KIB  # an entry this small may have any ratio (a short XML part, a page of spaces) ...
    max_excess_bytes: int = 1 * MIB  # ... but all together unpack to at most this much beyond the ratio's allowance


DEFAULT_LIMITS = Limits()
# A Word document is read whole into memory by python-docx: far less than a project archive.
DOCX_LIMITS = Limits(max_entries=2_000, max_entry_bytes=256 * MIB, max_total_bytes=512 * MIB)


def _size(n: int) -> str:
    for unit, factor in (("GB", GIB), ("MB", MIB), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}"
    return f"{n} bytes"


def check_name(archive: Path, name: str) -> str:
    """The entry's name if it stays inside the archive; a UserError naming the archive and the entry if not."""
    shown = name.encode("unicode_escape").decode("ascii")
    if not name:
        raise UserError(f"{archive}: an entry without a name; the archive is damaged or was made to attack")
    reasons = (
        ("\\" in name, "a backslash in its path"),
        (name.startswith("/"), "an absolute path"),
        (_DRIVE.match(name) is not None, "a drive letter"),
        (_CONTROL.search(name) is not None, "a control character in its name"),
        (any(part == ".." for part in name.split("/")), "a path that climbs out of the archive (..)"),
    )
    for bad, reason in reasons:
        if bad:
            raise UserError(f"{archive}: the entry {shown!r} has {reason}; the archive is refused")
    return name


def check_archive(path: Path, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check an archive that another library will open (python-docx for a Word document); a UserError if it is
    not safe to open (see the module's rules)."""
    with SafeZip(path, limits, data):
        pass


class SafeZip:
    """An archive opened for reading, every entry checked against the limits (see the module's rules)."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS, data: bytes | None = None) -> None:
        """Open and check the archive at ``path``, or held in ``data`` (its bytes, already read from ``path``)."""
        self.path = Path(path)
        self.limits = limits
        if data is None:
            try:
                size = self.path.stat().st_size
            except FileNotFoundError:
                raise UserError(f"{self.path}: no such file") from None
            except OSError as exc:
                raise UserError(f"{self.path}: cannot be read ({exc.strerror})") from exc
            if self.path.is_dir():
                raise UserError(f"{self.path}: is a folder, not a file")
        else:
            size = len(data)
        if size == 0:
            raise UserError(f"{self.path}: the file is empty (0 bytes)")
        try:
            self._zip = zipfile.ZipFile(self.path if data is None else io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise UserError(f"{self.path}: not a zip archive, or one cut short ({exc})") from exc
        except OSError as exc:
            raise UserError(f"{self.path}: cannot be read ({exc.strerror or exc})") from exc
        try:
            self._infos = self._check()
        except BaseException:
            self._zip.close()
            raise

    def _check(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise UserError(f"{self.path}: holds {len(infos)} entries, more than the {limits.max_entries} allowed")
        checked: dict[str, zipfile.ZipInfo] = {}
        total = excess = 0
        for info in infos:
            name = check_name(self.path, info.filename)
            if name in checked:
                raise UserError(f"{self.path}: the entry {name!r} appears twice; the archive is refused")
            if info.flag_bits & 0x1:
                raise UserError(f"{self.path}: the entry {name!r} is encrypted; export the project without a password")
            if info.file_size > limits.max_entry_bytes:
                raise UserError(
                    f"{self.path}: the entry {name!r} unpacks to {_size(info.file_size)}, "
                    f"more than the {_size(limits.max_entry_bytes)} allowed for one file"
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                raise UserError(
                    f"{self.path}: the entry {name!r} unpacks from {_size(info.compress_size)} to "
                    f"{_size(info.file_size)} ({ratio:.0f} times; at most {limits.max_ratio:.0f} allowed): "
                    "a zip bomb, refused"
                )
            total += info.file_size
            excess += max(0, info.file_size - int(limits.max_ratio * info.compress_size))
            if total > limits.max_total_bytes:
                raise UserError(
                    f"{self.path}: unpacks to more than {_size(limits.max_total_bytes)} in all; the archive is refused"
                )
            checked[name] = info
        if excess > limits.max_excess_bytes:  # many small entries, each compressed beyond the ratio
            raise UserError(
                f"{self.path}: its {len(infos)} entries unpack to {_size(total)}, {_size(excess)} more than "
                f"{limits.max_ratio:.0f} times their packed size allows: a zip bomb, refused"
            )
        return checked

    # -- entries ---------------------------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every entry's name (checked), in the archive's order; folders end with ``/``."""
        return list(self._infos)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        """An entry's bytes, refused when it is larger than ``max_bytes`` (or the limits)."""
        chunks: list[bytes] = []
        self._copy(name, chunks.append, max_bytes)
        return b"".join(chunks)

    def extract(self, name: str, target: IO[bytes], on_chunk: Callable[[bytes], object] | None = None) -> int:
        """Copy an entry into an open binary file (``on_chunk`` sees each piece, e.g. to hash it); returns the size."""

        def write(chunk: bytes) -> None:
            target.write(chunk)
            if on_chunk is not None:
                on_chunk(chunk)

        return self._copy(name, write, None)

    def _copy(self, name: str, sink: Callable[[bytes], object], max_bytes: int | None) -> int:
        info = self._infos.get(name)
        if info is None:
            raise UserError(f"{self.path}: has no entry {name!r}")
        limit = min(max_bytes or self.limits.max_entry_bytes, self.limits.max_entry_bytes, info.file_size)
        if max_bytes is not None and info.file_size > max_bytes:
            raise UserError(
                f"{self.path}: the entry {name!r} is {_size(info.file_size)}, more than the {_size(max_bytes)} "
                "allowed for it"
            )
        done = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    done += len(chunk)
                    if done > limit:  # more than the archive declared: it lies about its sizes
                        raise UserError(f"{self.path}: the entry {name!r} unpacks to more than it declares; refused")
                    sink(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise UserError(
                f"{self.path}: the entry {name!r} cannot be unpacked (the archive is damaged: {exc})"
            ) from exc
        except OSError as exc:
            raise UserError(f"{self.path}: the entry {name!r} cannot be read ({exc.strerror or exc})") from exc
        return done

    # -- closing ---------------------------------------------------------------------------------------
    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
