"""P001: the file could not be read as text. The engine calls this kind for unreadable input only."""
from __future__ import annotations

from ...model import Finding, Span


def check_unreadable(rule, reason: str, reason_zh: str) -> list[Finding]:
    return [Finding(Span.at(1, 1), {"reason": (reason_zh, reason)}, logical="file")]


def check(rule, report):  # a readable report has nothing for this kind
    return []
