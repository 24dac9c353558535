"""The audit page: one self-contained HTML file (style and script inline, charts as inline SVG, no
font or anything else fetched). Every text from a report goes through `html.escape`; the script
holds no data, so nothing in a report can end it."""
from __future__ import annotations

import os
from html import escape
from urllib.parse import quote

from ...version import __version__
from . import charts
from .assets import CSS, NOSCRIPT, SCRIPT
from .corpus import agencies, area_of, jumps
from .scorecard import scorecard
from .sections import agencies_section, findings_section, jumps_section
from .strings import AREAS, ITEMS, STATUSES, words
from .tables import number

TEMPLATES = ("2021", "2019", "")


def render(audit) -> str:
    """The page of a finished audit (`audit`: the Audit, its reports settled)."""
    w = words(audit.lang)
    files = " · ".join(f'<a href="{quote(audit.names[kind])}">{escape(w["file." + kind])} '
                       f'({escape(audit.names[kind])})</a>' for kind in ("reports", "findings", "figures"))
    nav = "".join(f'<a href="#{key}">{escape(w["nav." + key])}</a>'
                  for key in ("overview", "scorecard", "agencies", "jumps", "findings"))
    rubric = os.path.basename(audit.rubric.path)
    groups, single, unnamed = agencies(audit.summaries)
    found = jumps(groups, audit.rubric.jump_factor, audit.rubric.jump_floor)
    linked = {f.report for f in audit.shown if f.report}
    return "".join([
        '<!DOCTYPE html>\n<html lang="', "en" if audit.lang == "en" else "zh-CN", '"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="xxgk-lint {escape(__version__)}">',
        f"<title>{escape(w['title'])}</title><style>{CSS}</style>{NOSCRIPT}</head><body>",
        f"<header><h1>{escape(w['title'])}</h1>",
        f'<p class="meta">{escape(w["generated"].format(version=__version__, rubric=rubric))}</p>',
        f'<p class="meta">{escape(w["files"])}{files}</p><nav>{nav}</nav></header><main>',
        overview(audit, w),
        scorecard(audit.summaries, w, linked),
        agencies_section(groups, single, unnamed, w, linked),
        jumps_section(found, audit.rubric.jump_factor, audit.rubric.jump_floor, w),
        findings_section(audit.shown, audit.summaries, audit.code_counts, audit.code_names, audit.per_code_limit,
                         audit.names["findings"], w),
        f"</main><script>{SCRIPT}</script></body></html>\n",
    ])


def _figure(caption: str, svg: str, legend: str = "") -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{svg}{legend}</figure>"


def _legend(entries: list[tuple[str, str]]) -> str:
    return '<div class="legend">' + "".join(f'<span><i class="{cls}"></i>{escape(label)}</span>'
                                            for cls, label in entries) + "</div>"


def _year(year, w: dict) -> str:
    return w["year.none"] if year is None else str(year)


def overview(audit, w: dict) -> str:
    reports = audit.summaries
    with_errors = sum(1 for r in reports if r.errors)
    share = with_errors * 100 / len(reports) if reports else 0
    names = {r.agency for r in reports if r.agency}
    mean = sum(r.score for r in reports) / len(reports) if reports else None
    tiles = [(w["tile.reports"], number(len(reports))),
             (w["tile.errors"], f"{number(with_errors)} ({number(round(share, 1))}%)"),
             (w["tile.findings"], number(sum(audit.code_counts.values()))),
             (w["tile.agencies"], number(len(names))),
             (w["tile.score"], number(round(mean, 1)) if mean is not None else w["unknown"])]
    tile_html = "".join(f'<div class="tile"><b>{escape(value)}</b><span>{escape(label)}</span></div>'
                        for label, value in tiles)
    years = sorted({r.year for r in reports}, key=lambda y: (y is None, y or 0))
    by_year = {y: [r for r in reports if r.year == y] for y in years}
    found = {r.template for r in reports}
    templates = [*TEMPLATES[:2], *sorted(found - set(TEMPLATES), reverse=True), ""]  # a user's own ones too
    label = lambda t: w.get("template." + t, t)  # noqa: E731
    cls = lambda t: f"t-{t}" if t in TEMPLATES else "t-other"  # noqa: E731
    year_groups = [(_year(y, w), [(label(t), sum(1 for r in by_year[y] if r.template == t), cls(t))
                                  for t in templates]) for y in years]
    error_groups = [(_year(y, w), [("", round(sum(1 for r in by_year[y] if r.errors) * 100 / len(by_year[y]), 1),
                                    "err")]) for y in years]
    areas: dict[str, int] = {}
    for code, count in audit.code_counts.items():
        areas[area_of(code)] = areas.get(area_of(code), 0) + count
    codes = sorted(audit.code_counts)
    status_rows = [(w["item." + item], [(w["status." + s], sum(1 for r in reports if r.items[item] == s), f"st-{s}")
                                        for s in STATUSES]) for item in ITEMS]
    start = audit.rubric.start
    bins = [0] * 10
    for r in reports:
        bins[min(9, int(r.score * 10 // start)) if start > 0 else 0] += 1
    score_groups = [(f"{number(round(start * i / 10, 1))}–{number(round(start * (i + 1) / 10, 1))}",
                     [("", bins[i], "score")]) for i in range(10)]
    percent = lambda v: f"{number(v)}%"  # noqa: E731
    return "".join([
        f'<section id="overview"><h2>{escape(w["nav.overview"])}</h2><div class="tiles">{tile_html}</div>',
        '<div class="charts">',
        _figure(w["chart.years"], charts.columns("years", w["chart.years"], year_groups),
                _legend([(cls(t), label(t)) for t in templates if t in TEMPLATES or t in found])),
        _figure(w["chart.errors"], charts.columns("errors", w["chart.errors"], error_groups, text=percent)),
        _figure(w["chart.areas"], charts.hbars("areas", w["chart.areas"],
                                               [(w[f"area.long.{a}"], areas.get(a, 0), f"a-{a}") for a in AREAS])),
        _figure(w["chart.items"], charts.stacked_hbars("items", w["chart.items"], status_rows),
                _legend([(f"st-{s}", w["status." + s]) for s in STATUSES])),
        _figure(w["chart.codes"], charts.hbars("codes", w["chart.codes"],
                                               [(code, audit.code_counts[code], f"a-{area_of(code)}") for code in codes])),
        _figure(w["chart.scores"], charts.columns("scores", w["chart.scores"], score_groups)),
        "</div></section>",
    ])
