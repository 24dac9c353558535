"""The rule kinds, one module each, found by a scan of this package: adding a kind is its module,
its schema (schemas/kinds/<kind>.schema.json) and its rule files, with no list to keep in step.

A kind module declares
- `PLACEHOLDERS`: the names its findings give messages (a rule's message may use only these);
- `prepare(options, context) -> prepared` (optional, for kinds with options): checks and compiles
  the rule's options once when the rules load, raising `OptionError` to point into the rule file;
  `context` is a `Context` (the templates by id; whether the rule is bundled);
- `check(rule, report) -> Iterable[Finding]`, reading `rule.prepared`.

Modules whose names start with `_` are helpers, not kinds (and a file whose name is not a Python
identifier, such as an editor's `.#lock.py`, is no module).
"""
from __future__ import annotations

import importlib
import os

from ._common import Context, OptionError


def _discover() -> dict:
    names = sorted(entry[:-3] for entry in os.listdir(os.path.dirname(__file__))
                   if entry.endswith(".py") and not entry.startswith("_") and entry[:-3].isidentifier())
    return {name: importlib.import_module(f"{__name__}.{name}") for name in names}


KINDS = _discover()


def prepare(kind: str, options: dict, context: Context):
    """The kind's prepared options; None for a kind with nothing to prepare (and for the built-in
    kinds, which have no module here)."""
    module = KINDS.get(kind)
    work = getattr(module, "prepare", None)
    return work(options, context) if work is not None else None


__all__ = ["KINDS", "Context", "OptionError", "prepare"]
