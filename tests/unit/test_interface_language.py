"""The interface language follows the canvas unless a setting pins it."""

from __future__ import annotations

import errno

from bmc_tui.core.interface_language import (
    ENVIRONMENT_VARIABLE,
    default_language,
    interface_language,
    pinned_language,
    speak,
)
from bmc_tui.core.problems import os_words


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


def test_a_running_editor_words_the_cores_messages_in_its_language() -> None:
    """The core words its errors when it raises them; while an editor runs they are in its
    interface language (a Danish canvas under an English locale), else the setting's."""
    english = {"LC_ALL": "C.UTF-8"}
    try:
        speak(lambda: "da")
        assert default_language(english) == "da"
        speak(lambda: None)  # its editor is gone: the setting and the locale decide again
        assert default_language(english) == "en"
        assert default_language({ENVIRONMENT_VARIABLE: "da"}) == "da"
    finally:
        speak(None)
    assert default_language(english) == "en"


def test_the_systems_reasons_in_danish_and_its_own_words_in_english() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_words(full, "da") == "der er ikke mere plads på disken"
    assert os_words(full, "en") == "No space left on device"
    odd = OSError(errno.EXDEV, "Invalid cross-device link")
    assert os_words(odd, "da") == "Invalid cross-device link"
