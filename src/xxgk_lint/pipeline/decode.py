"""Bytes → text. The first pipeline step; it never raises on bad input."""
from __future__ import annotations

import codecs
import re

from ..speed import Record

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(Record):
    __slots__ = ("text", "encoding", "problem", "problem_zh")

    def __init__(self, text: str | None, encoding: str, problem: str = "", problem_zh: str = "") -> None:
        self.text = text  # None: not text
        self.encoding = encoding
        self.problem = problem  # why it is not readable (English, for the P001 message)
        self.problem_zh = problem_zh


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, the declared charset (HTML meta),
    else GB18030; normalise line endings."""
    if not data.strip():
        return Decoded(None, "", "the file is empty", "文件为空")
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        return Decoded(None, "", "the file is binary (it contains NUL bytes)", "文件是二进制文件（含 NUL 字节）")
    candidates = [encoding] if encoding else [e for e in (declared, "utf-8", "gb18030") if e]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            if not (enc.startswith("utf-8") and exc.reason == "unexpected end of data"):
                continue
            text = data[:exc.start].decode(enc) + "\ufffd"  # a file cut inside its last character
        except LookupError:  # an unknown declared charset
            continue
        if (enc not in _ASCII_BASED or data.translate(None, _NOT_CONTROL)) and _looks_binary(text):
            break
        if not text.strip():  # only a byte-order mark and white space: an empty file saved with a BOM
            return Decoded(None, "", "the file is empty", "文件为空")
        return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), enc)
    return Decoded(None, "", "the file is not text in UTF-8, UTF-16 or GB18030", "文件不是 UTF-8、UTF-16 或 GB18030 编码的文本")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
# In these encodings a control character can only be its own byte (every byte of a multi-byte
# sequence is 0x30 or above): text from bytes without one has none, and a scan of the bytes by
# `bytes.translate` is several times cheaper than the regex over the decoded text.
_ASCII_BASED = ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312")
_NOT_CONTROL = bytes(b for b in range(256) if not (b <= 0x08 or 0x0E <= b <= 0x1F))


def _looks_binary(text: str) -> bool:
    head = text[:4096]
    return "\x00" in text or len(_CONTROL.findall(head)) > max(8, len(head) // 50)
