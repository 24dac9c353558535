"""The page's sections after the scorecard: the agencies over the years, the jumps worth a look, and
the findings of each report (anchored f<index>, linked from the scorecard and back)."""
from __future__ import annotations

from html import escape

from . import charts
from .scorecard import pager
from .strings import TRENDS
from .tables import number


def _values(values: list, w: dict) -> str:
    return " · ".join(number(v) if v is not None else w["unknown"] for v in values)


def agencies_section(groups: list, single: int, unnamed: int, w: dict, linked: set[int]) -> str:
    """One row per agency with reports of two or more years: its years (linked to the scorecard), a
    small chart and the values of each key figure, its findings across years by code (linked to the
    first report's findings when the page lists them: `linked`)."""
    head = "".join(f'<th>{escape(w[key])}</th>' for key in
                   ("col.agency", "col.years", *(f"fig.{f}" for f in TRENDS), "agencies.x"))
    rows = []
    for agency in groups:
        years = " ".join(f'<a href="#r{r.index}">{r.year}</a>' for r in agency.reports)
        cells = []
        for figure in TRENDS:
            values = agency.series(figure)
            cells.append(f"<td>{charts.spark(values, agency.years)}<span>{escape(_values(values, w))}</span>")
        x = ", ".join(f'<a href="#f{index}">{escape(code)} ×{n}</a>' if index in linked else f"{escape(code)} ×{n}"
                      for code, (n, index) in sorted(agency.x_codes.items()))
        rows.append(f"<tr><td>{escape(agency.name)}<td>{years}{''.join(cells)}<td>{x}\n")
    notes = [escape(w["agencies.note"].format(single=single))]
    if unnamed:
        notes.append(escape(w["agencies.unknown"].format(count=unnamed)))
    body = (f'<div class="wrap"><table id="agency" class="paged"><thead><tr>{head}</tr></thead><tbody>\n'
            f'{"".join(rows)}</tbody></table></div>{pager("agency", w)}' if rows
            else f'<p>{escape(w["agencies.none"])}</p>')
    return (f'<section id="agencies"><h2>{escape(w["nav.agencies"])}</h2>'
            f'<p class="note">{" ".join(notes)}</p>{body}</section>')


def jumps_section(found: list, factor: float, floor: float, w: dict) -> str:
    """The key figures that changed ×factor or ÷factor against the agency's previous report: notes."""
    items = []
    template = escape(w["jumps.item"])
    for jump in found:
        ratio = jump.ratio
        times = w["jumps.up" if ratio >= 1 else "jumps.down"].format(times=number(round(max(ratio, 1 / ratio), 1)))
        before, after = jump.before, jump.after
        items.append("<li>" + template.format(
            agency=escape(jump.agency), figure=escape(w["fig." + jump.figure]),
            before=number(before.figures[jump.figure]), after=number(after.figures[jump.figure]),
            year_before=f'<a href="#r{before.index}">{before.year}</a>',
            year_after=f'<a href="#r{after.index}">{after.year}</a>', ratio=escape(times)) + "</li>")
    note = escape(w["jumps.note"].format(factor=number(factor), floor=number(floor)))
    body = f'<ul id="jump-list">{"".join(items)}</ul>' if items else f'<p>{escape(w["jumps.none"])}</p>'
    return f'<section id="jumps"><h2>{escape(w["nav.jumps"])}</h2><p class="note">{note}</p>{body}</section>'


QUOTE_LIMIT = 300  # characters of a quoted line on the page (the findings CSV has it whole)
RELATED_LIMIT = 6  # related locations listed on the page (the findings CSV has them all)


def _finding(f, w: dict, anchors: dict[str, int], csv_name: str) -> str:
    place = f' <span class="place">{escape(f.place)}</span>' if f.place else ""
    quote = f.quote if len(f.quote) <= QUOTE_LIMIT else f.quote[:QUOTE_LIMIT - 1] + "…"
    quoted = f'<code class="q">{escape(quote)}</code>' if quote.strip() else ""
    related = ""
    if f.related:
        items = []
        for path, line, column, message, where in f.related[:RELATED_LIMIT]:
            position = escape(f"{line}:{column}" if path == f.path else f"{path}:{line}:{column}")
            if path != f.path and path in anchors:
                position = f'<a href="#r{anchors[path]}">{position}</a>'
            items.append(f"<span class=pos>{position}</span> {escape(message)}"
                         + (f" <span class=place>{escape(where)}</span>" if where else ""))
        if len(f.related) > RELATED_LIMIT:
            items.append(escape(w["related.more"].format(more=len(f.related) - RELATED_LIMIT, csv=csv_name)))
        related = f'<div class="rel">{escape(w["related"])}{escape(w["sep"]).join(items)}</div>'
    severity = w.get("severity." + f.severity, f.severity)
    return (f'<li class="sev-{escape(f.severity)}"><span class="code" title="{escape(f.name)}">{escape(f.code)}</span> '
            f'{escape(severity)} <span class="pos">{escape(f"{f.path}:{f.line}:{f.column}")}</span>{place}'
            f'<div>{escape(f.message)}</div>{quoted}{related}</li>')


def findings_section(shown: list, reports: list, counts: dict[str, int], names: dict[str, str], limit: int,
                     csv_name: str, w: dict) -> str:
    """Per code how many findings and how many listed (a line for each code with more than the limit),
    then each report's listed findings."""
    per_code: dict[str, int] = {}
    for f in shown:
        per_code[f.code] = per_code.get(f.code, 0) + 1
    table = "".join(f'<tr><td class="code">{escape(code)}<td>{escape(names.get(code, ""))}<td class=n>{counts[code]}'
                    f'<td class=n>{per_code.get(code, 0)}\n' for code in sorted(counts))
    more = "".join(f'<p class="more" data-code="{escape(code)}">'
                   + escape(w["findings.more"].format(code=code, more=counts[code] - per_code.get(code, 0), csv=csv_name))
                   + "</p>" for code in sorted(counts) if counts[code] > per_code.get(code, 0))
    head = "".join(f"<th{' class=n' if n else ''}>{escape(w[k])}</th>"
                   for k, n in (("col.code", 0), ("col.name", 0), ("col.count", 1), ("col.shown", 1)))
    by_report: dict[int, list] = {}
    others: dict[str, list] = {}
    for f in shown:
        if f.report:
            by_report.setdefault(f.report, []).append(f)
        else:
            others.setdefault(f.path, []).append(f)
    anchors = {r.path: r.index for r in reports}
    parts = []
    for report in reports:
        listed = by_report.get(report.index)
        if not listed:
            continue
        count = escape(w["findings.report"].format(count=report.total))
        if len(listed) < report.total:
            count += f" · {escape(w['col.shown'])} {len(listed)}"
        meta = " ".join(escape(x) for x in (report.agency, str(report.year or "")) if x)
        parts.append(f'<div class="rep" id="f{report.index}"><h3><a href="#r{report.index}">{escape(report.path)}</a> '
                     f'<span class="note">{meta} · {count}</span></h3><ol>'
                     + "".join(_finding(f, w, anchors, csv_name) for f in listed) + "</ol></div>\n")
    if others:
        parts.append(f"<h3>{escape(w['findings.other'])}</h3>")
        for path, listed in others.items():
            parts.append(f'<div class="rep"><h3>{escape(path)}</h3><ol>'
                         + "".join(_finding(f, w, anchors, csv_name) for f in listed) + "</ol></div>\n")
    note = escape(w["findings.note"].format(limit=limit, csv=csv_name))
    summary = (f'<div class="wrap"><table id="codes"><thead><tr>{head}</tr></thead><tbody>{table}</tbody></table></div>'
               if counts else f"<p>{escape(w['findings.none'])}</p>")
    return (f'<section id="findings"><h2>{escape(w["nav.findings"])}</h2><p class="note">{note}</p>{summary}'
            f'{more}{"".join(parts)}</section>')
