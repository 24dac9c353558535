"""S002: parts in order, once each, numbered as the template numbers them.

Variants: misnumbered, unnumbered, duplicate, out-of-order, and the real-world patterns:
shifted (二…六 written as 一…五), restarted (一、 again after a higher number), subtopic (a
总体情况 sub-topic numbered as a top-level part).
"""
from __future__ import annotations

from ...model import Edit, Finding

PLACEHOLDERS = frozenset({"number", "written", "title", "first_line", "last", "last_written",
                          "previous", "previous_line"})
NUMERALS = "一二三四五六七八九十"


def _value(numeral: str | None) -> int:
    if not numeral:
        return 0
    if len(numeral) == 2 and numeral[0] == "十":
        return 10 + NUMERALS.index(numeral[1]) + 1
    return NUMERALS.index(numeral[-1]) + 1 + (9 if len(numeral) == 2 else 0)


def check(rule, report):
    yield from _stray_headings(report)
    yield from _numbering(report)
    yield from _restarts(report)


def _title(report, sid: str) -> str:
    return report.template.section_title(sid)


def _in_overview(report, heading) -> bool:
    first = report.sections.get("一")
    return first is not None and first.start_line <= heading.span.line <= first.end_line


def _stray_headings(report):
    outline = report.outline
    chosen = {h.section_id: h for h in outline.chosen}
    in_overview = (lambda h: _in_overview(report, h))
    taken = {id(h) for h in outline.chosen}  # the chosen headings themselves (field-by-field is slow)
    for h in outline.headings:
        if id(h) in taken:
            continue
        params = {"number": h.section_id, "written": h.number or "", "title": h.title}
        real = chosen.get(h.section_id)
        if real is not None and h.span.line < real.span.line and in_overview(h):
            yield Finding(h.span, params, logical=f"part/一/{h.title}", variant="subtopic")
        elif real is not None:
            yield Finding(h.span, {**params, "first_line": real.span.line}, logical=f"part/{h.section_id}",
                          variant="duplicate")
        else:
            yield Finding(h.span, {**params, "title": _title(report, h.section_id)},
                          logical=f"part/{h.section_id}", variant="out-of-order")
    for h in outline.numbered_lines:
        if in_overview(h):
            yield Finding(h.span, {"number": "", "written": h.number, "title": h.title},
                          logical=f"part/一/{h.title}", variant="subtopic")


def _numbering(report):
    chosen = report.outline.chosen
    offsets = [_value(h.number) - _value(h.section_id) if h.number else None for h in chosen]
    i = 0
    while i < len(chosen):
        h, offset = chosen[i], offsets[i]
        j = i
        while j + 1 < len(chosen) and offset and offsets[j + 1] == offset:
            j += 1
        params = {"number": h.section_id, "written": h.number or "", "title": _title(report, h.section_id)}
        if h.number is None:
            yield Finding(h.span, params, logical=f"part/{h.section_id}", variant="unnumbered")
        elif j > i:
            last = chosen[j]
            yield Finding(h.number_span, {**params, "last": last.section_id, "last_written": last.number},
                          logical=f"part/{h.section_id}", variant="shifted",
                          fix=_renumbered(report, chosen[i:j + 1]))
        elif offset:
            yield Finding(h.number_span, params, logical=f"part/{h.section_id}", variant="misnumbered")
        i = j + 1


def _restarts(report):
    """Numbering that starts again at 一、 after a higher number (not a run already reported as shifted)."""
    outline = report.outline
    # numbered lines elsewhere are table rows (四、结转下年度继续办理), not part numbering
    sub = [h for h in outline.numbered_lines if _in_overview(report, h)]
    numbered = sorted((h for h in outline.headings + sub if h.number), key=lambda h: h.span.line)
    chosen = set(map(id, outline.chosen))
    shifted = set(map(id, _shifted_starts(report)))
    previous = None
    for h in numbered:
        if previous is not None and _value(h.number) == 1 < _value(previous.number) and id(h) in chosen \
                and id(h) not in shifted:
            yield Finding(h.number_span, {"number": h.section_id, "written": h.number,
                                          "previous": previous.number, "previous_line": previous.span.line,
                                          "title": _title(report, h.section_id)},
                          logical=f"part/{h.section_id}", variant="restarted", fix=_renumbered(report, [h]))
        previous = h


def _shifted_starts(report) -> list:
    chosen = report.outline.chosen
    offsets = [_value(h.number) - _value(h.section_id) if h.number else None for h in chosen]
    return [h for i, h in enumerate(chosen)
            if offsets[i] and i + 1 < len(chosen) and offsets[i + 1] == offsets[i]
            and (i == 0 or offsets[i - 1] != offsets[i])]


_NUMERALS = "一二三四五六七八九十"


def _renumbered(report, headings):
    """The safe fix of shifted or restarted numbering: each heading given its part's numeral — only
    where every part of the template is there (which heading is which part is then certain) and the
    report writes numerals as the template does (一、, not 1.)."""
    if len(report.sections) != len(report.template.sections):
        return None
    if not all(h.number and all(ch in _NUMERALS for ch in h.number) for h in headings):
        return None
    return [Edit(h.number_span, h.section_id) for h in headings if h.number != h.section_id] or None
