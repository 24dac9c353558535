"""Lint an editor's text as the command line lints a file: the configuration found from the
document's folder, the bundled and `extend-rules` rules, select/ignore/severity, per-file settings,
inline and configured suppressions, and the rules across reports against the configured `history`
(its reports read once, again when one changes on disk). A configuration or rule file that cannot be
used is kept as a problem of that file (shown there) and the document is linted with the defaults
meanwhile."""
from __future__ import annotations

import os

from ..checks.rule import Rule
from ..checks.rulefile import FileError
from ..checks.ruleset import RuleSetError, load_rules
from ..output.diagnostic import Diagnostic
from ..pipeline.facts import Facts
from ..run import corpus
from ..run.config import CONFIG_NAMES, ConfigError, Settings, find_config, load_config
from ..run.runner import Plan, apply_configured, lint_file, resolve_rules, safe_lint
from ..speed import pure_path

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def lintable(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def is_setting_file(path: str) -> bool:
    """A configuration or rule file: saving one reloads the settings and rules."""
    return os.path.basename(path) in CONFIG_NAMES or path.lower().endswith((".yaml", ".yml"))


class Linter:
    """Settings and rules per configuration file (None: no configuration, the defaults), loaded once
    and kept until `reload`."""

    def __init__(self) -> None:
        self._configs: dict[str, str | None] = {}  # folder → its configuration file
        self._plans: dict[str | None, Plan] = {}
        self.problems: dict[str, list[FileError]] = {}  # file → what is wrong with it
        self._history_files: dict[str | None, list[str]] = {}  # configuration → its history's reports
        self._history: dict[str, tuple[tuple[int, int], Facts | None]] = {}  # report → (mtime, size), facts

    def reload(self) -> None:
        self._configs.clear()
        self._plans.clear()
        self._history_files.clear()
        self._history.clear()
        self.problems = {}

    def plan_for(self, path: str) -> Plan:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._configs:
            self._configs[folder] = find_config(folder)
        config = self._configs[folder]
        if config not in self._plans:
            self._plans[config] = self._load(config)
        return self._plans[config]

    def rules(self, path: str) -> dict[str, Rule]:
        return {r.code: r for r in self.plan_for(path).rules}

    def lint(self, path: str, text: str) -> list[Diagnostic]:
        """The findings in `text`, the editor's content of the file at `path`, in file order."""
        plan = self.plan_for(path)
        name = self._name(path, plan.settings)
        result = safe_lint(lambda: lint_file(name, plan, text.encode("utf-8"), name), name, plan)
        found = apply_configured(result, plan).diagnostics
        if result.facts is not None:
            history = self.history(plan, os.path.abspath(path))
            found += [d for d in corpus.findings(plan, [result.facts], history) if d.path == name]
        return sorted(found, key=lambda d: (d.line, d.column))

    def history(self, plan: Plan, path: str) -> list[Facts]:
        """The facts of the configured history's reports (but the document's own file), as the command
        line run from the project's root names and reads them; a report is read again when its
        modification time or size changes."""
        settings = plan.settings
        if settings.config_path not in self._history_files:
            root = os.path.dirname(os.path.abspath(settings.config_path))
            self._history_files[settings.config_path] = [os.path.abspath(f) for f in corpus.history_files(settings, root)]
        quiet = Plan([], settings, plan.lang, plan.template, False, False, None, plan.wanted)
        out = []
        for file in self._history_files[settings.config_path]:
            if os.path.realpath(file) == os.path.realpath(path):
                continue
            try:
                stat = os.stat(file)
            except OSError:
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            kept = self._history.get(file)
            if kept is None or kept[0] != stamp:
                name = self._name(file, settings)
                kept = self._history[file] = (stamp, safe_lint(lambda: lint_file(file, quiet, None, name), name, quiet).facts)
            if kept[1] is not None:
                out.append(kept[1])
        return out

    def _load(self, config: str | None) -> Plan:
        problems: list[FileError] = []
        try:
            settings = load_config(config) if config else Settings()
        except ConfigError as exc:
            problems.append(exc)
            settings = Settings()  # the defaults until the file is mended
        root = os.path.dirname(config) if config and not problems else ""
        extend = [pure_path(os.path.join(root, p)) for p in settings.extend_rules]
        try:
            rules = load_rules(extend)
        except RuleSetError as exc:
            problems += [self._placed(e, config) for e in exc.errors]
            rules = load_rules([])
        rules = resolve_rules(rules, settings, [], [], [])
        for problem in problems:
            self.problems.setdefault(os.path.abspath(problem.path), []).append(problem)
        plan = Plan(rules, settings, settings.lang, None, True, False)
        # the cells the rules across reports compare, kept only where there is a history to compare with
        plan.wanted = corpus.wanted(plan) if settings.history and settings.config_path else None
        return plan

    @staticmethod
    def _placed(error: FileError, config: str | None) -> FileError:
        """A rule file that does not exist is told on the configuration naming it."""
        if config and not os.path.isfile(error.path):
            return FileError(config, f"extend-rules: {error.path}: {error.message}")
        return error

    @staticmethod
    def _name(path: str, settings: Settings) -> str:
        """The path as the command line run from the project's root would name it (the globs of
        per-file settings and suppressions match it)."""
        if settings.config_path:
            root = os.path.dirname(os.path.abspath(settings.config_path))
            relative = os.path.relpath(os.path.abspath(path), root)
            if not relative.startswith(".."):
                return relative
        return path
