"""Issue 14: the editor's filter selects by status as well as by words."""

from __future__ import annotations

import pytest

from bmc_tui.core.catalogue import StatusId
from bmc_tui.core.item_filter import ItemFilter
from bmc_tui.core.model import Item

VALIDATED = Item(id="a", text="Bread subscription", status=StatusId.VALIDATED, tags=("subs",))
TESTING = Item(id="b", text="Bread classes", status=StatusId.TESTING)
PLAIN = Item(id="c", text="Coffee", note="with bread")


@pytest.mark.parametrize(
    ("query", "selected"),
    [
        ("bread", ["a", "b", "c"]),
        ("status:validated", ["a"]),
        ("status:val", ["a"]),
        ("STATUS:Val", ["a"]),
        ("status:bekræftet", ["a"]),
        ("status:under", ["b"]),
        ("status:untested", ["c"]),
        ("status:t", ["b"]),
        ("status:validated status:testing", ["a", "b"]),
        ("status:test classes", ["b"]),
        ("bread status:untested", ["c"]),
        ("status:", ["a", "b", "c"]),
        ("subs status:val", ["a"]),
    ],
)
def test_a_query_selects_by_words_and_status(query: str, selected: list[str]) -> None:
    query_filter = ItemFilter.parse(query)
    items = (VALIDATED, TESTING, PLAIN)
    assert [item.id for item in items if query_filter.matches(item)] == selected
    assert query_filter.unknown_status is None


def test_a_status_that_does_not_exist_selects_nothing_and_is_named() -> None:
    query = ItemFilter.parse("status:done")
    assert query.active
    assert query.unknown_status == "done"
    assert not any(query.matches(item) for item in (VALIDATED, TESTING, PLAIN))


def test_an_empty_query_is_not_active() -> None:
    assert not ItemFilter.parse("  ").active
    assert not ItemFilter.parse("status:").active
