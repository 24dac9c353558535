"""Find the six parts by their numbered headings, and the headings that only look like parts.

A part is found by its title (the template's pattern, which holds the accepted variants); a part
none of whose headings matches may still be found by a heading in other words (`_near_parts`):
numbered as the template numbers that part, standing where the part belongs (after the part before
it, before the part after it, and not one of a run of numbered sub-topics), and sharing the part
title's key words far more than any other part's."""
from __future__ import annotations

import re

from ..model import Document, Heading, Section, Span
from ..speed import Record, remember
from .normalize import label_key, strip_ordinal
from .template import Template

_NUMBERED = re.compile(r"^(?P<lead>[#*\s]*)(?P<num>[一二三四五六七八九十]{1,2})\s*[、.,，]\s*(?P<title>\S.*?)[\s*#。:]*$")
_PLAIN = re.compile(r"^(?P<lead>[#*\s]*)(?P<title>\S.*?)[\s*#。:]*$")
_MAX_TITLE = 40
_MAX_SUBTOPIC = 20


class Outline(Record):
    """The parts as chosen, and every heading-like line that did not make it."""

    __slots__ = ("headings", "sections", "chosen", "numbered_lines", "near")

    def __init__(self, headings: list[Heading], sections: dict[str, Section], chosen: list[Heading],
                 numbered_lines: list[Heading] | None = None, near: list[Heading] | None = None) -> None:
        self.headings = headings  # every line that names a part, in order
        self.sections = sections
        self.chosen = chosen  # the headings that open parts, in order
        # `二、工作机制保障`: numbered, not a part
        self.numbered_lines = [] if numbered_lines is None else numbered_lines
        # `二、主动公开政府信息工作情况`: a part's heading in other words, taken for the part by its
        # number, place and words (also in `headings` and `chosen`)
        self.near = [] if near is None else near


def _match_section(template: Template, title: str) -> str | None:
    key = label_key(title)
    return next((s.id for s in template.sections if re.search(s.pattern, key)), None)


def _heading(template: Template, line_no: int, text: str) -> tuple[Heading | None, Heading | None]:
    """(a part heading, a numbered line that is not one) — at most one of them."""
    body = text.strip()
    # every heading has Chinese words: a line of ASCII (a number cell, a page mark) is none
    if body.isascii() or "|" in text or "\t" in body or len(body) > _MAX_TITLE + 4:
        return None, None
    memo = (template.id, text)  # short lines repeat from report to report (labels, headings)
    read = _READ[memo] if memo in _READ else remember(_READ, memo, _read(template, text, body))
    if read is None:
        return None, None
    part, section_id, number, title, start, end, number_end = read
    heading = Heading(section_id, number, title, Span(line_no, start, line_no, end),
                      Span(line_no, start, line_no, number_end))
    return (heading, None) if part else (None, heading)


_READ: dict[tuple[str, str], tuple | None] = {}


def _read(template: Template, text: str, body: str) -> tuple | None:
    """What a line says as a heading, wherever it stands: (is a part, part id, number, title,
    start, end, number end), or None when it is neither a part heading nor a numbered line."""
    indent = len(text) - len(text.lstrip())
    numbered = _NUMBERED.match(body)
    match = numbered or _PLAIN.match(body)
    if not match:
        return None
    title = match.group("title")
    start = indent + len(match.group("lead")) + 1
    end = indent + match.end("title") + 1
    if numbered:
        number, number_end = numbered.group("num"), indent + numbered.end("num") + 1
    else:
        number, number_end = None, start
    section_id = _match_section(template, title)
    if section_id:
        return True, section_id, number, title, start, end, number_end
    if numbered and not any(mark in title for mark in "。,;"):  # not a sentence
        return False, "", number, title, start, end, number_end
    return None

def _choose(template: Template, headings: list[Heading]) -> list[Heading]:
    """The longest run of headings in template order; ties go to the one numbered as the template
    numbers it (a 总体情况 sub-topic titled like a part loses to the real part). Linear: with six
    parts, the best run ending in each part is all there is to remember."""
    order = [s.id for s in template.sections]
    best: dict[int, tuple[int, int, int]] = {}  # part rank → (length, well-numbered, heading index)
    back: list[int] = []  # heading index → previous heading index in its best run
    ends: list[tuple[int, int]] = []  # heading index → its run's score
    for i, h in enumerate(headings):
        rank = order.index(h.section_id)
        well = int(h.number == h.section_id)
        prev = max((best[r] for r in best if r < rank), default=None, key=lambda v: v[:2])
        score = (prev[0] + 1, prev[1] + well) if prev else (1, well)
        back.append(prev[2] if prev else -1)
        ends.append(score)
        if rank not in best or score > best[rank][:2]:
            best[rank] = (*score, i)
    if not best:
        return []
    i = max(best.values(), key=lambda v: v[:2])[2]
    chosen = []
    while i != -1:
        chosen.append(headings[i])
        i = back[i]
    return chosen[::-1]


def outline(doc: Document, template: Template) -> Outline:
    headings, numbered = [], []
    for line in doc.lines:
        heading, other = _heading(template, line.number, line.text)
        if heading:
            headings.append(heading)
        elif other:
            numbered.append(other)
    chosen = _choose(template, headings)
    near = _near_parts(template, chosen, numbered) if chosen and numbered else []
    if near:
        taken = {h.span.line for h in near}
        numbered = [h for h in numbered if h.span.line not in taken]
        chosen = sorted(chosen + near, key=lambda h: h.span.line)
        headings = sorted(headings + near, key=lambda h: h.span.line)
    numbered = [h for h in numbered if len(h.title) <= _MAX_SUBTOPIC]  # longer: part-like only
    sections = _sections(doc, chosen)
    # a part out of order is still there (S002 says where): it gets its own text, up to the next
    # heading of any part, unless a chosen heading of the same part exists
    taken = {id(h) for h in chosen}  # by identity: comparing headings field by field is slow
    placed = sorted(chosen + [h for h in headings if id(h) not in taken and h.section_id not in sections],
                    key=lambda h: h.span.line)
    for heading, section in _sections(doc, placed).items():
        sections.setdefault(heading, section)
    return Outline(headings, sections, chosen, numbered, near)


# ---------------------------------------------------------------- a part's heading in other words

_NEAR = 0.5  # the share of the part title's words (weighted) the heading must hold …
_MARGIN = 0.25  # … and by how much more than of any other part's title


def _near_parts(template: Template, chosen: list[Heading], numbered: list[Heading]) -> list[Heading]:
    """The parts no heading names, each found by a numbered line in other words (see the module's
    docstring), as part headings; at most one per part."""
    order = [s.id for s in template.sections]
    found = {h.section_id: h for h in chosen}
    near: list[Heading] = []
    for rank, sid in enumerate(order):
        if sid in found:
            continue
        after = max((found[p].span.line for p in order[:rank] if p in found), default=0)
        before = min((found[p].span.line for p in order[rank + 1:] if p in found), default=1 << 30)
        for i, line in enumerate(numbered):
            if line.number != sid or not after < line.span.line < before or _closest(template, line.title) != sid:
                continue
            if _in_a_run(template, line, numbered[i + 1:], before):
                continue
            heading = Heading(sid, line.number, line.title, line.span, line.number_span)
            found[sid] = heading
            near.append(heading)
            break
    return near


def _in_a_run(template: Template, line: Heading, following: list[Heading], before: int) -> bool:
    """Is the line one of a run of numbered sub-topics (`二、主动公开工作情况` `三、依申请公开情况` …
    inside 一)? The next numbered line before the next part continues its numbering (a row label of a
    table, `四、结转下年度继续办理`, is no sub-topic)."""
    value = _NUMERALS.find(line.number)
    for other in following:
        if other.span.line >= before:
            return False
        if _row_label(template, other.title):
            continue
        return _NUMERALS.find(other.number) == value + 1
    return False


_NUMERALS = "一二三四五六七八九十"


def _row_label(template: Template, title: str) -> bool:
    key = strip_ordinal(label_key(title))
    return any(key.startswith(m) for table in template.tables for row in table.rows for m in row.match if m)


def _closest(template: Template, title: str) -> str | None:
    """The part whose title the words of `title` are close to: its title's character pairs, each
    weighted by how few part titles share it (主动公开 says 二; 政府信息, 情况 say little), are held at
    least `_NEAR`, and `_MARGIN` more than any other part's; else None."""
    titles = tuple(s.title for s in template.sections)
    weights = _WEIGHTS.get(titles) or remember(_WEIGHTS, titles, _pair_weights(template))
    pairs = _pairs(label_key(title))
    scores = sorted(((sum(w for p, w in pw.items() if p in pairs) / sum(pw.values()), sid)
                     for sid, pw in weights.items()), reverse=True)
    (best, sid), second = scores[0], scores[1][0] if len(scores) > 1 else 0.0
    return sid if best >= _NEAR and best - second >= _MARGIN else None


def _pairs(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)}


def _pair_weights(template: Template) -> dict[str, dict[str, float]]:
    """Each part's title pairs, weighted 1 / the number of part titles holding the pair."""
    pairs = {s.id: _pairs(label_key(s.title)) for s in template.sections}
    share: dict[str, int] = {}
    for held in pairs.values():
        for pair in held:
            share[pair] = share.get(pair, 0) + 1
    return {sid: {p: 1 / share[p] for p in held} for sid, held in pairs.items()}


_WEIGHTS: dict[tuple[str, ...], dict[str, dict[str, float]]] = {}  # by the part titles


def _sections(doc: Document, ordered: list[Heading]) -> dict[str, Section]:
    out: dict[str, Section] = {}
    for i, heading in enumerate(ordered):
        end = ordered[i + 1].span.line - 1 if i + 1 < len(ordered) else len(doc.lines)
        out.setdefault(heading.section_id, Section(heading, heading.span.line + 1, end))
    return out
