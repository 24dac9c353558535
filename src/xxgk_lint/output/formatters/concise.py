"""`path:line:col: CODE message`, one finding per line (already sorted by the engine)."""
from __future__ import annotations


def render(diagnostics, context) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in diagnostics)
