"""One module per output format; each exposes `render(diagnostics, context) -> str`."""
from __future__ import annotations

from importlib import import_module

FORMATS = ("text", "json")


def get(name: str):
    return import_module(f".{name}", __name__)
