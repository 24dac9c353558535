"""The bundled rules and templates, compiled once and cached.

Reading 25 YAML files and two templates, and importing a YAML parser, costs more than linting a
report. So the first run after the rules change validates them against the schemas and stores
the checked data in the user's cache folder, keyed by the hash of the rule, template and schema
files, the tool version, the package's code (two installs of one version at different commits, a
pre-commit hook and a checkout, must not take turns rebuilding it) and the Python version; later
runs load that pack. It is `marshal` data:
plain values only, loaded faster than JSON and without importing `json` (and, unlike pickle,
unable to run code when a cache folder restored by CI is loaded). Delete the folder to rebuild.
"""
from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache

from . import __version__
from .resources import blake2b, code_stamp, data_files, data_path, seal, unseal


def _sources() -> list[str]:
    rules, schemas = data_path("rules"), data_path("schemas")
    files = [*data_files(rules, (".yaml", ".yml")), *data_files(os.path.join(rules, "templates"), (".yaml",)),
             *data_files(schemas, (".json",), recursive=True)]
    return sorted(files)


def _key(files: list[str]) -> str:
    digest = blake2b(f"{__version__} {sys.version} {marshal.version}".encode() + code_stamp())
    for path in files:
        with open(path, "rb") as handle:
            digest.update(os.path.basename(path).encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()[:24]


def cache_dirs() -> list[str]:
    """Where the pack may live: XXGK_LINT_CACHE_DIR, else the user cache, then the temp folder
    (a CI user without a writable home must not pay for validation on every run)."""
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


def _build() -> dict:
    """The bundled rules as validated documents and the templates as data: plain values only."""
    from .resources import load_yaml
    from .rule import rule_files
    from .validate import parse_and_validate

    rules = [{**doc, "__source__": str(path)} for path in rule_files(data_path("rules"))
             for doc in parse_and_validate(path)]
    templates = {_stem(p): load_yaml(p) for p in data_files(os.path.join(data_path("rules"), "templates"), (".yaml",))}
    return {"rules": rules, "templates": templates}


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


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
            with open(os.path.join(folder, name), "rb") as handle:
                payload = unseal(handle.read())
            if payload is not None:
                return _objects(marshal.loads(payload))
        except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, MemoryError):
            pass  # missing, stale or damaged: try the next, else rebuild
    pack = _build()
    for folder in folders:
        try:
            os.makedirs(folder, exist_ok=True)
            tmp = os.path.join(folder, f"{name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                handle.write(seal(marshal.dumps(pack)))
            os.replace(tmp, os.path.join(folder, name))
            break
        except OSError:
            continue  # not writable: the next folder, or build again next time
    return _objects(pack)
