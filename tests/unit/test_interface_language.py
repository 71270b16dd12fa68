"""The interface language follows the canvas unless a setting pins it."""

from __future__ import annotations

from bmc_tui.core.interface_language import (
    ENVIRONMENT_VARIABLE,
    interface_language,
    pinned_language,
)


def test_the_interface_follows_the_canvas_by_default() -> None:
    assert pinned_language(None, {}) is None
    assert interface_language("da", None) == "da"
    assert interface_language("en", None) == "en"


def test_the_environment_variable_pins_it_and_the_option_wins() -> None:
    assert pinned_language(None, {ENVIRONMENT_VARIABLE: "en"}) == "en"
    assert pinned_language(None, {ENVIRONMENT_VARIABLE: " DA "}) == "da"
    assert pinned_language("da", {ENVIRONMENT_VARIABLE: "en"}) == "da"
    assert interface_language("da", "en") == "en"


def test_a_value_that_names_no_language_pins_nothing() -> None:
    assert pinned_language(None, {ENVIRONMENT_VARIABLE: "de"}) is None
    assert pinned_language("", {ENVIRONMENT_VARIABLE: ""}) is None
