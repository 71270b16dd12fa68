"""What the editor's filter (``/``) selects: words in an item, and its status.

A query is words to find in an item's text, note, category or tags (case does not matter),
and may name a status as ``status:validated``. The status may be shortened to its start
(``status:val``) and written in either language (``status:bekræftet``); the word ``status``
is the same in both. ``status:val price`` selects the validated items that mention a price.
Headless: the pane marks what this matches, the screen steps through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bmc_tui.core.catalogue import LANGUAGES, STATUSES, StatusId
from bmc_tui.core.model import Item

#: What starts a query's status part.
STATUS_PREFIX = "status:"


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """A parsed query: the words to find, and the statuses it asks for (``None``: any)."""

    words: str = ""
    statuses: frozenset[StatusId] | None = None
    #: The status word as typed, when it names no status (the header says which there are).
    unknown_status: str | None = None

    @classmethod
    def parse(cls, query: str) -> ItemFilter:
        words: list[str] = []
        statuses: set[StatusId] | None = None
        unknown = None
        for part in query.split():
            if not part.casefold().startswith(STATUS_PREFIX):
                words.append(part)
                continue
            asked = part[len(STATUS_PREFIX) :]
            if not asked:
                continue  # still being typed: "status:" alone selects by nothing yet
            found = statuses_named(asked)
            if not found:
                unknown = asked
            statuses = (statuses or set()) | found
        return cls(
            " ".join(words).casefold(),
            None if statuses is None else frozenset(statuses),
            unknown,
        )

    @property
    def active(self) -> bool:
        """Whether the query selects anything at all (an empty one shows every item)."""
        return bool(self.words) or self.statuses is not None

    def matches(self, item: Item) -> bool:
        """Whether ``item`` is selected: its status is one asked for, and the words are in
        its text, note, category or tags."""
        if self.statuses is not None and item.status not in self.statuses:
            return False
        if not self.words:
            return True
        return any(
            self.words in field.casefold()
            for field in (item.text, item.note, item.category or "", *item.tags)
        )


def statuses_named(word: str) -> set[StatusId]:
    """The status ``word`` names (its id, or its name in either language), else every
    status whose id or name starts with it; none for an empty word."""
    start = word.casefold()
    if not start:
        return set()
    exact = {
        status.id
        for status in STATUSES
        if start == status.id.value
        or any(status.label(language).casefold() == start for language in LANGUAGES)
    }
    if exact:
        return exact
    return {
        status.id
        for status in STATUSES
        if status.id.value.startswith(start)
        or any(status.label(language).casefold().startswith(start) for language in LANGUAGES)
    }
