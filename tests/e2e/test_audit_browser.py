"""The audit page in a real browser (headless Chromium): it loads with no console message, its
script runs (the page marks <html data-audit="ready">), the charts have their bars, the numbers the
page shows are the CSV's, sorting, filtering and paging work, a link to a row on another page shows it,
and without the script every row is there. A screenshot is taken (tmp folder) for a person to look at.

Chromium is Debian's `chromium` package (.ci/run installs it where it can); without it these tests
skip."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from texts import edit

from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.output.audit import Audit, load_rubric, make_entry
from xxgk_lint.output.diagnostic import Diagnostic

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "output"))

import audit_page  # noqa: E402
from test_audit import CLEAN, EXAMPLES, FAULTS, REPORTS, Page, lint_entry, read_csv, text_entry  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: install the distribution's chromium package")
GENERATED = 520  # with the seed reports and planted faults: more than one page (500 rows) of the scorecard
HOSTILE = "</script><script>document.documentElement.setAttribute('data-pwned','1')</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    rules = load_rules([])
    folder = tmp_path_factory.mktemp("audit-browser")
    entries = [lint_entry(p.name, p.read_bytes(), rules) for p in sorted(REPORTS.glob("*.txt"))]
    entries.append(lint_entry("hongze-2024.pdf", (EXAMPLES / "hongze-2024.pdf").read_bytes(), rules))
    for code, ((old, new), _) in sorted(FAULTS.items()):
        entries.append(text_entry(rules, edit(CLEAN, old, new), f"planted-{code}.txt"))
    hostile = Diagnostic("hostile.txt", 1, 1, 1, 2, "S004", "missing-title", "warning", HOSTILE, source=HOSTILE)
    entries.append(make_entry("hostile.txt", "某局" + HOSTILE, 2024, "2021", {}, [hostile]))
    for name, data, _, _ in audit_page.generated(GENERATED):
        entries.append(make_entry(*audit_page.linted(name, data, rules)))
    across = Diagnostic(entries[-1].path, 1, 1, 1, 1, "X001", "carry-over-mismatch", "error", "与上年报告不一致",
                        related=[{"path": entries[-2].path, "line": 1, "column": 1, "message": "上年报告"}])
    audit = Audit(folder, "audit", load_rubric())
    for entry in entries:
        audit.add(entry)
    audit.add_findings([across])
    return Path(audit.finish()), folder, len(entries)


def chromium(url: str, *flags: str, tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp}",
         "--enable-logging=stderr", "--v=0", *flags, url],
        capture_output=True, text=True, timeout=300)


def dom(page: Path, tmp: Path, *flags: str, fragment: str = "") -> str:
    """The page's DOM after its script ran; fails on any console message or uncaught error."""
    proc = chromium(page.as_uri() + fragment, "--dump-dom", *flags, tmp=tmp)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []
    return proc.stdout


def with_script(page: Path, script: str) -> Path:
    """A copy of the page with a script of the test's run after the page's own."""
    copy = page.with_name(page.stem + "-probe.html")
    copy.write_text(page.read_text("utf-8").replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    return copy


def test_the_page_loads_and_its_script_runs(site, tmp_path):
    page, folder, count = site
    html = dom(page, tmp_path)
    assert 'data-audit="ready"' in html and 'data-pwned="' not in html  # the hostile quote is text
    seen = Page(html)
    assert len(seen.rows) == count > 500
    visible = [row for row in seen.rows if not row["hidden"]]
    assert len(visible) == 500 and visible[0]["id"] == "r1"
    assert f"第 1–500 条，共 {count} 条" in "".join(seen.text)
    assert f"显示 {count} / {count} 份" in "".join(seen.text)


def test_the_charts_and_the_numbers_are_the_csvs(site, tmp_path):
    page, folder, count = site
    seen = Page(dom(page, tmp_path))
    findings = read_csv(folder / "audit-findings.csv")[1:]
    codes = sorted({row[3] for row in findings})
    assert len(seen.charts["areas"]) == 8
    assert [cls for cls, _ in seen.charts["codes"]] == [f"a-{code[0]}" for code in codes]
    assert [float(v) for _, v in seen.charts["codes"]] == [sum(1 for r in findings if r[3] == c) for c in codes]
    assert len(seen.charts["scores"]) >= 2 and sum(float(v) for _, v in seen.charts["scores"]) == count
    assert sum(float(v) for _, v in seen.charts["years"]) == count
    rows = read_csv(folder / "audit-reports.csv")[1:]
    for shown, row in zip(seen.rows, rows):
        assert shown["cells"][:3] == row[:3]
        assert shown["cells"][5:17] == row[5:17]  # score, errors, warnings, findings, the areas


def test_sorting_filtering_and_paging(site, tmp_path):
    page, folder, count = site
    rows = read_csv(folder / "audit-reports.csv")[1:]
    probe = with_script(page, """
      var heads = document.querySelectorAll('#score thead th'), html = document.documentElement;
      var score = [].findIndex.call(heads, function (th) { return th.dataset.c === 'score'; });
      heads[score].querySelector('button').click();
      var firstIds = [].slice.call(document.querySelectorAll('#score tbody tr:not([hidden])'), 0, 30)
        .map(function (tr) { return tr.id; });
      html.setAttribute('data-ascending', firstIds.join(' '));
      heads[score].querySelector('button').click();
      html.setAttribute('data-descending', document.querySelector('#score tbody tr:not([hidden])').id);
      var fs = document.getElementById('fs'); fs.value = 'fail'; fs.dispatchEvent(new Event('input'));
      html.setAttribute('data-failed', document.querySelectorAll('#score tbody tr:not([hidden])').length);
      document.querySelector('#score-pager .next').click();
    """)
    html = dom(probe, tmp_path)
    ascending = sorted(range(len(rows)), key=lambda i: (float(rows[i][5]), i))
    attribute = lambda name: html.split(f'data-{name}="', 1)[1].split('"', 1)[0]  # noqa: E731
    assert attribute("ascending").split() == [f"r{i + 1}" for i in ascending[:30]]
    top = max(float(r[5]) for r in rows)
    assert attribute("descending") == f"r{next(i for i, r in enumerate(rows) if float(r[5]) == top) + 1}"
    failed = sum(1 for r in rows if "未通过" in r[17:])
    assert int(attribute("failed")) == min(failed, 500) and failed > 10


def test_a_link_to_a_row_on_another_page_shows_it(site, tmp_path):
    page, _, count = site
    seen = Page(dom(page, tmp_path, fragment=f"#r{count}"))
    row = next(row for row in seen.rows if row["id"] == f"r{count}")
    assert not row["hidden"] and sum(1 for row in seen.rows if not row["hidden"]) == count - 500


def test_without_the_script_every_row_is_a_plain_table(site, tmp_path):
    """Headless Chromium cannot run with scripts off, so the page is read as such a browser reads it:
    without its script, the <noscript> style in force. Every row then shows, the filters and pager do
    not; and before the script has run, only the first page of rows is laid out (a quick first load)."""
    page, _, count = site
    text = page.read_text("utf-8")
    assert text.count("<script>") == 1
    scriptless = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
    measure = """
      var html = document.documentElement, shown = function (el) { return getComputedStyle(el).display !== 'none'; };
      html.setAttribute('data-rows', [].filter.call(document.querySelectorAll('#score tbody tr'), shown).length);
      html.setAttribute('data-controls', shown(document.getElementById('controls')) ? 'shown' : 'none');
      html.setAttribute('data-pager', shown(document.getElementById('score-pager')) ? 'shown' : 'none');
    """
    attribute = lambda html, name: html.split(f'data-{name}="', 1)[1].split('"', 1)[0]  # noqa: E731
    for source, rows in ((scriptless.replace("<noscript>", "").replace("</noscript>", ""), count), (scriptless, 500)):
        copy = page.with_name("scriptless.html")
        copy.write_text(source, "utf-8")
        html = dom(with_script(copy, measure), tmp_path)
        assert "data-audit" not in html
        assert (int(attribute(html, "rows")), attribute(html, "controls"), attribute(html, "pager")) == (rows, "none", "none")


def test_a_screenshot_is_taken(site, tmp_path):
    page, folder, _ = site
    shot = folder / "audit.png"
    proc = chromium(page.as_uri(), f"--screenshot={shot}", "--window-size=1400,2000", "--hide-scrollbars",
                    tmp=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000
