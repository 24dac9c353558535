"""One JSON array; each item as `Diagnostic.as_dict` (the documented public contract)."""
from __future__ import annotations

import json


def render(diagnostics, context) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
