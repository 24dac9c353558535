"""The diagnostic: what a rule found, where, and how to say it."""
from __future__ import annotations

from ..speed import Record


# Where a person finds a finding in a .docx or .pdf (json fields, in this order); `quote` is its text
PLACE_FIELDS = ("page", "page_line", "paragraph", "table", "row", "column")


# How each language says a place: the words of each field, how a group's fields join (page and its
# line; table, row and column), how groups join, and the quote's marks.
_WORDS = {
    "zh": {"page": "第 {} 页", "page_line": "第 {} 行", "paragraph": "第 {} 段", "table": "第 {} 个表格",
           "row": "第 {} 行", "column": "第 {} 列", "inner": "", "outer": "，", "quote": "「{}」"},
    "en": {"page": "page {}", "page_line": "line {}", "paragraph": "paragraph {}", "table": "{} table",
           "row": "row {}", "column": "column {}", "inner": ", ", "outer": ", ", "quote": ' "{}"'},
}
_GROUPS = (("page", "page_line"), ("paragraph",), ("table", "row", "column"))


def describe_place(place: dict | None, lang: str) -> str:
    """A place as a person reads it: 第 3 页，第 2 个表格第 5 行第 10 列 / page 3, 2nd table, row 5,
    column 10 (the document's second table: messages call the template's tables 表二, 表三, 表四);
    "" when there is none (text files and HTML: their line and column are the place)."""
    if not place:
        return ""
    words = _WORDS["en" if lang == "en" else "zh"]
    shown = {**place, "table": _ordinal(place["table"])} if lang == "en" and place.get("table") else place
    groups = [words["inner"].join(words[key].format(shown[key]) for key in group if shown.get(key))
              for group in _GROUPS if shown.get(group[0])]
    quote = words["quote"].format(_short(place["quote"])) if place.get("quote") else ""
    return words["outer"].join(groups) + quote


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st: the document's tables in order, not 表二/表三 of the
    template, which messages name."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def place_note(place: dict | None, lang: str) -> str:
    """The place appended to a one-line message: "（第 3 页，第 2 个表格第 5 行第 10 列「95」）"; "" without one."""
    text = describe_place(place, lang)
    return "" if not text else f" ({text})" if lang == "en" else f"（{text}）"


def describe_fix(fix: dict) -> str:
    """What a fix changes: 「13」→「12」; an insertion, +「…」 (a new line shown as ↵)."""
    return "；".join((f"「{e['old']}」→「{e['new']}」" if e["old"] else f"+「{e['new']}」").replace("\n", "↵")
                    for e in fix["edits"])


def related_at(related: dict) -> str:
    """Where a related location is, as a one-line format says it: 55:19, or published/2023.md:55:19
    when it is in another file (a finding across reports)."""
    at = f"{related['line']}:{related['column']}"
    return f"{related['path']}:{at}" if related.get("path") else at


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Diagnostic(Record):
    __slots__ = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message",
                 "related", "logical", "source", "suppression", "place", "fix")

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, code: str, name: str,
                 severity: str, message: str, related: list[dict] | None = None, logical: str = "",
                 source: str = "", suppression: dict | None = None, place: dict | None = None,
                 fix: dict | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.related = [] if related is None else related
        self.logical = logical  # table/row/column or part: where the finding is, surviving line shifts
        self.source = source  # the file's line at `line`, for context and line-hash fingerprints
        # {"kind": "external"|"inSource", "justification": str} if suppressed
        self.suppression = suppression
        # .docx, .pdf: where a person looks (PLACE_FIELDS present, and "quote"); line and column are
        # then positions in the document's text as read (`xxgk-lint text FILE`)
        self.place = place
        # {"applicability": "safe"|"unsafe", "edits": [{line, column, end_column, old, new}]} in the
        # file's own positions (one line each); None: no fix
        self.fix = fix

    def sort_key(self) -> tuple:
        # stable sort: findings at one place keep the rule's order (T002 rows in template order)
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict:
        out = {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "code": self.code, "name": self.name, "severity": self.severity,
            "message": self.message, "related": self.related,
        }
        if self.place:  # a .docx or .pdf: the page, paragraph, table, row and column, and the text
            out["place"] = self.place
        if self.suppression is not None:  # only with --include-suppressed
            out["suppression"] = self.suppression
        if self.fix is not None:
            out["fix"] = self.fix
        return out
