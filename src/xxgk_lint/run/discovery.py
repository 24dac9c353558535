"""Which files to lint: folders recurse into report files; exclusions and .gitignore apply to what
is found in folders (and, with --force-exclude, to the paths named on the command line, as in ruff).

Exclusion patterns are globs as in ruff and .gitignore: one without a slash (`build`, `*.md`)
matches a file or folder name anywhere; one with a slash (`drafts/old`, `reports/2020/*`) matches
a path relative to the project root (the configuration file's folder), or at any depth when it
starts with `**/`; a trailing slash matches folders only, and a folder's whole content goes with it.
"""
from __future__ import annotations

import os
import stat
from fnmatch import fnmatchcase
from collections import namedtuple
from collections.abc import Iterator

from .paths import normal, parts as path_parts

SUFFIXES = {".txt", ".md", ".html", ".htm"}


# parts: the glob split at slashes; anchored: relative to the root (it says nothing about paths
# outside the root); folders_only: it ended with a slash. (`typing.NamedTuple` would import typing.)
_Pattern = namedtuple("_Pattern", "parts anchored folders_only")


def _compile(patterns: list[str]) -> list[_Pattern]:
    out = []
    for raw in patterns:
        text = raw.replace(os.sep, "/")
        body = text.strip("/")
        while body.startswith("./"):
            body = body[2:]
        parts = tuple(p for p in body.split("/") if p)
        if parts:  # a slash at the start or in the middle anchors it, as in .gitignore
            anchored = ("/" in body or text.startswith("/")) and parts[0] != "**"
            out.append(_Pattern(parts, anchored, text.endswith("/")))
    return out


def _glob(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Component-wise glob: `*` stays within a name, `**` spans any number of folders."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_glob(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatchcase(parts[0], pattern[0]) and _glob(pattern[1:], parts[1:])


def _matches(patterns: list[_Pattern], parts: tuple[str, ...], in_root: bool, is_dir: bool) -> bool:
    """Whether the entry at `parts` (relative to the root, or to the searched folder when that is
    outside the root: then anchored patterns do not apply) is excluded by itself."""
    for p in patterns:
        if not parts or (p.folders_only and not is_dir) or (p.anchored and not in_root):
            continue
        by_name = len(p.parts) == 1 and not p.anchored
        if fnmatchcase(parts[-1], p.parts[0]) if by_name else _glob(p.parts, parts):
            return True
    return False


def _relative(path: str, root: str) -> tuple[tuple[str, ...], bool]:
    """`path` as parts relative to the root, and True; or its name alone, and False, outside it."""
    absolute = os.path.abspath(path)  # abspath: `reports/..` is the folder above reports
    below = _below(absolute, os.path.abspath(root))
    if below is None:  # the same place through a symbolic link, e.g. /tmp and /private/tmp on macOS
        below = _below(os.path.realpath(path), os.path.realpath(root))
    return (below, True) if below is not None else ((os.path.basename(absolute),), False)


def _below(path: str, folder: str) -> tuple[str, ...] | None:
    """The names leading from `folder` to `path` (both absolute), or None if it is not below it."""
    inner, outer = path_parts(path), path_parts(folder)
    return inner[len(outer):] if inner[:len(outer)] == outer else None


def _named_excluded(path: str, patterns: list[_Pattern], root: str, is_dir: bool) -> bool:
    """--force-exclude: a named path is excluded if it or a folder above it (up to the root) is."""
    parts, in_root = _relative(path, root)
    return any(_matches(patterns, parts[:k], in_root, is_dir or k < len(parts)) for k in range(len(parts), 0, -1))


def _join(folder: str, name: str) -> str:
    """`folder/name` as pathlib writes it: `a.txt` in `.`, not `./a.txt`."""
    return name if folder == "." else os.path.join(folder, name)


def _walk(folder: str, patterns: list[_Pattern], parts: tuple[str, ...], in_root: bool) -> Iterator[str]:
    """Report files below `folder`, skipping excluded entries (and all below an excluded folder),
    folder links (as rglob does: no loops) and anything that is not a regular file: a FIFO or a
    link to a device would block or never end when read."""
    stack = [(folder, parts)]
    while stack:
        here, here_parts = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError:
            continue  # unreadable folder: nothing to lint in it
        for entry in entries:
            try:
                is_dir = entry.is_dir() and not entry.is_symlink()
                is_file = not is_dir and os.path.splitext(entry.name)[1].lower() in SUFFIXES and entry.is_file()
            except OSError:
                continue
            sub = (*here_parts, entry.name)
            if (is_dir or is_file) and not _matches(patterns, sub, in_root, is_dir):
                if is_dir:
                    stack.append((_join(here, entry.name), sub))
                else:
                    yield _join(here, entry.name)


def _gitignored(folder: str, names: list[str]) -> set[str]:
    """Which of these names (of files below `folder`, relative to it) git ignores: one git process,
    run in the folder so that its repository's .gitignore files apply wherever the linter was
    started; nothing if git is missing or the folder is not in a repository."""
    if not names:
        return set()
    import subprocess  # only when folders were searched

    try:
        result = subprocess.run(
            ["git", "-C", folder, "check-ignore", "--no-index", "-z", "--stdin"],
            input=b"\0".join(os.fsencode(n) for n in names), capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if result.returncode not in (0, 1):  # 128: not a git repository
        return set()
    return {os.fsdecode(p) for p in result.stdout.split(b"\0") if p}


def _kind(path: str) -> str | None:
    """"dir", "file" (a regular file, through links), "special" (device, FIFO, socket) or None."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # missing, a broken link, a link loop, a NUL in the name
        return None
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "special"


def describe_missing(raw: str) -> str:
    """Why a path `discover` returned as not lintable cannot be linted, for the error message."""
    return "not a regular file (a device, FIFO or socket)" if _kind(normal(raw)) == "special" \
        else "no such file or directory"


def discover(paths: list[str], exclude: list[str], respect_gitignore: bool = True,
             force_exclude: bool = False, *, root: str | os.PathLike | None = None) -> tuple[list[str], list[str]]:
    """Files to lint, sorted and unique, written as pathlib would (`a//b/./c.txt` is `a/b/c.txt`); and
    the given paths that are neither a folder nor a regular file (see describe_missing). `root` is
    where slashed patterns start (default: here)."""
    patterns, top = _compile(exclude), os.fspath(root) if root is not None else os.getcwd()
    found: list[str] = []
    missing: list[str] = []
    for raw in paths:
        path = normal(raw)  # `reports/` and `./reports` name one folder, and its files one way
        kind = _kind(path)
        if kind not in ("dir", "file"):
            missing.append(raw)  # never opened: a FIFO or /dev/zero would hang the run
        elif force_exclude and _named_excluded(path, patterns, top, kind == "dir"):
            continue
        elif kind == "file":
            found.append(path)  # named on the command line: linted even if git ignores it
        else:
            found += _search(path, patterns, top, respect_gitignore)
    unique = sorted(set(found), key=lambda p: p.replace(os.sep, "/"))  # as_posix of a normal path
    return unique, missing


def _search(folder: str, patterns: list[_Pattern], root: str, respect_gitignore: bool) -> list[str]:
    parts, in_root = _relative(folder, root)
    if not in_root:
        parts = ()  # outside the project: names below the searched folder only
    files = list(_walk(folder, patterns, parts, in_root))
    if respect_gitignore:
        start = len(_join(folder, ""))  # each file is _join(folder, its name below the folder)
        ignored = _gitignored(folder, [f[start:] for f in files])
        files = [f for f in files if f[start:] not in ignored]
    return files
