"""Where bundled data lives: inside the installed package, or at the top of a source checkout."""
from __future__ import annotations

from pathlib import Path

import yaml

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]

try:  # the C loader is several times faster; both are safe loaders
    SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pyyaml without libyaml
    SafeLoader = yaml.SafeLoader


def data_dir(name: str) -> Path:
    """`rules` or `schemas`: copied into the package on install, top-level in a checkout."""
    for base in (_PACKAGE, _CHECKOUT):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled {name}/ not found next to {_PACKAGE}")


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SafeLoader)
