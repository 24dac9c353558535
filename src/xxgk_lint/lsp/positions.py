"""Positions: a Diagnostic's line and column are 1-based and count code points; LSP's are 0-based
and count units of the negotiated encoding ("utf-16" by default, "utf-8", "utf-32")."""
from __future__ import annotations

import re

_BREAKS = re.compile(r"\r\n|\r|\n")  # the line breaks of LSP, and of the pipeline (decode.py)


def split_lines(text: str) -> list[str]:
    return _BREAKS.split(text)


def units(text: str, encoding: str = "utf-16") -> int:
    """How many units of `encoding` the text takes."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def to_lsp(lines: list[str], line: int, column: int, encoding: str = "utf-16") -> tuple[int, int]:
    """The 0-based (line, character) of a 1-based line and code-point column, clamped to the text."""
    if not lines:
        return 0, 0
    row = min(max(line, 1), len(lines)) - 1
    text = lines[row]
    if line > len(lines):  # past the last line: its end
        return row, units(text, encoding)
    return row, units(text[:max(column, 1) - 1], encoding)


def to_range(lines: list[str], line: int, column: int, end_line: int, end_column: int,
             encoding: str = "utf-16") -> tuple[tuple[int, int], tuple[int, int]]:
    """A start and an end (exclusive), the end never before the start."""
    start = to_lsp(lines, line, column, encoding)
    end = max(start, to_lsp(lines, end_line, end_column, encoding) if end_line else start)
    if end == start and start[0] < len(lines) and start[1] < units(lines[start[0]], encoding):
        end = (start[0], units(lines[start[0]], encoding))  # a point (a missing row): to the line's end
    return start, end
