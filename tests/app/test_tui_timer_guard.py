"""A notice that runs out just as a screen comes back must not freeze the editor.

Textual builds a toast's timer from the notice's remaining time a moment after it checked the
notice had not expired; a notice that ran out in between gave a negative timer, and Textual's
timer loop then spun forever: the editor froze right after a dialog answered (seen under load in
the random burst test). Each scenario runs in a child process with a deadline, because without
the guard the event loop never comes back and an in-process test would hang the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

#: Far longer than the scenario needs (well under a second); a frozen editor never finishes.
DEADLINE = 60

SCENARIO = textwrap.dedent(
    """
    import asyncio, sys, time
    from dataclasses import dataclass
    from pathlib import Path
    from textual.notifications import Notification, Notify
    from bmc_tui.core.catalogue import BLOCKS
    from bmc_tui.tui.app import BmcApp

    @dataclass
    class RunsOutBetweenCheckAndToast(Notification):
        # Alive when the toast rack checks it; its time is up when the toast reads it.
        @property
        def has_expired(self) -> bool:
            return False

    async def main() -> None:
        app = BmcApp(Path(sys.argv[1]))
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            notice = RunsOutBetweenCheckAndToast("saved", timeout=1)
            notice.raised_at = time.time() - 2
            app.post_message(Notify(notice))  # as app.notify() does
            await pilot.pause()
            await pilot.press("a", "x", "enter")
            await pilot.pause()
            canvas = app.screen.document.canvas
            print(sum(item.text == "x" for block in BLOCKS for item in canvas.items(block.id)))

    asyncio.run(main())
    """
)


def test_a_notice_that_runs_out_as_its_toast_is_built_does_not_freeze_the_editor(
    en_canvas: Path,
) -> None:
    try:
        finished = subprocess.run(
            [sys.executable, "-c", SCENARIO, str(en_canvas)],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the editor froze: no answer to keys within {DEADLINE} s")
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip().splitlines()[-1] == "1", "the item typed after the notice"
