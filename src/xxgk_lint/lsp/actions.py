"""Code actions on a finding: its fix where the rule has one (safe ones preferred; an unsafe one
says so in its title), and "suppress this finding here" — a comment on the line before, with a
reason to fill in — in Markdown and HTML, where comments are not report text. And for the document,
`source.fixAll.xxgk-lint`: every safe fix at once, as `xxgk-lint --fix` makes them (on save, where
the editor is told to)."""
from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from ..checks.fixes import fix_text
from ..checks.suppressions import INLINE_SUFFIXES
from ..output.diagnostic import Diagnostic, describe_fix
from .positions import to_lsp, units

FIX_ALL = "source.fixAll.xxgk-lint"

REASON = "请填写理由"  # the placeholder: a comment without a reason silences nothing (README)
_TITLES = {
    "zh": {"safe": "修复 {code}：{what}", "unsafe": "修复 {code}（不安全，请核对）：{what}",
           "suppress": "在此处忽略 {code}（需填写理由）", "all": "修复全部可安全修复的问题（{n} 处）"},
    "en": {"safe": "Fix {code}: {what}", "unsafe": "Fix {code} (unsafe, check it): {what}",
           "suppress": "Suppress {code} here (give a reason)", "all": "Fix all safely fixable findings ({n})"},
}


def code_actions(uri: str, path: str, text: str, lines: list[str], found: list[tuple[Diagnostic, types.Diagnostic]],
                 wanted: types.Range, encoding: str, lang: str) -> list[types.CodeAction]:
    """The actions for the findings whose range meets `wanted` (`found`: each finding with its LSP form)."""
    words = _TITLES["en" if lang == "en" else "zh"]
    eol = "\r\n" if "\r\n" in text else "\n"
    out = []
    for d, shown in found:
        if not _meets(shown.range, wanted):
            continue
        if d.fix and all(_still_there(lines, e) for e in d.fix["edits"]):
            kind = d.fix["applicability"]
            what = describe_fix(d.fix)
            edits = [types.TextEdit(_range(lines, e["line"], e["column"], e["end_column"], encoding),
                                    e["new"].replace("\n", eol)) for e in d.fix["edits"]]
            out.append(types.CodeAction(
                title=words[kind].format(code=d.code, what=what), kind=types.CodeActionKind.QuickFix,
                diagnostics=[shown], is_preferred=kind == "safe",
                edit=types.WorkspaceEdit(changes={uri: edits})))
        if path.lower().endswith(INLINE_SUFFIXES) and d.line <= len(lines):
            out.append(types.CodeAction(
                title=words["suppress"].format(code=d.code), kind=types.CodeActionKind.QuickFix,
                diagnostics=[shown], edit=types.WorkspaceEdit(changes={uri: [_suppression(path, lines, d, eol, encoding)]})))
    return out


def _suppression(path: str, lines: list[str], d: Diagnostic, eol: str, encoding: str) -> types.TextEdit:
    """The comment that silences the finding: on the line before it, or — on a row of a Markdown table,
    which a comment line would end — at the end of its line."""
    line = lines[d.line - 1]
    if path.lower().endswith((".md", ".markdown")) and line.lstrip().startswith("|"):
        at = types.Position(d.line - 1, units(line, encoding))
        return types.TextEdit(types.Range(at, at), f" <!-- xxgk-lint: disable-line {d.code} -- {REASON} -->")
    indent = line[:len(line) - len(line.lstrip())]
    at = types.Position(d.line - 1, 0)
    return types.TextEdit(types.Range(at, at), f"{indent}<!-- xxgk-lint: disable-next-line {d.code} -- {REASON} -->{eol}")


def fix_all(uri: str, text: str, lines: list[str], found: list[tuple[Diagnostic, types.Diagnostic]],
            lint: Callable[[str], list[Diagnostic]], encoding: str, lang: str) -> types.CodeAction | None:
    """Every safe fix of the document as one edit of its whole text, made pass after pass as
    `xxgk-lint --fix` makes them (`lint`: the findings of a text); None when there is none."""
    new, applied, _ = fix_text(text, lint, False, [d for d, _ in found])
    if not applied:
        return None
    shown = [lsp for d, lsp in found if any(d is a for a in applied)]
    whole = types.Range(types.Position(0, 0), types.Position(len(lines) - 1, units(lines[-1], encoding)))
    return types.CodeAction(
        title=_TITLES["en" if lang == "en" else "zh"]["all"].format(n=len(applied)), kind=FIX_ALL,
        diagnostics=shown, edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(whole, new)]}))


def _still_there(lines: list[str], e: dict) -> bool:
    """The text an edit replaces is at its place in the document: not when the document changed
    since it was linted, nor in HTML where the cell's text is not its source (markup inside)."""
    return 0 < e["line"] <= len(lines) and lines[e["line"] - 1][e["column"] - 1:e["end_column"] - 1] == e["old"]


def _range(lines: list[str], line: int, column: int, end_column: int, encoding: str) -> types.Range:
    start, end = to_lsp(lines, line, column, encoding), to_lsp(lines, line, end_column, encoding)
    return types.Range(types.Position(*start), types.Position(*end))


def _meets(a: types.Range, b: types.Range) -> bool:
    start = (b.start.line, b.start.character)
    end = (b.end.line, b.end.character)
    return (a.start.line, a.start.character) <= end and start <= (a.end.line, a.end.character)
