"""Which files to lint: folders recurse into report files; exclusions and .gitignore apply to what
is found in folders (and, with --force-exclude, to the paths named on the command line, as in ruff).

Exclusion patterns are globs as in ruff and .gitignore: one without a slash (`build`, `*.md`)
matches a file or folder name anywhere; one with a slash (`drafts/old`, `reports/2020/*`) matches
a path relative to the project root (the configuration file's folder), or at any depth when it
starts with `**/`; a trailing slash matches folders only, and a folder's whole content goes with it.
A folder named on the command line is searched even if excluded (unless --force-exclude); below it,
the patterns that exclude it (or a folder above it) do not apply; below a folder outside the project
root, only the patterns without a slash apply.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator

from ..speed import pure_path

SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
CONVERTIBLE = {".doc", ".wps", ".odt"}  # read through LibreOffice: found in folders only where it is installed
_soffice: list[bool] = []  # whether LibreOffice is installed, looked up once per run


def report_suffix(name: str) -> bool:
    """A report file's name: text, HTML, .docx, .pdf (and .doc, .wps, .odt when LibreOffice can
    convert them); never Word's lock file `~$report.docx`."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in SUFFIXES:
        return not name.startswith("~$")
    if suffix not in CONVERTIBLE or name.startswith("~$"):
        return False
    if not _soffice:
        import shutil  # only for a folder holding old word-processor files
        _soffice.append(bool(shutil.which("soffice") or shutil.which("libreoffice")))
    return _soffice[0]


class Exclusions:
    """The exclusion patterns, matched as .gitignore matches them (pathspec's GitIgnoreSpec) against
    paths relative to the project root. Below a searched folder outside the root, a path is relative
    to that folder and only the patterns without a slash (which match a name anywhere) apply; below
    a folder named on the command line that is itself excluded (or sits in an excluded folder), the
    patterns that exclude it or a folder above it do not apply.

    Plain names (`.git`, `build/`: the default exclusions) are matched by name without pathspec,
    whose import takes twice Python's start-up (a run on a folder, `bench/startup.py --folder`)."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [_clean(p) for p in patterns]
        self.names = _plain_names(self.patterns)
        if self.names is None:
            self.in_root = _spec(self.patterns)
            self.anywhere = _spec([p for p in self.patterns if not _anchored(p)])

    def below(self, relative: str, in_root: bool) -> Callable[[str, bool], bool]:
        """`excluded(path, is_dir)` for the entries below the searched folder at `relative` (to the
        root, or `""`); `path` is relative to the root when `in_root`, else to the searched folder."""
        if self.names is not None:
            return lambda path, is_dir: _named(self.names, path[len(relative):].lstrip("/") if in_root else path,
                                               is_dir)
        if not in_root:
            return lambda path, is_dir: self.anywhere.match_file(path + "/" if is_dir else path)
        if not relative or not self.excludes(relative, True, True):
            return lambda path, is_dir: self.in_root.match_file(path + "/" if is_dir else path)
        above = [relative[:i] for i, ch in enumerate(relative) if ch == "/"] + [relative]
        kept = _spec([p for p in self.patterns if not any(_spec([p.rstrip("/")]).match_file(f) for f in above)])
        return lambda path, is_dir: kept.match_file(path + "/" if is_dir else path)

    def excludes(self, relative: str, is_dir: bool, in_root: bool) -> bool:
        """Whether the entry at `relative` (slashes, no leading `./`) is excluded, by itself or by a
        folder above it."""
        if not relative:  # the root (or searched folder) itself
            return False
        if self.names is not None:
            return _named(self.names, relative, is_dir)
        spec = self.in_root if in_root else self.anywhere
        return spec.match_file(relative + "/" if is_dir else relative)


def _spec(patterns: list[str]):
    import pathspec  # see Exclusions: only for patterns that are more than names

    return pathspec.GitIgnoreSpec.from_lines(patterns)


_GLOB = frozenset("*?[]!#\\ ")


def _plain_names(patterns: list[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """(names, folder names) when every pattern is a plain name (`build`, `build/`), else None."""
    names, folders = set(), set()
    for pattern in patterns:
        body = pattern[:-1] if pattern.endswith("/") else pattern
        if not body or "/" in body or _GLOB.intersection(body):
            return None
        (folders if pattern.endswith("/") else names).add(body)
    return frozenset(names), frozenset(folders)


def _named(names: tuple[frozenset[str], frozenset[str]], path: str, is_dir: bool) -> bool:
    """A plain name excludes the file or folder of that name anywhere, and all below a folder."""
    parts = path.split("/") if path else []
    anywhere, folders = names
    return any(part in anywhere or ((is_dir or i < len(parts) - 1) and part in folders)
               for i, part in enumerate(parts))


def _clean(pattern: str) -> str:
    """`./drafts/old` is `drafts/old`: a pattern is relative to the root whichever way it is written."""
    text = pattern.replace(os.sep, "/")
    while text.startswith("./"):
        text = text[2:]
    return text


def _anchored(pattern: str) -> bool:
    """A slash at the start or in the middle ties a pattern to the root, as in .gitignore."""
    body = pattern.strip("/")
    return ("/" in body or pattern.startswith("/")) and not body.startswith("**")


def _relative(path: str, root: str) -> tuple[str, bool]:
    """`path` relative to the root (`""` for the root itself) and True; or its name and False, outside
    it."""
    for inner, outer in ((os.path.abspath(path), os.path.abspath(root)),  # abspath: `reports/..` is above reports
                         (os.path.realpath(path), os.path.realpath(root))):  # /tmp and /private/tmp on macOS
        if inner == outer:
            return "", True
        prefix = outer.rstrip("/") + "/"
        if inner.startswith(prefix):
            return inner[len(prefix):], True
    return os.path.basename(os.path.abspath(path)), False


def _join(folder: str, name: str) -> str:
    """`folder/name` as pathlib writes it: `a.txt` in `.`, not `./a.txt`."""
    return name if folder == "." else os.path.join(folder, name)


def _walk(folder: str, excluded: Callable[[str, bool], bool], relative: str) -> Iterator[str]:
    """Report files below `folder`, skipping excluded entries (and all below an excluded folder),
    folder links (as rglob does: no loops) and anything that is not a regular file: a FIFO or a
    link to a device would block or never end when read."""
    stack = [(folder, relative)]
    while stack:
        here, here_relative = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError:
            continue  # unreadable folder: nothing to lint in it
        for entry in entries:
            try:
                is_dir = entry.is_dir() and not entry.is_symlink()
                is_file = not is_dir and report_suffix(entry.name) and entry.is_file()
            except OSError:
                continue
            sub = f"{here_relative}/{entry.name}" if here_relative else entry.name
            if (is_dir or is_file) and not excluded(sub, is_dir):
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
    import subprocess  # only when folders are searched: more than a lint (bench/startup.py)

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
    return "not a regular file (a device, FIFO or socket)" if _kind(pure_path(raw)) == "special" \
        else "no such file or directory"


def discover(paths: list[str], exclude: list[str], respect_gitignore: bool = True,
             force_exclude: bool = False, *, root: str | os.PathLike | None = None) -> tuple[list[str], list[str]]:
    """Files to lint, sorted and unique, written as pathlib would (`a//b/./c.txt` is `a/b/c.txt`); and
    the given paths that are neither a folder nor a regular file (see describe_missing). `root` is
    where slashed patterns start (default: here)."""
    top = os.fspath(root) if root is not None else os.getcwd()
    exclusions: list[Exclusions] = []  # made once, when first needed

    def excluding() -> Exclusions:
        if not exclusions:
            exclusions.append(Exclusions(exclude))
        return exclusions[0]

    found: list[str] = []
    missing: list[str] = []
    for raw in paths:
        path = pure_path(raw)  # `reports/` and `./reports` name one folder, and its files one way
        kind = _kind(path)
        if kind not in ("dir", "file"):
            missing.append(raw)  # never opened: a FIFO or /dev/zero would hang the run
        elif force_exclude and _named_excluded(path, excluding(), top, kind == "dir"):
            continue
        elif kind == "file":
            found.append(path)  # named on the command line: linted even if git ignores it
        else:
            found += _search(path, excluding(), top, respect_gitignore)
    unique = sorted(set(found), key=lambda p: p.replace(os.sep, "/"))  # as_posix of a normal path
    return unique, missing


def _named_excluded(path: str, exclusions: Exclusions, root: str, is_dir: bool) -> bool:
    """--force-exclude: whether a path named on the command line, or a folder above it, is excluded."""
    relative, in_root = _relative(path, root)
    return exclusions.excludes(relative, is_dir, in_root)


def _search(folder: str, exclusions: Exclusions, root: str, respect_gitignore: bool) -> list[str]:
    relative, in_root = _relative(folder, root)
    relative = relative if in_root else ""
    files = list(_walk(folder, exclusions.below(relative, in_root), relative))
    if respect_gitignore:
        start = len(_join(folder, ""))  # each file is _join(folder, its name below the folder)
        ignored = _gitignored(folder, [f[start:] for f in files])
        files = [f for f in files if f[start:] not in ignored]
    return files
