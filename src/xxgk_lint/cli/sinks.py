"""Where findings go: counted (the exit code, the summary line), streamed file by file or collected
into one document, and written to standard output or to --output FILE atomically."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter

from ..output.formatters import Notification, RunContext, get
from ..speed import Record, pure_path
from .errors import UsageError

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
STREAMING_FORMATS = ("concise", "text", "json-lines", "github")


class Tally(Record):
    """Findings per severity and files linted: what the exit code and the summary line say."""

    __slots__ = ("counts", "linted", "fixable")

    def __init__(self) -> None:
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.linted = 0
        self.fixable = {"safe": 0, "unsafe": 0}  # findings reported with a fix, by applicability

    def add(self, diagnostics: list) -> None:
        for d in diagnostics:
            self.counts[d.severity] = self.counts.get(d.severity, 0) + 1
            if d.fix and d.suppression is None:  # (--include-suppressed shows them; --fix never fixes them)
                self.fixable[d.fix["applicability"]] += 1

    def fails(self, fail_on: str) -> bool:
        """Whether a finding at or above the severity `fail_on` was counted."""
        return any(SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on] for severity, n in self.counts.items() if n)


class Streaming:
    """Each file's findings written as they come; nothing is kept per file, so memory does not follow
    the number of files. Notifications that belong to no file (a missing path) go out at the end."""

    def __init__(self, fmt: str, sink: Sink, context: RunContext) -> None:
        self.formatter, self.sink, self.context = get(fmt), sink, context
        self.notifications: list[Notification] = []  # only those not written yet

    def notify(self, notes: list[Notification]) -> None:
        self.notifications += notes

    def file(self, path: str, diagnostics: list, notes: list[Notification]) -> None:
        self.sink.write(self.formatter.render(diagnostics, self._context(notes)))

    def finish(self, tail: list) -> None:
        self.sink.write(self.formatter.render(tail, self._context(self.notifications)))
        self.sink.close()

    def _context(self, notes: list[Notification]) -> RunContext:
        return self.context.replace(notifications=notes)


class Collecting:
    """Every file's findings kept, for formats that are one document (JSON, SARIF, JUnit, full),
    for --statistics and for --write-baseline."""

    def __init__(self, fmt: str, sink: Sink | None, context: RunContext) -> None:
        self.fmt, self.sink, self.context = fmt, sink, context
        self.notifications: list[Notification] = []
        self.files: list[str] = []
        self.diagnostics: list = []

    def notify(self, notes: list[Notification]) -> None:
        self.notifications += notes

    def file(self, path: str, diagnostics: list, notes: list[Notification]) -> None:
        self.files.append(path)
        self.diagnostics += diagnostics
        self.notifications += notes

    def finish(self, tail: list) -> None:
        found = self.diagnostics + tail
        if self.context.statistics:
            self.sink.write(statistics(found, self.context.lang))
        else:
            context = self.context.replace(files=self.files, notifications=self.notifications)
            self.sink.write(get(self.fmt).render(found, context))
        self.sink.close()


def statistics(diagnostics: list, lang: str) -> str:
    """Counts per code, in code order (like ruff --statistics)."""
    counts = Counter((d.code, d.name, d.severity) for d in diagnostics)
    lines = [f"{n:>6}  {code}  [{sev}] {name}" for (code, name, sev), n in sorted(counts.items())]
    total = "共 {} 条".format(len(diagnostics)) if lang == "zh" else f"{len(diagnostics)} in total"
    return "\n".join(lines + [total]) + "\n"


# --- where the text goes ---------------------------------------------------------------------------

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


# --- the terminal ---------------------------------------------------------------------------------

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
