"""Typing: each change restarts the wait, so a burst of keystrokes is linted once, after the pause."""
from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("pygls")
from xxgk_lint.lsp import server  # noqa: E402


def test_a_burst_of_changes_is_linted_once_after_the_pause(monkeypatch):
    linted = []
    ls = server.XxgkServer()
    monkeypatch.setattr(ls, "publish", lambda uri: linted.append((uri, asyncio.get_running_loop().time())))

    async def typing():
        loop = asyncio.get_running_loop()
        last = None
        for _ in range(5):  # five keystrokes, 50 ms apart: each within the wait of the one before
            ls.later("file:///r.md")
            last = loop.time()
            await asyncio.sleep(server.DEBOUNCE / 3)
        ls.later("file:///other.md")  # another document waits on its own
        await asyncio.sleep(server.DEBOUNCE * 3)
        return last

    last = asyncio.run(typing())
    assert sorted(uri for uri, _ in linted) == ["file:///other.md", "file:///r.md"]
    (when,) = [t for uri, t in linted if uri == "file:///r.md"]
    assert when - last >= server.DEBOUNCE * 0.9  # after the pause that followed the last keystroke
