"""The scoring rubric: a YAML file (the bundled one, `data/rubric.yaml`, documents the format in its
comments), checked against `schemas/rubric.schema.json`; `Rubric.score` gives a report's score."""
from __future__ import annotations

import json
import os

from ...resources import data_path
from ...speed import Record
from .strings import FAIL, UNKNOWN

SEVERITIES = ("error", "warning", "info")
MAX_BYTES = 256 * 1024  # a rubric is a page of settings


class RubricError(ValueError):
    """A rubric that cannot be used: the file, the line when known (1-based), and what is wrong."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


class Rubric(Record):
    __slots__ = ("path", "start", "floor", "default", "areas", "codes", "items", "jump_factor", "jump_floor")

    def __init__(self, path: str, start: float, floor: float, default: dict, areas: dict, codes: dict,
                 items: dict, jump_factor: float, jump_floor: float) -> None:
        self.path = path
        self.start = start
        self.floor = floor
        self.default = default  # severity | "cap" -> points
        self.areas = areas  # letter -> {severity | "cap": points}
        self.codes = codes  # code -> {severity | "cap": points}
        self.items = items  # item -> {"fail": points, "unknown": points}
        self.jump_factor = jump_factor
        self.jump_floor = jump_floor

    def _first(self, code: str, key: str) -> float | None:
        for weights in (self.codes.get(code), self.areas.get(code[:1]), self.default):
            if weights and key in weights:
                return weights[key]
        return None

    def points(self, code: str, severity: str) -> float:
        """What one finding of `code` at `severity` costs."""
        return self._first(code, severity) or 0

    def cap(self, code: str) -> float | None:
        """The most the findings of `code` can cost one report (None: no cap)."""
        return self._first(code, "cap")

    def score(self, counts: dict[tuple[str, str], int], items: dict[str, str]) -> float:
        """A report's score from its findings counted by (code, severity) and its mandatory items."""
        by_code: dict[str, float] = {}
        for (code, severity), count in counts.items():
            by_code[code] = by_code.get(code, 0) + count * self.points(code, severity)
        cost = 0.0
        for code, points in by_code.items():
            cap = self.cap(code)
            cost += points if cap is None else min(cap, points)
        for item, status in items.items():
            if status in (FAIL, UNKNOWN):
                cost += self.items.get(item, {}).get("fail" if status == FAIL else "unknown", 0)
        return round(max(self.floor, self.start - cost), 1)


def default_rubric_path() -> str:
    """The bundled rubric (data/rubric.yaml)."""
    return os.path.join(data_path("data"), "rubric.yaml")


def load_rubric(path: str | os.PathLike | None = None) -> Rubric:
    """The rubric in `path` (the bundled one when None); RubricError names the file, the line and the
    problem when it cannot be read, is not YAML or does not follow the schema."""
    path = os.fspath(path) if path is not None else default_rubric_path()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise RubricError(path, None, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise RubricError(path, None, f"is over {MAX_BYTES // 1024} KB: not a rubric")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RubricError(path, None, f"is not UTF-8 (byte {error.start})") from None
    data, lines = _parse(path, text)
    _validate(path, data, lines)
    return _rubric(path, data)


def _parse(path: str, text: str):
    """The YAML document and a function from a path of keys to its line."""
    import yaml  # off the lint path

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise RubricError(path, mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    if root is None:
        raise RubricError(path, None, "is empty")
    _no_aliases(path, text, yaml, loader)
    data = yaml.load(text, Loader=loader)

    def line_of(keys) -> int | None:
        node = root
        for index, key in enumerate(keys):
            if isinstance(node, yaml.MappingNode):
                found = [(k, v) for k, v in node.value if k.value == str(key)]
                if not found:
                    break
                node = found[0][1] if index < len(keys) - 1 else found[0][0]  # the key's own line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                break
        return node.start_mark.line + 1

    return data, line_of


def _no_aliases(path: str, text: str, yaml, loader) -> None:
    """Aliases make a small file a huge document: a rubric has no use for them."""
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise RubricError(path, event.start_mark.line + 1, "anchors and aliases (&, *) are not allowed")


def _validate(path: str, data, line_of) -> None:
    from jsonschema import Draft202012Validator  # off the lint path
    from jsonschema.exceptions import best_match

    with open(os.path.join(data_path("schemas"), "rubric.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    error = best_match(Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        keys = list(error.absolute_path)
        where = ".".join(str(key) for key in keys) or "the file"
        raise RubricError(path, line_of(keys) if keys else None, f"{where}: {error.message}")
    if data.get("floor", 0) > data["start"]:
        raise RubricError(path, line_of(["floor"]), f"floor: {data['floor']} is above start ({data['start']})")


def _weights(value) -> dict:
    return {severity: value for severity in SEVERITIES} if isinstance(value, (int, float)) else dict(value)


def _rubric(path: str, data: dict) -> Rubric:
    items = {name: ({"fail": value} if isinstance(value, (int, float)) else dict(value))
             for name, value in (data.get("items") or {}).items()}
    jumps = data.get("jumps") or {}
    return Rubric(
        path=path, start=data["start"], floor=data.get("floor", 0), default=_weights(data.get("default") or {}),
        areas={k: _weights(v) for k, v in (data.get("areas") or {}).items()},
        codes={k: _weights(v) for k, v in (data.get("codes") or {}).items()},
        items=items, jump_factor=jumps.get("factor", 5), jump_floor=jumps.get("floor", 10),
    )
