"""Real report texts to edit in tests: the clean bundled examples, and an edit that fails loudly when
the text it expects is not there exactly once (a fixture changed under the test)."""
from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "rules" / "examples"


def example(year: str = "2021") -> str:
    """The clean bundled report in the `year` format (rules/examples/<year>.md)."""
    return (EXAMPLES / f"{year}.md").read_text("utf-8")


def edit(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence of `old`, failing loudly if the fixture text changed."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)
