"""Baselines: record today's findings by logical fingerprint, then show only new ones.

A fingerprint is the code, the file and the logical location (table/row/column or part), so it
survives lines moving; findings without a logical location fall back to their message.

Only runs with --baseline or --write-baseline import this module: it is off the lint path.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..output.diagnostic import Diagnostic

VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint(d: Diagnostic) -> str:
    key = "\x1f".join((d.code, PurePath(d.path).as_posix(), d.logical or d.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def write(path: str | os.PathLike, diagnostics: list[Diagnostic]) -> None:
    path = Path(path)
    counts = Counter(fingerprint(d) for d in diagnostics)
    findings = sorted({fingerprint(d): {"code": d.code, "path": PurePath(d.path).as_posix(),
                                        "location": d.logical, "count": counts[fingerprint(d)]}
                       for d in diagnostics}.items())
    data = {"version": VERSION, "tool": "xxgk-lint", "findings": dict(findings)}
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a baseline
    except OSError:
        tmp.unlink(missing_ok=True)  # no stray temp file beside the user's files
        raise


@dataclass(slots=True)
class Baseline:
    """The findings a baseline file records, consumed as they occur again: what is left was fixed."""

    path: str
    remaining: Counter

    @classmethod
    def read(cls, path: str) -> Baseline:
        return cls(path, load(path))

    def new(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The findings this baseline does not record (each record hides one occurrence)."""
        return [d for d in diagnostics if not self._consume(fingerprint(d))]

    def _consume(self, fp: str) -> bool:
        if self.remaining[fp] > 0:
            self.remaining[fp] -= 1
            return True
        return False

    def fixed(self) -> list[str]:
        """The fingerprints of the recorded findings that did not occur, one per occurrence."""
        return [fp for fp, n in self.remaining.items() for _ in range(n)]

    def describe(self, fingerprints: list[str]) -> list[str]:
        return describe(self.path, fingerprints)


def load(path: str | os.PathLike) -> Counter:
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
        return Counter({fp: int(item.get("count", 1)) for fp, item in data["findings"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: not a readable xxgk-lint baseline ({exc.__class__.__name__})") from None


def describe(path: str | os.PathLike, fingerprints: list[str]) -> list[str]:
    """`code path location` of recorded findings, for saying which ones were fixed."""
    path = Path(path)
    try:
        recorded = json.loads(path.read_text("utf-8"))["findings"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    out = []
    for fp in fingerprints:
        item = recorded.get(fp, {})
        out.append(f"{item.get('code', '?')} {item.get('path', '?')} {item.get('location', '')}".rstrip())
    return out
