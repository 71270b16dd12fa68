"""The console script tunes the garbage collector around the imports, and must never leave
it switched off, whatever happens while importing."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from bmc_tui.collector import long_lived_imports, no_collections
from conftest import CANVASES


def test_the_console_script_starts_through_the_launcher() -> None:
    (script,) = entry_points(group="console_scripts", name="bmc-tui")
    assert script.value == "bmc_tui.launcher:main"


def test_what_is_imported_is_frozen_and_the_collector_is_back_on() -> None:
    before = gc.get_freeze_count()
    try:
        with long_lived_imports():
            assert not gc.isenabled()
            # Lists, which the collector tracks (a bare ``object()`` it never sees).
            kept = [[] for _ in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


def test_a_failed_import_leaves_the_collector_on() -> None:
    try:
        with pytest.raises(ModuleNotFoundError), long_lived_imports():
            import bmc_tui_no_such_module  # type: ignore[import-not-found]  # noqa: F401
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_an_export_pauses_the_collector_and_always_switches_it_back_on() -> None:
    def failing_export() -> None:
        with no_collections():
            assert not gc.isenabled()
            raise RuntimeError("the export failed")

    with pytest.raises(RuntimeError):
        failing_export()
    assert gc.isenabled()
    # Inside a pause of its own caller's, it leaves the collector off for the caller.
    gc.disable()
    try:
        with no_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_terminal_that_cannot_show_a_character_gets_a_stand_in_not_a_traceback() -> None:
    # The real console script, on a stream that only takes ASCII (PYTHONIOENCODING=ascii,
    # or an old terminal): the Danish example's letters and dashes become "?".
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "bmc_tui", "show", str(CANVASES / "example-da.toml")],
        capture_output=True,
        text=True,
        encoding="ascii",
        errors="strict",
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "K?dehuset ? cykelv?rksted" in done.stdout
