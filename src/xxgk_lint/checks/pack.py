"""The bundled rules and templates, compiled once and cached.

Reading 25 YAML files and two templates, and importing a YAML parser, costs more than linting a
report. So the first run after the rules change validates them against the schemas and stores
the checked data in the user's cache folder, keyed by the hash of the rule, template and schema
files, of the modules that write and read the pack (two installs of one version at different
commits, a pre-commit hook and a checkout, must not read each other's), the tool version and the
Python version; later runs load that pack. It is `marshal` data: plain values only, loaded faster
than JSON and without importing `json` (and, unlike pickle, unable to run code when a cache folder
restored by CI is loaded). Delete the folder to rebuild.
"""
from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache

from .. import __version__
from ..resources import blake2b, data_files, data_path, read_cache, write_cache


# The modules that make the pack (validation, rule files, YAML) and read it: hashed with the data.
_PACK_CODE = ("checks/pack.py", "checks/validation/__init__.py", "checks/validation/source.py", "checks/validation/schema.py",
              "checks/validation/semantics.py", "checks/patterns.py", "checks/rule.py", "resources.py")


def _sources() -> list[str]:
    rules, schemas = data_path("rules"), data_path("schemas")
    files = [*data_files(rules, (".yaml", ".yml")), *data_files(os.path.join(rules, "templates"), (".yaml",)),
             *data_files(schemas, (".json",), recursive=True)]
    return sorted(files) + [os.path.join(os.path.dirname(os.path.dirname(__file__)), name) for name in _PACK_CODE]


def _key(files: list[str]) -> str:
    digest = blake2b(f"{__version__} {sys.version} {marshal.version}".encode())
    for path in files:
        with open(path, "rb") as handle:
            digest.update(os.path.basename(path).encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()[:24]


def _build() -> dict:
    """The bundled rules as validated documents and the templates as data: plain values only."""
    from ..resources import load_yaml
    from .rule import rule_files
    from .validation import parse_and_validate

    rules = [{**doc, "__source__": str(path)} for path in rule_files(data_path("rules"))
             for doc in parse_and_validate(path)]
    templates = {_stem(p): load_yaml(p) for p in data_files(os.path.join(data_path("rules"), "templates"), (".yaml",))}
    return {"rules": rules, "templates": templates}


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _objects(pack: dict):
    from .rule import rule_from_dict
    from ..pipeline.template import template_from_data

    rules = [rule_from_dict({k: v for k, v in doc.items() if k != "__source__"}, doc["__source__"])
             for doc in pack["rules"]]
    return rules, {tid: template_from_data(raw) for tid, raw in pack["templates"].items()}


@lru_cache(maxsize=1)
def bundled():
    """(rules, templates by id)."""
    name = f"rulepack-{_key(_sources())}.marshal"
    payload = read_cache(name)
    if payload is not None:
        try:
            return _objects(marshal.loads(payload))
        except (EOFError, ValueError, KeyError, TypeError, AttributeError, MemoryError):
            pass  # stale or foreign: rebuild
    pack = _build()
    write_cache(name, marshal.dumps(pack))
    return _objects(pack)
