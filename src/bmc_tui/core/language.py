"""The languages the product speaks, as a type.

A module of its own, below everything that needs it: the block catalogue words its refusals
with the message catalogue, and the message catalogue is keyed by language, so neither may
be where ``Language`` is defined. Headless: imports nothing but the standard library.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "en")
