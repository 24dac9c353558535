"""Planted-fault accuracy at a small fixed seed (bench/accuracy.py), and the generated HTML fixtures.

Each fault kind × layout is planted on 2 synthetic reports in both scripts; the targets of the
benchmark (detected ≥ 99 %, located ≥ 98 %) mean no miss at this sample size. The oracle itself is
checked too: in every layout, `where` points at the line that holds each key's text.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
import layouts  # noqa: E402

from xxgk_lint.checks.engine import lint_bytes  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402

SEED, REPORTS = 0, 2
HTML = ROOT / "tests/fixtures/html"

# Linter bugs this benchmark found: (fault kind, layout) → what goes wrong. Strict: a fix makes it XPASS.
KNOWN_BUGS: dict[tuple[str, str], str] = {}  # (fault kind, layout) → linter bug; strict xfail


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


@pytest.fixture(scope="module")
def results(rules) -> accuracy.Results:
    return accuracy.run(SEED, REPORTS, rules=rules)


def _cases():
    for fault in accuracy.FAULTS:
        for layout in layouts.LAYOUTS:
            key = (fault.kind, layout)
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[key])] if key in KNOWN_BUGS else []
            yield pytest.param(fault.kind, layout, id=f"{fault.kind}-{layout}".replace(" ", "_"), marks=marks)


@pytest.mark.parametrize("kind,layout", list(_cases()))
def test_planted_fault_found_at_its_place(results, kind, layout):
    planted = sum(t[f"planted:{layout}"] for (k, _), t in results.tally.items() if k == kind)
    assert planted >= 2 * REPORTS  # every expected code, in both scripts
    misses = [m for m in results.misses if (m.kind, m.layout) == (kind, layout)]
    assert not misses, "\n".join(
        f"{m.script} model {m.seed} {m.what}: {m.state()}; expected {m.code} on line {m.line}; "
        f"got {', '.join(m.found) or 'nothing'}" for m in misses)


def test_clean_reports_have_no_error_finding(results):
    assert results.clean_count == REPORTS * len(layouts.LAYOUTS) * len(accuracy.SCRIPTS)
    assert not results.crashes
    assert not results.clean_errors, "\n".join(results.clean_error_examples)


# ---------------------------------------------------------------------------------------------
# the oracle itself: `where` points at every key, in every layout

ONE_CELL_A_LINE = ("cell", "cell_pipe", "cell_pipe_bare", "cell_double", "cell_double_drop")
EMPTY_CELL = {"cell": "\t", "cell_pipe": "|", "cell_pipe_bare": " |", "cell_double": ""}


@pytest.mark.parametrize("layout", layouts.LAYOUTS)
def test_where_points_at_every_key(layout):
    model = layouts.make_model(random.Random(SEED))
    model.labels[("row", "三", "三.二")] = "（二）部分公开（区分处理的）"  # a label of the model's own
    for key in model.cells():
        if key[0] == "四" or key[2] in ("自然人", "总计") and key[1] in ("一", "三.五.5"):
            model.set(key, "")  # a whole row, and empty cells first and last in rows
    text, where = layouts.render(model, layout)
    lines = text.split("\n")
    rows = {("row", t.id, r) for t in model.tables() if t.id != "四" for r, _, group in t.rows if not group}
    assert set(where) >= set(model.cells()) | rows
    for key, line in where.items():
        source, want = lines[line - 1], model.text_of(key)
        if want:
            if layout in ONE_CELL_A_LINE:  # a cell, a paragraph: the line is that text
                assert source.strip("\t").removesuffix(" |") == want, (key, line, source)
            else:
                assert want in source, (key, line, source)
        elif layout == "cell_double_drop":  # a dropped cell sits at its row's label, or a text line before it
            row = ("row", key[0], key[1])
            assert line == where[row] if row in where else source.strip(), (key, line, source)
        elif layout in EMPTY_CELL:
            assert source == EMPTY_CELL[layout], (key, line, source)
            if layout == "cell_double":  # its own empty line and the blank after it
                assert lines[line] == "" and lines[line - 2] == "", (key, line, lines[line - 2:line + 1])
        elif layout.startswith("html"):
            assert source.strip().startswith("<td") and source.endswith("></td>"), (key, line, source)
        else:  # one row a line: the row's label is on it (表四 has none)
            assert key[0] == "四" or model.text_of(("row", key[0], key[1])) in source, (key, line, source)
    if layout in layouts.DOUBLE:  # only an empty cell makes two blank lines in a row
        clean, _ = layouts.render(layouts.make_model(random.Random(SEED)), layout)
        assert "\n\n\n" not in clean


# ---------------------------------------------------------------------------------------------
# the generated HTML fixtures (python bench/layouts.py --write-fixtures)


def _fixture(name: str) -> tuple[str, str, dict]:
    """(source text, encoding, where) of a fixture, checking it is what the generator writes today."""
    layout, seed = layouts.FIXTURES[name]
    text, where = layouts.render(layouts.fixture_model(seed), layout)
    data = (HTML / name).read_bytes()
    assert data == layouts.encode(text, layout), "stale fixture: run python bench/layouts.py --write-fixtures"
    return text, ("gb18030" if layout == "html_gbk" else "utf-8"), where


@pytest.mark.parametrize("name", sorted(layouts.FIXTURES))
def test_html_fixture_is_clean(rules, name):
    _fixture(name)
    diags = lint_bytes(str(HTML / name), (HTML / name).read_bytes(), rules)
    assert [(d.code, d.line, d.message) for d in diags if d.severity == "error"] == []


@pytest.mark.parametrize("name", sorted(layouts.FIXTURES))
@pytest.mark.parametrize("key", [
    ("二.一", "规章", "本年废止件数"), ("二.八", "行政事业性收费", "本年收费金额"), ("三", "三.三.2", "商业企业"),
    ("三", "三.六.3", "总计"), ("四", "数据", "直诉.纠正"), ("四", "数据", "复诉.总计"),
    ("三", "一", "总计"),  # the last cell after a label spanning three columns: once shifted the whole row
], ids=lambda k: "/".join(k))
def test_html_blank_cell_reported_at_its_td(rules, name, key):
    text, encoding, where = _fixture(name)
    lines = text.split("\n")
    line = where[key]
    source = lines[line - 1]
    lines[line - 1] = re.sub(r">[^<]*</td>", "></td>", source)  # one <td> a line
    assert lines[line - 1] != source
    diags = lint_bytes(str(HTML / name), "\n".join(lines).encode(encoding), rules)
    column = source.index("<td") + 1  # code points, as the linter counts
    found = [(d.code, d.line, d.column, d.logical) for d in diags if d.code == "N001"]
    assert ("N001", line, column, "表{}/{}/{}".format(*key)) in found, found
