"""One compact JSON object per line (`Diagnostic.as_dict`), for large corpora: stream, grep, `jq -c`."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from . import RunContext

# Raw in JSON strings, but line breaks to str.splitlines() and some editors: escape them so that
# "one object per line" holds whichever way a reader splits lines.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def line(diagnostic: Diagnostic) -> str:
    text = json.dumps(diagnostic.as_dict(), ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text + "\n"


def render(diagnostics: list[Diagnostic], context: RunContext) -> str:
    return "".join(line(d) for d in diagnostics)
