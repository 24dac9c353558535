"""The check command's fixes, as ruff's: `--fix` writes the safe fixes into the files named (text
formats only), `--unsafe-fixes` the unsafe ones too, each change listed on standard error, and the
file is linted again so that what is reported is what remains; `--diff` shows them and writes
nothing; with standard input (`-`), the fixed text goes to standard output and the findings to
standard error."""
from __future__ import annotations

import sys

from ..output.diagnostic import Diagnostic
from ..run.fixes import apply_fixes, diff, write_atomically
from ..run.runner import FileResult, Plan, lint_file, safe_lint

# only text is rewritten: a .docx or .pdf is the user's document, never touched
FIXABLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class Fixer:
    def __init__(self, plan: Plan, unsafe: bool, show_diff: bool) -> None:
        self.plan, self.unsafe, self.show_diff = plan, unsafe, show_diff
        self.fixed = 0  # findings whose fix was made (or, with --diff, would be)

    def take(self, result: FileResult) -> FileResult:
        """The file's result after its fixes: written (or shown as a diff), then linted again."""
        if result.error or not result.path.lower().endswith(FIXABLE_SUFFIXES):
            return result
        try:
            with open(result.path, "rb") as handle:
                before = handle.read()
        except OSError:
            return result
        fixed = apply_fixes(before, result.diagnostics, self.unsafe)
        if not fixed.applied:
            return result
        self.fixed += len(fixed.applied)
        if self.show_diff:
            sys.stdout.write(diff(result.path, before, fixed.data))
            return FileResult(result.path, [d for d in result.diagnostics if d not in fixed.applied])
        _say_unsafe(fixed.applied)
        write_atomically(result.path, fixed.data)
        return safe_lint(lambda: lint_file(result.path, self.plan, fixed.data), result.path, self.plan)

    def summary(self) -> None:
        if self.fixed:
            verb = "would fix" if self.show_diff else "fixed"
            print(f"xxgk-lint: {verb} {self.fixed} finding(s)", file=sys.stderr)


def fix_stdin(name: str, data: bytes, plan: Plan, unsafe: bool) -> tuple[bytes, FileResult]:
    """Standard input's fixed bytes and what remains in them."""
    result = safe_lint(lambda: lint_file(name, plan, data, name), name, plan)
    fixed = apply_fixes(data, result.diagnostics, unsafe)
    if not fixed.applied:
        return data, result
    _say_unsafe(fixed.applied)
    return fixed.data, safe_lint(lambda: lint_file(name, plan, fixed.data, name), name, plan)


def _say_unsafe(applied: list[Diagnostic]) -> None:
    """An unsafe fix changes a number a person must check: never silently."""
    for d in applied:
        if d.fix["applicability"] == "unsafe":
            changes = "; ".join(f"「{e['old']}」→「{e['new']}」" for e in d.fix["edits"])
            print(f"{d.path}:{d.line}:{d.column}: {d.code} unsafe fix applied: {changes}", file=sys.stderr)
