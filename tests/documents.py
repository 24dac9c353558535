"""Real report texts as Word documents for tests: the bundled Markdown examples (tests/texts.py),
their pipe tables written as Word tables cell by cell (no merges: as many drafts are typed) and the
rest as paragraphs, by python-docx (a test-only dependency)."""
from __future__ import annotations

import io

import docx


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
