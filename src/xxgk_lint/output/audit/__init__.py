"""The audit page: a corpus of linted reports as one static HTML page (the corpus at a glance, a
scorecard per report, agencies over the years, every finding) and CSV files (scorecard, findings, key
figures). `xxgk-lint audit` feeds it; it imports only the base modules and `output`.

- `entry`: one report → `Entry` (mandatory items, key figures, findings counted)
- `rubric`: the scoring rubric (YAML, its schema), `Rubric.score`
- `audit`: `Audit`, streaming entries into the files
- `corpus`: what is kept per report (`Summary`), agencies over the years, jumps
- `tables`: the CSV files; `charts`: SVG; `page`, `scorecard`, `sections`: HTML; `assets`: style and
  script; `strings`: every word, per language
"""
from __future__ import annotations

from .audit import Audit
from .entry import Entry, make_entry
from .rubric import Rubric, RubricError, default_rubric_path, load_rubric

__all__ = ["Audit", "Entry", "Rubric", "RubricError", "default_rubric_path", "load_rubric", "make_entry"]
