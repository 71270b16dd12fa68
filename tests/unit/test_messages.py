"""The message catalogue: every message in both languages, with the same placeholders."""

from __future__ import annotations

import pytest

from bmc_tui.core.catalogue import LANGUAGES
from bmc_tui.core.messages import MESSAGES, placeholders, say


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES)
    assert all(text.strip() for text in texts.values())
    assert len({placeholders(text) for text in texts.values()}) == 1


def test_say_fills_in_the_placeholders() -> None:
    assert say("key-save", "en") == "Save"
    assert say("key-save", "da") == "Gem"
