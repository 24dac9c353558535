"""Documents for tests: the bundled Markdown examples (tests/texts.py) as Word documents (their pipe
tables written as Word tables cell by cell, no merges, as many drafts are typed; the rest as
paragraphs; python-docx, a test-only dependency), and the exported PDF fixtures linted."""
from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

import docx

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
EXPORTS = DOCUMENTS / "exports"  # PDFs a word processor exported (tools/write_pdf_exports.py)


def docx_where() -> dict:
    """Where the .docx writer put each cell of clean.docx (table, row, grid column): exports keep them."""
    return json.loads((DOCUMENTS / "clean.docx.where.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _rules():
    from xxgk_lint.checks.ruleset import load_rules
    return load_rules([])


def lint_export(name: str) -> list:
    """The findings of a fixture in tests/fixtures/documents/exports/."""
    from xxgk_lint.checks.engine import lint_bytes
    path = EXPORTS / name
    return lint_bytes(str(path), path.read_bytes(), _rules())


def docx_from_markdown(text: str) -> bytes:
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    if value:
                        table.cell(r, c).text = value
            rows.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # a Markdown separator row
            rows.append(cells)
            continue
        flush()
        if stripped:
            document.add_paragraph(stripped.lstrip("#").strip())
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
