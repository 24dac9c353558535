"""The default on a terminal: each finding with its source line, a caret under the cell (aligned by
display width: CJK characters are two columns), its related locations, and a summary line.

In a .docx or .pdf the source line is the document's text as read: a table row is its cells
separated by tabs (shown as four spaces), with the caret under the cell; the place (page, paragraph,
table, row, column and the quoted text) follows the message."""
from __future__ import annotations

import unicodedata

from ..diagnostic import describe_fix, place_note, related_at

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
TAB = "    "


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else len(TAB) if ch == "\t" else 1 for ch in text)


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _block(d, color: bool, lang: str) -> list[str]:
    head = f"{d.path}:{d.line}:{d.column}: " + _paint(f"{d.code} [{d.severity}]", _COLORS.get(d.severity, ""), color)
    lines = [f"{head} {d.message}{place_note(d.place, lang)}"]
    if d.source:
        gutter = " " * len(str(d.line))
        shown = d.source.replace("\t", TAB)
        start = width(d.source[: d.column - 1])
        span = max(1, width(d.source[d.column - 1: d.end_column - 1]) if d.end_line == d.line else 1)
        lines += [f"{gutter} |", f"{d.line} | {shown}",
                  f"{gutter} | " + " " * start + _paint("^" * span, _COLORS.get(d.severity, ""), color)]
    label = "相关位置" if lang == "zh" else "related"
    lines += [f"   = {label} {related_at(r)}: {r['message']}{place_note(r.get('place'), lang)}"
              for r in d.related]
    if d.fix:
        lines.append("   = " + _FIX[lang == "en"][d.fix["applicability"]] + describe_fix(d.fix))
    return lines + [""]


_FIX = ({"safe": "可用 --fix 修复：", "unsafe": "可用 --unsafe-fixes 修复（需核对）："},
        {"safe": "fix (--fix): ", "unsafe": "unsafe fix (--unsafe-fixes, check it): "})


def summary(counts: dict[str, int], files: int, lang: str, fixable: dict[str, int] | None = None) -> str:
    """One line: files, errors, warnings (`counts`: findings per severity); and, as ruff says it,
    how many of them a fix mends (`fixable`: findings with a fix, by applicability)."""
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    safe, unsafe = (fixable or {}).get("safe", 0), (fixable or {}).get("unsafe", 0)
    if lang == "en":
        fixes = [f"{safe} fixable with --fix"] * bool(safe) + [f"{unsafe} with --unsafe-fixes (check them)"] * bool(unsafe)
        return f"Checked {files} file(s): {errors} error(s), {warnings} warning(s)." + (
            f" [*] {'; '.join(fixes)}." if fixes else "")
    fixes = [f"{safe} 个可用 --fix 修复"] * bool(safe) + [f"{unsafe} 个可用 --unsafe-fixes 修复（需核对）"] * bool(unsafe)
    return f"共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告" + (f"；其中 {'，'.join(fixes)}" if fixes else "") + "。"


def render(diagnostics, context) -> str:
    out: list[str] = []
    for d in diagnostics:
        out += _block(d, context.color, context.lang)
    return "\n".join(out) + ("\n" if out else "")
