"""The server command: the language server over stdio (`xxgk_lint.lsp`), for editors. pygls is
imported only here, and only when this command runs (the extra `xxgk-lint[lsp]`)."""
from __future__ import annotations

import sys

from .argparsing import Parser
from .errors import EXIT_CLEAN, EXIT_ERROR


def server(argv: list[str]) -> int:
    parser = Parser(prog="xxgk-lint server",
                    description="the language server over stdio: findings as you type, rule docs on hover")
    parser.parse_args(argv)
    try:
        import lsprotocol.types  # noqa: F401 - the server needs both
        import pygls.lsp.server  # noqa: F401
    except ImportError:
        print("xxgk-lint: error: the language server needs pygls: install xxgk-lint[lsp] "
              "(pip install 'xxgk-lint[lsp]')", file=sys.stderr)
        return EXIT_ERROR
    from ..lsp.server import serve

    serve()
    return EXIT_CLEAN
