"""Reading the prose for `narrative_figures`: the words every match of a pattern holds (a line
without them is never searched, and a pattern that finds nothing is never compiled), and the
sentence and clause a figure stands in."""
from __future__ import annotations

import re
from functools import lru_cache

_QUANTIFIERS = "?*+{"


def required_text(pattern: str) -> str:
    """The longest run of Chinese characters that every match of `pattern` contains, read off its
    top level (outside groups, classes and escapes, and not under a quantifier); "" when there is
    none or the pattern is past this reading (a top-level `|`, verbose mode). A line without it
    cannot match, so the pattern is neither compiled nor run: compiling all of them costs more
    than linting the report."""
    read = _top_level(pattern)
    return max(read[0], key=len) if read else ""


def required_words(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Groups of words every match of `pattern` holds one word of each: its `required_text`, and the
    words of each top-level group of plain words (`(?:办结|答复)`, not under a quantifier), each
    without the words holding another of its words (a text holding 答复完毕 holds 答复); the group
    whose shortest word is longest first. () when there are none or the pattern is past this
    reading. A line without them cannot match: the pattern is not run on it."""
    read = _top_level(pattern)
    if read is None:
        return ()
    text = max(read[0], key=len)
    groups = [(text,)] if text else []
    groups += [tuple(w for w in words if not any(o != w and o in w for o in words)) for words in read[1]]
    return tuple(sorted(groups, key=lambda group: -min(map(len, group))))


def _top_level(pattern: str) -> tuple[list[str], list[tuple[str, ...]]] | None:
    """The runs of Chinese characters at the top level of `pattern` and its groups of plain words,
    not under a quantifier; None when the pattern is past this reading."""
    if "(?#" in pattern or re.search(r"\(\?[a-zA-Z]*x", pattern) or re.search(r"\{(?!\d*,?\d*\})", pattern):
        return None  # comments, verbose mode, a `{` that is not a quantifier
    runs, run, groups, i = [], "", [], 0
    while i < len(pattern):
        ch = pattern[i]
        if "\u3400" <= ch <= "\u9fff" and not pattern.startswith(tuple(_QUANTIFIERS), i + 1):
            run, i = run + ch, i + 1
            continue
        runs.append(run)
        run = ""
        if ch == "|" or ch == ")":
            return None  # an alternative at the top level, or a pattern that does not compile
        end = _token_end(pattern, i)
        if end is None:
            return None
        after = _after_quantifier(pattern, end)
        words = _plain_words(pattern[i:end]) if after == end else ()
        if words:
            groups.append(words)
        i = after
    return [*runs, run], groups


def _plain_words(token: str) -> tuple[str, ...]:
    """The words of a group `(?:办结|答复)` of Chinese words; () for any other token. (A scan, not a
    regex: a class of Chinese characters costs milliseconds to compile, on every run.)"""
    words = tuple(token[3:-1].split("|")) if token.startswith("(?:") and token.endswith(")") else ()
    return words if all(word and all("\u3400" <= ch <= "\u9fff" for ch in word) for word in words) else ()


def _token_end(pattern: str, i: int) -> int | None:
    """Where the token at `i` ends: a group, a class, an escape or one character."""
    ch = pattern[i]
    if ch == "\\":
        return i + 2
    if ch == "[":
        j = i + 1 + (pattern[i + 1:i + 2] == "^")
        j += pattern[j:j + 1] == "]"  # a `]` first in a class is a character
        while j < len(pattern) and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1 if j < len(pattern) else None
    if ch == "(":
        depth, j = 0, i
        while j < len(pattern):
            if pattern[j] == "\\":
                j += 2
                continue
            if pattern[j] == "[":
                j = _token_end(pattern, j)
                if j is None:
                    return None
                continue
            depth += {"(": 1, ")": -1}.get(pattern[j], 0)
            j += 1
            if depth == 0:
                return j
        return None
    return i + 1


def _after_quantifier(pattern: str, i: int) -> int:
    if pattern.startswith("{", i):
        close = pattern.find("}", i)
        i = close + 1 if close > 0 else i + 1
    elif pattern.startswith(("?", "*", "+"), i):
        i += 1
    return i + 1 if pattern.startswith(("?", "+"), i) else i  # lazy or possessive


_SENTENCE_END = re.compile(r"[。;!?]")


_WRAPPED = 4  # lines a sentence may run over before or after the figure's (PDF text wraps every line)


def sentence(lines: list, index: int, start: int, end: int) -> str:
    """The sentence holding lines[index].text[start:end]: up to the sentence marks around it, over
    the line breaks of wrapped text (a blank line, or a line ending in one, ends a sentence)."""
    before, after = around(lines, index, start, end)
    return before + lines[index].text[start:end] + after


def around(lines: list, index: int, start: int, end: int) -> tuple[str, str]:
    """The text of `sentence` before and after lines[index].text[start:end]."""
    text = lines[index].text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    before = text[ends[-1]:start] if ends else text[:start]
    j = index - 1
    while not ends and j >= 0 and index - j <= _WRAPPED:
        previous = lines[j].text.rstrip()
        if not previous.strip() or _SENTENCE_END.match(previous[-1:]):
            break
        ends = [m.end() for m in _SENTENCE_END.finditer(previous)]
        before = (previous[ends[-1]:] if ends else previous) + before
        j -= 1
    stop = _SENTENCE_END.search(text, end)
    after = text[end:stop.start()] if stop else text[end:]
    j = index + 1
    while stop is None and j < len(lines) and j - index <= _WRAPPED and lines[j].text.strip():
        stop = _SENTENCE_END.search(lines[j].text)
        after += lines[j].text[:stop.start()] if stop else lines[j].text
        j += 1
    return before, after


_CLAUSE = re.compile(r"[,:]")  # 、 joins the items of one clause
_ASIDE = re.compile(r"\([^()]*\)")


def speaks_of(words: tuple[tuple[str, ...], ...], before: str, matched: str, after: str) -> bool:
    """Does a figure with these words (about, not_about, not_in_sentence) count where it stands
    (narrative_figures' docstring)? `matched`: the figure's own text; `before` and `after`: the
    rest of its sentence."""
    about, not_about, not_in_sentence = words
    if any(word in before or word in after for word in not_in_sentence):
        return False
    if not about:
        return True
    clauses = []
    for piece in _CLAUSE.split(_ASIDE.sub("", before)):
        if clauses and clauses[-1].endswith("外"):  # 除……外，…: the exception belongs to the clause after
            piece = clauses.pop() + piece
        clauses.append(piece)
    own = clauses.pop() + _CLAUSE.split(_ASIDE.sub("", after), 1)[0]
    if any(word in own for word in not_about):
        return False
    if any(word in own or word in matched for word in about):
        return True
    for clause in reversed(clauses):
        if any(word in clause for word in not_about):
            return False
        if any(word in clause for word in about):
            return True
    return False


@lru_cache(maxsize=64)
def gate(words: tuple[str, ...]):
    """`search` of a line for any of `words`: one scan of each line of prose, and only the lines it
    finds one on are searched word by word (bench/throughput.py). Words, not patterns: escaped. The
    lookbehind, true anywhere but after a line break, spares compiling a set of the characters the
    words start with: 0.07 ms instead of 0.2 ms, on every run."""
    return re.compile("(?<!\n)(?:" + "|".join(map(re.escape, words)) + ")").search
