"""Rule files as untrusted input: read with ruamel.yaml's safe round-trip loader (positions, no
arbitrary objects), refused past a size, depth and node budget, and every node locatable by line
and column."""
from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..rulefile import RuleFileError

MAX_BYTES = 1_000_000
MAX_DEPTH = 20


def load(path: Path):
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise RuleFileError(str(path), f"rule file is larger than {MAX_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(str(path), "rule file is not UTF-8 text") from None
    if re.search(r"!!python/|!<tag:yaml\.org,2002:python/", text):
        line = text[: re.search(r"!!python/|!<tag:yaml\.org,2002:python/", text).start()].count("\n") + 1
        raise RuleFileError(str(path), "python object tags are not allowed in rule files (YAML is loaded safely)",
                            line, 1, text.splitlines()[line - 1].strip())
    yaml = YAML(typ="rt", pure=True)
    try:
        return yaml.load(text), text
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        raise RuleFileError(str(path), f"invalid YAML: {exc.problem or exc}", line, col, snippet) from None
    except YAMLError as exc:
        raise RuleFileError(str(path), f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleFileError(str(path), "rule file is nested too deeply") from None


def position(root, path: list, value: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node at `path` in a ruamel round-trip tree: of its key in a
    mapping, or with `value` of the value itself."""
    node, pos = root, (0, 0)
    for i, key in enumerate(path):
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                if isinstance(node, dict):
                    pos = lc.value(key) if value and i == len(path) - 1 else lc.key(key)
                else:
                    pos = lc.item(key)
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return pos[0] + 1, pos[1] + 1


MAX_NODES = 100_000


def plain(node, path: str, budget: list[int] | None = None, depth: int = 0):
    """Plain dicts, lists and numbers, refusing deep nesting and alias bombs (a node budget)."""
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise RuleFileError(path, f"rule file expands to more than {MAX_NODES} YAML nodes (aliases?)")
    if depth > MAX_DEPTH:
        raise RuleFileError(path, f"rule file is nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, dict):
        return {str(k): plain(v, path, budget, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v, path, budget, depth + 1) for v in node]
    if isinstance(node, (int, float)) and type(node) not in (int, float, bool):
        return (float if isinstance(node, float) else int)(node)  # ruamel reads `0` as a ScalarInt
    return node


def snippet(lines: list[str], line: int) -> str:
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
