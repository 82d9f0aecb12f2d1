"""Create and open projects: one study, one database file the researcher owns and can copy."""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from annotator import __version__
from annotator.core import db, migrate
from annotator.core.models import Coder, ProjectInfo
from annotator.errors import ProjectError
from annotator.fileio import is_text_name, shown

if TYPE_CHECKING:  # each service is imported when first used: `annotator list` needs few of them
    from annotator.core.codebook import Codebook
    from annotator.core.services.coders import CoderService
    from annotator.core.services.coding import CodingService
    from annotator.core.services.documents import DocumentService
    from annotator.core.services.editing import EditingService
    from annotator.core.services.participants import ParticipantService
    from annotator.core.services.pseudonyms import PseudonymService
    from annotator.core.services.recordings import RecordingService
    from annotator.core.services.search import SearchService
    from annotator.core.services.settings import SettingsService
    from annotator.core.services.themes import ThemeService
    from annotator.core.services.transcript import TranscriptService
    from annotator.core.services.typing import TypingService

PROJECT_SUFFIX = ".annotator"


def project_path(target: str | os.PathLike[str], *, new: bool = False) -> Path:
    """The file a user means: ``study`` is ``study.annotator`` unless a file ``study`` exists. A folder ``study``
    does not count for a ``new`` project (the project is made beside it); to open, ``study`` is that folder when
    there is no ``study.annotator`` (so that the message says it is a folder). A name that is not text (bytes that
    are not UTF-8) is refused: the project's path must be stored and shown."""
    path = Path(target).expanduser()
    if not is_text_name(path.absolute()):
        raise ProjectError(
            f"{shown(path.absolute())}: the project's file or folder name is not valid text (UTF-8); "
            "rename it (e.g. in the file manager) and try again"
        )
    if not path.suffix and not path.is_file():
        with_suffix = path.with_suffix(PROJECT_SUFFIX)
        if new or with_suffix.exists() or not path.exists():
            path = with_suffix
    return path.absolute()


def _check_writable_folder(folder: Path, path: Path) -> None:
    if not folder.exists():
        raise ProjectError(f"{path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise ProjectError(f"{path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ProjectError(f"{path}: the folder {folder} is not writable")


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


class Project:
    """An open project. Services hang off it: ``project.recordings``, ``project.themes`` ..."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path
        self.session_factory = db.make_session_factory(engine)
        self.reader_factory = db.make_session_factory(db.reader(engine))
        self._made_here = False  # created by create() and not yet closed: see __exit__

    # -- opening and creating ----------------------------------------------------------------
    @classmethod
    def create(
        cls,
        target: str | os.PathLike[str],
        *,
        name: str | None = None,
        language: str = "id",
        coder: str | None = None,
        codebook: Codebook | None = None,
    ) -> Project:
        """Make a new project file (mode 0600) at ``target``, or a schema at a database URL, with the themes of
        ``codebook`` if given. Nothing half-made is left: if any step fails, the file is removed again, and so it
        is when the first ``with`` block around the new project ends in an error (``annotator new`` imports a
        codebook there)."""
        if db.is_database_url(target):
            engine = db.make_engine(target)
            migrate.upgrade(engine)
            project = cls(engine, None)
            project._initialise(name or "Annotator project", language, coder)
            if codebook is not None:
                project.themes.import_codebook(codebook, language)
            return project

        path = project_path(target, new=True)
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder; give a file name for the new project")
        if path.exists():
            raise ProjectError(f"{path}: already exists; open it, or choose another name")
        _check_writable_folder(path.parent, path)
        try:
            db.create_file(path)
        except OSError as exc:
            raise ProjectError(f"{path}: cannot create the project file ({exc.strerror})") from exc
        engine = db.make_engine(path)
        try:
            migrate.upgrade(engine)
            project = cls(engine, path)
            project._initialise(name or path.stem, language, coder)
            if codebook is not None:
                project.themes.import_codebook(codebook, language)
        except BaseException:
            engine.dispose()
            _remove_database_files(path)
            raise
        project._made_here = True
        return project

    @classmethod
    def open(cls, target: str | os.PathLike[str]) -> Project:
        """Open a project, upgrading its schema (after a backup copy) when it is older than the app."""
        if db.is_database_url(target):
            engine = db.make_engine(target)
            cls._upgrade_if_needed(engine, None, str(target))
            return cls(engine, None)

        path = project_path(target)
        if not path.exists():
            raise ProjectError(f"{path}: no such project file")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        with path.open("rb") as handle:
            header = handle.read(len(db.SQLITE_HEADER))
        if header != db.SQLITE_HEADER:
            raise ProjectError(f"{path}: not an Annotator project (the file is not a database)")
        if not os.access(path, os.R_OK | os.W_OK):
            raise ProjectError(f"{path}: cannot be written (check the file's permissions)")
        _check_writable_folder(path.parent, path)
        engine = db.make_engine(path)
        try:
            cls._upgrade_if_needed(engine, path, str(path))
        except DatabaseError as exc:
            engine.dispose()
            raise ProjectError(f"{path}: the project database is damaged ({exc.orig})") from exc
        except BaseException:
            engine.dispose()
            raise
        project = cls(engine, path)
        project.typing.recover()  # what a window that died had typed becomes an edit
        return project

    @staticmethod
    def _upgrade_if_needed(engine: Engine, path: Path | None, label: str) -> None:
        if not migrate.has_table(engine, "alembic_version") or not migrate.has_table(engine, "project"):
            raise ProjectError(f"{label}: not an Annotator project (a database without Annotator's tables)")
        current = migrate.current_revision(engine)
        if current not in migrate.known_revisions():
            raise ProjectError(
                f"{label}: was saved by a newer version of Annotator (schema {current}); "
                f"Annotator {__version__} reads schemas up to {migrate.head_revision()}. "
                "Update Annotator to open it."
            )
        if current != migrate.head_revision():
            if path is not None:
                migrate.backup_copy(path, current)
            migrate.upgrade(engine)

    def _initialise(self, name: str, language: str, coder: str | None) -> None:
        with self.transaction() as session:
            session.add(ProjectInfo(name=name, language=language))
            session.add(Coder(name=coder or default_coder_name()))

    # -- sessions ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short transaction: commit on success, roll back on any error. It holds the write lock from
        its start (``BEGIN IMMEDIATE``): keep it short."""
        with db.transaction(self.session_factory) as session:
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads (exports, listings): a consistent view that never holds up a writer."""
        with db.transaction(self.reader_factory) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        self.close()
        made_here, self._made_here = self._made_here, False
        if made_here and exc_type is not None and self.path is not None:
            _remove_database_files(self.path)  # what made it failed: leave nothing half-made

    @property
    def folder(self) -> Path | None:
        """Where media paths are relative to."""
        return self.path.parent if self.path else None

    def info(self) -> ProjectInfo:
        with self.transaction() as session:
            return session.scalars(select(ProjectInfo)).one()

    # -- services ------------------------------------------------------------------------------
    @cached_property
    def settings(self) -> SettingsService:
        from annotator.core.services.settings import SettingsService

        return SettingsService(self)

    @cached_property
    def coders(self) -> CoderService:
        from annotator.core.services.coders import CoderService

        return CoderService(self)

    @cached_property
    def participants(self) -> ParticipantService:
        from annotator.core.services.participants import ParticipantService

        return ParticipantService(self)

    @cached_property
    def recordings(self) -> RecordingService:
        from annotator.core.services.recordings import RecordingService

        return RecordingService(self)

    @cached_property
    def themes(self) -> ThemeService:
        from annotator.core.services.themes import ThemeService

        return ThemeService(self)

    @cached_property
    def transcripts(self) -> TranscriptService:
        from annotator.core.services.transcript import TranscriptService

        return TranscriptService(self)

    @cached_property
    def editing(self) -> EditingService:
        from annotator.core.services.editing import EditingService

        return EditingService(self)

    @cached_property
    def coding(self) -> CodingService:
        from annotator.core.services.coding import CodingService

        return CodingService(self)

    @cached_property
    def documents(self) -> DocumentService:
        from annotator.core.services.documents import DocumentService

        return DocumentService(self)

    @cached_property
    def search(self) -> SearchService:
        from annotator.core.services.search import SearchService

        return SearchService(self)

    @cached_property
    def typing(self) -> TypingService:
        from annotator.core.services.typing import TypingService

        return TypingService(self)

    @cached_property
    def pseudonyms(self) -> PseudonymService:
        from annotator.core.services.pseudonyms import PseudonymService

        return PseudonymService(self)


def default_coder_name() -> str:
    try:
        return getpass.getuser() or "coder"
    except (KeyError, OSError):
        return "coder"
