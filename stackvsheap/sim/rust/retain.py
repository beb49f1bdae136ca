"""`Vec::retain` and `Vec::drain` as std 1.95 runs them (library/alloc/src/vec/mod.rs,
vec/drain.rs).

`retain(f)` visits the elements in order, drops each rejected one at once
and shifts the kept ones down: no allocation, the capacity stays.
`drain(a..b)` checks the range (`slice::range`: "slice index starts at a but
ends at b", "range end index b out of range for slice of length n"), takes
the elements out, and when the Drain is dropped moves the tail back: it
allocates nothing itself. Collecting it into a Vec is a TrustedLen collect:
one exact allocation of b - a elements (none when the range is empty);
dropping it (`v.drain(..);`) drops the drained elements in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import Ptr, SliceV
from .glue import glue_for
from .vec import _ops, site_label

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


@intrinsic("vec_retain")
def vec_retain(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc = comp.place(node.args[0])
    elem = node.args[0].ty.elem  # type: ignore[attr-defined]
    f_ev = args[1]
    ops = _ops(comp)
    glue = glue_for(comp)
    call = comp.call_funcv
    load, store = comp.load_fn(elem), comp.store_fn(elem)
    nl = elem.nleaves

    def retain(fr: Any) -> None:
        f = f_ev(fr)
        b, i = loc(fr)
        sv = ops.read_header(b, i)
        blk = sv.block
        kept = 0
        for k in range(sv.length):
            at = sv.start + k * nl
            if call(f, [Ptr(blk, at)]):
                if kept != k:
                    store(blk, sv.start + kept * nl, load(blk, at))
                kept += 1
            else:
                glue.drop(elem, load(blk, at), blk, at)
        ops.write_header(b, i, SliceV(blk, sv.start, kept, sv.cap))
    return retain


def _drain_range(node: ir.Intrinsic, args: list["Exec"]) -> Any:
    lo_ev = args[1] if node.extra["lo"] else None
    hi_ev = args[1 + bool(node.extra["lo"])] if node.extra["hi"] else None
    inclusive = node.extra["inclusive"]
    pos = node.pos

    def bounds(fr: Any, n: int) -> tuple[int, int]:
        lo = lo_ev(fr) if lo_ev is not None else 0
        hi = hi_ev(fr) + (1 if inclusive else 0) if hi_ev is not None else n
        if lo > hi:
            raise RunError(f"thread 'main' panicked: slice index starts at {lo} but ends at {hi}", pos)
        if hi > n:
            raise RunError(f"thread 'main' panicked: range end index {hi} out of range for slice of "
                           f"length {n}", pos)
        return lo, hi
    return bounds


@intrinsic("vec_drain")
def vec_drain(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`v.drain(r).collect::<Vec<T>>()` (extra "collect") or a dropped Drain."""
    loc = comp.place(node.args[0])
    elem = node.args[0].ty.elem  # type: ignore[attr-defined]
    ops = _ops(comp)
    glue = glue_for(comp)
    m = comp.m
    load, store = comp.load_fn(elem), comp.store_fn(elem)
    nl = elem.nleaves
    bounds = _drain_range(node, args)
    collect = node.extra["collect"]
    site, pos = node.site, node.pos

    def drain(fr: Any) -> Any:
        b, i = loc(fr)
        sv = ops.read_header(b, i)
        lo, hi = bounds(fr, sv.length)
        blk = sv.block
        n = hi - lo
        out = None
        if collect:
            if n == 0 or elem.size == 0:
                out = SliceV(None, 0, n, 0 if elem.size else (1 << 64) - 1)
            else:
                nb = m.rust_alloc(elem, n, site_label(site, "Vec buffer"), site, pos)
                for k in range(n):
                    store(nb, k * nl, load(blk, sv.start + (lo + k) * nl))
                out = SliceV(nb, 0, n, n)
        else:
            for k in range(lo, hi):
                at = sv.start + k * nl
                glue.drop(elem, load(blk, at), blk, at)
        for k in range(hi, sv.length):  # the tail moves back
            store(blk, sv.start + (k - n) * nl, load(blk, sv.start + k * nl))
        ops.write_header(b, i, SliceV(blk, sv.start, sv.length - n, sv.cap))
        return out
    return drain
