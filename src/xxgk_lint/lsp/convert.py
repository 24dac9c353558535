"""A Diagnostic → an LSP diagnostic (range in the client's encoding, code, link to the rule's page,
related locations); a rule → hover text (its documentation, Markdown); a located configuration or
rule file error → a diagnostic on that file."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lsprotocol import types

from ..checks.docs import SECTIONS
from ..checks.rule import Rule
from ..checks.rulefile import FileError
from ..checks.ruleset import load_bundled_rules
from ..output.diagnostic import Diagnostic, place_note
from .positions import split_lines, to_range

SOURCE = "xxgk-lint"
SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}
REPOSITORY = "https://github.com/xxgk-lint/xxgk-lint"  # as output/formatters/sarif.py names it
# docs/rules/ of a source checkout (an editable install): the pages themselves, as file URIs
_DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules"


def rule_href(rule: Rule | None, code: str, name: str) -> str:
    """The rule's page: docs/rules/CODE-name.md beside the package when it is there, else the
    repository's; a user's rule, its rule file."""
    page = f"{code}-{name}.md"
    if rule is not None and rule.source and not _bundled(rule.source):
        return Path(os.path.abspath(rule.source)).as_uri()
    if (_DOCS / page).is_file():
        return (_DOCS / page).as_uri()
    return f"{REPOSITORY}/blob/main/docs/rules/{quote(page)}"


@lru_cache(maxsize=1)
def _bundled_sources() -> frozenset[str]:
    return frozenset(r.source for r in load_bundled_rules())


def _bundled(source: str) -> bool:
    return source in _bundled_sources()


def lsp_range(lines: list[str], line: int, column: int, end_line: int, end_column: int,
              encoding: str) -> types.Range:
    start, end = to_range(lines, line, column, end_line, end_column, encoding)
    return types.Range(types.Position(*start), types.Position(*end))


def to_lsp(d: Diagnostic, lines: list[str], uri: str, encoding: str, rules: dict[str, Rule],
           root: str = "", lang: str = "zh", related_info: bool = True, code_links: bool = True) -> types.Diagnostic:
    """`lines`: the document's text (split_lines); `root`: where a related location's relative path starts."""
    related = None
    if related_info and d.related:
        related = []
        for r in d.related:
            if r.get("path"):  # another file: its text is not at hand; code points as they come
                path = r["path"] if os.path.isabs(r["path"]) else os.path.join(root, r["path"])
                target, where = Path(os.path.abspath(path)).as_uri(), file_lines(path)
            else:
                target, where = uri, lines
            span = lsp_range(where, r["line"], r["column"], r["line"], r["column"] + 1, encoding)
            related.append(types.DiagnosticRelatedInformation(types.Location(target, span), r["message"]))
    href = rule_href(rules.get(d.code), d.code, d.name) if code_links else None
    return types.Diagnostic(
        range=lsp_range(lines, d.line, d.column, d.end_line, d.end_column, encoding),
        message=d.message + place_note(d.place, lang),
        severity=SEVERITIES.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=related,
        data={"name": d.name},
    )


def file_lines(path: str) -> list[str]:
    """A file's lines as on disk (a configuration or rule file, which the editor may not have open)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return split_lines(handle.read())
    except OSError:
        return []


def problem_to_lsp(error: FileError, lines: list[str], encoding: str) -> types.Diagnostic:
    """A configuration or rule file that cannot be used, at its error's place."""
    return types.Diagnostic(
        range=lsp_range(lines, error.line, error.column, error.line, error.column, encoding),
        message=error.message, severity=types.DiagnosticSeverity.Error, source=SOURCE,
    )


def hover_markdown(rule: Rule) -> str:
    """The rule's documentation: what it checks, why, an example, how to fix (as `xxgk-lint rule CODE`)."""
    parts = [f"**{rule.code}** `{rule.name}` ({rule.severity})"]
    for key, en, zh in SECTIONS:
        text = rule.docs.get(key, "").strip()
        if text:
            parts.append(f"**{zh} ({en})**\n\n{text}")
    return "\n\n".join(parts)


def contains(span: types.Range, position: types.Position) -> bool:
    start, end = (span.start.line, span.start.character), (span.end.line, span.end.character)
    return start <= (position.line, position.character) <= end
