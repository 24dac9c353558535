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

from ..version import __version__
from ..pipeline.template import Template, template_from_data
from ..resources import (
    blake2b,
    data_files,
    data_path,
    load_yaml,
    read_cache,
    write_cache,
)

# The code that makes the pack (validation with the kinds' `prepare`, rule files, YAML) and reads it:
# hashed with the data.
_PACK_CODE = ("checks/pack.py", "checks/rule.py", "checks/rulefile.py", "checks/builtin.py", "checks/patterns.py",
              "resources.py", "pipeline/template.py")
_PACK_FOLDERS = ("checks/validation", "checks/kinds")


def _package() -> str:
    return os.path.dirname(os.path.dirname(__file__))


def _sources() -> list[str]:
    rules, schemas, package = data_path("rules"), data_path("schemas"), _package()
    files = [*data_files(rules, (".yaml", ".yml")), *data_files(os.path.join(rules, "templates"), (".yaml",)),
             *data_files(schemas, (".json",), recursive=True)]
    code = [os.path.join(package, name) for name in _PACK_CODE]
    for folder in _PACK_FOLDERS:
        code += data_files(os.path.join(package, folder), (".py",))
    return sorted(files) + code


def _key(files: list[str]) -> str:
    digest = blake2b(f"{__version__} {sys.version} {marshal.version}".encode())
    for path in files:
        with open(path, "rb") as handle:
            digest.update(os.path.basename(path).encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()[:24]


def _build() -> dict:
    """The templates, then the bundled rules validated with them as a user's rules are (the kinds
    check names against the templates): plain values only."""
    # only when the pack is built: jsonschema and ruamel.yaml (and pathlib, which the validation reads
    # paths as) stay off every other run
    from pathlib import Path

    from .validation import parse_and_validate

    rules = data_path("rules")
    raw = {_stem(p): load_yaml(p) for p in data_files(os.path.join(rules, "templates"), (".yaml",))}
    templates = {tid: template_from_data(data) for tid, data in raw.items()}
    documents = [{**doc, "__source__": path} for path in data_files(rules, (".yaml", ".yml"))
                 for doc in parse_and_validate(Path(path), templates)]
    return {"rules": documents, "templates": raw}


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _unpacked(pack: dict) -> tuple[list[tuple[dict, str]], dict[str, Template]]:
    documents = [({k: v for k, v in doc.items() if k != "__source__"}, doc["__source__"]) for doc in pack["rules"]]
    return documents, {tid: template_from_data(raw) for tid, raw in pack["templates"].items()}


@lru_cache(maxsize=1)
def bundled() -> tuple[list[tuple[dict, str]], dict[str, Template]]:
    """The bundled rules as (validated document, source file), and the templates by id."""
    name = f"rulepack-{_key(_sources())}.marshal"
    payload = read_cache(name)
    if payload is not None:
        try:
            return _unpacked(marshal.loads(payload))
        except (EOFError, ValueError, KeyError, TypeError, AttributeError, MemoryError):
            pass  # stale or foreign: rebuild
    pack = _build()
    write_cache(name, marshal.dumps(pack))
    return _unpacked(pack)


def bundled_templates() -> dict[str, Template]:
    return bundled()[1]
