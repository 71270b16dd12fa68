"""Fixtures for the pilot and snapshot tests of the canvas editor.

Every test runs in its own working folder (``tmp_path``) with a private copy of an example
canvas, so a save, an export or a "save as" can never touch the repository's files.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
from pathlib import Path

import pytest

from bmc_tui.core.catalogue import BlockId
from bmc_tui.tui.app import BmcApp
from bmc_tui.tui.screens.canvas_screen import CanvasScreen

CANVASES = Path(__file__).resolve().parents[2] / "canvases"
EXAMPLE_EN = CANVASES / "example-en.toml"
EXAMPLE_DA = CANVASES / "example-da.toml"

#: The size the pilot tests run at: every pane shows its title and several items.
SIZE = (120, 40)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin is installed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder the test runs in."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def en_canvas(workdir: Path) -> Path:
    """A private copy of the English example (the sourdough bakery)."""
    path = workdir / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, path)
    return path


@pytest.fixture
def da_canvas(workdir: Path) -> Path:
    """A private copy of the Danish example (the bike workshop)."""
    path = workdir / "cykler.toml"
    shutil.copyfile(EXAMPLE_DA, path)
    return path


def canvas(app: BmcApp) -> CanvasScreen:
    """The canvas screen under whatever dialog is open."""
    screen = app.canvas_screen
    assert screen is not None
    return screen


def texts(app: BmcApp, block: BlockId) -> list[str]:
    return [item.text for item in canvas(app).document.canvas.items(block)]
