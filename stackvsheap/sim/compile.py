"""Compile the IR once into Python closures that run on a `Machine`.

Dispatch on node types happens here, once per node; running a program is
then a tree of plain closure calls, with the hot paths (scalar locals)
specialised. Statements return None to go on, or a `Jump` code.

Values: scalars are Python values; aggregates (structs, arrays, tuples) are
tuples of leaf values. A place compiles to `loc(fr) -> (block, cell)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..lang import ir
from ..lang.types import (
    ArrayType, FloatType, IntType, PtrType, SliceType, StringType, StructType, TupleType, Type,
)
from .cost import FRAME as FRAME_CYCLES
from .intrinsics import INTRINSICS, NODE_FORMS, REWRITES, STMT_HOOKS
from .machine import Frame, Machine, RunError
from .memory import STACK, Block, FuncV, Ptr
from .ops import binary_op, convert, op_assign, printer
from .shapes import shape_of, zero_cells

Exec = Callable[[Frame], Any]
Loc = Callable[[Frame], tuple[Block, int]]

BREAK = 1
CONTINUE = 2
RETURN = 3

@dataclass(eq=False)
class VarSlot:
    """Where a variable lives in its frame (or the globals block)."""

    base: int                 # first leaf index in the frame block
    offset: int               # byte offset in the frame
    nleaves: int
    indirect: bool            # the slot holds a pointer to the real storage
    is_global: bool = False


@dataclass(eq=False)
class FuncCode:
    func: ir.Func
    frame_type: StructType
    slots: dict[int, VarSlot]                    # id(var) -> slot
    temps: dict[int, VarSlot]                    # id(site or node) -> stack temp slot
    body: Exec | None = None
    param_slots: list[VarSlot] = field(default_factory=list)
    name: str = ""


class Jump:
    """A labelled break/continue travelling outwards."""

    __slots__ = ("kind", "label", "value")

    def __init__(self, kind: int, label: str | None, value: Any = None) -> None:
        self.kind = kind
        self.label = label
        self.value = value


def _walk_stmts(node: Any, visit: Callable[[Any], None]) -> None:
    """Call `visit` on every IR node below `node` (see `ir.walk`)."""
    for n in ir.walk(node):
        visit(n)


class Compiler:
    def __init__(self, program: ir.Program, machine: Machine) -> None:
        self.p = program
        self.m = machine
        self.go = program.language == "go"
        self.codes: dict[int, FuncCode] = {}
        self._packs: dict[int, tuple["_Pack", bool]] = {}
        self.cur: FuncCode | None = None
        self.global_slots: dict[int, VarSlot] = {}
        self._setup_globals()
        funcs = program.all_funcs or list(program.funcs.values())
        for f in funcs:
            self.codes[id(f)] = self._layout(f)
        for f in funcs:
            code = self.codes[id(f)]
            self.cur = code
            code.body = self.block(f.body, fn_body=True)
        self.cur = None

    # ---- layout ------------------------------------------------------------

    def _var_type(self, v: ir.Var) -> Type:
        if v.placement == "heap":
            return PtrType(v.ty)
        return v.ty

    def _setup_globals(self) -> None:
        gt = StructType("globals")
        gt.fields = [(v.name, self._var_type(v)) for v in self.p.globals]
        if self.m.globals is None:
            self.m.make_globals(gt)
        base = 0
        for i, v in enumerate(self.p.globals):
            t = gt.fields[i][1]
            self.global_slots[id(v)] = VarSlot(base, gt._offsets[i], t.nleaves, False, True)
            base += t.nleaves

    def _stack_temps(self, f: ir.Func) -> list[tuple[Any, Type, str]]:
        """Frame space for non-escaping allocations: the compiler gives each
        such site its own autotmp slot in the frame, reused every time."""
        out: list[tuple[Any, Type, str]] = []

        seen: set[Any] = set()

        def visit(n: Any) -> None:
            site = getattr(n, "site", None)
            if site is None or site.placement != "stack":
                return
            if isinstance(n, ir.Append):
                elem = n.ty.elem
                key = self.append_store_key(n)
                if elem.size and elem.size <= 32 and key not in seen:
                    seen.add(key)
                    out.append((key, ArrayType(elem, 32 // elem.size), "append store"))
                return
            t = self._stack_temp_type(n)
            if t is not None:
                out.append((n, t, site.text))

        _walk_stmts(f.body, visit)
        return out

    def _stack_temp_type(self, n: Any) -> Type | None:
        if isinstance(n, ir.Alloc):
            return n.ty.elem if isinstance(n.ty, PtrType) else None
        if isinstance(n, ir.MakeSlice):
            elem = n.ty.elem
            cap = n.cap if n.cap is not None else n.length
            if isinstance(cap, ir.Const):
                return ArrayType(elem, int(cap.value))
            # non-constant size: a 32-byte buffer (cmd/compile walk: tmpBuf)
            return ArrayType(elem, 32 // max(elem.size, 1)) if elem.size else None
        if isinstance(n, ir.SliceLit):
            return ArrayType(n.ty.elem, len(n.elems))
        if isinstance(n, (ir.Concat, ir.StrConvert)):
            return ArrayType(_BYTE, 32)
        if isinstance(n, ir.FuncLit):
            return self._closure_type(n)
        if isinstance(n, ir.Append):
            return None
        return None

    def _closure_type(self, n: ir.FuncLit) -> StructType:
        st = StructType("closure")
        st.fields = [("F", _UINTPTR)] + [
            (c.var.name, PtrType(c.var.ty) if c.by_ref else c.var.ty) for c in n.captures
        ]
        return st

    def _layout(self, f: ir.Func) -> FuncCode:
        ft = StructType(f"frame {f.display_name}")
        fields: list[tuple[str, Type]] = []
        owners: list[tuple[str, Any]] = []
        inner_caps = {id(c.inner): c for c in f.captures}
        for v in list(f.params) + list(f.locals):
            c = inner_caps.get(id(v))
            if c is not None and c.by_ref:
                t: Type = PtrType(v.ty)
            else:
                t = self._var_type(v)
            fields.append((v.name, t))
            owners.append(("var", v))
        for v in f.captures:
            if not any(v.inner is x for x in list(f.params) + list(f.locals)):
                t = PtrType(v.inner.ty) if v.by_ref else v.inner.ty
                fields.append((v.inner.name, t))
                owners.append(("var", v.inner))
        for node, t, text in self._stack_temps(f):
            fields.append((f"autotmp {text}", t))
            owners.append(("temp", node))
        ft.fields = fields
        code = FuncCode(f, ft, {}, {}, name=f.display_name)
        base = 0
        offsets = ft._offsets
        for i, ((kind, owner), (_, t)) in enumerate(zip(owners, fields)):
            if kind == "var":
                c = inner_caps.get(id(owner))
                indirect = owner.placement == "heap" or (c is not None and c.by_ref)
                code.slots[id(owner)] = VarSlot(base, offsets[i], t.nleaves, indirect)
            else:
                key = owner if isinstance(owner, tuple) else id(owner)
                code.temps[key] = VarSlot(base, offsets[i], t.nleaves, False)
            base += t.nleaves
        code.param_slots = [code.slots[id(v)] for v in f.params]
        return code

    def local_scalar(self, e: ir.Expr) -> tuple[int, int, int] | None:
        """(leaf, byte offset, size) when `e` is a one-leaf local held in the
        frame itself, so hot closures can read it without another call."""
        if not isinstance(e, ir.VarRef) or self.m.rec is not None:
            return None
        s = self.slot(e.var)
        t = e.ty
        if s.indirect or s.is_global or t.nleaves != 1 or t.is_aggregate:
            return None
        return s.base, s.offset, t.size

    def slot(self, v: ir.Var) -> VarSlot:
        if v.is_global:
            return self.global_slots[id(v)]
        s = self.cur.slots.get(id(v)) if self.cur else None
        if s is None:
            raise ir.UnsupportedError(f"internal: variable {v.name} has no slot", v.pos, self.p.file)
        return s

    # ---- memory helpers ------------------------------------------------------

    def load_fn(self, t: Type) -> Callable[[Block, int], Any]:
        """A reader of one value of type t at (block, cell)."""
        m = self.m
        n = t.nleaves
        if n == 1 and not t.is_aggregate:
            acc = m.access

            def load1(b: Block, i: int) -> Any:
                if b.nleaves == 1:
                    acc(b.addr + i * b.elem_size, b.elem_size)
                else:
                    n = b.nleaves  # (// and % cost less than a divmod call)
                    r = i % n
                    acc(b.addr + i // n * b.elem_size + b.offsets[r], b.lsizes[r])
                return b.cells[i]
            return load1
        if n == 0:
            return lambda b, i: ()
        size = t.size

        def loadn(b: Block, i: int) -> tuple:
            m.access(b.cell_addr(i), size)
            return tuple(b.cells[i:i + n])
        return loadn

    def store_fn(self, t: Type) -> Callable[[Block, int, Any], None]:
        m = self.m
        n = t.nleaves
        rec = m.rec
        if n == 1 and not t.is_aggregate:
            acc_w = m.access_w
            if rec is None:
                def store1(b: Block, i: int, v: Any) -> None:
                    if b.nleaves == 1:
                        acc_w(b.addr + i * b.elem_size, b.elem_size)
                    else:
                        n = b.nleaves
                        r = i % n
                        acc_w(b.addr + i // n * b.elem_size + b.offsets[r], b.lsizes[r])
                    b.cells[i] = v
            else:
                def store1(b: Block, i: int, v: Any) -> None:
                    m.access_w(b.cell_addr(i), b.cell_size(i))
                    cells = b.cells
                    rec.write(b, i, cells[i], v)
                    cells[i] = v
            return store1
        if n == 0:
            return lambda b, i, v: None
        size = t.size
        if rec is None:
            def storen(b: Block, i: int, v: tuple) -> None:
                m.access_w(b.cell_addr(i), size)
                b.cells[i:i + n] = v
        else:
            def storen(b: Block, i: int, v: tuple) -> None:
                m.access_w(b.cell_addr(i), size)
                cells = b.cells
                for k in range(n):
                    rec.write(b, i + k, cells[i + k], v[k])
                cells[i:i + n] = v
        return storen

    # ---- places --------------------------------------------------------------

    def place(self, e: ir.Expr) -> Loc:
        if isinstance(e, ir.VarRef):
            return self.var_place(e.var)
        if isinstance(e, ir.FieldRef):
            return self.field_place(e)
        if isinstance(e, ir.IndexRef):
            return self.index_place(e)
        if isinstance(e, ir.Deref):
            return self.deref_place(e)
        # A value used where a place is needed (a method call on a temporary,
        # a field of a returned struct): materialise it in a fresh temp block.
        ev = self.expr(e)
        t = e.ty
        m = self.m

        def temp_place(fr: Frame) -> tuple[Block, int]:
            v = ev(fr)
            b = m.new_block(t, 1, STACK, "temporary", fr.block.addr)
            if t.nleaves == 1 and not t.is_aggregate:
                b.cells[0] = v
            else:
                b.cells[:] = v
            return b, 0
        return temp_place

    def var_place(self, v: ir.Var) -> Loc:
        s = self.slot(v)
        base = s.base
        m = self.m
        if s.is_global:
            g = m.globals
            if s.indirect or v.placement == "heap":
                def gplace_ind(fr: Frame) -> tuple[Block, int]:
                    m.access(g.addr + s.offset, 8)
                    p = g.cells[base]
                    return p.block, p.index
                return gplace_ind
            return lambda fr: (g, base)
        if s.indirect:
            off = s.offset

            def place_ind(fr: Frame) -> tuple[Block, int]:
                fb = fr.block
                m.access(fb.addr + off, 8)
                p = fb.cells[base]
                return p.block, p.index
            return place_ind
        return lambda fr: (fr.block, base)

    def field_place(self, e: ir.FieldRef) -> Loc:
        bt = e.base.ty
        start, _ = bt.field_leaf_range(e.index)  # type: ignore[union-attr]
        inner = self.place(e.base)
        if start == 0:
            return inner

        def fplace(fr: Frame) -> tuple[Block, int]:
            b, i = inner(fr)
            return b, i + start
        return fplace

    def _bounds(self, idx: int, n: int, pos: ir.Pos) -> RunError:
        if self.go:
            return RunError(f"panic: runtime error: index out of range [{idx}] with length {n}", pos)
        return RunError(
            f"thread 'main' panicked: index out of bounds: the len is {n} but the index is {idx}", pos
        )

    def index_place(self, e: ir.IndexRef) -> Loc:
        bt = e.base.ty
        ix = self.expr(e.index)
        pos = e.pos
        bounds = self._bounds
        if isinstance(bt, ArrayType):
            inner = self.place(e.base)
            nl = bt.elem.nleaves
            length = bt.length

            def aplace(fr: Frame) -> tuple[Block, int]:
                b, i = inner(fr)
                k = ix(fr)
                if k < 0 or k >= length:
                    raise bounds(k, length, pos)
                return b, i + k * nl
            return aplace
        if isinstance(bt, PtrType) and isinstance(bt.elem, ArrayType):
            # Go: indexing through a pointer to an array
            return self.index_place(ir.IndexRef(e.ty, e.pos, ir.Deref(bt.elem, e.pos, e.base), e.index))
        if isinstance(bt, SliceType):
            sv_ev = self.expr(e.base)
            nl = bt.elem.nleaves

            def splace(fr: Frame) -> tuple[Block, int]:
                sv = sv_ev(fr)
                k = ix(fr)
                if k < 0 or k >= sv.length:
                    raise bounds(k, sv.length, pos)
                return sv.block, sv.start + k * nl
            return splace
        raise ir.UnsupportedError(f"unsupported: indexing {bt}", e.pos, self.p.file)

    def deref_place(self, e: ir.Deref) -> Loc:
        pv = self.expr(e.ptr)
        pos = e.pos
        go = self.go

        def dplace(fr: Frame) -> tuple[Block, int]:
            p = pv(fr)
            if p is None or not p.block.alive:
                raise _deref_fault(p, go, pos)
            b = p.block
            return b, p.index
        return dplace

    # ---- expressions ---------------------------------------------------------

    def expr(self, e: ir.Expr) -> Exec:
        meth = getattr(self, "e_" + e.__class__.__name__, None)
        if meth is not None:
            return meth(e)
        form = NODE_FORMS.get(e.__class__)
        if form is None:
            raise ir.UnsupportedError(f"unsupported: {e.__class__.__name__}", e.pos, self.p.file)
        return form(self, e)

    def const_value(self, t: Type, v: Any) -> Any:
        if v is None:
            z = zero_cells(t)
            return z[0] if (len(z) == 1 and not t.is_aggregate) else z
        if isinstance(t, StringType):
            return self.m.literal(v)
        if isinstance(t, FloatType):
            return float(v)
        return v

    def e_Const(self, e: ir.Const) -> Exec:
        v = self.const_value(e.ty, e.value)
        return lambda fr: v

    def e_Zero(self, e: ir.Zero) -> Exec:
        v = self.const_value(e.ty, None)
        return lambda fr: v

    def e_FuncRef(self, e: ir.FuncRef) -> Exec:
        fv = FuncV(self.codes[id(e.func)], None)
        return lambda fr: fv

    def e_VarRef(self, e: ir.VarRef) -> Exec:
        t = e.ty
        s = self.slot(e.var)
        m = self.m
        scalar = t.nleaves == 1 and not t.is_aggregate
        if not s.indirect and not s.is_global and scalar:
            base, off, size = s.base, s.offset, t.size
            acc = m.access

            def local(fr: Frame) -> Any:
                fb = fr.block
                acc(fb.addr + off, size)
                return fb.cells[base]
            return local
        loc = self.var_place(e.var)
        load = self.load_fn(t)
        return lambda fr: load(*loc(fr))

    def _value_of_place(self, e: ir.Expr) -> Exec:
        loc = self.place(e)
        load = self.load_fn(e.ty)
        return lambda fr: load(*loc(fr))

    def e_FieldRef(self, e: ir.FieldRef) -> Exec:
        if self._is_place(e.base):
            return self._value_of_place(e)
        inner = self.expr(e.base)
        start, n = e.base.ty.field_leaf_range(e.index)  # type: ignore[union-attr]
        if n == 1 and not e.ty.is_aggregate:
            return lambda fr: inner(fr)[start]
        return lambda fr: tuple(inner(fr)[start:start + n])

    def _is_place(self, e: ir.Expr) -> bool:
        if isinstance(e, (ir.VarRef, ir.Deref)):
            return True
        if isinstance(e, ir.FieldRef):
            return self._is_place(e.base)
        if isinstance(e, ir.IndexRef):
            return not isinstance(e.base.ty, ArrayType) or self._is_place(e.base)
        return False

    def e_IndexRef(self, e: ir.IndexRef) -> Exec:
        bt = e.base.ty
        if isinstance(bt, StringType):
            sv = self.expr(e.base)
            ix = self.expr(e.index)
            m = self.m
            pos = e.pos
            bounds = self._bounds

            def sindex(fr: Frame) -> int:
                s = sv(fr)
                k = ix(fr)
                data = s.text.encode()
                if k < 0 or k >= len(data):
                    raise bounds(k, len(data), pos)
                m.access(s.addr + k, 1)
                return data[k]
            return sindex
        if isinstance(bt, ArrayType) and not self._is_place(e.base):
            inner = self.expr(e.base)
            ix = self.expr(e.index)
            nl = bt.elem.nleaves
            length = bt.length
            pos = e.pos
            bounds = self._bounds
            scalar = nl == 1 and not bt.elem.is_aggregate

            def avalue(fr: Frame) -> Any:
                vals = inner(fr)
                k = ix(fr)
                if k < 0 or k >= length:
                    raise bounds(k, length, pos)
                return vals[k] if scalar else tuple(vals[k * nl:(k + 1) * nl])
            return avalue
        return self._value_of_place(e)

    def e_Deref(self, e: ir.Deref) -> Exec:
        t = e.ty
        if self.m.rec is None and t.nleaves == 1 and not t.is_aggregate:
            return self._deref_scalar(e)
        return self._value_of_place(e)

    def _deref_scalar(self, e: ir.Deref) -> Exec:
        """`*p` of a one-leaf value, unrecorded: deref_place and load1 in one
        closure (`**b` in a loop was six calls)."""
        pv = self.expr(e.ptr)
        acc = self.m.access
        pos = e.pos
        go = self.go

        def deref_load(fr: Frame) -> Any:
            p = pv(fr)
            if p is None or not p.block.alive:
                raise _deref_fault(p, go, pos)
            b = p.block
            i = p.index
            if b.nleaves == 1:
                acc(b.addr + i * b.elem_size, b.elem_size)
            else:
                n = b.nleaves
                r = i % n
                acc(b.addr + i // n * b.elem_size + b.offsets[r], b.lsizes[r])
            return b.cells[i]
        return deref_load

    def e_AddrOf(self, e: ir.AddrOf) -> Exec:
        pl = e.place
        if isinstance(pl, ir.VarRef) and not pl.var.is_global:
            sl = self.slot(pl.var)
            if sl.indirect:
                # &x of a variable moved to the heap: the pointer its frame
                # slot already holds (the compiler's &x heap address)
                base, off = sl.base, sl.offset
                acc = self.m.access

                def addr_heap_var(fr: Frame) -> Ptr:
                    fb = fr.block
                    acc(fb.addr + off, 8)
                    return fb.cells[base]
                return addr_heap_var
        loc = self.place(pl)

        def addr_of(fr: Frame) -> Ptr:
            b, i = loc(fr)
            return Ptr(b, i)
        return addr_of

    def e_Unary(self, e: ir.Unary) -> Exec:
        x = self.expr(e.x)
        t = e.ty
        if e.op == "!":
            return lambda fr: not x(fr)
        if e.op == "+":
            return x
        if e.op == "-":
            if isinstance(t, IntType):
                if not self.go and e.__dict__.get("checked", False):
                    pass
                wrap = t.wrap
                if self.go:
                    return lambda fr: wrap(-x(fr))
                pos = e.pos

                def neg(fr: Frame) -> int:
                    v = -x(fr)
                    if not t.in_range(v):
                        raise RunError("thread 'main' panicked: attempt to negate with overflow", pos)
                    return v
                return neg
            return lambda fr: -x(fr)
        if e.op == "^" or e.op == "~":
            wrap = t.wrap  # type: ignore[union-attr]
            return lambda fr: wrap(~x(fr))
        raise ir.UnsupportedError(f"unsupported: unary {e.op}", e.pos, self.p.file)

    def e_Binary(self, e: ir.Binary) -> Exec:

        return binary_op(self, e)

    def e_Convert(self, e: ir.Convert) -> Exec:

        return convert(self, e)

    # ---- calls ---------------------------------------------------------------

    def invoker(self, code: FuncCode) -> Callable[[list[Any], Block | None], Any]:
        """Run `code` with evaluated arguments: push a frame, spill the
        arguments into it (moving escaping params to the heap), run, pop."""
        m = self.m
        f = code.func
        ft = code.frame_type
        name = code.name
        params = list(zip(f.params, code.param_slots))
        param_stores = [self.store_fn(v.ty) for v in f.params]
        caps = [(c, code.slots[id(c.inner)]) for c in f.captures]
        if m.rec is None and all(
            not s.indirect and v.ty.nleaves == 1 and not v.ty.is_aggregate for v, s in params
        ):
            return self._fast_invoker(code, caps)
        go = self.go

        def invoke(args: list[Any], env: Block | None) -> Any:
            fr = m.push_frame(code, ft, name)
            fb = fr.block
            fr.env = env
            for (v, s), store, a in zip(params, param_stores, args):
                if s.indirect:
                    hb = m.go_alloc(v.ty, 1, v.name, None, v.pos) if go else None
                    m.put(fb, s.base, [Ptr(hb, 0)])
                    m.access_w(fb.addr + s.offset, 8)
                    store(hb, 0, a)
                else:
                    store(fb, s.base, a)
            if env is not None:
                # closure context: captured variables come from the env block
                for k, (c, s) in enumerate(caps, start=1):
                    m.access(env.cell_addr(k), 8)
                    val = env.cells[k]
                    if s.nleaves == 1:
                        m.put(fb, s.base, [val])
                    else:
                        m.put(fb, s.base, env.cells[k:k + s.nleaves])
            code.body(fr)
            r = fr.ret
            m.pop_frame()
            return r
        return invoke

    def _fast_invoker(self, code: FuncCode, caps: list) -> Callable[[list[Any], Block | None], Any]:
        """`invoker` for an unrecorded call whose parameters are all scalars
        held in the frame: Machine.push_frame, the argument stores and
        Machine.pop_frame inlined (a call is the Rust map closure's whole
        cost per item). Keep in step with those two methods."""
        m = self.m
        ft = code.frame_type
        name = code.name
        shape = shape_of(ft)
        fsize = (shape.size + 15) & ~15
        zeros = shape.zeros
        # where store1 would write each argument in a fresh frame block
        if len(shape.offsets) == 1:
            spills = [(s.base, 0, shape.size) for s in code.param_slots]
        else:
            spills = [(s.base, shape.offsets[s.base], shape.sizes[s.base]) for s in code.param_slots]
        one = spills[0] if len(spills) == 1 else None
        acc, acc_w, acc2 = m.access, m.access_w, m.access2
        t = m.t
        frames = m.frames
        pools = m._frame_pool
        key = id(ft)
        max_frames = m.limits.max_frames
        stack_top = m.stack_top
        go = self.go

        def invoke(args: list[Any], env: Block | None) -> Any:
            # ---- push_frame
            if len(frames) >= max_frames:
                m.push_frame(code, ft, name)  # raises the stack overflow
            before = m.sp
            sp = before - 16
            acc2(sp + 8, sp, 8)  # return address, saved frame pointer
            sp -= fsize
            m.sp = sp
            used = stack_top - sp
            if used > t.stack_peak_bytes:
                t.stack_peak_bytes = used
            t.frame_cycles += FRAME_CYCLES
            pool = pools.get(key)
            if pool:
                fb = pool.pop()
                fb.addr = sp
                fb.alive = True
                fb.cells[:] = zeros
            else:
                fb = m.new_block(ft, 1, STACK, name, sp)
            fr = Frame(code, fb, before)
            frames.append(fr)
            fr.env = env
            # ---- the arguments
            if one is not None:
                base, off, size = one
                acc_w(sp + off, size)
                fb.cells[base] = args[0]
            else:
                cells = fb.cells
                for (base, off, size), a in zip(spills, args):
                    acc_w(sp + off, size)
                    cells[base] = a
            if env is not None:
                for k, (c, s) in enumerate(caps, start=1):
                    acc(env.cell_addr(k), 8)
                    if s.nleaves == 1:
                        m.put(fb, s.base, [env.cells[k]])
                    else:
                        m.put(fb, s.base, env.cells[k:k + s.nleaves])
            code.body(fr)
            r = fr.ret
            # ---- pop_frame
            frames.pop()
            acc2(before - 8, before - 16, 8)
            m.sp = before
            fb.alive = False
            pool = pools.get(key)
            if pool is None:
                pools[key] = [fb]
            elif len(pool) < 64:
                pool.append(fb)
            if go and fr.pins and frames:
                frames[-1].pins.extend(fr.pins)
            return r
        return invoke

    def e_Call(self, e: ir.Call) -> Exec:
        code = self.codes[id(e.func)]
        args = [self.expr(a) for a in e.args]
        holder: list[Callable] = []

        def call(fr: Frame) -> Any:
            vals = [a(fr) for a in args]
            if not holder:
                holder.append(self.invoker(code))
            return holder[0](vals, None)
        return call

    def e_CallValue(self, e: ir.CallValue) -> Exec:
        callee = self.expr(e.callee)
        args = [self.expr(a) for a in e.args]
        pos = e.pos

        def callv(fr: Frame) -> Any:
            fv = callee(fr)
            if fv is None:
                raise RunError(
                    "panic: runtime error: invalid memory address or nil pointer dereference", pos
                )
            vals = [a(fr) for a in args]
            return self.call_funcv(fv, vals)
        return callv

    def call_funcv(self, fv: FuncV, vals: list[Any]) -> Any:
        """Call a function value (used by closures and runtime intrinsics)."""
        code = fv.func
        inv = getattr(code, "_invoke", None)
        if inv is None:
            inv = self.invoker(code)
            code._invoke = inv  # type: ignore[attr-defined]
        return inv(vals, fv.env)

    # ---- allocation ----------------------------------------------------------

    def temp_slot(self, node: Any) -> VarSlot:
        return self.cur.temps[node if isinstance(node, tuple) else id(node)]

    @staticmethod
    def append_store_key(e: ir.Append) -> tuple[str, int]:
        """appends to the same variable share one stack store per call."""
        s = e.slice
        return ("append", id(s.var) if isinstance(s, ir.VarRef) else id(e))

    def new_object(self, node: Any, site: ir.AllocSite, elem: Type, count: int) -> Callable[[Frame], Block]:
        """Storage for a site: the heap when it escapes (or always, for Rust's
        allocating library calls), else its autotmp in the current frame."""
        m = self.m
        pos = site.pos
        label = site.text
        if site.placement == "stack":  # (Rust: a closure's captures, in the frame)
            s = self.temp_slot(node)
            zeros = zero_cells(elem) * count

            def on_stack(fr: Frame) -> Block:
                fb = fr.block
                m.put(fb, s.base, list(zeros))
                return _View(fb, s.base, s.offset, elem, count)  # type: ignore[return-value]
            return on_stack
        if self.go:
            return lambda fr: m.go_alloc(elem, count, label, site, pos)
        return lambda fr: m.rust_alloc(elem, count, label, site, pos)

    def e_Alloc(self, e: ir.Alloc) -> Exec:
        elem = e.ty.elem  # type: ignore[union-attr]
        mk = self.new_object(e, e.site, elem, 1)
        init = self.expr(e.init) if e.init is not None else None
        store = self.store_fn(elem)
        if (init is not None and not self.go and self.m.rec is None and e.site.placement == "heap"
                and elem.nleaves == 1 and not elem.is_aggregate):
            return self._box_scalar(e, init)
        if init is None:
            def alloc0(fr: Frame) -> Ptr:
                b = mk(fr)
                return _ptr_to(b, 0)
            return alloc0

        def alloc(fr: Frame) -> Ptr:
            v = init(fr)
            b = mk(fr)
            p = _ptr_to(b, 0)
            store(p.block, p.index, v)
            return p
        return alloc

    def _box_scalar(self, e: ir.Alloc, init: Exec) -> Exec:
        """`Box::new(x)` of a scalar, unrecorded: rust_alloc then store1 into
        the new one-leaf block, without the new_object/_ptr_to/store calls."""
        m = self.m
        rust_alloc = m.rust_alloc
        acc_w = m.access_w
        elem = e.ty.elem  # type: ignore[union-attr]
        site = e.site
        label, pos = site.text, site.pos

        def box_scalar(fr: Frame) -> Ptr:
            v = init(fr)
            b = rust_alloc(elem, 1, label, site, pos)
            acc_w(b.addr, b.elem_size)
            b.cells[0] = v
            return Ptr(b, 0)
        return box_scalar

    def e_CompositeLit(self, e: ir.CompositeLit) -> Exec:
        parts = [(self.expr(x), x.ty.nleaves == 1 and not x.ty.is_aggregate) for x in e.elems]

        def lit(fr: Frame) -> tuple:
            out: list[Any] = []
            for ev, scalar in parts:
                v = ev(fr)
                if scalar:
                    out.append(v)
                else:
                    out.extend(v)
            return tuple(out)
        return lit

    def e_Intrinsic(self, e: ir.Intrinsic) -> Exec:
        b = INTRINSICS.get(e.name)
        if b is None:
            raise ir.UnsupportedError(f"unsupported: {e.name}", e.pos, self.p.file)
        return b(self, e, [self.expr(a) for a in e.args])

    def e_FuncLit(self, e: ir.FuncLit) -> Exec:
        code = self.codes[id(e.func)]
        m = self.m
        if not e.captures:
            fv = FuncV(code, None)  # a static closure: no allocation
            return lambda fr: fv
        ct = self._closure_type(e)
        mk = self.new_object(e, e.site, ct, 1)
        caps = []
        for c in e.captures:
            if c.by_ref:
                caps.append((True, self.place(ir.VarRef(c.var.ty, e.pos, c.var)), c.var.ty))
            else:
                caps.append((False, self.expr(ir.VarRef(c.var.ty, e.pos, c.var)), c.var.ty))
        def closure(fr: Frame) -> FuncV:
            b = mk(fr)
            p = _ptr_to(b, 0)
            blk, base = p.block, p.index
            m.access_w(blk.cell_addr(base), 8)
            k = base + 1
            vals = []
            for by_ref, ev, t in caps:
                if by_ref:
                    vals.append(Ptr(*ev(fr)))
                else:
                    v = ev(fr)
                    vals.extend(v if t.is_aggregate else (v,))
            for v in vals:
                m.access_w(blk.cell_addr(k), blk.cell_size(k))
                m.put(blk, k, [v])
                k += 1
            if base == 0:
                return FuncV(code, blk)
            env = _EnvView(blk, base)
            return FuncV(code, env)  # type: ignore[arg-type]
        return closure

    def e_IfExpr(self, e: ir.IfExpr) -> Exec:
        cond = self.expr(e.cond)
        then = self.block_value(e.then)
        els = self.block_value(e.else_) if e.else_ is not None else (lambda fr: ())
        return lambda fr: then(fr) if cond(fr) else els(fr)

    def e_BlockExpr(self, e: ir.BlockExpr) -> Exec:
        return self.block_value(e.block)

    def e_LoopExpr(self, e: ir.LoopExpr) -> Exec:
        body = self.block(e.body)
        label = e.label

        def loop(fr: Frame) -> Any:
            while True:
                r = body(fr)
                if r is None or r == CONTINUE:
                    continue
                if r == BREAK:
                    return ()  # `break` without a value: the loop's value is ()
                if isinstance(r, Jump):
                    if r.label == label or r.label is None:
                        if r.kind == BREAK:
                            return r.value
                        continue
                    raise _Propagate(r)
                raise _Propagate(r)
        return loop

    # ---- statements ------------------------------------------------------------

    def stmt_inner(self, s: ir.Stmt) -> Exec:
        """A statement's closure without its step accounting."""
        meth = getattr(self, "s_" + s.__class__.__name__, None)
        if meth is not None:
            return meth(s)
        name = s.__class__.__name__.lower()
        hook = STMT_HOOKS.get(name)
        if hook is None:
            raise ir.UnsupportedError(
                f"unsupported: statement {s.__class__.__name__}", s.pos, self.p.file
            )
        return hook(self, s)

    def stmt(self, s: ir.Stmt) -> Exec:
        inner = self.stmt_inner(s)
        if isinstance(s, (ir.Block, ir.If, ir.Loop)):
            return inner  # they count their own condition steps
        if not self.go and _may_propagate(s):
            inner = _catching_stmt(inner)
        return self.stepped(inner, s.pos)

    def stmt_list(self, stmts: list[ir.Stmt]) -> list[Exec]:
        """Compile a statement list. Without a recorder, runs of straight-line
        statements share one step-accounting wrapper (same counts, one
        Python call less per statement); the GC's safe point moves to the
        start of the run, which changes when a cycle starts, not what it frees."""
        if self.go:
            self._plan_packing(stmts)
        if self.m.rec is not None:
            return [self.stmt(s) for s in stmts]
        out: list[Exec] = []
        group: list[Exec] = []
        first: list[ir.Pos] = []

        def flush() -> None:
            if group:
                out.append(self.stepped_group(list(group), first[0]))
                group.clear()
                first.clear()

        for st in stmts:
            if (isinstance(st, _STRAIGHT) and (self.go or not _may_propagate(st))) \
                    or isinstance(st, _TERMINAL):
                group.append(self.stmt_inner(st))
                first.append(st.pos)
                if isinstance(st, _TERMINAL):
                    flush()
            else:
                flush()
                out.append(self.stmt(st))
        flush()
        return out

    def _plan_packing(self, stmts: list[ir.Stmt]) -> None:
        """Go 1.27 (ssagen newHeapaddr): small pointer-free variables moved
        to the heap in one SSA basic block share a single allocation of at
        most 16 bytes (maxAggregatedHeapAllocation), laid out by decreasing
        alignment. A branch (bounds check, &&, a division check, append's
        growth test, any control statement) ends the block."""
        pending: list[ir.Var] = []
        used = 0

        def flush() -> None:
            nonlocal used
            if len(pending) > 1:
                order = sorted(pending, key=lambda v: -v.ty.align)
                off = 0
                plan = _Pack(off=0, size=0)
                for v in order:
                    plan.offsets[id(v)] = off
                    off += v.ty.size
                plan.size = (off + order[0].ty.align - 1) // order[0].ty.align * order[0].ty.align
                for v in pending:
                    self._packs[id(v)] = (plan, v is pending[0])
            pending.clear()
            used = 0

        for st in stmts:
            if isinstance(st, ir.Decl) and _packable(st.var):
                if used + st.var.ty.size > 16:
                    flush()
                pending.append(st.var)
                used += st.var.ty.size
                if st.init is not None and _splits_block(st.init):
                    flush()
            elif isinstance(st, _STRAIGHT) and not _splits_block(st):
                continue
            else:
                flush()
        flush()

    def stepped_group(self, inners: list[Exec], pos: ir.Pos) -> Exec:
        if len(inners) == 1:
            return self.stepped(inners[0], pos)
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        go = self.go
        k = len(inners)
        body = inners[:-1]
        last = inners[-1]

        def group(fr: Frame) -> Any:
            t.steps += k
            if t.steps > limit:
                raise RunError(f"step limit exceeded: {limit:,} steps (an infinite loop?)", pos)
            if go:
                if m.gc_pending:
                    fr.pins.clear()
                    m.safe_point()
                elif fr.pins:
                    fr.pins.clear()
            for s in body:
                s(fr)
            return last(fr)
        return group

    def stepped(self, inner: Exec, pos: ir.Pos) -> Exec:
        """Count a step at `pos` before running `inner`; the GC runs here, at
        a safe point."""
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        rec = m.rec
        go = self.go
        line, col = pos

        def over() -> RunError:
            return RunError(
                f"step limit exceeded: {limit:,} steps (an infinite loop?)", pos
            )

        if rec is None:
            if go:
                def step_go(fr: Frame) -> Any:
                    t.steps += 1
                    if t.steps > limit:
                        raise over()
                    if m.gc_pending:
                        fr.pins.clear()
                        m.safe_point()
                    elif fr.pins:
                        fr.pins.clear()
                    return inner(fr)
                return step_go

            def step(fr: Frame) -> Any:
                t.steps += 1
                if t.steps > limit:
                    raise over()
                return inner(fr)
            return step

        def step_rec(fr: Frame) -> Any:
            t.steps += 1
            if t.steps > limit:
                raise over()
            if go:
                if m.gc_pending:
                    fr.pins.clear()
                    rec.step(line, col, fr)
                    m.safe_point()
                    return inner(fr)
                fr.pins.clear()
            rec.step(line, col, fr)
            return inner(fr)
        return step_rec

    def block(self, b: ir.Block, fn_body: bool = False) -> Exec:
        stmts = self.stmt_list(b.stmts)
        tail = self.expr(b.tail) if b.tail is not None else None
        rec = self.m.rec
        scope = b.scope
        if tail is not None:
            # a Rust body whose tail is its value
            tail_s = self.stepped(lambda fr: tail(fr), b.tail.pos)

            def run_tail(fr: Frame) -> Any:
                for s in stmts:
                    r = s(fr)
                    if r is not None:
                        return r
                fr.ret = tail_s(fr)
                return RETURN if fn_body else None
            if not fn_body:
                return self._wrap_block_value(b, stmts, tail_s)
            return run_tail

        if len(stmts) == 1 and rec is None:
            return stmts[0]

        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    return r
            if rec is not None and scope:
                rec.scope_end(fr, scope)
            return None
        return run

    def _wrap_block_value(self, b: ir.Block, stmts: list[Exec], tail: Exec) -> Exec:
        """A non-function block with a tail used as a statement: run it and
        drop the value (the front end wraps tails it wants in BlockExpr)."""
        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    return r
            tail(fr)
            return None
        return run

    def block_value(self, b: ir.Block) -> Exec:
        """A block used as an expression (Rust): its tail's value."""
        stmts = [self.stmt(s) for s in b.stmts]
        tail = self.expr(b.tail) if b.tail is not None else (lambda fr: ())

        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    raise _Propagate(r)
            return tail(fr)
        return run

    def s_Block(self, s: ir.Block) -> Exec:
        return self.block(s)

    def _store_var(self, v: ir.Var) -> Callable[[Frame, Any], None]:
        """Initialise a variable at its declaration (moving it to the heap
        first if escape analysis says so: one new object per execution)."""
        s = self.slot(v)
        m = self.m
        store = self.store_fn(v.ty)
        t = v.ty
        rec = m.rec
        if s.is_global:
            g = m.globals
            return lambda fr, val: store(g, s.base, val)
        if v.placement == "heap":
            off = s.offset
            pack = self._packs.get(id(v))
            if pack is not None:
                plan, first = pack
                voff = plan.offsets[id(v)]

                def new_obj(fr: Frame) -> Block:
                    packs = fr.packs
                    if packs is None:
                        packs = fr.packs = {}
                    if first or id(plan) not in packs:
                        packs[id(plan)] = m.go_alloc_packed(plan.size, v.pos)
                    addr, obj = packs[id(plan)]
                    return m.go_attach(t, addr + voff, obj, v.name, v)
            elif not v.per_iteration:
                # a loop variable loopvar leaves shared: one object per call
                def new_obj(fr: Frame) -> Block:
                    p = fr.block.cells[s.base]
                    if p is not None:
                        return p.block
                    return m.go_alloc(t, 1, v.name, v, v.pos)
            else:
                def new_obj(fr: Frame) -> Block:
                    return m.go_alloc(t, 1, v.name, v, v.pos)

            if rec is None and t.nleaves == 1 and not t.is_aggregate:
                acc_w = m.access_w
                base, size = s.base, t.size

                def decl_heap_scalar(fr: Frame, val: Any) -> None:
                    hb = new_obj(fr)
                    fb = fr.block
                    acc_w(fb.addr + off, 8)
                    fb.cells[base] = Ptr(hb, 0)
                    acc_w(hb.addr, size)
                    hb.cells[0] = val

                if pack is None and v.per_iteration:
                    go_alloc = m.go_alloc
                    name, pos = v.name, v.pos

                    def fuse(init: Exec) -> Exec:
                        # `x := e` for a scalar x moved to the heap, in one closure
                        def decl_heap_fused(fr: Frame) -> None:
                            val = init(fr)
                            hb = go_alloc(t, 1, name, v, pos)
                            fb = fr.block
                            acc_w(fb.addr + off, 8)
                            fb.cells[base] = Ptr(hb, 0)
                            acc_w(hb.addr, size)
                            hb.cells[0] = val
                        return decl_heap_fused
                    decl_heap_scalar.fuse = fuse  # type: ignore[attr-defined]
                return decl_heap_scalar

            def decl_heap(fr: Frame, val: Any) -> None:
                hb = new_obj(fr)
                fb = fr.block
                m.access_w(fb.addr + off, 8)
                p = Ptr(hb, 0)
                if rec is not None:
                    rec.write(fb, s.base, fb.cells[s.base], p)
                    rec.decl(fr, v)
                fb.cells[s.base] = p
                store(hb, 0, val)
            return decl_heap
        if s.indirect:
            loc = self.var_place(v)
            return lambda fr, val: store(*loc(fr), val)
        base = s.base
        if rec is None and t.nleaves == 1 and not t.is_aggregate:
            off, size = s.offset, t.size
            acc = m.access_w

            def decl_fast(fr: Frame, val: Any) -> None:
                fb = fr.block
                acc(fb.addr + off, size)
                fb.cells[base] = val
            return decl_fast

        def decl(fr: Frame, val: Any) -> None:
            if rec is not None:
                rec.decl(fr, v)
            store(fr.block, base, val)
        return decl

    def s_Decl(self, s: ir.Decl) -> Exec:
        put = self._store_var(s.var)
        if s.init is None:
            z = self.const_value(s.var.ty, None)
            return lambda fr: put(fr, z)
        init = self.expr(s.init)
        fused = getattr(put, "fuse", None)
        if fused is not None:
            return fused(init)

        def decl(fr: Frame) -> None:
            put(fr, init(fr))
        return decl

    def _split(self, t: Type) -> list[tuple[int, int, bool]]:
        """(start, count, scalar) of each element of a tuple-typed value."""
        out = []
        start = 0
        elems = t.elems if isinstance(t, TupleType) else (t,)  # type: ignore[attr-defined]
        for et in elems:
            n = et.nleaves
            out.append((start, n, n == 1 and not et.is_aggregate))
            start += n
        return out

    def s_DeclTuple(self, s: ir.DeclTuple) -> Exec:
        init = self.expr(s.init)
        parts = self._split(s.init.ty)
        puts = [self._store_var(v) if v is not None else None for v in s.vars]

        def decl_tuple(fr: Frame) -> None:
            vals = init(fr)
            for put, (st, n, scalar) in zip(puts, parts):
                if put is not None:
                    put(fr, vals[st] if scalar else tuple(vals[st:st + n]))
        return decl_tuple

    def _assigner(self, target: ir.Expr | None) -> Callable[[Frame], Callable[[Any], None]] | None:
        if target is None:
            return None
        t = target.ty
        # fast path: scalar local
        if isinstance(target, ir.VarRef):
            s = self.slot(target.var)
            if not s.indirect and not s.is_global and t.nleaves == 1 and not t.is_aggregate and self.m.rec is None:
                base, off, size = s.base, s.offset, t.size
                acc = self.m.access_w

                def fast(fr: Frame) -> Callable[[Any], None]:
                    fb = fr.block

                    def put(v: Any) -> None:
                        acc(fb.addr + off, size)
                        fb.cells[base] = v
                    return put
                return fast
        loc = self.place(target)
        store = self.store_fn(t)

        def resolve(fr: Frame) -> Callable[[Any], None]:
            b, i = loc(fr)
            return lambda v: store(b, i, v)
        return resolve

    def s_Assign(self, s: ir.Assign) -> Exec:
        if len(s.targets) == 1 and s.targets[0] is not None:
            t = s.targets[0]
            v0 = s.values[0]
            if (self.go and isinstance(v0, ir.Append) and isinstance(v0.slice, ir.VarRef)
                    and isinstance(t, ir.VarRef) and v0.slice.var is t.var):
                fused = REWRITES["append_in_place"](self, v0)
                if fused is not None:
                    return fused
            val = self.expr(v0)
            if isinstance(t, ir.VarRef):
                sl = self.slot(t.var)
                if (not sl.indirect and not sl.is_global and t.ty.nleaves == 1
                        and not t.ty.is_aggregate and self.m.rec is None):
                    base, off, size = sl.base, sl.offset, t.ty.size
                    acc = self.m.access_w

                    def assign_local(fr: Frame) -> None:
                        v = val(fr)
                        fb = fr.block
                        acc(fb.addr + off, size)
                        fb.cells[base] = v
                    return assign_local
            loc = self.place(t)
            store = self.store_fn(t.ty)

            def assign1(fr: Frame) -> None:
                v = val(fr)
                b, i = loc(fr)
                store(b, i, v)
            return assign1
        targets = [self._assigner(t) for t in s.targets]
        vals = [self.expr(v) for v in s.values]

        def assign(fr: Frame) -> None:
            # Go: index expressions and pointer indirections on the left are
            # evaluated first, then the right-hand sides, then the stores.
            puts = [t(fr) if t is not None else None for t in targets]
            vs = [v(fr) for v in vals]
            for put, v in zip(puts, vs):
                if put is not None:
                    put(v)
        return assign

    def s_AssignTuple(self, s: ir.AssignTuple) -> Exec:
        targets = [self._assigner(t) for t in s.targets]
        val = self.expr(s.value)
        parts = self._split(s.value.ty)

        def assign_tuple(fr: Frame) -> None:
            puts = [t(fr) if t is not None else None for t in targets]
            vals = val(fr)
            for put, (st, n, scalar) in zip(puts, parts):
                if put is not None:
                    put(vals[st] if scalar else tuple(vals[st:st + n]))
        return assign_tuple

    def s_OpAssign(self, s: ir.OpAssign) -> Exec:

        return op_assign(self, s)

    def s_ExprStmt(self, s: ir.ExprStmt) -> Exec:
        ev = self.expr(s.expr)

        def expr_stmt(fr: Frame) -> None:
            ev(fr)
        return expr_stmt

    def s_Print(self, s: ir.Print) -> Exec:

        return printer(self, s)

    def s_If(self, s: ir.If) -> Exec:
        cond = self.stepped(self.expr(s.cond), s.pos)
        then = self.block(s.then)
        els = self.block(s.else_) if s.else_ is not None else None
        if els is None:
            def if_(fr: Frame) -> Any:
                if cond(fr):
                    return then(fr)
                return None
            return if_

        def if_else(fr: Frame) -> Any:
            if cond(fr):
                return then(fr)
            return els(fr)
        return if_else

    def s_Loop(self, s: ir.Loop) -> Exec:
        pos = s.cond_pos or s.pos
        raw_cond = self.expr(s.cond) if s.cond is not None else (lambda fr: True)
        if self.m.rec is None:
            cond = self._counted_cond(raw_cond, pos)
        else:
            cond = self.stepped(raw_cond, pos)
        body = self.block(s.body)
        post = self.stmt(s.post) if s.post is not None else None
        label = s.label
        m = self.m
        # Go 1.22: loop variables moved to the heap get a fresh object per
        # iteration, copied from the previous one before the post statement.
        fresh = [(v, self.slot(v), self.load_fn(v.ty), self.store_fn(v.ty))
                 for v in s.per_iter if v.placement == "heap" and v.per_iteration]

        def renew(fr: Frame) -> None:
            fb = fr.block
            for v, sl, load, store in fresh:
                old = fb.cells[sl.base]
                val = load(old.block, old.index)
                hb = m.go_alloc(v.ty, 1, v.name, v, v.pos)
                m.put(fb, sl.base, [Ptr(hb, 0)])
                m.access_w(fb.addr + sl.offset, 8)
                store(hb, 0, val)

        if (self.m.rec is None and not fresh and label is None
                and (s.post is None or isinstance(s.post, _STRAIGHT))):
            return self._fast_loop(s, raw_cond, body, pos)

        def loop(fr: Frame) -> Any:
            while cond(fr):
                r = body(fr)
                if r is not None:
                    if r == BREAK:
                        break
                    if r == CONTINUE:
                        pass
                    elif r == RETURN:
                        return r
                    elif isinstance(r, Jump):
                        if r.label is not None and r.label != label:
                            return r
                        if r.kind == BREAK:
                            break
                if fresh:
                    renew(fr)
                if post is not None:
                    post(fr)
            return None
        return loop

    def _fast_loop(self, s: ir.Loop, cond: Exec, body: Exec, pos: ir.Pos) -> Exec:
        """The unrecorded, unlabelled loop with the condition's and the post
        statement's step accounting done inline (two calls fewer per turn)."""
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        go = self.go
        post = self.stmt_inner(s.post) if s.post is not None else None
        ppos = s.post.pos if s.post is not None else pos

        def over(at: ir.Pos) -> RunError:
            return RunError(f"step limit exceeded: {limit:,} steps (an infinite loop?)", at)

        def loop(fr: Frame) -> Any:
            while True:
                t.steps += 1
                if t.steps > limit:
                    raise over(pos)
                if go and m.gc_pending:
                    fr.pins.clear()
                    m.safe_point()
                if not cond(fr):
                    return None
                r = body(fr)
                if r is not None:
                    if r == BREAK:
                        return None
                    if r == RETURN or isinstance(r, Jump):
                        if isinstance(r, Jump) and r.label is None:
                            if r.kind == BREAK:
                                return None
                        else:
                            return r
                if post is not None:
                    t.steps += 1
                    if t.steps > limit:
                        raise over(ppos)
                    if go:
                        if m.gc_pending:
                            fr.pins.clear()
                            m.safe_point()
                        elif fr.pins:
                            fr.pins.clear()
                    post(fr)
        return loop

    def _counted_cond(self, cond: Exec, pos: ir.Pos) -> Exec:
        """A loop condition with its step accounting folded in."""
        m = self.m
        t = m.t
        limit = m.limits.max_steps
        go = self.go

        def counted(fr: Frame) -> Any:
            t.steps += 1
            if t.steps > limit:
                raise RunError(f"step limit exceeded: {limit:,} steps (an infinite loop?)", pos)
            if go and m.gc_pending:
                fr.pins.clear()
                m.safe_point()
            return cond(fr)
        return counted

    def s_Break(self, s: ir.Break) -> Exec:
        if s.value is not None:
            val = self.expr(s.value)
            label = s.label
            return lambda fr: Jump(BREAK, label, val(fr))
        if s.label is None:
            return lambda fr: BREAK
        j = Jump(BREAK, s.label)
        return lambda fr: j

    def s_Continue(self, s: ir.Continue) -> Exec:
        if s.label is None:
            return lambda fr: CONTINUE
        j = Jump(CONTINUE, s.label)
        return lambda fr: j

    def s_Return(self, s: ir.Return) -> Exec:
        vals = [self.expr(v) for v in s.values]
        if not vals:
            return lambda fr: RETURN
        if len(vals) == 1:
            v0 = vals[0]

            def ret1(fr: Frame) -> int:
                fr.ret = v0(fr)
                return RETURN
            return ret1
        scal = [x.ty.nleaves == 1 and not x.ty.is_aggregate for x in s.values]

        def retn(fr: Frame) -> int:
            out: list[Any] = []
            for v, sc in zip(vals, scal):
                x = v(fr)
                if sc:
                    out.append(x)
                else:
                    out.extend(x)
            fr.ret = tuple(out)
            return RETURN
        return retn


class _Propagate(Exception):
    """Carries a break/continue/return out of a block used as a value."""

    def __init__(self, code: Any) -> None:
        self.code = code


def _catching_stmt(fn: Exec) -> Exec:
    """A Rust statement whose value block (`match`/`if`/`loop` as an
    expression) may `return`/`break`/`continue`: the jump travels out of the
    expression as `_Propagate` and becomes the statement's jump code here."""
    def catching(fr: Frame) -> Any:
        try:
            return fn(fr)
        except _Propagate as p:
            return p.code
    return catching


def _may_propagate(node: Any) -> bool:
    """Does `node` evaluate a value block that contains a jump?"""
    found = False

    def inner(n: Any) -> None:
        nonlocal found
        if isinstance(n, (ir.Return, ir.Break, ir.Continue)):
            found = True

    def visit(n: Any) -> None:
        if not found and isinstance(n, (ir.BlockExpr, ir.IfExpr, ir.LoopExpr)):
            _walk_stmts(n, inner)

    _walk_stmts(node, visit)
    return found


class _View:
    """A stack temp inside a frame block, used like a Block by new_object's callers."""

    __slots__ = ("block", "index", "offset", "elem", "count")

    def __init__(self, block: Block, index: int, offset: int, elem: Type, count: int) -> None:
        self.block = block
        self.index = index
        self.offset = offset
        self.elem = elem
        self.count = count


class _EnvView:
    """A closure environment that lives inside a frame block (a closure that
    does not escape): reads go to the frame's cells."""

    def __init__(self, block: Block, base: int) -> None:
        self.block = block
        self.base = base

    @property
    def alive(self) -> bool:
        return self.block.alive

    @property
    def cells(self) -> list[Any]:
        return self.block.cells[self.base:]

    def cell_addr(self, i: int) -> int:
        return self.block.cell_addr(self.base + i)


def _deref_fault(p: Ptr | None, go: bool, pos: ir.Pos) -> RunError:
    """`*p` of nil, or of memory that is gone (which escape analysis or the
    borrow checker should have made impossible: reported as internal)."""
    if p is None:
        return RunError(
            "panic: runtime error: invalid memory address or nil pointer dereference"
            if go else "thread 'main' panicked: null pointer dereference",
            pos,
        )
    return RunError(f"internal error: use of dead memory {p.block.label} at {p.addr:#x}", pos)


def _ptr_to(b: Any, i: int) -> Ptr:
    if isinstance(b, _View):
        return Ptr(b.block, b.index + i)
    return Ptr(b, i)


@dataclass(eq=False)
class _Pack:
    """Heap variables that share one allocation."""

    off: int
    size: int
    offsets: dict[int, int] = field(default_factory=dict)


def _packable(v: ir.Var) -> bool:
    return v.placement == "heap" and not v.ty.has_pointers and 0 < v.ty.size < 16


def _splits_block(node: Any) -> bool:
    """Does evaluating `node` branch (and so end an SSA basic block)?"""
    found = False

    def visit(n: Any) -> None:
        nonlocal found
        if found:
            return
        if isinstance(n, ir.IndexRef):
            if not (isinstance(n.base.ty, ArrayType) and isinstance(n.index, ir.Const)):
                found = True
        elif isinstance(n, (ir.SliceExpr, ir.Append, ir.IfExpr, ir.LoopExpr, ir.BlockExpr)):
            found = True
        elif isinstance(n, ir.MakeSlice) and not isinstance(n.cap or n.length, ir.Const):
            found = True
        elif isinstance(n, ir.Binary) and (
            n.op in ("&&", "||") or (n.op in ("/", "%") and not isinstance(n.y, ir.Const))
        ):
            found = True

    _walk_stmts(node, visit)
    return found


_STRAIGHT = (ir.Decl, ir.DeclTuple, ir.Assign, ir.AssignTuple, ir.OpAssign, ir.ExprStmt,
             ir.Print, ir.Drop)
_TERMINAL = (ir.Return, ir.Break, ir.Continue)
_UINTPTR = IntType("uintptr", 8, False)
_BYTE = IntType("byte", 1, False)
