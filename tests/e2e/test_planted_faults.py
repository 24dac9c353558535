"""Plant one fault at a time into clean real reports, in every layout and in both scripts, and
check the linter reports exactly that fault, at exactly the planted place (see faults.py)."""
from __future__ import annotations

import pytest
from faults import FAULTS, SCRIPTS, SEEDS, Expect, Fault, build, in_script, seed_text

from xxgk_lint.checks.engine import lint_bytes, parse
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.pipeline.report import Report


def _bug(seeds: list[str], fault_id: str, reason: str) -> dict[str, str]:
    return {f"{seed}-{script}-{fault_id}": reason for seed in seeds for script in SCRIPTS}


# Linter bugs found by these tests: test id → what goes wrong. Strict: a fix makes the test XPASS,
# and the entry must then be removed.
KNOWN_BUGS: dict[str, str] = {}


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


def _show(diags) -> str:
    out = []
    for d in diags:
        out.append(f"  {d.severity} {d.code} {d.line}:{d.column} [{d.logical}] {d.message}")
        out += [f"      related {r['line']}:{r['column']} {r['message']}" for r in d.related]
    return "\n".join(out) or "  (no findings)"


def _matches(d, e: Expect) -> bool:
    def here(line: int, column: int) -> bool:
        return line == e.line and (e.column is None or column == e.column)

    return (
        d.code == e.code and d.severity == e.severity
        and (e.logical is None or d.logical == e.logical)
        and (here(d.line, d.column) or (e.related_ok and any(here(r["line"], r["column"]) for r in d.related)))
    )


def _lint(seed: str, text: str, rules):
    return lint_bytes(str(SEEDS[seed]), text.encode("utf-8"), rules, lang="zh")


def _cases():
    for seed in SEEDS:
        for script in SCRIPTS:
            for fault in FAULTS:
                test_id = f"{seed}-{script}-{fault.id}"
                marks = ([pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN_BUGS[test_id])]
                         if test_id in KNOWN_BUGS else [])
                yield pytest.param(seed, script, fault, id=test_id, marks=marks)


@pytest.mark.parametrize("seed", list(SEEDS))
@pytest.mark.parametrize("script", SCRIPTS)
def test_clean_seed_has_no_error(seed: str, script: str, rules) -> None:
    diags = _lint(seed, in_script(seed_text(seed), script), rules)
    errors = [d for d in diags if d.severity == "error"]
    assert not errors, f"clean seed {seed} ({script}) has error findings:\n{_show(diags)}"


@pytest.mark.parametrize("seed,script,fault", list(_cases()))
def test_planted_fault(seed: str, script: str, fault: Fault, rules) -> None:
    planted = build(seed, script, fault)
    assert planted.text != in_script(seed_text(seed), script), "the fault was not planted"
    diags = _lint(seed, planted.text, rules)  # a traceback fails the test here
    shown = f"planted {fault.id} into {seed} ({script}); expected:\n" + "\n".join(
        "  " + e.describe() for e in planted.expects) + f"\nfound:\n{_show(diags)}"

    for e in planted.expects:
        assert any(_matches(d, e) for d in diags), f"missing: {e.describe()}\n{shown}"
    # Nothing else: every error is one of the expected findings, and no expected code is doubled.
    stray = [d for d in diags if d.severity == "error" and not any(_matches(d, e) for e in planted.expects)]
    assert not stray, f"unexpected error findings:\n{_show(stray)}\n{shown}"
    for code in {e.code for e in planted.expects}:
        want = sum(e.code == code for e in planted.expects)
        got_n = sum(d.code == code for d in diags)
        assert got_n == want, f"{got_n} findings of {code}, expected {want}\n{shown}"
    if planted.cell is not None:  # the edit landed where intended and the row still aligns
        # (this is what makes the fee-amount case, which expects nothing, able to fail)
        report = parse(str(SEEDS[seed]), planted.text.encode("utf-8"))
        assert isinstance(report, Report)
        got = report.tables[planted.cell.table].cell(planted.cell.row, planted.cell.column)
        assert got is not None and planted.cell_text in (got.text, got.raw) and got.span.line == planted.cell_line, (
            f"edited cell {planted.cell} reads {got and (got.text, got.span)}\n{shown}")

