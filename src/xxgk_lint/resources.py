"""Where bundled data lives (inside the installed package, or at the top of a source checkout), and
the cache folders of this user where derived data is kept between runs.

Paths here are `str`: this runs on every lint (see `speed.pure_path`)."""
from __future__ import annotations

import os

from .speed import blake2b

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_CHECKOUT = os.path.dirname(os.path.dirname(_PACKAGE))


def seal(payload: bytes) -> bytes:
    """A cache file's bytes: the payload's BLAKE2 digest, then the payload. marshal reserves room
    for whatever size damaged data declares (gigabytes), so nothing is loaded that does not check."""
    return blake2b(payload, digest_size=16).digest() + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of `seal`, or None when the file is damaged, cut short or foreign."""
    payload = blob[16:]
    return payload if len(blob) >= 16 and blake2b(payload, digest_size=16).digest() == blob[:16] else None


CACHE_ENTRIES = ("rulepack-", "toml-")  # the names of what is kept there


def cache_dirs() -> list[str]:
    """Where the rule pack and parsed configurations may live: XXGK_LINT_CACHE_DIR, else the user
    cache, then the temp folder (a CI user without a writable home must not pay for validation on
    every run)."""
    override = os.environ.get("XXGK_LINT_CACHE_DIR")
    if override:
        return [override]
    user = _user_cache()
    out = [os.path.join(user, "xxgk-lint")] if user else []
    uid = os.getuid() if hasattr(os, "getuid") else 0
    out.append(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"xxgk-lint-{uid}"))
    return out


def _user_cache() -> str | None:
    """XDG_CACHE_HOME, else ~/.cache; None without a home folder (then `~` stays as it is)."""
    if os.environ.get("XDG_CACHE_HOME"):
        return os.environ["XDG_CACHE_HOME"]
    home = os.path.expanduser("~")
    return None if home.startswith("~") else os.path.join(home, ".cache")


def _ours(folder: str) -> bool:
    """A cache folder is read only if it is this user's and no one else can write to it: the temp
    folder is shared, and a file planted there must not stand in for the rules or a configuration
    (a seal proves a file whole, not who wrote it)."""
    if not hasattr(os, "getuid"):  # Windows: per-user folders
        return True
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _close(folder: str) -> bool:
    """Make a cache folder of this user's that others can write to (an earlier version made it under
    a umask of 002) this user's alone, its entries deleted first: they may not be this user's. Only
    the folders named here, never one the user named (XXGK_LINT_CACHE_DIR may be shared on purpose),
    and only the cache's own files."""
    if folder == os.environ.get("XXGK_LINT_CACHE_DIR") or os.stat(folder).st_uid != os.getuid():
        return False
    os.chmod(folder, 0o700)  # first: nothing new gets in while it is emptied
    for entry in os.scandir(folder):
        if entry.name.startswith(CACHE_ENTRIES) and entry.is_file(follow_symlinks=False):
            os.remove(entry.path)
    return True


def read_cache(name: str) -> bytes | None:
    """The payload of the sealed file `name` in the first cache folder that holds it whole."""
    for folder in cache_dirs():
        if not _ours(folder):
            continue
        try:
            with open(os.path.join(folder, name), "rb") as handle:
                payload = unseal(handle.read())
        except OSError:
            continue  # missing or unreadable: the next folder
        if payload is not None:
            return payload
    return None


def write_cache(name: str, payload: bytes) -> None:
    """Seal `payload` into the file `name` of the first cache folder that takes it, atomically
    (parallel runs write the same entries)."""
    for folder in cache_dirs():
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if not _ours(folder) and not _close(folder):
                continue
            tmp = os.path.join(folder, f"{name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                handle.write(seal(payload))
            os.replace(tmp, os.path.join(folder, name))
            return
        except OSError:
            continue  # not writable: the next folder, or work it out again next time


def data_path(name: str) -> str:
    """`rules` or `schemas`: copied into the package on install, top-level in a checkout."""
    for base in (_PACKAGE, _CHECKOUT):
        candidate = os.path.join(base, name)
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"bundled {name}/ not found next to {_PACKAGE}")


def data_dir(name: str):
    """`data_path` as a `pathlib.Path`, for the modules off the lint path (validation, examples)."""
    from pathlib import Path  # not on the lint path (bench/startup.py)

    return Path(data_path(name))


def data_files(folder: str, suffixes: tuple[str, ...], recursive: bool = False) -> list[str]:
    """The files in `folder` (and below it if `recursive`) whose names end in one of `suffixes`,
    sorted; folder links are not followed."""
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
