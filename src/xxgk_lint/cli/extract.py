"""`xxgk-lint extract PATH...`: every report's tables as data, one record per value cell (long form).

    xxgk-lint extract reports/ --format csv --output cells.csv    # for Excel / WPS (UTF-8 with BOM)
    xxgk-lint extract report.pdf                                  # JSON array on standard output

The same cells the checks read (the configuration's [[overrides]] of template and year apply, as in
`check`), with agency, year, template, table/row/column by template id and label, the value as
written and as a number, and where it stands (line and column in the text as read; page, paragraph
and the document's own table/row/column for .docx and .pdf). Records are written as each report is
read: memory stays that of one report. Exit 0; 1 when a file could not be read (said on standard
error); 2 for usage, configuration or missing paths.
"""
from __future__ import annotations

import csv
import json
import os
import sys

from ..checks.engine import parse
from ..pipeline.figures import FIELDS, figures
from ..pipeline.report import Unreadable
from ..run.runner import override
from .argparsing import Parser
from .check import find_files, read_settings
from .errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError


def extract(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint extract", description="write every report's table cells as data (JSON or CSV)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--output", metavar="FILE", help="write here (atomically) instead of standard output")
    parser.add_argument("--template", choices=("2019", "2021"), help="force the template for every file")
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    args = parser.parse_args(argv)
    settings = read_settings(args)
    if settings is None:
        return EXIT_ERROR
    files, missing = find_files(args.paths, settings, False)
    if args.output and os.path.realpath(args.output) in {os.path.realpath(p) for p in files}:
        raise UsageError(f"--output {args.output} is one of the reports read")
    unreadable = 0
    target = args.output + ".tmp" if args.output else None
    out = open(target, "w", encoding="utf-8-sig" if args.format == "csv" else "utf-8", newline="") if target \
        else sys.stdout
    try:
        writer = _Csv(out) if args.format == "csv" else _Json(out)
        for path in files:
            template, year = override(settings, path)
            with open(path, "rb") as handle:
                report = parse(path, handle.read(), args.template or template, year)
            if isinstance(report, Unreadable):
                unreadable += 1
                print(f"xxgk-lint: {path}: {report.reason_zh}", file=sys.stderr)
                continue
            for record in figures(report):
                writer.write(record)
        writer.finish()
    except BaseException:
        if target:
            out.close()
            os.unlink(target)  # nothing half-written is left behind
        raise
    if target:
        out.close()
        os.replace(target, args.output)
    return EXIT_ERROR if missing else EXIT_FINDINGS if unreadable else EXIT_CLEAN


class _Json:
    """A JSON array written record by record."""

    def __init__(self, out) -> None:
        self.out, self.first = out, True
        out.write("[")

    def write(self, record: dict) -> None:
        self.out.write(("\n" if self.first else ",\n") + json.dumps(record, ensure_ascii=False))
        self.first = False

    def finish(self) -> None:
        self.out.write("]\n" if self.first else "\n]\n")


class _Csv:
    """CSV in long form, one header line (Excel and WPS read UTF-8 with the BOM the file starts with)."""

    def __init__(self, out) -> None:
        self.writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, record: dict) -> None:
        self.writer.writerow(record)

    def finish(self) -> None:
        pass
