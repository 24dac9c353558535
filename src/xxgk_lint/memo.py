"""Process-wide memos of work per distinct text (labels, headings, lines, cell pieces).

Texts repeat within a report and from report to report, so each is worked out once; an audit sees
new texts without end, so a memo is emptied when full, and callers keep only short texts: a memo
must never hold a report's whole text or a paragraph. Short texts seen once (a line of numbers, a
wrapped line of prose) do get in: telling them from labels costs more than the memo refilling after
it is emptied (a few hundred labels, once per hundred reports or so).
"""
from __future__ import annotations

LIMIT = 16384
MAX_LABEL = 200  # a label, not a page: longer texts (whole texts, prose) are seen once


def remember(memo: dict, key, value, limit: int = LIMIT):
    """Store `value` under `key`, first emptying the memo if it is full; returns `value`."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
