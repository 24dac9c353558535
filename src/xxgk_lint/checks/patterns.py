"""User patterns (rule files are untrusted): why one is refused."""
from __future__ import annotations

import re
from functools import lru_cache


def regex_problem(pattern: str) -> str:
    """Why a user pattern is refused: it does not compile, or it can backtrack catastrophically —
    a repeated group that itself repeats, such as `(a+)+$` (star height above one), or a repeated
    choice whose alternatives can start with the same character, such as `(a|a)+$` or `(a|ab)*c`."""
    try:
        re.compile(pattern)
        tree = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"pattern does not compile: {exc}"
    try:
        if _nested_repeat(tree, inside=False):
            return (f"pattern `{pattern}` repeats a group that itself repeats (like `(a+)+`), which can take "
                    "exponential time; rewrite it without nested repetition")
        icase = bool(tree.state.flags & _sre_constants.SRE_FLAG_IGNORECASE)
        witness = _ambiguous(list(tree), frozenset(), False, icase)
    except RecursionError:
        return f"pattern `{pattern[:60]}` is nested too deeply"
    if witness is _SHARED:
        return (f"pattern `{pattern}` repeats a choice between alternatives that begin alike or can be empty "
                "(like `(a|ab)*`), which can take exponential time on a short line; make every alternative "
                "start with a different character")
    if witness is not None:
        what = f"`{_show(witness)}`" if witness else "the same character"
        return (f"pattern `{pattern}` repeats a choice whose alternatives can both start with {what} (like "
                "`(\\w|_)+`), which can take exponential time on a short line; make every alternative start "
                "with a different character")
    return ""


def _nested_repeat(items, inside: bool) -> bool:
    for op, av in items:
        name = str(op)
        if name in _REPEATS:
            low, high, sub = av
            repeats = high is _sre_constants.MAXREPEAT or high > 1
            if repeats and inside:
                return True
            if _nested_repeat(sub, inside or repeats):
                return True
        elif name == "SUBPATTERN":
            if _nested_repeat(av[-1], inside):
                return True
        elif name == "ATOMIC_GROUP":
            if _nested_repeat(av, inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(b, inside) for b in av[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested_repeat(av[1], inside):
                return True
        elif name == "GROUPREF_EXISTS":
            if any(_nested_repeat(b, inside) for b in av[1:] if b):
                return True
    return False


# First-character sets. A set is a frozenset of atoms, or _ANY (any character):
#   ("lit", codepoint)  ("range", lo, hi)  ("cat", "CATEGORY_DIGIT")  ("not", (atom, ...))
# Alternatives inside a repeat whose first sets share a character let the engine try both ways at
# every step: 2^n paths on a line that fails to match. (Alternatives sharing a common start are
# factored by the parser — `(a|ab)` becomes `a(?:|b)` — which leaves an empty alternative.)

class _Any:
    def __repr__(self) -> str:
        return "any character"


_ANY = _Any()
_SHARED = _Any()  # marker: alternatives that begin alike (an empty alternative after factoring)
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W", "CATEGORY_LINEBREAK": r"\n",
    "CATEGORY_NOT_LINEBREAK": r"\x00-\x09\x0b-\U0010ffff",
}
# Every intersection of two categories that is not empty holds one of these characters.
_SAMPLES = "a1_ \t\n!-.A0中。，１é\u3000\x00"
_RANGE_SCAN = 0x40000


def _union(a, b):
    return _ANY if a is _ANY or b is _ANY else a | b


def _lits(cp: int, icase: bool) -> list[tuple]:
    ch = chr(cp)
    chars = {ch} | ({c for c in (ch.lower(), ch.upper(), ch.swapcase()) if len(c) == 1} if icase else set())
    return [("lit", ord(c)) for c in sorted(chars)]


def _class_atoms(av, icase: bool, expand: bool = True):
    """The atoms of an IN class (a negated class is one "not" atom); with `expand`, case variants."""
    negate = bool(av) and str(av[0][0]) == "NEGATE"
    members: list[tuple] = []
    for op, a in av[1:] if negate else av:
        name = str(op)
        if name == "LITERAL":
            members += _lits(a, icase and expand)
        elif name == "RANGE":
            members.append(("range", a[0], a[1]))
            if icase and expand:
                if a[1] - a[0] > 1024:
                    return _ANY
                members += [x for cp in range(a[0], a[1] + 1) for x in _lits(cp, True)]
        elif name == "CATEGORY":
            members.append(("cat", str(a)))
        else:
            return _ANY
    if negate:
        return frozenset({("not", tuple(members))})
    return list(members) if not expand else frozenset(members)


def _first(items, icase: bool):
    """(first set, nullable) of a sequence."""
    acc = frozenset()
    for item in items:
        first, nullable = _first_item(item, icase)
        acc = _union(acc, first)
        if not nullable:
            return acc, False
    return acc, True


def _scoped(icase: bool, av) -> bool:
    add, remove = av[1], av[2]
    flag = _sre_constants.SRE_FLAG_IGNORECASE
    return (icase or bool(add & flag)) and not remove & flag


def _first_item(item, icase: bool):
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return frozenset(_lits(av, icase)), False
    if name == "NOT_LITERAL":
        return frozenset({("not", tuple(_lits(av, icase)))}), False
    if name == "IN":
        return _class_atoms(av, icase), False
    if name == "CATEGORY":
        return frozenset({("cat", str(av))}), False
    if name == "ANY":
        return _ANY, False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset(), True  # zero-width
    if name == "SUBPATTERN":
        return _first(av[-1], _scoped(icase, av))
    if name == "ATOMIC_GROUP":
        return _first(av, icase)
    if name in _REPEATS:
        low, high, sub = av
        if high == 0:
            return frozenset(), True
        first, nullable = _first(sub, icase)
        return first, nullable or low == 0
    if name == "BRANCH":
        firsts = [_first(alt, icase) for alt in av[1]]
        acc = frozenset()
        for first, _ in firsts:
            acc = _union(acc, first)
        return acc, any(nullable for _, nullable in firsts)
    if name == "GROUPREF_EXISTS":
        yes = _first(av[1], icase)
        no = _first(av[2], icase) if av[2] else (frozenset(), True)
        return _union(yes[0], no[0]), yes[1] or no[1]
    return _ANY, True  # a backreference, or anything new: could be anything, or nothing


def _ambiguous(items, follow, inside: bool, icase: bool):
    """A character two alternatives of a repeated choice can both start with (_SHARED when the parser
    factored their common start; '' when unknown), or None. `follow`: what can come after `items`."""
    items = list(items)
    after = [follow] * len(items)  # what can follow each item
    suffix, nullable = frozenset(), True
    for k in range(len(items) - 1, -1, -1):
        after[k] = _union(suffix, follow) if nullable else suffix
        first, empty = _first_item(items[k], icase)
        suffix, nullable = (_union(first, suffix) if empty else first), empty and nullable
    for k, (op, av) in enumerate(items):
        name, found = str(op), None
        if name in _REPEATS:
            low, high, sub = av
            loops = high is _sre_constants.MAXREPEAT or high > 1
            body_follow = _union(_first(sub, icase)[0], after[k]) if loops else after[k]
            found = _ambiguous(sub, body_follow, inside or loops, icase)
        elif name == "SUBPATTERN":
            found = _ambiguous(av[-1], after[k], inside, _scoped(icase, av))
        elif name == "ATOMIC_GROUP":
            found = _ambiguous(av, after[k], inside, icase)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _ambiguous(av[1], frozenset(), inside, icase)
        elif name == "GROUPREF_EXISTS":
            found = next((w for w in (_ambiguous(b, after[k], inside, icase) for b in av[1:] if b)
                          if w is not None), None)
        elif name == "BRANCH":
            alternatives = av[1]
            if inside:
                if any(not alt for alt in alternatives):
                    return _SHARED
                firsts = [_union(f, after[k]) if n else f for f, n in (_first(a, icase) for a in alternatives)]
                for i in range(len(firsts)):
                    for j in range(i + 1, len(firsts)):
                        found = _sets_overlap(firsts[i], firsts[j])
                        if found is not None:
                            return found
            found = next((w for w in (_ambiguous(a, after[k], inside, icase) for a in alternatives)
                          if w is not None), None)
        elif name == "IN" and inside:
            # `(\w|_)` is parsed as the class [\w_]: its members are the alternatives
            members = _class_atoms(av, icase, expand=False)
            if isinstance(members, list):
                for i in range(len(members)):
                    for j in range(i + 1, len(members)):
                        found = _overlap(members[i], members[j])
                        if found is not None:
                            return found
        if found is not None:
            return found
    return None


def _sets_overlap(a, b):
    if not a or not b:
        return None  # nothing (the end of the pattern) never competes
    if a is _ANY and b is _ANY:
        return ""
    if a is _ANY or b is _ANY:
        return _example(next(iter(b if a is _ANY else a)))
    for x in a:
        for y in b:
            found = _overlap(x, y)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=4096)
def _atom_re(atom: tuple) -> re.Pattern:
    def fragment(a: tuple) -> str:
        if a[0] == "lit":
            return "\\U%08x" % a[1]
        if a[0] == "range":
            return "\\U%08x-\\U%08x" % (a[1], a[2])
        return _CATEGORIES.get(a[1], r"\s\S")

    if atom[0] == "not":
        return re.compile("[^" + "".join(map(fragment, atom[1])) + "]" if atom[1] else r"[\s\S]")
    return re.compile("[" + fragment(atom) + "]")


@lru_cache(maxsize=256)
def _range_text(low: int, high: int) -> str:
    return "".join(map(chr, range(low, high + 1)))


def _overlap(a: tuple, b: tuple):
    """A character both atoms match, '' when one may exist but none was found, else None."""
    if a[0] == "lit" or b[0] == "lit":
        lit, other = (a, b) if a[0] == "lit" else (b, a)
        ch = chr(lit[1])
        return ch if _atom_re(other).fullmatch(ch) else None
    for scan, other in ((a, b), (b, a)):
        if scan[0] == "range" and scan[2] - scan[1] < _RANGE_SCAN:
            match = _atom_re(other).search(_range_text(scan[1], scan[2]))
            return match.group() if match else None
    found = next((c for c in _SAMPLES if _atom_re(a).fullmatch(c) and _atom_re(b).fullmatch(c)), None)
    if found is None and a[0] == b[0] == "cat":
        return None  # the samples witness every overlap of two categories
    return found if found is not None else ""


def _example(atom: tuple) -> str:
    if atom[0] == "lit":
        return chr(atom[1])
    if atom[0] == "range":
        return chr(atom[1])
    return next((c for c in _SAMPLES if _atom_re(atom).fullmatch(c)), "")


def _show(ch: str) -> str:
    return ch if ch.isprintable() and ch != "`" else ascii(ch)[1:-1]


def figure_group_problem(pattern: str) -> str:
    """The group `n` of a figure's pattern is read with int(): it must match digits only, and in
    every match."""
    try:
        compiled = re.compile(pattern)
        tree = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return ""  # reported as a pattern that does not compile
    group = compiled.groupindex.get("n")
    if group is None:
        return "a figure's pattern needs a group `(?P<n>…)` matching the stated number"
    found = _find_group(list(tree), group, optional=False)
    if found is None:
        return ""
    items, optional = found
    if optional:
        return (f"the group `n` of `{pattern}` is optional or inside an alternative; the stated number must be "
                "part of every match")
    if not _digits_only(items) or _first(items, False)[1]:
        return f"the group `n` of `{pattern}` must match digits only, such as `(?P<n>\\d+)`"
    return ""


def _find_group(items, group: int, optional: bool):
    for op, av in items:
        name = str(op)
        if name == "SUBPATTERN":
            if av[0] == group:
                return av[-1], optional
            found = _find_group(av[-1], group, optional)
        elif name in _REPEATS:
            found = _find_group(av[2], group, optional or av[0] == 0)
        elif name == "ATOMIC_GROUP":
            found = _find_group(av, group, optional)
        elif name == "BRANCH":
            found = next((f for f in (_find_group(b, group, True) for b in av[1]) if f is not None), None)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _find_group(av[1], group, optional or name == "ASSERT_NOT")
        elif name == "GROUPREF_EXISTS":
            found = next((f for f in (_find_group(b, group, True) for b in av[1:] if b) if f is not None), None)
        else:
            found = None
        if found is not None:
            return found
    return None


def _digits_only(items) -> bool:
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            ok = chr(av).isdecimal()
        elif name == "IN":
            ok = bool(av) and all(
                (str(o) == "CATEGORY" and str(a) == "CATEGORY_DIGIT")
                or (str(o) == "LITERAL" and chr(a).isdecimal())
                or (str(o) == "RANGE" and a[1] - a[0] < 256 and _range_text(a[0], a[1]).isdecimal())
                for o, a in av)
        elif name == "SUBPATTERN":
            ok = _digits_only(av[-1])
        elif name in _REPEATS:
            ok = _digits_only(av[2])
        elif name == "BRANCH":
            ok = all(_digits_only(b) for b in av[1])
        elif name == "AT":
            ok = True
        else:
            ok = False
        if not ok:
            return False
    return True


try:  # the parser behind `re`: public as sre_parse before 3.11, private after
    from re import _constants as _sre_constants, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def compile_pattern(pattern: str, trusted: bool):
    """A rule's pattern, compiled once when its rule loads, with `re`'s API (search, finditer,
    match objects with group/start/end). `trusted`: a bundled rule's pattern; a user's is not."""
    return re.compile(pattern)
