"""The inside of a .qdpx being imported: which entries are read, and where a source's file is.

Entries are read from an allow-list: exactly one ``.qde`` at the top level (any name: ATLAS.ti names it after the
project) and files directly in ``sources/`` (NVivo writes ``Sources/``) with plain names. Anything else is left
unread, with a line in the summary. A path inside the project is ``internal://NAME`` (a file in the sources folder,
its name matched without regard to case); ``relative://`` (against the project's ``basePath``, else the folder of
the .qdpx) and ``absolute://`` paths point outside the archive and are used only when the user allows it, and only
when the file is there.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from annotator.errors import UserError
from annotator.exchange.refi_common import ABSOLUTE, INTERNAL, RELATIVE
from annotator.exchange.refi_offsets import decode
from annotator.exchange.refi_read import Text
from annotator.safezip import MIB, SafeZip

MAX_XML_BYTES = 512 * MIB
MAX_TEXT_BYTES = 256 * MIB
ALLOW_HINT = "import again with --allow-external-media to use files outside the archive"
_PLAIN_NAME = re.compile(r'^[^/\\:*?"<>|\x00-\x1f]{1,255}$')
_DRIVE = re.compile(r"^[A-Za-z]:")


class Skip(Exception):
    """One item cannot be imported; the message says why (it goes into the summary, the import goes on)."""


class Archive:
    """A checked .qdpx: its project entry, its sources, and files outside it when allowed."""

    def __init__(self, zipped: SafeZip, path: Path, allow_external: bool) -> None:
        self.zip = zipped
        self.path = path
        self.allow_external = allow_external
        self.base_path = ""  # the project's basePath, once read
        self.sources: dict[str, str] = {}  # lowercased file name -> entry
        self.ignored: list[str] = []
        found = []
        for name in zipped.names():
            if name.endswith("/"):
                continue
            folder, _, rest = name.partition("/")
            if not rest and name.lower().endswith(".qde"):
                found.append(name)
            elif folder.lower() == "sources" and _PLAIN_NAME.match(rest) and rest not in (".", ".."):
                if rest.lower() in self.sources:
                    raise UserError(f"{path}: holds two files named {rest!r} (in any case); the archive is refused")
                self.sources[rest.lower()] = name
            else:
                self.ignored.append(name)
        if not found:
            raise UserError(f"{path}: holds no project file (.qde) at its top level; it is not a REFI-QDA project")
        if len(found) > 1:
            raise UserError(
                f"{path}: holds {len(found)} project files ({', '.join(sorted(found))}); a REFI-QDA project has one"
            )
        self.qde = found[0]

    def project_xml(self) -> bytes:
        return self.zip.read(self.qde, MAX_XML_BYTES)

    # -- paths ---------------------------------------------------------------------------------------------
    def entry(self, ref: str) -> str:
        """The archive entry an ``internal://`` path names; Skip when the archive lacks it."""
        name = unquote(ref[len(INTERNAL) :]).lstrip("/")
        name = name.split("/", 1)[1] if name.lower().startswith("sources/") else name
        entry = self.sources.get(name.lower())
        if entry is None:
            raise Skip(f"its file {name!r} is not in the archive")
        return entry

    def outside(self, ref: str) -> Path:
        """An existing file a ``relative://`` or ``absolute://`` path names, when the user allows; else Skip."""
        if not self.allow_external:
            raise Skip(f"its file is outside the archive ({ref}); {ALLOW_HINT}")
        for candidate in self._candidates(ref):
            try:
                if candidate.is_file():
                    return candidate.absolute()
            except OSError:
                continue
        raise Skip(f"its file {ref} cannot be found")

    def _candidates(self, ref: str) -> list[Path]:
        scheme = RELATIVE if ref.startswith(RELATIVE) else ABSOLUTE if ref.startswith(ABSOLUTE) else ""
        rests = dict.fromkeys([ref[len(scheme) :], unquote(ref[len(scheme) :])])
        found = []
        for rest in rests:
            if scheme == RELATIVE:
                rest = rest.lstrip("/")
                bases = [Path(self.base_path)] if self.base_path and Path(self.base_path).is_absolute() else []
                found += [base / rest for base in [*bases, self.path.parent.absolute()]]
            else:
                rest = rest.lstrip("/") if _DRIVE.match(rest.lstrip("/")) else "/" + rest.lstrip("/")
                found.append(Path(rest))
        return found

    def is_outside(self, ref: str | None) -> bool:
        return bool(ref) and not ref.startswith(INTERNAL)

    # -- texts ---------------------------------------------------------------------------------------------
    def text(self, text: Text) -> str:
        """The text a source, transcript or note holds (decoded from its bytes, newlines as written); Skip."""
        if text.content is not None:
            return text.content
        ref = (text.path or "").strip()
        if not ref:
            raise Skip("it has no text (neither PlainTextContent nor plainTextPath)")
        if ref.startswith(INTERNAL):
            entry = self.entry(ref)
            return decode(self.zip.read(entry, MAX_TEXT_BYTES), f"{self.path} ({entry})")
        path = self.outside(ref)
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise Skip(f"its text file {path} is larger than {MAX_TEXT_BYTES // MIB} MB")
        try:
            return decode(path.read_bytes(), str(path))
        except OSError as exc:
            raise Skip(f"its text file {path} cannot be read ({exc.strerror})") from exc
