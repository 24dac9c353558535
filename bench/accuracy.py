"""Planted-fault accuracy: does the linter find each fault, and at the right line, in every layout?

    python bench/accuracy.py [--seed N] [--reports N] [--layouts L,…] [--dump DIR]

Generates N clean report models (bench/layouts.py), renders each in every layout and in Simplified
and Traditional script, lints the clean text and one variant per fault kind with one fault planted
on the model. The expected code and line come from the model and the renderer's `where`, never
from the linter.

Besides the 10 text layouts, `docx` and `pdf` write the model as a document (bench/documents.py,
both scripts). There a finding is located by its `place` instead of its line: the same table, row
and grid column for a cell, the same paragraph (.docx) or page (.pdf) for text. By default they run
only when the linter has their reader (xxgk_lint.pipeline.readers.docx_reader / pdf_reader); name them in
--layouts to run them regardless. Exit 1 when a target is missed: each fault kind × code detected ≥ 99 % and located
≥ 98 %, and no error-severity finding on a clean report. A fault that must stand alone (a mixed
template, a near-miss label, a label-only table) counts as missed when another error code is found,
or when its code, required once, is found more than once.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import documents  # noqa: E402
from layouts import (  # noqa: E402
    LAYOUTS, Key, Model, encode, file_name, make_model, render, template, with_2019_parts, with_2019_tables,
)
from xxgk_lint.checks.engine import lint_bytes  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402

DETECT_TARGET, LOCATE_TARGET = 99.0, 98.0
SCRIPTS = {"hans": False, "hant": True}
DOCUMENTS = ("docx", "pdf")  # written as a file: findings are placed by `place`, not by line
ALL_LAYOUTS = LAYOUTS + DOCUMENTS
READERS = {"docx": "xxgk_lint.pipeline.readers.docx_reader", "pdf": "xxgk_lint.pipeline.readers.pdf_reader"}


def has_reader(layout: str) -> bool:
    """Text layouts always; a document layout once the linter has its reader."""
    if layout not in READERS:
        return True
    import importlib.util
    return importlib.util.find_spec(READERS[layout]) is not None


def produce(model: Model, layout: str, trad: bool = False) -> tuple[bytes, dict]:
    """(bytes of the file, where) of the model in a layout: a line for a text layout, a place dict
    (bench/documents.py) for a document."""
    if layout == "docx":
        return documents.write_docx(model, trad)
    if layout == "pdf":
        return documents.write_pdf(model, trad)
    text, where = render(model, layout, trad)
    return encode(text, layout), where


def name_of(layout: str) -> str:
    return f"report.{layout}" if layout in DOCUMENTS else file_name(layout)


PLACE_KEYS = ("page", "page_line", "paragraph", "table", "row", "column")


def place_of(d) -> dict | None:
    return getattr(d, "place", None)


def same_place(got: dict | None, want: dict) -> bool:
    """A finding's place is the expected one: the same table, row and grid column for a cell; the
    same paragraph (.docx) or page (.pdf) for text."""
    if not got:
        return False
    if "table" in want:
        return all(got.get(k) == want[k] for k in ("table", "row", "column"))
    if "paragraph" in want:
        return got.get("paragraph") == want["paragraph"]
    return got.get("page") == want["page"] and "table" not in got


@dataclass
class Plant:
    model: Model
    expect: list[tuple[str, Key]]  # (code, where-key in the planted report's rendering)
    what: str
    kind: str = ""  # set from the fault function's @fault name
    cell: Key | None = None  # a cell fault: the finding must also name this cell (its `logical`)
    alone: bool = False  # no error-severity finding besides the expected codes
    once: tuple[str, ...] = ()  # expected codes that must be found exactly once


# ---------------------------------------------------------------------------------------------
# faults, planted on a copy of the model

Fault = Callable[[Model, random.Random], Plant]


def fault(kind: str) -> Callable[[Fault], Fault]:
    """Name a fault kind (the tests are parametrised by it)."""
    def mark(fn: Fault) -> Fault:
        fn.kind = kind  # type: ignore[attr-defined]
        return fn
    return mark


T3_COLUMN_RELATIONS = {"一": ["C003"], "二": ["C003"], "四": ["C003"], "三.七": ["C002", "C003"]}


def _cell_in(model: Model, rng: random.Random, tables: list[str] | None = None,
             skip_cols: tuple[str, ...] = (), edge_bias: float = 0.0) -> Key:
    """A random value cell: a table group first (表二 / 三 / 四), so the small tables get their share.

    With probability `edge_bias` the cell is the first or last of its row: where a blank or odd cell
    makes a row's alignment ambiguous after extraction, so where alignment bugs live.
    """
    groups = [["二.一", "二.五", "二.六", "二.八"], ["三"], ["四"]] if tables is None else [tables]
    group = rng.choice(groups)
    cells = [k for k in model.cells() if k[0] in group and k[2] not in skip_cols]
    if rng.random() < edge_bias:
        edges = {t.id: (t.col_ids()[0], t.col_ids()[-1]) for t in model.tables()}
        cells = [k for k in cells if k[2] in edges[k[0]]] or cells
    return rng.choice(cells)


@fault("表三 number")
def t3_number(model: Model, rng: random.Random) -> Plant:
    key = _cell_in(model, rng, ["三"])
    old = int(model.get(key))
    new = rng.choice([v for v in range(old - 3, old + 6) if v >= 0 and v != old])
    model.set(key, str(new))
    # Every relation the cell takes part in is broken once: its row total, and its column relation.
    codes = ["C001"] + T3_COLUMN_RELATIONS.get(key[1], ["C002"])
    return Plant(model, [(c, key) for c in codes], f"{key}: {old} → {new}")


@fault("表四 number")
def t4_number(model: Model, rng: random.Random) -> Plant:
    key = _cell_in(model, rng, ["四"])
    old = int(model.get(key))
    new = rng.choice([v for v in range(old - 3, old + 6) if v >= 0 and v != old])
    model.set(key, str(new))
    return Plant(model, [("C004", key)], f"{key}: {old} → {new}")


def _cell_fault(kind: str, code: str, change: Callable[[str, random.Random], str], skip: tuple[str, ...] = ()) -> Fault:
    @fault(kind)
    def plant(model: Model, rng: random.Random) -> Plant:
        key = _cell_in(model, rng, skip_cols=skip, edge_bias=0.5)
        old = model.get(key)
        model.set(key, change(old, rng))
        return Plant(model, [(code, key)], f"{key}: {old!r} → {model.get(key)!r}", cell=key)
    return plant


blank = _cell_fault("blank cell", "N001", lambda old, rng: "")
text = _cell_fault("text in cell", "N002", lambda old, rng: rng.choice(["无", "/", "—", "0件"]))
negative = _cell_fault("negative", "N003", lambda old, rng: "-" + (old if old.strip("0.") else "1"))
# 本年收费金额 is money in 万元: a decimal there is valid, so it is not a target.
decimal = _cell_fault("decimal count", "N004", lambda old, rng: f"{old}.{rng.randint(1, 9)}", skip=("本年收费金额",))


@fault("deleted row")
def drop_row(model: Model, rng: random.Random) -> Plant:
    table = model.table(rng.choice(["二.一", "二.六", "三"]))  # tables with more than one value row
    rows = table.value_rows
    row = rng.choice(rows)
    model.dropped.add(("row", table.id, row))
    i = rows.index(row)
    neighbour = rows[i + 1] if i + 1 < len(rows) else rows[i - 1]  # the next present row, else the previous
    return Plant(model, [("T002", ("row", table.id, neighbour))], f"row {table.id}/{row}")


@fault("deleted 表二 block")
def drop_block(model: Model, rng: random.Random) -> Plant:
    blocks = [b.id for b in model.blocks()]
    block = rng.choice(blocks)
    model.dropped.add(("table", block))
    i = blocks.index(block)
    at = ("caption", blocks[i + 1]) if i + 1 < len(blocks) else ("part", "二")  # the last: its part's heading
    return Plant(model, [("T001", at)], f"block {block}")


@fault("deleted heading")
def drop_heading(model: Model, rng: random.Random) -> Plant:
    parts = [sid for sid, _ in model.tpl.sections]
    sid = rng.choice(parts)
    model.dropped.add(("part", sid))
    i = parts.index(sid)
    at = parts[i + 1] if i + 1 < len(parts) else parts[i - 1]  # the next heading, else the previous
    return Plant(model, [("S001", ("part", at))], f"heading {sid}")


@fault("deleted fee sentence")
def drop_fee(model: Model, rng: random.Random) -> Plant:
    fee, model.fee = model.fee, None
    return Plant(model, [("F001", ("part", "六"))], f"fee {fee!r}")


@fault("2019 tables")
def old_tables(model: Model, rng: random.Random) -> Plant:
    old = with_2019_tables(model, rng)
    return Plant(old, [("T003", ("col", "二.一", "本年新制作数量"))], f"2019 tables in {model.year}")


word = _cell_fault("word in count cell", "N002", lambda old, rng: rng.choice(["若干", "暂无", "不详", "约10"]))


@fault("mixed templates 2019→2021")
def mixed_2019_2021(model: Model, rng: random.Random) -> Plant:
    """表二 on the 2019 template, 表三 and 表四 on 2021's: one outdated-template finding, at 表二's first marker."""
    mixed = with_2019_parts(model, rng, ("二",))
    return Plant(mixed, [("T003", ("col", "二.一", "本年新制作数量"))], f"2019 表二 in {model.year}",
                 alone=True, once=("T003",))


@fault("mixed templates 2021→2019")
def mixed_2021_2019(model: Model, rng: random.Random) -> Plant:
    """表三 on the 2019 template (（六）其他处理 one value row), 表二 on 2021's: one finding, at that row
    (T005, a warning: the new tables with （六）'s sub-rows summed; T003 is for old tables)."""
    mixed = with_2019_parts(model, rng, ("三",))
    return Plant(mixed, [("T005", ("row", "三", "三.六"))], f"2019 表三 in {model.year}", alone=True,
                 once=("T005",))


ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _ordinal(label: str) -> str:
    """A row label's ordinal prefix (「一、」「（三）」「1.」), never touched by a near miss."""
    found = ORDINAL.match(label)
    return found[0] if found else ""


def _label_key(text: str) -> str:
    """A label's matching key as rules/templates/*.yaml describes it (Simplified, no spaces or punctuation)."""
    return re.sub(r"\W", "", text)


@fault("near-miss label")
def near_miss(model: Model, rng: random.Random) -> Plant:
    """A 表三 row label (≥ 8 characters besides its ordinal) loses an interior character or has two
    adjacent interior characters swapped, so that no template row matches it any more (by the
    templates' rule: its key, with or without the ordinal, starts with a `match` entry)."""
    spec = model.table("三")
    entries = {m for tid in ("2019", "2021") for r, ms in template(tid).table("三").matches for m in ms}
    rows = [r for r in spec.value_rows if len(model.label("三", r)) - len(_ordinal(model.label("三", r))) >= 8]
    rng.shuffle(rows)
    for row in rows:
        label = model.label("三", row)
        ordinal = _ordinal(label)
        body = label[len(ordinal):]
        inner = range(1, len(body) - 1)
        variants = [(f"lost 「{body[i]}」", body[:i] + body[i + 1:]) for i in inner if HAN.match(body[i])]
        variants += [(f"swapped 「{body[i:i + 2]}」", body[:i] + body[i + 1] + body[i] + body[i + 2:])
                     for i in inner if i + 1 in inner and HAN.match(body[i]) and HAN.match(body[i + 1])
                     and body[i] != body[i + 1]]
        variants = [(how, new) for how, new in variants
                    if not any(_label_key(text).startswith(m) for text in (ordinal + new, new) for m in entries)]
        if variants:
            how, new = rng.choice(variants)
            model.labels[("row", "三", row)] = ordinal + new
            return Plant(model, [("P006", ("row", "三", row))], f"{row} {how}: {label} → {ordinal + new}", alone=True)
    raise AssertionError("no 表三 label admits a near miss")


@fault("label-only table")
def label_only(model: Model, rng: random.Random) -> Plant:
    """Every value cell of one table (a 表二 block, 表三 or 表四) blank: N001 on them, nothing else in error."""
    group = rng.choice(["二", "三", "四"])
    table = rng.choice(model.blocks()).id if group == "二" else group
    cells = [k for k in model.cells() if k[0] == table]
    for key in cells:
        model.set(key, "")
    return Plant(model, [("N001", cells[0])], f"表{table}: {len(cells)} cells blank", cell=cells[0], alone=True)


FAULTS: list[Fault] = [
    t3_number, t4_number, blank, text, negative, decimal, drop_row, drop_block, drop_heading, drop_fee, old_tables,
    word, mixed_2019_2021, mixed_2021_2019, near_miss, label_only,
]


# ---------------------------------------------------------------------------------------------
# running and scoring


@dataclass
class Miss:
    kind: str
    code: str
    layout: str
    script: str
    seed: str
    what: str
    line: int | dict  # the expected line, or for a document the expected place
    found: list[str]
    detected: bool
    located: bool
    data: bytes
    name: str
    placed: bool = False  # located, and for a cell fault naming the cell
    unexpected: list[str] = field(default_factory=list)  # what broke an `alone` / `once` requirement

    def state(self) -> str:
        state = ("not detected" if not self.detected else "located elsewhere" if not self.located
                 else "wrong cell" if not self.placed else "not alone")
        return state + (f" (other errors: {', '.join(self.unexpected)})" if self.unexpected else "")


@dataclass
class Results:
    tally: dict[tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[Miss] = field(default_factory=list)
    clean_errors: Counter = field(default_factory=Counter)
    clean_warnings: Counter = field(default_factory=Counter)
    clean_error_examples: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    clean_count: int = 0

    def failed_targets(self) -> list[str]:
        out = []
        for (kind, code), t in sorted(self.tally.items()):
            det, loc = pct(t["detected"], t["planted"]), pct(t["located"], t["planted"])
            named = pct(t["named"], t["planted"]) if "named" in t else 100.0
            alone = pct(t["alone"], t["planted"]) if "alone" in t else 100.0
            if det < DETECT_TARGET or loc < LOCATE_TARGET or named < LOCATE_TARGET or alone < LOCATE_TARGET:
                out.append(f"{kind} → {code}: detected {det:.1f} %, located {loc:.1f} %"
                           + (f", at the cell {named:.1f} %" if "named" in t else "")
                           + (f", with no other error {alone:.1f} %" if "alone" in t else ""))
        if self.clean_errors:
            out.append(f"error findings on clean reports: {dict(self.clean_errors)}")
        out += [f"crash: {c}" for c in self.crashes]
        return out


def pct(n: int, d: int) -> float:
    return 100.0 * n / d if d else 100.0


def show_place(place: dict | None) -> str:
    return "/".join(f"{k[0] if k != 'page_line' else 'l'}{place[k]}" for k in PLACE_KEYS if k in place) if place else "?"


def describe(diags, code: str, document: bool = False) -> list[str]:
    """The findings of `code` first, then up to three others; related lines (places) abridged."""
    def one(d) -> str:
        if document:
            places = [show_place(r.get("place")) for r in d.related]
            rel = f" (related {places[:4]}{'…' if len(places) > 4 else ''})" if places else ""
            return f"{d.code}@{show_place(place_of(d))}{rel}"
        lines = sorted({r["line"] for r in d.related})
        rel = f" (related {lines[:4]}{'…' if len(lines) > 4 else ''})" if lines else ""
        return f"{d.code}@{d.line}:{d.column}{rel}"
    return [one(d) for d in diags if d.code == code] + [one(d) for d in diags if d.code != code][:3]


def lint(rules, layout: str, data: bytes):
    return lint_bytes(name_of(layout), data, rules)


def run(seed: int = 0, reports: int = 10, layouts: tuple[str, ...] = LAYOUTS, rules=None) -> Results:
    rules = rules if rules is not None else load_rules([])
    res = Results()
    for i in range(reports):
        model_seed = f"{seed}/{i}"
        model = make_model(random.Random(model_seed))
        for layout in layouts:
            # One target per fault kind and layout, the same in both scripts (so they can be compared).
            plants = [make_plant(fault, model, f"{model_seed}/{fault.kind}/{layout}") for fault in FAULTS]
            for script, trad in SCRIPTS.items():
                data, _ = produce(model, layout, trad)
                try:
                    diags = lint(rules, layout, data)
                except Exception as exc:  # a crash is a finding of the benchmark, not the end of it
                    res.crashes.append(f"clean {model_seed} {layout} {script}: {exc!r}")
                    continue
                res.clean_count += 1
                for d in diags:
                    (res.clean_errors if d.severity == "error" else res.clean_warnings)[d.code] += 1
                    if d.severity == "error" and len(res.clean_error_examples) < 10:
                        at = show_place(place_of(d)) if layout in DOCUMENTS else d.line
                        res.clean_error_examples.append(f"{model_seed} {layout} {script}: {d.code}@{at} {d.message}")
                for plant in plants:
                    score(res, rules, plant, layout, script, trad, model_seed)
    return res


def make_plant(fault: Fault, model: Model, seed: str) -> Plant:
    planted = fault(model.copy(), random.Random(seed))
    planted.kind = fault.kind  # type: ignore[attr-defined]
    return planted


def as_seen_in(plant: Plant, layout: str) -> Plant:
    """What can be found in a layout. Where extraction drops empty cells (cell_double_drop) a blank
    cell leaves no trace: its row has a cell too few (P002 at the row), and a 表四 left entirely blank
    is its header without a data row (T002 at the header)."""
    if layout != "cell_double_drop" or not any(code == "N001" for code, _ in plant.expect):
        return plant
    if plant.kind == "label-only table" and plant.cell is not None and plant.cell[0] == "四":
        return replace(plant, expect=[("T002", ("head", "四"))], cell=None)
    if plant.kind == "blank cell" and len(plant.model.table(plant.cell[0]).columns) > 1:
        return replace(plant, expect=[("P002", key) for _, key in plant.expect], cell=None)
    return plant


def score(res: Results, rules, plant: Plant, layout: str, script: str, trad: bool, model_seed: str) -> None:
    plant = as_seen_in(plant, layout)
    data, where = produce(plant.model, layout, trad)
    document = layout in DOCUMENTS
    try:
        diags = lint(rules, layout, data)
    except Exception as exc:
        res.crashes.append(f"{plant.kind} {model_seed} {layout} {script} {plant.what}: {exc!r}")
        diags = []
    # A fault that must stand alone: any other error code, or an expected code found more than once.
    codes = {c for c, _ in plant.expect}
    unexpected = sorted({d.code for d in diags if d.severity == "error"} - codes) if plant.alone else []
    for code in plant.once:
        n = sum(d.code == code for d in diags)
        if n > 1:
            unexpected.append(f"{code}×{n}")
    for code, key in plant.expect:
        line = where[key]
        hits = [d for d in diags if d.code == code]
        if document:  # the finding's place, or a related location's, is the expected one
            at_line = [d for d in hits if same_place(place_of(d), line)
                       or any(same_place(r.get("place"), line) for r in d.related)]
        else:
            at_line = [d for d in hits if d.line == line or any(r["line"] == line for r in d.related)]
        located = bool(at_line)
        t = res.tally[(plant.kind, code)]
        t["planted"] += 1
        t["detected"] += bool(hits)
        t["located"] += located
        strict = located
        placed = located
        if plant.cell is not None:
            # On one-line rows the line alone cannot tell a misaligned row: the finding must name the cell.
            table, row, col = plant.cell
            strict = placed = any(d.logical == f"表{table}/{row}/{col}" for d in at_line)
            t["named"] += strict
        if plant.alone or plant.once:
            t["alone"] += not unexpected
            strict = strict and not unexpected
        t[f"strict:{layout}"] += strict
        t[f"planted:{layout}"] += 1
        t["extra:" + ",".join(sorted({d.code for d in diags if d.severity == "error"} - {c for c, _ in plant.expect}))] += 1
        if not strict:
            res.misses.append(Miss(plant.kind, code, layout, script, model_seed, plant.what, line,
                                   describe(diags, code, document), bool(hits), located, data, name_of(layout),
                                   placed, unexpected))


# ---------------------------------------------------------------------------------------------
# the report


def print_results(res: Results, layouts: tuple[str, ...], seconds: float) -> None:
    short = {"pipe": "pipe", "tab": "tab", "cell": "cell", "cell_pipe": "c|", "markdown": "md", "html": "html",
             "html_gbk": "gbk", "cell_double": "dbl", "cell_double_drop": "drop", "cell_pipe_bare": "c|b", "docx": "docx",
             "pdf": "pdf"}
    head = f"{'fault kind':<26}{'code':<6}{'planted':>8}{'detected':>10}{'located':>9}{'cell':>8}{'alone':>8}   " + \
        "".join(f"{short.get(lay, lay):>6}" for lay in layouts) + "   other error codes (count)"
    print(head)
    print("-" * len(head))
    order = [f.kind for f in FAULTS]
    for (kind, code), t in sorted(res.tally.items(), key=lambda item: (order.index(item[0][0]), item[0][1])):
        per = "".join(f"{pct(t[f'strict:{lay}'], t[f'planted:{lay}']):>6.0f}" for lay in layouts)
        named = f"{pct(t['named'], t['planted']):>7.1f}%" if "named" in t else f"{'–':>8}"
        alone = f"{pct(t['alone'], t['planted']):>7.1f}%" if "alone" in t else f"{'–':>8}"
        extra = Counter({k[6:]: n for k, n in t.items() if k.startswith("extra:") and k != "extra:"})
        extras = ", ".join(f"{codes}×{n}" for codes, n in extra.most_common(3))
        print(f"{kind:<26}{code:<6}{t['planted']:>8}{pct(t['detected'], t['planted']):>9.1f}%"
              f"{pct(t['located'], t['planted']):>8.1f}%{named}{alone}   {per}   {extras}")
    print(f"(cell: a cell fault's finding on that line names the planted cell; alone: no other error code, and a code "
          f"required once found once;\n per-layout columns: located %, at the cell and alone where required;\n"
          f" targets: detected ≥ {DETECT_TARGET:g} %, located, cell and alone ≥ {LOCATE_TARGET:g} %)")
    print(f"\nclean reports: {res.clean_count} linted; error findings: {dict(res.clean_errors) or 0}; "
          f"warnings: {dict(res.clean_warnings) or 0}")
    for example in res.clean_error_examples:
        print(f"  {example}")
    groups: dict[tuple[str, str, str], list[Miss]] = defaultdict(list)
    for m in res.misses:
        groups[(m.kind, m.code, m.layout)].append(m)
    if groups:
        print(f"\nmisses ({len(res.misses)}), by fault kind × layout, with the first example:")
    for (kind, code, layout), group in groups.items():
        m = group[0]
        expected = f"place {show_place(m.line)}" if isinstance(m.line, dict) else f"line {m.line}"
        print(f"  {kind} → {code} in {layout}: {len(group)} missed; e.g. {m.state()}: {m.script} model {m.seed} "
              f"{m.what}; expected {expected}; got {', '.join(m.found) or 'nothing'}")
    for crash in res.crashes[:10]:
        print(f"  crash: {crash}")
    print(f"\n{seconds:.1f} s")


def dump(res: Results, folder: Path) -> None:
    """Write each missed variant once per (kind, code, layout) for a minimal reproduction."""
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[tuple[str, str, str]] = set()
    for m in res.misses:
        if (m.kind, m.code, m.layout) in seen:
            continue
        seen.add((m.kind, m.code, m.layout))
        stem = f"{m.code}-{m.layout}-{m.script}-{len(seen)}"
        path = folder / (stem + Path(m.name).suffix)
        path.write_bytes(m.data)
        expected = f"at {show_place(m.line)}" if isinstance(m.line, dict) else f"on line {m.line}"
        print(f"wrote {path}: {m.kind} {m.what}, expected {m.code} {expected}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reports", type=int, default=10, help="report models (each × every layout × 2 scripts)")
    parser.add_argument("--layouts", help="comma-separated subset of: " + ", ".join(ALL_LAYOUTS)
                        + " (default: all, docx and pdf only once the linter reads them)")
    parser.add_argument("--dump", type=Path, help="write one missed variant per fault kind × layout here")
    args = parser.parse_args(argv)
    if args.layouts:
        layouts = tuple(args.layouts.split(","))
        unknown = [lay for lay in layouts if lay not in ALL_LAYOUTS]
        if unknown:
            parser.error(f"unknown layouts: {', '.join(unknown)}")
    else:
        layouts = tuple(lay for lay in ALL_LAYOUTS if has_reader(lay))
        for lay in ALL_LAYOUTS:
            if lay not in layouts:
                print(f"({lay} skipped: the linter has no {READERS[lay]} yet)")
    start = time.perf_counter()
    res = run(args.seed, args.reports, layouts)
    print_results(res, layouts, time.perf_counter() - start)
    if args.dump:
        dump(res, args.dump)
    failed = res.failed_targets()
    for line in failed:
        print(f"TARGET MISSED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
