"""The language server over stdio (pygls 2): diagnostics of .txt, .md and .html documents on open,
on change (after a pause in typing) and on save, pulled (`textDocument/diagnostic`) when the client
can pull them, published otherwise; cleared on close; hover on a finding shows its rule's
documentation. Saving a configuration or rule file (or its change on disk) reloads the settings and
rules; what is wrong with one is shown on that file."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ..version import __version__
from .actions import FIX_ALL, code_actions, fix_all
from .convert import contains, file_lines, hover_markdown, problem_to_lsp, to_lsp
from .linting import Linter, is_setting_file, lintable
from .positions import split_lines

DEBOUNCE = 0.15  # seconds of quiet after a keystroke before linting again
WATCHED = ("**/xxgk-lint.toml", "**/.xxgk-lint.toml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")


class XxgkServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("xxgk-lint", __version__)
        self.linter = Linter()
        self.found: dict[str, list[types.Diagnostic]] = {}  # uri → its diagnostics, for hover
        self.raw: dict[str, list] = {}  # uri → the same findings as the linter gave them (their fixes)
        self.linted: dict[str, str] = {}  # uri → the text they were found in
        self.versions: dict[str, str] = {}  # uri → the result id of its last diagnostics
        self.generation = 0  # settings reloaded this many times
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.problem_uris: set[str] = set()
        # the open reports, by the URI the client gave (the workspace keys them decoded)
        self.open: set[str] = set()

    # --- what the client can do ---------------------------------------------------------------

    def _capability(self, *names: str):
        value = self.client_capabilities
        for name in names:
            value = getattr(value, name, None) if value is not None else None
        return value

    @property
    def pulls(self) -> bool:
        return self._capability("text_document", "diagnostic") is not None

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    # --- linting ------------------------------------------------------------------------------

    def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The document's findings as LSP diagnostics (nothing for a file that is no report)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if not path or not lintable(path):
            return []
        document = self.workspace.get_text_document(uri)
        text = document.source
        found = self.linter.lint(path, text)
        plan = self.linter.plan_for(path)
        settings = plan.settings
        root = os.path.dirname(settings.config_path) if settings.config_path else os.path.dirname(path)
        publish = self._capability("text_document", "publish_diagnostics")
        related = bool(getattr(publish, "related_information", True)) if publish is not None else True
        links = bool(getattr(publish, "code_description_support", True)) if publish is not None else True
        lines, rules = split_lines(text), {r.code: r for r in plan.rules}
        result = [to_lsp(d, lines, uri, self.encoding, rules, root, plan.lang, related, links) for d in found]
        self.found[uri] = result
        self.raw[uri] = found
        self.linted[uri] = text
        self.show_problems()
        return result

    def publish(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()  # linted now: the wait for the pause is over
        if uri not in self.open:
            return
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, self.diagnostics(uri)))

    def later(self, uri: str) -> None:
        """Lint once typing pauses (each change restarts the wait)."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.timers[uri] = asyncio.get_running_loop().call_later(DEBOUNCE, self.publish, uri)

    def show_problems(self) -> None:
        """Configuration and rule files that cannot be used: a diagnostic on each (always published:
        such a file is seldom open); cleared once mended."""
        shown = set()
        for path, errors in self.linter.problems.items():
            uri = _uri(path)
            shown.add(uri)
            lines = file_lines(path)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri, [problem_to_lsp(e, lines, self.encoding) for e in errors]))
        for uri in self.problem_uris - shown:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        self.problem_uris = shown

    def reload(self) -> None:
        """Settings or rules changed: load them again and lint every open report again."""
        self.linter.reload()
        self.generation += 1
        self.versions.clear()
        if self.pulls:
            self.show_problems_after_reload()
            if self._capability("workspace", "diagnostics", "refresh_support"):
                self.workspace_diagnostic_refresh(None)
        else:
            reports = sorted(self.open)
            for uri in reports:
                self.publish(uri)
            if not reports:
                self.show_problems_after_reload()

    def show_problems_after_reload(self) -> None:
        """The open reports' settings, loaded again now, so a broken file is said at once."""
        for uri in self.open:
            self.linter.plan_for(to_fs_path(uri))
        self.show_problems()


def _uri(path: str) -> str:
    return Path(os.path.abspath(path)).as_uri()


def _is_report(uri: str) -> bool:
    return uri.startswith("file:") and lintable(to_fs_path(uri) or "")


def make_server() -> XxgkServer:
    server = XxgkServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: XxgkServer, params: types.InitializedParams) -> None:
        if ls._capability("workspace", "did_change_watched_files", "dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="xxgk-lint-settings", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: XxgkServer, params: types.DidOpenTextDocumentParams) -> None:
        if _is_report(params.text_document.uri):
            ls.open.add(params.text_document.uri)
        if not ls.pulls:
            ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: XxgkServer, params: types.DidChangeTextDocumentParams) -> None:
        if not ls.pulls and _is_report(params.text_document.uri):
            ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: XxgkServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.startswith("file:") and is_setting_file(to_fs_path(uri)):
            ls.reload()
        elif not ls.pulls:
            ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: XxgkServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.found.pop(uri, None)
        ls.raw.pop(uri, None)
        ls.linted.pop(uri, None)
        ls.versions.pop(uri, None)
        ls.open.discard(uri)
        if _is_report(uri):
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: XxgkServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_setting_file(to_fs_path(c.uri) or "") for c in params.changes):
            ls.reload()

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                    types.DiagnosticOptions(identifier="xxgk-lint", inter_file_dependencies=False,
                                            workspace_diagnostics=False))
    def pull(ls: XxgkServer, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        result_id = f"{ls.generation}:{document.version}"
        if params.previous_result_id == result_id and ls.versions.get(uri) == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        items = ls.diagnostics(uri)
        ls.versions[uri] = result_id
        return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def actions(ls: XxgkServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if not path or uri not in ls.open:
            return []
        text = ls.workspace.get_text_document(uri).source
        if ls.linted.get(uri) != text:  # not linted yet, or typed since (the pause not over): lint now
            if ls.pulls:
                ls.diagnostics(uri)
            else:
                ls.publish(uri)
        found, lines, lang = list(zip(ls.raw[uri], ls.found[uri])), split_lines(text), ls.linter.plan_for(path).lang
        only = [getattr(k, "value", k) for k in params.context.only or []]  # an enum member, or a kind of ours
        out = []
        if not only or any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            out += code_actions(uri, path, text, lines, found, params.range, ls.encoding, lang)
        if not only or any(FIX_ALL.startswith(k) for k in only):
            lint = lambda current: ls.linter.lint(path, current)  # noqa: E731
            out += [a for a in [fix_all(uri, text, lines, found, lint, ls.encoding, lang)] if a is not None]
        return out

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: XxgkServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        hits = [d for d in ls.found.get(uri, []) if contains(d.range, params.position)]
        if not hits:
            return None
        rules = ls.linter.rules(to_fs_path(uri))
        shown = [rules[str(d.code)] for d in hits if str(d.code) in rules]
        shown = list({r.code: r for r in shown}.values())
        if not shown:
            return None
        text = "\n\n---\n\n".join(hover_markdown(r) for r in shown)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), hits[0].range)

    return server


def serve() -> None:
    make_server().start_io()
