"""Settings: `xxgk-lint.toml`, `.xxgk-lint.toml` or `pyproject.toml [tool.xxgk-lint]`, found like
ruff does (the nearest one from the working directory upward), then command-line options.

A bad setting is reported with the config file's own path, line and column and the run exits 2.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

CONFIG_NAMES = ("xxgk-lint.toml", ".xxgk-lint.toml", "pyproject.toml")
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".xxgk_lint_cache",
                   "build", "dist", ".tox", ".mypy_cache", ".pytest_cache"]
FORMATS = ("concise", "full", "text", "json", "json-lines", "sarif", "github", "junit")


class ConfigError(Exception):
    def __init__(self, path: str, message: str, line: int = 1, column: int = 1, snippet: str = ""):
        super().__init__(message)
        self.path, self.message, self.line, self.column, self.snippet = path, message, line, column, snippet

    def render(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        return text + (f"\n    {self.snippet}" if self.snippet else "")


@dataclass
class Suppression:
    """An out-of-band suppression: reports are published text, so they are silenced from the config."""

    files: str
    code: str
    location: str  # logical location pattern: part/六, 表三/三.三.*/自然人, or *
    reason: str
    origin: str = ""  # config path:line, for the unused-suppression finding
    line: int = 1
    used: int = 0


@dataclass
class Override:
    files: str
    template: str | None = None
    year: int | None = None


@dataclass
class Settings:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    template: str | None = None
    lang: str = "zh"
    format: str | None = None
    fail_on: str = "error"
    extend_rules: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    suppress: list[Suppression] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    cache: bool = True
    config_path: str | None = None  # where these settings came from

    def as_dict(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("suppress", "overrides"):
                value = [{k: v for k, v in vars(item).items() if k not in ("used", "origin", "line")} for item in value]
            out[f.name.replace("_", "-")] = value
        return out


# key → (type check, description) for the one-sentence messages
_SCHEMA = {
    "select": list, "ignore": list, "extend-select": list, "per-file-ignores": dict, "severity": dict,
    "template": str, "lang": str, "format": str, "fail-on": str, "extend-rules": list, "exclude": list,
    "extend-exclude": list, "respect-gitignore": bool, "suppress": list, "overrides": list, "cache": bool,
}
_CHOICES = {"template": ("2019", "2021"), "lang": ("zh", "en"), "format": FORMATS, "fail-on": ("error", "warning")}
_SUPPRESS_KEYS = {"files": str, "code": str, "location": str, "reason": str}
_OVERRIDE_KEYS = {"files": str, "template": str, "year": int}


def find_config(start: Path) -> Path | None:
    for directory in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                if name != "pyproject.toml" or _has_tool_table(candidate):
                    return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        if b"xxgk-lint" not in path.read_bytes():  # most pyproject.toml files: no TOML parser needed
            return False
    except OSError:
        return False
    import tomllib

    try:
        return "xxgk-lint" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config report the problem with its position


def _position(text: str, key: str, section: str | None = None) -> tuple[int, int, str]:
    """Line, column and text of the first line that assigns `key` (after `section` if given)."""
    lines = text.splitlines()
    start = 0
    if section:
        start = next((i for i, l in enumerate(lines) if l.strip().startswith(f"[{section}")), 0)
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    for i in range(start, len(lines)):
        if pattern.match(lines[i]):
            return i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1, lines[i].strip()
    return (start + 1, 1, lines[start].strip() if lines else "")


def load_config(path: Path) -> Settings:
    import tomllib  # only when there is a configuration file

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the configuration: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        lines = text.splitlines()
        snippet = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        raise ConfigError(str(path), f"invalid TOML: {str(exc).split(' (at')[0]}", line, col, snippet) from None
    section = None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("xxgk-lint", {})
        section = "tool.xxgk-lint"
    return settings_from(data, str(path), text, section)


def settings_from(data: dict, path: str, text: str = "", section: str | None = None) -> Settings:
    def fail(key: str, message: str) -> None:
        line, col, snippet = _position(text, key, section)
        raise ConfigError(path, message, line, col, snippet)

    settings = Settings(config_path=path)
    for key, value in data.items():
        if key not in _SCHEMA:
            close = difflib.get_close_matches(key, list(_SCHEMA), n=1)
            fail(key, f"unknown key `{key}`" + (f" — did you mean `{close[0]}`?" if close else
                                                f" (known keys: {', '.join(sorted(_SCHEMA))})"))
        if not isinstance(value, _SCHEMA[key]):
            fail(key, f"`{key}` must be a {_SCHEMA[key].__name__}, not {type(value).__name__}")
        if key in _CHOICES and value not in _CHOICES[key]:
            fail(key, f"`{key}` must be one of {', '.join(_CHOICES[key])}, not `{value}`")
        if key == "suppress":
            value = [_suppression(item, fail, text, i) for i, item in enumerate(value)]
        elif key == "overrides":
            value = [_override(item, fail) for item in value]
        elif key == "severity":
            bad = [v for v in value.values() if v not in ("error", "warning", "info")]
            if bad:
                fail(key, f"severities are error, warning or info, not `{bad[0]}`")
        setattr(settings, key.replace("-", "_"), value)
    return settings


def _table(item, keys: dict, name: str, fail) -> dict:
    if not isinstance(item, dict):
        fail(name, f"each `{name}` entry must be a table")
    for key, value in item.items():
        if key not in keys:
            close = difflib.get_close_matches(key, list(keys), n=1)
            fail(key, f"unknown key `{key}` in `{name}`" + (f" — did you mean `{close[0]}`?" if close else ""))
        if not isinstance(value, keys[key]):
            fail(key, f"`{name}.{key}` must be a {keys[key].__name__}")
    return item


def _suppression(item, fail, text: str, index: int) -> Suppression:
    item = _table(item, _SUPPRESS_KEYS, "suppress", fail)
    for required in ("files", "code", "reason"):
        if not str(item.get(required, "")).strip():
            fail("suppress", f"a `suppress` entry needs `{required}`" +
                 (" — say why the finding does not apply" if required == "reason" else ""))
    starts = [i for i, l in enumerate(text.splitlines()) if "suppress" in l and l.strip().startswith("[[")]
    line = starts[index] + 1 if index < len(starts) else 1
    return Suppression(item["files"], item["code"], item.get("location", "*"), item["reason"], line=line)


def _override(item, fail) -> Override:
    item = _table(item, _OVERRIDE_KEYS, "overrides", fail)
    if "files" not in item:
        fail("overrides", "an `overrides` entry needs `files`")
    if item.get("template") not in (None, "2019", "2021"):
        fail("template", "`template` must be 2019 or 2021")
    return Override(item["files"], item.get("template"), item.get("year"))
