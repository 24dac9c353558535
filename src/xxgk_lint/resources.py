"""Where bundled data lives: inside the installed package, or at the top of a source checkout.

Paths here are `str`: this runs on every lint, and `import pathlib` alone costs 6 ms."""
from __future__ import annotations

import os

try:  # CPython's own BLAKE2: hashing without loading OpenSSL (3 ms on every run)
    from _blake2 import blake2b  # noqa: F401 - re-exported for cache and rulepack
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b  # noqa: F401 - re-exported for cache and rulepack

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_CHECKOUT = os.path.dirname(os.path.dirname(_PACKAGE))


_STAMP: list[bytes] = []


def code_stamp() -> bytes:
    """The package's own files (path, size and mtime): a cache written by other code is not read.
    Once per process; os.scandir, not Path.rglob: this runs on every commit."""
    if not _STAMP:
        stamps = []
        folders = [_PACKAGE]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir() and entry.name != "__pycache__":
                        folders.append(entry.path)
                    elif entry.name.endswith(".py"):
                        info = entry.stat()
                        stamps.append((entry.path, info.st_size, info.st_mtime_ns))
        _STAMP.append(repr(sorted(stamps)).encode())
    return _STAMP[0]


def seal(payload: bytes) -> bytes:
    """A cache file's bytes: the payload's BLAKE2 digest, then the payload. marshal reserves room
    for whatever size damaged data declares (gigabytes), so nothing is loaded that does not check."""
    return blake2b(payload, digest_size=16).digest() + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of `seal`, or None when the file is damaged, cut short or foreign."""
    payload = blob[16:]
    return payload if len(blob) >= 16 and blake2b(payload, digest_size=16).digest() == blob[:16] else None


def data_path(name: str) -> str:
    """`rules` or `schemas`: copied into the package on install, top-level in a checkout."""
    for base in (_PACKAGE, _CHECKOUT):
        candidate = os.path.join(base, name)
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"bundled {name}/ not found next to {_PACKAGE}")


def data_dir(name: str):
    """`data_path` as a `pathlib.Path`, for the modules off the hot path (validation, examples)."""
    from pathlib import Path

    return Path(data_path(name))


def data_files(folder: str, suffixes: tuple[str, ...], recursive: bool = False) -> list[str]:
    """The files in `folder` (and below it if `recursive`) whose names end in one of `suffixes`,
    sorted; folder links are not followed. (Suffixes, not glob patterns: fnmatch compiles a regex
    for each pattern, on every run.)"""
    found, folders = [], [folder]
    while folders:
        try:
            with os.scandir(folders.pop()) as it:
                entries = list(it)
        except OSError:
            continue  # as glob: a missing or unreadable folder holds nothing
        for entry in entries:
            if entry.name.endswith(suffixes):
                found.append(entry.path)
            if recursive and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    return sorted(found)


def load_yaml(path: str | os.PathLike):
    """Bundled (trusted) YAML; imported lazily: the hot path reads the compiled rule pack instead."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # both are safe; the C one is faster
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)
