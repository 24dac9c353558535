"""Rewrite an extracted report as a browser's copy of its web page would give it: double-spaced.

Selecting a published report page and copying it often gives one table cell per line with a blank
line after every cell (and after every paragraph), and no mark where a table row ends. An empty
cell then shows as an extra blank line, or as nothing at all, depending on the page and browser:

    python tools/double_space.py [--empty blank|drop] SOURCE [OUTPUT]   (OUTPUT: default stdout)

`--empty blank` (variant A, the default): an empty cell is one extra blank line.
`--empty drop` (variant B): an empty cell leaves nothing, so a blank cell cannot be seen.

SOURCE is a text extraction in one of the layouts of shared/spec/format.md §8 (the layout is told
line by line, so one file may mix them):

- one cell per line, tab-indented, a blank line between rows (000): a line that opens with a tab
  is a cell, and a tab alone an empty cell;
- pipe rows `a | b | c |` (003, 004): the pieces between pipes are cells, a piece of spaces an empty
  cell; the `||||` fillers (pipes with nothing between them) are dropped;
- one cell per line ending in ` |`, rows opened by a line `|` (002): `x |` is a cell, `|` an empty
  cell except where it opens a row (after a filler line or a paragraph); lines of pipes are fillers;
- any other line that is not blank is a paragraph; the source's own blank lines are dropped.

Every paragraph and every cell comes out on its own line, stripped, followed by one blank line. The
text is not otherwise changed (script, punctuation and the extraction's own faults stay). Standard
library only; tests/fixtures/double_spaced/README.md lists the fixtures made with it.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

EMPTY = "\0"  # an empty cell, in the stream of paragraphs and cells


def _is_filler(stripped: str) -> bool:
    """A line of nothing but pipes (two or more): padding, not a cell."""
    return len(stripped) > 1 and not stripped.replace("|", "").strip()


def pieces(text: str) -> Iterator[str]:
    """A source's paragraphs and cells in reading order (EMPTY for an empty cell)."""
    opens_row = True  # a lone `|` here opens a row (002) rather than being an empty cell
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith("\t"):  # one cell per line, tab-indented (000); a tab alone: an empty cell
            opens_row = True
            yield stripped or EMPTY
        elif not stripped:
            continue  # a blank line: between rows or paragraphs, never a cell of its own
        elif _is_filler(stripped):  # `||||` (002)
            opens_row = True
        elif stripped == "|":  # 002: opens a row, or is an empty cell
            if not opens_row:
                yield EMPTY
            opens_row = False
        elif stripped.count("|") == 1 and stripped.endswith("|"):  # `x |`: one cell (002)
            opens_row = False
            yield stripped[:-1].strip()
        elif "|" in stripped:  # a pipe row (003, 004)
            opens_row = True
            parts = stripped.split("|")
            if stripped.endswith("|"):
                parts = parts[:-1]  # the text after the last pipe: none
            for part in parts:
                if part:  # "": two pipes side by side, a filler
                    yield part.strip() or EMPTY
        else:
            opens_row = True
            yield stripped


def double_space(text: str, empty: str = "blank") -> str:
    """The text as a browser's copy of its page: each paragraph and cell followed by a blank line;
    an empty cell an extra blank line (`blank`) or nothing (`drop`)."""
    out = []
    for piece in pieces(text):
        if piece is EMPTY:
            if empty == "blank":
                out.append("\n")
        else:
            out.append(piece + "\n\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--empty", choices=("blank", "drop"), default="blank",
                        help="an empty cell as an extra blank line (blank, variant A) or as nothing (drop, B)")
    parser.add_argument("source")
    parser.add_argument("output", nargs="?")
    args = parser.parse_args(argv)
    with open(args.source, encoding="utf-8") as handle:
        result = double_space(handle.read(), args.empty)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(result)
    else:
        sys.stdout.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
