"""File > Import: REFI-QDA projects and codebooks, or an existing transcript for a recording.

:func:`import_into` asks for the files, for a transcript the recording it belongs to (one without a transcript),
and for a .qdpx whether media outside the archive may be used; then it runs
:func:`annotator.exchange.export.import_files` on a worker thread
(:class:`~annotator.ui.dialogs.background.BackgroundWork`) and shows what came in and what was left out, or why
a file was refused. Files come in one at a time, each in one transaction of its own, so that when one is refused
the summary still tells what the files before it brought in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.errors import UserError
from annotator.exchange import export as exchange
from annotator.exchange.options import ImportSummary
from annotator.exchange.refi_import_archive import ALLOW_HINT
from annotator.ui.dialogs.background import BackgroundWork


def import_each(
    project: Project, paths: list[Path], recording: int | None, allow_external_media: bool
) -> tuple[list[ImportSummary], str | None]:
    """Import the files in turn (on a worker thread): the summaries of those that came in, and the message of the
    first that was refused (the files after it are left alone), or None."""
    summaries: list[ImportSummary] = []
    for path in paths:
        try:
            summaries += exchange.import_files(
                project, [path], recording=recording, allow_external_media=allow_external_media
            )
        except UserError as exc:
            return summaries, str(exc)
    return summaries, None


class ImportSummaryDialog(QDialog):
    """What came in and what was left out, as lines a user can read and copy."""

    def __init__(self, lines: list[str], failure: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        heading = QLabel(self.tr("Imported:") if lines else self.tr("Nothing was imported."), self)
        text = list(lines)
        if failure is not None:
            text += ["", self.tr("Stopped at a file that could not be imported (it and the files after it were not):")]
            text.append(failure)
        self.text = QPlainTextEdit("\n".join(text), self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)


class Importer(QObject):
    """The questions and the waiting of one import (a QObject for its translations' context)."""

    def __init__(self, parent: QWidget | None, project: Project, recording_id: int | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.project = project
        self.recording_id = recording_id

    def run(self) -> list[ImportSummary] | None:
        paths = self.ask_files()
        if not paths:
            return None
        transcripts = [p for p in paths if p.suffix.casefold() not in exchange.PROJECT_SUFFIXES]
        if len(transcripts) > 1:
            QMessageBox.warning(
                self.window,
                self.tr("Import"),
                self.tr("Choose one transcript at a time: each belongs to its own recording."),
            )
            return None
        recording = None
        if transcripts:
            recording = self.ask_recording(transcripts[0])
            if recording is None:
                return None
        allow = any(p.suffix.casefold() == ".qdpx" for p in paths) and self.ask_external_media()
        work = BackgroundWork(self.window, self.tr("Import"), self.tr("Importing…"))
        project = self.project
        work.start(lambda: import_each(project, paths, recording, allow))
        state, value = work.wait()
        work.deleteLater()
        if state == "abandoned":
            return []  # the import goes on by itself, and comes in whole or not at all
        if state == "failed":
            QMessageBox.warning(self.window, self.tr("Import failed"), value)
            return None
        summaries, failure = value
        if failure is not None and not summaries:
            QMessageBox.warning(
                self.window, self.tr("Import failed"), self.tr("Nothing was imported:\n{reason}").format(reason=failure)
            )
            return None
        self.show_summaries(summaries, failure)
        return summaries

    def ask_files(self) -> list[Path]:
        folder = str(self.project.folder or Path.home())
        filters = ";;".join(
            [
                self.tr("REFI-QDA projects and codebooks (*.qdpx *.qdc)"),
                self.tr("Transcripts for a recording (*.srt *.vtt *.txt *.docx)"),
            ]
        )
        paths, _filter = QFileDialog.getOpenFileNames(self.window, self.tr("Import"), folder, filters)
        return [Path(p) for p in paths]

    def ask_recording(self, path: Path) -> int | None:
        """The recording a transcript file is for: one without a transcript (the given one first, if it has none)."""
        empty = [s for s in self.project.recordings.summaries() if not s.segments]
        if not empty:
            QMessageBox.information(
                self.window,
                self.tr("Import a transcript"),
                self.tr(
                    "Every recording has a transcript already. A transcript comes in for a recording without one: "
                    "add its recording first."
                ),
            )
            return None
        labels: dict[str, int] = {}
        for summary in empty:
            label = summary.title
            if label in labels:
                label = self.tr("{title} (recording {number})").format(title=summary.title, number=summary.id)
            labels[label] = summary.id
        names = list(labels)
        current = next((i for i, rid in enumerate(labels.values()) if rid == self.recording_id), 0)
        question = self.tr("Which recording is “{name}” the transcript of?").format(name=path.name)
        label, ok = QInputDialog.getItem(self.window, self.tr("Import a transcript"), question, names, current, False)
        return labels.get(label) if ok else None

    def ask_external_media(self) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Import"),
            self.tr("Use media files the project refers to outside the archive? Only if you trust where it came from."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_summaries(self, summaries: list[ImportSummary], failure: str | None) -> None:
        lines = [line for summary in summaries for line in summary.lines()]
        if any(ALLOW_HINT in line for line in lines):
            lines += [
                "",
                self.tr(
                    "To use the media files outside the archive, import the project again and answer Yes when asked "
                    "about them: what came in already is not added twice."
                ),
            ]
        dialog = ImportSummaryDialog(lines, failure, self.window)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def import_into(
    parent: QWidget | None, project: Project, *, recording_id: int | None = None
) -> list[ImportSummary] | None:
    """File > Import. Returns None when nothing came in (the user backed out, or the only files were refused);
    otherwise the summaries of the files that came in: reload the window. After Cancel in the progress dialog the
    list is empty, and the import finishes by itself (whole or not at all): reload then too."""
    importer = Importer(parent, project, recording_id)
    try:
        return importer.run()
    finally:
        importer.deleteLater()
