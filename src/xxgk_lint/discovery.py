"""Which files to lint: folders recurse into report files; exclusions and .gitignore apply to what
is found in folders (and, with --force-exclude, to files named on the command line, as in ruff)."""
from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path, PurePath

SUFFIXES = {".txt", ".md", ".html", ".htm"}


def _excluded(path: Path, patterns: list[str]) -> bool:
    parts = PurePath(path).parts
    posix = PurePath(path).as_posix()
    return any(fnmatchcase(part, p) for p in patterns for part in parts) or \
        any(fnmatchcase(posix, p) or fnmatchcase(posix, f"*/{p}") for p in patterns)


def _gitignored(paths: list[Path]) -> set[Path]:
    """Ask git (one process) which of these paths are ignored; nothing if git is not there."""
    if not paths:
        return set()
    import subprocess  # only when folders were searched

    try:
        result = subprocess.run(
            ["git", "check-ignore", "--no-index", "-z", "--stdin"], input="\0".join(map(str, paths)).encode(),
            capture_output=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if result.returncode not in (0, 1):  # 128: not a git repository
        return set()
    return {Path(p) for p in result.stdout.decode("utf-8", "replace").split("\0") if p}


def discover(paths: list[str], exclude: list[str], respect_gitignore: bool = True,
             force_exclude: bool = False) -> tuple[list[Path], list[str]]:
    """Files to lint, sorted and unique; and the given paths that do not exist."""
    found: list[Path] = []
    explicit: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                      and not _excluded(p.relative_to(path), exclude)]
        elif path.is_file():
            (found if force_exclude else explicit).append(path)
        else:
            missing.append(raw)
    if force_exclude:
        found = [p for p in found if not _excluded(p, exclude)]
    if respect_gitignore:
        ignored = _gitignored(found)
        found = [p for p in found if p not in ignored]
    unique = sorted(set(found + explicit), key=lambda p: PurePath(p).as_posix())
    return unique, missing
