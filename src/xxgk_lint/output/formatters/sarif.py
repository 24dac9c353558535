"""SARIF 2.1.0 for GitHub code scanning and SARIF viewers (one run, every enabled rule, stable fingerprints).

Regions: columns are Unicode code points (`run.columnKind`), `endColumn` exclusive. A zero-width span
(a blank cell, a missing title or row: where something should be inserted) stays a zero-width region,
`endColumn == startColumn`. SARIF allows empty regions (an insertion point) and the schema only asks
for columns >= 1; widening it to one character would point at an unrelated character, or past the end
of the line when the insertion point is at the end, which SARIF calls a producer bug.

A .docx or .pdf is a binary artifact: its findings have no text region but a logical location
naming the page, paragraph, table, row and column, and these (with the quoted text) as properties.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..diagnostic import PLACE_FIELDS, describe_place

if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from . import Notification, RunContext

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/xxgk-lint/xxgk-lint"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
NOTIFICATION_LEVELS = {"error": "error", "warning": "warning", "note": "note", "info": "note"}
HEADINGS = {
    "zh": {"what": "说明", "why": "原因", "example": "示例", "fix": "修改方法"},
    "en": {"what": "What", "why": "Why", "example": "Example", "fix": "How to fix"},
}
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")


def render(diagnostics: list[Diagnostic], context: RunContext) -> str:
    return json.dumps(build(diagnostics, context), ensure_ascii=False, indent=2) + "\n"


def build(diagnostics: list[Diagnostic], context: RunContext) -> dict:
    cwd = Path(context.cwd).absolute()
    rules = list(context.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    line_hashes = _line_hash_fingerprints(diagnostics, cwd)
    logical_hashes = _logical_fingerprints(diagnostics, cwd)
    results = [_result(d, cwd, index, line_hashes[i], logical_hashes[i]) for i, d in enumerate(diagnostics)]
    driver = {"name": "xxgk-lint", "informationUri": INFORMATION_URI,
              "rules": [_rule(r, context.lang) for r in rules]}
    if context.version:
        driver["version"] = context.version
    invocation = {"executionSuccessful": context.successful}
    if context.notifications:
        invocation["toolExecutionNotifications"] = [_notification(n, cwd) for n in context.notifications]
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _dir_uri(cwd)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


# --- rules -------------------------------------------------------------------------------------------

def _rule(rule, lang: str) -> dict:  # a checks.rule.Rule: the output layer knows it by its fields
    docs = rule.docs or {}
    what, why = docs.get("what", "").strip(), docs.get("why", "").strip()
    # User rule files may have no docs: GitHub shows shortDescription as the alert title, so never empty.
    short = _first_sentence(what) or rule.name
    heads = HEADINGS["en" if lang == "en" else "zh"]
    parts = [(heads[key], docs[key].strip()) for key in ("what", "why", "example", "fix") if docs.get(key)]
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": " ".join(p for p in (what, why) if p) or short},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": [rule.kind]},
    }
    if parts:
        out["help"] = {
            "text": "\n\n".join(f"{head}: {body}" for head, body in parts),
            # The docs are written with markdown code spans already, so they are not escaped.
            "markdown": "\n\n".join(f"**{head}**: {body}" for head, body in parts),
        }
    return out


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0].strip() if text else ""


# --- results -----------------------------------------------------------------------------------------

def _result(d: Diagnostic, cwd: Path, index: dict, line_hash: str, logical_hash: str) -> dict:
    artifact = _artifact(d.path, cwd)
    location = _location(artifact, _region(d), d.place, d.line, d.column)
    if d.logical:
        location.setdefault("logicalLocations", []).insert(
            0, {"name": d.logical.rsplit("/", 1)[-1], "fullyQualifiedName": d.logical})
    out: dict = {"ruleId": d.code}
    if d.code in index:  # a diagnostic from a rule that is not in the run's rules gets no (wrong) index
        out["ruleIndex"] = index[d.code]
    out.update({
        "level": LEVELS.get(d.severity, "warning"),
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": line_hash, "logicalLocation/v1": logical_hash},
    })
    if d.related:
        out["relatedLocations"] = [
            {"id": i, **_location(_artifact(r["path"], cwd) if r.get("path") else artifact,
                                  {"startLine": r["line"], "startColumn": r["column"]}, r.get("place"),
                                  r["line"], r["column"]),
             "message": {"text": r["message"]}}
            for i, r in enumerate(d.related, start=1)
        ]
    if d.fix is not None:  # SARIF §3.55: the edits, in the file's own lines and columns
        out["fixes"] = [{
            "description": {"text": f"{d.code} ({d.fix['applicability']})"},
            "artifactChanges": [{"artifactLocation": artifact, "replacements": [
                {"deletedRegion": {"startLine": e["line"], "startColumn": e["column"], "endLine": e["line"],
                                   "endColumn": e["end_column"]},
                 "insertedContent": {"text": e["new"]}} for e in d.fix["edits"]]}],
        }]
    if d.suppression is not None:
        suppression = {"kind": d.suppression["kind"]}
        if d.suppression.get("justification"):
            suppression["justification"] = d.suppression["justification"]
        out["suppressions"] = [suppression]
    return out


def _location(artifact: dict, region: dict, place: dict | None, line: int, column: int) -> dict:
    """A text file: the region. A .docx or .pdf is a binary artifact, where SARIF has no text regions:
    the place is a logical location (page/3/table/2/row/5/column/10) and the location's properties
    (page, page_line, paragraph, table, row, column, quote, and the line and column in the text as read)."""
    if not place:
        return {"physicalLocation": {"artifactLocation": artifact, "region": region}}
    steps = [(key, place[key]) for key in PLACE_FIELDS if key in place]
    return {
        "physicalLocation": {"artifactLocation": artifact},
        "logicalLocations": [{"name": describe_place({k: v for k, v in place.items() if k != "quote"}, "en"),
                              "fullyQualifiedName": "/".join(f"{key}/{value}" for key, value in steps),
                              "kind": "element"}],
        "properties": {**place, "textLine": line, "textColumn": column},
    }


def _region(d: Diagnostic) -> dict:
    end_line, end_column = d.end_line, d.end_column
    if (end_line, end_column) < (d.line, d.column):  # never emit an end before the start
        end_line, end_column = d.line, d.column
    return {"startLine": d.line, "startColumn": d.column, "endLine": end_line, "endColumn": end_column}


def _notification(n: Notification, cwd: Path) -> dict:
    out: dict = {"level": NOTIFICATION_LEVELS.get(n.level, "error"), "message": {"text": n.message}}
    if n.path:  # a notification about the run as a whole has no file
        out["locations"] = [{"physicalLocation": {
            "artifactLocation": _artifact(n.path, cwd),
            "region": {"startLine": max(n.line, 1), "startColumn": max(n.column, 1)},
        }}]
    return out


# --- paths -------------------------------------------------------------------------------------------

def relative_path(path: str, cwd: Path) -> str | None:
    """`path` relative to `cwd` with '/' separators, or None when it lies outside `cwd`."""
    absolute = Path(os.path.abspath(cwd / path))
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return None


def _artifact(path: str, cwd: Path) -> dict:
    relative = relative_path(path, cwd)
    if relative is None:  # outside the source root: GitHub cannot place it anyway; say where it is
        return {"uri": Path(os.path.abspath(cwd / path)).as_uri()}
    # RFC 3986: Chinese names, spaces, '%', ':' and '#' must be percent-encoded (UTF-8); '/' stays.
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _dir_uri(cwd: Path) -> str:
    uri = cwd.as_uri()
    return uri if uri.endswith("/") else uri + "/"  # SARIF: a base URI must end with '/'


# --- fingerprints ------------------------------------------------------------------------------------

def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _line_hash_fingerprints(diagnostics: list[Diagnostic], cwd: Path) -> list[str]:
    """GitHub's scheme: hash of the line's text, ':' and which occurrence of that text in the file it is.

    The formatter sees only the lines that carry diagnostics, so the occurrence counts those lines
    (distinct line numbers, in file order); inserting lines elsewhere changes neither part.
    """
    lines: dict[tuple[str, str], set[int]] = {}
    keys = []
    for d in diagnostics:
        key = (_file_key(d.path, cwd), _hash(d.source.strip()))
        lines.setdefault(key, set()).add(d.line)
        keys.append(key)
    order = {key: sorted(numbers) for key, numbers in lines.items()}
    return [f"{key[1]}:{order[key].index(d.line)}" for key, d in zip(keys, diagnostics)]


def _logical_fingerprints(diagnostics: list[Diagnostic], cwd: Path) -> list[str]:
    """Rule, file and logical place (table/row/column), numbered when one place has several findings."""
    seen: dict[str, int] = {}
    out = []
    for d in diagnostics:
        digest = _hash("\0".join((d.code, _file_key(d.path, cwd), d.logical)))
        out.append(f"{digest}:{seen.get(digest, 0)}")
        seen[digest] = seen.get(digest, 0) + 1
    return out


def _file_key(path: str, cwd: Path) -> str:
    """The same file gets the same key on any machine: relative to the source root when inside it."""
    relative = relative_path(path, cwd)
    return relative if relative is not None else Path(os.path.abspath(cwd / path)).as_posix()
