"""The guided session on the canvas screen: a thin layer over ``core.guide``.

The core decides where the session stands and what comes next; this asks each question in
the panel, opens the guide's editor in the question's block (focused, so the grid shows
where the answers go) and, at the end, shows the ``check`` findings. Every answer is kept by
the screen's ``keep_text``, the same edit as any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bmc_tui.core.guide import STORY_ORDER, Guide, GuideMemory
from bmc_tui.core.messages import say
from bmc_tui.tui.key_gate import gate_of
from bmc_tui.tui.keymap import KEYS_BY_ID
from bmc_tui.tui.widgets.guide_editor import GuideEditor, TagSuggester
from bmc_tui.tui.widgets.guide_panel import GuidePanel
from bmc_tui.tui.widgets.item_editor import EditTarget

if TYPE_CHECKING:
    from bmc_tui.core.lint import Finding
    from bmc_tui.tui.screens.canvas_screen import CanvasScreen


class GuidedSession:
    """One run of the guide on ``screen``, from where it was left (or the start)."""

    def __init__(self, screen: CanvasScreen, memory: GuideMemory | None = None) -> None:
        self.screen = screen
        self.memory = memory if memory is not None else GuideMemory()
        path = screen.document.path
        remembered = self.memory.recall(path) if path is not None else None
        self.guide = Guide.at(remembered)
        self.resumed = remembered is not None and self.guide.index > 0

    # --- asking -----------------------------------------------------------------------------

    def start(self) -> None:
        self.screen.add_class("-guiding")
        self.screen.query_one("#body").mount(GuidePanel(id="guide-panel"), before="#hint")
        if self.resumed:
            step = self.guide.step
            self.screen.notify(
                say(
                    "guide-resumed",
                    self.screen.ui_language,
                    block=step.block_number,
                    blocks=len(STORY_ORDER),
                    question=step.question_index + 1,
                ),
                timeout=4,
            )
        self.ask()

    def ask(self) -> None:
        """Show the question asked now and open its editor in its block."""
        screen, step = self.screen, self.guide.step
        self._remember()
        self.refresh_panel()
        self._close_editors()
        screen.focus_block(step.block.id)
        target = EditTarget("guide", step.block.id)
        screen.open_editor(target, kind=GuideEditor, suggester=TagSuggester(self._tags))

    def refresh_panel(self) -> None:
        screen = self.screen
        for panel in screen.query(GuidePanel):
            panel.show(self.guide.step, screen.document.canvas, screen.language, screen.ui_language)

    def _tags(self) -> list[str]:
        return list(self.screen.document.canvas.segment_tags())

    def _close_editors(self) -> None:
        for editor in self.screen.query(GuideEditor):
            editor._finished = True
            if not editor._pruning:  # escape has removed it already
                editor.remove()

    # --- moving ---------------------------------------------------------------------------

    def step(self, step: int) -> None:
        """On to the next question (1) or back to the one before (-1)."""
        if step < 0 and not self.guide.back():
            self.screen.notify(say("guide-first-question", self.screen.ui_language), timeout=2)
        elif step > 0 and not self.guide.next():
            self.finish()
            return
        self.ask()

    def next_block(self) -> None:
        """On to the first question of the next block (the rest of this one skipped)."""
        if self.guide.next_block():
            self.ask()
        else:
            self.finish()

    def leave(self) -> None:
        """Left with escape: the place is remembered for next time."""
        screen, step = self.screen, self.guide.step
        self._end()
        if self._remember():
            message = say(
                "guide-left",
                screen.ui_language,
                block=step.block_number,
                question=step.question_index + 1,
                key=KEYS_BY_ID["guide"].keys,
            )
        else:
            message = say("guide-left-untitled", screen.ui_language)
        screen.notify(message, timeout=5)

    def finish(self) -> None:
        """Past the last question: forget the place, mark what ``check`` finds, and offer
        each finding a key press away."""
        from bmc_tui.core.lint import lint
        from bmc_tui.tui.dialogs.guide_end import GuideEndDialog

        screen = self.screen
        block_id = self.guide.step.block.id
        if (path := screen.document.path) is not None:
            self.memory.forget(path)
        self._end()
        screen.focus_block(block_id)
        canvas = screen.document.canvas
        findings = lint(canvas, canvas.header.lint_disable)
        if not findings:
            screen.notify(say("guide-done-nothing", screen.ui_language), timeout=8)
            return
        screen.action_check()

        def chosen(index: int | None) -> None:
            if index is not None:
                self._go_to(findings[index])

        def offer() -> None:
            dialog = GuideEndDialog(findings)
            screen.app.push_screen(dialog, chosen)
            if gate is not None:
                gate.settled(self)

        # Pushed from the screen's own queue: the answer comes back to whoever pushed the
        # dialog, and the guide's editor that saw the last enter is gone by then. The keys
        # typed meanwhile are for the dialog: they wait for it.
        if (gate := gate_of(screen.app)) is not None:
            gate.hold(self)
        screen.call_later(offer)

    def _go_to(self, finding: Finding) -> None:
        if finding.block is None:
            return
        self.screen.focus_block(finding.block)
        if finding.item_id is not None:
            self.screen.refresh_block(finding.block, select=finding.item_id)

    def _end(self) -> None:
        screen = self.screen
        screen.guided = None
        self._close_editors()
        for panel in screen.query(GuidePanel):
            if not panel._pruning:
                panel.remove()
        screen.remove_class("-guiding")

    def _remember(self) -> bool:
        path = self.screen.document.path
        return path is not None and self.memory.remember(path, self.guide.position)
