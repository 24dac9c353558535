"""Planted-fault accuracy for documents: bench/accuracy.py over the `docx` and `pdf` layouts at a
small fixed seed, scored by each finding's `place` (bench/documents.py states the contract).

The accuracy tests of a layout are skipped while the linter has no reader for it
(xxgk_lint.pipeline.readers.docx_reader / pdf_reader). The oracle (does `where` point at each key's text in
the written file?) and the fixtures' freshness are checked always.
"""
from __future__ import annotations

import importlib.util
import io
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))

import accuracy  # noqa: E402
import documents  # noqa: E402
import layouts  # noqa: E402

from xxgk_lint.output.diagnostic import Diagnostic  # noqa: E402

SEED = 0
REPORTS = {"docx": 2, "pdf": 1}  # × 16 fault kinds × 2 scripts: about 20 s together
FIXTURES = ROOT / "tests/fixtures/documents"


def _reader(layout: str) -> pytest.MarkDecorator:
    module = accuracy.READERS[layout]
    return pytest.mark.skipif(importlib.util.find_spec(module) is None,
                              reason=f"no {layout} reader yet: {module} does not exist")


# Findings carry `place` once the engine gives it; until then a finding is detected but cannot be located.
HAS_PLACE = "place" in getattr(Diagnostic, "__slots__", ()) or hasattr(Diagnostic, "place")
NO_PLACE = pytest.mark.xfail(not HAS_PLACE, reason="Diagnostic has no `place` yet", strict=True)

_results: dict[str, accuracy.Results] = {}


@pytest.fixture(scope="module")
def rules():
    from xxgk_lint.checks.ruleset import load_rules
    return load_rules([])


def results_of(layout: str, rules) -> accuracy.Results:
    if layout not in _results:
        _results[layout] = accuracy.run(SEED, REPORTS[layout], (layout,), rules=rules)
    return _results[layout]


def _cases(located: bool):
    for layout in accuracy.DOCUMENTS:
        for fault in accuracy.FAULTS:
            marks = [_reader(layout)] + ([NO_PLACE] if located else [])
            yield pytest.param(fault.kind, layout, id=f"{fault.kind}-{layout}".replace(" ", "_"), marks=marks)


def _report(misses) -> str:
    return "\n".join(f"{m.script} model {m.seed} {m.what}: {m.state()}; expected {m.code} at "
                     f"{accuracy.show_place(m.line)}; got {', '.join(m.found) or 'nothing'}" for m in misses)


@pytest.mark.parametrize("kind,layout", list(_cases(located=False)))
def test_planted_fault_detected(rules, kind, layout):
    res = results_of(layout, rules)
    assert not res.crashes, res.crashes[:3]
    tallies = [t for (k, _), t in res.tally.items() if k == kind]
    assert sum(t["planted"] for t in tallies) >= 2 * REPORTS[layout]  # every expected code, both scripts
    misses = [m for m in res.misses if (m.kind, m.layout) == (kind, layout) and not m.detected]
    assert not misses, _report(misses)


@pytest.mark.parametrize("kind,layout", list(_cases(located=True)))
def test_planted_fault_found_at_its_place(rules, kind, layout):
    res = results_of(layout, rules)
    misses = [m for m in res.misses if (m.kind, m.layout) == (kind, layout)]
    assert not misses, _report(misses)


@pytest.mark.parametrize("layout", [pytest.param(lay, marks=_reader(lay)) for lay in accuracy.DOCUMENTS])
def test_clean_documents_have_no_error_finding(rules, layout):
    res = results_of(layout, rules)
    assert res.clean_count == REPORTS[layout] * len(accuracy.SCRIPTS)
    assert not res.crashes, res.crashes[:3]
    assert not res.clean_errors, "\n".join(res.clean_error_examples)


# ---------------------------------------------------------------------------------------------
# the oracle: `where` points at each key's text in the file written (read with python-docx and
# pdfplumber, never the linter)


def _oracle_model() -> layouts.Model:
    model = layouts.make_model(random.Random(SEED))
    for key in model.cells():
        if key[2] in ("自然人", "总计") and key[1] in ("一", "三.五.5"):
            model.set(key, "")  # empty cells first and last in rows
    return model


def _docx_grid(tbl) -> dict[tuple[int, int], tuple[str, str | None]]:
    """(row, grid column) → (text, vMerge) of each w:tc, counting gridBefore and gridSpan."""
    from docx.oxml.ns import qn
    out = {}
    for r, tr in enumerate(tbl.findall(qn("w:tr")), 1):
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        col = 1 + (int(before.get(qn("w:val"))) if before is not None else 0)
        for tc in tr.findall(qn("w:tc")):
            out[(r, col)] = ("".join(t.text or "" for t in tc.iter(qn("w:t"))), tc.vMerge)
            col += tc.grid_span
    return out


def test_docx_where_points_at_every_key():
    import docx
    from docx.oxml.ns import qn
    model = _oracle_model()
    data, where = documents.write_docx(model)
    doc = docx.Document(io.BytesIO(data))
    grids = [_docx_grid(tbl) for tbl in doc.element.body.iter(qn("w:tbl"))]
    assert set(where) >= set(model.cells())
    for key, place in where.items():
        if "paragraph" in place:
            assert doc.paragraphs[place["paragraph"] - 1].text == model.text_of(key), (key, place)
        else:
            text, merge = grids[place["table"] - 1][(place["row"], place["column"])]
            assert text == model.text_of(key) and merge in (None, "restart"), (key, place, text, merge)
    assert documents.write_docx(model)[0] == data  # deterministic


def test_docx_merges_are_the_official_form():
    import docx
    from docx.oxml.ns import qn
    doc = docx.Document(io.BytesIO(documents.write_docx(_oracle_model())[0]))
    t3 = _docx_grid(list(doc.element.body.iter(qn("w:tbl")))[1])
    assert t3[(1, 1)][0].startswith("（本列数据") and t3[(1, 4)][0] == "申请人情况"
    assert t3[(2, 4)][0] == "自然人" and t3[(2, 5)][0] == "法人或其他组织" and t3[(2, 10)][0] == "总计"
    assert t3[(3, 4)] == ("", "continue") and t3[(3, 10)] == ("", "continue")  # 自然人, 总计 over 2 rows
    assert t3[(6, 1)] == ("三、本年度办理结果", "restart") and t3[(27, 1)] == ("", "continue")
    assert t3[(28, 1)][0] == "四、结转下年度继续办理"  # spans 3 grid columns


def test_pdf_where_points_at_every_key():
    import pdfplumber
    model = _oracle_model()
    data, where = documents.write_pdf(model)
    squash = documents._squash
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text_lines() for page in pdf.pages]
        assert all(squash(lines[-1]["text"]) == f"-{n}-" for n, lines in enumerate(pages, 1))  # the footer
    texts = ["".join(squash(line["text"]) for line in lines) for lines in pages]
    rows = {}
    for key, place in where.items():
        want = squash(model.text_of(key))
        if "page_line" in place:
            line = squash(pages[place["page"] - 1][place["page_line"] - 1]["text"])
            assert want.startswith(line) and line, (key, place, line)
        else:
            assert want[:2] in texts[place["page"] - 1], (key, place)  # a cell wrapped in a narrow column: its start
            rows.setdefault((place["table"], place["row"]), set()).add(place["page"])
    assert all(len(p) == 1 for p in rows.values())  # a row is on one page
    assert documents.write_pdf(model)[0] == data  # deterministic


def test_some_pdf_tables_cross_a_page():
    crossing = 0
    for i in range(6):
        _, where = documents.write_pdf(layouts.make_model(random.Random(f"{SEED}/{i}")))
        crossing += len({p["page"] for k, p in where.items() if k[0] == "三"}) > 1
    assert 1 <= crossing < 6


# ---------------------------------------------------------------------------------------------
# the fixtures (python tools/write_documents.py)


def test_fixtures_are_fresh():
    import write_documents as wd
    model = wd.model()
    docx_data, docx_where = documents.write_docx(model)
    pdf_data, pdf_where = documents.write_pdf(model)
    fresh = {"clean.docx": docx_data, "clean.docx.where.json": wd.where_json(docx_where), "clean.pdf": pdf_data,
             "clean.pdf.where.json": wd.where_json(pdf_where), "merged.docx": wd.merged_docx()[0],
             "tracked.docx": wd.tracked_docx(), "scan.pdf": wd.scan_pdf(), "encrypted.pdf": wd.encrypted_pdf(),
             "truncated.pdf": pdf_data[: len(pdf_data) // 2], "laughs.docx": wd.laughs_docx()}
    stale = [name for name, data in fresh.items() if (FIXTURES / name).read_bytes() != data]
    assert not stale, f"stale fixtures {stale}: run python tools/write_documents.py"
    assert json.loads((FIXTURES / "clean.docx.where.json").read_text("utf-8"))["三|一|总计"]["table"] == 2
    for name in ("bomb.docx", "legacy.doc", "report.odt"):
        assert (FIXTURES / name).stat().st_size < 1_000_000
    assert sum(p.stat().st_size for p in FIXTURES.iterdir()) < 3_000_000


def test_many_pages_pdf_is_made_in_tmp(tmp_path):
    import pdfplumber
    import write_documents as wd
    path = tmp_path / "manypages.pdf"
    path.write_bytes(wd.many_pages_pdf())
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 3000 and pdf.pages[-1].extract_text().strip() == "- 3000 -"
