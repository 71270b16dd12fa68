"""Opening another canvas: the ``.toml`` files of the working folder and ``canvases/``."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bmc_tui.core.messages import say
from bmc_tui.core.textsafe import shown_path
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedOptionList


def canvas_files(folders: list[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        for candidate in (folder, folder / "canvases"):
            if candidate.is_dir():
                found.extend(sorted(p for p in candidate.glob("*.toml") if p.is_file()))
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


class OpenCanvasDialog(Dialog[Path]):
    def __init__(self, folders: list[Path]) -> None:
        super().__init__()
        self.files = [p for p in canvas_files(folders) if p.name != "pyproject.toml"]

    def compose(self) -> ComposeResult:
        words = ui_language(self)
        with Vertical(classes="dialog-box dialog-wide"):
            yield Static(say("dialog-open-title", words), classes="dialog-title")
            if self.files:
                yield OrderedOptionList(
                    *(
                        Option(Text(_shown(path)), id=str(index))
                        for index, path in enumerate(self.files)
                    ),
                    id="files",
                )
            else:
                yield Static(say("dialog-open-none", words))
            yield Static(say("dialog-open-help", words), classes="dialog-help")

    def on_mount(self) -> None:
        for options in self.query(OptionList):
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(self.files[int(event.option.id)])


def _shown(path: Path) -> str:
    try:
        return shown_path(path.relative_to(Path.cwd()))
    except ValueError:
        return shown_path(path)
