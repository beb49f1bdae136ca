"""Value expressions: literals, operators, references, aggregates, blocks and calls."""

from __future__ import annotations

from .. import ir
from ..types import FloatType, IntType, PtrType, SliceType, StructType, UnitType
from . import ast as A
from . import reasons
from .moves import merge_states
from .rtypes import BOOL, RUST_STR, STRING, UNIT, USIZE, NeverT, is_copy, needs_drop
from .typeck_common import FnInfo
from .lower_common import Pos, _is_ir_place, _is_place_expr, _never, _quiet_site


class ExprLower:
    def value(self, e: A.Expr) -> ir.Expr:
        """Lower `e` used by value (moves out of non-Copy places)."""
        meth = getattr(self, "v_" + e.__class__.__name__, None)
        if meth is None:
            self.fail(f"unsupported: {e.__class__.__name__.lower()}", e.pos)
        return meth(e)

    def v_Lit(self, e: A.Lit) -> ir.Expr:
        t = e.ty
        v = e.value
        if isinstance(t, FloatType):
            v = float(v)
        return ir.Const(t, e.pos, v)

    def v_Path(self, e: A.Path) -> ir.Expr:
        hit = getattr(e, "variant", None)
        if hit is not None:
            return self.enum_value(hit[0], hit[1], [], e.pos)
        b = getattr(e, "binding", None)
        if b is not None:
            pl = self.place(e)
            return self.use_place(pl, e.ty, e.pos)
        c = getattr(e, "const", None)
        if c is not None:
            return self.value(c.value)
        if hasattr(e, "const_value"):
            return ir.Const(e.ty, e.pos, e.const_value)  # type: ignore[attr-defined]
        if getattr(e, "builtin", None) == "None":
            return ir.Const(e.ty, e.pos, None)
        st = getattr(e, "unit_struct", None)
        if st is not None:
            return ir.CompositeLit(st, e.pos, [])
        self.fail("unsupported: path", e.pos)

    def v_Field(self, e: A.Field) -> ir.Expr:
        pl = self.place(e)
        return self.use_place(pl, e.ty, e.pos)

    def v_Index(self, e: A.Index) -> ir.Expr:
        if getattr(e, "slice", False):
            self.fail("unsupported: slicing without `&`", e.pos)
        pl = self.place(e)
        return self.use_place(pl, e.ty, e.pos)

    def v_Unary(self, e: A.Unary) -> ir.Expr:
        if e.op == "*":
            pl = self.place(e)
            return self.use_place(pl, e.ty, e.pos)
        if e.op == "-" and isinstance(e.x, A.Lit) and e.x.kind in ("int", "float"):
            t = e.ty
            v = -e.x.value
            if isinstance(t, FloatType):
                v = float(v)
            return ir.Const(t, e.pos, v)
        x = self.derefd(self.value(e.x), getattr(e, "derefs", 0), e.pos)
        t = e.ty
        if e.op == "!" and isinstance(t, IntType):
            return ir.Unary(t, e.pos, "^", x)
        return ir.Unary(t, e.pos, e.op, x)

    def derefd(self, v: ir.Expr, n: int, pos: Pos) -> ir.Expr:
        for _ in range(n):
            pt = v.ty
            assert isinstance(pt, PtrType)
            v = ir.Deref(pt.elem, pos, v)
        return v

    def v_Binary(self, e: A.Binary) -> ir.Expr:
        op = e.op
        if op in ("&&", "||"):
            x = self.value(e.left)
            before = self.state.copy()
            stmts, y = self.capture_stmts(lambda: self.value(e.right))
            self.state = merge_states(before, self.state) or self.state
            return ir.Binary(BOOL, e.pos, op, x, self.seq(stmts, y, e.right.pos))
        uv = self.user_binary_value(e)  # type: ignore[attr-defined]
        if uv is not None:
            return uv
        if getattr(e, "string_add", False):
            x = self.value(e.left)
            y = self.coerced(e.right, self.value(e.right))
            site = self.cl.site(e, "push_str", reasons.expr_reason("push_str"))
            return ir.Intrinsic(STRING, e.pos, "string_add", [x, y], site=site)
        none = getattr(e, "none_test", None)
        if none is not None:
            other = e.left if none is e.right else e.right
            x = self.derefd(self.operand_ref(other), getattr(e, "lderefs" if other is e.left else "rderefs", 0),
                            e.pos)
            pl = x if _is_ir_place(x) else self.seq_temp(x, e.pos)
            test = ir.Intrinsic(BOOL, e.pos, "opt_is_some", [pl])
            return test if op == "!=" else ir.Unary(BOOL, e.pos, "!", test)
        if op in ("==", "!=", "<", "<=", ">", ">="):
            # PartialEq / PartialOrd take both operands by reference: no move
            x = self.derefd(self.operand_ref(e.left), getattr(e, "lderefs", 0), e.pos)
            y = self.derefd(self.operand_ref(e.right), getattr(e, "rderefs", 0), e.pos)
        else:
            x = self.derefd(self.value(e.left), getattr(e, "lderefs", 0), e.pos)
            y = self.derefd(self.value(e.right), getattr(e, "rderefs", 0), e.pos)
        if getattr(e, "seq_eq", False):
            test = ir.Intrinsic(BOOL, e.pos, "std_seq_eq", [x, y])
            return test if op == "==" else ir.Unary(BOOL, e.pos, "!", test)
        if isinstance(x.ty, SliceType) or isinstance(y.ty, SliceType):
            # String comparisons: compare texts
            if isinstance(x.ty, SliceType):
                x = self.string_view(x, e.pos)
            if isinstance(y.ty, SliceType):
                y = self.string_view(y, e.pos)
        checked = isinstance(e.ty, IntType)
        return ir.Binary(e.ty, e.pos, op, x, y, checked=checked)

    def seq_temp(self, v: ir.Expr, pos: Pos) -> ir.Expr:
        """A Copy value as a place (a frame temporary)."""
        t = v.ty
        tmp = self.cl.hidden_var((id(v), "cmp"), "<temporary>", t, pos)
        pt = PtrType(t, "ref")
        return ir.Deref(t, pos, ir.BlockExpr(pt, pos, ir.Block(
            pos, [ir.Decl(pos, tmp, v)], [], ir.AddrOf(pt, pos, ir.VarRef(t, pos, tmp)))))

    def operand_ref(self, x: A.Expr) -> ir.Expr:
        """An operand read through a reference: a place is not moved, an
        owning temporary lives to the end of the statement."""
        if is_copy(x.ty):
            return self.value(x)
        if _is_place_expr(x):
            pl = self.place(x)
            self.check_usable(pl.path, x.pos, "borrow", pl.desc)
            return pl.ir
        return self.temp_place(x).ir

    def string_view(self, v: ir.Expr, pos: Pos) -> ir.Expr:
        return ir.Intrinsic(RUST_STR, pos, "string_value_as_str", [v])

    def v_Ref(self, e: A.Ref) -> ir.Expr:
        if getattr(e.x, "slice", False):
            return self.slice_range(e.x, e)
        if isinstance(e.x, A.Lit) and e.x.kind == "str":
            pl = self.temp_place(e.x)
            return ir.AddrOf(e.ty, e.pos, pl.ir)
        pl = self.place(e.x) if _is_place_expr(e.x) else self.temp_place(e.x)
        self.check_usable(pl.path, e.pos, "borrow", pl.desc)
        if e.mutable:
            self.require_mutable(pl, e.pos, "borrow")
        return ir.AddrOf(e.ty, e.pos, pl.ir)

    def slice_range(self, ix: A.Index, e: A.Ref) -> ir.Expr:
        base = self.auto_deref(self.base_place(ix.base), ix.base.ty, getattr(ix, "derefs", 0), ix.pos)
        r = ix.index
        assert isinstance(r, A.Range)
        lo = self.value(r.lo) if r.lo is not None else ir.Const(USIZE, ix.pos, 0)
        hi = self.value(r.hi) if r.hi is not None else None
        kind = getattr(ix, "str_slice", None)
        if kind is not None:
            self.check_usable(base.path, ix.pos, "borrow", base.desc)
            s = ir.Intrinsic(RUST_STR, ix.pos, "string_as_str_of", [base.ir]) if kind == "string" else base.ir
            return ir.Intrinsic(RUST_STR, e.pos, "str_slice", [s, lo] + ([hi] if hi is not None else []),
                                extra=r.inclusive)
        args = [base.ir, lo] + ([hi] if hi is not None else [])
        if e.mutable:
            self.require_mutable(base, e.pos, "borrow")
        return ir.Intrinsic(e.ty, e.pos, "slice_range", args, extra=r.inclusive)

    def v_Cast(self, e: A.Cast) -> ir.Expr:
        x = self.value(e.x)
        if x.ty == e.ty:
            return x
        return ir.Convert(e.ty, e.pos, x)

    def v_Tuple(self, e: A.Tuple) -> ir.Expr:
        if not e.elems:
            return ir.CompositeLit(UNIT, e.pos, [])
        return ir.CompositeLit(e.ty, e.pos, [self.coerced(x, self.value(x)) for x in e.elems])

    def v_Array(self, e: A.Array) -> ir.Expr:
        return ir.CompositeLit(e.ty, e.pos, [self.coerced(x, self.value(x)) for x in e.elems])

    def v_ArrayRepeat(self, e: A.ArrayRepeat) -> ir.Expr:
        n = e.n  # type: ignore[attr-defined]
        et = e.elem.ty
        if n > 1 and not is_copy(et) and not (isinstance(e.elem, A.Path) and getattr(e.elem, "const", None)):
            self.fail(f"the trait bound `{et}: Copy` is not satisfied (array repeat of a non-Copy value)", e.pos)
        x = self.value(e.elem)
        if n == 0 and needs_drop(et):
            pass
        return ir.Intrinsic(e.ty, e.pos, "array_repeat", [x], extra=n)

    def v_StructLit(self, e: A.StructLit) -> ir.Expr:
        if getattr(e, "variant", None) is not None:
            return self.variant_struct_lit(e)
        st: StructType = e.struct  # type: ignore[attr-defined]
        vals: dict[str, ir.Expr] = {}
        order = [name for name, _, _ in e.fields]
        decl_order = [n for n, _ in st.fields]
        for name, x, _ in e.fields:
            vals[name] = self.coerced(x, self.value(x))
        if e.base is not None:
            return self.struct_update(e, st, vals, order)
        if order != decl_order and any(not isinstance(v, (ir.Const, ir.VarRef)) for v in vals.values()):
            # evaluate in source order, then assemble in declaration order
            stmts: list[ir.Stmt] = []
            for name in order:
                v = vals[name]
                if isinstance(v, (ir.Const, ir.VarRef)):
                    continue
                tmp = self.hidden(e, "field " + name, v.ty, f"<field {name}>")
                stmts.append(ir.Decl(e.pos, tmp, v))
                vals[name] = ir.VarRef(v.ty, e.pos, tmp)
            return self.seq(stmts, ir.CompositeLit(st, e.pos, [vals[n] for n in decl_order]), e.pos)
        return ir.CompositeLit(st, e.pos, [vals[n] for n in decl_order])

    def v_Block(self, e: A.Block) -> ir.Expr:
        return self.block_value(e)

    def block_value(self, b: A.Block) -> ir.Expr:
        """A block used for its value: locals dropped after the tail is computed."""
        sc = self.push_scope("block")
        saved = self.cur
        self.cur = []
        t = b.ty
        for s in b.stmts:
            self.lower_stmt(s)
        tail: ir.Expr | None = None
        if b.tail is not None and self.reachable:
            tail = self.coerced(b.tail, self.value(b.tail))
        if not self.reachable:
            stmts = self.cur
            self.cur = saved
            self.scopes.pop()
            for en in sc.entries:
                self.state.forget(en.var)
            # a diverging tail (`loop {}`, `panic!()`) is still evaluated
            value = tail if tail is not None else _never(b.pos)
            return ir.BlockExpr(t, b.pos, ir.Block(b.pos, stmts, [], value))
        drops = self.scope_drops(sc, b.end_pos)
        if tail is None:
            tail = ir.CompositeLit(UNIT, b.pos, [])
        if drops and not isinstance(t, UnitType):
            tv = self.hidden(b, "value", tail.ty, "<block value>")
            self.emit(ir.Decl(b.end_pos, tv, tail))
            tail = ir.VarRef(tail.ty, b.end_pos, tv)
        elif drops:
            self.emit(ir.ExprStmt(b.end_pos, tail))
            tail = ir.CompositeLit(UNIT, b.pos, [])
        self.cur.extend(drops)
        stmts = self.cur
        self.cur = saved
        self.scopes.pop()
        for en in sc.entries:
            self.state.forget(en.var)
        scope_vars = [en.var for en in sc.entries if not getattr(en.var, "hidden", False)]
        return ir.BlockExpr(tail.ty if not isinstance(t, NeverT) else t, b.pos,
                            ir.Block(b.pos, stmts, scope_vars, tail, b.end_pos))

    # ---- calls -----------------------------------------------------------------------------

    def args(self, args: list[A.Expr]) -> list[ir.Expr]:
        return [self.coerced(a, self.value(a)) for a in args]

    def v_Call(self, e: A.Call) -> ir.Expr:
        callee = getattr(e, "callee", None)
        if callee is None:
            self.fail("unsupported: call", e.pos)
        kind = callee[0]
        if kind == "fn":
            info: FnInfo = callee[1]
            f_ir = self.cl.info_func[id(info)]
            return ir.Call(info.ret, e.pos, f_ir, self.args(e.args))
        if kind == "tuple_struct":
            st = callee[1]
            return ir.CompositeLit(st, e.pos, self.args(e.args))
        if kind == "variant":
            return self.enum_value(callee[1], callee[2], self.args(e.args), e.pos)
        if kind == "closure":
            f = self.value(e.func)
            return ir.CallValue(e.ty, e.pos, f, self.args(e.args))
        name = callee[1]
        return self.builtin_call(e, name)

    def builtin_call(self, e: A.Call, name: str) -> ir.Expr:
        t = e.ty
        pos = e.pos
        if name == "fmt_ok":
            return self.fmt_ok_value(e)  # type: ignore[attr-defined]
        if name == "Some":
            v = self.coerced(e.args[0], self.value(e.args[0]))
            return ir.Intrinsic(t, pos, "opt_some", [v])
        if name == "drop":
            self.lower_drop_call(e)
            return ir.CompositeLit(UNIT, pos, [])
        if name == "Box::new":
            inner = t.elem  # type: ignore[union-attr]
            v = self.coerced(e.args[0], self.value(e.args[0]))
            if inner.size == 0:
                site = ir.AllocSite(pos, "box", getattr(e, "src", "Box::new"), "heap",
                                    "a zero-sized value: Box::new allocates nothing")
                return ir.Alloc(t, pos, site, v)
            site = self.cl.site(e, "box", reasons.expr_reason("box", inner))
            return ir.Alloc(t, pos, site, v)
        if name in ("RefCell::new", "Cell::new"):
            return ir.Intrinsic(t, pos, "refcell_new" if name == "RefCell::new" else "cell_new",
                                self.args(e.args))
        if name == "Rc::new":
            inner = t.elem  # type: ignore[union-attr]
            v = self.coerced(e.args[0], self.value(e.args[0]))
            site = self.cl.site(e, "rc", reasons.expr_reason("rc", inner))
            return ir.Intrinsic(t, pos, "rc_new", [v], site=site)
        if name == "Rc::clone":
            p = self.coerced(e.args[0], self.value(e.args[0]))
            return ir.Intrinsic(t, pos, "rc_clone", [ir.Deref(p.ty.elem, pos, p)])  # type: ignore[union-attr]
        if name in ("Rc::downgrade", "Rc::weak_count"):
            p = self.coerced(e.args[0], self.value(e.args[0]))
            key = "rc_downgrade" if name == "Rc::downgrade" else "rc_weak_count"
            return ir.Intrinsic(t, pos, key, [ir.Deref(p.ty.elem, pos, p)])  # type: ignore[union-attr]
        if name == "Weak::new":
            return ir.Intrinsic(t, pos, "weak_new", [])
        if name == "Rc::strong_count":
            p = self.coerced(e.args[0], self.value(e.args[0]))
            return ir.Intrinsic(USIZE, pos, "rc_strong_count", [ir.Deref(p.ty.elem, pos, p)])  # type: ignore[union-attr]
        mc = self.map_builtin_call(e, name)
        if mc is not None:
            return mc
        if name == "Vec::new":
            return ir.Intrinsic(t, pos, "vec_new", [])
        if name == "Vec::with_capacity":
            n = self.value(e.args[0])
            et = t.elem  # type: ignore[union-attr]
            site = None
            if et.size and not (isinstance(n, ir.Const) and n.value == 0):
                site = self.cl.site(e, "vec", reasons.expr_reason("with_capacity"))
            return ir.Intrinsic(t, pos, "vec_with_capacity", [n], site=site or _quiet_site(e, "vec"))
        if name == "String::new":
            return ir.Intrinsic(t, pos, "vec_new", [])
        if name == "String::with_capacity":
            n = self.value(e.args[0])
            site = None
            if not (isinstance(n, ir.Const) and n.value == 0):
                site = self.cl.site(e, "string", reasons.expr_reason("with_capacity"))
            return ir.Intrinsic(t, pos, "vec_with_capacity", [n], site=site or _quiet_site(e, "string"))
        if name in ("String::from", "String::from_string"):
            a = e.args[0]
            v = self.coerced(a, self.value(a))
            if name == "String::from_string":
                return v  # From<String> for String is the identity
            site = self.string_site(e, a)
            return ir.Intrinsic(t, pos, "string_from", [v], site=site)
        self.fail(f"unsupported: `{name}`", pos)

    def string_site(self, e: A.Expr, a: A.Expr) -> ir.AllocSite:
        if isinstance(a, A.Lit) and a.kind == "str" and a.value == "":
            return _quiet_site(e, "string")
        return self.cl.site(e, "string", reasons.expr_reason("string_from"))

    def lower_drop_call(self, e: A.Call) -> None:
        a = e.args[0]
        t = a.ty
        if _is_place_expr(a):
            pl = self.place(a)
            if is_copy(t):
                self.check_usable(pl.path, a.pos, "use", pl.desc)
                return
            self.use_place(pl, t, a.pos)  # checks and marks the move
            if needs_drop(t):
                self.emit(ir.Drop(e.pos, pl.ir))
            return
        v = self.value(a)
        if needs_drop(t):
            tmp = self.hidden(e, "drop", t, "<dropped>")
            self.emit(ir.Decl(e.pos, tmp, v))
            self.emit(ir.Drop(e.pos, ir.VarRef(t, e.pos, tmp)))
        else:
            self.emit(ir.ExprStmt(e.pos, v))
