"""The bundled rules and templates, compiled once and cached.

Reading 25 YAML files and two templates, and importing a YAML parser, costs more than linting a
report. So the first run after the rules change validates them against the schemas and stores
the checked data in the user's cache folder, keyed by the hash of the rule, template and schema
files, the tool version and the Python version; later runs load that pack. It is `marshal` data:
plain values only, loaded faster than JSON and without importing `json` (and, unlike pickle,
unable to run code when a cache folder restored by CI is loaded). Delete the folder to rebuild.
"""
from __future__ import annotations

import marshal
import os
import sys
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
    digest = blake2b(f"{__version__} {sys.version} {marshal.version}".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def cache_dirs() -> list[Path]:
    """Where the pack may live: XXGK_LINT_CACHE_DIR, else the user cache, then the temp folder
    (a CI user without a writable home must not pay for validation on every run)."""
    override = os.environ.get("XXGK_LINT_CACHE_DIR")
    if override:
        return [Path(override)]
    out = []
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        out.append(Path(base) / "xxgk-lint")
    except RuntimeError:  # no home folder
        pass
    out.append(Path(os.environ.get("TMPDIR", "/tmp")) / f"xxgk-lint-{os.getuid() if hasattr(os, 'getuid') else 0}")
    return out


def _build() -> dict:
    """The bundled rules as validated documents and the templates as data: plain values only."""
    from .resources import load_yaml
    from .rule import rule_files
    from .validate import parse_and_validate

    rules = [{**doc, "__source__": str(path)} for path in rule_files(data_dir("rules"))
             for doc in parse_and_validate(path)]
    templates = {p.stem: load_yaml(p) for p in sorted((data_dir("rules") / "templates").glob("*.yaml"))}
    return {"rules": rules, "templates": templates}


def _objects(pack: dict):
    from .rule import rule_from_dict
    from .template import template_from_data

    rules = [rule_from_dict({k: v for k, v in doc.items() if k != "__source__"}, doc["__source__"])
             for doc in pack["rules"]]
    return rules, {tid: template_from_data(raw) for tid, raw in pack["templates"].items()}


@lru_cache(maxsize=1)
def bundled():
    """(rules, templates by id)."""
    name = f"rulepack-{_key(_sources())}.marshal"
    folders = cache_dirs()
    for folder in folders:
        try:
            return _objects(marshal.loads((folder / name).read_bytes()))
        except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
            continue  # missing, stale or damaged: try the next, else rebuild
    pack = _build()
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f"{name}.{os.getpid()}.tmp"
            tmp.write_bytes(marshal.dumps(pack))
            os.replace(tmp, folder / name)
            break
        except OSError:
            continue  # not writable: the next folder, or build again next time
    return _objects(pack)
