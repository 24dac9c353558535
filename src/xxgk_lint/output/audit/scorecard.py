"""The scorecard: one table row per report (a plain table without the script; sorted and filtered
with it). Rows are kept small — closing tags left out where HTML allows, the mandatory items as one
mark each — since a corpus may hold 10,000 reports."""
from __future__ import annotations

from html import escape

from .strings import AREAS, ITEMS, STATUSES
from .tables import number

# (key, label key, numeric): the columns, as in the reports CSV
COLUMNS = [("index", "col.index", True), ("path", "col.path", False), ("agency", "col.agency", False),
           ("year", "col.year", True), ("template", "col.template", False), ("score", "col.score", True),
           ("errors", "col.errors", True), ("warnings", "col.warnings", True), ("findings", "col.findings", True),
           *((f"area.{a}", f"area.{a}", True) for a in AREAS), *((f"item.{i}", f"item.{i}", False) for i in ITEMS)]


def scorecard(reports: list, w: dict, linked: set[int]) -> str:
    """The scorecard of `reports` (settled summaries); a findings count links to the report's findings
    when the page lists some of them (`linked`: their indexes)."""
    heads = "".join(
        f'<th data-c="{key}"{" data-t=n class=n" if numeric else ""}'
        f'{_title(key, w)}><button type="button">{escape(w[label])}</button></th>'
        for key, label, numeric in COLUMNS)
    years = sorted({str(r.year) for r in reports if r.year is not None})
    templates = sorted({r.template for r in reports if r.template})
    options = lambda values: "".join(f"<option>{escape(v)}</option>" for v in values)  # noqa: E731
    controls = (
        '<div id="controls" hidden>'
        f'<input id="q" type="search" placeholder="{escape(w["filter.text"])}" aria-label="{escape(w["filter.text"])}">'
        f'<label>{escape(w["filter.year"])} <select id="fy"><option value="">{escape(w["filter.all"])}</option>'
        f'{options(years)}</select></label>'
        f'<label>{escape(w["filter.template"])} <select id="ft"><option value="">{escape(w["filter.all"])}</option>'
        f'{options(templates)}</select></label>'
        f'<label>{escape(w["filter.status"])} <select id="fs"><option value="">{escape(w["filter.all"])}</option>'
        f'<option value="fail">{escape(w["filter.failed"])}</option>'
        f'<option value="unknown">{escape(w["filter.unknown"])}</option>'
        f'<option value="errors">{escape(w["filter.errors"])}</option></select></label>'
        f'<span id="shown" class="note" data-say="{escape(w["filter.shown"])}"></span></div>')
    marks = {s: f'<td class=i-{s[0]}>{w["mark." + s]}' for s in STATUSES}
    unknown = escape(w["unknown"])
    rows = []
    for r in reports:
        findings = f'<a href="#f{r.index}">{r.total}</a>' if r.index in linked else str(r.total)
        rows.append(
            f'<tr id=r{r.index}><td>{r.index}<td>{escape(r.path)}<td>{escape(r.agency)}'
            f'<td>{r.year if r.year is not None else unknown}<td>{escape(r.template) or unknown}'
            f'<td>{number(r.score)}<td>{r.errors}<td>{r.warnings}<td>{findings}'
            + "".join(f"<td>{r.areas.get(a, 0)}" for a in AREAS)
            + "".join(marks[r.items[item]] for item in ITEMS) + "\n")
    return (f'<section id="scorecard"><h2>{escape(w["nav.scorecard"])}</h2>'
            f'<p class="note">{escape(w["scorecard.note"])}</p>{controls}<style>{_ALIGN}</style>'
            f'<div class="wrap"><table id="score" class="paged"><thead><tr>{heads}</tr></thead><tbody>\n'
            f'{"".join(rows)}</tbody></table></div>{pager("score", w)}</section>')


def pager(table: str, w: dict) -> str:
    """The pages of a long table (shown by the script; without it every row shows)."""
    return (f'<div class="pager" id="{table}-pager" data-say="{escape(w["pager.range"])}" hidden>'
            f'<button type="button" class="prev">{escape(w["pager.prev"])}</button><span></span>'
            f'<button type="button" class="next">{escape(w["pager.next"])}</button></div>')


def _style(key: str, numeric: bool) -> str:
    if numeric:
        return "text-align:right"
    if key == "path":
        return "word-break:break-all;min-width:140px"
    if key == "agency":
        return "min-width:8em;max-width:14em;word-break:break-all"
    return "text-align:center;font-weight:700" if key.startswith("item.") else ""


# the cells' alignment by column (the rows carry no classes for it: there may be 10,000 of them)
_ALIGN = "".join(f"#score td:nth-child({i}){{{style}}}" for i, (key, _, numeric) in enumerate(COLUMNS, 1)
                 if (style := _style(key, numeric)))


def _title(key: str, w: dict) -> str:
    if key.startswith("area."):
        return f' title="{escape(w["area.long." + key[5:]])}"'
    return ""
