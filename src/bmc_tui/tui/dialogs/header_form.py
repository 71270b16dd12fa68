"""Editing the canvas header: title, designed for / by, date, version, language, description."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from bmc_tui.core.messages import LANGUAGE_NAMES, say
from bmc_tui.core.model import Header
from bmc_tui.core.places import first_problem
from bmc_tui.core.problems import Refusal, parse_date
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import ui_language

#: Each text field and the message key of its label.
TEXT_FIELDS = (
    ("title", "dialog-header-title-field"),
    ("designed_for", "dialog-header-designed-for"),
    ("designed_by", "dialog-header-designed-by"),
    ("date", "dialog-header-date"),
    ("version", "dialog-header-version"),
)


class HeaderDialog(Dialog[Header]):
    """Dismisses with the new header (``ctrl+s``), or ``None`` to keep the old one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.HEADER)

    def __init__(self, header: Header) -> None:
        super().__init__()
        self.header = header

    def compose(self) -> ComposeResult:
        words = ui_language(self)
        values = {
            "title": self.header.title,
            "designed_for": self.header.designed_for,
            "designed_by": self.header.designed_by,
            "date": self.header.date.isoformat() if self.header.date else "",
            "version": self.header.version,
        }
        with Vertical(classes="dialog-box dialog-wide", id="header-form"):
            yield Static(say("dialog-header-title", words), classes="dialog-title")
            with Grid(id="header-fields"):
                for name, label in TEXT_FIELDS:
                    yield Label(say(label, words))
                    field = Input(values[name], id=f"field-{name}", compact=True)
                    field.cursor_blink = False
                    yield field
                yield Label(say("dialog-header-language", words))
                yield Select(
                    [(name, code) for code, name in LANGUAGE_NAMES.items()],
                    value=self.header.language,
                    allow_blank=False,
                    id="field-language",
                    compact=True,
                )
            yield Label(say("dialog-header-description", words))
            description = TextArea(
                self.header.description, id="field-description", soft_wrap=True, compact=True
            )
            description.cursor_blink = False
            yield description
            # Why the fields were refused, kept in view with what was typed (as in the tags
            # and note dialogs); empty until then.
            yield Static("", id="problem", classes="dialog-problem", markup=False)
            yield Static(say("dialog-header-help", words), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()

    def action_done(self) -> None:
        words = ui_language(self)
        data: dict[str, object] = {
            name: self.query_one(f"#field-{name}", Input).value for name, _ in TEXT_FIELDS
        }
        try:
            data["date"] = parse_date(str(data.pop("date")))
        except Refusal as refusal:
            self._refuse(refusal.words(words), say("dialog-header-date-problem", words))
            return
        data["language"] = self.query_one("#field-language", Select).value
        data["description"] = self.query_one("#field-description", TextArea).text
        data["lint_disable"] = self.header.lint_disable
        try:
            header = Header.model_validate(data)
        except ValidationError as error:
            self._refuse(first_problem(error, language=words), say("dialog-header-problem", words))
            return
        self.dismiss(header)

    def _refuse(self, problem: str, title: str) -> None:
        """Stay open with the fields as typed, and say why in the dialog and as a notice."""
        self.query_one("#problem", Static).update(problem)
        self.notify(problem, title=title, severity="error")
