"""Where the report goes: standard output, or --output FILE written atomically."""
from __future__ import annotations

import os
import sys

from ..speed import pure_path
from .errors import UsageError


def guard_target(option: str, target: str, inputs: set[str]) -> None:
    """Never overwrite a report being linted, and say plainly when the folder is missing. `target`
    is a normal path, `inputs` are real ones."""
    if os.path.realpath(target) in inputs:
        raise UsageError(f"{option} {target} is one of the files being linted; it would be overwritten")
    if os.path.isdir(target):
        raise UsageError(f"{option} {target} is a folder; give the name of a file to write")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {target}: the folder {folder} does not exist")


class Sink:
    """Standard output, or --output FILE: written to a temp file beside it, renamed over it at the end
    (a crash never leaves half a report)."""

    def __init__(self, target: str | None, inputs: set[str]) -> None:
        self.target = pure_path(target) if target else None
        self.handle = sys.stdout
        if self.target is not None:
            guard_target("--output", self.target, inputs)
            self.tmp = self.target + ".xxgk-tmp"  # beside it: os.replace cannot cross file systems
            try:
                self.handle = open(self.tmp, "w", encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"--output {self.target}: cannot write there ({exc.strerror})") from None

    def write(self, text: str) -> None:
        if text:
            self.handle.write(text)

    def close(self) -> None:
        if self.target is None:
            self.handle.flush()
            return
        self.handle.close()
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            os.unlink(self.tmp)
            raise UsageError(f"--output {self.target}: cannot write there ({exc.strerror})") from None
