"""Exit codes, and the error that ends a command with a one-line message (exit 2)."""
from __future__ import annotations

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A mistake on the command line or a target that cannot be written: `xxgk-lint: error: …`."""
