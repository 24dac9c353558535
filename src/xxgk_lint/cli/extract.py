"""`xxgk-lint extract PATH...`: every report's tables as data, one record per value cell (long form).

    xxgk-lint extract reports/ --format csv --output cells.csv    # for Excel / WPS (UTF-8 with BOM)
    xxgk-lint extract report.pdf                                  # JSON array on standard output

The same cells the checks read (the configuration's [[overrides]] of template and year apply, as in
`check`), with agency, year, template, table/row/column by template id and label, the value as
written and as a number, and where it stands (line and column in the text as read; page, paragraph
and the document's own table/row/column for .docx and .pdf). Reports are read in worker processes
for many files (--jobs, default all cores), and their records written in the order of the files as
each report comes back: memory stays that of a few reports, and the output is the same for any
--jobs. Exit 0; 1 when a file could not be read (said on standard error); 2 for usage,
configuration, missing paths, a file that cannot be opened or a bug while reading one (said on
standard error; the other files are still written).
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys

from ..checks.engine import parse
from ..pipeline.figures import FIELDS, figures
from ..pipeline.report import Unreadable
from ..run.corpus import agency_of
from ..run.runner import in_order, override
from ..speed import pure_path
from .argparsing import Parser
from .check import find_files, read_settings
from .errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from .sinks import Progress, guard_target


def extract(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint extract", description="write every report's table cells as data (JSON or CSV)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--output", metavar="FILE", help="write here (atomically) instead of standard output")
    parser.add_argument("--template", choices=("2019", "2021"), help="force the template for every file")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)")
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    settings = read_settings(args)
    if settings is None:
        return EXIT_ERROR
    files, missing = find_files(args.paths, settings, False)
    if args.output:  # never a report read, a folder, or a folder that is not there
        guard_target("--output", pure_path(args.output), {os.path.realpath(p) for p in files})
    worst = EXIT_ERROR if missing else EXIT_CLEAN
    target = args.output + ".tmp" if args.output else None
    if target:
        try:
            out = open(target, "wb")
        except OSError as exc:
            raise UsageError(f"--output {args.output}: cannot write there ({exc.strerror})") from None
    else:
        sys.stdout.flush()
        out = sys.stdout.buffer
    try:
        writer = _Csv(out, bom=bool(target)) if args.format == "csv" else _Json(out)
        out.flush()  # the workers are forked from here: they must hold no unwritten output
        progress = Progress(len(files))
        job = (settings, args.template, args.format)
        results = in_order(_extract_one, files, job, args.jobs or os.cpu_count() or 1)
        for (text, status, why), path in zip(results, files):  # results first: the workers end with them
            progress.step(path)
            if status != EXIT_CLEAN:
                print(f"xxgk-lint: {'error: ' if status == EXIT_ERROR else ''}{path}: {why}", file=sys.stderr)
                worst = max(worst, status)
            writer.write(text)
        progress.done()
        writer.finish()
    except BaseException:
        if target:
            out.close()
            os.unlink(target)  # nothing half-written is left behind
        raise
    if target:
        out.close()
        try:
            os.replace(target, args.output)
        except OSError as exc:
            os.unlink(target)
            raise UsageError(f"--output {args.output}: cannot write there ({exc.strerror})") from None
    else:
        out.flush()
    return worst


def _extract_one(path: str, job: tuple) -> tuple[bytes, int, str]:
    """One report's records as the UTF-8 text they are written as, and what the exit code and
    standard error say of it: (text, EXIT_CLEAN, ""), (b"", EXIT_FINDINGS, why it cannot be read)
    or (b"", EXIT_ERROR, the error). In a worker process for many files: nothing of a report but
    its text comes back."""
    settings, forced, fmt = job
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return b"", EXIT_ERROR, exc.strerror or str(exc)
    try:
        template, year = override(settings, path)
        report = parse(path, data, forced or template, year)
        if isinstance(report, Unreadable):
            return b"", EXIT_FINDINGS, report.reason_zh
        records = figures(report)
        if records and (settings.overrides or settings.aliases):  # the agency as the checks across reports see it
            agency = agency_of(settings, path, records[0]["agency"])
            for record in records:
                record["agency"] = agency
        return (_csv_rows(records) if fmt == "csv" else _json_lines(records)).encode("utf-8"), EXIT_CLEAN, ""
    except (RecursionError, MemoryError, Exception) as exc:  # noqa: B014 - any bug, per file
        return b"", EXIT_ERROR, f"internal error: {exc.__class__.__name__}: {exc}"[:300]


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _json_lines(records: list[dict]) -> str:
    """The records, one JSON object a line, joined by ",\n" (no brackets): one call of the encoder
    for the list, its items' separators then made line breaks. `}, {"path": ` can stand only between
    two records: in a string every `"` is escaped, and `path` is every record's first key."""
    return _ENCODE(records)[1:-1].replace('}, {"path": ', '},\n{"path": ')


def _csv_rows(records: list[dict]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([_cell(record[name]) for name in FIELDS] for record in records)
    return buffer.getvalue()


def _cell(value):
    """A text a spreadsheet would run as a formula (=, +, -, @ first; reports are untrusted) is written
    after an apostrophe, as OWASP advises; numbers, and a value that is a number (-3), stay as they are."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value.replace(",", ""))
        except ValueError:
            return "'" + value
    return value


class _Json:
    """A JSON array written report by report (each report's records one a line)."""

    def __init__(self, out) -> None:
        self.out, self.first = out, True
        out.write(b"[")

    def write(self, text: bytes) -> None:
        if text:
            self.out.write(b"\n" if self.first else b",\n")
            self.out.write(text)
            self.first = False

    def finish(self) -> None:
        self.out.write(b"]\n" if self.first else b"\n]\n")


class _Csv:
    """CSV in long form, one header line (Excel and WPS read UTF-8 with the BOM a file starts with)."""

    def __init__(self, out, bom: bool) -> None:
        self.out = out
        out.write(("\ufeff" if bom else "").encode("utf-8") + (",".join(FIELDS) + "\n").encode("utf-8"))

    def write(self, text: bytes) -> None:
        self.out.write(text)

    def finish(self) -> None:
        pass
