"""`xxgk-lint text PATH`: the text of a report as the linter reads it, line by line with its number.

Findings in a .docx or .pdf give `path:line:col` in this text (and the page, paragraph, table, row
and column a person looks at, which this command also prints per line); for HTML it is the page's
text, tables one row a line; for a text file, the file's own lines. What a reader could not read, or
read only in part, is said on standard error, with exit code 2 for an unreadable file.
"""
from __future__ import annotations

import sys

from ..checks.engine import parse
from ..output.diagnostic import describe_place
from ..pipeline.report import Unreadable
from .argparsing import Parser
from .errors import EXIT_CLEAN, EXIT_ERROR


def text(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint text", description="print a report's text as the linter reads it")
    parser.add_argument("path", help="a report: .txt, .md, .html, .docx, .pdf (.doc, .wps, .odt with LibreOffice)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--places", action="store_true", help="also print each line's page, paragraph or table row")
    args = parser.parse_args(argv)
    try:
        with open(args.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        print(f"xxgk-lint: {args.path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    report = parse(args.path, data)
    if isinstance(report, Unreadable):
        print(f"xxgk-lint: {args.path}: {report.reason if args.lang == 'en' else report.reason_zh}", file=sys.stderr)
        return EXIT_ERROR
    for english, chinese in report.doc.notes:
        print(f"xxgk-lint: {args.path}: {english if args.lang == 'en' else chinese}", file=sys.stderr)
    width = len(str(len(report.doc.lines)))
    out = []
    for line in report.doc.lines:
        where = ""
        if args.places and line.places:
            # the place of the line's first character that is no tab (a row may open with a cell
            # merged from above); a row's columns are its cells', so the row is named without one
            first = next((p for ch, p in zip(line.raw, line.places) if ch != "\t"), line.places[0]).as_dict()
            if first.get("table"):
                first.pop("column", None)
            where = "  # " + describe_place(first, args.lang)
        out.append(f"{line.number:>{width}}  {line.raw}{where}\n")
    sys.stdout.write("".join(out))
    return EXIT_CLEAN
