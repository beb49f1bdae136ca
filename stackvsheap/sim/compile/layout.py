"""Frame layout: slots for locals, temps and globals; loads and stores by type."""

from __future__ import annotations

from typing import Any, Callable

from ...lang import ir
from ...lang.types import ArrayType, PtrType, StructType, Type
from ..intrinsics import STACK_TEMPS
from ..memory import Block
from .base import FuncCode, VarSlot, BYTE, UINTPTR, walk_stmts


class LayoutMixin:
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

        walk_stmts(f.body, visit)
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
            return ArrayType(BYTE, 32)
        if isinstance(n, ir.FuncLit):
            return self._closure_type(n)
        if isinstance(n, ir.Append):
            return None
        if isinstance(n, ir.Intrinsic) and n.name in STACK_TEMPS:
            return STACK_TEMPS[n.name](n)
        return None

    def _closure_type(self, n: ir.FuncLit) -> StructType:
        st = StructType("closure")
        st.fields = [("F", UINTPTR)] + [
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
            write = rec.writer() if rec is not None else None

            def store1(b: Block, i: int, v: Any) -> None:
                if b.nleaves == 1:
                    acc_w(b.addr + i * b.elem_size, b.elem_size)
                else:
                    n = b.nleaves
                    r = i % n
                    acc_w(b.addr + i // n * b.elem_size + b.offsets[r], b.lsizes[r])
                cells = b.cells
                if write is not None:
                    write((b, i, cells[i], v))
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
