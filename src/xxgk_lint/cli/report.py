"""How findings reach the output: counted, then streamed file by file or collected into one document."""
from __future__ import annotations

from collections import Counter

from ..output.formatters import Notification, RunContext, get
from ..speed import Record
from .sink import Sink

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
STREAMING_FORMATS = ("concise", "text", "json-lines", "github")


class Tally(Record):
    """Findings per severity and files linted: what the exit code and the summary line say."""

    __slots__ = ("counts", "linted")

    def __init__(self) -> None:
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.linted = 0

    def add(self, diagnostics: list) -> None:
        for d in diagnostics:
            self.counts[d.severity] = self.counts.get(d.severity, 0) + 1

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
