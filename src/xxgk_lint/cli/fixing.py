"""The check command's fixes, as ruff's: `--fix` writes the safe fixes into the files named (text
formats only), `--unsafe-fixes` the unsafe ones too, each unsafe change listed on standard error,
and the file is linted again so that what is reported is what remains; `--diff` shows them and
writes nothing; with standard input (`-`), the fixed text goes to standard output (`--diff`: the
diff) and the findings to standard error. A finding suppressed inline or in the configuration is
never fixed; a file that cannot be written is said and left as it was, and the run goes on."""
from __future__ import annotations

import sys

from ..checks.suppressions import apply
from ..output.diagnostic import Diagnostic, describe_fix
from ..run.fixes import NotWritten, apply_fixes, diff, write_atomically
from ..run.runner import FileResult, Plan, lint_file, safe_lint

# only text is rewritten: a .docx or .pdf is the user's document, never touched
FIXABLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class Fixer:
    def __init__(self, plan: Plan, unsafe: bool, show_diff: bool) -> None:
        self.plan, self.unsafe, self.show_diff = plan, unsafe, show_diff
        self.fixed = 0  # findings whose fix was made (or, with --diff, would be)
        self.failed = False  # a file could not be written

    def take(self, result: FileResult) -> FileResult:
        """The file's result after its fixes: written (or shown as a diff), then linted again."""
        if result.error or not result.path.lower().endswith(FIXABLE_SUFFIXES):
            return result
        try:
            with open(result.path, "rb") as handle:
                before = handle.read()
        except OSError:
            return result
        fixed, after = fix_bytes(result.path, before, result, self.plan, self.unsafe)
        if not fixed.applied:
            return result
        if self.show_diff:
            self.fixed += len(fixed.applied)
            sys.stdout.write(diff(result.path, before, fixed.data))
            return after
        try:
            write_atomically(result.path, fixed.data)
        except NotWritten as exc:
            print(f"xxgk-lint: error: cannot write {result.path}: {exc}; its fixes are not made", file=sys.stderr)
            self.failed = True
            return result
        self.fixed += len(fixed.applied)
        say_unsafe(fixed.applied)
        return after

    def summary(self) -> None:
        if self.fixed:
            verb = "would fix" if self.show_diff else "fixed"
            print(f"xxgk-lint: {verb} {self.fixed} finding(s)", file=sys.stderr)


def fix_bytes(name: str, data: bytes, result: FileResult, plan: Plan, unsafe: bool):
    """The fixes of `data` (linted as `result`) made pass after pass, and the result of what remains."""
    last = [_marked(result, plan)]

    def relint(new: bytes) -> list[Diagnostic]:
        last.append(_marked(safe_lint(lambda: lint_file(name, plan, new, name), name, plan), plan))
        return last[-1].diagnostics

    fixed = apply_fixes(data, last[0].diagnostics, unsafe, relint)
    return fixed, last[-1]


def fix_stdin(name: str, data: bytes, plan: Plan, unsafe: bool) -> tuple[bytes, FileResult, list[Diagnostic]]:
    """Standard input's fixed bytes, what remains in them, and the findings whose fix was made."""
    result = safe_lint(lambda: lint_file(name, plan, data, name), name, plan)
    fixed, after = fix_bytes(name, data, result, plan, unsafe)
    return fixed.data, after, fixed.applied


def _marked(result: FileResult, plan: Plan) -> FileResult:
    """The result with the configured suppressions marked (inline ones are, by the linter): a
    suppressed finding is not fixed. Marking twice counts nothing twice (only unmarked findings)."""
    if plan.use_suppressions:
        apply([d for d in result.diagnostics if d.suppression is None], [], plan.settings.suppress)
    return result


def say_unsafe(applied: list[Diagnostic]) -> None:
    """An unsafe fix changes a number a person must check: never silently. Each change at its place."""
    for d in applied:
        if d.fix["applicability"] == "unsafe":
            e = d.fix["edits"][0]
            print(f"{d.path}:{e['line']}:{e['column']}: {d.code} unsafe fix applied: {describe_fix(d.fix)}", file=sys.stderr)

