"""The bundled rules and templates, compiled once and cached.

Reading 25 YAML files and two templates, and importing a YAML parser, costs more than linting a
report. So the first run after the rules change validates them against the schemas and pickles
the result into the user's cache folder, keyed by the hash of the rule, template and schema files
and the tool version; later runs load that pack. Delete the folder to force a rebuild.
"""
from __future__ import annotations

import os
import pickle
from functools import lru_cache
from pathlib import Path

from . import __version__
from .resources import blake2b
from .resources import data_dir


def _sources() -> list[Path]:
    rules, schemas = data_dir("rules"), data_dir("schemas")
    files = [*rules.glob("*.y*ml"), *(rules / "templates").glob("*.yaml"), *schemas.rglob("*.json")]
    return sorted(files)


def _key(files: list[Path]) -> str:
    digest = blake2b(__version__.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def cache_dir() -> Path | None:
    override = os.environ.get("XXGK_LINT_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache" if Path.home() != Path("/") else None)
    return Path(base) / "xxgk-lint" if base else None


def _build():
    from .rule import bundled_rules_from_yaml
    from .template import TEMPLATE_IDS, template_from_yaml

    rules = bundled_rules_from_yaml(validate=True)
    templates = {tid: template_from_yaml(tid) for tid in TEMPLATE_IDS}
    return rules, templates


@lru_cache(maxsize=1)
def bundled():
    """(rules, templates by id)."""
    files = _sources()
    folder = cache_dir()
    path = folder / f"rulepack-{_key(files)}.pickle" if folder else None
    if path is not None:
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing, stale or damaged: rebuild it
            pass
    pack = _build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                pickle.dump(pack, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # no writable cache: build every time
    return pack
