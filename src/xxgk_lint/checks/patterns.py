r"""Rule patterns: which engine runs each, and why a user's is refused.

A user rule file is untrusted, and a backtracking engine such as `re` can take exponential time on
a short line (`(a|a)+$`). So a user's pattern runs on RE2, whose matching is linear in the text by
construction: no pattern it accepts can hang a lint. RE2 has no lookaround and no backreferences,
and its `\d`, `\s`, `\w` and `\b` are ASCII (`\p{Han}`, `\p{Nd}` name Unicode classes).
A bundled rule's pattern is vetted with the rules and runs on `re` (so the default path never
imports RE2), and so does a user's pattern whose text is a bundled one: the bundled rule files
given as user rule files load and lint exactly as the bundled rules do.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import data_files, data_path, load_yaml


def regex_problem(pattern: str) -> str:
    """Why a rule's pattern is refused ('' if it is not): it does not compile with the engine that
    will run it, or it uses syntax RE2 lacks."""
    if is_bundled(pattern):
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:
            return f"pattern does not compile: {exc}"
        return ""
    try:
        _re2_compile(pattern)
    except UnicodeError:
        return "pattern does not compile: it holds a lone surrogate, which is no character"
    except Exception as exc:  # re2.error (RE2 is imported off the default path only)
        reason = _re2_reason(exc)
        if _python_compiles(pattern):
            return (f"pattern `{pattern}` uses syntax that user rule files do not support ({reason}): their "
                    "patterns run on RE2, which has no lookaround, backreferences, atomic groups or possessive "
                    "quantifiers, so that no pattern can take exponential time")
        return f"pattern does not compile: {reason}"
    return ""


def compile_pattern(pattern: str, trusted: bool):
    """A rule's pattern, compiled once when its rule loads, with `re`'s API (search, finditer, sub,
    match objects with group/start/end by name or number). `trusted`: a bundled rule's pattern; a
    user's is not, and runs on RE2 unless its text is a bundled pattern's."""
    if trusted or is_bundled(pattern):
        return re.compile(pattern)
    return _Re2Pattern(_re2_compile(pattern))


def is_bundled(pattern: str) -> bool:
    return pattern in _bundled_patterns()


@lru_cache(maxsize=1)
def _bundled_patterns() -> frozenset[str]:
    """Every pattern of the bundled rule files, read from the files: this module validates them
    while the rule pack is built, so it cannot ask the pack. Read only for an untrusted pattern
    (a user rule file's) and while the pack is built."""
    found: set[str] = set()
    for path in data_files(data_path("rules"), (".yaml", ".yml")):
        doc = load_yaml(path)
        if isinstance(doc, dict):
            found.update(p for p in _rule_patterns(doc) if isinstance(p, str))
    return frozenset(found)


def _rule_patterns(doc: dict) -> list:
    figures = doc.get("figures") or []
    return [*(doc.get("patterns") or []), *(f.get("pattern") for f in figures if isinstance(f, dict)),
            doc.get("phrase")]


# ---------------------------------------------------------------- RE2

# Python writes a code point `\u4e00` (`[\u4e00-\u9fff]` is how Chinese text is matched); RE2 has no
# `\u` escape and spells it `\x{4e00}`, so the rewrite cannot change what an RE2 pattern means.
_PYTHON_CODE_POINT = r"(?<!\\)((?:\\\\)*)\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))"


def _re2_spelling(pattern: str) -> str:
    return re.sub(_PYTHON_CODE_POINT, lambda m: rf"{m[1]}\x{{{m[2] or m[3]}}}", pattern)


@lru_cache(maxsize=256)
def _re2_compile(pattern: str):
    # Imported here, not at the top: the default path lints with bundled patterns only, and RE2's
    # import would be a measurable part of its start-up (bench/startup.py, bench/patterns.py).
    import re2

    options = re2.Options()
    options.log_errors = False  # else RE2 writes each refused pattern to stderr itself
    return re2.compile(_re2_spelling(pattern), options)


def _re2_reason(exc: Exception) -> str:
    reason = exc.args[0] if exc.args else str(exc)
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)


def _python_compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return False
    return True


class _Re2Pattern:
    """An RE2 pattern with the part of `re.Pattern`'s API the kinds use."""

    __slots__ = ("_regexp", "pattern", "groupindex")

    def __init__(self, regexp) -> None:
        self._regexp = regexp
        self.pattern = regexp.pattern
        self.groupindex = regexp.groupindex

    def search(self, text: str):
        match = self._regexp.search(text)
        return None if match is None else _Re2Match(match, self.groupindex)

    def finditer(self, text: str):
        return (_Re2Match(match, self.groupindex) for match in self._regexp.finditer(text))

    def sub(self, repl, text: str, count: int = 0) -> str:
        return self._regexp.sub(repl, text, count)


class _Re2Match:
    """An RE2 match whose start(), end() and span() take a group's name too, as `re`'s do (the RE2
    module's take numbers only). Offsets count code points, as `re`'s do."""

    __slots__ = ("_match", "_groupindex")

    def __init__(self, match, groupindex: dict[str, int]) -> None:
        self._match = match
        self._groupindex = groupindex

    def _number(self, group: int | str) -> int:
        return self._groupindex[group] if isinstance(group, str) else group

    def group(self, *groups: int | str):
        return self._match.group(*groups)

    def start(self, group: int | str = 0) -> int:
        return self._match.start(self._number(group))

    def end(self, group: int | str = 0) -> int:
        return self._match.end(self._number(group))

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._match.span(self._number(group))


# ---------------------------------------------------------------- a figure's number

def figure_group_problem(pattern: str) -> str:
    """The group `n` of a figure's pattern is read with int(): it must match digits only, and in
    every match. Read off the pattern's text (neither engine exposes its parse): the group's
    contents may hold digits, digit classes, groups, alternatives and quantifiers only, must not
    match the empty text, and neither the group nor a group around it may be optional or one
    branch of an alternative."""
    if regex_problem(pattern):
        return ""  # reported as a pattern that does not compile
    group = _named_group(pattern, "n")
    if group is None:
        return "a figure's pattern needs a group `(?P<n>…)` matching the stated number"
    if not group.always:
        return (f"the group `n` of `{pattern}` is optional or inside an alternative; the stated number must be "
                "part of every match")
    if not _digits_only(group.contents):
        return f"the group `n` of `{pattern}` must match digits only, such as `(?P<n>\\d+)`"
    return ""


_TOKEN = r"""
    (?P<escape> \\(?:[pPx]\{[^}]*\}|.) )
  | (?P<cls>    \[\^?\]?(?:\[:\^?[a-z]+:\]|\\.|[^\]\\])*\] )
  | (?P<atom>   \(\?(?:[a-zA-Z-]*|\#[^)]*|P=\w+)\) )
  | (?P<open>   \((?:\?(?:P?<(?P<name>\w+)>|:|[a-zA-Z-]+:|(?P<other>\(\w+\)|[^:]))?)? )
  | (?P<close>  \) )
  | (?P<bar>    \| )
  | (?P<quant>  (?:[*+?]|\{\d*(?:,\d*)?\})[?+]? )
  | (?P<char>   . )
"""
# digits: `\d`, any decimal digit (int() reads full-width and other scripts' digits too), classes of them
_DIGIT_TOKENS = r"(?>\\d|\[(?:\\d|\d(?:-\d)?)+\]|\d|\((?:\?:)?|\)|\||(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?)*"


class _Group:
    __slots__ = ("name", "plain", "start", "contents", "alternative", "optional", "enclosing")

    def __init__(self, name: str, plain: bool, start: int, enclosing: list[_Group]) -> None:
        self.name, self.plain, self.start, self.enclosing = name, plain, start, enclosing
        self.contents, self.alternative, self.optional = "", False, False

    @property
    def always(self) -> bool:
        """Is the group part of every match: neither it nor a group around it is optional, a
        lookaround or conditional, or (for those around it) holds an alternative?"""
        around = self.enclosing
        return not (self.optional or any(g.optional or g.alternative or not g.plain for g in around))


def _named_group(pattern: str, name: str) -> _Group | None:
    top = _Group("", True, 0, [])
    stack, found, last_closed = [top], None, None
    for token in re.finditer(_TOKEN, pattern, re.X | re.S):
        kind = token.lastgroup  # the outermost group: `name` and `other` are inside `open`
        closed, last_closed = last_closed, None
        if kind == "open":
            group = _Group(token["name"] or "", token["other"] is None, token.end(), list(stack))
            stack.append(group)
            if group.name == name and found is None:
                found = group
        elif kind == "close" and len(stack) > 1:
            last_closed = stack.pop()
            last_closed.contents = pattern[last_closed.start:token.start()]
        elif kind == "bar":
            stack[-1].alternative = True
        elif kind == "quant" and closed is not None:
            closed.optional = token[0][0] in "*?" or token[0].startswith(("{0", "{,"))
    return found


def _digits_only(contents: str) -> bool:
    """Holds only digit tokens and never matches the empty text (the engine says: the tokens
    allowed are read alike by `re` and RE2)."""
    if not re.fullmatch(_DIGIT_TOKENS, contents):
        return False
    try:
        return re.fullmatch(contents, "") is None
    except re.error:
        return False
