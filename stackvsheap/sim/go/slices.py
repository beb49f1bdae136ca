"""Go's slices and strings as the compiler and runtime implement them.

Sources (Go 1.27): cmd/compile/internal/walk/builtin.go (walkMakeSlice: a
constant-size non-escaping make is a frame array; a variable-size one gets a
32-byte stack buffer, `base.Debug.VariableMakeThreshold`, when it fits),
ssagen/ssa.go (append to a non-escaping slice: the first growth from length 0
lands in a 32-byte stack store, once per function call; growsliceBuf and
move2heap for the slices cmd/compile/internal/slice rewrites, see
lang/go/slicepass.py), runtime/slice.go (growslice, growsliceBuf,
nextslicecap, moveSlice, moveSliceNoCap), runtime/msize.go (roundupsize) and
runtime/string.go (concatstrings, slicebytetostring, stringtoslicebyte: a
32-byte `tmpBuf` for results that do not escape; stringtoslicebytetmp: the
zero-copy []byte(s) escape analysis allows when it is never written).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import ArrayType, IntType, PtrType, SliceType, StringType, Type
from ..goheap import rounded_size
from ..machine import GO_ZEROBASE, RunError
from ..shapes import EMPTY_STR, zero_cells
from ..intrinsics import NODE_FORMS, REWRITES, intrinsic
from ..memory import HEAP, STACK, STATIC, Block, SliceV, StrV

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

STACK_BUF = 32  # VariableMakeThreshold and tmpStringBufSize
_BYTE = IntType("byte", 1, False)


def roundupsize(size: int, noscan: bool) -> int:
    """runtime.roundupsize: the usable size mallocgc gives for `size`."""
    if size <= 32768 - 8:
        req = size + 8 if (not noscan and size > 512) else size
        return rounded_size(req) - (req - size)
    return (size + 8191) & ~8191


def nextslicecap(newlen: int, oldcap: int) -> int:
    newcap = oldcap
    doublecap = newcap + newcap
    if newlen > doublecap:
        return newlen
    if oldcap < 256:
        return doublecap
    while True:
        newcap += (newcap + 3 * 256) >> 2
        if newcap >= newlen:
            return newcap


def _stack_array(comp: "Compiler", key: Any) -> tuple[int, int]:
    s = comp.temp_slot(key)
    return s.base, s.offset


def make_slice(comp: "Compiler", e: ir.MakeSlice) -> "Exec":
    m = comp.m
    elem = e.ty.elem  # type: ignore[union-attr]
    ln = comp.expr(e.length)
    cp = comp.expr(e.cap) if e.cap is not None else None
    pos = e.pos
    site = e.site
    zeros = list(zero_cells(elem))
    on_stack = site.placement == "stack"
    const_cap = isinstance(e.cap if e.cap is not None else e.length, ir.Const)
    K = STACK_BUF // elem.size if elem.size else 0
    if on_stack:
        base, _ = _stack_array(comp, e)

    def make(fr: Any) -> SliceV:
        n = ln(fr)
        c = cp(fr) if cp is not None else n
        if n < 0:
            raise RunError("panic: runtime error: makeslice: len out of range", pos)
        if c < n:
            raise RunError("panic: runtime error: makeslice: cap out of range", pos)
        if on_stack and (const_cap or (K and c <= K)):
            # `var arr [cap]T` / the whole K-element store, zeroed
            z = c if const_cap else K
            fb = fr.block
            m.put(fb, base, zeros * z)
            if z:
                m.access_w(fb.cell_addr(base), z * elem.size)
            return SliceV(fb, base, n, c)
        if elem.size == 0:
            return SliceV(m.new_block(elem, c, HEAP, site.text, GO_ZEROBASE), 0, n, c)
        b = m.go_alloc(elem, c, site.text, site, pos)
        return SliceV(b, 0, n, c)
    return make


def slice_lit(comp: "Compiler", e: ir.SliceLit) -> "Exec":
    m = comp.m
    elem = e.ty.elem  # type: ignore[union-attr]
    n = len(e.elems)
    mk = comp.new_object(e, e.site, elem, n)
    vals = [comp.expr(x) for x in e.elems]
    store = comp.store_fn(elem)
    nl = elem.nleaves

    def lit(fr: Any) -> SliceV:
        if n == 0:
            return SliceV(m.new_block(elem, 0, HEAP, e.site.text, GO_ZEROBASE), 0, 0, 0)
        vs = [v(fr) for v in vals]
        b = mk(fr)
        blk, base = (b.block, b.index) if not isinstance(b, Block) else (b, 0)
        for k, v in enumerate(vs):
            store(blk, base + k * nl, v)
        return SliceV(blk, base, n, n)
    return lit


def slice_expr(comp: "Compiler", e: ir.SliceExpr) -> "Exec":
    bt = e.base.ty
    lo = comp.expr(e.lo) if e.lo is not None else (lambda fr: 0)
    hi = comp.expr(e.hi) if e.hi is not None else None
    mx = comp.expr(e.max) if e.max is not None else None
    pos = e.pos

    def oob(a: int, b: int, n: int) -> RunError:
        if b > n:
            return RunError(f"panic: runtime error: slice bounds out of range [:{b}] with capacity {n}", pos)
        return RunError(f"panic: runtime error: slice bounds out of range [{a}:{b}]", pos)

    def oob3(a: int, b: int, c: int, n: int) -> RunError:
        """panicSlice3*: the first bound that fails, checked from the right."""
        if c > n:
            return RunError(f"panic: runtime error: slice bounds out of range [::{c}] with capacity {n}", pos)
        if b > c:
            return RunError(f"panic: runtime error: slice bounds out of range [:{b}:{c}]", pos)
        return RunError(f"panic: runtime error: slice bounds out of range [{a}:{b}:]", pos)

    if isinstance(bt, StringType):
        sv = comp.expr(e.base)

        def substr(fr: Any) -> StrV:
            s = sv(fr)
            data = s.text.encode("utf-8", "surrogateescape")
            a = lo(fr)
            b = hi(fr) if hi is not None else len(data)
            if not 0 <= a <= b <= len(data):
                raise oob(a, b, len(data))
            return StrV(data[a:b].decode("utf-8", "replace"), s.block, s.addr + a)
        return substr
    if isinstance(bt, PtrType) and isinstance(bt.elem, ArrayType):
        bt = bt.elem
        base_place = comp.deref_place(ir.Deref(bt, e.pos, e.base))
    elif isinstance(bt, ArrayType):
        base_place = comp.place(e.base)
    else:
        base_place = None
    if base_place is not None:
        length = bt.length  # type: ignore[union-attr]
        nl = bt.elem.nleaves  # type: ignore[union-attr]

        def slice_array(fr: Any) -> SliceV:
            b, i = base_place(fr)
            a = lo(fr)
            h = hi(fr) if hi is not None else length
            c = mx(fr) if mx is not None else length
            if not 0 <= a <= h <= c <= length:
                raise oob3(a, h, c, length) if mx is not None else oob(a, h, length)
            return SliceV(b, i + a * nl, h - a, c - a)
        return slice_array
    sv_ev = comp.expr(e.base)
    nl = bt.elem.nleaves  # type: ignore[union-attr]

    def reslice(fr: Any) -> SliceV:
        s = sv_ev(fr)
        a = lo(fr)
        h = hi(fr) if hi is not None else s.length
        c = mx(fr) if mx is not None else s.cap
        if not 0 <= a <= h <= c <= s.cap:
            raise oob3(a, h, c, s.cap) if mx is not None else oob(a, h, s.cap)
        if s.block is None:
            return s
        return SliceV(s.block, s.start + a * nl, h - a, c - a)
    return reslice


def length(comp: "Compiler", e: Any, cap: bool) -> "Exec":
    t = e.x.ty
    x = comp.expr(e.x)
    if isinstance(t, ArrayType) or (isinstance(t, PtrType) and isinstance(t.elem, ArrayType)):
        n = (t if isinstance(t, ArrayType) else t.elem).length  # type: ignore[union-attr]
        return lambda fr: n
    if isinstance(t, StringType):
        return lambda fr: len(x(fr).text.encode("utf-8", "surrogateescape"))
    if cap:
        return lambda fr: x(fr).cap
    return lambda fr: x(fr).length


def _copy_cost(comp: "Compiler", src: SliceV, dst_block: Block, dst_start: int, n: int, size: int) -> None:
    """memmove: charge the lines read and written."""
    if n and size:
        m = comp.m
        m.access(src.block.cell_addr(src.start), n * size)
        m.access_w(dst_block.cell_addr(dst_start), n * size)


def append(comp: "Compiler", e: ir.Append) -> "Exec":
    """ssagen `(*state).append` and runtime growslice / growsliceBuf.

    The site says where a growing slice's new backing store comes from
    (lang/go/slicepass.py): `stack_store` (the function's K-element stack
    store, taken once per call when growing from length 0 to at most K),
    `use_buf` (growsliceBuf: inside that store, one size class at a time,
    while the new length fits), else the heap (growslice)."""
    m = comp.m
    elem = e.ty.elem  # type: ignore[union-attr]
    nl = elem.nleaves
    size = elem.size
    noscan = not elem.has_pointers
    sl = comp.expr(e.slice)
    site = e.site
    pos = e.pos
    label = site.text
    store = comp.store_fn(elem)
    scalar = nl == 1 and not elem.is_aggregate
    rec = m.rec
    acc_w = m.access_w
    if e.spread:
        src_ev = comp.expr(e.args[0])
        src_is_string = isinstance(e.args[0].ty, StringType)
        args: list[Any] = []
    else:
        args = [comp.expr(a) for a in e.args]
    # K elements fit in the 32-byte store (base.Debug.VariableMakeThreshold).
    K = STACK_BUF // size if 0 < size <= STACK_BUF else 0
    on_stack = site.placement == "stack" and K > 0 and not e.spread
    use_buf = on_stack and site.use_buf
    use_store = on_stack and site.stack_store and not use_buf
    stack_key: Any = None
    sbase = 0
    zeros_k: list[Any] = []
    zero1 = list(zero_cells(elem))
    if use_buf or use_store:
        stack_key = comp.append_store_key(e)
        sbase = comp.temp_slot(stack_key).base
        zeros_k = zero1 * K

    def grow_heap(s: SliceV, newlen: int) -> SliceV:
        """runtime.growslice."""
        oldlen = s.length
        if size == 0:
            return SliceV(m.new_block(elem, newlen, HEAP, label, GO_ZEROBASE), 0, oldlen, newlen)
        newcap = nextslicecap(newlen, s.cap)
        newcap = roundupsize(newcap * size, noscan) // size
        b = m.go_alloc(elem, newcap, label, site, pos)
        if oldlen:
            k = oldlen * nl
            m.put(b, 0, s.block.cells[s.start:s.start + k])
            _copy_cost(comp, s, b, 0, oldlen, size)
        return SliceV(b, 0, oldlen, newcap)

    def grow_store(fr: Any, s: SliceV, newlen: int) -> SliceV:
        """The standard strategy: `if newLen <= K && !used && oldLen == 0`."""
        if newlen <= K and s.length == 0:
            used = fr.used
            if used is None:
                used = fr.used = set()
            if stack_key not in used:
                used.add(stack_key)
                fb = fr.block
                m.put(fb, sbase, zeros_k)
                acc_w(fb.cell_addr(sbase), K * size)
                return SliceV(fb, sbase, 0, K)
        return grow_heap(s, newlen)

    def grow_buf(fr: Any, s: SliceV, newlen: int) -> SliceV:
        """runtime.growsliceBuf."""
        if newlen > K:
            return grow_heap(s, newlen)
        fb = fr.block
        oldlen = s.length
        if oldlen and not (s.block is fb and s.start == sbase):
            # move the elements to the start of the buffer (memmove)
            m.put(fb, sbase, s.block.cells[s.start:s.start + oldlen * nl])
            _copy_cost(comp, s, fb, sbase, oldlen, size)
        # the next size class, not double: nothing is wasted when move2heap
        # later copies exactly this capacity to the heap
        newcap = roundupsize(newlen * size, noscan) // size
        if newlen < newcap:
            at = sbase + newlen * nl
            m.put(fb, at, zero1 * (newcap - newlen))
            acc_w(fb.cell_addr(at), (newcap - newlen) * size)
        return SliceV(fb, sbase, oldlen, newcap)

    if use_buf:
        grow: Any = grow_buf
    elif use_store:
        grow = grow_store
    else:
        grow = lambda fr, s, newlen: grow_heap(s, newlen)  # noqa: E731

    def do_append(fr: Any) -> SliceV:
        s = sl(fr)
        if e.spread:
            src = src_ev(fr)
            if src_is_string:
                data = src.text.encode("utf-8", "surrogateescape")
                vals = list(data)
                if data:
                    m.access(src.addr, len(data))
            else:
                vals = [] if src.block is None else (
                    src.block.cells[src.start:src.start + src.length * nl]
                )
                if src.length:
                    m.access(src.block.cell_addr(src.start), src.length * size)
            n = len(vals) // nl if nl else 0
        else:
            vals = [a(fr) for a in args]
            n = len(vals)
        if n == 0:
            return s
        newlen = s.length + n
        if newlen > s.cap:
            s = grow(fr, s, newlen)
        b = s.block
        at = s.start + s.length * nl
        if e.spread:
            m.put(b, at, list(vals))
            m.access_w(b.cell_addr(at), n * size)
        elif scalar and b.nleaves == 1 and rec is None:
            cells = b.cells
            for v in vals:
                acc_w(b.addr + at * size, size)
                cells[at] = v
                at += 1
        else:
            for k, v in enumerate(vals):
                store(b, at + k * nl, v)
        return SliceV(b, s.start, newlen, s.cap)

    if not e.spread and len(args) == 1 and scalar and rec is None:
        a0 = args[0]

        def append_one(fr: Any) -> SliceV:
            # the hot case, `s = append(s, x)` of one scalar
            s = sl(fr)
            v = a0(fr)
            n = s.length
            if n >= s.cap:
                s = grow(fr, s, n + 1)
            b = s.block
            at = s.start + n
            if b.nleaves == 1:
                acc_w(b.addr + at * size, size)
                b.cells[at] = v
            else:
                store(b, at, v)
            return SliceV(b, s.start, n + 1, s.cap)
        append_one.grow = grow  # type: ignore[attr-defined]
        return append_one
    do_append.grow = grow  # type: ignore[attr-defined]
    return do_append


def append_in_place(comp: "Compiler", e: ir.Append) -> "Exec | None":
    """`s = append(s, x)` with s a frame local and x one scalar, unrecorded:
    the loop-building hot path as one statement closure. Same semantics as
    `append`'s closure (which this reuses to grow), minus two calls."""
    loc = comp.local_scalar(e.slice)
    elem = e.ty.elem  # type: ignore[union-attr]
    if (loc is None or e.spread or len(e.args) != 1 or elem.nleaves != 1
            or elem.is_aggregate or comp.m.rec is not None):
        return None
    grow = append(comp, e).grow  # the same growth strategy as the general form
    base, off, hsize = loc
    val = comp.expr(e.args[0])
    m = comp.m
    acc, acc_w = m.access, m.access_w
    size = elem.size
    store = comp.store_fn(elem)

    def append_local(fr: Any) -> None:
        fb = fr.block
        a = fb.addr + off
        acc(a, hsize)
        s = fb.cells[base]
        v = val(fr)
        n = s.length
        if n >= s.cap:
            s = grow(fr, s, n + 1)
        b = s.block
        at = s.start + n
        if b.nleaves == 1:
            acc_w(b.addr + at * size, size)
            b.cells[at] = v
        else:
            store(b, at, v)
        s = SliceV(b, s.start, n + 1, s.cap)
        acc_w(a, hsize)
        fb.cells[base] = s
    return append_local


@intrinsic("move2heap")
def move2heap(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """ssagen `move2heap`: if the slice's backing store is in the current
    frame, copy it to a new heap object: runtime.moveSlice (same capacity)
    when `node.extra`, else moveSliceNoCap (the size class of the length)."""
    (sv,) = args
    m = comp.m
    elem = node.ty.elem  # type: ignore[union-attr]
    size = elem.size
    nl = elem.nleaves
    noscan = not elem.has_pointers
    preserve = bool(node.extra)
    site = node.site
    label = site.text if site is not None else "move2heap"
    pos = node.pos
    if not 0 < size <= STACK_BUF:
        return sv  # never stack-backed: a no-op

    def move(fr: Any) -> SliceV:
        s = sv(fr)
        if s.block is not fr.block:
            return s
        n = s.cap if preserve else s.length
        if n == 0:
            return SliceV(m.new_block(elem, 0, HEAP, label, GO_ZEROBASE), 0, 0, 0)
        cap = n if preserve else roundupsize(n * size, noscan) // size
        b = m.go_alloc(elem, cap, label, site, pos)
        m.put(b, 0, s.block.cells[s.start:s.start + n * nl])
        _copy_cost(comp, s, b, 0, n, size)
        return SliceV(b, 0, s.length, cap)
    return move


def copy_slice(comp: "Compiler", e: ir.CopySlice) -> "Exec":
    dst = comp.expr(e.dst)
    src = comp.expr(e.src)
    elem = e.dst.ty.elem  # type: ignore[union-attr]
    nl = elem.nleaves
    size = elem.size
    m = comp.m
    src_string = isinstance(e.src.ty, StringType)

    def copy(fr: Any) -> int:
        d = dst(fr)
        s = src(fr)
        if src_string:
            data = s.text.encode("utf-8", "surrogateescape")
            n = min(d.length, len(data))
            vals = list(data[:n])
            if n:
                m.access(s.addr, n)
        else:
            n = min(d.length, s.length)
            vals = s.block.cells[s.start:s.start + n * nl] if n else []
            if n:
                m.access(s.block.cell_addr(s.start), n * size)
        if n:
            at = d.start
            m.put(d.block, at, list(vals))
            m.access_w(d.block.cell_addr(at), n * size)
        return n
    return copy


def _heap_string(comp: "Compiler", text: str, site: ir.AllocSite, pos: ir.Pos) -> StrV:
    """rawstring: a new noscan heap object holding the bytes."""
    m = comp.m
    data = text.encode("utf-8", "surrogateescape")
    b = m.go_alloc(_BYTE, len(data), site.text, site, pos)
    m.put(b, 0, list(data))
    m.access_w(b.addr, len(data))
    return StrV(text, b, b.addr)


def _stack_string(comp: "Compiler", fr: Any, s: Any, text: str) -> StrV:
    """The result in the frame's 32-byte tmpBuf (slot `s`)."""
    fb = fr.block
    data = text.encode("utf-8", "surrogateescape")
    comp.m.put(fb, s.base, list(data))
    addr = fb.addr + s.offset
    comp.m.access_w(addr, max(len(data), 1))
    return StrV(text, None, addr)


def concat(comp: "Compiler", e: ir.Concat) -> "Exec":
    # walk rewrites `s += a + b` to `s = s + (a + b)` and typecheck merges
    # the inner OADDSTR into the new one: one concatstrings call
    flat = [q for p in e.parts for q in (p.parts if isinstance(p, ir.Concat) else [p])]
    parts = [comp.expr(p) for p in flat]
    site = e.site
    pos = e.pos
    m = comp.m
    has_buf = site.placement == "stack"
    buf = comp.temp_slot(e) if has_buf else None

    def cat(fr: Any) -> StrV:
        vals = [p(fr) for p in parts]
        nonempty = [v for v in vals if v.text]
        if not nonempty:
            return EMPTY_STR
        # One non-empty operand: return it as is, unless its bytes are on
        # the stack and the result escapes (runtime.concatstrings).
        if len(nonempty) == 1 and (has_buf or nonempty[0].block is not None or nonempty[0].addr < m.stack_top - (1 << 30)):
            return nonempty[0]
        for v in nonempty:
            m.access(v.addr, len(v.text.encode("utf-8", "surrogateescape")))
        text = "".join(v.text for v in nonempty)
        if has_buf and len(text.encode("utf-8", "surrogateescape")) <= STACK_BUF:
            return _stack_string(comp, fr, buf, text)
        return _heap_string(comp, text, site, pos)
    return cat


def str_convert(comp: "Compiler", e: ir.StrConvert) -> "Exec":
    x = comp.expr(e.x)
    src = e.x.ty
    dst = e.ty
    site = e.site
    pos = e.pos
    m = comp.m
    has_buf = site.placement == "stack"
    buf = comp.temp_slot(e) if has_buf else None
    if isinstance(dst, StringType) and isinstance(src, SliceType):
        # slicebytetostring: 0 bytes -> "", 1 byte -> a static table entry
        def bytes_to_string(fr: Any) -> StrV:
            s = x(fr)
            n = s.length
            if n == 0:
                return EMPTY_STR
            data = bytes(s.block.cells[s.start:s.start + n])
            m.access(s.block.cell_addr(s.start), n)
            text = data.decode("utf-8", "replace")
            if n == 1:
                return StrV(text, None, m.literal(text).addr)
            if has_buf and n <= STACK_BUF:
                return _stack_string(comp, fr, buf, text)
            return _heap_string(comp, text, site, pos)
        return bytes_to_string
    if isinstance(dst, StringType):
        # intstring: string(rune)
        def rune_to_string(fr: Any) -> StrV:
            r = x(fr)
            try:
                text = chr(r)
            except (ValueError, OverflowError):
                text = "\ufffd"
            if has_buf:
                return _stack_string(comp, fr, buf, text)
            return _heap_string(comp, text, site, pos)
        return rune_to_string
    # stringtoslicebyte: a fresh copy; cap is the rounded allocation size
    elem = dst.elem  # type: ignore[union-attr]
    if site.zero_copy:
        return _zero_copy_bytes(comp, x, elem, site)

    def string_to_bytes(fr: Any) -> SliceV:
        s = x(fr)
        data = s.text.encode("utf-8", "surrogateescape")
        n = len(data)
        if n:
            m.access(s.addr, n)
        if has_buf and n <= STACK_BUF:
            sl = buf
            fb = fr.block
            m.put(fb, sl.base, list(data) + [0] * (STACK_BUF - n))
            m.access_w(fb.addr + sl.offset, max(n, 1))
            return SliceV(fb, sl.base, n, STACK_BUF)
        if n == 0:
            return SliceV(m.new_block(elem, 0, HEAP, site.text, GO_ZEROBASE), 0, 0, 0)
        cap = roundupsize(n, True)
        b = m.go_alloc(elem, cap, site.text, site, pos)
        m.put(b, 0, list(data))
        m.access_w(b.addr, n)
        return SliceV(b, 0, n, cap)
    return string_to_bytes


def _zero_copy_bytes(comp: "Compiler", x: "Exec", elem: Type, site: ir.AllocSite) -> "Exec":
    """OSTR2BYTESTMP (stringtoslicebytetmp): a []byte(s) that does not escape
    and is never written aliases the string's bytes: no allocation, no copy,
    len == cap == len(s)."""
    m = comp.m
    label = site.text
    views: dict[int, tuple[str, Block]] = {}  # address -> a view of read-only bytes

    def zero_copy(fr: Any) -> SliceV:
        s = x(fr)
        text = s.text
        if not text:
            return SliceV(m.new_block(elem, 0, HEAP, label, GO_ZEROBASE), 0, 0, 0)
        b = s.block
        if b is not None and b.elem_size == 1 and b.nleaves == 1:
            n = len(text.encode("utf-8", "surrogateescape"))
            return SliceV(b, s.addr - b.addr, n, n)
        # bytes in read-only data or in a frame's buffer: a view of them
        got = views.get(s.addr)
        if got is None or got[0] != text:
            data = text.encode("utf-8", "surrogateescape")
            where = STACK if m.sp <= s.addr < m.stack_top else STATIC
            b = m.new_block(elem, len(data), where, label, s.addr)
            b.cells[:] = list(data)
            views[s.addr] = got = (text, b)
        b = got[1]
        return SliceV(b, 0, b.count, b.count)
    return zero_copy


@intrinsic("decode_rune")
def decode_rune(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """runtime.decoderune: (rune at byte k, index after it); invalid UTF-8
    gives (0xFFFD, k + 1)."""
    sv, kv = args
    m = comp.m

    def decode(fr: Any) -> tuple[int, int]:
        s = sv(fr)
        k = kv(fr)
        data = s.text.encode("utf-8", "surrogateescape")
        b0 = data[k]
        n = 1 if b0 < 0x80 else 2 if b0 >> 5 == 6 else 3 if b0 >> 4 == 14 else 4 if b0 >> 3 == 30 else 0
        m.access(s.addr + k, max(n, 1))
        if n == 0:
            return (0xFFFD, k + 1)
        try:
            ch = data[k:k + n].decode("utf-8")
        except UnicodeDecodeError:
            return (0xFFFD, k + 1)
        return (ord(ch), k + n)
    return decode


NODE_FORMS.update({
    ir.MakeSlice: make_slice,
    ir.SliceLit: slice_lit,
    ir.SliceExpr: slice_expr,
    ir.Len: lambda c, e: length(c, e, cap=False),
    ir.Cap: lambda c, e: length(c, e, cap=True),
    ir.Append: append,
    ir.CopySlice: copy_slice,
    ir.Concat: concat,
    ir.StrConvert: str_convert,
})
REWRITES["append_in_place"] = append_in_place
