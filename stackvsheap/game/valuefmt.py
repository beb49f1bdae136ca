"""Values as the panes print them: scalars, pointers as tags, byte counts."""

from __future__ import annotations

from typing import Any, Iterable

from ..lang.rust.enums import EnumType, enum_pieces
from ..lang.types import ArrayType, StructType, TupleType, Type
from ..sim.memory import HEAP, STATIC, Block, FuncV, Ptr, SliceV, StrV
from .views import Target


# ---- formatting values -----------------------------------------------------------


def _scalar_text(v: Any, go: bool) -> str:
    if v is None:
        return "nil" if go else "None"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return str(v)


def value_pieces(cells: list[Any], ty: Type, go: bool, limit: int = 4) -> tuple[Any, ...]:
    """A variable's value as display pieces: text and pointer targets."""
    if ty.nleaves == 1 and not ty.is_aggregate:
        return leaf_pieces(cells[0] if cells else None, go)
    out: list[Any] = []
    if isinstance(ty, EnumType):
        return enum_pieces(cells, ty, lambda c, t: value_pieces(c, t, go, limit=2))
    if isinstance(ty, StructType) or isinstance(ty, TupleType):
        fields = ty.fields if isinstance(ty, StructType) else [(str(i), t) for i, t in enumerate(ty.elems)]
        out.append("{")
        i = 0
        for n, (fname, ft) in enumerate(fields):
            if n:
                out.append(", ")
            if n >= limit:
                out.append("…")
                break
            if isinstance(ty, StructType) and not ty.tuple_struct:
                out.append(f"{fname}: ")
            k = ft.nleaves
            out.extend(value_pieces(cells[i:i + k], ft, go, limit=2))
            i += k
        out.append("}")
        return tuple(out)
    if isinstance(ty, ArrayType):
        k = ty.elem.nleaves
        out.append("[")
        for n in range(min(ty.length, limit)):
            if n:
                out.append(" ")
            out.extend(value_pieces(cells[n * k:(n + 1) * k], ty.elem, go, limit=2))
        if ty.length > limit:
            out.append(f" …{ty.length - limit}")
        out.append("]")
        return tuple(out)
    return tuple(p for v in cells[:limit] for p in (*leaf_pieces(v, go), " "))[:-1] or ("…",)


def _addr(v: Any) -> int:
    """A pointer's address; a zero-sized pointee has no cells to index."""
    b = v.block
    return b.addr if not b.nleaves else v.addr


def leaf_pieces(v: Any, go: bool) -> tuple[Any, ...]:
    cls = v.__class__
    if cls is Ptr:
        b = v.block
        a = _addr(v)
        if b.where == HEAP:
            if not b.size:
                return (f"dangling {a:#x} (nothing allocated)",)
            return (Target(b, a),)
        if b.where == STATIC:
            if b.label.startswith("vtable for "):  # a trait object's vtable pointer (sim/rust/dyn.py)
                return (f"&{b.label} {a:#x}",)
            return (f"&global {a:#x}",)
        return (f"&{a:#x}",)
    if cls is SliceV:
        b = v.block
        if b is None:
            return ("nil" if go else "empty",)
        a = _addr(v)
        if b.where == HEAP and not b.size:
            return (f"dangling {a:#x}", f" len {v.length} cap {v.cap}")
        head: Any = Target(b, a) if b.where == HEAP else f"&{a:#x}"
        return (head, f" len {v.length} cap {v.cap}")
    if cls is StrV:
        text = v.text if len(v.text) <= 14 else v.text[:13] + "…"
        if v.block is not None and v.block.where == HEAP:
            return (Target(v.block, v.addr), f" {text!r}")
        return (repr(text).replace("'", '"'),)
    if cls is FuncV:
        env = v.env
        if isinstance(env, Block) and env.where == HEAP:
            return ("func ", Target(env, env.addr))
        if env is not None:
            # a closure that does not escape: its context lives in a frame
            return (f"func, context at {env.cell_addr(0):#x}",)
        return (f"func {getattr(v.func, 'name', '')}".rstrip(),)
    return (_scalar_text(v, go),)


def pieces_text(pieces: Iterable[Any], tag: Any = None) -> str:
    """Plain text of display pieces (tags as `●` + letter when `tag` maps)."""
    out = []
    for p in pieces:
        if isinstance(p, Target):
            out.append("●" + (tag(p.block) if tag else "") if tag else f"{p.addr:#x}")
        else:
            out.append(p)
    return "".join(out)


def tag_letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: a short, stable name for heap block n."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def human_bytes(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB".replace(".0 ", " ")
    return f"{n / (1024 * 1024):.1f} MiB".replace(".0 ", " ")
