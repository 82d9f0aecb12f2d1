"""The transcript of one recording: the editor, and every change stored as one undoable command.

Coding happens here too: the selection (within a segment or across several) is coded through the window's
:class:`~annotator.ui.coding.controller.CodingController` (:mod:`~annotator.ui.transcript.coding_gestures`), and
the panel redraws the codings of its recording whenever the controller says they changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.core.services.editing import Change
from annotator.errors import NotFound, UserError
from annotator.ui.coding.assign_popup import AssignPopup
from annotator.ui.coding.controller import CodingController, Touched
from annotator.ui.coding.span import Span
from annotator.ui.transcript.coding_gestures import CodingGestures
from annotator.ui.transcript.editor import TranscriptEditor


class ChangeCommand(QUndoCommand):
    """A change already stored by the editing service; undo and redo restore its snapshots."""

    def __init__(self, panel: TranscriptPanel, change: Change, text: str) -> None:
        super().__init__(text)
        self.panel = panel
        self.change = change
        self._done = True  # QUndoStack.push calls redo() at once: the change is already made

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.panel.project.editing.redo(self.change)
        self.panel.reload()
        self.panel.announce(self.change)

    def undo(self) -> None:
        self.panel.project.editing.undo(self.change)
        self.panel.reload()
        self.panel.announce(self.change)


def codings_touched(change: Change) -> Touched | None:
    """What a transcript change did to passages as the other panels show them (a quote, its times, the passage
    itself gone or back), for them to redraw; None when it changed nothing they show. Offsets moving with the
    text are not news: whoever opens a passage reads where it is then."""

    def shown(row: dict | None) -> tuple | None:
        return None if row is None else tuple(row[key] for key in ("quote", "start_ms", "end_ms", "theme_id"))

    before = {row["id"]: row for row in change.before.codings}
    after = {row["id"]: row for row in change.after.codings}
    differ = [
        row
        for key in before.keys() | after.keys()
        if shown(before.get(key)) != shown(after.get(key))
        for row in (before.get(key), after.get(key))
        if row
    ]
    if not differ:
        return None
    return Touched(
        recordings=frozenset(row["recording_id"] for row in differ),
        themes=frozenset(row["theme_id"] for row in differ),
    )


class TranscriptPanel(QWidget):
    seekRequested = Signal(int)
    playRequested = Signal(int, int)  # play a stretch: start ms, end ms
    message = Signal(str)
    changed = Signal(int)  # recording id: its transcript changed (verified share, counts)
    writeFailed = Signal(str)  # why a change could not be stored ("" once everything is stored again)

    def __init__(
        self, undo_stack: QUndoStack, parent: QWidget | None = None, controller: CodingController | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.project: Project | None = None
        self.recording_id: int | None = None
        self.controller: CodingController = None  # type: ignore[assignment] - set just below
        self._own_controller = False
        self._announcing = False  # telling the others about passages this panel has just read itself
        self._unsaved: set[int] = set()  # segments whose typing could not be stored yet
        self.warning = QLabel(self)  # a failed write, in view until it is stored
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fde2e1; color: #8a1c1c; padding: 4px; }")
        self.warning.hide()
        self.writeFailed.connect(lambda text: (self.warning.setText(text), self.warning.setVisible(bool(text))))
        self.editor = TranscriptEditor(self)
        self.gestures = CodingGestures(self)
        self.editor.extend_menu = self.gestures.extend_menu
        self.set_controller(controller)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.warning)
        layout.addWidget(self.editor, 1)
        self.editor.seekRequested.connect(self.seekRequested)
        self.editor.refused.connect(self.message)
        self.editor.reloadRequested.connect(self.reload)
        self.editor.textEdited.connect(
            lambda sid, text: self._apply(self.tr("Edit text"), "edit_text", segment_id=sid, new_text=text)
        )
        self.editor.typingKept.connect(self._keep_typing)
        self.editor.splitRequested.connect(
            lambda sid, offset: self._apply(self.tr("Split segment"), "split", segment_id=sid, offset=offset)
        )
        self.editor.mergeRequested.connect(lambda sid: self._apply(self.tr("Merge segments"), "merge", segment_id=sid))
        self._show_empty()

    def set_controller(self, controller: CodingController | None) -> None:
        """Code through the window's controller (shared with the other panels); without one, the panel makes its
        own on its undo stack."""
        if self.controller is not None:
            self.controller.changed.disconnect(self._codings_changed)
            if self._own_controller:
                self.controller.message.disconnect(self.message)
        self._own_controller = controller is None
        self.controller = controller or CodingController(self.undo_stack, self)
        if self._own_controller:
            self.controller.set_project(self.project)
            self.controller.message.connect(self.message)
        self.controller.changed.connect(self._codings_changed)

    def _show_empty(self) -> None:
        self.header.setText(self.tr("Choose a recording on the left to see its transcript."))
        self.editor.setReadOnly(True)

    # -- loading ----------------------------------------------------------------------------------------------
    def show_recording(self, project: Project, recording_id: int | None) -> None:
        self.editor.commit()
        self.project, self.recording_id = project, recording_id
        self.editor.recording_id = recording_id
        if self._own_controller:
            self.controller.set_project(project)
        if recording_id is None:
            self.editor.clear_transcript()
            self._show_empty()
            return
        self.reload()

    def reload(self) -> None:
        """Read the transcript again (new segments, a change made elsewhere). Typing not stored yet is stored
        first; typing that cannot be stored (a failed write) stays on screen rather than being read over."""
        if self.project is None or self.recording_id is None:
            return
        if self.editor.has_unstored_typing():
            self.editor.commit()
        if self._unsaved:
            return
        view = self.project.editing.load(self.recording_id)
        self.editor.load(view, self._read_codings())
        self.editor.setReadOnly(False)
        self._update_header()
        self.changed.emit(self.recording_id)

    def _update_header(self) -> None:
        assert self.project is not None and self.recording_id is not None
        recording = self.project.recordings.get(self.recording_id)
        segments = self.editor.segments
        if not segments:
            self.header.setText(
                self.tr("<b>{title}</b> — no transcript yet: Transcribe (Ctrl+T) makes one.").format(
                    title=recording.title
                )
            )
            return
        share = self.project.editing.verified_share(self.recording_id)
        self.header.setText(
            self.tr("<b>{title}</b> — %n segment(s), {share:.0f}% verified", "", len(segments)).format(
                title=recording.title, share=share
            )
        )

    # -- changes ----------------------------------------------------------------------------------------------
    def _apply(self, undo_text: str, op: str, **kwargs: Any) -> Change | None:
        """Store one change through the editing service and put it on the undo stack (if it changed anything)."""
        if self.project is None:
            return None
        try:
            change = self.project.editing.apply(op, **kwargs)
        except UserError as exc:
            self.message.emit(str(exc))
            self.reload()  # put the text back as stored
            return None
        except (SQLAlchemyError, OSError) as exc:  # the database or the disk refused the write
            self._not_stored(op, kwargs, exc)
            return None
        if self._unsaved and op == "edit_text":
            self._unsaved.discard(kwargs["segment_id"])
            if not self._unsaved:
                self.writeFailed.emit("")
        if not change.changed:
            return change
        self.undo_stack.push(ChangeCommand(self, change, undo_text))
        if op == "edit_text":
            self._refresh_segment(kwargs["segment_id"])
        else:
            self.reload()
        self.announce(change)
        return change

    def _keep_typing(self, segment_id: int, text: str) -> None:
        """Keep what is typed at once (a crash loses at most the last key); the edit comes after a pause."""
        if self.project is None:
            return
        try:
            self.project.typing.keep(text, segment_id=segment_id)
        except (SQLAlchemyError, OSError) as exc:
            self._not_stored("edit_text", {"segment_id": segment_id}, exc)

    def _not_stored(self, op: str, kwargs: dict[str, Any], exc: BaseException) -> None:
        """A write failed: say so where it stays in view, and never let unstored text look stored. Typed text
        stays on screen, marked, and is stored again in a while; any other change is taken back on screen."""
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        if op == "edit_text":
            self._unsaved.add(kwargs["segment_id"])
            self.editor.store_again(kwargs["segment_id"])
            text = self.tr(
                "Not saved: {reason}. Your typing is kept here and will be stored as soon as the project "
                "can be written."
            ).format(reason=reason)
        else:
            self.reload()
            text = self.tr("Not saved: {reason}. The change was not made.").format(reason=reason)
        self.writeFailed.emit(text)
        self.message.emit(text)

    @property
    def unsaved(self) -> frozenset[int]:
        """The segments whose typed text is not stored yet because a write failed."""
        return frozenset(self._unsaved)

    def announce(self, change: Change) -> None:
        """Tell the other panels (themes' counts, the passage browser) when a change moved or removed passages;
        this panel has read them already."""
        touched = codings_touched(change)
        if touched is not None:
            self._announcing = True
            try:
                self.controller.changed.emit(touched)
            finally:
                self._announcing = False

    def _refresh_segment(self, segment_id: int) -> None:
        """After a text edit: only that segment's new words and marks, not the whole transcript."""
        assert self.project is not None and self.recording_id is not None
        block = next((b for b, s in enumerate(self.editor.segments) if s.id == segment_id), None)
        if block is not None:
            self.editor.replace_segment(block, self.project.editing.segment(segment_id))
            self._refresh_codings_of(segment_id)
        self._update_header()
        self.changed.emit(self.recording_id)

    # -- codings ----------------------------------------------------------------------------------------------
    def _read_codings(self) -> list[PassageView]:
        if self.project is None or self.recording_id is None:
            return []
        return self.project.coding.passages(recordings=[self.recording_id], documents=False)

    def _codings_changed(self, touched: Touched) -> None:
        """The controller changed codings or the codebook: read this recording's codings again if concerned."""
        if self.project is None or self.recording_id is None or self._announcing:
            return
        if touched.codebook or self.recording_id in touched.recordings:
            self.editor.set_codings(self._read_codings())

    def _refresh_codings_of(self, segment_id: int) -> None:
        """After a segment's text was stored: its codings, which the editing service moved with the words."""
        assert self.project is not None
        views: dict[int, PassageView | None] = {}
        for coding_id in self.editor.codings.on_segment(segment_id):
            try:
                views[coding_id] = self.project.coding.get(coding_id)
            except NotFound:
                views[coding_id] = None  # its words were all deleted
        self.editor.update_codings(views)

    def show_span(self, start_segment_id: int, start_offset: int, end_segment_id: int, end_offset: int) -> bool:
        """Select a stretch of this transcript (a passage, a search hit) and bring it into view."""
        blocks = {segment.id: block for block, segment in enumerate(self.editor.segments)}
        if start_segment_id not in blocks or end_segment_id not in blocks:
            return False
        self.editor.set_following(False)  # the reader wants to see this, not the playing word
        self.editor.select_range(blocks[start_segment_id], start_offset, blocks[end_segment_id], end_offset)
        return True

    def show_passage(self, view: PassageView) -> bool:
        if view.recording_id != self.recording_id or view.start_segment_id is None or view.end_segment_id is None:
            return False
        return self.show_span(view.start_segment_id, view.start_offset, view.end_segment_id, view.end_offset)

    def selected_span(self) -> Span | None:
        """The editor's selection as a span of this recording (segment ids and offsets), or None."""
        return self.editor.selected_span()

    def code_selection(self, theme_ids: list[int]) -> list[PassageView]:
        """Code the selection with these themes (one undo step); returns the codings made."""
        return self.gestures.code_selection(list(theme_ids))

    def assign_theme(self) -> AssignPopup | None:
        """Open the popup that codes the selection with the themes chosen in it (the window binds Ctrl+K)."""
        return self.gestures.assign_theme()

    def code_with_pinned(self, number: int) -> list[PassageView]:
        """Code the selection with the ``number``-th (1-9) pinned theme (the window binds Ctrl+1 .. Ctrl+9)."""
        return self.gestures.code_with_pinned(number)

    def verify_current(self) -> None:
        segment = self.editor.current_segment()
        if segment is None:
            return
        self.editor.commit()
        # Not verified after all: back to "edited" if a person changed words (they lose their score), else "asr".
        touched = any(word.probability is None for word in segment.words)
        status = ("edited" if touched else "asr") if segment.status == "verified" else "verified"
        label = self.tr("Mark verified") if status == "verified" else self.tr("Mark not verified")
        self._apply(label, "set_status", segment_id=segment.id, status=status)

    # -- find and replace, speakers, boundaries ----------------------------------------------------------------
    def find_next(self, text: str, case_sensitive: bool, whole_words: bool) -> bool:
        if self.project is None or self.recording_id is None or not text:
            return False
        self.editor.commit()
        hits = self.project.editing.find(
            self.recording_id, text, case_sensitive=case_sensitive, whole_words=whole_words
        )
        order = {segment.id: block for block, segment in enumerate(self.editor.segments)}
        here = (self.editor.current_block(), self.editor.textCursor().positionInBlock())
        located = sorted((order[sid], start, end) for sid, start, end in hits if sid in order)
        following = [hit for hit in located if (hit[0], hit[1]) > here] or located
        if not following:
            self.message.emit(self.tr("“{text}” is not in this transcript.").format(text=text))
            return False
        block, start, end = following[0]
        self.editor.move_to(block, start, end - start)
        return True

    def replace_all(self, find: str, replace: str, case_sensitive: bool, whole_words: bool) -> int:
        if self.project is None or self.recording_id is None or not find:
            return 0
        self.editor.commit()
        change = self._apply(
            self.tr("Replace all"),
            "replace_all",
            recording_id=self.recording_id,
            find=find,
            replace=replace,
            case_sensitive=case_sensitive,
            whole_words=whole_words,
        )
        count = change.result.count if change is not None else 0
        self.message.emit(self.tr("Replaced %n time(s).", "", count))
        return count

    def speakers(self) -> list[str]:
        return sorted({s.speaker for s in self.editor.segments if s.speaker})

    def rename_speaker(self, old: str, new: str) -> Change | None:
        if self.recording_id is None or not new.strip() or old == new:
            return None
        return self._apply(
            self.tr("Rename speaker"),
            "rename_speaker",
            recording_id=self.recording_id,
            old_label=old,
            new_label=new.strip(),
        )

    def set_speaker(self, label: str | None) -> Change | None:
        segment = self.editor.current_segment()
        if segment is None:
            return None
        self.editor.commit()
        return self._apply(
            self.tr("Change speaker"), "set_speaker", segment_id=segment.id, label=(label or "").strip() or None
        )

    def nudge(self, start_delta: int = 0, end_delta: int = 0) -> Change | None:
        """Move the current segment's start or end by some milliseconds."""
        segment = self.editor.current_segment()
        if segment is None:
            return None
        self.editor.commit()
        return self._apply(
            self.tr("Move segment boundary"),
            "nudge",
            segment_id=segment.id,
            start_ms=segment.start_ms + start_delta if start_delta else None,
            end_ms=segment.end_ms + end_delta if end_delta else None,
        )

    # -- finding what to check --------------------------------------------------------------------------------
    def next_doubtful(self, threshold: float) -> bool:
        """Move to the next word below the confidence threshold and play its stretch."""
        return self._next(
            lambda s, start: next(
                (
                    (w.char_start, (w.char_end or 0) - (w.char_start or 0), w.start_ms, w.end_ms)
                    for w in s.words
                    if w.probability is not None
                    and w.probability < threshold
                    and w.char_start is not None
                    and w.char_start >= start
                ),
                None,
            )
        )

    def next_unverified(self) -> bool:
        return self._next(
            lambda s, start: (0, 0, s.start_ms, s.end_ms) if s.status != "verified" and start == 0 else None
        )

    def _next(self, find: Callable[[Any, int], tuple[int, int, int, int] | None]) -> bool:
        segments = self.editor.segments
        if not segments:
            return False
        here = self.editor.current_block()
        offset = self.editor.textCursor().positionInBlock() + 1
        order = [*range(here, len(segments)), *range(0, here + 1)]  # round to where we started
        for number, block in enumerate(order):
            hit = find(segments[block], offset if number == 0 else 0)
            if hit is not None:
                char, length, start_ms, end_ms = hit
                self.editor.move_to(block, char, length)
                self.playRequested.emit(max(0, start_ms - 500), end_ms + 500)
                return True
        self.message.emit(self.tr("Nothing left to check here."))
        return False
