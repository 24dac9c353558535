"""Bar charts and sparklines as inline SVG, drawn here (no script, no library): each bar a
`<rect class="bar …" data-v="value">` with a `<title>` for the pointer; labels are `<text>` in the
page's font. Every text is escaped; values are numbers."""
from __future__ import annotations

from html import escape

from .tables import number

ROW, BAR = 22, 15  # a horizontal bar's row height and thickness
LABEL, WIDTH = 150, 640  # the labels' room and the chart's width (the SVG scales down to its box)


def _rect(x: float, y: float, w: float, h: float, cls: str, value, title: str) -> str:
    return (f'<rect class="bar {cls}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'data-v="{number(value)}"><title>{escape(title)}</title></rect>')


def _svg(name: str, width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg class="chart" data-chart="{escape(name)}" viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{escape(label)}">{"".join(body)}</svg>')


def hbars(name: str, label: str, rows: list[tuple[str, float, str]], text=number) -> str:
    """One horizontal bar per row (label, value, class), longest = the chart's width."""
    top = max((value for _, value, _ in rows), default=0) or 1
    room = WIDTH - LABEL - 70
    body = []
    for i, (row_label, value, cls) in enumerate(rows):
        y = i * ROW + 4
        w = room * value / top
        body.append(f'<text x="{LABEL - 6}" y="{y + BAR - 3}" text-anchor="end">{escape(row_label)}</text>')
        body.append(_rect(LABEL, y, w, BAR, cls, value, f"{row_label}: {text(value)}"))
        body.append(f'<text class="v" x="{LABEL + w + 5:.1f}" y="{y + BAR - 3}">{escape(text(value))}</text>')
    return _svg(name, WIDTH, len(rows) * ROW + 8, body, label)


def stacked_hbars(name: str, label: str, rows: list[tuple[str, list[tuple[str, float, str]]]]) -> str:
    """One horizontal bar per row (label, segments of (name, value, class)), each the same length:
    the segments are shares of the row's total; a bar per segment that is not zero."""
    room = WIDTH - LABEL - 10
    body = []
    for i, (row_label, segments) in enumerate(rows):
        y = i * ROW + 4
        total = sum(value for _, value, _ in segments) or 1
        body.append(f'<text x="{LABEL - 6}" y="{y + BAR - 3}" text-anchor="end">{escape(row_label)}</text>')
        x = float(LABEL)
        for seg_label, value, cls in segments:
            if not value:
                continue
            w = room * value / total
            body.append(_rect(x, y, w, BAR, cls, value, f"{row_label} · {seg_label}: {number(value)}"))
            if w > 24:
                body.append(f'<text class="in" x="{x + w / 2:.1f}" y="{y + BAR - 3}" text-anchor="middle">'
                            f'{number(value)}</text>')
            x += w
    return _svg(name, WIDTH, len(rows) * ROW + 8, body, label)


def columns(name: str, label: str, groups: list[tuple[str, list[tuple[str, float, str]]]], text=number,
            height: int = 150) -> str:
    """Vertical columns, one per group (label, segments of (name, value, class)) stacked bottom up; a
    bar per segment that is not zero; the group's total above it."""
    count = max(len(groups), 1)
    step = min(70, (WIDTH - 20) / count)
    top = max((sum(v for _, v, _ in segments) for _, segments in groups), default=0) or 1
    base, room = height - 22, height - 44
    body = [f'<line class="axis" x1="10" x2="{10 + step * count:.1f}" y1="{base}" y2="{base}"/>']
    for i, (group_label, segments) in enumerate(groups):
        x = 10 + i * step + step * 0.15
        w = step * 0.7
        y = float(base)
        for seg_label, value, cls in segments:
            if not value:
                continue
            h = room * value / top
            y -= h
            title = f"{group_label} · {seg_label}: {text(value)}" if seg_label else f"{group_label}: {text(value)}"
            body.append(_rect(x, y, w, h, cls, value, title))
        total = sum(v for _, v, _ in segments)
        body.append(f'<text class="v" x="{x + w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
                    f'{escape(text(total))}</text>')
        body.append(f'<text x="{x + w / 2:.1f}" y="{height - 6}" text-anchor="middle">{escape(group_label)}</text>')
    return _svg(name, max(int(10 + step * count + 10), 120), height, body, label)


def spark(values: list[float | None], years: list[int]) -> str:
    """A small line over the years, each point placed by its year (a year without a report leaves
    room), joining the years that state the figure. Drawn once per agency and figure, so kept short:
    its size and colours are the page style's (`#agency svg`)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    w, h, pad = 72, 20, 3
    low, high = min(known), max(known)
    span = (high - low) or 1
    first, years_span = years[0], (years[-1] - years[0]) or 1
    line = " ".join(f"{pad + (year - first) / years_span * (w - 2 * pad):.0f},"
                    f"{h - pad - (v - low) / span * (h - 2 * pad):.0f}"
                    for year, v in zip(years, values) if v is not None)
    return f'<svg viewBox="0 0 {w} {h}"><polyline points="{line}"/></svg>'
