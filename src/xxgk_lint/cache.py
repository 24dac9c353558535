"""A result cache like ruff's: a file whose bytes, path, rules, settings and tool version are
unchanged is not linted again. One JSON file per entry, written atomically, so parallel runs
(and parallel workers) can share the folder safely."""
from __future__ import annotations

import json
import os
from pathlib import Path

from . import __version__
from .resources import blake2b
from .diagnostic import Diagnostic
from .resources import data_dir

CACHE_DIR = ".xxgk_lint_cache"
LAYOUT = "v1"


def _code_stamp() -> bytes:
    """The package's own files (size and mtime): a developer's edit invalidates the cache."""
    package = Path(__file__).parent
    return repr(sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns)
                       for p in package.rglob("*.py"))).encode()


def run_key(rules: list, settings_dump: dict, options: tuple) -> str:
    """What every entry of this run depends on besides the file itself."""
    h = blake2b(__version__.encode())
    h.update(_code_stamp())
    h.update(repr(sorted((repr(r) for r in rules))).encode())
    for path in sorted((data_dir("rules") / "templates").glob("*.yaml")):
        h.update(path.read_bytes())
    h.update(json.dumps(settings_dump, sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update(repr(options).encode())
    return h.hexdigest()


class ResultCache:
    def __init__(self, root: Path, run: str):
        self.dir = root / CACHE_DIR / LAYOUT
        self.run = run

    def _path(self, name: str, data: bytes) -> Path:
        key = blake2b(self.run.encode() + b"\0" + name.encode() + b"\0" + data).hexdigest()
        return self.dir / key[:2] / f"{key}.json"

    def get(self, name: str, data: bytes) -> list[Diagnostic] | None:
        try:
            items = json.loads(self._path(name, data).read_text("utf-8"))
            return [Diagnostic(**item) for item in items]
        except (OSError, ValueError, TypeError):
            return None  # a miss, a half-written or foreign file: lint again

    def put(self, name: str, data: bytes, diagnostics: list[Diagnostic]) -> None:
        path = self._path(name, data)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _mark(self.dir.parent)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.{id(diagnostics)}.tmp")  # unique per writer
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump([_plain(d) for d in diagnostics], handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache


def _plain(d: Diagnostic) -> dict:
    return {name: getattr(d, name) for name in d.__slots__}


def _mark(root: Path) -> None:
    """Keep the cache out of git and backups, as ruff does."""
    for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")):
        target = root / name
        if not target.exists():
            try:
                target.write_text(text, "utf-8")
            except OSError:
                pass
