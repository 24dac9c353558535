"""Where bundled data lives: inside the installed package, or at the top of a source checkout."""
from __future__ import annotations

from pathlib import Path

try:  # CPython's own BLAKE2: hashing without loading OpenSSL (3 ms on every run)
    from _blake2 import blake2b  # noqa: F401 - re-exported for cache and rulepack
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b  # noqa: F401 - re-exported for cache and rulepack

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]

def data_dir(name: str) -> Path:
    """`rules` or `schemas`: copied into the package on install, top-level in a checkout."""
    for base in (_PACKAGE, _CHECKOUT):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled {name}/ not found next to {_PACKAGE}")


def load_yaml(path: Path):
    """Bundled (trusted) YAML; imported lazily: the hot path reads the compiled rule pack instead."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # both are safe; the C one is faster
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)
