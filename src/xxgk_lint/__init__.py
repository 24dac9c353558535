"""xxgk-lint: a rules-based compliance linter for 政府信息公开工作年度报告.

    >>> import xxgk_lint
    >>> findings = xxgk_lint.lint("reports/2023.docx")      # list of dicts, as `--format json` gives
    >>> cells = xxgk_lint.extract("reports/")               # one dict per table cell (long form)

The functions live in `xxgk_lint.api`, imported on first use: the command line never loads them.
"""
from .version import __version__

__all__ = ["__version__", "extract", "lint"]


def __getattr__(name: str):
    if name in ("lint", "extract"):
        from . import api  # the library's entry points, only when a program asks for them

        return getattr(api, name)
    raise AttributeError(f"module 'xxgk_lint' has no attribute {name!r}")
