"""Normalise text for matching while keeping every character's original column.

Each transformation here maps one code point to one code point, so a normalised line has
the original's length and columns carry over unchanged. Spaces inside labels are handled
later by `label_key`, which is used for matching only and never for positions.
"""
from __future__ import annotations

import codecs
import os
import re
from functools import lru_cache

from ..speed import MAX_LABEL, remember

_WIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # and U+3000 is a space, U+2212 a minus
# Chinese prose is full of these: str.replace each (C speed), then a regex for any other wide form.
# (str.translate with a table looks up every character of a CJK text; one range in the class keeps
# the regex quick to compile on every run.)
_COMMON_WIDE = "，（）：；！？"
_WIDE = re.compile("[\uff01-\uff5e]")


# Kangxi radicals and CJK radical supplements (U+2F00–U+2FDF, U+2E80–U+2EFF) look like the common
# characters PDF fonts mean (⾏ U+2F8F for 行): folded to their NFKC form, one character for one.
_RADICAL = re.compile("[\u2e80-\u2fdf]")


def _fold_radical(match: re.Match) -> str:
    import unicodedata  # only for a text holding a radical look-alike (from a PDF's fonts)

    folded = unicodedata.normalize("NFKC", match.group())
    return folded if len(folded) == 1 else match.group()


def fold_width(text: str) -> str:
    for wide in _COMMON_WIDE:
        text = text.replace(wide, _WIDTH[wide])
    if _WIDE.search(text):
        half = _WIDTH.__getitem__
        text = _WIDE.sub(lambda m: half(m.group()), text)
    if _RADICAL.search(text):
        text = _RADICAL.sub(_fold_radical, text)
    return text.replace("\u3000", " ").replace("\u2212", "-")


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "traditional.txt"), encoding="utf-8") as handle:
        return frozenset(handle.read().strip())


class _Traditional(Exception):
    pass


def _check_outside_gb2312(exc: UnicodeEncodeError) -> tuple[str, int]:
    if not _traditional().isdisjoint(exc.object[exc.start:exc.end]):
        raise _Traditional
    return "", exc.end


codecs.register_error("xxgk-lint-traditional", _check_outside_gb2312)
# The few Traditional characters that GB2312, a Simplified character set, also holds.
_IN_GB2312 = "榘吒乾拚麴徵於菸麽摺捱夥後薹袷醣"


_texts_checked = 0


def has_traditional(text: str) -> bool:
    """Does the text hold a character opencc would convert? GB2312 holds Simplified characters only:
    the codec (C speed, no 4,000-character regex to compile) passes nearly all of a Simplified text,
    and only what it cannot encode is looked up in the Traditional set. Loading the codec costs more
    than a set lookup of each character of one report: the first text (all there is in a pre-commit
    run) is looked up directly, and the codec pays from the second on."""
    global _texts_checked
    _texts_checked += 1
    return (_by_lookup if _texts_checked == 1 else _by_codec)(text)


def _by_lookup(text: str) -> bool:
    return not _traditional().isdisjoint(text)


def _by_codec(text: str) -> bool:
    try:
        text.encode("gb2312", "xxgk-lint-traditional")
    except _Traditional:
        return True
    return any(ch in text for ch in _IN_GB2312)


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
    """Width-fold every line; convert to Simplified only when the report needs it. The text is
    folded whole (one regex pass, not one per line): every step maps within a line."""
    text = fold_width(blank_comments("\n".join(lines)))
    folded = text.split("\n") if lines else []
    if len(folded) != len(lines):  # a line holding a newline (never from the readers): line by line
        folded = [fold_width(blank_comments(line)) for line in lines]
    if not has_traditional(text):
        return folded
    # the whole text at once (unless a phrase changed a length), kept only on the lines holding a
    # Traditional character: opencc also rewrites some Simplified phrases (瞭解, 沈默)
    converted = _t2s()(text).split("\n")
    if [len(line) for line in converted] != [len(line) for line in folded]:
        return [to_simplified(line) for line in folded]
    lookup = _traditional()
    return [new if not lookup.isdisjoint(old) else old for old, new in zip(folded, converted)]


_PUNCT = re.compile(r"[\s\u00a0()（）\[\]【】{}、.．,，:：;；!！?？\"'“”‘’《》〈〉<>「」『』·•|/\\~～_—–\-*#]+")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)")


_KEYS: dict[str, str] = {}


def label_key(text: str) -> str:
    """The matching form of a label: no spaces or punctuation (`(一) 予以 公开` → `一予以公开`).
    Labels repeat from report to report: each short text is worked out once."""
    key = _KEYS.get(text)
    if key is None:
        key = _PUNCT.sub("", text)
        if len(text) <= MAX_LABEL:
            remember(_KEYS, text, key)
    return key


def strip_ordinal(key: str) -> str:
    """`一予以公开` → `予以公开`, `3其他` → `其他`."""
    return _ORDINAL.sub("", key, count=1)
