"""What depends on where the output goes: the default format, colour, a progress line."""
from __future__ import annotations

import os
import sys
import time


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # None, or a closed stream
        return False


def default_format(requested: str | None, configured: str | None, stream) -> str:
    if requested:
        return requested
    if configured:
        return configured
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if is_terminal(stream) else "concise"


def use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return is_terminal(stream)


class Progress:
    """A progress line on standard error, only on a terminal and only for long runs."""

    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.start = self.last = time.monotonic()
        self.on = total >= 50 and is_terminal(sys.stderr)

    def step(self, path: str) -> None:
        self.count += 1
        now = time.monotonic()
        if self.on and now - self.last > 0.2 and now - self.start > 1:
            self.last = now
            sys.stderr.write(f"\r[{self.count}/{self.total}] {path[-60:]:<60}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on and time.monotonic() - self.start > 1:
            sys.stderr.write("\r" + " " * 80 + "\r")
