"""The speed tricks, in one place: each stands in for something clearer that `bench/startup.py` or
`bench/throughput.py` measured as too slow (ARCHITECTURE.md gives the budget and the figures).

- `Record`: plain data classes without `dataclasses` (see its docstring).
- `remember`: bounded process-wide memos of work per distinct text.
"""
from __future__ import annotations

# ---- Record: A base for plain data classes, without `dataclasses`.
# 
# `import dataclasses` pulls in `inspect` (and with it ast, dis, tokenize) and runs `exec` for every
# class: together more than the whole lint of a report on the pre-commit path. Our classes write
# their `__init__` by hand and get comparison and a readable repr from their `__slots__` here.

class Record:  # fields are the most derived class's __slots__: do not subclass a Record that has fields
    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass without frozen=True

    def replace(self, **changes):
        """A copy with some fields changed, like `dataclasses.replace` (for classes whose `__init__`
        takes every slot by name)."""
        return type(self)(**{**{name: getattr(self, name) for name in self.__slots__}, **changes})

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class FrozenRecord(Record):
    """Compared and hashed by value; never assigned to after `__init__` (by convention)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())


# ---- memos: Process-wide memos of work per distinct text (labels, headings, lines, cell pieces).
# 
# Texts repeat within a report and from report to report, so each is worked out once; an audit sees
# new texts without end, so a memo is emptied when full, and callers keep only short texts: a memo
# must never hold a report's whole text or a paragraph. Short texts seen once (a line of numbers, a
# wrapped line of prose) do get in: telling them from labels costs more than the memo refilling after
# it is emptied (a few hundred labels, once per hundred reports or so).

LIMIT = 16384
MAX_LABEL = 200  # a label, not a page: longer texts (whole texts, prose) are seen once


def remember(memo: dict, key, value, limit: int = LIMIT):
    """Store `value` under `key`, first emptying the memo if it is full; returns `value`."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
