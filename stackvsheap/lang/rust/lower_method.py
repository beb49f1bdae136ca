"""Method calls, iterator chains, closures, `vec!`, printing and panics."""

from __future__ import annotations

from .. import ir
from ..types import ArrayType, FuncType, PtrType, SliceType, Type
from . import ast as A
from . import reasons
from .moves import INIT
from .rtypes import BOOL, NEVER, RUST_STR, UNIT, IterT, RangeT, is_copy, needs_drop
from .typeck_common import FnInfo
from .stdout import stdout_site
from .lower_common import (
    ChainSpec, Entry, PlaceInfo, Scope, _is_place_expr, _locals_in, _quiet_site,
    min_non_zero_cap,
)


class MethodLower:
    def v_MethodCall(self, e: A.MethodCall) -> ir.Expr:
        d = self.desugared(e)  # a std method written as its match (result.py)
        if d is not None:
            return d
        mi = getattr(e, "method_info", None)
        if mi is None:
            self.fail("unsupported: method call", e.pos)
        kind, what = mi
        if kind == "iter":
            if not getattr(e, "iter_terminal", False):
                return self.open_pipe(e)  # (lower_iter.py)
            dc = self.drain_chain(e)  # HashMap iterators and `drain` have their own runtimes
            if dc is not None:
                return dc
            if not self.fused_chain(e):
                return self.consume_chain(e)
            return self.iter_chain(e)
        if kind == "fn":
            info: FnInfo = what
            recv = self.receiver(e)
            f_ir = self.cl.info_func[id(info)]
            return ir.Call(info.ret, e.pos, f_ir, [recv] + self.args(e.args))
        return self.builtin_method(e, what)

    def receiver(self, e: A.MethodCall) -> ir.Expr:
        """The receiver after auto-deref, auto-referenced as the method takes self."""
        mode = e.recv_mode  # type: ignore[attr-defined]
        k = e.recv_derefs  # type: ignore[attr-defined]
        rt = e.recv_ty  # type: ignore[attr-defined]
        r = e.receiver
        if mode == "value":
            if k == 0:
                return self.value(r)
            pl = self.auto_deref(self.base_place(r), r.ty, k, r.pos)
            return self.use_place(pl, rt, r.pos)
        pl = self.recv_place(e)
        return ir.AddrOf(PtrType(rt, "mut" if mode == "mut" else "ref"), r.pos, pl.ir)

    def recv_place(self, e: A.MethodCall) -> PlaceInfo:
        mode = e.recv_mode  # type: ignore[attr-defined]
        k = e.recv_derefs  # type: ignore[attr-defined]
        r = e.receiver
        if k > 0 and not _is_place_expr(r) and is_copy(r.ty):
            v = self.value(r)
            pt = r.ty
            assert isinstance(pt, PtrType)
            pl = PlaceInfo(ir.Deref(pt.elem, r.pos, v), None, pt.flavor == "mut", pt.flavor, "value")
            pl = self.auto_deref(pl, pt.elem, k - 1, r.pos)
        else:
            pl = self.auto_deref(self.base_place(r), r.ty, k, r.pos)
        self.check_usable(pl.path, r.pos, "borrow", pl.desc)
        rt = e.recv_ty  # type: ignore[attr-defined]
        if mode == "mut" and not (isinstance(rt, SliceType) and rt.flavor == "ref"):
            # (a `&mut [T]` is held by value: its elements are reachable through it)
            self.require_mutable(pl, r.pos, "borrow")
        return pl

    def builtin_method(self, e: A.MethodCall, key: str) -> ir.Expr:
        t = e.ty
        pos = e.pos
        rt = e.recv_ty  # type: ignore[attr-defined]

        def recv_pl() -> ir.Expr:
            return self.recv_place(e).ir

        if key.startswith("std_"):
            return self.std_call(e, key)
        if key == "prim_to_string":
            return self.prim_to_string(e)
        if key == "dyn_call":
            return self.dyn_call(e)  # type: ignore[attr-defined]
        if key in ("fmt_write_str", "display_to_string"):
            return self.display_builtin(e, key)  # type: ignore[attr-defined]
        mr = self.map_method(e, key) or self.retain_method(e, key)
        if mr is not None:
            return mr
        if key.startswith("num_"):
            recv = self.receiver(e)
            return ir.Intrinsic(t, pos, key, [recv] + self.args(e.args))
        if key in ("vec_iter", "vec_iter_mut", "vec_into_iter", "slice_iter", "slice_iter_mut",
                   "slice_into_iter"):
            return self.open_pipe(e)
        if key == "iter_next_value":
            pl = self.recv_place(e)
            self.require_mutable(pl, e.pos, "borrow")
            return ir.Intrinsic(t, pos, key, [pl.ir])
        if key == "vec_extend":
            return self.lower_extend(e)
        if key == "clone" or key in ("vec_clone", "string_clone", "opt_clone", "string_to_string",
                                     "string_to_owned"):
            pl = recv_pl()
            site = self.clone_site(e, rt)
            return ir.Intrinsic(t, pos, "clone", [pl], site=site)
        if key == "clone_ref":
            return self.receiver(e)
        if key == "slice_to_vec":
            pl = recv_pl()
            site = self.cl.site(e, "clone", reasons.expr_reason("to_vec"))
            return ir.Intrinsic(t, pos, "slice_to_vec", [pl], site=site)
        if key == "rc_clone":
            return ir.Intrinsic(t, pos, "rc_clone", [recv_pl()])
        if key == "vec_push":
            pl = recv_pl()
            v = self.args(e.args)[0]
            elem = rt.elem
            site = self.cl.site(e, "push", reasons.expr_reason("push")) if elem.size else _quiet_site(e, "push")
            return ir.Intrinsic(UNIT, pos, "vec_push", [pl, v], site=site)
        if key in ("string_push_str", "string_push"):
            pl = recv_pl()
            v = self.args(e.args)[0]
            site = self.cl.site(e, "push_str", reasons.expr_reason("push_str"))
            return ir.Intrinsic(UNIT, pos, key, [pl, v], site=site)
        if key in ("vec_pop", "vec_len", "vec_capacity", "vec_is_empty", "vec_clear", "vec_truncate",
                   "vec_as_slice", "vec_first", "vec_last", "vec_reserve", "vec_shrink_to_fit",
                   "string_len", "string_capacity", "string_is_empty", "string_as_str", "string_clear",
                   "string_reserve"):
            pl = recv_pl()
            name = key
            if key.startswith("string_") and key not in ("string_as_str",):
                name = "vec_" + key[len("string_"):]
            site = None
            if key in ("vec_reserve", "string_reserve"):
                site = self.cl.site(e, "reserve", "reserve grows the heap buffer to fit the extra elements")
            return ir.Intrinsic(t, pos, name, [pl] + self.args(e.args), site=site)
        if key in ("slice_len", "slice_is_empty", "slice_first", "slice_last"):
            pl = recv_pl()
            return ir.Intrinsic(t, pos, key, [pl])
        if key == "weak_upgrade":
            return ir.Intrinsic(t, pos, key, [recv_pl()])
        if key in ("refcell_borrow", "refcell_borrow_mut", "cell_get", "cell_set"):
            return ir.Intrinsic(t, e.method_pos if key.startswith("refcell") else pos, key,
                                [recv_pl()] + self.args(e.args))
        if key == "string_as_bytes":
            return ir.Intrinsic(t, pos, key, [recv_pl()])
        if key == "str_as_bytes":
            return ir.Intrinsic(t, pos, key, [self.receiver(e)])
        if key in ("vec_sort", "vec_sort_unstable", "vec_dedup", "vec_reverse"):
            return ir.Intrinsic(t, pos, key, [recv_pl()])
        if key in ("slice_get", "slice_contains"):
            pl = recv_pl()
            return ir.Intrinsic(t, pos, key, [pl] + self.args(e.args))
        if key == "str_parse":
            arg = (ir.Intrinsic(RUST_STR, pos, "string_as_str", [recv_pl()])
                   if isinstance(rt, SliceType) else self.receiver(e))
            return ir.Intrinsic(t, pos, key, [arg])
        if key in ("str_len", "str_is_empty"):
            return ir.Intrinsic(t, pos, key, [self.receiver(e)])
        if key in ("str_to_string", "str_to_owned"):
            recv = self.receiver(e)
            site = self.string_site(e, e.receiver)
            return ir.Intrinsic(t, pos, "string_from", [recv], site=site)
        if key == "str_clone":
            return self.receiver(e)
        if key in ("opt_is_some", "opt_is_none"):
            pl = recv_pl()
            test = ir.Intrinsic(BOOL, pos, "opt_is_some", [pl])
            return test if key == "opt_is_some" else ir.Unary(BOOL, pos, "!", test)
        if key == "opt_take":
            return ir.Intrinsic(t, pos, "opt_take", [recv_pl()])
        if key in ("opt_unwrap", "opt_expect", "opt_unwrap_or"):
            recv = self.receiver(e)
            return ir.Intrinsic(t, pos, key, [recv] + self.args(e.args))
        self.fail(f"unsupported: method `{e.method}`", e.method_pos)

    def clone_site(self, e: A.MethodCall, t: Type) -> ir.AllocSite:
        if isinstance(t, SliceType) and t.flavor == "vec":
            return self.cl.site(e, "clone", reasons.expr_reason("clone_vec"))
        if isinstance(t, SliceType) and t.flavor == "string":
            return self.cl.site(e, "clone", reasons.expr_reason("clone_string"))
        if isinstance(t, PtrType) and t.flavor == "box":
            return self.cl.site(e, "clone", reasons.expr_reason("clone_box"))
        if needs_drop(t):
            return self.cl.site(e, "clone", reasons.expr_reason("clone"))
        return _quiet_site(e, "clone")

    # ---- iterator chains -----------------------------------------------------------------

    def iter_chain(self, e: A.MethodCall) -> ir.Expr:
        """`source.adapter(f)...consumer()` as one runtime intrinsic."""
        dr = self.drain_chain(e)
        if dr is not None:
            return dr
        terminal = e.method
        adapters: list[A.MethodCall] = []
        cur: A.Expr = e.receiver
        while isinstance(cur, A.MethodCall) and getattr(cur, "method_info", (None,))[0] == "iter":
            adapters.append(cur)
            cur = cur.receiver
        adapters.reverse()
        pos = e.pos
        args: list[ir.Expr] = []
        items: list[Type] = []
        if isinstance(cur, A.Range) or isinstance(cur.ty, RangeT):
            if not isinstance(cur, A.Range):
                self.fail("unsupported: a range that is not written in place", cur.pos)
            rt = cur.ty
            assert isinstance(rt, RangeT)
            args = [self.value(cur.lo), self.value(cur.hi)]
            source = "range_incl" if cur.inclusive else "range"
            src_elem = rt.elem
            items.append(rt.elem)
            array_len = 0
            bkind = "vec"
        elif isinstance(cur, A.MethodCall) and getattr(cur, "iter_src", None):
            key = cur.iter_src  # type: ignore[attr-defined]
            rty = cur.recv_ty  # type: ignore[attr-defined]
            it = cur.ty
            assert isinstance(it, IterT)
            items.append(it.item)
            array_len = rty.length if isinstance(rty, ArrayType) else 0
            bkind = "array" if isinstance(rty, ArrayType) else ("vec" if isinstance(rty, SliceType) and
                                                                 rty.flavor == "vec" else "slice")
            src_elem = rty.elem  # type: ignore[union-attr]
            if key in ("vec_into_iter",) or (key == "slice_into_iter" and isinstance(rty, ArrayType)):
                source = "into_iter" if key == "vec_into_iter" else "array_into_iter"
                args = [self.receiver(cur)]
            else:
                source = "borrow"
                pl = self.recv_place(cur)
                args = [pl.ir]
        else:
            self.fail("unsupported: iterator source", cur.pos)
        kinds: list[str] = []
        for a in adapters:
            kinds.append(a.method)
            items.append(a.ty.item)  # type: ignore[union-attr]
            args.append(self.value(a.args[0]))
        result = e.ty
        spec = ChainSpec(source, src_elem, items, kinds, terminal, result, array_len, bkind)
        spec.trusted_len = "filter" not in kinds
        site = None
        if terminal == "collect":
            dst = result.elem  # type: ignore[union-attr]
            if source == "into_iter":
                src = src_elem
                spec.in_place = (src.size > 0 and dst.size > 0 and src.align == dst.align and
                                 src.size >= dst.size)
            if spec.in_place:
                why = "the source Vec's buffer is reused in place (no new allocation)"
            elif spec.trusted_len:
                why = "the length is known up front (TrustedLen), so it allocates once, exactly"
            else:
                why = (f"after filter the length is unknown: room for {min_non_zero_cap(dst)} at the "
                       f"first element, then doubling by realloc")
            if dst.size == 0:
                site = _quiet_site(e, "collect")
            else:
                site = self.cl.site(e, "collect", reasons.expr_reason("collect", extra=why))
        if terminal == "sum":
            st = getattr(e, "sum_ty", None) or result
            spec.result = st
        return ir.Intrinsic(result, pos, "iter_chain", args, site=site, extra=spec)

    # ---- closures ------------------------------------------------------------------------

    def v_Closure(self, e: A.Closure) -> ir.Expr:
        fty: FuncType = e.fty  # type: ignore[attr-defined]
        ret = fty.results[0] if fty.results else UNIT
        flags: set[tuple] = set()
        for attempt in range(3):
            sub = type(self)(self.cl, e, ret, flags)
            sub.parent = self  # type: ignore[attr-defined]
            func = sub.lower_closure(e, fty)
            if sub.need_flags <= flags:
                break
            flags = flags | sub.need_flags
        caps = list(sub.captures.values())
        for c in caps:
            b = next(b for b, cc in sub.captures.items() if cc is c)
            if b.owner is self.owner or not isinstance(self.owner, A.Closure):
                v = self.cl.var(b)
                if v in self.state.vars:
                    self.check_usable((v, ()), e.pos, "borrow", b.name)
        owned = getattr(e, "owned_captures", None)
        if owned:
            self.move_into_closure(e, owned)
        site = ir.AllocSite(e.pos, "func_lit", "closure", "stack",
                            "a closure's captures live in the caller's stack frame")
        func.captures = caps
        return ir.FuncLit(fty, e.pos, site, func, caps)

    def lower_closure(self, e: A.Closure, fty: FuncType) -> ir.Func:
        params: list[ir.Var] = []
        func = ir.Func("{closure}", e.pos, [], list(fty.results), ir.Block(e.pos, []),
                       outer=getattr(self, "parent").func)
        self.func = func
        fn_scope = self.push_scope("fn")
        self.cur = []
        pattern_params: list[tuple[A.ClosureParam, ir.Var]] = []
        for k, p in enumerate(e.params):
            pt = fty.params[k]
            if isinstance(p.pattern, A.PIdent):
                v = self.cl.var(p.pattern.binding)  # type: ignore[attr-defined]
            else:
                v = self.cl.hidden_var(("cparam", id(p)), f"<arg {k}>", pt, p.pos)
                if not isinstance(p.pattern, A.PWild):
                    pattern_params.append((p, v))
            params.append(v)
            fn_scope.entries.append(Entry(v))
            self.state.vars[v] = INIT
        func.params = params
        for v in params:
            self.set_flags(v, (), True, e.pos, decl=True)

        def pre(block_scope: Scope) -> None:
            for p, v in pattern_params:
                self.bind_pattern(p.pattern, PlaceInfo(ir.VarRef(v.ty, p.pos, v), (v, ()), True, desc=v.name),
                                  block_scope)
        body = e.body
        ret = fty.results[0] if fty.results else UNIT
        if isinstance(body, A.Block):
            blk = body
        else:
            blk = A.Block(body.pos, [], body, body.pos)
            blk.ty = body.ty
        self.lower_body(blk, ret, blk.end_pos, pre)
        func.body = ir.Block(e.pos, self.cur, [], None)
        func.locals = _locals_in(func.body, params, [c.inner for c in self.captures.values()])
        return func

    # ---- macros -------------------------------------------------------------------------------

    def v_VecMacro(self, e: A.VecMacro) -> ir.Expr:
        t = e.ty
        et = t.elem  # type: ignore[union-attr]
        if e.repeat is not None:
            x, n = e.repeat
            xv = self.value(x)
            nv = self.value(n)
            quiet = et.size == 0 or (isinstance(nv, ir.Const) and nv.value == 0)
            site = _quiet_site(e, "vec") if quiet else self.cl.site(e, "vec", reasons.expr_reason("vec_repeat"))
            return ir.Intrinsic(t, e.pos, "vec_repeat", [xv, nv], site=site)
        if not e.elems:
            return ir.Intrinsic(t, e.pos, "vec_new", [])
        vals = [self.coerced(x, self.value(x)) for x in e.elems]
        quiet = et.size == 0
        site = _quiet_site(e, "vec") if quiet else self.cl.site(
            e, "vec", reasons.expr_reason("vec_lit", et, len(e.elems)))
        return ir.Intrinsic(t, e.pos, "vec_lit", vals, site=site)

    def lower_print(self, e: A.PrintMacro) -> None:
        args = self.fmt_args(e.pieces, e.args, False)
        pieces = list(e.pieces)
        if not e.newline:
            pieces.append("\0nonl")
        if e.stderr:  # eprint!: unbuffered stderr, nothing allocated
            pieces.append("\0err")
        self.emit(ir.Print(e.pos, args, pieces, site=None if e.stderr else stdout_site(e)))

    def temp_value_for_print(self, a: A.Expr) -> ir.Expr:
        pl = self.temp_place(a)
        return pl.ir

    def panic(self, e: A.PanicMacro) -> ir.Expr:
        return ir.Intrinsic(NEVER, e.pos, "panic", [], extra=e.message)

    def v_PanicMacro(self, e: A.PanicMacro) -> ir.Expr:
        return self.panic(e)

    def v_PrintMacro(self, e: A.PrintMacro) -> ir.Expr:
        self.lower_print(e)
        return ir.CompositeLit(UNIT, e.pos, [])
