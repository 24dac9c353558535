"""Regenerate src/xxgk_lint/data/traditional.txt: every CJK character that opencc t2s changes.

The linter uses this set to decide cheaply whether a report needs opencc at all, so that
linting a Simplified report never imports opencc. Run after upgrading opencc.
"""
from pathlib import Path

import opencc

converter = opencc.OpenCC("t2s")
ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
chars = "".join(
    c for lo, hi in ranges for c in map(chr, range(lo, hi + 1)) if converter.convert(c) != c
)
out = Path(__file__).resolve().parents[1] / "src/xxgk_lint/data/traditional.txt"
out.write_text(chars + "\n", encoding="utf-8")
print(f"{len(chars)} characters -> {out}")
