"""P003: a suppression that silences nothing. The engine (inline comments) and the runner
(configured suppressions) emit it after suppressions are applied; there is nothing to check here."""
from __future__ import annotations


def check(rule, report):
    return []
