"""Where a key is in a TOML text: tomllib gives values without positions, and configuration errors
must point into the file. Imported only when an error needs a position."""
from __future__ import annotations

import json
import re

Where = tuple  # a path of keys and array indexes into the TOML document, e.g. ("suppress", 1, "reason")

_KEY = re.compile(r'([A-Za-z0-9_-]+)|"((?:[^"\\\n]|\\.)*)"|\'([^\'\n]*)\'')
_STRING = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'', re.S)
_SCALAR = re.compile(r"[^,\]}\n#]*")


class Locator:
    """The offset where each key, table header and array item of a TOML text starts, by its path.

    A small scanner, not a parser: it runs on text tomllib has already accepted, so it only has to
    follow the structure (tables, arrays of tables, dotted keys, inline tables, multi-line arrays and
    strings), not validate it."""

    def __init__(self, text: str):
        self.text = text
        self.starts: dict[Where, int] = {}
        self._counts: dict[Where, int] = {}
        try:
            self._document()
        except (ValueError, IndexError, RecursionError):
            pass  # not valid TOML after all: positions fall back to what was found so far

    def position(self, where: Where) -> tuple[int, int, str]:
        """Line, column and stripped text of the line of `where`, or of its nearest located parent."""
        for k in range(len(where), 0, -1):
            if where[:k] in self.starts:
                return self._line_col(self.starts[where[:k]])
        return 1, 1, ""

    def _line_col(self, offset: int) -> tuple[int, int, str]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        snippet = self.text[start: end if end >= 0 else len(self.text)].strip()
        return self.text.count("\n", 0, offset) + 1, offset - start + 1, snippet

    def _mark(self, where: Where, offset: int) -> None:
        for k in range(1, len(where) + 1):  # a dotted key or header also defines its parents
            self.starts.setdefault(where[:k], offset)

    def _document(self) -> None:
        text, i, table = self.text, 0, ()
        while True:
            i = self._skip(i, newlines=True)
            if i >= len(text):
                return
            if text.startswith("[[", i):  # the n-th entry of an array of tables
                keys, j = self._keys(i + 2)
                array = self._resolve(keys[:-1]) + keys[-1:]
                n = self._counts[array] = self._counts.get(array, -1) + 1
                table = array + (n,)
                self._mark(table, i)
            elif text[i] == "[":
                keys, j = self._keys(i + 1)
                table = self._resolve(keys)
                self._mark(table, i)
            else:
                j = self._assignment(i, table)
            end = text.find("\n", j)
            i = max(len(text) if end < 0 else end + 1, i + 1)

    def _resolve(self, keys: Where) -> Where:
        """A header's path, with the index of the current entry after each array of tables in it."""
        path: Where = ()
        for key in keys:
            path += (key,)
            if path in self._counts:
                path += (self._counts[path],)
        return path

    def _assignment(self, i: int, table: Where) -> int:
        keys, j = self._keys(i)
        self._mark(table + keys, i)
        j = self._skip(j)
        if not self.text.startswith("=", j):
            raise ValueError(j)
        return self._value(j + 1, table + keys)

    def _skip(self, i: int, newlines: bool = False) -> int:
        text = self.text
        while i < len(text):
            if text[i] in " \t\r" or (newlines and text[i] == "\n"):
                i += 1
            elif text[i] == "#":
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            else:
                break
        return i

    def _keys(self, i: int) -> tuple[Where, int]:
        keys = []
        while True:
            match = _KEY.match(self.text, self._skip(i))
            if not match:
                raise ValueError(i)
            keys.append(_key_text(match))
            i = self._skip(match.end())
            if not self.text.startswith(".", i):
                return tuple(keys), i
            i += 1

    def _value(self, i: int, where: Where) -> int:
        i = self._skip(i)
        if self.text.startswith("[", i):
            return self._array(i + 1, where)
        if self.text.startswith("{", i):
            return self._inline_table(i + 1, where)
        match = _STRING.match(self.text, i) or _SCALAR.match(self.text, i)
        return match.end()

    def _array(self, i: int, where: Where) -> int:
        n = 0
        while True:
            i = self._skip(i, newlines=True)
            if i >= len(self.text) or self.text[i] == "]":
                return i + 1
            if self.text[i] == ",":
                n, i = n + 1, i + 1
                continue
            self._mark(where + (n,), i)
            i = max(self._value(i, where + (n,)), i + 1)

    def _inline_table(self, i: int, where: Where) -> int:
        while True:
            i = self._skip(i)
            if i >= len(self.text) or self.text[i] in "}\n":
                return i + 1
            if self.text[i] == ",":
                i += 1
                continue
            i = max(self._assignment(i, where), i + 1)


def _key_text(match: re.Match) -> str:
    bare, basic, literal = match.groups()
    if basic is not None and "\\" in basic:  # TOML's basic-string escapes are JSON's, but for \U and \e
        try:
            return json.loads(f'"{basic}"')
        except ValueError:
            return basic
    return next(k for k in (bare, basic, literal) if k is not None)
