"""Settings: `xxgk-lint.toml`, `.xxgk-lint.toml` or `pyproject.toml [tool.xxgk-lint]`, found like
ruff does (the nearest one from the working directory upward), then command-line options.

A bad setting is reported with the config file's own path, line and column and the run exits 2.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Callable

from ..checks.rulefile import FileError
from ..checks.suppressions import Suppression
from ..output.formatters import FORMATS
from ..resources import read_cache, write_cache
from ..speed import Record, blake2b, remember

CONFIG_NAMES = ("xxgk-lint.toml", ".xxgk-lint.toml", "pyproject.toml")
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".xxgk_lint_cache",
                   "build", "dist", ".tox", ".mypy_cache", ".pytest_cache"]
SEVERITIES = ("error", "warning", "info")


class ConfigError(FileError):
    """A configuration file that cannot be used."""


class Override(Record):
    __slots__ = ("files", "template", "year", "agency")

    def __init__(self, files: str, template: str | None = None, year: int | None = None,
                 agency: str | None = None) -> None:
        self.files = files
        self.template = template
        self.year = year
        self.agency = agency  # the agency the files' reports are of (the comparisons across years)


class Hierarchy(Record):
    """An agency whose report sums its units' reports (X003)."""

    __slots__ = ("parent", "children")

    def __init__(self, parent: str, children: list[str]) -> None:
        self.parent = parent
        self.children = children


class Settings(Record):
    __slots__ = ("select", "ignore", "extend_select", "per_file_ignores", "severity", "template", "lang", "format",
                 "fail_on", "extend_rules", "exclude", "extend_exclude", "respect_gitignore", "suppress",
                 "overrides", "cache", "history", "aliases", "hierarchy", "config_path")

    def __init__(self, select: list[str] | None = None, ignore: list[str] | None = None,
                 extend_select: list[str] | None = None, per_file_ignores: dict[str, list[str]] | None = None,
                 severity: dict[str, str] | None = None, template: str | None = None, lang: str = "zh",
                 format: str | None = None, fail_on: str = "error", extend_rules: list[str] | None = None,
                 exclude: list[str] | None = None, extend_exclude: list[str] | None = None,
                 respect_gitignore: bool = True, suppress: list[Suppression] | None = None,
                 overrides: list[Override] | None = None, cache: bool = True, history: list[str] | None = None,
                 aliases: dict[str, list[str]] | None = None, hierarchy: list[Hierarchy] | None = None,
                 config_path: str | None = None) -> None:
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.severity = {} if severity is None else severity
        self.template = template
        self.lang = lang
        self.format = format
        self.fail_on = fail_on
        self.extend_rules = [] if extend_rules is None else extend_rules
        self.exclude = list(DEFAULT_EXCLUDE) if exclude is None else exclude
        self.extend_exclude = [] if extend_exclude is None else extend_exclude
        self.respect_gitignore = respect_gitignore
        self.suppress = [] if suppress is None else suppress
        self.overrides = [] if overrides is None else overrides
        self.cache = cache
        # folders of earlier (published) reports, read only to compare this year's with (X001–X003)
        self.history = [] if history is None else history
        self.aliases = {} if aliases is None else aliases  # an agency's name → the other names it went by
        self.hierarchy = [] if hierarchy is None else hierarchy
        self.config_path = config_path  # where these settings came from

    def as_dict(self) -> dict:
        out = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if name in ("suppress", "overrides", "hierarchy"):
                value = [{k: getattr(item, k) for k in item.__slots__ if k not in ("used", "origin", "line")}
                         for item in value]
            out[name.replace("_", "-")] = value
        return out


# key → TOML type; a list is one of strings (codes, globs or paths) unless in _TABLE_LISTS
_SCHEMA: dict[str, type] = {
    "select": list, "ignore": list, "extend-select": list, "per-file-ignores": dict, "severity": dict,
    "template": str, "lang": str, "format": str, "fail-on": str, "extend-rules": list, "exclude": list,
    "extend-exclude": list, "respect-gitignore": bool, "suppress": list, "overrides": list, "cache": bool,
    "history": list, "aliases": dict, "hierarchy": list,
}
_TABLE_LISTS = ("suppress", "overrides", "hierarchy")  # lists of tables, checked entry by entry
_CHOICES = {"template": ("2019", "2021"), "lang": ("zh", "en"), "format": FORMATS, "fail-on": ("error", "warning")}
_SUPPRESS_KEYS = {"files": str, "code": str, "location": str, "reason": str}
_OVERRIDE_KEYS = {"files": str, "template": str, "year": int, "agency": str}
_HIERARCHY_KEYS = {"parent": str, "children": list}

Where = tuple  # a path of keys and array indexes into the TOML document, e.g. ("suppress", 1, "reason")
Fail = Callable[[Where, str], None]  # raises ConfigError; never returns


def find_config(start: str | os.PathLike) -> str | None:
    """The nearest configuration file in the folder `start` or a folder above it."""
    directory = os.fspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        above = os.path.dirname(directory)
        if above == directory:  # the top folder was the last
            return None
        directory = above


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            if b"xxgk-lint" not in handle.read():  # most pyproject.toml files: no TOML parser needed
                return False
        tool = parse_toml(_read_text(path)).get("tool")
        return isinstance(tool, dict) and "xxgk-lint" in tool
    except (OSError, UnicodeDecodeError, ValueError):  # ValueError: TOMLDecodeError
        return True  # let load_config report the problem with its position


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


_PAYLOADS: dict[str, bytes] = {}  # within a run too: find_config and load_config read the same file


def parse_toml(text: str) -> dict:
    """`tomllib.loads`, remembered across runs in this user's cache folder: importing tomllib (it
    brings typing and datetime) takes a configured repository over the start-up budget
    (bench/startup.py). Kept as sealed `marshal` data keyed by the text and the Python version; every
    caller gets a fresh copy; a document marshal cannot hold (a TOML date) is parsed each time.
    Raises ValueError (tomllib's TOMLDecodeError is one) for a text that is not TOML."""
    digest = blake2b(f"toml-v1 {sys.version}".encode(), digest_size=12)
    digest.update(text.encode())
    name = f"toml-{digest.hexdigest()}.marshal"
    payload = _PAYLOADS.get(text) or read_cache(name)
    if payload is not None:
        try:
            data = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            data = None  # not ours after all: parse
        if isinstance(data, dict):
            remember(_PAYLOADS, text, payload, limit=8)
            return data
    import tomllib  # see above

    try:
        data = tomllib.loads(text)
    except RecursionError:  # arrays or tables nested thousands deep: the parser recurses
        raise ValueError("arrays or tables nested too deeply") from None
    try:
        payload = marshal.dumps(data)
    except ValueError:  # not plain data: a date or a time
        return data
    remember(_PAYLOADS, text, payload, limit=8)
    write_cache(name, payload)
    return data


# --- reading and checking ---------------------------------------------------------------------

def load_config(path: str | os.PathLike) -> Settings:
    path = os.fspath(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read the configuration: {exc}") from None
    try:
        data = parse_toml(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError (tomllib is imported only to parse)
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        lines = text.splitlines()
        snippet = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        raise ConfigError(path, f"invalid TOML: {str(exc).split(' (at')[0]}", line, col, snippet) from None
    section = None
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool")
        data = tool.get("xxgk-lint", {}) if isinstance(tool, dict) else {}
        section = "tool.xxgk-lint"
    return settings_from(data, path, text, section)


def settings_from(data: dict, path: str, text: str = "", section: str | None = None) -> Settings:
    """Check `data` (the parsed `text`, or its `section` table) and turn it into Settings."""
    prefix: Where = tuple(section.split(".")) if section else ()
    located: list = []  # scanned only when a position is needed

    def locate(where: Where) -> tuple[int, int, str]:
        if not located:
            from .toml_positions import (
                Locator,  # its patterns are compiled only to point at an error
            )

            located.append(Locator(text))
        return located[0].position(prefix + where)

    def fail(where: Where, message: str) -> None:
        raise ConfigError(path, message, *locate(where))

    if not isinstance(data, dict):
        fail((), f"`[{section}]` must be a table, not {_kind(data)}")
    settings = Settings(config_path=path)
    for key, value in data.items():
        value = _setting(key, value, fail)
        if key == "suppress":
            value = [_suppression(item, i, fail, path, locate) for i, item in enumerate(value)]
        elif key == "overrides":
            value = [_override(item, i, fail) for i, item in enumerate(value)]
        elif key == "hierarchy":
            value = [_hierarchy(item, i, fail) for i, item in enumerate(value)]
        setattr(settings, key.replace("-", "_"), value)
    return settings


def _setting(key: str, value: object, fail: Fail) -> object:
    """One top-level setting, checked; its value unchanged."""
    if key not in _SCHEMA:
        close = _close(key, list(_SCHEMA), n=1)
        fail((key,), f"unknown key `{key}`" + (f" — did you mean `{close[0]}`?" if close else
                                               f" (known keys: {', '.join(sorted(_SCHEMA))})"))
    expected = _SCHEMA[key]
    if expected is list and key not in _TABLE_LISTS:
        _strings(value, (key,), f"`{key}`", fail)
    elif not _is(value, expected):
        wanted = f"an array of tables (`[[{key}]]` entries)" if key in _TABLE_LISTS else _NAMES[expected]
        fail((key,), f"`{key}` must be {wanted}, not {_kind(value)}")
    if key in _CHOICES and value not in _CHOICES[key]:
        fail((key,), f"`{key}` must be one of {', '.join(_CHOICES[key])}, not `{value}`")
    if key == "per-file-ignores":
        for glob, codes in value.items():
            _strings(codes, (key, glob), f'`"{glob}"` in `per-file-ignores`', fail)
    elif key == "aliases":
        known: dict[str, str] = {}
        for name, others in value.items():
            _strings(others, (key, name), f'`"{name}"` in `aliases`', fail)
            for other in others:
                if known.setdefault(other, name) != name:
                    fail((key, name), f'`"{other}"` is an alias of both `"{known[other]}"` and `"{name}"` in '
                                      "`aliases`: a name can stand for one agency only")
    elif key == "severity":
        for code, level in value.items():
            if level not in SEVERITIES:
                shown = f"`{level}`" if isinstance(level, str) else _kind(level)
                fail((key, code), f"the severity of `{code}` must be error, warning or info, not {shown}")
    return value


def _strings(value: object, where: Where, name: str, fail: Fail) -> None:
    """A list of strings (codes, globs or paths): a lone string would be read one character at a time."""
    if not isinstance(value, list):
        hint = f' — write ["{value}"]' if isinstance(value, str) else ""
        fail(where, f"{name} must be a list of strings, not {_kind(value)}{hint}")
    for item in value:
        if not isinstance(item, str):
            fail(where, f"{name} must be a list of strings, but it holds {_kind(item)}")


_NAMES = {str: "a string", bool: "true or false", int: "an integer", list: "an array", dict: "a table"}


def _is(value: object, expected: type) -> bool:
    # true and false are ints to Python, not to TOML
    return isinstance(value, expected) and (expected is bool or not isinstance(value, bool))


def _kind(value: object) -> str:
    """How a TOML value is called in a message: "a string", "an integer", "a table" …"""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float):
        return "a float"
    return next((name for t, name in _NAMES.items() if t is not bool and isinstance(value, t)), "a date or time")


def _table(item: object, where: Where, keys: dict[str, type], name: str, fail: Fail) -> dict:
    """One `[[name]]` entry: a table of known keys with values of the right type."""
    if not isinstance(item, dict):
        fail(where, f"each `{name}` entry must be a table, not {_kind(item)}")
    for key, value in item.items():
        if key not in keys:
            close = _close(key, list(keys), n=1)
            fail(where + (key,), f"unknown key `{key}` in `{name}`" +
                 (f" — did you mean `{close[0]}`?" if close else f" (known keys: {', '.join(keys)})"))
        if not _is(value, keys[key]):
            fail(where + (key,), f"`{name}.{key}` must be {_NAMES[keys[key]]}, not {_kind(value)}")
    return item


def _suppression(item: object, index: int, fail: Fail, path: str, locate: Callable) -> Suppression:
    where = ("suppress", index)
    item = _table(item, where, _SUPPRESS_KEYS, "suppress", fail)
    for required in ("files", "code", "reason"):
        if not item.get(required, "").strip():
            fail(where, f"a `suppress` entry needs `{required}`" +
                 (" — say why the finding does not apply" if required == "reason" else ""))
    line = locate(where)[0]  # the entry's header: where the unused-suppression finding points
    return Suppression(item["files"], item["code"], item.get("location", "*"), item["reason"],
                       origin=f"{path}:{line}", line=line)


def _override(item: object, index: int, fail: Fail) -> Override:
    where = ("overrides", index)
    item = _table(item, where, _OVERRIDE_KEYS, "overrides", fail)
    if not item.get("files", "").strip():
        fail(where, "an `overrides` entry needs `files`")
    if item.get("template") not in (None, *_CHOICES["template"]):
        fail(where + ("template",), f"`overrides.template` must be 2019 or 2021, not `{item['template']}`")
    if item.get("year") is not None and not 2000 <= item["year"] <= 2100:
        fail(where + ("year",), f"`overrides.year` must be a report's year (such as 2024), not {item['year']}")
    return Override(item["files"], item.get("template"), item.get("year"), item.get("agency"))


def _hierarchy(item: object, index: int, fail: Fail) -> Hierarchy:
    where = ("hierarchy", index)
    item = _table(item, where, _HIERARCHY_KEYS, "hierarchy", fail)
    if not item.get("parent", "").strip():
        fail(where, "a `hierarchy` entry needs `parent`: the agency whose report sums its units'")
    if "children" not in item:
        fail(where, "a `hierarchy` entry needs `children`: the units whose reports it sums")
    _strings(item["children"], where + ("children",), "`hierarchy.children`", fail)
    if not item["children"]:
        fail(where + ("children",), "`hierarchy.children` names no unit")
    if item["parent"] in item["children"]:
        fail(where + ("children",), f'`hierarchy.children` names the parent `"{item["parent"]}"` itself')
    return Hierarchy(item["parent"], item["children"])


def _close(word: str, choices: list[str], n: int = 1) -> list[str]:
    import difflib  # only when a key is misspelt: more than a lint (bench/startup.py)

    return difflib.get_close_matches(word, choices, n=n)
