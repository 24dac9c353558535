"""Paths as plain strings, written the way pathlib writes them.

`import pathlib` pulls in urllib.parse, ipaddress, fnmatch and ntpath: 6 ms on every run, in a
pre-commit budget of a few times Python's own start-up. So the hot path keeps paths as `str`, and
these helpers give them pathlib's form: the paths users see do not change (`examples/x.txt`, never
`./examples/x.txt`). These are the POSIX rules; on Windows (drives, UNC shares, both slashes, names
equal in any case) pathlib's own are used.
"""
from __future__ import annotations

import os
from fnmatch import fnmatchcase

if os.name == "nt":  # pragma: no cover - Windows
    from pathlib import PurePath as _PurePath
else:
    _PurePath = None

_ROOTS = ("/", "//")  # POSIX keeps a leading `//` (and only exactly two slashes) as a root of its own


def parts(path: str) -> tuple[str, ...]:
    """`PurePath(path).parts`: the root first, then the names; `.` and empty names dropped, `..` kept."""
    if _PurePath is not None:  # pragma: no cover - Windows
        return _PurePath(path).parts
    root = "//" if path[:2] == "//" and path[2:3] != "/" else "/" if path[:1] == "/" else ""
    names = tuple(name for name in path.split("/") if name and name != ".")
    return (root, *names) if root else names


def normal(path: str) -> str:
    """`str(PurePath(path))`: `./a//b/` is `a/b`, and an empty path is `.`."""
    if _PurePath is not None:  # pragma: no cover - Windows
        return str(_PurePath(path))
    found = parts(path)
    if found and found[0] in _ROOTS:
        return found[0] + "/".join(found[1:])
    return "/".join(found) or "."


def parent(path: str) -> str:
    """`PurePath(path).parent` of a normal path: `.` for a bare name."""
    return os.path.dirname(path) or "."


def posix(path: str) -> str:
    """`PurePath(path).as_posix()`."""
    return normal(path).replace(os.sep, "/")


def match(path: str, pattern: str) -> bool:
    """`PurePath(path).match(pattern)`: name by name from the right for a relative pattern; an
    absolute one must match the whole path."""
    if _PurePath is not None:  # pragma: no cover - Windows
        return _PurePath(path).match(pattern)
    names, globs = parts(path), parts(pattern)
    if not globs:
        raise ValueError("empty pattern")
    if globs[0] in _ROOTS:
        if names[:1] != globs[:1] or len(names) != len(globs):
            return False
        globs = globs[1:]
    elif len(globs) > len(names):
        return False
    return all(fnmatchcase(name, glob) for name, glob in zip(reversed(names), reversed(globs)))
