"""Normalise text for matching while keeping every character's original column.

Each transformation here maps one code point to one code point, so a normalised line has
the original's length and columns carry over unchanged. Spaces inside labels are handled
later by `label_key`, which is used for matching only and never for positions.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

_WIDTH = {0x3000: " ", 0x2212: "-"} | {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # − is a minus
_WIDTH_TABLE = str.maketrans(_WIDTH)


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    with open(os.path.join(os.path.dirname(__file__), "data", "traditional.txt"), encoding="utf-8") as handle:
        return frozenset(handle.read().strip())


def has_traditional(text: str) -> bool:
    return not _traditional().isdisjoint(text)  # C speed, and no 4,000-character regex to compile


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported only when a report contains Traditional characters

    return opencc.OpenCC("t2s").convert


def to_simplified(line: str) -> str:
    """opencc t2s, phrase-aware; falls back to character-wise where a phrase changes length."""
    if not has_traditional(line):
        return line
    convert = _t2s()
    converted = convert(line)
    if len(converted) == len(line):
        return converted
    out = []
    for ch in line:
        c = convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


_COMMENT = re.compile(r"<!--.*?-->")


def blank_comments(line: str) -> str:
    """Markdown/HTML comments (suppressions) are not report text: spaces, so columns stay put."""
    return _COMMENT.sub(lambda m: " " * len(m.group()), line) if "<!--" in line else line


def normalize_lines(lines: list[str]) -> list[str]:
    """Width-fold every line; convert to Simplified only when the report needs it."""
    folded = [blank_comments(line).translate(_WIDTH_TABLE) for line in lines]
    if not has_traditional("\n".join(folded)):
        return folded
    return [to_simplified(line) for line in folded]


_PUNCT = re.compile(r"[\s\u00a0()（）\[\]【】{}、.．,，:：;；!！?？\"'“”‘’《》〈〉<>「」『』·•|/\\~～_—–\-*#]+")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)")


@lru_cache(maxsize=16384)  # labels repeat from report to report
def label_key(text: str) -> str:
    """The matching form of a label: no spaces or punctuation (`(一) 予以 公开` → `一予以公开`)."""
    return _PUNCT.sub("", text)


def strip_ordinal(key: str) -> str:
    """`一予以公开` → `予以公开`, `3其他` → `其他`."""
    return _ORDINAL.sub("", key, count=1)
