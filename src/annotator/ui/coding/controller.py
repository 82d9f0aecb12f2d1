"""Every coding action of the window as one undoable command, through one controller.

The panels (transcript, field notes, themes, passages, search) never call the coding or theme services to
change anything themselves: they ask the :class:`CodingController`, which stores the change at once, pushes a
:class:`ServiceCommand` on the window's undo stack, and announces what it touched (:class:`Touched`) so every
panel showing those recordings, documents or themes redraws. Undo and redo call the services' own inverses:
``remove``/``restore`` for codings, ``set_memo``/``retheme``/``resize`` with the former values, and the theme
service's snapshots for the codebook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.errors import UserError
from annotator.ui.coding.span import Span


@dataclass(frozen=True)
class Touched:
    """What a coding action changed: panels showing any of it redraw. ``codebook``: the themes themselves
    (names, colours, the tree) changed, so everything showing a theme redraws."""

    recordings: frozenset[int] = frozenset()
    documents: frozenset[int] = frozenset()
    themes: frozenset[int] = frozenset()
    codebook: bool = False

    @classmethod
    def of(cls, views: Iterable[PassageView], *, codebook: bool = False) -> Touched:
        views = list(views)
        return cls(
            frozenset(v.recording_id for v in views if v.recording_id is not None),
            frozenset(v.document_id for v in views if v.document_id is not None),
            frozenset(v.theme_id for v in views),
            codebook,
        )

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.recordings | other.recordings,
            self.documents | other.documents,
            self.themes | other.themes,
            self.codebook or other.codebook,
        )


def follow(
    previous: CodingController | None, controller: CodingController | None, slot: Callable[[Touched], object]
) -> CodingController | None:
    """Hear ``controller``'s changes in ``slot`` instead of ``previous``'s (a panel given another project);
    returns ``controller``."""
    if previous is not None:
        previous.changed.disconnect(slot)
    if controller is not None:
        controller.changed.connect(slot)
    return controller


class ServiceCommand(QUndoCommand):
    """A change already stored; undo and redo call the service's inverses. An undo the project can no longer
    take (the text it needs has changed meanwhile) says why and leaves the stack."""

    def __init__(
        self,
        controller: CodingController,
        text: str,
        undo: Callable[[], Touched],
        redo: Callable[[], Touched],
    ) -> None:
        super().__init__(text)
        self.controller = controller
        self._undo, self._redo = undo, redo
        self._done = True  # QUndoStack.push calls redo() at once: the change is already made

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._call(self._redo)

    def undo(self) -> None:
        self._call(self._undo)

    def _call(self, step: Callable[[], Touched]) -> None:
        try:
            touched = step()
        except UserError as exc:
            self.controller.message.emit(str(exc))
            self.setObsolete(True)
            self.controller.changed.emit(Touched(codebook=True))
            return
        self.controller.changed.emit(touched)


class CodingController(QObject):
    changed = Signal(object)  # Touched
    message = Signal(str)  # for the status bar: why an action was refused

    def __init__(self, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.project: Project | None = None

    def set_project(self, project: Project | None) -> None:
        self.project = project

    # -- coding ---------------------------------------------------------------------------------------------
    def code(self, span: Span, theme_ids: Sequence[int], memo: str = "") -> list[PassageView]:
        """Code a span with themes (one undo step); returns the codings made (none if each theme codes it
        already)."""
        if not theme_ids:
            return []
        coding = self._project().coding
        themes = list(theme_ids)
        if span.in_transcript:
            assert span.start_segment_id is not None and span.end_segment_id is not None
            return self.code_with(
                lambda: coding.code_span(
                    span.recording_id,  # type: ignore[arg-type]
                    span.start_segment_id,  # type: ignore[arg-type]
                    span.start_offset,
                    span.end_segment_id,  # type: ignore[arg-type]
                    span.end_offset,
                    themes,
                    memo,
                ),
            )
        assert span.document_id is not None
        return self.code_with(
            lambda: coding.code_document(span.document_id, span.start_offset, span.end_offset, themes, memo)  # type: ignore[arg-type]
        )

    def code_with(self, make: Callable[[], list[PassageView]], text: str | None = None) -> list[PassageView]:
        """Run something that makes codings (coding a span, coding every search hit ...) as one undo step."""
        made = self._attempt(make)
        if made is None:
            return []
        if not made:
            self.message.emit(self.tr("Already coded with that theme."))
            return []
        coding = self._project().coding
        names = ", ".join(sorted({v.theme for v in made}))
        label = text or self.tr("Code with {themes}").format(themes=names)

        def undo() -> Touched:
            for view in reversed(made):
                coding.remove(view.id)
            return Touched.of(made)

        def redo() -> Touched:
            for view in made:
                coding.restore(view)
            return Touched.of(made)

        self.push(label, undo, redo, Touched.of(made))
        quotes = {v.text for v in made}
        if len(quotes) == 1:
            quote = " ".join(next(iter(quotes)).split())
            quote = quote if len(quote) <= 50 else quote[:49].rstrip() + "…"
            self.message.emit(self.tr("Coded “{quote}” with {themes}.").format(quote=quote, themes=names))
        else:
            self.message.emit(self.tr("Coded %n passage(s) with {themes}.", "", len(made)).format(themes=names))
        return made

    def remove(self, coding_ids: Sequence[int]) -> list[PassageView]:
        coding = self._project().coding
        removed = self._attempt(lambda: [coding.remove(cid) for cid in coding_ids])
        if not removed:
            return []

        def undo() -> Touched:
            for view in removed:
                coding.restore(view)
            return Touched.of(removed)

        def redo() -> Touched:
            for view in removed:
                coding.remove(view.id)
            return Touched.of(removed)

        self.push(self.tr("Remove %n coding(s)", "", len(removed)), undo, redo, Touched.of(removed))
        return removed

    def set_memo(self, coding_id: int, memo: str) -> PassageView | None:
        coding = self._project().coding
        before = self._attempt(lambda: coding.get(coding_id))
        if before is None or before.memo == memo.strip():
            return before
        return self._change(
            self.tr("Memo"),
            lambda: coding.set_memo(coding_id, memo),
            lambda: coding.set_memo(coding_id, before.memo),
            before,
        )

    def retheme(self, coding_id: int, theme_id: int) -> PassageView | None:
        coding = self._project().coding
        before = self._attempt(lambda: coding.get(coding_id))
        if before is None or before.theme_id == theme_id:
            return before
        return self._change(
            self.tr("Change theme"),
            lambda: coding.retheme(coding_id, theme_id),
            lambda: coding.retheme(coding_id, before.theme_id),
            before,
        )

    def resize(self, coding_id: int, span: Span) -> PassageView | None:
        coding = self._project().coding
        before = self._attempt(lambda: coding.get(coding_id))
        if before is None:
            return None
        return self._change(
            self.tr("Resize passage"),
            lambda: coding.resize(
                coding_id, span.start_segment_id, span.start_offset, span.end_segment_id, span.end_offset
            ),
            lambda: coding.resize(
                coding_id, before.start_segment_id, before.start_offset, before.end_segment_id, before.end_offset
            ),
            before,
        )

    # -- the codebook ---------------------------------------------------------------------------------------
    def change_themes(self, text: str, op: str, **kwargs: Any) -> Any:
        """A change to the theme tree (create, rename, recolour, set_definition, move, merge, delete) as one
        undo step; returns the core's change (its ``result``: the theme made, or changed), or None if refused."""
        themes = self._project().themes
        change = self._attempt(lambda: themes.apply(op, **kwargs))
        if change is None or not change.changed:
            return change
        touched = Touched(themes=frozenset(change.theme_ids), codebook=True)

        def undo() -> Touched:
            themes.undo(change)
            return touched

        def redo() -> Touched:
            themes.redo(change)
            return touched

        self.push(text, undo, redo, touched)
        return change

    # -- plumbing -------------------------------------------------------------------------------------------
    def _project(self) -> Project:
        if self.project is None:
            raise RuntimeError("no project is open")
        return self.project

    def _attempt(self, step: Callable[[], Any]) -> Any:
        try:
            return step()
        except UserError as exc:
            self.message.emit(str(exc))
            return None

    def _change(
        self,
        text: str,
        do: Callable[[], PassageView],
        undo_step: Callable[[], PassageView],
        before: PassageView,
    ) -> PassageView | None:
        after = self._attempt(do)
        if after is None:
            return None
        touched = Touched.of([before, after])
        self.push(text, lambda: Touched.of([undo_step()]) | touched, lambda: Touched.of([do()]) | touched, touched)
        return after

    def push(self, text: str, undo: Callable[[], Touched], redo: Callable[[], Touched], touched: Touched) -> None:
        """Put a change already stored on the undo stack (``undo``/``redo`` return what they touched), and
        announce what it touched; for panels with changes of their own, such as editing field notes."""
        self.undo_stack.push(ServiceCommand(self, text, undo, redo))
        self.changed.emit(touched)
