"""The recordings of a project as a tree model: role groups, then recordings.

Columns: title, participant, length, transcript (status or verified share). The model holds plain
summaries from the core; ``reload`` replaces them all at once (a project has tens or hundreds of
recordings, not thousands).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from annotator.core.services.recordings import RecordingSummary
from annotator.timefmt import clock

RECORDING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_GROUP_ID = 0  # the internal id of a group's index; a recording's is its group's row + 1
_ROLE_ORDER = ("resident", "staff", "interviewer", "other")
Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Group:
    role: str
    recordings: list[RecordingSummary] = field(default_factory=list)


class RecordingsModel(QAbstractItemModel):
    COLUMNS = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._running: set[int] = set()

    # -- contents ---------------------------------------------------------------------------------------------
    def reload(self, summaries: list[RecordingSummary]) -> None:
        by_role: dict[str, _Group] = {}
        for summary in summaries:
            role = summary.role or "other"
            by_role.setdefault(role, _Group(role)).recordings.append(summary)
        self.beginResetModel()
        self._groups = sorted(
            by_role.values(), key=lambda g: _ROLE_ORDER.index(g.role) if g.role in _ROLE_ORDER else len(_ROLE_ORDER)
        )
        self.endResetModel()

    def set_running(self, recording_id: int, running: bool) -> None:
        (self._running.add if running else self._running.discard)(recording_id)
        index = self.index_of(recording_id)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(self.COLUMNS - 1))

    def summary(self, index: Index) -> RecordingSummary | None:
        if not index.isValid() or not index.parent().isValid():
            return None
        return self._groups[index.parent().row()].recordings[index.row()]

    def summaries(self) -> list[RecordingSummary]:
        return [s for group in self._groups for s in group.recordings]

    def index_of(self, recording_id: int) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, summary in enumerate(group.recordings):
                if summary.id == recording_id:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    # -- QAbstractItemModel -----------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ID)
        return self.createIndex(row, column, parent.row() + 1)  # a recording: its group's row + 1

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, _GROUP_ID)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _GROUP_ID:
            return 0
        return len(self._groups[parent.row()].recordings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (self.tr("Recording"), self.tr("Participant"), self.tr("Length"), self.tr("Transcript"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP_ID:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            return self._group_data(self._groups[index.row()], index.column(), role)
        group = self._groups[int(index.internalId()) - 1]
        return self._recording_data(group.recordings[index.row()], index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int):  # noqa: ANN202
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            names = {
                "resident": self.tr("Residents"),
                "staff": self.tr("Staff"),
                "interviewer": self.tr("Interviewers"),
                "other": self.tr("Others"),
            }
            return f"{names.get(group.role, group.role)} ({len(group.recordings)})"
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _recording_data(self, s: RecordingSummary, column: int, role: int):  # noqa: ANN202
        if role == RECORDING_ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return s.title
            if column == 1:
                return s.participant or ""
            if column == 2:
                return clock(s.duration_ms)
            if column == 3:
                return self._transcript_text(s)
        if role == Qt.ItemDataRole.ToolTipRole:
            if s.media_status == "changed":
                return self.tr("Media file changed since it was added (another file in its place): {path}").format(
                    path=s.media_path
                )
            if not s.media_ok:
                return self.tr("Media file not found: {path}").format(path=s.media_path)
            return s.media_path
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and not s.media_ok:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _transcript_text(self, s: RecordingSummary) -> str:
        if s.id in self._running:
            return self.tr("transcribing…")
        if not s.segments:
            return self.tr("not transcribed")
        if s.transcription in ("cancelled", "failed", "running"):
            return self.tr("partly, {pct:.0f}% verified").format(pct=s.verified_pct)
        return self.tr("{pct:.0f}% verified").format(pct=s.verified_pct)
