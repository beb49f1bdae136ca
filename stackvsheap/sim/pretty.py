"""Rust's `{:#?}`: the `{:?}` text re-laid out as `core::fmt`'s PadAdapter
does it: every non-empty `{ .. }`, `( .. )` and `[ .. ]` puts each entry on
its own line, indented by 4 spaces, with a trailing comma. String and char
literals (already escaped by `{:?}`) are copied as they are. A struct's
braces have a space inside (`S { a: 1 }`), a map's or set's do not (`{"a": 1}`)."""

from __future__ import annotations

_CLOSE = {"{": "}", "(": ")", "[": "]"}


def pretty_debug(s: str) -> str:
    out: list[str] = []
    maps: list[bool] = []  # the open `{`s: a map/set (True) or a struct
    depth = 0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in "\"'":
            j = i + 1
            while j < n and s[j] != c:
                j += 2 if s[j] == "\\" else 1
            out.append(s[i:j + 1])
            i = j + 1
            continue
        if s.startswith("(Weak)", i):
            out.append("(Weak)")
            i += 6
            continue
        if c in _CLOSE:
            close = _CLOSE[c]
            inner_empty = s.startswith(close, i + 1) or (c == "{" and s.startswith(" }", i + 1))
            if inner_empty:
                out.append(c + close)
                i += 2 if s[i + 1] == close else 3
                continue
            depth += 1
            out.append(c + "\n" + "    " * depth)
            if c == "{":
                is_map = not s.startswith(" ", i + 1)
                maps.append(is_map)
                i += 1 if is_map else 2  # a struct's `{ ` has a space after it
            else:
                i += 1
            continue
        if c == "," and s.startswith(", ", i):
            out.append(",\n" + "    " * depth)
            i += 2
            continue
        if c in ")]" or (c == " " and s.startswith(" }", i) and maps and not maps[-1]) or \
                (c == "}" and maps and maps[-1]):
            depth -= 1
            if c != ")" and c != "]":
                maps.pop()
            out.append(",\n" + "    " * depth + ("}" if c == " " else c))
            i += 2 if c == " " else 1
            continue
        out.append(c)
        i += 1
    return "".join(out)
