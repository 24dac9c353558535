"""The speed tricks, in one place: each stands in for something clearer that `bench/startup.py` or
`bench/throughput.py` measured as too slow (ARCHITECTURE.md gives the budget and the figures).

- `Record`: plain data classes without `dataclasses` (see its docstring).
- `remember`: bounded process-wide memos of work per distinct text.
- `blake2b`: hashing without `hashlib` (which loads OpenSSL).
- `pure_path`: `str(PurePath(path))` without `pathlib`.
- `parse_plain`: the check command's usual command lines read without `argparse`.
- `batch_gc`: fewer cyclic collections while linting many files (bench/throughput.py).
"""
from __future__ import annotations

import gc
import os
from types import SimpleNamespace

try:  # CPython's own BLAKE2, without `hashlib` loading OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

if os.name == "nt":  # pragma: no cover - Windows: drives, UNC shares, both slashes
    from pathlib import PurePath
else:
    PurePath = None

__all__ = ["FrozenRecord", "Record", "batch_gc", "blake2b", "parse_plain", "pure_path", "remember"]

# ---- Record: a base for plain data classes, without `dataclasses`.
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


# ---- memos: process-wide memos of work per distinct text (labels, headings, lines, cell pieces).
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


# ---- paths: pathlib's spelling of a path, as a `str`, without importing pathlib.
#
# The paths users see keep pathlib's form (`examples/x.txt`, never `./examples/x.txt`); the lint path
# keeps them as `str`. POSIX rules here; on Windows pathlib's own.

def pure_path(path: str) -> str:
    """`str(PurePath(path))`: `./a//b/` is `a/b`, `..` is kept, an empty path is `.`; a leading `//`
    (exactly two slashes) stays a root of its own, as POSIX has it."""
    if PurePath is not None:  # pragma: no cover - Windows
        return str(PurePath(path))
    root = "//" if path[:2] == "//" and path[2:3] != "/" else "/" if path[:1] == "/" else ""
    names = [name for name in path.split("/") if name and name != "."]
    return root + "/".join(names) if root else "/".join(names) or "."


# ---- plain command lines: the check command's usual arguments read without argparse.
#
# Importing argparse and building the check command's parser takes more than the margin the
# start-up budget leaves. This reads the plain command lines a hook or an editor writes (exact
# option names, valid values, paths) and gives up on anything else (--help, an abbreviation, `--`,
# a mistake), which argparse then reads. tests/cli/test_options.py holds the two to the same result.

def parse_plain(argv: list[str], options) -> SimpleNamespace | None:
    """`argv` read as argparse's `parse_intermixed_args` reads it, or None. `options`: objects with
    `flags`, `dest`, `kind` (flag | value | int | append), `choices` (or None) and `default`; the
    positional arguments go to `paths`."""
    by_flag = {flag: option for option in options for flag in option.flags}
    values = {o.dest: list(o.default) if o.kind == "append" else o.default for o in options}
    paths: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        flag, eq, value = token.partition("=")
        option = by_flag.get(flag)
        if option is None or (option.kind == "flag" and eq):
            return None
        if option.kind == "flag":
            values[option.dest] = True
            continue
        if not eq:
            value = next(tokens, None)
            if value is None or (value.startswith("-") and value != "-"):
                return None
        if option.choices is not None and value not in option.choices:
            return None
        if option.kind == "int":
            if not (value.isascii() and value.isdigit()):
                return None
            value = int(value)
        if option.kind == "append":
            values[option.dest].append(value)
        else:
            values[option.dest] = value
    return SimpleNamespace(paths=paths, **values)


# ---- batch_gc: a report makes thousands of short-lived objects (cells, rows, spans) that
# reference counting frees; CPython's first-generation threshold (700 allocations) ran a cyclic
# collection, for nothing, several times per report (bench/throughput.py).

def batch_gc() -> None:
    gc.set_threshold(20_000, 10, 10)
