"""What a schema cannot say about a rule: its messages name only its kind's parameters (here), and
what its kind's `prepare` checks (patterns are safe, relations parse, every table, row, column and
part named exists in a template: a rule that passed here must never fail while linting), each
reported at the rule file's own line and column."""
from __future__ import annotations

import difflib
import re
import string
from pathlib import Path

from .. import builtin
from ..kinds import KINDS, Context, OptionError, prepare
from ..rulefile import RuleFileError, options_of
from .source import position, snippet


def check_semantics(rule: dict, path: Path, root, prefix: list, lines: list[str], context: Context) -> None:
    """Messages first, then the kind's own checks of its options."""
    def fail(message: str, where: list, needle: str | None = None) -> None:
        """Raise at the node at `where`; with `needle`, at that text in the node's line (its value
        when `needle` is '' or not found there)."""
        line, col = position(root, prefix + where, value=needle is not None)
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found = text.find(needle, col - 1) if needle else -1
        raise RuleFileError(str(path), message, line, found + 1 if found >= 0 else col, snippet(lines, line))

    _check_messages(rule, fail)
    try:
        prepare(rule["kind"], options_of(rule), context)
    except OptionError as exc:
        fail(exc.message, exc.where, exc.needle)


def placeholders(kind: str) -> frozenset[str]:
    """The parameters a kind gives its findings: its module's PLACEHOLDERS, or a built-in kind's."""
    module = KINDS.get(kind)
    return module.PLACEHOLDERS if module is not None else builtin.PLACEHOLDERS.get(kind, frozenset())


def _check_messages(rule: dict, fail) -> None:
    allowed = placeholders(rule["kind"])
    for key in ("message", "message_en"):
        value = rule.get(key)
        texts = [(value, [key])] if isinstance(value, str) else \
            [(t, [key, variant]) for variant, t in value.items()] if isinstance(value, dict) else []
        for text, where in texts:
            problem, needle = message_problem(text, allowed)
            if problem:
                fail(problem, where, needle)


def message_problem(text: str, allowed: frozenset[str] | set[str]) -> tuple[str, str]:
    """Why a message template cannot be rendered with parameters named `allowed` ('' if it can),
    and the text to point at."""
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        return f"the message is not a valid template: {exc} (write `{{{{` and `}}}}` for a literal brace)", ""
    names = ", ".join(f"`{{{n}}}`" for n in sorted(allowed))
    for name, spec, conv in fields:
        written = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        if name == "" or name.isdigit():
            return f"positional placeholder `{written}` in the message: use a named one ({names})", written
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if base not in allowed:
            close = difflib.get_close_matches(base, sorted(allowed), n=1)
            hint = f" — did you mean `{{{close[0]}}}`?" if close else f" (this kind provides {names})"
            return f"unknown placeholder `{{{base}}}`{hint}", written
        if spec or conv or base != name:
            return (f"placeholder `{written}` uses a format spec, conversion or attribute, which messages do "
                    f"not support: write `{{{base}}}`"), written
    return "", ""
