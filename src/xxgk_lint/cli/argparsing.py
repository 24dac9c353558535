"""argparse, set up for xxgk-lint: errors are UsageErrors (one line, exit 2), and the help is as
wide as the terminal."""
from __future__ import annotations

import argparse
import os
import sys

from .errors import UsageError


class Formatter(argparse.HelpFormatter):
    """argparse's own, given the terminal width so that it does not import `shutil` (and with it
    bz2, lzma and zlib) for every option it checks."""

    def __init__(self, prog: str) -> None:
        columns = os.environ.get("COLUMNS", "")
        try:  # what shutil.get_terminal_size does
            columns = int(columns) if columns.isdigit() else os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 80
        super().__init__(prog, width=max(columns - 2, 20))


class Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs) -> None:
        super().__init__(formatter_class=Formatter, **kwargs)

    def error(self, message):
        raise UsageError(message)
