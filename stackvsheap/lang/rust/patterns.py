"""Match exhaustiveness over enums, Options, bools and tuples (the usefulness
algorithm rustc's `check_match` implements: Maranget, "Warnings for pattern
matching"), with the witnesses worded as rustc prints them:
`Message::Write(_)`, `Message::Move { .. }`, `Some(Coin::Dime)`, `None`.

Integers, chars, floats and strings have too many values to list: only a
wildcard or binding covers them, and their witness is `_`.
"""

from __future__ import annotations

from typing import Any

from ..types import BoolType, OptionType, PtrType, TupleType, Type
from . import ast as A
from .enums import EnumType
from .rtypes import find

_WILD = A.PWild((0, 0))


def _strip(t: Type) -> Type:
    t = find(t)
    while isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
        t = find(t.elem)
    return t


def _ctors(t: Type) -> list[Any] | None:
    """The constructors of a type, or None when they are not enumerable."""
    t = _strip(t)
    if isinstance(t, EnumType):
        return list(range(len(t.variants)))
    if isinstance(t, OptionType):
        return ["None", "Some"]
    if isinstance(t, BoolType):
        return [False, True]
    if isinstance(t, TupleType):
        return ["tuple"]
    return None


def _fields(t: Type, c: Any) -> list[Type]:
    t = _strip(t)
    if isinstance(t, EnumType):
        return [ft for _, ft in t.variants[c].fields]
    if isinstance(t, OptionType):
        return [t.inner] if c == "Some" else []
    if isinstance(t, TupleType):
        return list(t.elems)
    return []


def _head(p: A.Pattern) -> tuple[Any, list[A.Pattern]] | None:
    """(constructor, sub-patterns) of a pattern; None for a wildcard."""
    while isinstance(p, A.PRef):
        p = p.inner
    if isinstance(p, (A.PWild, A.PIdent)):
        return None
    if isinstance(p, A.PVariant):
        et, idx = p.variant  # type: ignore[attr-defined]
        v = et.variants[idx]
        subs: list[A.Pattern] = [_WILD] * len(v.fields)
        for k, sub in p.subs:  # type: ignore[attr-defined]
            subs[k - v.first] = sub
        return idx, subs
    if isinstance(p, A.PSome):
        return "Some", [p.inner]
    if isinstance(p, A.PNone):
        return "None", []
    if isinstance(p, A.PTuple):
        return "tuple", list(p.elems)
    if isinstance(p, A.PLit) and p.value.kind == "bool":
        return bool(p.value.value), []
    return ("other", id(p)), []   # a literal or range: covers some values only


def _expand(rows: list[list[A.Pattern]]) -> list[list[A.Pattern]]:
    out = []
    for r in rows:
        p = r[0]
        while isinstance(p, A.PRef):
            p = p.inner
        if isinstance(p, A.POr):
            out.extend(_expand([[a] + r[1:] for a in p.alts]))
        else:
            out.append(r)
    return out


def _missing(rows: list[list[A.Pattern]], tys: list[Type], depth: int = 0) -> list[list[str]]:
    """Witness rows (one string per column) of values no row matches."""
    if not tys:
        return [] if rows else [[]]
    if depth > 64:
        return []
    rows = _expand(rows)
    t = tys[0]
    ctors = _ctors(t)
    heads = [_head(r[0]) for r in rows]
    if ctors is None:
        default = [r[1:] for r, h in zip(rows, heads) if h is None]
        return [["_"] + w for w in _missing(default, tys[1:], depth + 1)]
    out: list[list[str]] = []
    for c in ctors:
        fts = _fields(t, c)
        sub_rows = []
        for r, h in zip(rows, heads):
            if h is None:
                sub_rows.append([_WILD] * len(fts) + r[1:])
            elif h[0] == c:
                sub_rows.append(h[1] + r[1:])
        for w in _missing(sub_rows, fts + tys[1:], depth + 1)[:1]:
            out.append([_show(t, c, w[:len(fts)])] + w[len(fts):])
    return out


def _show(t: Type, c: Any, args: list[str]) -> str:
    t = _strip(t)
    if isinstance(t, EnumType):
        v = t.variants[c]
        name = f"{t.name}::{v.name}"
        if v.kind == "unit":
            return name
        if v.kind == "struct":
            shown = [(fn, a) for (fn, _), a in zip(v.fields, args) if a != "_"]
            if not shown:
                return name + " { .. }"
            return name + " { " + ", ".join(f"{fn}: {a}" for fn, a in shown) + ", .. }"
        return f"{name}({', '.join(args)})"
    if isinstance(t, OptionType):
        return f"Some({args[0]})" if c == "Some" else "None"
    if isinstance(t, BoolType):
        return "true" if c else "false"
    return "(" + ", ".join(args) + ("," if len(args) == 1 else "") + ")"


def involves_enum(t: Type) -> bool:
    """Types the usefulness check covers: enums, and Options and tuples of anything."""
    t = _strip(t)
    return isinstance(t, (EnumType, OptionType, TupleType))


def missing_patterns(arms: list[A.Arm], t: Type) -> str | None:
    """rustc's "`A`, `B` and 2 more" list of uncovered patterns, or None."""
    rows = [[arm.pattern] for arm in arms if arm.guard is None]
    ws = [w[0] for w in _missing(rows, [t])]
    if not ws:
        return None
    q = [f"`{w}`" for w in ws]
    if len(q) == 1:
        return q[0]
    if len(q) <= 3:
        return ", ".join(q[:-1]) + " and " + q[-1]
    return ", ".join(q[:3]) + f" and {len(q) - 3} more"

