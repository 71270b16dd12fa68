"""The line above the canvas: what this canvas is, which file it is, and whether it is saved."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from bmc_tui.core.catalogue import Language, StatusId
from bmc_tui.core.messages import say
from bmc_tui.core.model import Header
from bmc_tui.core.presentation import status_counts_text
from bmc_tui.core.textsafe import shown_path
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.text_line import TextLine

#: Cells of the title that the status counts in words never take (they shrink to markers).
TITLE_ROOM = 24


class CanvasHeader(Horizontal):
    """Shows the canvas header; the screen calls ``show`` after anything it shows changes.

    The file name and the modified marker sit on the right and never get cut off; the
    description of the canvas gives way first when the line is short.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The status counts last shown (empty: none).
        self._counts = Text()

    def compose(self) -> ComposeResult:
        yield TextLine(id="header-about")
        yield Static(id="header-status")
        yield Static(id="header-file")

    def show(
        self,
        header: Header,
        path: Path | None,
        *,
        modified: bool,
        read_only: bool = False,
        questions_hidden: bool = False,
        filtering: str | None = None,
        statuses: dict[StatusId, int] | None = None,
    ) -> None:
        """``statuses``: how many items have each status, shown once a canvas uses them."""
        language = ui_language(self)

        def words(label: str) -> str:
            return say(f"header-{label}", language)

        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(header.title or f"({words('untitled')})", style="bold")
        if header.designed_for:
            line.append(f"  {words('for')} {header.designed_for}")
        if header.designed_by:
            line.append(f"  {words('by')} {header.designed_by}")
        if header.date:
            line.append(f"  {header.date.isoformat()}")
        if header.version:
            line.append(f"  {words('version')}{header.version}")
        self.query_one("#header-about", TextLine).show(line)
        file = Text(no_wrap=True)
        file.append(shown_path(path.name) if path else f"({words('new')})")
        if modified:
            file.append(f" [+] {words('modified')}", style="bold")
        if read_only:
            file.append(f" [{words('read-only')}]", style="bold")
        if questions_hidden:
            file.append(f" [{words('questions-hidden')}]")
        if filtering is not None:
            file.append(f" [{filtering}]", style="bold")
        self.query_one("#header-file", Static).update(file)
        counts = self._status_counts(statuses, language, room=cell_len(line.plain), file=file)
        if counts != self._counts:
            # Only when they change: an update lays the screen out again, and most edits
            # (every edit of a canvas without statuses) leave the counts as they were.
            self._counts = counts
            self.query_one("#header-status", Static).update(counts)

    def _status_counts(
        self, statuses: dict[StatusId, int] | None, language: Language, *, room: int, file: Text
    ) -> Text:
        """The counts in words where the line has room for them beside some of the title,
        else by their markers ("?18 ~3 ✓4 ✗1"); nothing for a canvas without statuses."""
        if statuses is None:
            return Text()
        width = self.size.width or self.app.size.width
        words = status_counts_text(statuses, language)
        # The title keeps at least this much of its room, or all of it if it is shorter.
        kept = min(room, TITLE_ROOM)
        if cell_len(words) + 2 + file.cell_len + kept + 4 <= width:
            return Text(f"{words}  ")
        return Text(f"{status_counts_text(statuses, language, short=True)}  ")
