"""File > Export: the choices of ``annotator export`` in a dialog (:func:`export_from` is the entry).

:class:`ExportDialog` offers every format of :data:`annotator.exchange.export.FORMATS` in groups, each with what it
writes; the recordings and themes (where the format uses them); pseudonymisation; media inside a .qdpx or not. On
Export it asks where to write and runs the export on a worker thread (:mod:`~annotator.ui.dialogs.background`),
then says what it wrote and closes; a refusal shows its message and leaves the dialog open, the choices kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.exchange import export as exchange
from annotator.exchange.options import ExportOptions, ExportResult
from annotator.exchange.transcripts import SUFFIXES as TRANSCRIPT_SUFFIXES
from annotator.exchange.transcripts import file_name
from annotator.ui.dialogs.background import BackgroundWork
from annotator.ui.dialogs.choosers import RecordingsChooser, ThemesChooser
from annotator.ui.dialogs.pseudonyms import edit_pseudonyms

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("ExportDialog", "Coded passages"), ("csv", "xlsx", "docx")),
    (QT_TRANSLATE_NOOP("ExportDialog", "Transcripts"), exchange.TRANSCRIPT_FORMATS),
    (QT_TRANSLATE_NOOP("ExportDialog", "Audio"), ("clips",)),
    (QT_TRANSLATE_NOOP("ExportDialog", "Exchange with other QDA programs"), ("qdpx", "qdc")),
)
# A name and what the format writes, for each of exchange.FORMATS (whose own descriptions are the command line's).
LABELS: dict[str, tuple[str, str]] = {
    "csv": (
        QT_TRANSLATE_NOOP("ExportDialog", "Table (.csv)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Coded passages as a table that Excel opens"),
    ),
    "xlsx": (
        QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook (.xlsx)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Coded passages in Excel: a summary sheet and a sheet per theme"),
    ),
    "docx": (
        QT_TRANSLATE_NOOP("ExportDialog", "Findings report (.docx)"),
        QT_TRANSLATE_NOOP(
            "ExportDialog", "A report in Word: per theme its definition, then its quotes with who said them and when"
        ),
    ),
    "txt": (
        QT_TRANSLATE_NOOP("ExportDialog", "Plain text (.txt)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Transcripts as plain text"),
    ),
    "transcript-docx": (
        QT_TRANSLATE_NOOP("ExportDialog", "Word (.docx)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Transcripts in Word, with times"),
    ),
    "srt": (
        QT_TRANSLATE_NOOP("ExportDialog", "SubRip subtitles (.srt)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Transcripts as subtitles"),
    ),
    "vtt": (
        QT_TRANSLATE_NOOP("ExportDialog", "WebVTT subtitles (.vtt)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Transcripts as web subtitles, the speaker as a voice tag"),
    ),
    "qda-txt": (
        QT_TRANSLATE_NOOP("ExportDialog", "Timestamped text (.txt)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Transcripts with [hh:mm:ss] times, for MAXQDA, ATLAS.ti and NVivo"),
    ),
    "json": (
        QT_TRANSLATE_NOOP("ExportDialog", "JSON (.json)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Transcripts with every word's time, for scripts"),
    ),
    "clips": (
        QT_TRANSLATE_NOOP("ExportDialog", "Audio clips (a folder)"),
        QT_TRANSLATE_NOOP("ExportDialog", "An audio file per coded passage, named by theme and time"),
    ),
    "qdpx": (
        QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA project (.qdpx)"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "The project with its transcripts, themes and notes, for NVivo, MAXQDA, ATLAS.ti and QualCoder",
        ),
    ),
    "qdc": (
        QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA codebook (.qdc)"),
        QT_TRANSLATE_NOOP("ExportDialog", "The themes alone, with their colours and definitions"),
    ),
}
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "docx": ".docx", **TRANSCRIPT_SUFFIXES, "qdpx": ".qdpx", "qdc": ".qdc"}
FILTERS = {
    ".csv": QT_TRANSLATE_NOOP("ExportDialog", "CSV tables (*.csv)"),
    ".xlsx": QT_TRANSLATE_NOOP("ExportDialog", "Excel workbooks (*.xlsx)"),
    ".docx": QT_TRANSLATE_NOOP("ExportDialog", "Word documents (*.docx)"),
    ".txt": QT_TRANSLATE_NOOP("ExportDialog", "Text files (*.txt)"),
    ".srt": QT_TRANSLATE_NOOP("ExportDialog", "SubRip subtitles (*.srt)"),
    ".vtt": QT_TRANSLATE_NOOP("ExportDialog", "WebVTT subtitles (*.vtt)"),
    ".json": QT_TRANSLATE_NOOP("ExportDialog", "JSON files (*.json)"),
    ".qdpx": QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA projects (*.qdpx)"),
    ".qdc": QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA codebooks (*.qdc)"),
}
USES_RECORDINGS = frozenset(exchange.FORMATS) - {"qdc"}
USES_THEMES = frozenset(exchange.FORMATS) - set(exchange.TRANSCRIPT_FORMATS)

# What was chosen in this session of the program, per project: the last format, and the last path per format.
_last_format: dict[str, str] = {}
_last_path: dict[tuple[str, str], Path] = {}


class ExportDialog(QDialog):
    def __init__(
        self,
        project: Project,
        parent: QWidget | None = None,
        *,
        recording_ids: Sequence[int] = (),
        theme_ids: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.key = str(project.path or project.engine.url)
        self.result_: ExportResult | None = None
        self.work: BackgroundWork | None = None
        self._pseudonymize_choice: bool | None = None  # None: the user has not touched the check box
        self.setWindowTitle(self.tr("Export"))

        self.formats = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        self.summaries = {summary.id: summary for summary in project.recordings.summaries()}
        self.recordings = RecordingsChooser(list(self.summaries.values()), self)
        self.recordings.set_chosen(recording_ids)
        self.themes = ThemesChooser(project.themes.tree(), self)
        self.themes.set_chosen(theme_ids)
        self.pseudonymize = QCheckBox(self.tr("Pseudonymise names"), self)
        self.pseudonymize.setToolTip(self.tr("Replace every listed real name by its code, in file names too"))
        self.no_names = QLabel(self.tr("No names listed yet —"), self)
        self.edit_names = QPushButton(self.tr("Edit names…"), self)
        self.media_label = QLabel(self.tr("Audio files in a REFI-QDA project:"), self)
        self.media_internal = QRadioButton(self.tr("Packed inside the .qdpx file"), self)
        self.media_external = QRadioButton(self.tr("Referred to where they are (send them separately)"), self)
        self.media_internal.setChecked(True)
        self.media = QButtonGroup(self)
        self.media.addButton(self.media_internal)
        self.media.addButton(self.media_external)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #c0392b")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)

        choices = QVBoxLayout()
        choices.addWidget(self.recordings, 2)
        choices.addWidget(self.themes, 3)
        choices.addWidget(self._options_box())
        top = QHBoxLayout()
        top.addWidget(self._format_box(), 1)
        top.addLayout(choices, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.formats.buttonToggled.connect(self._format_toggled)
        self.pseudonymize.clicked.connect(self._pseudonymize_clicked)
        self.edit_names.clicked.connect(self._edit_names)
        self.recordings.changed.connect(self.status.clear)
        self.themes.changed.connect(self.status.clear)
        self.format_buttons[_last_format.get(self.key, "docx")].setChecked(True)
        self._update_names()
        self.resize(1000, 660)

    def _format_box(self) -> QGroupBox:
        """Every format under its group's heading, each with what it writes beside it."""
        box = QGroupBox(self.tr("Format"), self)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        for heading, formats in GROUPS:
            title = QLabel(self.tr(heading), box)
            title.setStyleSheet("font-weight: bold")
            row = grid.rowCount()
            grid.addWidget(title, row, 0, 1, 2)
            if row:
                grid.setRowMinimumHeight(row, title.sizeHint().height() + 12)
                grid.setAlignment(title, Qt.AlignmentFlag.AlignBottom)
            for fmt in formats:
                name, description = LABELS.get(fmt, (fmt, exchange.FORMATS[fmt]))
                button = QRadioButton(self.tr(name), box)
                button.setProperty("format", fmt)
                text = QLabel(self.tr(description), box)
                text.setWordWrap(True)
                # A wrapped label takes the height its lines need (else a third line is cut off).
                text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
                text.setBuddy(button)
                row = grid.rowCount()
                grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row, 1)
                self.formats.addButton(button)
                self.format_buttons[fmt] = button
        grid.setRowStretch(grid.rowCount(), 1)
        return box

    def _options_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Options"), self)
        names = QHBoxLayout()
        names.addWidget(self.pseudonymize)
        names.addWidget(self.no_names)
        names.addWidget(self.edit_names)
        names.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(names)
        layout.addWidget(self.media_label)
        for button in (self.media_internal, self.media_external):
            indented = QHBoxLayout()
            indented.addSpacing(16)
            indented.addWidget(button, 1)
            layout.addLayout(indented)
        return box

    # -- the choices ------------------------------------------------------------------------------------------
    def format(self) -> str:
        button = self.formats.checkedButton()
        return str(button.property("format")) if button is not None else "docx"

    def set_format(self, fmt: str) -> None:
        self.format_buttons[exchange.check_format(fmt)].setChecked(True)

    def options(self) -> ExportOptions:
        """The export's options as the dialog stands: empty recordings or themes mean all of them."""
        fmt = self.format()
        return ExportOptions(
            recordings=self.recordings.chosen() if fmt in USES_RECORDINGS else (),
            themes=self.themes.chosen() if fmt in USES_THEMES else (),
            pseudonymize=self.pseudonymize.isEnabled() and self.pseudonymize.isChecked(),
            media="external" if fmt == "qdpx" and self.media_external.isChecked() else "internal",
        )

    def writes_folder(self) -> bool:
        """Whether the export goes into a folder: clips, and the transcripts of more than one recording."""
        fmt = self.format()
        return fmt == "clips" or (fmt in exchange.TRANSCRIPT_FORMATS and self.recordings.transcripts() > 1)

    def _format_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        fmt = self.format()
        self.recordings.setEnabled(fmt in USES_RECORDINGS)
        self.recordings.only_with_transcripts(fmt in exchange.TRANSCRIPT_FORMATS)
        self.themes.setEnabled(fmt in USES_THEMES)
        for widget in (self.media_label, self.media_internal, self.media_external):
            widget.setEnabled(fmt == "qdpx")
        self._show_pseudonymize()
        self.status.clear()

    def _pseudonymize_clicked(self, checked: bool) -> None:
        self._pseudonymize_choice = checked  # the user's word counts from now on, whatever the format

    def _show_pseudonymize(self) -> None:
        """Ticked as the user chose, else as the format's default; never ticked while no name is listed."""
        wanted = self._pseudonymize_choice
        if wanted is None:
            wanted = self.format() in exchange.PSEUDONYMIZE_BY_DEFAULT
        self.pseudonymize.setChecked(wanted and self.pseudonymize.isEnabled())

    def _update_names(self) -> None:
        listed = bool(self.project.pseudonyms.list())
        self.pseudonymize.setEnabled(listed)
        self.no_names.setVisible(not listed)
        self._show_pseudonymize()

    def _edit_names(self) -> None:
        edit_pseudonyms(self, self.project)
        self._update_names()

    # -- where to write ---------------------------------------------------------------------------------------
    def default_path(self) -> Path:
        """Where to offer to write: the folder and name last chosen for this format, else the project's folder and
        a name after the project (or the one recording whose transcript is written), pseudonymised if ticked."""
        fmt = self.format()
        last = _last_path.get((self.key, fmt))
        folder = (last if last.is_dir() else last.parent) if last is not None else self.project.folder or Path.home()
        if self.writes_folder():
            return folder
        if last is not None and not last.is_dir():
            return last
        name = self.project.info().name
        with_transcripts = self.recordings.chosen() or tuple(s.id for s in self.summaries.values() if s.segments)
        if fmt in exchange.TRANSCRIPT_FORMATS and len(with_transcripts) == 1:
            name = self.summaries[with_transcripts[0]].title
        if self.options().pseudonymize:
            name = self.project.pseudonyms.redact(name)
        return folder / (file_name(name, "export") + SUFFIXES[fmt])

    def ask_path(self) -> Path | None:
        start = self.default_path()
        if self.writes_folder():
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder to write into"), str(start))
            return Path(chosen) if chosen else None
        suffix = SUFFIXES[self.format()]
        filter_ = self.tr(FILTERS[suffix])
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(start), filter_)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(suffix)

    # -- running ----------------------------------------------------------------------------------------------
    def accept(self) -> None:
        """Check the choices, ask where to write, and start the export; the dialog closes when it has finished."""
        if self.work is not None:
            return
        missing = self.recordings.missing() if self.format() in USES_RECORDINGS else None
        missing = missing or (self.themes.missing() if self.format() in USES_THEMES else None)
        if missing:
            self.status.setText(missing)
            return
        out = self.ask_path()
        if out is None:
            return
        fmt, options, project = self.format(), self.options(), self.project
        _last_format[self.key] = fmt
        _last_path[(self.key, fmt)] = out
        self.work = BackgroundWork(self, self.tr("Export"), self.tr("Exporting…"))
        self.work.succeeded.connect(lambda result: self._finished(result, out))
        self.work.failed.connect(self._failed)
        self.work.abandoned.connect(self._abandoned)
        self._set_busy(True)
        # The core opens a session per transaction of its own, so the project may be read from the worker.
        self.work.start(lambda: exchange.export(project, fmt, out, options))

    def reject(self) -> None:
        if self.work is not None:
            self.work.cancel()  # stops waiting: see BackgroundWork.cancel
            return
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.buttons, self.recordings, self.themes, self.pseudonymize, self.edit_names):
            widget.setEnabled(not busy)
        for button in self.format_buttons.values():
            button.setEnabled(not busy)
        if not busy:
            self._format_toggled(self.formats.checkedButton(), True)
            self._update_names()

    def _finished(self, result: ExportResult, out: Path) -> None:
        self.work = None
        self.result_ = result
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"), result.summary(), parent=self)
        box.addButton(QMessageBox.StandardButton.Ok)
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is open_folder:
            folder = out if out.is_dir() else out.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        super().accept()

    def _failed(self, message: str) -> None:
        self.work = None
        self._set_busy(False)
        QMessageBox.warning(self, self.tr("Export failed"), message)

    def _abandoned(self) -> None:  # the export goes on by itself (see BackgroundWork.cancel); nobody waits for it
        self.work = None
        super().reject()


def export_from(
    parent: QWidget | None,
    project: Project,
    *,
    recording_ids: Sequence[int] = (),
    theme_ids: Sequence[int] = (),
    fmt: str | None = None,
) -> ExportResult | None:
    """File > Export: the dialog, with the given recordings and themes ticked (none: all) and, with ``fmt``, that
    format chosen. Returns what was written, or None when the user cancelled or the export was refused."""
    dialog = ExportDialog(project, parent, recording_ids=recording_ids, theme_ids=theme_ids)
    try:
        if fmt is not None:
            dialog.set_format(fmt)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.result_ if accepted else None
    finally:
        dialog.deleteLater()
