"""The language server end to end: a real client (pytest-lsp) drives `xxgk-lint server` over stdio."""
from __future__ import annotations

import asyncio
import copy
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

import series  # noqa: E402
from texts import edit, example  # noqa: E402
from xxgk_lint.checks.ruleset import load_rules  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

CLEAN = example("2021")
FAULT = ("2023年，我局主动公开政府信息120条，收到政府信息公开申请12件",
         "2023年，我局主动公开政府信息120条，收到政府信息公开申请15件")
FAULTY = edit(CLEAN, *FAULT)  # C005: the prose says 15 applications, the table 12
# a place name with a CJK Extension-B character (U+20000: two UTF-16 units) before the faulty figure
EXT_B = edit(CLEAN, FAULT[0], "2023年，𠀀县我局主动公开政府信息120条，收到政府信息公开申请15件")
FAULT_LINE = 6  # 0-based
FAULT_CHAR = len("2023年，我局主动公开政府信息120条，收到政府信息公开申请")  # code points = UTF-16 units here

PUSH = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True,
                                                                        code_description_support=True),
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown])))
PULL = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        diagnostic=types.DiagnosticClientCapabilities(related_document_support=True),
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True,
                                                                        code_description_support=True)))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "xxgk_lint", "server"]))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, folder: Path, capabilities=PUSH, encodings=None) -> None:
    if encodings:  # on a copy: the shared capabilities of the other tests stay UTF-16
        capabilities = copy.copy(capabilities)
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    await client.initialize_session(types.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri()))


def open_report(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text, "utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    return uri


async def published(client: LanguageClient, uri: str, predicate=lambda found: True, timeout: float = 20):
    """The diagnostics published for `uri` once they satisfy `predicate`."""
    for _ in range(int(timeout / 0.05)):
        if uri in client.diagnostics and predicate(client.diagnostics[uri]):
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no such diagnostics for {uri}: {client.diagnostics.get(uri)} (have {list(client.diagnostics)})")


def codes(found) -> list[str]:
    return [d.code for d in found]


async def test_a_clean_report_has_none_and_a_faulty_one_its_finding_at_its_place(client, tmp_path):
    await start(client, tmp_path)
    clean = open_report(client, tmp_path / "clean.md", CLEAN)
    assert await published(client, clean) == []
    faulty = open_report(client, tmp_path / "faulty.md", FAULTY)
    found = await published(client, faulty, lambda f: f)
    assert codes(found) == ["C005"]
    d = found[0]
    assert (d.range.start.line, d.range.start.character) == (FAULT_LINE, FAULT_CHAR)
    assert (d.range.end.line, d.range.end.character) == (FAULT_LINE, FAULT_CHAR + 2)  # "15"
    assert d.source == "xxgk-lint" and d.severity == types.DiagnosticSeverity.Warning and "15" in d.message
    assert d.code_description.href.endswith("C005-narrative-mismatch.md")
    related = d.related_information[0]
    assert related.location.uri == faulty and "12" in related.message
    assert related.location.range.start.line == FAULTY.splitlines().index(
        next(line for line in FAULTY.splitlines() if line.startswith("| 一、本年新收")))


async def test_changes_update_the_diagnostics_and_closing_clears_them(client, tmp_path):
    await start(client, tmp_path)
    uri = open_report(client, tmp_path / "r.md", FAULTY)
    assert codes(await published(client, uri, lambda f: f)) == ["C005"]
    for version, text, wanted in ((2, CLEAN, []), (3, FAULTY, ["C005"])):
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        assert codes(await published(client, uri, lambda f, w=wanted: codes(f) == w)) == wanted
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
    assert await published(client, uri, lambda f: not f) == []


async def test_a_broken_configuration_is_shown_on_it_and_the_server_lives_on(client, tmp_path):
    config = tmp_path / "xxgk-lint.toml"
    config.write_text('ignore = ["C005"]\nselect = [\n', "utf-8")
    await start(client, tmp_path)
    uri = open_report(client, tmp_path / "r.md", FAULTY)
    shown = await published(client, config.as_uri(), lambda f: f)
    assert shown[0].severity == types.DiagnosticSeverity.Error and "TOML" in shown[0].message
    assert codes(await published(client, uri, lambda f: f)) == ["C005"]  # linted with the defaults
    config.write_text('ignore = ["C005"]\n', "utf-8")  # mended: the setting holds, the problem goes
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    assert await published(client, config.as_uri(), lambda f: not f) == []
    assert await published(client, uri, lambda f: not f) == []


async def test_a_broken_rule_file_is_shown_on_it(client, tmp_path):
    (tmp_path / "my-rules").mkdir()
    rule = tmp_path / "my-rules" / "H001.yaml"
    rule.write_text("code: H001\nname: bad\nkind: no_such_kind\n", "utf-8")
    (tmp_path / "xxgk-lint.toml").write_text('extend-rules = ["my-rules"]\n', "utf-8")
    await start(client, tmp_path)
    uri = open_report(client, tmp_path / "r.md", FAULTY)
    assert await published(client, rule.as_uri(), lambda f: f)
    assert codes(await published(client, uri, lambda f: f)) == ["C005"]


async def test_pull_diagnostics(client, tmp_path):
    await start(client, tmp_path, PULL)
    uri = open_report(client, tmp_path / "r.md", FAULTY)
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert codes(report.items) == ["C005"]
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged"
    assert uri not in client.diagnostics  # a client that pulls is not also pushed to


async def test_hover_on_a_finding_shows_its_rules_documentation(client, tmp_path):
    await start(client, tmp_path)
    uri = open_report(client, tmp_path / "r.md", FAULTY)
    await published(client, uri, lambda f: f)
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri=uri), types.Position(FAULT_LINE, FAULT_CHAR + 1)))
    rule = next(r for r in load_rules([]) if r.code == "C005")
    assert hover.contents.kind == types.MarkupKind.Markdown
    for key in ("what", "why", "fix"):
        assert rule.docs[key].strip() in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri=uri), types.Position(0, 0)))
    assert nothing is None


@pytest.mark.parametrize(("encodings", "character"), [
    (None, FAULT_CHAR + 3),  # UTF-16: 𠀀 is two units, 县 one
    ([types.PositionEncodingKind.Utf32], FAULT_CHAR + 2),  # code points
    ([types.PositionEncodingKind.Utf8], len(EXT_B.splitlines()[FAULT_LINE].split("15件")[0].encode("utf-8"))),
])
async def test_an_extension_b_character_before_the_cell(client, tmp_path, encodings, character):
    await start(client, tmp_path, encodings=encodings)
    uri = open_report(client, tmp_path / "r.md", EXT_B)
    (d,) = await published(client, uri, lambda f: f)
    assert d.code == "C005" and (d.range.start.line, d.range.start.character) == (FAULT_LINE, character)



async def test_saving_the_configuration_reloads_it(client, tmp_path):
    """A report with a Chinese name; the configuration saved in the editor ignores its finding."""
    await start(client, tmp_path)
    uri = open_report(client, tmp_path / "示例县 2023.md", FAULTY)
    assert codes(await published(client, uri, lambda f: f)) == ["C005"]
    config = tmp_path / "xxgk-lint.toml"
    config.write_text('[severity]\nC005 = "error"\n', "utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri())))
    found = await published(client, uri, lambda f: f and f[0].severity == types.DiagnosticSeverity.Error)
    assert codes(found) == ["C005"]
    config.write_text('ignore = ["C005"]\n', "utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri())))
    assert await published(client, uri, lambda f: not f) == []


def applied(text: str, edits) -> str:
    """The text with LSP TextEdits made (positions in UTF-16 here equal code points: no Extension-B)."""
    lines = text.split("\n")
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        s, t = e.range.start, e.range.end
        head, tail = lines[s.line][:s.character], lines[t.line][t.character:]
        lines[s.line:t.line + 1] = (head + e.new_text + tail).split("\n")
    return "\n".join(lines)


async def test_code_actions_fix_a_finding_or_suppress_it_with_a_reason_to_fill_in(client, tmp_path):
    await start(client, tmp_path)
    text = edit(edit(CLEAN, "一、总体情况", "一、工作总体情况"),
                "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |",
                "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |")
    uri = open_report(client, tmp_path / "r.md", text)
    found = await published(client, uri, lambda f: "S003" in codes(f) and "C001" in codes(f))
    s003 = next(d for d in found if d.code == "S003")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), s003.range, types.CodeActionContext(diagnostics=[s003])))
    fix = next(a for a in actions if a.title.startswith("修复 S003"))
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert "\n一、总体情况\n" in applied(text, fix.edit.changes[uri])
    c001 = next(d for d in found if d.code == "C001")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), c001.range, types.CodeActionContext(diagnostics=[c001])))
    titles = [a.title for a in actions]
    assert "修复 C001（不安全，请核对）：「13」→「12」" in titles and "在此处忽略 C001（需填写理由）" in titles
    suppress = next(a for a in actions if a.title.startswith("在此处忽略"))
    silenced = applied(text, suppress.edit.changes[uri])
    # at the end of the table row: a comment line would end a Markdown table
    assert "| 0 | 0 | 13 | <!-- xxgk-lint: disable-line C001 -- 请填写理由 -->\n" in silenced
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=silenced)]))
    after = await published(client, uri, lambda f: "C001" not in codes(f))
    assert "S003" in codes(after) and "P002" not in codes(after)  # the comment is no cell of the table
    # on a line of prose: the comment on the line before
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), s003.range, types.CodeActionContext(diagnostics=[s003])))
    suppress = next(a for a in actions if a.title.startswith("在此处忽略"))
    assert "<!-- xxgk-lint: disable-next-line S003 -- 请填写理由 -->\n一、工作总体情况" in applied(silenced, suppress.edit.changes[uri])


async def test_a_draft_is_compared_with_the_configured_history_and_its_changes_on_disk(client, tmp_path):
    # as `xxgk-lint draft.md` would: last year's published report carried 3 applications over, the
    # draft took in 1 (X001 in the 自然人 and 总计 columns, each pointing at last year's cell)
    (tmp_path / "xxgk-lint.toml").write_text('history = ["published"]\n', "utf-8")
    (tmp_path / "published").mkdir()
    last_year = tmp_path / "published" / "2023.md"
    last_year.write_text(series.report(2023, carry_out=(3, 0, 0, 0, 0, 0)), "utf-8")
    await start(client, tmp_path)
    draft = series.report(2024)
    uri = open_report(client, tmp_path / "draft.md", draft)
    found = await published(client, uri, lambda f: "X001" in codes(f))
    assert codes(found) == ["X001", "X001"]
    carried_in = draft.splitlines().index(series.CARRY_IN)
    assert [d.range.start.line for d in found] == [carried_in, carried_in]
    (there,) = found[0].related_information
    assert there.location.uri == last_year.as_uri()
    assert there.location.range.start.line == last_year.read_text("utf-8").splitlines().index(
        series.row("四、结转下年度继续办理", (3, 0, 0, 0, 0, 0)))
    # last year's report mended on disk: read again at the next change of the draft
    last_year.write_text(series.report(2023) + "\n", "utf-8")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=draft + "\n")]))
    assert await published(client, uri, lambda f: not f) == []


async def test_fix_all_makes_every_safe_fix_and_no_unsafe_one(client, tmp_path):
    await start(client, tmp_path)
    # S003 (safe), N005 (safe) and C001 (unsafe)
    text = edit(edit(edit(CLEAN, "一、总体情况", "一、工作总体情况"), "| 行政许可 | 56 |", "| 行政许可 | ５６ |"),
                "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |",
                "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |")
    uri = open_report(client, tmp_path / "r.md", text)
    found = await published(client, uri, lambda f: {"S003", "N005", "C001"} <= set(codes(f)))
    everything = types.Range(types.Position(0, 0), types.Position(0, 0))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), everything,
        types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    (fix,) = actions
    assert fix.kind == "source.fixAll.xxgk-lint" and fix.title == "修复全部可安全修复的问题（2 处）"
    assert sorted(codes(fix.diagnostics)) == ["N005", "S003"]
    fixed = applied(text, fix.edit.changes[uri])
    assert fixed == edit(CLEAN, "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 12 |",
                         "| 一、本年新收政府信息公开申请数量 | | 10 | 2 | 0 | 0 | 0 | 0 | 13 |")  # C001 left
    n005 = next(d for d in found if d.code == "N005")
    quick = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), n005.range,
        types.CodeActionContext(diagnostics=[n005], only=[types.CodeActionKind.QuickFix])))
    assert quick and all(a.kind == types.CodeActionKind.QuickFix for a in quick)
    assert any(a.title.startswith("修复 N005") for a in quick)


async def test_a_code_action_asked_before_the_pause_is_over_fixes_the_text_as_it_is_now(client, tmp_path):
    await start(client, tmp_path)
    text = edit(CLEAN, "| 行政许可 | 56 |", "| 行政许可 | 1,056 |")
    uri = open_report(client, tmp_path / "r.md", text)
    (n005,) = [d for d in await published(client, uri, lambda f: "N005" in codes(f)) if d.code == "N005"]
    typed = edit(text, "| 行政许可 | 1,056 |", "**| 行政许可 | 1,056 |")  # two characters before the cell
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=typed)]))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), n005.range, types.CodeActionContext(diagnostics=[n005])))
    fixes = [a for a in actions if a.title.startswith("修复 N005")]
    assert fixes and all("**| 行政许可 | 1056 | | |" in applied(typed, a.edit.changes[uri]) for a in fixes)


async def test_no_fix_is_offered_where_html_markup_is_inside_the_cell(client, tmp_path):
    await start(client, tmp_path)
    page = (Path(__file__).resolve().parents[1] / "fixtures" / "html" / "utf8.html").read_text("utf-8")
    uri = open_report(client, tmp_path / "r.html", page.replace("<td>28</td>", "<td>1,<b>028</b></td>", 1))
    (n005,) = [d for d in await published(client, uri, lambda f: "N005" in codes(f)) if d.code == "N005"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), n005.range, types.CodeActionContext(diagnostics=[n005])))
    assert [a.title for a in actions] == ["在此处忽略 N005（需填写理由）"]


async def test_code_actions_before_the_first_pull(client, tmp_path):
    # a pulling client may ask for actions before it has pulled: the document is linted then
    await start(client, tmp_path, PULL)
    text = edit(CLEAN, "| 行政许可 | 56 |", "| 行政许可 | ５６ |")
    uri = open_report(client, tmp_path / "r.md", text)
    line = text.splitlines().index("| 行政许可 | ５６ | | |")
    here = types.Range(types.Position(line, 0), types.Position(line, 20))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), here, types.CodeActionContext(diagnostics=[])))
    fix = next(a for a in actions if a.title.startswith("修复 N005"))
    assert "| 行政许可 | 56 | | |" in applied(text, fix.edit.changes[uri])
