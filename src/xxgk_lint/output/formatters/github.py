"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's files.

`::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message` (warning: ::warning,
info: ::notice). A finding in a .docx or .pdf annotates the file (it has no lines GitHub could show)
and says its page, paragraph, table, row and column in the message. Related cells are appended to the message, one per line. Suppressed findings are
left out: an annotation cannot say "suppressed" and would raise again what the user silenced.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostic import place_note, related_at
from .sarif import relative_path

if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from . import RunContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice", "note": "notice"}


def escape_data(text: str) -> str:
    """The runner's escaping of a command's message (`%` first, so escapes are not re-escaped)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values end at ',' and the properties at '::', so ':' and ',' are escaped too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}\n"


def render(diagnostics: list[Diagnostic], context: RunContext) -> str:
    cwd = Path(context.cwd).absolute()
    out = []
    for d in diagnostics:
        if d.suppression is not None:
            continue
        props: dict = {"file": _path(d.path, cwd)}
        if d.place:
            pass  # a .docx or .pdf: no line of the file to annotate; the place is in the message
        elif d.end_line == d.line:  # GitHub: columns only when the annotation is on one line
            props.update(line=d.line, col=d.column, endLine=d.end_line, endColumn=max(d.end_column, d.column))
        else:
            props.update(line=d.line, endLine=max(d.end_line, d.line))
        props["title"] = f"{d.code} {d.name}"
        message = d.message + place_note(d.place, context.lang) + "".join(
            f"\n  {related_at(r)}: {r['message']}{place_note(r.get('place'), context.lang)}" for r in d.related)
        out.append(command(COMMANDS.get(d.severity, "warning"), props, message))
    for n in context.notifications:
        props = {"file": _path(n.path, cwd), "line": n.line, "col": n.column} if n.path else {"title": "xxgk-lint"}
        out.append(command(COMMANDS.get(n.level, "error"), props, n.message))
    return "".join(out)


def _path(path: str, cwd: Path) -> str:
    # Annotations are placed by the path relative to the workspace, which is where the linter runs.
    relative = relative_path(path, cwd)
    return relative if relative is not None else path
