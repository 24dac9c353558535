"""Command line.

    xxgk-lint [check] [OPTIONS] PATH...     lint reports (the default command)
    xxgk-lint rules [--format text|json]    list the rules
    xxgk-lint rule CODE                     a rule's documentation
    xxgk-lint check-rules PATH...           validate rule files and run their examples
    xxgk-lint generate-docs DIR             write the rule docs as Markdown
    xxgk-lint extract PATH... [--format csv]  every report's table cells as data (long form)
    xxgk-lint audit PATH... --output audit.html  a corpus judged for evaluators: an HTML page and CSVs
    xxgk-lint server                        the language server over stdio (editors; xxgk-lint[lsp])
    xxgk-lint text PATH [--places]          a report's text as the linter reads it (.docx, .pdf: the
                                            text view that findings' line:col count in)

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration, rule-file or
internal error (other files are still linted). Never a traceback.
"""
from __future__ import annotations

import sys
from importlib import import_module

from .errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError

__all__ = ["COMMANDS", "EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "UsageError", "main"]

# command → the module that runs it (its function of the same name, dashes as underscores). Only the
# command run is imported: the rule commands bring YAML and jsonschema, which linting never needs.
COMMANDS = {"check": "check", "rules": "rules", "rule": "rules", "generate-docs": "rules", "check-rules": "check_rules",
            "text": "text",
            "extract": "extract", "audit": "audit", "server": "server"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command, rest = (argv[0], argv[1:]) if argv and argv[0] in COMMANDS else ("check", argv)
    try:
        run = getattr(import_module(f".{COMMANDS[command]}", __name__), command.replace("-", "_"))
        return run(rest)
    except UsageError as exc:
        print(f"xxgk-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # a bug: say so plainly, never a traceback
        print(f"xxgk-lint: internal error: {exc.__class__.__name__}: {exc} "
              "(please report it with the file that caused it)", file=sys.stderr)
        return EXIT_ERROR
