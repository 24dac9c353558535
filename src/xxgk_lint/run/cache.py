"""A result cache like ruff's: a file whose bytes, path, rules, settings and tool version are
unchanged is not linted again. One file per entry, written atomically, so parallel runs (and
parallel workers) can share the folder safely. Entries are `marshal` data, like the rule pack:
plain values, cheaper than JSON to read and write, and no `json` import on the pre-commit path."""
from __future__ import annotations

import marshal
import os
import sys

from ..version import __version__
from ..output.diagnostic import Diagnostic
from ..pipeline.facts import Facts
from ..resources import blake2b, data_files, data_path, seal, unseal

CACHE_DIR = ".xxgk_lint_cache"
LAYOUT = "v5"  # v3: diagnostics carry `place`; v4: and the report's facts (pipeline/facts.py); v5: fixes


def _code_stamp() -> bytes:
    """The package's own files (size and mtime): a developer's edit invalidates the cache."""
    stamps = []
    folders = [os.path.dirname(os.path.dirname(__file__))]  # the whole package
    while folders:  # os.scandir, not Path.rglob: this runs on every commit
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    stamps.append((entry.path, info.st_size, info.st_mtime_ns))
    return repr(sorted(stamps)).encode()


def run_key(rules: list, settings_dump: dict, options: tuple) -> str:
    """What every entry of this run depends on besides the file itself. Rules count by everything
    that reaches a diagnostic (their docs and examples do not)."""
    h = blake2b(f"{__version__} {sys.version}".encode())
    h.update(_code_stamp())
    h.update(repr([(r.code, r.name, r.kind, r.severity, r.message, r.message_en, r.options) for r in rules]).encode())
    for path in data_files(os.path.join(data_path("rules"), "templates"), (".yaml",)):
        with open(path, "rb") as handle:
            h.update(handle.read())
    h.update(repr(sorted(settings_dump.items())).encode())
    h.update(repr(options).encode())
    return h.hexdigest()


class ResultCache:
    def __init__(self, root: str | os.PathLike, run: str):
        self.dir = os.path.join(root, CACHE_DIR, LAYOUT)
        self.run = run

    def _path(self, name: str, data: bytes) -> str:
        key = blake2b(self.run.encode() + b"\0" + name.encode() + b"\0" + data).hexdigest()
        return os.path.join(self.dir, key[:2], f"{key}.marshal")

    def get(self, name: str, data: bytes) -> tuple[list[Diagnostic], str, Facts | None] | None:
        """(diagnostics, "", facts) as `put` was given them; None when not cached."""
        try:
            with open(self._path(name, data), "rb") as handle:
                payload = unseal(handle.read())
            if payload is None:
                return None
            found, facts = marshal.loads(payload)
            return [Diagnostic(**item) for item in found], "", Facts.from_plain(facts) if facts else None
        except (OSError, EOFError, ValueError, TypeError, MemoryError):
            return None  # a miss, a half-written or foreign file: lint again

    def put(self, name: str, data: bytes, diagnostics: list[Diagnostic], facts: Facts | None = None) -> None:
        path = self._path(name, data)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _mark(os.path.dirname(self.dir))
            tmp = f"{path}.{os.getpid()}.{id(diagnostics)}.tmp"  # unique per writer
            with open(tmp, "wb") as handle:
                handle.write(seal(marshal.dumps(([_plain(d) for d in diagnostics],
                                                 facts.plain() if facts is not None else None))))
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache


def _plain(d: Diagnostic) -> dict:
    return {name: getattr(d, name) for name in d.__slots__}


def _mark(root: str) -> None:
    """Keep the cache out of git and backups, as ruff does."""
    for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")):
        target = os.path.join(root, name)
        if not os.path.exists(target):
            try:
                with open(target, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError:
                pass
