"""Clean synthetic reports (a seeded MODEL) and renderers into every layout text extraction produces.

A `Model` holds what a report says: agency, year, prose, the 表二/表三/表四 values and the fee sentence,
with every 勾稽 relation of shared/spec/format.md holding. `render(model, layout)` turns it into report
text and `where`, the 1-based line of every place a finding can point at:

    where[(table_id, row_id, col_id)]  a value cell (HTML: the source line of the cell's text or <td>;
                                       cell_double_drop writes no line for an empty cell: see _double_row)
    where[("row", table_id, row_id)]   a row's own label
    where[("caption", table_id)]       a 表二 block caption
    where[("col", table_id, col_id)]   a column header
    where[("part", sid)]               a part heading
    where[("fee",)]                    the fee sentence

Layouts, as one table row is written (a "rowcont" slot continues a cell merged from the row above):
    pipe, tab, cell, cell_pipe, markdown    the extractions of shared/reports/000–004 (see write_table)
    html, html_gbk                          a published page, one <td> a line
    cell_double       a copied web page: each cell on its line and a blank line after it (and after
                      each paragraph); an empty cell is an empty line and its blank; nothing for a
                      rowcont slot and nothing else between rows
    cell_double_drop  the same, but an empty cell is not written at all
    cell_pipe_bare    002 without fillers: a row opens with a line `|`, each cell is `text |`, an
                      empty cell ` |`, nothing for a rowcont slot

Row labels, columns and part titles are read from rules/templates/*.yaml (read only, never the
linter's code), so the oracle stays independent of the parser it tests.

    python bench/layouts.py --write-fixtures   # regenerate tests/fixtures/html/
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

import opencc
import yaml

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ("pipe", "tab", "cell", "cell_pipe", "markdown", "html", "html_gbk",
           "cell_double", "cell_double_drop", "cell_pipe_bare")
DOUBLE = ("cell_double", "cell_double_drop")  # a copied web page: a blank line after every cell
Key = tuple
Where = dict[Key, int]

# ---------------------------------------------------------------------------------------------
# the template (labels and ids), read from the YAML the linter also ships


@dataclass(frozen=True)
class TableSpec:
    id: str
    section: str
    name: str
    columns: tuple[tuple[str, str], ...]  # (id, label)
    rows: tuple[tuple[str, str, bool], ...]  # (id, label, is a group label without values)
    matches: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (row id, its `match` entries)

    @property
    def value_rows(self) -> list[str]:
        return [r for r, _, group in self.rows if not group]

    def col_ids(self) -> list[str]:
        return [c for c, _ in self.columns]


@dataclass(frozen=True)
class Template:
    id: str
    sections: tuple[tuple[str, str], ...]  # (sid, title)
    tables: tuple[TableSpec, ...]

    def table(self, table_id: str) -> TableSpec:
        return next(t for t in self.tables if t.id == table_id)

    def blocks(self) -> list[TableSpec]:
        return [t for t in self.tables if t.section == "二"]


@lru_cache(maxsize=None)
def template(template_id: str) -> Template:
    doc = yaml.safe_load((ROOT / "rules/templates" / f"{template_id}.yaml").read_text(encoding="utf-8"))
    tables = tuple(
        TableSpec(t["id"], t["section"], t["name"], tuple((c["id"], c["label"]) for c in t["columns"]),
                  tuple((r["id"], r["label"], bool(r.get("group"))) for r in t["rows"]),
                  tuple((r["id"], tuple(r.get("match", ()))) for r in t["rows"]))
        for t in doc["tables"]
    )
    return Template(str(doc["id"]), tuple((s["id"], s["title"]) for s in doc["sections"]), tables)


# ---------------------------------------------------------------------------------------------
# the model


@dataclass
class Model:
    agency: str
    year: int
    overview: list[str]  # part 一, one paragraph a line
    problems: list[str]  # part 五
    other: list[str]  # part 六 besides the fee sentence
    fee: str | None
    table2: dict[str, dict[str, list[str]]]  # block id → row id → values (template column order)
    table3: dict[str, list[str]]  # row id → 7 values
    table4: list[str]  # 15 values
    template_id: str = "2021"
    dropped: set[Key] = field(default_factory=set)  # ("part", sid) | ("table", id) | ("row", table, row)
    parts: dict[str, str] = field(default_factory=dict)  # part sid → the template its tables follow, if not template_id
    labels: dict[Key, str] = field(default_factory=dict)  # ("row", table, row) → the label written instead of the template's

    @property
    def tpl(self) -> Template:
        """The report's template: its parts, and its tables unless `parts` says otherwise."""
        return template(self.template_id)

    def tables(self) -> list[TableSpec]:
        """The tables as written, part by part (a mixed report takes a part's tables from another template)."""
        return [t for sid, _ in self.tpl.sections
                for t in template(self.parts.get(sid, self.template_id)).tables if t.section == sid]

    def table(self, table_id: str) -> TableSpec:
        return next(t for t in self.tables() if t.id == table_id)

    def blocks(self) -> list[TableSpec]:
        return [t for t in self.tables() if t.section == "二"]

    def label(self, table_id: str, row_id: str) -> str:
        own = next(lab for r, lab, _ in self.table(table_id).rows if r == row_id)
        return self.labels.get(("row", table_id, row_id), own)

    def _slot(self, key: Key) -> tuple[list[str], int]:
        table_id, row_id, col_id = key
        cols = self.table(table_id).col_ids()
        if table_id == "三":
            return self.table3[row_id], cols.index(col_id)
        if table_id == "四":
            return self.table4, cols.index(col_id)
        return self.table2[table_id][row_id], cols.index(col_id)

    def get(self, key: Key) -> str:
        values, i = self._slot(key)
        return values[i]

    def set(self, key: Key, value: str) -> None:
        values, i = self._slot(key)
        values[i] = value

    def text_of(self, key: Key) -> str:
        """The text written at a `where` key: a cell's value, or the caption, header, label, heading
        or fee sentence it names (the oracle's own reading, not the linter's)."""
        kind = key[0]
        if kind == "caption":
            return self.table(key[1]).name
        if kind == "col":
            return dict(self.table(key[1]).columns)[key[2]]
        if kind == "row":
            return self.label(key[1], key[2])
        if kind == "part":
            return next(f"{sid}、{title}" for sid, title in self.tpl.sections if sid == key[1])
        if kind == "fee":
            return self.fee
        if kind == "head":  # 表四's first header cell
            return "行政复议"
        return self.get(key)

    def cells(self) -> list[Key]:
        """Every value cell, in template order."""
        return [(t.id, r, c) for t in self.tables() for r in t.value_rows for c in t.col_ids()]

    def copy(self) -> Model:
        return replace(
            self, overview=list(self.overview), problems=list(self.problems), other=list(self.other),
            table2={b: {r: list(v) for r, v in rows.items()} for b, rows in self.table2.items()},
            table3={r: list(v) for r, v in self.table3.items()}, table4=list(self.table4),
            dropped=set(self.dropped), parts=dict(self.parts), labels=dict(self.labels),
        )


PLACES = ["示例县", "东平县", "临川区", "江宁区", "青山市", "云溪县", "北塘区", "南湖市", "白河县", "长宁市"]
AGENCIES = ["人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "市场监督管理局",
            "卫生健康委员会", "教育局", "交通运输局", "人民政府办公室", "农业农村局"]
SELF = ["我局", "本机关", "我单位"]
OVERVIEW = [
    "（一）主动公开。{y}年，{s}通过门户网站主动公开政府信息{n}条，其中政策文件{m}件。",
    "（二）依申请公开。{s}严格按照法定时限答复，全年收到申请{a}件，{done}",
    "（三）政府信息管理。{s}完善公文公开属性源头认定机制，定期清理已公开的规范性文件。",
    "（四）平台建设。{s}优化政府网站信息公开专栏，及时更新栏目内容。",
    "（五）监督保障。{s}将政务公开纳入年度考核，开展专题培训{k}次。",
]
PROBLEMS = [
    "（一）存在的主要问题。一是主动公开的时效性有待提高；二是政策解读形式较为单一。",
    "（二）改进情况。下一步，{s}将加强信息发布审核，丰富解读形式，提升公开质量。",
    "一是公开内容的规范性还需加强；二是依申请公开答复的说理还不够充分。{y}年，{s}将健全工作制度，加强业务培训。",
]
OTHER = ["本年度共办理人大代表建议{r}件、政协委员提案{b}件，均已按期办结。",
         "{s}按照年度政务公开工作要点，逐项落实各项任务。"]
FEES = ["本年度未收取信息处理费。", "{y}年，{s}未收取政府信息公开申请处理费。",
        "{s}政府信息公开工作不存在收费情况。", "本年度未发生政府信息公开收费事项。",
        "全年收取信息处理费共计{f}元。"]


def _count(rng: random.Random, high: int) -> int:
    return 0 if rng.random() < 0.55 else rng.randint(1, high)


def make_table3(rng: random.Random, value_rows: list[str]) -> dict[str, list[str]]:
    """25 (2019: 23) rows × 7 columns with relations 1–3 of spec §3 holding."""
    ends = ("一", "二", "三.七", "四")
    leaves = [r for r in value_rows if r not in ends]
    grid = {r: [_count(rng, 30 if c == 0 else 4) for c in range(6)] for r in leaves}
    grid["三.七"] = [sum(grid[r][c] for r in leaves) for c in range(6)]
    grid["四"] = [_count(rng, 3) for _ in range(6)]
    closed = [grid["三.七"][c] + grid["四"][c] for c in range(6)]
    grid["二"] = [rng.randint(0, x) if rng.random() < 0.4 else 0 for x in closed]
    grid["一"] = [x - y for x, y in zip(closed, grid["二"])]  # 一 + 二 = （七）总计 + 四
    return {r: [str(v) for v in grid[r] + [sum(grid[r])]] for r in value_rows}


def make_table2(rng: random.Random, tpl: Template) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for block in tpl.blocks():
        out[block.id] = {}
        for row in block.value_rows:
            values = []
            for col in block.col_ids():
                if col in ("本年收费金额", "采购总金额"):  # money in 万元: decimals are valid
                    values.append(rng.choice(["0", f"{rng.randint(1, 90)}.{rng.randint(1, 999)}", str(rng.randint(1, 50))]))
                elif col == "本年增减":  # a signed change: a decrease is not a defect
                    values.append(str(rng.randint(-3, 3)))
                else:
                    values.append(str(_count(rng, 80)))
            out[block.id][row] = values
    return out


def make_table4(rng: random.Random) -> list[str]:
    out: list[str] = []
    for _ in range(3):  # 行政复议, 未经复议直接起诉, 复议后起诉: 维持+纠正+其他+尚未审结 = 总计
        group = [_count(rng, 3) for _ in range(4)]
        out += [str(v) for v in group + [sum(group)]]
    return out


def make_model(rng: random.Random) -> Model:
    year = rng.randint(2021, 2025)
    self_ = rng.choice(SELF)
    tpl = template("2021")
    table3 = make_table3(rng, tpl.table("三").value_rows)
    # The prose states the table's own count of new applications, and says all were completed only
    # when none is carried forward (表三 四): the report is consistent (C005, C006).
    carried = table3["四"][6]
    done = "均已按期办结。" if carried == "0" else f"结转下年度继续办理{carried}件，其余均已按期办结。"
    fill = dict(y=year, s=self_, n=rng.randint(50, 900), m=rng.randint(1, 40), a=table3["一"][6], done=done,
                k=rng.randint(1, 6), b=rng.randint(0, 20), r=rng.randint(0, 30), f=rng.choice([20, 100, 380, 1200]))
    overview = [p.format(**fill) for p in OVERVIEW if p.startswith("（一）") or rng.random() < 0.8]
    problems = [p.format(**fill) for p in (PROBLEMS[:2] if rng.random() < 0.5 else PROBLEMS[2:])]
    other = [p.format(**fill) for p in OTHER if rng.random() < 0.5]
    return Model(
        agency=rng.choice(PLACES) + rng.choice(AGENCIES), year=year, overview=overview,
        problems=problems, other=other, fee=rng.choice(FEES).format(**fill),
        table2=make_table2(rng, tpl), table3=table3,
        table4=make_table4(rng),
    )


def with_2019_tables(model: Model, rng: random.Random) -> Model:
    """The same report written on the 2019 trial template (an outdated-template defect after 2020)."""
    old = model.copy()
    old.template_id = "2019"
    tpl = template("2019")
    old.table2 = make_table2(rng, tpl)
    six = [r for r in model.table3 if r.startswith("三.六.")]
    merged = [str(sum(int(model.table3[r][c]) for r in six)) for c in range(7)]  # （六） is one row in 2019
    old.table3 = {r: (merged if r == "三.六" else list(model.table3[r])) for r in tpl.table("三").value_rows}
    return old


def with_2019_parts(model: Model, rng: random.Random, parts: tuple[str, ...]) -> Model:
    """The same report with only the tables of `parts` (of 二, 三) on the 2019 template: a mixed report."""
    old = with_2019_tables(model, rng)
    mixed = model.copy()
    for sid in parts:
        mixed.parts[sid] = "2019"
        if sid == "二":
            mixed.table2 = old.table2
        elif sid == "三":
            mixed.table3 = old.table3
    return mixed


# ---------------------------------------------------------------------------------------------
# tables as grids of cells, HTML-style (a row lists the cells that start in it)


@dataclass
class Cell:
    text: str
    key: Key | None = None
    rowspan: int = 1
    colspan: int = 1


Grid = list[list[Cell]]
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_GROUPS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def grid_table2(model: Model) -> Grid:
    rows: Grid = []
    for block in model.blocks():
        if ("table", block.id) in model.dropped:
            continue
        cols = block.columns
        rows.append([Cell(block.name, ("caption", block.id), colspan=4)])
        head = [Cell("信息内容")] + [Cell(label, ("col", block.id, cid)) for cid, label in cols]
        head[-1].colspan = 4 - len(cols)
        rows.append(head)
        for row_id in block.value_rows:
            if ("row", block.id, row_id) in model.dropped:
                continue
            row = [Cell(model.label(block.id, row_id), ("row", block.id, row_id))]
            row += [Cell(model.table2[block.id][row_id][i], (block.id, row_id, cid)) for i, (cid, _) in enumerate(cols)]
            row[-1].colspan = 4 - len(cols)
            rows.append(row)
    return rows


def grid_table3(model: Model) -> Grid:
    """Three label columns: 三、本年度办理结果 spans every result row, a group label its sub-rows."""
    spec = model.table("三")
    cols = spec.col_ids()
    rows: Grid = [
        [Cell(T3_CORNER, colspan=3, rowspan=3), Cell("申请人情况", colspan=7)],
        [Cell("自然人", ("col", "三", cols[0]), rowspan=2), Cell("法人或其他组织", colspan=5),
         Cell("总计", ("col", "三", cols[6]), rowspan=2)],
        [Cell(T3_HEAD[i], ("col", "三", cols[i])) for i in range(1, 6)],
    ]
    labels = {r: lab for r, lab, _ in spec.rows}
    present = [r for r in spec.value_rows if ("row", "三", r) not in model.dropped]
    results = [r for r in present if r.startswith("三.")]
    for row_id in present:
        values = [Cell(v, ("三", row_id, c)) for v, c in zip(model.table3[row_id], cols)]
        own = Cell(model.label("三", row_id), ("row", "三", row_id))
        lead: list[Cell] = []
        if row_id == results[0]:
            lead.append(Cell(labels["三"], rowspan=len(results)))
        if not row_id.startswith("三."):
            own.colspan = 3
        elif row_id.count(".") == 2:  # a sub-row: its group label spans the group's present sub-rows
            group = row_id.rsplit(".", 1)[0]
            members = [r for r in results if r.rsplit(".", 1)[0] == group and r.count(".") == 2]
            if row_id == members[0]:
                lead.append(Cell(labels[group], rowspan=len(members)))
        else:
            own.colspan = 2
        rows.append(lead + [own] + values)
    return rows


def grid_table4(model: Model) -> Grid:
    cols = model.table("四").col_ids()
    return [
        [Cell("行政复议", ("head", "四"), colspan=5), Cell("行政诉讼", colspan=10)],
        [Cell(t, rowspan=2) for t in T4_GROUPS] + [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        [Cell(t) for t in T4_GROUPS * 2],
        [Cell(v, ("四", "数据", c)) for v, c in zip(model.table4, cols)],
    ]


def slots(grid: Grid) -> Slots:
    """Expand spans: each slot is (cell, 'origin' | 'rowcont' | 'colcont')."""
    taken: dict[tuple[int, int], tuple[Cell, str]] = {}
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    kind = "origin" if dr == dc == 0 else ("rowcont" if dc == 0 else "colcont")
                    taken[(r + dr, c + dc)] = (cell, kind)
            c += cell.colspan
    width = max(c for _, c in taken) + 1
    return [[taken.get((r, c), (Cell(""), "colcont")) for c in range(width)] for r in range(len(grid))]


# ---------------------------------------------------------------------------------------------
# the document: paragraphs and tables in order, then one writer per layout


@dataclass
class Para:
    text: str
    key: Key | None = None  # a heading's or the fee sentence's place
    title: bool = False


def blocks(model: Model) -> list[Para | Grid]:
    """The report in order: paragraphs and tables."""
    out: list[Para | Grid] = [
        Para(f"{model.agency}{model.year}年政府信息公开工作年度报告", title=True),
        Para(f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限为{model.year}年1月1日至{model.year}年12月31日。"),
    ]
    for sid, title in model.tpl.sections:
        if ("part", sid) not in model.dropped:
            out.append(Para(f"{sid}、{title}", ("part", sid)))
        if sid == "一":
            out += [Para(p) for p in model.overview]
        elif sid in ("二", "三", "四"):
            out.append({"二": grid_table2, "三": grid_table3, "四": grid_table4}[sid](model))
        elif sid == "五":
            out += [Para(p) for p in model.problems]
        else:
            out += [Para(p) for p in model.other]
            if model.fee is not None:
                out.append(Para(model.fee, ("fee",)))
    return out


class Lines:
    """Report lines plus where each key landed."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.where: Where = {}

    def add(self, text: str, *keys: Key | None) -> None:
        self.lines.append(text)
        for key in keys:
            if key is not None:
                self.where[key] = len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


Slots = list[list[tuple[Cell, str]]]


def _row_line(out: Lines, row: list[tuple[Cell, str]], line: str) -> None:
    out.add(line, *[cell.key for cell, kind in row if kind == "origin"])


def write_text(model: Model, layout: str) -> tuple[str, Where]:
    out = Lines()
    gap = layout in ("tab", "cell", "markdown")  # these extractions keep blank lines between paragraphs
    for block in blocks(model):
        if isinstance(block, Para):
            out.add(f"# {block.text}" if block.title and layout == "markdown" else block.text, block.key)
            if layout in DOUBLE:  # a blank line after every paragraph, as after every cell
                out.add("")
        else:
            write_table(out, slots(block), layout)
        if gap:
            out.add("")
    return out.text(), out.where


def write_table(out: Lines, table: Slots, layout: str) -> None:
    for i, row in enumerate(table):
        cont = sum(kind != "origin" for _, kind in row)
        texts = [cell.text for cell, kind in row if kind == "origin"]
        if layout == "pipe":  # 004: spans leave bare `|` fillers at the end of the line
            _row_line(out, row, " | ".join(texts) + " |" + "|" * cont)
        elif layout == "tab":  # 001: every slot, a continued span as an empty cell
            _row_line(out, row, "\t".join(cell.text if kind == "origin" else "" for cell, kind in row))
        elif layout == "markdown":
            _row_line(out, row, "| " + " | ".join(cell.text if kind == "origin" else "" for cell, kind in row) + " |")
            if i == 0:
                out.add("|" + "---|" * len(row))
        elif layout == "cell":  # 000: one cell a line, a continued rowspan as an empty cell
            for cell, kind in row:
                if kind == "origin":
                    out.add("\t" + cell.text, cell.key)
                elif kind == "rowcont":
                    out.add("\t")
            out.add("")
        elif layout == "cell_pipe":  # 002: a row opens with `|`, cells end in ` |`, a filler closes it
            out.add("|")
            for cell, kind in row:
                if kind == "origin":
                    out.add(f"{cell.text} |" if cell.text else "|", cell.key)
            out.add("|" * (1 + cont))
        elif layout == "cell_pipe_bare":  # 002 without fillers: an empty cell is ` |`, never a bare `|`
            out.add("|")
            for cell, kind in row:
                if kind == "origin":
                    out.add(f"{cell.text} |" if cell.text else " |", cell.key)
        elif layout in DOUBLE:
            _double_row(out, row, drop=layout == "cell_double_drop")
        else:
            raise ValueError(layout)


def _double_row(out: Lines, row: list[tuple[Cell, str]], drop: bool) -> None:
    """A copied web page: each cell that starts here on its line and a blank line after it; nothing
    for a continued span (the browser copies a merged cell once) and nothing else between rows.

    An empty cell is its own empty line and its blank (two blank lines after the previous cell's
    blank), or with `drop` nothing at all. A dropped cell is placed at its row: the row's label, else
    (表四's unlabelled row) the row's first written cell, else the last text line before the row.
    """
    before = next((n for n in range(len(out.lines), 0, -1) if out.lines[n - 1].strip()), 1)
    first = None
    dropped: list[Key] = []
    for cell, kind in row:
        if kind != "origin":
            continue
        if cell.text or not drop:
            out.add(cell.text, cell.key)
            first = first or len(out.lines)
            out.add("")
        elif cell.key is not None:
            dropped.append(cell.key)
    label = next((out.where[cell.key] for cell, kind in row
                  if kind == "origin" and cell.key is not None and cell.key[0] == "row" and cell.text), None)
    for key in dropped:
        out.where[key] = label or first or before


# ---------------------------------------------------------------------------------------------
# HTML: a published page with a nav bar and a script (both to be skipped), one <td> a line

GBK_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'


def write_html(model: Model, gbk: bool = False) -> tuple[str, Where]:
    out = Lines()
    title = f"{model.agency}{model.year}年政府信息公开工作年度报告"
    for line in ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>",
                 GBK_META if gbk else '<meta charset="utf-8">', f"<title>{title}</title>",
                 "<style>table{border-collapse:collapse} td{border:1px solid #999}</style>", "</head>",
                 "<body>", '<nav class="crumb"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 年度报告</nav>',
                 # A script that would read as a part heading if it were not skipped.
                 '<script>var nav = ["一、总体情况", "六、其他需要报告的事项"]; var n = 1 | 2;</script>',
                 '<div class="article">']:
        out.add(line)
    for block in blocks(model):
        if isinstance(block, Para):
            heading = block.key is not None and block.key[0] == "part"
            out.add(f'<h1 class="title">{block.text}</h1>' if block.title
                    else f"<p><strong>{block.text}</strong></p>" if heading
                    else f"<p>　　{block.text}</p>", block.key)  # pages indent paragraphs with two ideographic spaces
            continue
        out.add('<table class="xxgk" border="1" cellspacing="0">')
        out.add("<tbody>")
        for row in block:
            out.add("<tr>")
            for cell in row:
                spans = (("rowspan", cell.rowspan), ("colspan", cell.colspan))
                attrs = "".join(f' {name}="{n}"' for name, n in spans if n > 1)
                out.add(f"  <td{attrs}>{cell.text}</td>", cell.key)  # one <td> a line: `where` is exact
            out.add("</tr>")
        out.add("</tbody>")
        out.add("</table>")
    for line in ["</div>", f'<div class="footer">主办：{model.agency}</div>', "</body>", "</html>"]:
        out.add(line)
    return out.text(), out.where


_S2T: Callable[[str], str] | None = None


def traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        _S2T = opencc.OpenCC("s2t").convert
    return "\n".join(_S2T(line) for line in text.split("\n"))  # per line: line numbers stay exact


def render(model: Model, layout: str, trad: bool = False) -> tuple[str, Where]:
    """(text, where) of the model in a layout; Traditional script if `trad`."""
    if layout.startswith("html"):
        text, where = write_html(model, gbk=layout == "html_gbk")
    else:
        text, where = write_text(model, layout)
    return (traditional(text) if trad else text), where


def file_name(layout: str) -> str:
    """A name whose suffix makes the linter read the bytes the way the layout needs."""
    return "report.html" if layout.startswith("html") else "report.md" if layout == "markdown" else "report.txt"


def encode(text: str, layout: str) -> bytes:
    return text.encode("gb18030" if layout == "html_gbk" else "utf-8")


# ---------------------------------------------------------------------------------------------
# generated HTML fixtures for tests/e2e/test_accuracy.py

FIXTURES = {"utf8.html": ("html", 20210), "gbk.html": ("html_gbk", 20230)}  # name → (layout, seed)


def fixture_model(seed: int) -> Model:
    return make_model(random.Random(seed))


def write_fixtures(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (layout, seed) in FIXTURES.items():
        text, _ = render(fixture_model(seed), layout)
        (folder / name).write_bytes(encode(text, layout))
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-fixtures", action="store_true", help="regenerate tests/fixtures/html/")
    parser.add_argument("--show", metavar="LAYOUT", help="print one clean report in LAYOUT")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.write_fixtures:
        write_fixtures(ROOT / "tests/fixtures/html")
    if args.show:
        print(render(make_model(random.Random(args.seed)), args.show)[0], end="")
