"""Bytes → text: every supported encoding and line ending gives the findings of the UTF-8 original."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk_lint.checks.engine import lint_bytes
from xxgk_lint.checks.ruleset import load_rules
from xxgk_lint.pipeline.decode import Decoded, decode

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "tests" / "fixtures" / "reports"
EXAMPLES = REPO / "rules" / "examples"
RULES = load_rules([])


def _read(path: Path) -> str:
    return path.read_text("utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _sources() -> dict[str, str]:
    r004 = _read(next(REPORTS.glob("004_*.txt")))
    r003 = _read(next(REPORTS.glob("003_*.txt")))
    r002 = _read(next(REPORTS.glob("002_*.txt")))
    base = _read(EXAMPLES / "2021.md").split("\n")
    return {
        # the real clean report 004 with a blank cell (N001) and a wrong 总计 (C001, C003) planted
        "004-planted": _edit(r004, ("行政许可 | 55 |", "行政许可 | |"),
                             ("申请数量 | 24 | 0 | 0 | 0 | 0 | 0 | 24 |", "申请数量 | 24 | 0 | 0 | 0 | 0 | 0 | 25 |")),
        "003": r003,  # real report: a finding at column 7, unaligned rows (P002)
        "002": r002,  # real report: missing rows and tables, many blank cells
        # a finding on line 1 at column 3 (S003 after two ideographic spaces): a BOM must not shift it
        "line1": "\n".join(["\u3000\u3000一、工作总体情况"] + base[5:]),
    }


SOURCES = _sources()


def _key(diags):
    return [(d.line, d.column, d.end_line, d.end_column, d.code, d.severity, d.message, d.related) for d in diags]


def _lint(data: bytes, lang: str = "zh"):
    return lint_bytes("report.txt", data, RULES, lang)


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}

NEWLINES = {
    "lf": lambda t: t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    # CRLF, LF and lone CR in turn (a CR is always followed by a CRLF, never by a bare LF)
    "mixed": lambda t: "".join(
        line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(t.split("\n")[:-1])) + t.split("\n")[-1],
}


def test_the_sources_have_findings_to_compare():
    expected = {"004-planted": {"N001", "C001", "C003"}, "003": {"N001", "P002"}, "002": {"N001", "T001", "T002"},
                "line1": {"S003"}}
    for name, text in SOURCES.items():
        found = _lint(text.encode("utf-8"))
        assert expected[name] <= {d.code for d in found}, name
    s003 = [d for d in _lint(SOURCES["line1"].encode("utf-8")) if d.code == "S003"]
    assert [(d.line, d.column) for d in s003] == [(1, 3)]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("source", SOURCES)
def test_encodings_give_the_same_findings_as_utf8(source, encoding):
    text = SOURCES[source]
    expected = _key(_lint(text.encode("utf-8")))
    assert _key(_lint(ENCODINGS[encoding](text))) == expected
    decoded = decode(ENCODINGS[encoding](text))
    assert decoded.text == text  # BOM dropped, nothing else changed


@pytest.mark.parametrize("newline", NEWLINES)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "gb18030", "utf-16-le-bom"])
@pytest.mark.parametrize("source", SOURCES)
def test_line_endings_give_the_same_findings_and_line_numbers(source, encoding, newline):
    text = SOURCES[source]
    expected = _key(_lint(text.encode("utf-8")))
    data = ENCODINGS[encoding](NEWLINES[newline](text))
    assert _key(_lint(data)) == expected
    assert decode(data).text == text


def test_english_messages_do_not_depend_on_the_encoding():
    text = SOURCES["004-planted"]
    assert _key(_lint(text.encode("gb18030"), "en")) == _key(_lint(text.encode("utf-8"), "en"))


def test_gb18030_report_through_the_command_line(run_cli, write, tmp_path):
    text = SOURCES["004-planted"]
    write("utf8.txt", text.encode("utf-8"))
    write("gb.txt", text.encode("gb18030"))
    write("u16.txt", text.replace("\n", "\r\n").encode("utf-16"))
    outputs = {name: run_cli(name, cwd=tmp_path) for name in ("utf8.txt", "gb.txt", "u16.txt")}
    assert {p.returncode for p in outputs.values()} == {1}
    strip = lambda p, name: p.stdout.replace(name + ":", "FILE:")  # noqa: E731
    reference = strip(outputs["utf8.txt"], "utf8.txt")
    assert "C001" in reference and "N001" in reference
    assert strip(outputs["gb.txt"], "gb.txt") == reference
    assert strip(outputs["u16.txt"], "u16.txt") == reference


# ---------------------------------------------------------------- unreadable input

UNREADABLE = {
    "empty": b"",
    "blank": b" \r\n\t\n  \n",
    "nul-bytes": b"%PDF-1.7\n1 0 obj\x00\x00\x01\x02",
    "utf16-without-bom": "一、总体情况\n".encode("utf-16-le"),
    "zip": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    "controls": bytes(range(1, 32)) * 20,
    "invalid-everywhere": bytes([0xFF, 0x80, 0xFE, 0x81, 0x30]) * 50,
    "truncated-utf16": codecs.BOM_UTF16_LE + b"A",
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_unreadable_input_gives_one_p001_at_1_1(name):
    decoded = decode(UNREADABLE[name])
    assert decoded.text is None and decoded.problem and decoded.problem_zh
    found = _lint(UNREADABLE[name])
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("P001", 1, 1, "error")]
    assert found[0].message.startswith("无法读取该文件：")
    en = _lint(UNREADABLE[name], "en")
    assert en[0].message.startswith("cannot read this file: ")


def test_p001_says_why():
    assert "empty" in _lint(b"", "en")[0].message
    assert "binary" in _lint(b"\x00\x01", "en")[0].message
    assert "空" in _lint(b"")[0].message
    assert "二进制" in _lint(b"\x00\x01")[0].message


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\r\n \n", codecs.BOM_UTF16_LE,
                                  " \n".encode("utf-16")], ids=["utf8-bom", "utf8-bom-blank", "utf16-bom",
                                                               "utf16-blank"])
def test_bom_only_file_is_empty(data):
    found = _lint(data)
    assert [(d.code, d.line, d.column) for d in found] == [("P001", 1, 1)]


# ---------------------------------------------------------------- never raises

def _mutations(seed: int, count: int):
    rng = random.Random(seed)
    bases = [t.encode(enc) for t in SOURCES.values() for enc in ("utf-8", "gb18030", "utf-16")]
    for _ in range(count):
        data = bytearray(rng.choice(bases))
        op = rng.randrange(4)
        if op == 0:  # flip bytes
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1:  # cut a piece out (also mid-character)
            i, j = sorted(rng.randrange(len(data)) for _ in range(2))
            del data[i:j]
        elif op == 2:  # truncate
            del data[rng.randrange(len(data)):]
        else:  # random bytes
            data = bytearray(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
        yield bytes(data)


def test_decode_and_lint_never_raise():
    for data in _mutations(20240601, 300):
        decoded = decode(data)
        assert isinstance(decoded, Decoded)
        assert decoded.text is None or "\r" not in decoded.text
        found = _lint(data)
        if decoded.text is None:
            assert [d.code for d in found] == ["P001"]


@pytest.mark.parametrize("prefix", [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE],
                         ids=["none", "utf8-bom", "utf16le-bom", "utf16be-bom"])
def test_every_single_byte_after_any_bom(prefix):
    for byte in range(256):
        data = prefix + bytes([byte])
        assert isinstance(decode(data), Decoded)
        assert isinstance(_lint(data), list)


# Control characters only come from their own bytes in these encodings: `decode` skips the binary
# check's regex over the text when the bytes have none. Texts mixing Chinese, control characters
# and ASCII, encoded, then cut or corrupted anywhere.
_CONTROL_MIX = st.text(st.sampled_from("政府信息公开年度报告表（一）｜|\t\n 0123456789\x00\x01\x07\x0b\x0c\x0e\x1b\x1f\x7f"),
                       max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=_CONTROL_MIX, encoding=st.sampled_from(["utf-8", "gb18030", "gbk", "gb2312"]),
       cut=st.integers(0, 200), junk=st.binary(max_size=4))
def test_no_control_byte_means_no_control_character(text, encoding, cut, junk):
    from xxgk_lint.pipeline.decode import _ASCII_BASED, _CONTROL, _NOT_CONTROL, decode

    data = text.encode(encoding, "replace")
    data = data[:cut] + junk + data[cut:]
    for enc in _ASCII_BASED:
        decoded = data.decode(enc, "replace")
        assert data.translate(None, _NOT_CONTROL) or not _CONTROL.search(decoded)
    # and decode gives what it gives when it always runs the regex over the text
    import xxgk_lint.pipeline.decode as module

    fast = decode(data)
    module._ASCII_BASED = ()
    try:
        assert decode(data) == fast
    finally:
        module._ASCII_BASED = _ASCII_BASED
